"""Step 2: check the document against the OpenAPI schema, locating every error in the file.

jsonschema and openapi-spec-validator are imported when something is to be validated: a run
whose every part is known valid (lint's memo, or the cache) does not pay the ~0.3 s."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from .cache import NO_CACHE, Cache, digest
from .errors import SpecError, SpecErrors
from .load import BUNDLE, MISSING, Document, JsonPath, pointer_path, resolve_pointer

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator

_MAX_MESSAGE = 240
_NAME = "^[a-zA-Z0-9\\.\\-_]+$"  # what OpenAPI 3.0's schema requires of component names
_SECTIONS = (
    "schemas responses parameters examples requestBodies headers securitySchemes links callbacks"
).split()


def _frozen(value: Any) -> Any:
    """A hashable stand-in equal for values JSON Schema calls equal (1 and 1.0; not 1 and
    true; objects whatever their key order)."""
    if isinstance(value, str):
        return ("s", value)
    if isinstance(value, bool) or value is None:
        return ("c", value)
    if isinstance(value, int | float):
        return ("n", value)
    if isinstance(value, list | tuple):
        return ("l", tuple(_frozen(v) for v in value))
    if isinstance(value, dict):
        return ("m", frozenset((k, _frozen(v)) for k, v in value.items()))
    raise TypeError(type(value).__name__)


def _unique_items(validator: Validator, unique: Any, instance: Any, schema: Any) -> Any:
    """jsonschema's `uniqueItems`, in linear time: its own compares every pair of objects,
    which is seconds for the thousand tags of a large spec."""
    from jsonschema import Draft4Validator as _Draft4
    from jsonschema.exceptions import ValidationError

    if not (unique and validator.is_type(instance, "array")):
        return
    try:
        repeated = len({_frozen(item) for item in instance}) < len(instance)
    except TypeError:  # not JSON data: jsonschema's own check
        yield from _Draft4.VALIDATORS["uniqueItems"](validator, unique, instance, schema)
        return
    if repeated:
        yield ValidationError(f"{instance!r} has non-unique elements")


@functools.cache
def _draft4() -> type[Validator]:
    """jsonschema's Draft 4 validator with our `uniqueItems`."""
    from jsonschema import Draft4Validator as _Draft4
    from jsonschema.validators import extend

    # jsonschema's `extend` is untyped.
    extended: type[Validator] = extend(  # type: ignore[no-untyped-call]
        _Draft4, {"uniqueItems": _unique_items}
    )
    return extended


def __getattr__(name: str) -> Any:
    # `Draft4Validator` as a module attribute, made on first use.
    if name == "Draft4Validator":
        return _draft4()
    raise AttributeError(name)


@dataclass(frozen=True, slots=True)
class Part:
    """A path item or a component: validated (and linted) alone, and remembered by the digest
    of its JSON ("" when it has none: not JSON data, never remembered)."""

    path: JsonPath
    node: Any
    digest: str
    definition: tuple[str, ...]  # where OpenAPI's schema says what it must be
    pattern: str  # the pattern of its key there


class Known(Protocol):
    """What is known of a document's parts before it is validated (lint's memo): the parts
    valid in an earlier lint of the same spec, and its $refs without a walk."""

    parts: list[Part]
    skeleton: dict[str, Any]  # the document with stand-ins for the parts (`split`)
    rest_digest: str  # of the skeleton's JSON

    def knows(self, part: Part) -> bool: ...  # found valid before

    def knows_rest(self) -> bool: ...  # the skeleton found valid before

    def refs_resolve(self) -> bool: ...  # every $ref of the document resolves


_JSON = json.JSONEncoder(check_circular=False).encode  # the data is a tree: no cycle to find


def json_digest(value: Any) -> str:
    """The digest of `value`'s JSON (key order included); "" when it is not JSON data."""
    try:
        return digest(_JSON(value))
    except (TypeError, ValueError, RecursionError):
        return ""


def split(data: dict[str, Any], *, digests: bool = True) -> tuple[list[Part], dict[str, Any]]:
    """The parts of a document, each path item and component, and the rest of it: the document
    with a stand-in for each part (one that OpenAPI's schema accepts where the part stands)."""
    skeleton = dict(data)
    parts: list[Part] = []
    for container, definition, pattern, stand_in in _PARTS:
        node = _get(data, container)
        if not isinstance(node, dict):
            continue
        copy = dict(node)
        for key, value in node.items():
            if not (isinstance(key, str) and re.search(pattern, key)):
                continue
            copy[key] = stand_in
            digested = json_digest(value) if digests else ""
            parts.append(Part((*container, key), value, digested, definition, pattern))
        _set(skeleton, container, copy)
    return parts, skeleton


