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


RECURSIVE = ROOT / "tests" / "specs" / "recursive_union.yaml"
TREE_SCRIPT = textwrap.dedent("""
    import sys
    from trees.models import Branch, Tree

    depth = 10
    node = {"children": [], "name": "leaf-most"}
    for level in range(depth):
        node = {"children": [node], "name": f"level {level}"}  # children come first
    calls = 0

    def count(frame, event, arg):
        global calls
        if event == "call" and frame.f_code.co_name in ("_from_dict", "read", "decode"):
            calls += 1

    sys.setprofile(count)
    tree = Tree.from_dict({"root": node})
    sys.setprofile(None)
    kinds, branch = [], tree.root
    while True:
        kinds.append(type(branch).__name__)
        if not branch.children:
            break
        branch = branch.children[0]
    print(kinds == ["Branch"] * (depth + 1), tree.to_dict() == {"root": node}, calls)
    """)


def test_a_recursive_union_reads_in_time_linear_in_its_depth(tmp_path: Path) -> None:
    # Options that do not fit (a required key missing, a scalar of another type) must be
    # refused before they read the subtree; else every level reads it once per option tried,
    # 3**10 times here.
    out = tmp_path / "out"
    generate_package(RECURSIVE, out, "trees")
    same_kinds, round_trip, calls = run_script(out, TREE_SCRIPT).split()
    assert (same_kinds, round_trip) == ("True", "True")
    assert int(calls) < 20 * 11
