"""Hypothesis strategies for the property tests: random valid OpenAPI documents, JSON instances
of their schemas, and broken variants of the documents.

`specs()` draws small documents (at most six component schemas of at most six properties)
that lint without errors: awkward names (keywords, leading digits, dashes, non-ASCII letters,
spellings that become the same Python name), every kind of property the generator handles
(primitives, timestamps, open enums, arrays of arrays, maps, free-form and nested objects,
`$ref`s with self-recursion, nullable in the 3.0 and the 3.1 way) and a few operations.

`instances()` draws, for an object schema of such a document, the JSON a service could send
together with what the generated model must write back: the same data with every known key
in the spec's spelling.

`broken_specs()` mutates a valid document into one the generator must refuse.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from hypothesis import strategies as st

SCHEMAS = "#/components/schemas/"
MAX_SCHEMAS = 6
MAX_PROPERTIES = 6

# -- names --------------------------------------------------------------------------------------

# Component names: what the OpenAPI 3.0 pattern allows (letters, digits, `.`, `-`, `_`) and
# non-ASCII letters; among them names of the runtime (Model, Field, DecodeError ...), Python
# keywords, builtins, and spellings that become one class name (Foo, foo, FOO, foo_bar ...).
AWKWARD_SCHEMA_NAMES = (
    "class None type Type 1st 2fa-code a.b x-y _private __init__ Model Field DecodeError "
    "Any List Self Enum Client AsyncClient ApiRequest Codec TYPE_CHECKING c datetime str dict "
    "Exception ValueError Foo foo FOO foo_bar fooBar foo-bar Foo.Bar match Cart CartStatus "
    "Cart_Status StrEnum IntEnum OpenEnumType A V2 日付 Größe Ünïcödé ñ"
).split()
# Property names: anything JSON allows, so also spaces, `$`, `@`, `/`, `~`, `%`, the empty
# name, YAML's special keys, names of the model's own members and names that differ only in
# case or punctuation.
AWKWARD_PROPERTY_NAMES = [
    *(
        "id ID Id class from type self None none True 1st 2 ms-cv @odata.type additionalProperties "
        "additional_properties to_dict from_dict to_json from_json _wire _fields __slots__ "
        "__class__ 日付 größe GRÖSSE ß İd fooBar FooBar foo_bar foo-bar FOO_BAR datetime date list "
        "str int float bool field Any c Model Field dataclass annotations match case _ __ print "
        "lambda value name kw_only << = null ~ a/b a~1b %20 $top"
    ).split(),
    "",
    " ",
    "foo bar",
]
PARAMETER_NAMES = (
    "id class from type self None 1st ms-cv X-Request-Id page-size $top filter[name] "
    "api-version api_version apiVersion body cart 日付 list str datetime async"
).split()
OPERATION_IDS = (
    "getCart Carts_Get get-cart class list 1stOp type Foo_Bar foo_bar create update "
    "default_get get 日付 async await"
).split()
TAGS = [
    "carts",
    "Carts",
    "default",
    "class",
    "my tag",
    "日本",
    "1st",
    "foo-bar",
    "foo_bar",
    "close",
]

_NAME_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-"

_COMPONENT_KEY = re.compile(r"[a-zA-Z0-9._-]+")


def schema_names(version: str) -> st.SearchStrategy[str]:
    """Component names. OpenAPI says they match `^[a-zA-Z0-9._-]+$`; the 3.1 schema enforces
    that, the 3.0 schema (and so lint) does not, so 3.0 documents also get non-ASCII names."""
    names = st.one_of(
        st.sampled_from(AWKWARD_SCHEMA_NAMES),
        st.text(_NAME_CHARS, min_size=1, max_size=12),
        st.text(st.characters(categories=["Lu", "Ll", "Lo"]), min_size=1, max_size=6),
    )
    return names if version == "3.0" else names.filter(lambda n: bool(_COMPONENT_KEY.fullmatch(n)))


property_names = st.one_of(
    st.sampled_from(AWKWARD_PROPERTY_NAMES),
    st.from_regex(r"\A[a-z][a-zA-Z0-9]{0,10}\Z"),
    st.text(max_size=8),
)
# Free text for titles, descriptions and summaries: docstrings must survive any of it, but the
# linter rightly refuses `<script` and `eval(` in markdown.
texts = st.text(max_size=30).filter(lambda t: "<script" not in t.lower() and "eval(" not in t)


def ref(name: str) -> dict[str, str]:
    """A reference to the component schema `name` (a JSON pointer: `~` and `/` escaped)."""
    return {"$ref": SCHEMAS + name.replace("~", "~0").replace("/", "~1")}


# -- documents ----------------------------------------------------------------------------------


@dataclass
class Spec:
    """A drawn document and what the tests need to know about it."""

    doc: dict[str, Any]
    version: str  # "3.0" or "3.1"
    models: list[str] = field(default_factory=list)  # object component schemas, by name

    @property
    def schemas(self) -> dict[str, Any]:
        return dict(self.doc.get("components", {}).get("schemas", {}))

    def yaml(self) -> str:
        return to_yaml(self.doc)


class _Dumper(yaml.SafeDumper):
    """Writes shared nodes out in full instead of as YAML anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def to_yaml(doc: Any) -> str:
    """`doc` as YAML, non-ASCII text as it is; escaped where PyYAML would not read it back
    (it folds U+2028 and U+0085 inside quoted scalars into spaces)."""
    for allow_unicode in (True, False):
        text = yaml.dump(
            doc, Dumper=_Dumper, sort_keys=False, allow_unicode=allow_unicode, width=math.inf
        )
        if yaml.safe_load(text) == doc:
            break
    return text


