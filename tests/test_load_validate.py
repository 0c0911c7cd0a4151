"""Loading and validating a spec: every problem is one located line, and a typed error."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator import load as load_module
from generator.errors import InputError, SpecError, SpecErrors
from generator.load import load
from generator.validate import validate

from .conftest import SPEC

MINIMAL = """\
openapi: 3.0.3
info:
  title: T
  version: '1'
paths: {}
"""


def test_our_spec_loads_with_marks_for_every_node() -> None:
    doc = load(SPEC)
    validate(doc)
    line, _ = doc.marks[("components", "schemas", "Cart")]
    text = SPEC.read_text(encoding="utf-8").splitlines()
    assert text[line - 1].strip() == "Cart:"


def test_locate_falls_back_to_the_nearest_existing_ancestor(write_spec) -> None:
    doc = load(write_spec(MINIMAL))
    assert doc.locate(("paths", "/missing", "get")).line == 5


def test_duplicate_keys_are_recorded_where_the_second_one_stands(write_spec) -> None:
    path = write_spec(MINIMAL + "info:\n  title: again\n")
    doc = load(path)
    (duplicate,) = doc.duplicates
    assert duplicate.rule == "duplicate-key"
    assert duplicate.location is not None
    assert (duplicate.location.line, duplicate.location.column) == (6, 1)
    assert str(duplicate).startswith(f"{path}:6:1 error duplicate-key")


def test_invalid_yaml_is_located(write_spec) -> None:
    path = write_spec("openapi: 3.0.3\ninfo: [unclosed\n")
    with pytest.raises(InputError) as caught:
        load(path)
    assert caught.value.rule == "yaml"
    assert caught.value.location is not None and caught.value.location.line >= 2


def test_text_that_is_not_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "spec.yaml"
    path.write_bytes(b"openapi: 3.0.3\ninfo:\n  title: caf\xe9\n")
    with pytest.raises(InputError) as caught:
        load(path)
    assert caught.value.rule == "encoding"
    assert caught.value.location is not None and caught.value.location.line == 3


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load(tmp_path / "nope.yaml")
    assert caught.value.rule == "unreadable"


def test_alias_bombs_are_refused_within_the_node_budget(write_spec) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]")
    with pytest.raises(SpecError) as caught:
        load(write_spec("\n".join(lines) + "\n"), max_nodes=100_000)
    assert caught.value.rule == "too-many-nodes"


READERS = [
    pytest.param(getattr(yaml, "CSafeLoader", None), id="libyaml"),
    pytest.param(yaml.SafeLoader, id="pure-python"),
]


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("depth", [990, 3000], ids=["our-walks", "the-readers-limit"])
@pytest.mark.parametrize("anchored", [False, True], ids=["plain", "with-an-anchor"])
def test_a_document_nested_too_deeply_is_refused_in_one_line(
    write_spec, monkeypatch, reader: type[yaml.SafeLoader] | None, depth: int, anchored: bool
) -> None:
    # At 990 levels libyaml reads the document and our own walks (the alias count with an
    # anchor, the builder without) run out of stack; at 3000 libyaml stops at its own depth
    # limit and PyYAML's pure-Python composer runs out of stack. Every way gives one refusal.
    if reader is None:
        pytest.skip("this PyYAML has no libyaml")
    monkeypatch.setattr(load_module, "_Loader", reader)
    deep = "[" * depth + "]" * depth
    text = MINIMAL + (f"x-deep: &a {deep}\nx-again: *a\n" if anchored else f"x-deep: {deep}\n")
    with pytest.raises(SpecError) as caught:
        load(write_spec(text))
    assert caught.value.rule == "too-many-nodes"
    assert "nested too deeply" in str(caught.value)
    assert caught.value.location is not None and caught.value.location.line is not None


@pytest.mark.parametrize(
    ("merged", "where"), [("5", (6, 5)), ("[1]", (6, 6))], ids=["a scalar", "a list of one"]
)
def test_a_merge_key_of_something_but_mappings_is_one_located_error(
    write_spec, merged: str, where: tuple[int, int]
) -> None:
    with pytest.raises(SpecError) as caught:
        load(write_spec(MINIMAL + f"<<: {merged}\n"))
    assert caught.value.rule == "yaml"
    assert "invalid merge key" in caught.value.message
    assert caught.value.location is not None
    assert (caught.value.location.line, caught.value.location.column) == where


def test_yaml_timestamps_stay_strings(write_spec) -> None:
    doc = load(write_spec(MINIMAL + "x-date: 2019-01-16\n"))
    assert doc.data["x-date"] == "2019-01-16"


def test_schema_errors_are_all_reported_each_with_its_line(write_spec) -> None:
    text = MINIMAL.replace("paths: {}", "paths:\n  /a:\n    get:\n      responses: 7\n")
    text += "components:\n  schemas:\n    A:\n      type: 12\n"
    with pytest.raises(SpecErrors) as caught:
        validate(load(write_spec(text)))
    lines = {e.location.line for e in caught.value.errors if e.location}
    assert 8 in lines  # responses: 7
    assert 12 in lines  # type: 12
    assert all(e.rule == "openapi-schema" for e in caught.value.errors)


def test_unresolved_refs_are_reported_not_crashed_on(write_spec) -> None:
    text = MINIMAL + "components:\n  schemas:\n    A:\n      $ref: '#/components/schemas/B'\n"
    with pytest.raises(SpecErrors) as caught:
        validate(load(write_spec(text)))
    (error,) = caught.value.errors
    assert error.rule == "unresolved-ref"
    assert error.location is not None and error.location.line == 9


def test_unsupported_openapi_versions_are_refused(write_spec) -> None:
    with pytest.raises(SpecErrors) as caught:
        validate(load(write_spec(MINIMAL.replace("3.0.3", "2.0"))))
    assert caught.value.errors[0].rule == "openapi-version"
