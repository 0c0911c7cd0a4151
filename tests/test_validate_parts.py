"""3.0 documents are validated part by part (each path item and component alone, then the
rest with stand-ins), so that a part validated before is not validated again. The errors
must be exactly those of one pass over the whole document."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft4Validator
from openapi_spec_validator import OpenAPIV30SpecValidator

from generator import validate
from generator.cache import Cache
from generator.errors import GeneratorError
from generator.load import load
from generator.validate import _by_parts, iter_errors

from .conftest import ROOT, SPEC

CORPUS = sorted((ROOT / "tests" / "lint_corpus").glob("*.yaml"))
BROKEN = """openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses: {'200': {descripton: typo}}
  /b: {get: {responses: {'204': {description: ok}}}}
  x-ext: {anything: [1]}
  nope: {}
components:
  schemas:
    Good: {type: object}
    Bad: {type: object, required: yes}
    Größe: {type: strnig}
  responses:
    Missing: {content: {}}
    Fine: {$ref: '#/components/responses/Missing'}
"""


def whole(data: dict) -> set[tuple[tuple, str]]:
    validator = OpenAPIV30SpecValidator(data)
    errors = validator.schema_validator.iter_errors(validator.schema)
    return {(tuple(e.absolute_path), e.message) for e in errors}


def parts(data: dict, cache: Cache) -> set[tuple[tuple, str]]:
    return {((*base, *e.absolute_path), e.message) for base, e in _by_parts(data, cache)}


def documents() -> list[Path]:
    found = []
    for path in [SPEC, *CORPUS]:
        try:
            doc = load(path)
        except GeneratorError:
            continue  # unreadable on purpose (YAML errors, duplicate keys ...)
        if str(doc.data.get("openapi", "")).startswith("3.0"):
            found.append(path)
    return found


@pytest.mark.parametrize("path", documents(), ids=lambda p: p.name)
def test_parts_find_what_the_whole_document_pass_finds(path: Path, tmp_path: Path) -> None:
    data = load(path).data
    assert parts(data, Cache(None)) == whole(data)
    cache = Cache(tmp_path / "cache")
    assert parts(data, cache) == whole(data)
    assert parts(data, cache) == whole(data)  # with the valid parts remembered


def test_a_broken_document(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(BROKEN, encoding="utf-8")
    data = load(spec).data
    expected = whole(data)
    assert len(expected) >= 4  # the typo, `required: yes`, the path `nope`, the response
    cache = Cache(tmp_path / "cache")
    for _ in range(2):  # invalid parts are never remembered as valid
        assert parts(data, cache) == expected
    lines = [str(e) for e in iter_errors(load(spec), cache)]
    assert any(":6:" in line for line in lines)  # located in the path item's own lines


def test_a_remembered_part_is_not_validated_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    validated: list[object] = []
    real = validate._validator_of

    class Spy:
        def __init__(self, inner: object) -> None:
            self.inner = inner

        def iter_errors(self, part: object) -> object:
            validated.append(part)
            return self.inner.iter_errors(part)  # type: ignore[attr-defined]

    monkeypatch.setattr(validate, "_validator_of", lambda *key: Spy(real(*key)))
    data = load(SPEC).data
    cache = Cache(tmp_path / "cache")
    parts(data, cache)
    count = len(data["paths"]) + sum(len(v) for v in data["components"].values())
    assert len(validated) == count
    parts(data, cache)
    assert len(validated) == count  # nothing validated the second time
    changed = {**data, "paths": {**data["paths"], "/new": {}}}
    parts(changed, cache)
    assert validated[count:] == [{}]  # only the new part


json_values = st.recursive(
    st.none() | st.booleans() | st.sampled_from([0, 1, 1.0, 2]) | st.sampled_from(["a", "1"]),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(["k", "v"]), inner, max_size=2),
    max_leaves=6,
)


@settings(max_examples=400, deadline=None)
@given(items=st.lists(json_values, max_size=6))
def test_unique_items_agrees_with_jsonschema(items: list[object]) -> None:
    # Ours is linear; jsonschema's compares pairs. Small alphabets make repeats likely, and
    # 1 / 1.0 / True and key order are where equality is subtle.
    ours = list(validate.Draft4Validator({"uniqueItems": True}).iter_errors(items))
    theirs = list(Draft4Validator({"uniqueItems": True}).iter_errors(items))
    assert [e.message for e in ours] == [e.message for e in theirs]