@dataclass
class _Context:
    version: str
    names: list[str]  # every component schema, in the order drawn
    kinds: list[str]  # "object", "enum", "alias" for each
    index: int  # the component being drawn

    def nullable(self, schema: dict[str, Any]) -> dict[str, Any]:
        """`schema`, also allowing null, as this version of OpenAPI spells it."""
        if "$ref" in schema:
            if self.version == "3.0":
                return {"allOf": [schema], "nullable": True}
            return {"anyOf": [schema, {"type": "null"}]}
        result = dict(schema)
        if "enum" in result:
            result["enum"] = [*result["enum"], None]
        if self.version == "3.0":
            result["nullable"] = True
        else:
            result["type"] = [result["type"], "null"]
        return result


def _enum_values(kind: str) -> st.SearchStrategy[list[Any]]:
    if kind == "string":
        return st.lists(
            st.one_of(
                st.sampled_from(
                    ["a", "A", "v2", "name", "value", "mro", "", "1", "one-time", "日付"]
                ),
                st.text(max_size=6),
            ),
            min_size=1,
            max_size=4,
            unique=True,
        )
    return st.lists(st.integers(-5, 10_000), min_size=1, max_size=4, unique=True)


@st.composite
def _enum_schema(draw: st.DrawFn, kind: str) -> dict[str, Any]:
    values = draw(_enum_values(kind))
    schema: dict[str, Any] = {"type": kind, "enum": values}
    if draw(st.booleans()):
        names = st.one_of(st.sampled_from(["name", "value", "_x", "1st", ""]), property_names)
        schema["x-enum-varnames"] = draw(
            st.lists(names, min_size=len(values), max_size=len(values))
        )
    return schema


_PRIMITIVES: list[dict[str, Any]] = [
    {"type": "string"},
    {"type": "integer"},
    {"type": "integer", "format": "int64"},
    {"type": "number"},
    {"type": "number", "format": "double"},
    {"type": "boolean"},
    {"type": "string", "format": "date-time"},
    {"type": "string", "format": "date"},
    {"type": "string", "format": "uuid"},
    {"type": "integer", "format": "int32"},
]


