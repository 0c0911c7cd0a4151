"""Step 2: check the document against the OpenAPI schema, locating every error in the file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jsonschema.exceptions import ValidationError, best_match
from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator
from openapi_spec_validator.validation.validators import SpecValidator

from .errors import SpecError, SpecErrors
from .load import MISSING, Document, JsonPath, resolve_pointer

_VALIDATORS: dict[str, type[SpecValidator]] = {
    "3.0": OpenAPIV30SpecValidator,
    "3.1": OpenAPIV31SpecValidator,
}
_MAX_MESSAGE = 240


def validate(doc: Document) -> None:
    """Raise SpecErrors listing every problem openapi-spec-validator and our ref check find."""
    errors = list(iter_errors(doc))
    if errors:
        raise SpecErrors(errors)


def iter_errors(doc: Document) -> Iterator[SpecError]:
    """Every validation error of `doc`, in document order."""
    version = doc.data.get("openapi")
    if not isinstance(version, str) or version[:3] not in _VALIDATORS:
        yield SpecError(
            f"unsupported OpenAPI version {version!r}; expected 3.0.x or 3.1.x",
            location=doc.locate(("openapi",)),
            rule="openapi-version",
        )
        return
    # openapi-spec-validator crashes on a $ref it cannot resolve, so those are found first.
    broken = list(_unresolved_refs(doc))
    if broken:
        yield from broken
        return
    validator = _VALIDATORS[version[:3]](doc.data)
    found = []
    for error in validator.iter_errors():
        path: JsonPath = tuple(error.absolute_path)
        found.append((doc.marks.get(path, (0, 0)), _message(error), path))
    for _, message, path in sorted(found, key=lambda f: (f[0], f[1])):
        yield SpecError(message, location=doc.locate(path), rule="openapi-schema")


def _message(error: ValidationError) -> str:
    # A failed oneOf/anyOf says little; its most relevant sub-error says what to fix.
    if error.context:
        error = best_match(error.context) or error
    text = error.message
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "…"


def _unresolved_refs(doc: Document) -> Iterator[SpecError]:
    for path, ref in _refs(doc.data, ()):
        if not ref.startswith("#"):
            yield SpecError(
                f"$ref {ref!r} points outside this document, which is not supported",
                location=doc.locate(path),
                rule="unsupported-ref",
            )
        elif resolve_pointer(doc.data, ref) is MISSING:
            yield SpecError(
                f"$ref {ref!r} does not resolve", location=doc.locate(path), rule="unresolved-ref"
            )


def _refs(node: Any, path: JsonPath) -> Iterator[tuple[JsonPath, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield (*path, key), value
            else:
                yield from _refs(value, (*path, key))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _refs(item, (*path, i))
