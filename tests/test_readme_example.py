"""The usage example in the generated package's README runs, against the fake service."""

from __future__ import annotations

import contextlib
import io
import re

import partnercenter

from .conftest import GENERATED
from .fakeserver import DEFAULT_TOKEN, FakePartnerCenter

CUSTOMER = "d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d"


def readme_example() -> str:
    text = (GENERATED / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)
    assert blocks, "the README shows no Python example"
    return blocks[0]


def test_the_readme_example_runs_the_seed_flow() -> None:
    example = readme_example()
    assert "client.carts.checkout" in example
    tokens_asked = []

    def get_token() -> str:
        tokens_asked.append(1)
        return DEFAULT_TOKEN

    with FakePartnerCenter() as server:
        # The example uses the real service root; point the client at the fake one instead.
        original = partnercenter.Client.__init__.__kwdefaults__["base_url"]
        partnercenter.Client.__init__.__kwdefaults__["base_url"] = server.url
        printed = io.StringIO()
        try:
            with contextlib.redirect_stdout(printed):
                exec(example, {"get_token": get_token, "customer_id": CUSTOMER})
        finally:
            partnercenter.Client.__init__.__kwdefaults__["base_url"] = original
        (cart,) = server.carts().values()
        methods = [r.method for r in server.requests]
    assert methods == ["POST", "GET", "PUT", "POST"]
    assert cart["lineItems"][0]["quantity"] == 2
    assert len(tokens_asked) == 4
    assert printed.getvalue().strip().endswith(" completed")
