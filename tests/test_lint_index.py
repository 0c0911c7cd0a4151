"""The walk lint's rules share (lint.Context): every node listed once, indexed by its key and
by its parent's key, each with whether it is data (`in_data`), a step per node. It must say
what `in_data` says of every node, for our documents and for any tree of awkward keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import GeneratorError
from generator.lint import Context, in_data
from generator.load import Document, load

from .conftest import ROOT, SPEC

DOCUMENTS = [
    SPEC,
    *sorted((ROOT / "tests" / "specs").rglob("*.yaml")),
    *sorted((ROOT / "tests" / "lint_corpus").glob("*.yaml")),
]


def walked(ctx: Context) -> list[tuple[tuple[Any, ...], bool]]:
    return [(entry[0], entry[2]) for entry in ctx._index()]


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_the_walk_says_what_in_data_says(path: Path) -> None:
    try:
        doc = load(path)
    except GeneratorError:
        pytest.skip("not a document the loader reads")
    found = walked(Context(doc))
    assert [p for p, _ in found] == [p for p, _ in Context(doc).walk()]
    for node_path, data in found:
        assert data == in_data(node_path), node_path


KEYS = "properties examples example value default enum x-a schemas content a paths".split()
trees = st.recursive(
    st.none(),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from([*KEYS, "x-bundled"]), inner, max_size=3),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(tree=st.dictionaries(st.sampled_from([*KEYS, "x-bundled"]), trees, max_size=4))
def test_the_walk_says_what_in_data_says_of_any_tree(tree: dict[str, Any]) -> None:
    doc = Document(path=Path("spec.yaml"), data=tree)
    for node_path, data in walked(Context(doc)):
        assert data == in_data(node_path), node_path


def test_the_index_finds_nodes_by_their_key_and_their_parents_key() -> None:
    doc = Document(
        path=Path("spec.yaml"),
        data={
            "info": {"description": "d", "x-note": {"description": "data"}},
            "paths": {"/a": {"get": {"$ref": "#/x", "description": "e"}}},
        },
    )
    ctx = Context(doc)
    assert ctx.at("description") == [
        (("info", "description"), "d"),
        (("paths", "/a", "get", "description"), "e"),
    ]
    assert len(ctx.at("description", data=True)) == 3
    assert ctx.under("paths") == [(("paths", "/a"), doc.data["paths"]["/a"])]
    assert ctx.holding("$ref") == [(("paths", "/a", "get"), doc.data["paths"]["/a"]["get"])]