def validate(doc: Document, cache: Cache = NO_CACHE) -> None:
    """Raise SpecErrors listing every problem openapi-spec-validator and our ref check find."""
    errors = list(iter_errors(doc, cache))
    if errors:
        raise SpecErrors(errors)


def iter_errors(
    doc: Document, cache: Cache = NO_CACHE, memo: Known | None = None
) -> Iterator[SpecError]:
    """Every validation error of `doc`, in document order. With lint's memo, the parts it knows
    (valid in its last lint) are not validated again, nor are $refs looked for in them."""
    version = doc.data.get("openapi")
    if not isinstance(version, str) or version[:3] not in ("3.0", "3.1"):
        yield SpecError(
            f"unsupported OpenAPI version {version!r}; expected 3.0.x or 3.1.x",
            location=doc.locate(("openapi",)),
            rule="openapi-version",
        )
        return
    # openapi-spec-validator crashes on a $ref it cannot resolve, so those are found first.
    # The memo gives every $ref of the document without a walk; when one is broken, the walk
    # finds them all, in order.
    if memo is not None and not doc.ref_problems and memo.refs_resolve():
        broken: list[SpecError] = []
    else:
        broken = list(_unresolved_refs(doc))
    if broken:
        yield from broken
        return
    # Only the schema pass: openapi-spec-validator's semantic pass checks what our own rules
    # check (path parameters, operationIds, duplicate parameters, defaults, `required`), but
    # reports it at the top of the document, and crashes on documents the schema refuses.
    if version.startswith("3.0"):
        errors = _by_parts(doc.data, cache, memo)
    else:
        from openapi_spec_validator import OpenAPIV31SpecValidator

        spec_validator = OpenAPIV31SpecValidator(doc.data)
        errors = [
            ((), e) for e in spec_validator.schema_validator.iter_errors(spec_validator.schema)
        ]
    paths = [((*base, *e.absolute_path), e) for base, e in errors]
    located = sorted(
        ((doc.marks.get(path, (0, 0)), _message(e), path) for path, e in paths),
        key=lambda found: (found[0], found[1]),
    )
    for _, message, path in located:
        yield SpecError(message, location=doc.locate(path), rule="openapi-schema")
    if errors:
        return
    # What the validator's schema leaves unchecked: files brought in by $ref (they sit in an
    # extension), 3.0 components named outside OpenAPI's pattern (3.0's schema checks only
    # names that match it), and, in 3.1, the Schema Objects themselves (3.1's schema takes any
    # object or boolean as a schema; its schema-base variant checks them as JSON Schema).
    v30 = version.startswith("3.0")
    found: list[tuple[JsonPath, ValidationError]] = []
    if not v30:
        found += [((), e) for e in _validator("3.1", None).iter_errors(doc.data)]
    for path, kind, target in [*_bundled_parts(doc), *_odd_components(doc, v30)]:
        validator = _validator(version[:3], kind)
        found += [(path, e) for e in validator.iter_errors(target)]
    for path, error in sorted(
        found, key=lambda f: (doc.marks.get((*f[0], *f[1].absolute_path), (0, 0)), f[1].message)
    ):
        where = (*path, *error.absolute_path)
        yield SpecError(_message(error), location=doc.locate(where), rule="openapi-schema")


# Where a 3.0 document splits into parts validated alone: the container, the pattern its keys
# match in OpenAPI's schema, and a stand-in that the pattern's schema accepts.
_PARTS = (
    (("paths",), ("Paths",), "^\\/", {}),
    *(
        (("components", section), ("Components", "properties", section), _NAME, {"$ref": "#"})
        for section in _SECTIONS
    ),
)


def _by_parts(
    data: dict[str, Any], cache: Cache, memo: Known | None = None
) -> list[tuple[JsonPath, ValidationError]]:
    """3.0 validation errors (each with the path its own path is relative to), as one pass over
    the whole document would find them, but part by part: each path item and component
    alone, then the rest with stand-ins for them. A part once found valid, with the same
    content, is not validated again (its digest is cached; lint's memo knows the parts valid
    in its last lint without reading the cache)."""
    if memo is not None:
        parts, skeleton = memo.parts, memo.skeleton
    else:
        parts, skeleton = split(data, digests=cache.root is not None)
    found: list[tuple[JsonPath, ValidationError]] = []
    for part in parts:
        if memo is not None and memo.knows(part):
            continue
        key = part.digest and digest(_oas30_digest(), part.pattern, *part.definition, part.digest)
        if key and cache.get("valid", key) is not None:
            continue
        errors = list(_validator_of(part.pattern, part.definition).iter_errors(part.node))
        if key and not errors:
            cache.put("valid", key, b"")
        found += [(part.path, e) for e in errors]
    if memo is None or not memo.knows_rest():
        rest = json_digest(skeleton) if memo is None else memo.rest_digest
        key = rest and digest(_oas30_digest(), "document", rest)
        if not (key and cache.get("valid", key) is not None):
            errors = list(_whole().iter_errors(skeleton))
            if key and not errors:
                cache.put("valid", key, b"")
            found += [((), e) for e in errors]
    return found


