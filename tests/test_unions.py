"""oneOf/anyOf become unions; a discriminator picks the option by its property's value."""

from __future__ import annotations

import textwrap
from pathlib import Path

from .conftest import ROOT, assert_mypy_strict, generate_package, run_script

SPEC = ROOT / "tests" / "specs" / "discriminator.yaml"

SCRIPT = textwrap.dedent("""
    import httpx
    from pets import Client
    from pets.models import Cat, Dog

    pets = [
        {"petType": "kitty", "barks": True},  # the mapping wins over the shape
        {"petType": "Dog", "barks": True},  # implicit mapping: the schema's name
        {"PetType": "Cat", "meows": True},  # the property's name is read in any case
        {"barks": False, "petType": "Unknown"},  # no mapping: the first option that reads it
    ]
    client = Client(token="t", base_url="https://pets.test",
                    transport=httpx.MockTransport(lambda r: httpx.Response(200, json=pets)))
    read = client.default.list_pets()
    print([type(p).__name__ for p in read])
    # Written back as read, keys in the spec's spelling.
    pets[2] = {"petType": "Cat", "meows": True}
    print([p.to_dict() for p in read] == pets)
    """)


def test_the_discriminator_chooses_the_option(tmp_path: Path) -> None:
    out = tmp_path / "out"
    generate_package(SPEC, out, "pets")
    assert run_script(out, SCRIPT).split("\n")[:2] == ["['Cat', 'Dog', 'Cat', 'Cat']", "True"]
    assert_mypy_strict(out, "pets")
