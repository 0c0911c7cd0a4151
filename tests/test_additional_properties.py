"""`additionalProperties` beside `properties`: the keys the spec does not name are typed by it,
read through its codec and written back as they were read."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from .conftest import ROOT, assert_mypy_strict, generate_package, run_script

SPEC = ROOT / "tests" / "specs" / "additional_properties.yaml"

SCRIPT = textwrap.dedent("""
    import datetime
    from extras.models import Closed, Counts, Derived, Free, Shelf, Times, Tree
    from extras.errors import DecodeError

    def show(label, value):
        print(f"{label}={value!r}")

    # Annotations: typed where the spec types the extra keys, Any where it does not.
    for cls in (Counts, Times, Tree, Shelf, Free, Closed, Derived):
        show(cls.__name__, cls.__annotations__["additional_properties"])

    counts = Counts.from_dict({"total": 3, "a": 1, "B": 2})
    show("counts", counts.additional_properties)
    show("counts back", counts.to_dict())

    sent = {"id": "x", "at": "2019-01-16T00:45:41.6062996Z", "gone": None}
    times = Times.from_dict(sent)
    show("times at", type(times.additional_properties["at"]).__name__)
    show("times back", times.to_dict() == sent)
    times.additional_properties["at"] = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    show("times changed", times.to_dict()["at"])

    tree = Tree.from_dict({"name": "root", "left": {"name": "leaf"}})
    show("tree", type(tree.additional_properties["left"]).__name__)
    shelf = Shelf.from_dict({"name": "s", "row": {"total": 1, "x": 2}})
    show("shelf", shelf.additional_properties["row"].additional_properties)
    show("derived", Derived.from_dict({"label": "l", "n": 5}).additional_properties)
    show("free", Free.from_dict({"name": "f", "n": [1, "two"]}).additional_properties)

    try:
        Counts.from_dict({"total": 1, "bad": "nope"})
    except DecodeError as exc:
        show("refused", str(exc))
    """)


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("extras") / "out"
    generate_package(SPEC, out, "extras")
    return out


def test_extra_keys_are_typed_read_and_written_back(out: Path) -> None:
    lines = dict(line.split("=", 1) for line in run_script(out, SCRIPT).splitlines())
    assert lines["Counts"] == "'dict[str, int]'"
    assert lines["Times"] == "'dict[str, datetime.datetime | None]'"
    assert lines["Tree"] == "'dict[str, Tree]'"
    assert lines["Shelf"] == "'dict[str, Counts]'"
    assert lines["Free"] == lines["Closed"] == "'dict[str, Any]'"
    assert lines["Derived"] == "'dict[str, int]'"  # from the allOf part that says
    assert lines["counts"] == "{'a': 1, 'B': 2}"
    assert lines["counts back"] == "{'total': 3, 'a': 1, 'B': 2}"
    assert lines["times at"] == "'datetime'"
    assert lines["times back"] == "True"  # seven fraction digits, as sent
    assert lines["times changed"] == "'2020-01-01T00:00:00+00:00'"  # changed: encoded
    assert lines["tree"] == "'Tree'"
    assert lines["shelf"] == "{'x': 2}"
    assert lines["derived"] == "{'n': 5}"
    assert lines["free"] == "{'n': [1, 'two']}"
    assert lines["refused"] == "\"bad: expected an integer, got a string 'nope'\""


def test_the_package_passes_mypy_strict(out: Path) -> None:
    assert_mypy_strict(out, "extras")