@functools.cache
def _whole() -> Validator:
    return _draft4()(_oas30())


def _get(node: Any, path: JsonPath) -> Any:
    for step in path:
        if not isinstance(node, dict):
            return None
        node = node.get(step)
    return node


def _set(root: dict[str, Any], path: JsonPath, value: Any) -> None:
    """Set `value` at `path` in `root`, copying each mapping on the way (the data is shared)."""
    if len(path) == 1:
        root[str(path[0])] = value
        return
    child = dict(root[str(path[0])])
    root[str(path[0])] = child
    _set(child, path[1:], value)


@functools.cache
def _oas30_text() -> str:
    """OpenAPI 3.0's schema, from openapi-spec-validator's folder: found, not imported."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("openapi_spec_validator")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("openapi_spec_validator")
    return (Path(spec.origin).parent / "resources/schemas/v3.0/schema.json").read_text("utf-8")


@functools.cache
def _oas30() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(_oas30_text())
    return schema


@functools.cache
def _oas30_digest() -> str:
    return digest(_oas30_text())


@functools.cache
def _validator_of(pattern: str, definition: tuple[str, ...]) -> Validator:
    oas = _oas30()
    subschema = _get(oas["definitions"], (*definition, "patternProperties", pattern))
    return _draft4()({**subschema, "definitions": oas["definitions"]})


def _message(error: ValidationError) -> str:
    from jsonschema.exceptions import best_match

    # A failed oneOf/anyOf says little; its most relevant sub-error says what to fix. The
    # branch that would make the node a Reference Object (`$ref` required) rarely is that.
    if error.context:
        branches = [
            e for e in error.context if e.validator != "required" or "$ref" not in e.message
        ] or list(error.context)
        error = best_match(branches) or error
    text = error.message
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 1] + "…"


def _unresolved_refs(doc: Document) -> Iterator[SpecError]:
    """Refs that point outside the document, resolve to nothing, or only to each other."""
    for path, ref in _refs(doc.data, ()):
        if path in doc.ref_problems:  # a file the loader could not bring in, and why
            yield SpecError(
                doc.ref_problems[path], location=doc.locate(path), rule="unsupported-ref"
            )
            continue
        if not ref.startswith("#"):
            yield SpecError(
                f"$ref {ref!r} points outside this document, which is not supported",
                location=doc.locate(path),
                rule="unsupported-ref",
            )
            continue
        chain, target = _follow(doc.data, ref)
        if target is MISSING:
            yield SpecError(
                f"$ref {chain[-1]!r} does not resolve",
                location=doc.locate(path),
                rule="unresolved-ref",
            )
        elif isinstance(target, dict) and "$ref" in target:
            yield SpecError(
                f"$ref loop with no schema in between: {' -> '.join([*chain, chain[0]])}",
                location=doc.locate(path),
                rule="ref-loop",
            )


def _follow(data: Any, ref: str) -> tuple[list[str], Any]:
    """The refs followed from `ref` (a local one) and what the last names: MISSING, a node, or
    a $ref object again when they loop."""
    chain = [ref]
    target = _resolve(data, ref)
    while isinstance(target, dict) and isinstance(target.get("$ref"), str):
        if target["$ref"] in chain:  # a loop of bare references: no schema at its end
            break
        chain.append(target["$ref"])
        target = _resolve(data, target["$ref"])
    return chain, target


def _resolve(data: Any, ref: str) -> Any:
    """resolve_pointer, without its unescaping where there is nothing to unescape."""
    if "%" in ref or "~" in ref:
        return resolve_pointer(data, ref)
    node = data
    for key in ref[1:].split("/")[1:]:
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        else:
            return MISSING
    return node


def ref_resolves(data: Any, ref: str) -> bool:
    """Would `_unresolved_refs` find nothing wrong with `ref`, wherever it stands?"""
    if not ref.startswith("#"):
        return False
    _, target = _follow(data, ref)
    return target is not MISSING and not (isinstance(target, dict) and "$ref" in target)


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


# What a $ref at a place must name, by the keys around it (OpenAPI 3.0 definitions).
_BY_PARENT = {
    "responses": "Response",
    "parameters": "Parameter",
    "requestBodies": "RequestBody",
    "paths": "PathItem",
    "headers": "Header",
    "examples": "Example",
    "links": "Link",
    "callbacks": "Callback",
    "securitySchemes": "SecurityScheme",
}
_SCHEMA_KEYS = {"schema", "items", "not", "additionalProperties"}
_SCHEMA_PARENTS = {"properties", "allOf", "oneOf", "anyOf", "schemas"}


def _expected(owner: JsonPath) -> str | None:
    if not owner:
        return None
    last, parent = owner[-1], owner[-2] if len(owner) > 1 else None
    if last in _SCHEMA_KEYS or parent in _SCHEMA_PARENTS:
        return "Schema"
    if last == "requestBody":
        return "RequestBody"
    if isinstance(last, int) and parent == "parameters":
        return "Parameter"
    return _BY_PARENT.get(str(parent)) if parent is not None else None


def _bundled_parts(doc: Document) -> Iterator[tuple[JsonPath, str, Any]]:
    """Parts of files that $refs brought in, each with what its $ref expects it to be."""
    if BUNDLE not in doc.data:  # no file brought in (a $ref into one would not resolve)
        return
    done: set[tuple[JsonPath, str]] = set()
    for path, ref in _refs(doc.data, ()):
        if not ref.startswith(f"#/{BUNDLE}/"):
            continue
        kind = _expected(path[:-1])
        target_path = pointer_path(ref)
        if kind is None or (target_path, kind) in done:
            continue
        done.add((target_path, kind))
        yield target_path, kind, resolve_pointer(doc.data, ref)


_COMPONENT_NAME = re.compile(r"^[a-zA-Z0-9.\-_]+$")
_COMPONENT_KINDS = {
    "schemas": "Schema",
    "responses": "Response",
    "parameters": "Parameter",
    "examples": "Example",
    "requestBodies": "RequestBody",
    "headers": "Header",
    "securitySchemes": "SecurityScheme",
    "links": "Link",
    "callbacks": "Callback",
}


def _odd_components(doc: Document, v30: bool) -> Iterator[tuple[JsonPath, str, Any]]:
    """3.0 components whose names OpenAPI's pattern does not allow (3.1 refuses those names)."""
    components = doc.data.get("components")
    if not v30 or not isinstance(components, dict):
        return
    for section, kind in _COMPONENT_KINDS.items():
        entries = components.get(section)
        if not isinstance(entries, dict):
            continue
        for name, entry in entries.items():
            if _COMPONENT_NAME.match(name) or (isinstance(entry, dict) and "$ref" in entry):
                continue
            yield ("components", section, name), kind, entry


