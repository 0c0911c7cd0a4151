"""no-ambiguous-paths finds candidates through an index; it must find exactly the pairs the
rule's definition names, which is checked here against every pair, on random route sets."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.lint import Context
from generator.load import Document
from generator.rules import ambiguous_paths

TEMPLATE = re.compile(r"\{[^}]*\}")
segments = st.sampled_from(["a", "b", "carts", "{id}", "{x}", "v{n}", "items"])
routes = st.lists(st.lists(segments, min_size=1, max_size=4), max_size=12).map(
    lambda lists: list(dict.fromkeys("/" + "/".join(s) for s in lists))
)


def by_definition(route_list: list[str]) -> list[tuple[str, str]]:
    """Each later route with each earlier one it is ambiguous with, comparing every pair."""
    found = []
    for i, route in enumerate(route_list):
        for other in route_list[:i]:
            a, b = route.strip("/").split("/"), other.strip("/").split("/")
            if len(a) != len(b):
                continue
            ta = [bool(TEMPLATE.search(x)) for x in a]
            tb = [bool(TEMPLATE.search(y)) for y in b]
            agree = all(x == y or s or t for x, y, s, t in zip(a, b, ta, tb, strict=True))
            fixed_a = any(not s and t for s, t in zip(ta, tb, strict=True))
            fixed_b = any(s and not t for s, t in zip(ta, tb, strict=True))
            if agree and fixed_a and fixed_b:
                found.append((route, other))
    return found


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(route_list=routes)
def test_the_index_finds_every_ambiguous_pair_and_no_other(route_list: list[str]) -> None:
    paths: dict[str, object] = {route: {} for route in route_list}
    doc = Document(path=None, data={"openapi": "3.0.3", "paths": paths})  # type: ignore[arg-type]
    found = [
        (path[1], re.findall(r"'([^']*)'", message)[1])
        for path, message in ambiguous_paths(Context(doc))
    ]
    assert found == by_definition(route_list)


def test_the_documented_example() -> None:
    doc = Document(
        path=None,  # type: ignore[arg-type]
        data={"paths": {"/carts/{cartId}/items": {}, "/carts/current/{part}": {}}},
    )
    ((path, message),) = list(ambiguous_paths(Context(doc)))
    assert path == ("paths", "/carts/current/{part}")
    assert "'/carts/{cartId}/items'" in message