@st.composite
def _property(draw: st.DrawFn, ctx: _Context, depth: int) -> tuple[dict[str, Any], set[int]]:
    """A property schema, and the components an instance must contain (those it references
    neither through an array, a map nor a null)."""
    kinds = ["primitive"] * 5 + ["enum", "ref", "ref", "free"]
    if depth < 2:
        kinds += ["array", "array", "map", "object"]
    kind = draw(st.sampled_from(kinds))
    needs: set[int] = set()
    schema: dict[str, Any]
    if kind == "primitive":
        schema = dict(draw(st.sampled_from(_PRIMITIVES)))
    elif kind == "enum":
        schema = draw(_enum_schema(draw(st.sampled_from(["string", "integer"]))))
    elif kind == "ref":
        # An alias only names aliases drawn before it: an array of itself has no Python type
        # (the generator refuses it as a ref loop, and lint reports that).
        in_alias = ctx.index < len(ctx.kinds) and ctx.kinds[ctx.index] == "alias"
        targets = [
            i for i, k in enumerate(ctx.kinds) if not (in_alias and k == "alias" and i >= ctx.index)
        ]
        target = draw(st.sampled_from(targets))
        schema = ref(ctx.names[target])
        if ctx.kinds[target] == "object":
            needs = {target}
    elif kind == "free":
        schema = draw(
            st.sampled_from(
                [{"type": "object"}, {"type": "object", "additionalProperties": True}, {}]
            )
        )
        return schema, needs  # already takes null
    elif kind == "array":
        items, _ = draw(_property(ctx, depth + 1))
        schema = {"type": "array", "items": items}
    elif kind == "map":
        values, _ = draw(_property(ctx, depth + 1))
        schema = {"type": "object", "additionalProperties": values}
    else:
        schema, needs = draw(_object(ctx, depth + 1, max_properties=3))
    if draw(st.integers(0, 3)) == 0:
        return ctx.nullable(schema), set()
    return schema, needs


@st.composite
def _object(
    draw: st.DrawFn, ctx: _Context, depth: int, max_properties: int = MAX_PROPERTIES
) -> tuple[dict[str, Any], set[int]]:
    """An object schema with properties; a property may only be required when an instance
    can be finite: when every component it must contain was drawn before this one."""
    names = draw(st.lists(property_names, min_size=1, max_size=max_properties, unique=True))
    properties: dict[str, Any] = {}
    required: list[str] = []
    needs: set[int] = set()
    for name in names:
        schema, wanted = draw(_property(ctx, depth))
        if "$ref" not in schema and draw(st.integers(0, 4)) == 0:
            schema["description"] = draw(texts)
        properties[name] = schema
        if draw(st.booleans()) and all(i < ctx.index for i in wanted):
            required.append(name)
            needs |= wanted
    schema = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    if draw(st.integers(0, 3)) == 0:
        schema["description"] = draw(texts)
    if draw(st.integers(0, 5)) == 0:
        # Unknown keys are then typed; the model still keeps them as they come.
        schema["additionalProperties"] = dict(draw(st.sampled_from(_PRIMITIVES[:6])))
    bases = [i for i in range(ctx.index) if ctx.kinds[i] == "object"]
    if depth == 0 and bases and draw(st.integers(0, 3)) == 0:
        # Composition: the properties of earlier objects, then its own (which win).
        chosen = draw(st.lists(st.sampled_from(bases), min_size=1, max_size=2, unique=True))
        schema = {"allOf": [*(ref(ctx.names[i]) for i in chosen), schema]}
    return schema, needs


@st.composite
def _alias(draw: st.DrawFn, ctx: _Context) -> dict[str, Any]:
    """A component that is not a class: a primitive, or an array."""
    choice = draw(st.integers(0, 2))
    if choice == 0:
        return dict(draw(st.sampled_from(_PRIMITIVES)))
    if choice == 1:
        return ctx.nullable(dict(draw(st.sampled_from(_PRIMITIVES))))
    items, _ = draw(_property(ctx, 1))
    return {"type": "array", "items": items}