# 3.0 definition names -> 3.1 $defs names.
_KINDS_31 = {
    "Schema": "schema",
    "Response": "response",
    "Parameter": "parameter",
    "Example": "example",
    "RequestBody": "request-body",
    "Header": "header",
    "SecurityScheme": "security-scheme",
    "Link": "link",
    "Callback": "callbacks",
    "PathItem": "path-item",
}


@functools.cache
def _validator(version: str, kind: str | None) -> Validator:
    """A validator of one kind of OpenAPI object (`None`: a whole 3.1 document, with its
    Schema Objects checked as JSON Schema 2020-12)."""
    from importlib import resources

    from jsonschema import Draft202012Validator
    from jsonschema_specifications import REGISTRY  # type: ignore[import-untyped]
    from referencing import Resource

    if version == "3.0":
        definitions = _oas30()["definitions"]
        return _draft4()({"$ref": f"#/definitions/{kind}", "definitions": definitions})
    folder = resources.files("openapi_spec_validator").joinpath("resources/schemas")
    oas = json.loads(folder.joinpath("v3.1/schema.json").read_text("utf-8"))
    # As OpenAPI's schema-base: the dynamic anchor `meta` now names the 2020-12 meta-schema,
    # which its own $dynamicRefs then resolve to, all the way down.
    oas["$defs"]["schema"] = {
        "$dynamicAnchor": "meta",
        "$ref": "https://json-schema.org/draft/2020-12/schema",
    }
    registry = REGISTRY.with_resource(oas["$id"], Resource.from_contents(oas))
    if kind is None:
        return Draft202012Validator(oas, registry=registry)
    return Draft202012Validator(
        {"$ref": f"{oas['$id']}#/$defs/{_KINDS_31[kind]}"}, registry=registry
    )