def _defaults(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Defaults that fit a parameter's schema."""
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind, fmt = schema["type"], schema.get("format")
    if kind == "string" and fmt == "date-time":
        return timestamps(rfc3339=True)
    if kind == "string" and fmt == "date":
        return dates()
    if kind == "string" and fmt == "uuid":
        return st.uuids().map(str)
    strategies: dict[str, st.SearchStrategy[Any]] = {
        "string": st.text(max_size=8),
        "integer": st.integers(-(2**31), 2**31 - 1),
        "number": st.one_of(st.integers(-100, 100), st.floats(-1e6, 1e6)),
        "boolean": st.booleans(),
        "array": st.lists(st.text(max_size=4), max_size=2),
    }
    return strategies[kind]


@st.composite
def _operations(draw: st.DrawFn, ctx: _Context, models: list[str]) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    operation_ids = iter(
        draw(st.lists(st.sampled_from(OPERATION_IDS), min_size=9, max_size=9, unique=True))
    )
    for n in range(draw(st.integers(1, 3))):
        params = draw(st.lists(st.sampled_from(PARAMETER_NAMES), max_size=2, unique=True))
        route = f"/r{n}" + "".join(f"/{{{p}}}" for p in params)
        path_params: list[dict[str, Any]] = [
            {"name": p, "in": "path", "required": True, "schema": {"type": "string"}}
            for p in params
        ]
        if draw(st.integers(0, 3)) == 0:
            # An API version in the path, with a default: the client supplies it.
            name = draw(st.sampled_from(["version", "api-version", "Version", "base_url"]))
            if name not in params:
                default: dict[str, Any] = draw(
                    st.sampled_from(
                        [
                            {"type": "string", "default": "1"},
                            {"type": "integer", "default": 1},
                            {"type": "string", "default": "2024-01-01"},
                        ]
                    )
                )
                route = f"/v{{{name}}}{route}"
                path_params.append(
                    {"name": name, "in": "path", "required": True, "schema": {**default}}
                )
        item: dict[str, Any] = {}
        for method in draw(
            st.lists(st.sampled_from(["get", "post", "put"]), min_size=1, max_size=3, unique=True)
        ):
            op: dict[str, Any] = {}
            if draw(st.booleans()):
                op["tags"] = [draw(st.sampled_from(TAGS))]
            if draw(st.integers(0, 4)):
                op["operationId"] = next(operation_ids)
            if draw(st.booleans()):
                op["summary"] = draw(texts)
            if draw(st.integers(0, 3)) == 0:
                op["description"] = draw(texts)
            parameters = list(path_params)
            for where in draw(st.lists(st.sampled_from(["query", "header"]), max_size=3)):
                name = draw(st.sampled_from(PARAMETER_NAMES))
                if any(p["name"] == name and p["in"] == where for p in parameters):
                    continue
                schema = draw(
                    st.sampled_from(
                        [
                            *_PRIMITIVES,
                            {"type": "string", "enum": ["a", "b"]},
                            {"type": "array", "items": {"type": "string"}},
                        ]
                    )
                )
                schema = dict(schema)
                enums = [n for n, k in zip(ctx.names, ctx.kinds, strict=True) if k == "enum"]
                if bool(enums) and draw(st.booleans()):
                    schema = ref(draw(st.sampled_from(enums)))
                elif draw(st.integers(0, 2)) == 0:
                    schema["default"] = draw(_defaults(schema))
                parameters.append(
                    {"name": name, "in": where, "required": draw(st.booleans()), "schema": schema}
                )
            if parameters:
                op["parameters"] = parameters
            if method != "get" and bool(models) and draw(st.booleans()):
                body: dict[str, Any] = ref(draw(st.sampled_from(models)))
                if draw(st.integers(0, 3)) == 0:
                    body = {"type": "array", "items": body}
                op["requestBody"] = {
                    "required": draw(st.booleans()),
                    "content": {"application/json": {"schema": body}},
                }
            responses: dict[str, Any] = {}
            if bool(models) and draw(st.integers(0, 3)) > 0:
                result: dict[str, Any] = ref(draw(st.sampled_from(models)))
                if draw(st.integers(0, 3)) == 0:
                    result = {"type": "array", "items": result}
                responses["200"] = {
                    "description": "OK",
                    "content": {"application/json": {"schema": result}},
                }
            else:
                responses["204"] = {"description": "No content"}
            if bool(models) and draw(st.booleans()):
                responses[draw(st.sampled_from(["400", "404", "4XX", "default"]))] = {
                    "description": "Error",
                    "content": {"application/json": {"schema": ref(draw(st.sampled_from(models)))}},
                }
            op["responses"] = responses
            item[method] = op
        paths[route] = item
    return paths


@st.composite
def specs(draw: st.DrawFn, versions: tuple[str, ...] = ("3.0", "3.0", "3.0", "3.1")) -> Spec:
    """A small valid OpenAPI document: it lints without errors and the generator accepts it."""
    version = draw(st.sampled_from(versions))
    names = draw(st.lists(schema_names(version), min_size=1, max_size=MAX_SCHEMAS, unique=True))
    kinds = draw(
        st.lists(
            st.sampled_from(["object", "object", "object", "object", "enum", "alias"]),
            min_size=len(names),
            max_size=len(names),
        )
    )
    if "object" not in kinds:
        kinds[0] = "object"
    schemas: dict[str, Any] = {}
    for index, (name, kind) in enumerate(zip(names, kinds, strict=True)):
        ctx = _Context(version, names, kinds, index)
        if kind == "object":
            schemas[name], _ = draw(_object(ctx, 0))
        elif kind == "enum":
            schemas[name] = draw(_enum_schema(draw(st.sampled_from(["string", "integer"]))))
        else:
            schemas[name] = draw(_alias(ctx))
    models = [n for n, k in zip(names, kinds, strict=True) if k == "object"]
    info: dict[str, Any] = {"title": draw(texts), "version": "1.0.0"}
    if draw(st.booleans()):
        info["description"] = draw(texts)
    doc: dict[str, Any] = {"openapi": "3.0.3" if version == "3.0" else "3.1.0", "info": info}
    if draw(st.booleans()):
        doc["servers"] = [{"url": "https://api.contoso.test/v1"}]
    ctx = _Context(version, names, kinds, len(names))
    doc["paths"] = draw(_operations(ctx, models))
    used = sorted(
        {t for item in doc["paths"].values() for op in item.values() for t in op.get("tags", [])}
    )
    if bool(used) and draw(st.booleans()):
        doc["tags"] = [{"name": t, "description": draw(texts)} for t in used]
    doc["components"] = {"schemas": schemas}
    return Spec(doc, version, models)


# -- instances ----------------------------------------------------------------------------------

json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**63),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=10),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)

_RFC3339_OFFSETS = ["Z", "+00:00", "-05:00", "+05:30", "+14:00", "-00:00"]
_OFFSETS = [*_RFC3339_OFFSETS, "", "+0530"]


@st.composite
def timestamps(draw: st.DrawFn, rfc3339: bool = False) -> str:
    """date-time text in the forms services send: 0 to 7 fractional digits, `Z`, an offset,
    or none (`2019-01-16T00:45:41.6062996Z`, `2019-01-16T00:48:44.76+00:00`,
    `0001-01-01T00:00:00`); with `rfc3339`, only what RFC 3339 allows (an offset)."""
    fixed = ["2019-01-16T00:45:41.6062996Z", "2019-01-16T00:48:44.76+00:00"]
    if not rfc3339:
        fixed.append("0001-01-01T00:00:00")
    if draw(st.booleans()):
        return draw(st.sampled_from(fixed))
    date = draw(dates())
    hour, minute, second = (
        draw(st.integers(0, 23)),
        draw(st.integers(0, 59)),
        draw(st.integers(0, 59)),
    )
    clock = f"{hour:02d}:{minute:02d}:{second:02d}"
    digits = draw(st.integers(0, 7))
    fraction = (
        "."
        + "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=digits, max_size=digits)))
        if digits
        else ""
    )
    offset = draw(st.sampled_from(_RFC3339_OFFSETS if rfc3339 else _OFFSETS))
    return f"{date}T{clock}{fraction}{offset}"


@st.composite
def dates(draw: st.DrawFn) -> str:
    year, month, day = (
        draw(st.integers(1, 9999)),
        draw(st.integers(1, 12)),
        draw(st.integers(1, 28)),
    )
    return f"{year:04d}-{month:02d}-{day:02d}"


def resolve(doc: dict[str, Any], pointer: str) -> Any:
    node: Any = doc
    for part in pointer[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def _nullable(schema: dict[str, Any]) -> bool:
    kind = schema.get("type")
    if schema.get("nullable") is True or (isinstance(kind, list) and "null" in kind):
        return True
    options = schema.get("anyOf") or []
    return any(isinstance(o, dict) and o.get("type") == "null" for o in options)


def merged(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """An object schema with its `allOf` parts merged in: their properties first, its own
    last (a later definition of a name wins), every part's `required`."""
    properties: dict[str, Any] = {}
    required: list[str] = []
    extra: Any = None
    for part in [*(schema.get("allOf") or []), {k: v for k, v in schema.items() if k != "allOf"}]:
        if "$ref" in part:
            part = merged(doc, resolve(doc, part["$ref"]))
        elif "allOf" in part:
            part = merged(doc, part)
        properties.update(part.get("properties") or {})
        required += [r for r in part.get("required") or [] if r not in required]
        extra = part.get("additionalProperties", extra)
    result: dict[str, Any] = {"type": "object", "properties": properties, "required": required}
    if extra is not None:
        result["additionalProperties"] = extra
    return result


def _key_variants(key: str, keys: list[str]) -> list[str]:
    """Other spellings of `key` that read as it: they differ only in case, and no other
    property of the model has the same lowercase spelling."""
    if sum(k.lower() == key.lower() for k in keys) > 1:
        return []
    spellings = {key.upper(), key.lower(), key[:1].upper() + key[1:], key.swapcase()}
    return sorted(s for s in spellings if s != key and s.lower() == key.lower() and s not in keys)


@dataclass(frozen=True)
class Instance:
    """A JSON value as sent, and what `to_dict` must give back for it."""

    sent: Any
    expected: Any


def instances(
    doc: dict[str, Any], schema: Any, *, budget: int = 3, recase: bool = True
) -> st.SearchStrategy[Instance]:
    """JSON for `schema` (a schema of `doc`). With `recase`, known keys may come in another
    case (PascalCase, UPPER ...); unknown keys may come along in any case."""
    return _instance(doc, schema, budget, recase)


@st.composite
def _instance(
    draw: st.DrawFn, doc: dict[str, Any], schema: Any, budget: int, recase: bool
) -> Instance:
    def same(value: Any) -> Instance:
        return Instance(value, value)

    if not isinstance(schema, dict) or not schema:
        return same(draw(json_values))
    if _nullable(schema) and draw(st.integers(0, 3)) == 0:
        return same(None)
    if "$ref" in schema:
        return draw(_instance(doc, resolve(doc, schema["$ref"]), budget, recase))
    if len(schema.get("allOf") or []) > 1:
        return draw(_model(doc, merged(doc, schema), budget, recase))
    for key in ("allOf", "anyOf"):
        if key in schema:
            return draw(_instance(doc, schema[key][0], budget, recase))
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next(k for k in kind if k != "null")
    if "enum" in schema:
        values = [v for v in schema["enum"] if v is not None]
        if kind == "integer":
            unknown = st.integers(-(2**40), 2**40).filter(lambda v: v not in values)
            return same(
                draw(
                    st.one_of(
                        st.sampled_from(values),
                        unknown,
                        # Integer codes sent as text read and are written back as text.
                        st.sampled_from(values).map(str),
                        unknown.map(str),
                    )
                )
            )
        return same(draw(st.one_of(st.sampled_from(values), st.text(max_size=6))))
    if kind == "string":
        if schema.get("format") == "date-time":
            return same(draw(timestamps()))
        if schema.get("format") == "date":
            return same(draw(dates()))
        return same(draw(st.text(max_size=10)))
    if kind == "integer":
        return same(draw(st.integers(-(2**63), 2**63)))
    if kind == "number":
        return same(
            draw(
                st.one_of(
                    st.integers(-(2**53), 2**53), st.floats(allow_nan=False, allow_infinity=False)
                )
            )
        )
    if kind == "boolean":
        return same(draw(st.booleans()))
    if kind == "array":
        size = draw(st.integers(0, 3 if budget > 0 else 0))
        items = [draw(_instance(doc, schema["items"], budget - 1, recase)) for _ in range(size)]
        return Instance([i.sent for i in items], [i.expected for i in items])
    if schema.get("properties"):
        return draw(_model(doc, schema, budget, recase))
    extra = schema.get("additionalProperties", True)
    if isinstance(extra, dict) and extra:
        keys = draw(st.lists(st.text(max_size=6), max_size=3 if budget > 0 else 0, unique=True))
        drawn = {k: draw(_instance(doc, extra, budget - 1, recase)) for k in keys}
        return Instance(
            {k: v.sent for k, v in drawn.items()}, {k: v.expected for k, v in drawn.items()}
        )
    return same(draw(st.dictionaries(st.text(max_size=6), json_values, max_size=3)))


@st.composite
def _model(
    draw: st.DrawFn, doc: dict[str, Any], schema: dict[str, Any], budget: int, recase: bool
) -> Instance:
    properties: dict[str, Any] = schema["properties"]
    required = set(schema.get("required") or [])
    keys = list(properties)
    sent: list[tuple[str, Any]] = []
    expected: dict[str, Any] = {}
    for key, prop in properties.items():
        if key not in required and (budget <= 0 or draw(st.booleans())):
            continue
        value = draw(_instance(doc, prop, budget - 1, recase))
        variants = _key_variants(key, keys) if recase else []
        spelling = draw(st.sampled_from([key, *variants])) if variants else key
        sent.append((spelling, value.sent))
        expected[key] = value.expected
    folded = {k.lower() for k in keys}
    unknown = st.text(max_size=8).filter(lambda k: k.lower() not in folded)
    extra = schema.get("additionalProperties")
    extra_values = (
        _instance(doc, extra, 0, recase).map(lambda i: i.sent)
        if isinstance(extra, dict)
        else json_values
    )
    for key, raw in draw(st.dictionaries(unknown, extra_values, max_size=2)).items():
        sent.append((key, raw))  # unknown keys are kept as they are, never re-cased
        expected[key] = raw
    order = draw(st.permutations(range(len(sent)))) if sent else []
    return Instance({sent[i][0]: sent[i][1] for i in order}, expected)


# -- broken documents ---------------------------------------------------------------------------


def _key_lines(text: str) -> list[int]:
    """Lines (0-based) that hold a block mapping key with a one-line scalar value, and
    nothing before the key but indentation."""
    lines = text.splitlines()
    found: list[int] = []

    def walk(node: yaml.Node) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                line = key.start_mark.line
                if (
                    not node.flow_style
                    and isinstance(value, yaml.ScalarNode)
                    and line == value.end_mark.line
                    and not lines[line][: key.start_mark.column].strip()
                ):
                    found.append(line)
                walk(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)

    root = yaml.compose(text)
    if root is not None:
        walk(root)
    return found


def _an_operation(draw: st.DrawFn, doc: dict[str, Any]) -> dict[str, Any]:
    route = draw(st.sampled_from(sorted(doc["paths"])))
    method = draw(st.sampled_from(sorted(doc["paths"][route])))
    op: dict[str, Any] = doc["paths"][route][method]
    return op


def _a_property(draw: st.DrawFn, doc: dict[str, Any]) -> dict[str, Any]:
    """The properties of some object component (every document has one)."""
    schemas = doc["components"]["schemas"]
    objects = sorted(n for n, s in schemas.items() if s.get("properties"))
    properties: dict[str, Any] = schemas[draw(st.sampled_from(objects))]["properties"]
    return properties


def _mutate_data(draw: st.DrawFn, mutation: str, spec: Spec) -> None:
    doc = spec.doc
    schemas = doc["components"]["schemas"]
    if mutation == "delete-info":
        del doc["info"]
    elif mutation == "delete-openapi":
        del doc["openapi"]
    elif mutation == "delete-title":
        del doc["info"]["title"]
    elif mutation == "bad-version":
        doc["openapi"] = draw(st.sampled_from(["2.0", "3.2.0", 3.0, "", "three", None]))
    elif mutation == "delete-responses":
        # Required of every operation in 3.0 (3.1 made it optional); a response's
        # description is required in both.
        op = _an_operation(draw, doc)
        if spec.version == "3.0" and draw(st.booleans()):
            del op["responses"]
        else:
            del next(iter(op["responses"].values()))["description"]
    elif mutation == "wrong-type":
        # Choices 2, 3 and 6 break a schema: in 3.1 documents, and in 3.0 components named
        # outside OpenAPI's pattern, only our own checks see that.
        names = sorted(schemas)
        objects = [n for n in names if schemas[n].get("properties")]
        choice = draw(st.sampled_from([c for c in range(8) if objects or c != 6]))
        if choice == 0:
            doc["info"]["version"] = draw(st.sampled_from([[1], {"major": 1}]))
        elif choice == 1:
            doc["paths"] = draw(st.sampled_from([[], "paths", 1]))
        elif choice == 2:
            schema = schemas[draw(st.sampled_from(names))]
            schema["type"] = draw(st.sampled_from(["strnig", "dict", 7, ["nope"]]))
        elif choice == 3:
            schema = schemas[draw(st.sampled_from(names))]
            schema["required"] = draw(st.sampled_from([True, "id", {"id": 1}]))
        elif choice == 4:
            doc["components"]["schemas"] = ["not", "a", "mapping"]
        elif choice == 5:
            _an_operation(draw, doc)["responses"] = draw(st.sampled_from([[], "OK", {"200": "OK"}]))
        elif choice == 6:
            properties = schemas[draw(st.sampled_from(objects))]["properties"]
            properties[draw(st.sampled_from(sorted(properties)))] = draw(
                st.sampled_from(["string", 1, None, ["a"]])
            )
        else:
            _an_operation(draw, doc)["parameters"] = [
                {"name": "x", "in": draw(st.sampled_from(["body", "form", 1])), "schema": {}}
            ]
    elif mutation == "dangling-ref":
        # Names the strategy never draws: no component has them.
        target = draw(st.sampled_from(["Missing schema", "missing/part", "", "#"]))
        _a_property(draw, doc)["broken"] = ref(target)
    elif mutation == "unsupported-ref":
        _a_property(draw, doc)["other"] = {
            "$ref": draw(st.sampled_from(["other.yaml#/X", "https://host.test/s.json", "X"]))
        }
    elif mutation == "ref-loop":
        a, b = draw(st.sampled_from([("Loop A", "Loop B"), ("Loop", "Loop")]))
        _a_property(draw, doc)["loop"] = ref(a)
        schemas[a] = ref(b)
        schemas[b] = ref(a)
    elif mutation == "ref-sibling":
        doc["openapi"] = "3.0.3"  # 3.1 allows a $ref's siblings
        target = draw(st.sampled_from(sorted(schemas)))
        _a_property(draw, doc)["sibling"] = {**ref(target), "description": "ignored in 3.0"}
    elif mutation == "undeclared-path-parameter":
        route = draw(st.sampled_from(sorted(doc["paths"])))
        doc["paths"][route + "/{undeclared}"] = doc["paths"].pop(route)
    elif mutation == "duplicate-operation-id":
        _an_operation(draw, doc)["operationId"] = "twin"
        doc["paths"]["/twin"] = {
            "get": {"operationId": "twin", "responses": {"204": {"description": "No content"}}}
        }
    elif mutation == "mixed-enum":
        values = draw(st.sampled_from([[1, "a"], ["a", True], [1.5, 2]]))
        _a_property(draw, doc)["mixed"] = {"enum": values}
    else:
        raise AssertionError(mutation)


def _mutate_text(draw: st.DrawFn, mutation: str, text: str) -> bytes:
    if mutation == "duplicate-key":
        lines = text.splitlines(keepends=True)
        line = draw(st.sampled_from(_key_lines(text)))
        lines.insert(line + 1, lines[line])
        return "".join(lines).encode()
    if mutation == "tab":
        lines = text.splitlines(keepends=True)
        line = draw(st.sampled_from([n for n in _key_lines(text) if n > 0]))
        lines[line] = "\t" + lines[line]
        return "".join(lines).encode()
    if mutation == "truncate":
        # Cut before `info.version` ends, so something required is always missing (a cut
        # later could leave a shorter valid document).
        end = text.index("\n  version:")
        return text[: draw(st.integers(0, end))].encode()
    if mutation == "not-a-mapping":
        return draw(st.sampled_from([b"- a\n- b\n", b"just text\n", b"42\n", b"", b"~\n"]))
    if mutation == "not-utf-8":
        data = text.encode()
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80"])) + data[at:]
    raise AssertionError(mutation)


DATA_MUTATIONS = (
    "delete-info",
    "delete-openapi",
    "delete-title",
    "delete-responses",
    "bad-version",
    "wrong-type",
    "dangling-ref",
    "unsupported-ref",
    "ref-loop",
    "ref-sibling",
    "undeclared-path-parameter",
    "duplicate-operation-id",
    "mixed-enum",
)
TEXT_MUTATIONS = ("duplicate-key", "tab", "truncate", "not-a-mapping", "not-utf-8")
MUTATIONS = DATA_MUTATIONS + TEXT_MUTATIONS


@st.composite
def broken_specs(draw: st.DrawFn, mutation: str) -> bytes:
    """The bytes of a spec file the generator must refuse: a valid document with `mutation`
    applied to its data or to its YAML text."""
    spec = draw(specs())
    if mutation in DATA_MUTATIONS:
        _mutate_data(draw, mutation, spec)
        return to_yaml(spec.doc).encode()
    return _mutate_text(draw, mutation, to_yaml(spec.doc))
