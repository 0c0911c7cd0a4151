"""The semantic lint rules. Each yields (JSON path, message) pairs; `lint` locates them.

Rule ids follow Spectral's `spectral:oas` names where Spectral has the rule, else Redocly's
`recommended` names; the generator's own rules start with `py-`. A check says what it reads
(`lint.Reads`): with a cache, one that reads a single part of the document is not run again
on a part that has not changed.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from typing import Any

from . import naming
from .cache import digest
from .lint import _NAME_MAPS, Context, also, in_data, ref_path, references, rule
from .load import MISSING, JsonPath, pointer_path, resolve_pointer
from .parse import _is_class as is_class

Found = Iterator[tuple[JsonPath, str]]
_TEMPLATE = re.compile(r"{([^{}]*)}")
_URL_SAFE = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]*$")
_SERVER_VARIABLE = re.compile(r"{([^{}]+)}")
# Redocly's no-server-example.com: the host is example.com (or a subdomain), or localhost.
_EXAMPLE_HOST = re.compile(r"^(.*[/.])?(example\.com|localhost)([/:?].*|$)")
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_OAS_TYPES: dict[str, type | tuple[type, ...]] = {
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "array": list,
    "object": dict,
}


# -- info and tags ------------------------------------------------------------------------------


def _given(value: Any) -> bool:
    """Is `value` there and not empty (a blank string, an empty mapping or list)?"""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, dict | list):
        return bool(value)
    return True


def _required(node: Any, base: JsonPath, key: str, what: str) -> Found:
    """A finding when `node` (at `base`) lacks `key` or holds it empty: on the key when it
    stands there empty, else on `node`."""
    if not isinstance(node, dict) or _given(node.get(key)):
        return
    if key in node:
        yield (*base, key), f"{what} has an empty {key}"
    else:
        yield base, f"{what} has no {key}"


@rule("info-contact", "warn", "info has a contact", "both")
def info_contact(ctx: Context) -> Found:
    yield from _required(ctx.data.get("info"), ("info",), "contact", "info")


@rule("info-description", "warn", "info has a description", "spectral")
def info_description(ctx: Context) -> Found:
    yield from _required(ctx.data.get("info"), ("info",), "description", "info")


@rule("info-license", "warn", "info has a license", "both")
def info_license(ctx: Context) -> Found:
    yield from _required(ctx.data.get("info"), ("info",), "license", "info")


@rule("openapi-tags", "warn", "the document declares its tags in a global list", "spectral")
def global_tags(ctx: Context) -> Found:
    if "tags" not in ctx.data:
        yield (), "the document has no global tags list"
    elif not ctx.data["tags"]:
        yield ("tags",), "the global tags list is empty"


@rule("openapi-tags-uniqueness", "error", "global tag names are unique", "spectral")
def unique_tags(ctx: Context) -> Found:
    seen: set[Any] = set()
    for i, tag in enumerate(ctx.data.get("tags") or []):
        name = tag.get("name") if isinstance(tag, dict) else None
        if not isinstance(name, str):
            continue
        if name in seen:
            yield ("tags", i, "name"), f"tag {name!r} is declared twice"
        seen.add(name)


@rule("tag-description", "warn", "every global tag has a description", "both")
def tag_description(ctx: Context) -> Found:
    for i, tag in enumerate(ctx.data.get("tags") or []):
        name = tag.get("name") if isinstance(tag, dict) else None
        yield from _required(tag, ("tags", i), "description", f"tag {name!r}")


# -- operations ---------------------------------------------------------------------------------


@rule("operation-operationId", "warn", "every operation has an operationId", "both", reads="refs")
def operation_id_present(ctx: Context) -> Found:
    for path, _, _, op in ctx.operations():
        if not op.get("operationId"):
            yield path, "operation has no operationId"


@rule("operation-description", "warn", "every operation has a description", "both", reads="refs")
def operation_description(ctx: Context) -> Found:
    for path, _, _, op in ctx.operations():
        yield from _required(op, path, "description", "operation")


@rule("operation-summary", "warn", "every operation has a summary", "redocly", reads="refs")
def operation_summary(ctx: Context) -> Found:
    for path, _, _, op in ctx.operations():
        yield from _required(op, path, "summary", "operation")


@rule(
    "operation-tags", "warn", "every operation has a non-empty tags list", "spectral", reads="refs"
)
def operation_tags(ctx: Context) -> Found:
    for path, _, _, op in ctx.operations():
        if "tags" not in op:
            yield path, "operation has no tags"
        elif not op["tags"]:
            yield (*path, "tags"), "operation has an empty tags list"


@rule("operation-operationId-unique", "error", "operationIds are unique", "both")
def operation_id_unique(ctx: Context) -> Found:
    seen: dict[str, JsonPath] = {}
    for path, _, _, op in ctx.operations():
        op_id = op.get("operationId")
        if isinstance(op_id, str) and op_id:
            if op_id in seen:
                yield (*path, "operationId"), f"operationId {op_id!r} is already used"
            else:
                seen[op_id] = path


@rule(
    "operation-operationId-valid-in-url", "warn", "operationIds are URL-safe", "both", reads="refs"
)
def operation_id_url_safe(ctx: Context) -> Found:
    for path, _, _, op in ctx.operations():
        op_id = op.get("operationId")
        if isinstance(op_id, str) and not _URL_SAFE.match(op_id):
            yield (*path, "operationId"), f"operationId {op_id!r} has characters not safe in a URL"


@rule(
    "operation-success-response",
    "warn",
    "every operation has a 2xx or 3xx response",
    "both",
    reads="refs",
)
def success_response(ctx: Context) -> Found:
    for path, _, _, op in ctx.operations():
        codes = [str(c) for c in (op.get("responses") or {})]
        if not any(c[:1] in "23" for c in codes):
            yield (*path, "responses"), "operation has no success (2xx or 3xx) response"


@rule(
    "operation-4xx-response",
    "warn",
    "every operation documents a 4xx response",
    "redocly",
    reads="refs",
)
def client_error_response(ctx: Context) -> Found:
    for path, _, _, op in ctx.operations():
        codes = [str(c) for c in (op.get("responses") or {})]
        if not any(c[:1] == "4" for c in codes):
            yield (*path, "responses"), "operation has no 4xx response"


@rule("operation-tag-defined", "warn", "operation tags are declared in the global tags", "both")
def tag_defined(ctx: Context) -> Found:
    declared = {t.get("name") for t in ctx.data.get("tags") or [] if isinstance(t, dict)}
    for path, _, _, op in ctx.operations():
        for i, tag in enumerate(op.get("tags") or []):
            if tag not in declared:
                yield (*path, "tags", i), f"tag {tag!r} is not declared in the global tags"


@rule(
    "operation-parameters",
    "warn",
    "no parameter is declared twice (same name and in)",
    "both",
    reads="refs",
)
def unique_parameters(ctx: Context) -> Found:
    lists: list[tuple[JsonPath, list[Any]]] = []
    for route, item in ctx.path_items():
        if isinstance(item, dict) and isinstance(item.get("parameters"), list):
            lists.append((("paths", route, "parameters"), item["parameters"]))
    for path, _, _, op in ctx.operations():
        if isinstance(op.get("parameters"), list):
            lists.append(((*path, "parameters"), op["parameters"]))
    for base, params in lists:
        seen: set[tuple[str, str]] = set()
        for i, raw in enumerate(params):
            param = ctx.resolve(raw)
            if not isinstance(param, dict):
                continue
            key = (str(param.get("in")), str(param.get("name")))
            if key in seen:
                yield (*base, i), f"parameter {key[1]!r} in {key[0]} is declared twice"
            seen.add(key)


@rule(
    "path-params", "error", "path parameters are declared, used and required", "both", reads="refs"
)
def path_params(ctx: Context) -> Found:
    for route, item in ctx.path_items():
        if not isinstance(item, dict):
            continue
        names = _TEMPLATE.findall(route)
        for name in names:
            if not name:
                yield ("paths", route), f"path {route!r} has an empty parameter `{{}}`"
        for name, count in Counter(names).items():
            if name and count > 1:
                yield ("paths", route), f"path {route!r} names parameter {name!r} twice"
        shared = _path_parameters(ctx, item.get("parameters"), ("paths", route, "parameters"))
        for method in ("get", "put", "post", "delete", "options", "head", "patch", "trace"):
            op = item.get(method)
            if not isinstance(op, dict):
                continue
            own = _path_parameters(
                ctx, op.get("parameters"), ("paths", route, method, "parameters")
            )
            declared = {**shared, **own}
            for name in dict.fromkeys(n for n in names if n):
                if name not in declared:
                    yield ("paths", route, method), (
                        f"path parameter {name!r} of {route!r} is not declared"
                    )
            for name, (ppath, param) in declared.items():
                if name not in names:
                    yield ppath, f"path parameter {name!r} is not in the path {route!r}"
                elif param.get("required") is not True:
                    yield ppath, f"path parameter {name!r} must be required"


def _path_parameters(
    ctx: Context, params: Any, base: JsonPath
) -> dict[str, tuple[JsonPath, dict[str, Any]]]:
    found: dict[str, tuple[JsonPath, dict[str, Any]]] = {}
    for i, raw in enumerate(params or []):
        param = ctx.resolve(raw)
        if isinstance(param, dict) and param.get("in") == "path":
            found[str(param.get("name"))] = ((*base, i), param)
    return found


@rule(
    "oas3-operation-security-defined",
    "error",
    "security requirements name defined schemes, and scopes those schemes allow",
    "both",
)
def security_defined(ctx: Context) -> Found:
    schemes = (ctx.data.get("components") or {}).get("securitySchemes") or {}
    places: list[tuple[JsonPath, Any]] = [(("security",), ctx.data.get("security"))]
    places += [((*p, "security"), op.get("security")) for p, _, _, op in ctx.operations()]
    for base, requirements in places:
        for i, requirement in enumerate(requirements or []):
            for name, scopes in requirement.items() if isinstance(requirement, dict) else ():
                if name not in schemes:
                    yield (*base, i, name), f"security scheme {name!r} is not defined"
                    continue
                scheme = ctx.resolve(schemes[name])
                kind = scheme.get("type") if isinstance(scheme, dict) else None
                for j, scope in enumerate(scopes if isinstance(scopes, list) else []):
                    problem = _scope_problem(ctx, name, kind, scheme, scope)
                    if problem:
                        yield (*base, i, name, j), problem


def _scope_problem(ctx: Context, name: str, kind: Any, scheme: Any, scope: Any) -> str | None:
    """Why a requirement may not list `scope` for the scheme `name`, or None when it may.

    oauth2 scopes are declared in the scheme's flows; openIdConnect scopes come from the
    provider's discovery document, not from the spec. For other schemes OpenAPI 3.0 requires an
    empty list, where 3.1 allows role names that are not declared anywhere."""
    if kind == "oauth2":
        flows = scheme.get("flows") if isinstance(scheme.get("flows"), dict) else {}
        declared = {
            s
            for flow in flows.values()
            if isinstance(flow, dict) and isinstance(flow.get("scopes"), dict)
            for s in flow["scopes"]
        }
        if scope not in declared:
            return f"scope {scope!r} is not declared in a flow of the oauth2 scheme {name!r}"
    elif kind != "openIdConnect" and ctx.version.startswith("3.0"):
        return (
            f"scheme {name!r} is of type {kind}: in OpenAPI 3.0 only oauth2 and openIdConnect "
            f"requirements list scopes, so {scope!r} must go"
        )
    return None


@rule(
    "security-defined",
    "warn",
    "every operation has a security requirement, its own or the global one",
    "redocly",
)
def security_present(ctx: Context) -> Found:
    if "security" in ctx.data:  # the global requirement (even `[]`, no security) applies
        return
    for path, _, _, op in ctx.operations():
        if "security" not in op:
            yield path, "operation has no security requirement, and there is no global one"


# -- paths and servers --------------------------------------------------------------------------


@rule("no-identical-paths", "error", "no two paths differ only in parameter names", "redocly")
def identical_paths(ctx: Context) -> Found:
    seen: dict[str, str] = {}
    for route in ctx.data.get("paths") or {}:
        shape = _TEMPLATE.sub("{}", route)
        if shape in seen:
            yield ("paths", route), f"path {route!r} is identical to {seen[shape]!r}"
        else:
            seen[shape] = route


@rule("no-ambiguous-paths", "warn", "no request path matches two path templates", "redocly")
def ambiguous_paths(ctx: Context) -> Found:
    routes = list(ctx.data.get("paths") or {})
    yield from _recalled(ctx, "no-ambiguous-paths", routes, _ambiguous_routes)


def _ambiguous_routes(routes: list[str]) -> Found:
    # Two routes are ambiguous when each has a literal segment where the other has a template
    # and all other segments agree. Only routes of the same length whose literals agree can
    # be, so candidates come from an index (literal or template, by position), not from
    # every earlier route: a thousand groups of routes stay linear in practice.
    index: dict[tuple[int, int, str | None], list[int]] = defaultdict(list)
    shapes: list[tuple[str, list[str], list[bool]]] = []
    for i, route in enumerate(routes):
        segments = route.strip("/").split("/")
        templated = [bool(_TEMPLATE.search(x)) for x in segments]
        n = len(segments)
        # Any segment of another route may meet a template; a literal meets the same literal
        # or a template. The rarest literal first, and the other literals checked on its few.
        literals = sorted(
            (len(index[(n, j, x)]) + len(index[(n, j, None)]), j)
            for j, (x, t) in enumerate(zip(segments, templated, strict=True))
            if not t
        )
        candidates: set[int] | None = None
        for _, j in literals:
            x = segments[j]
            if candidates is None:
                candidates = {*index[(n, j, x)], *index[(n, j, None)]}
            else:
                candidates = {k for k in candidates if shapes[k][2][j] or shapes[k][1][j] == x}
            if not candidates:
                break
        if candidates is None:  # all templates: any route of this length
            candidates = {
                k for k, (_, other, _) in enumerate(shapes) if len(other) == len(segments)
            }
        for k in sorted(candidates):
            other, other_segments, other_templated = shapes[k]
            if _ambiguous(segments, templated, other_segments, other_templated):
                yield ("paths", route), f"path {route!r} is ambiguous with {other!r}"
        shapes.append((route, segments, templated))
        for j, (x, t) in enumerate(zip(segments, templated, strict=True)):
            index[(len(segments), j, None if t else x)].append(i)


def _ambiguous(sa: list[str], ta: list[bool], sb: list[str], tb: list[bool]) -> bool:
    fixed_a = fixed_b = False
    for x, y, tx, ty in zip(sa, sb, ta, tb, strict=True):
        if not tx and not ty and x != y:
            return False
        fixed_a |= not tx and ty
        fixed_b |= tx and not ty
    return fixed_a and fixed_b


@rule("path-keys-no-trailing-slash", "warn", "paths do not end with a slash", "both")
def path_trailing_slash(ctx: Context) -> Found:
    for route in ctx.data.get("paths") or {}:
        if len(route) > 1 and route.endswith("/"):
            yield ("paths", route), f"path {route!r} ends with a slash"


@rule("path-not-include-query", "warn", "paths hold no query string", "both")
def path_query(ctx: Context) -> Found:
    for route in ctx.data.get("paths") or {}:
        if "?" in route:
            yield ("paths", route), f"path {route!r} includes a query string"


@rule("oas3-server-trailing-slash", "warn", "server URLs do not end with a slash", "both")
def server_trailing_slash(ctx: Context) -> Found:
    for base, servers in _servers(ctx):
        for i, server in enumerate(servers):
            url = server.get("url") if isinstance(server, dict) else None
            if isinstance(url, str) and url.endswith("/") and url != "/":
                yield (*base, i, "url"), f"server URL {url!r} ends with a slash"


def _servers(ctx: Context) -> Iterator[tuple[JsonPath, list[Any]]]:
    """Server lists at the root, on path items and on operations."""
    if isinstance(ctx.data.get("servers"), list):
        yield ("servers",), ctx.data["servers"]
    for route, item in (ctx.data.get("paths") or {}).items():
        if isinstance(item, dict) and isinstance(item.get("servers"), list):
            yield ("paths", route, "servers"), item["servers"]
    for path, _, _, op in ctx.operations():
        if isinstance(op.get("servers"), list):
            yield (*path, "servers"), op["servers"]


@rule("oas3-api-servers", "warn", "the document lists servers, each with a URL", "both")
def api_servers(ctx: Context) -> Found:
    servers = ctx.data.get("servers")
    if "servers" not in ctx.data:
        yield (), "the document lists no servers"
    elif not servers:
        yield ("servers",), "the servers list is empty"
    else:
        for i, server in enumerate(servers):
            if not isinstance(server, dict) or not _given(server.get("url")):
                yield ("servers", i), "server has no url"


@rule(
    "no-server-example.com",
    "warn",
    "server URLs are not example.com or localhost",
    "redocly",
    reads="part",
)
def server_example(ctx: Context) -> Found:
    for path, server in _server_objects(ctx):
        url = server.get("url")
        if isinstance(url, str) and _EXAMPLE_HOST.match(url):
            yield (*path, "url"), f"server URL {url!r} points to example.com or localhost"


@rule(
    "oas3-server-variables",
    "warn",
    "server URL variables are defined and used, and their defaults are in their enums",
    "both",
    reads="part",
)
def server_variables(ctx: Context) -> Found:
    for path, server in _server_objects(ctx):
        url = server.get("url")
        if not isinstance(url, str):
            continue
        used = list(dict.fromkeys(_SERVER_VARIABLE.findall(url)))
        variables = server.get("variables")
        variables = variables if isinstance(variables, dict) else {}
        missing = [name for name in used if name not in variables]
        if missing:
            where = (*path, "variables") if "variables" in server else (*path, "url")
            names = ", ".join(map(repr, missing))
            yield where, f"server URL {url!r} uses {names}, not defined in its variables"
        for name, variable in variables.items():
            if name not in used:
                yield (*path, "variables", name), (
                    f"server variable {name!r} is not used in the URL {url!r}"
                )
            if not isinstance(variable, dict) or not isinstance(variable.get("enum"), list):
                continue
            if not variable["enum"]:
                yield (*path, "variables", name, "enum"), (
                    f"server variable {name!r} has an empty enum"
                )
            if "default" in variable and variable["default"] not in variable["enum"]:
                yield (*path, "variables", name, "default"), (
                    f"default {variable['default']!r} of server variable {name!r} "
                    "is not listed in its enum"
                )


def _server_objects(ctx: Context) -> Iterator[tuple[JsonPath, dict[str, Any]]]:
    """Every Server Object: the items of each `servers` list (at the root, on path items and
    operations, also of webhooks and callbacks) and the `server` of each Link Object."""
    for path, node in ctx.at("servers", "server"):
        if path[-1] == "servers" and isinstance(node, list):
            for i, server in enumerate(node):
                if isinstance(server, dict):
                    yield (*path, i), server
        elif path[-1] == "server" and isinstance(node, dict) and path[-3:-2] == ("links",):
            yield path, node


# -- schemas, enums and examples ----------------------------------------------------------------


@rule(
    "no-$ref-siblings",
    "error",
    "a $ref stands alone (OpenAPI 3.0 ignores its siblings)",
    "spectral",
    reads="part",
)
def ref_siblings(ctx: Context) -> Found:
    if not ctx.version.startswith("3.0"):
        return
    for path, node in ctx.holding("$ref"):
        # Extensions too: a 3.0 Reference Object "cannot be extended with additional
        # properties and any properties added SHALL be ignored".
        for key in node:
            if key != "$ref":
                yield (*path, key), f"{key!r} beside $ref is ignored"


@rule("array-items", "error", "a schema of type array has items", "spectral", reads="part")
def array_items(ctx: Context) -> Found:
    for path, schema in _all_schemas(ctx):
        types = schema.get("type")
        is_array = types == "array" or (isinstance(types, list) and "array" in types)
        if is_array and "items" not in schema:
            yield path, "schema of type array has no items"


# Keywords whose value is a schema, and keywords whose values are schemas by name, that
# Context.schemas does not visit.
_SUBSCHEMA_KEYWORDS = frozenset(
    "if then else contains propertyNames unevaluatedItems unevaluatedProperties "
    "additionalItems".split()
)
_SCHEMA_MAPS = frozenset({"$defs", "definitions", "dependentSchemas"})


def _all_schemas(ctx: Context) -> Iterator[tuple[JsonPath, dict[str, Any]]]:
    """Context.schemas, and the subschemas of $defs, if/then/else and the like."""
    seen: set[int] = set()
    for path, schema in ctx.schemas():
        seen.add(id(schema))
        yield path, schema
    for path, node in [*ctx.at(*_SUBSCHEMA_KEYWORDS), *ctx.under(*_SCHEMA_MAPS)]:
        if not isinstance(node, dict) or id(node) in seen or len(path) < 2:
            continue
        names = _names(path)
        subschema = path[-1] in _SUBSCHEMA_KEYWORDS and not names[-1]
        by_name = path[-2] in _SCHEMA_MAPS and not names[-2]
        if subschema or by_name:
            seen.add(id(node))
            yield path, node


def _names(path: JsonPath) -> list[bool]:
    """For each key of `path`: is it a name the author chose (a property, a media type, a
    response code), rather than a keyword? As `lint.in_data` reckons it."""
    names: list[bool] = []
    for i, key in enumerate(path):
        parent_is_name = names[i - 1] if i else False
        names.append(
            i > 0 and not parent_is_name and isinstance(key, str) and path[i - 1] in _NAME_MAPS
        )
    return names


@rule(
    "oas3-examples-value-or-externalValue",
    "warn",
    "an Example Object has either value or externalValue",
    "both",
    reads="part",
)
def example_value(ctx: Context) -> Found:
    for path, node in ctx.under("examples", data=True):
        if not (isinstance(node, dict) and "$ref" not in node and _is_example(path)):
            continue
        present = [key for key in ("value", "externalValue") if key in node]
        if not present:
            yield path, "example has neither value nor externalValue"
        elif len(present) > 1:
            yield path, "example has both value and externalValue; it may have only one"


def _is_example(path: JsonPath) -> bool:
    """Is the node at `path` an Example Object: a component, or one of the `examples` of a
    media type, a parameter or a header?"""
    if len(path) == 3 and path[:2] == ("components", "examples"):
        return True
    if (
        len(path) < 4
        or path[-2] != "examples"
        or path[-4] not in ("content", "parameters", "headers")
    ):
        return False
    names = _names(path)
    return not names[-2] and not names[-4] and not in_data(path)


@rule("typed-enum", "warn", "enum values match the schema's type", "both", reads="part")
def typed_enum(ctx: Context) -> Found:
    for path, schema in ctx.schemas():
        values = schema.get("enum")
        types = schema.get("type")
        if not isinstance(values, list) or types is None:
            continue
        allowed = types if isinstance(types, list) else [types]
        nullable = schema.get("nullable") is True or "null" in allowed
        for i, value in enumerate(values):
            if value is None and nullable:
                continue
            if not any(_is_type(value, t) for t in allowed):
                yield (*path, "enum", i), (
                    f"enum value {value!r} is not of type {' or '.join(map(str, allowed))}"
                )


def _is_type(value: Any, oas_type: Any) -> bool:
    if oas_type == "null":
        return value is None
    expected = _OAS_TYPES.get(str(oas_type))
    if expected is None:
        return True
    if isinstance(value, bool):
        return bool(oas_type == "boolean")
    if oas_type == "integer" and isinstance(value, float):
        return value.is_integer()
    return isinstance(value, expected)


@rule("duplicated-entry-in-enum", "warn", "enum values are unique", "both", reads="part")
def duplicated_enum(ctx: Context) -> Found:
    for path, schema in ctx.schemas():
        values = schema.get("enum")
        if isinstance(values, list):
            seen: list[Any] = []
            for i, value in enumerate(values):
                if any(_json_equal(value, s) for s in seen):
                    yield (*path, "enum", i), f"enum value {value!r} is listed twice"
                seen.append(value)


def _json_equal(a: Any, b: Any) -> bool:
    """Equality as JSON Schema sees it: 1 and 1.0 are one number; true is not 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_json_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_json_equal(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


@rule(
    "no-required-schema-properties-undefined",
    "warn",
    "required names defined properties",
    "redocly",
    reads="part",
)
def required_defined(ctx: Context) -> Found:
    for path, schema in ctx.schemas():
        required = schema.get("required")
        props = schema.get("properties")
        if not isinstance(required, list) or not isinstance(props, dict):
            continue
        if schema.get("allOf") or schema.get("additionalProperties") not in (None, False):
            continue  # the name may be defined by a part, or be an additional property
        for i, name in enumerate(required):
            if name not in props:
                yield (*path, "required", i), f"required property {name!r} is not defined"


@rule("oas3-unused-component", "warn", "every component is referenced", "both")
def unused_components(ctx: Context) -> Found:
    used = _referenced_components(ctx)
    components = ctx.data.get("components") or {}
    for kind in (
        "schemas",
        "responses",
        "parameters",
        "examples",
        "requestBodies",
        "headers",
        "links",
        "callbacks",
        "pathItems",
    ):
        for name in components.get(kind) or {}:
            if (kind, name) not in used:
                pointer = f"#/components/{kind}/{_escape(name)}"
                yield ("components", kind, name), f"component {pointer} is never referenced"


def _referenced_components(ctx: Context) -> set[tuple[str, str]]:
    """(kind, name) of every component a $ref or a discriminator mapping points into; a $ref
    to a part of a component (`#/components/schemas/Cart/properties/id`) uses it too."""
    found = [*ctx.gather(references), *ctx.gather(_mapping_refs)]
    used: set[tuple[str, str]] = set()
    for ref in {ref for refs in found for ref in refs}:
        if ref.startswith("#/"):
            parts = ref_path(ref)
            if len(parts) >= 3 and parts[0] == "components":
                used.add((str(parts[1]), str(parts[2])))
    return used


def _mapping_refs(ctx: Context) -> list[str]:
    """The schemas the discriminator mappings of the scope name, as references."""
    refs = set()
    for _, node in ctx.at("discriminator", data=True):
        if isinstance(node, dict) and isinstance(node.get("mapping"), dict):
            for target in node["mapping"].values():
                if isinstance(target, str):
                    # A mapping value is a reference, or the bare name of a schema.
                    refs.add(target if "#" in target else f"#/components/schemas/{target}")
    return sorted(refs)


def _escape(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")


@rule(
    "oas3-valid-media-example",
    "error",
    "media type examples fit their schema",
    "both",
    reads="schemas",
)
def media_examples(ctx: Context) -> Found:
    for path, node in ctx.under("content"):
        if isinstance(node, dict):
            yield from _examples(ctx, path, node)


@rule(
    "oas3-valid-parameter-example",
    "error",
    "parameter and header examples fit their schema",
    "both",
    reads="schemas",
)
def parameter_examples(ctx: Context) -> Found:
    for path, node in ctx.holding("schema"):
        parent = path[-2] if len(path) > 1 else None
        if "in" in node or parent in ("headers",) or (len(path) > 1 and path[-2] == "parameters"):
            yield from _examples(ctx, path, node)


@rule(
    "oas3-valid-schema-example",
    "error",
    "schema examples and defaults fit the schema",
    "both",
    reads="schemas",
)
def schema_examples(ctx: Context) -> Found:
    for path, schema in ctx.schemas():
        for key in ("example", "default"):
            if key in schema and not (key == "default" and schema.get(key) is None):
                for where, message in _check(ctx, path, schema[key]):
                    yield (*path, key, *where), f"{key}: {message}"
        for i, value in enumerate(
            schema.get("examples") or [] if ctx.version.startswith("3.1") else []
        ):
            for where, message in _check(ctx, path, value):
                yield (*path, "examples", i, *where), f"example {i}: {message}"


def _examples(ctx: Context, path: JsonPath, node: dict[str, Any]) -> Found:
    if "schema" not in node:
        return
    schema_path = (*path, "schema")
    if "example" in node:
        for where, message in _check(ctx, schema_path, node["example"]):
            yield (*path, "example", *where), f"example: {message}"
    for name, raw in (node.get("examples") or {}).items():
        # A $ref'd example is reported where its value is wrong, in the component.
        example, base, label = raw, (*path, "examples", name), f"example {name!r}"
        for _ in range(64):
            ref = example.get("$ref") if isinstance(example, dict) else None
            if not isinstance(ref, str) or not ref.startswith("#/"):
                break
            example, base = resolve_pointer(ctx.data, ref), pointer_path(ref)
            label = f"example {name!r} ({ref})"
        if isinstance(example, dict) and "value" in example and "$ref" not in example:
            for where, message in _check(ctx, schema_path, example["value"]):
                yield (*base, "value", *where), f"{label}: {message}"


def _check(ctx: Context, schema_path: JsonPath, value: Any) -> Iterator[tuple[JsonPath, str]]:
    """Errors of `value` against the schema at `schema_path`, each at its place in `value`;
    with a memo, remembered by what the validation reads (openapi-schema-validator takes a
    quarter of a second to import)."""

    def validate() -> list[tuple[JsonPath, str]]:
        validator = _validator(ctx, schema_path)
        errors = sorted(validator.iter_errors(value), key=lambda e: list(map(str, e.path)))
        return [(tuple(error.absolute_path), error.message) for error in errors]

    found = ctx.recall(lambda: _validation_key(ctx, schema_path, value), validate)
    for where, message in found:
        yield tuple(where), message


class _Unknown(Exception):
    """What a validation reads cannot be said."""


def _validation_key(ctx: Context, schema_path: JsonPath, value: Any) -> str | None:
    """A digest of all that validating `value` against the schema at `schema_path` reads and
    says, or None. Only for 3.0, where a schema's $refs are plain JSON pointers, and not with
    a discriminator (the validator then follows `#/components/schemas/<a value>`). Each schema
    reached is taken as OAS30Validator reads it, without its `description` and `title`: no
    keyword of it reads them, and only the messages of `not` and `oneOf` quote a subschema
    (there they stay). So a description edited does not validate the examples again."""
    if not ctx.version.startswith("3.0"):
        return None
    schema = _node(ctx.data, schema_path)
    refs: list[str] = []
    reached: dict[str, Any] = {}
    try:
        root = _as_validated(schema, refs, quoted=False)
        while refs:
            ref = refs.pop()
            if ref in reached:
                continue
            if not ref.startswith("#/") or "%" in ref:
                return None
            target = resolve_pointer(ctx.data, ref)
            if target is MISSING:
                return None
            reached[ref] = _as_validated(target, refs, quoted=False)
        text = json.dumps([value, root, sorted(reached.items())])
    except (_Unknown, TypeError, ValueError, RecursionError):
        return None
    return digest("oas3-example 3.0", text)


_ANNOTATIONS = frozenset({"description", "title"})


def _as_validated(schema: Any, refs: list[str], *, quoted: bool) -> Any:
    """`schema` as OAS30Validator reads it: without annotations, unless a message may quote
    it whole (`quoted`); every $ref in it goes to `refs`."""
    if not isinstance(schema, dict):
        return _verbatim(schema, refs)
    read: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "discriminator":
            raise _Unknown
        if key in _ANNOTATIONS and not quoted:
            continue
        if key == "properties" and isinstance(value, dict):
            read[key] = {name: _as_validated(s, refs, quoted=quoted) for name, s in value.items()}
        elif key in ("items", "additionalProperties", "not"):
            read[key] = _as_validated(value, refs, quoted=quoted or key == "not")
        elif key in ("allOf", "anyOf", "oneOf") and isinstance(value, list):
            inner = quoted or key == "oneOf"
            read[key] = [_as_validated(s, refs, quoted=inner) for s in value]
        else:
            if key == "$ref" and isinstance(value, str):
                refs.append(value)
            read[key] = _verbatim(value, refs)
    return read


def _verbatim(value: Any, refs: list[str]) -> Any:
    """`value` as it is; the $refs anywhere in it go to `refs`, followed or not."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if "discriminator" in node:
                raise _Unknown
            if isinstance(node.get("$ref"), str):
                refs.append(node["$ref"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return value


def _node(data: Any, path: JsonPath) -> Any:
    for key in path:
        data = data[key]
    return data


_URI = "urn:spec"


def _validator(ctx: Context, schema_path: JsonPath) -> Any:
    from urllib.parse import quote

    from openapi_schema_validator import OAS30Validator, OAS31Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4, DRAFT202012

    v31 = ctx.version.startswith("3.1")
    cls = OAS31Validator if v31 else OAS30Validator
    registry = ctx.cache.get("registry")
    if registry is None:
        resource = Resource.from_contents(
            ctx.data, default_specification=DRAFT202012 if v31 else DRAFT4
        )
        registry = Registry().with_resource(_URI, resource)
        ctx.cache["registry"] = registry
    pointer = "/" + "/".join(quote(_escape(str(p)), safe="/~") for p in schema_path)
    return cls({"$ref": f"{_URI}#{pointer}"}, registry=registry, format_checker=cls.FORMAT_CHECKER)


# -- callbacks and webhooks ---------------------------------------------------------------------


@rule(
    "oas3-callbacks-in-callbacks",
    "warn",
    "callbacks define no callbacks of their own",
    "spectral",
    reads="refs",
)
def callbacks_in_callbacks(ctx: Context) -> Found:
    for path, node in ctx.under("callbacks", data=True):
        if not isinstance(node, dict) or "$ref" in node or len(path) < 3:
            continue
        is_component = len(path) == 3 and path[:2] == ("components", "callbacks")
        of_operation = path[-2] == "callbacks" and path[-3] in _METHODS
        if not (is_component or (of_operation and not in_data(path))):
            continue
        for expression, raw in node.items():
            if str(expression).startswith("x-"):
                continue
            item, item_path = _follow(ctx, raw, (*path, expression))
            for op_path, op in _operations_of(item, item_path):
                if "callbacks" in op:
                    yield (*op_path, "callbacks"), "an operation of a callback defines callbacks"


@rule("oas3_1-servers-in-webhook", "warn", "webhooks define no servers (OpenAPI 3.1)", "spectral")
def servers_in_webhook(ctx: Context) -> Found:
    for item_path, item in _webhooks(ctx):
        if "servers" in item:
            yield (*item_path, "servers"), "a webhook defines servers"
        for op_path, op in _operations_of(item, item_path):
            if "servers" in op:
                yield (*op_path, "servers"), "an operation of a webhook defines servers"


@rule(
    "oas3_1-callbacks-in-webhook", "warn", "webhooks define no callbacks (OpenAPI 3.1)", "spectral"
)
def callbacks_in_webhook(ctx: Context) -> Found:
    for item_path, item in _webhooks(ctx):
        for op_path, op in _operations_of(item, item_path):
            if "callbacks" in op:
                yield (*op_path, "callbacks"), "an operation of a webhook defines callbacks"


def _webhooks(ctx: Context) -> Iterator[tuple[JsonPath, dict[str, Any]]]:
    """The path item of every webhook of a 3.1 document, where it stands ($refs followed)."""
    webhooks = ctx.data.get("webhooks")
    if not ctx.version.startswith("3.1") or not isinstance(webhooks, dict):
        return
    for name, raw in webhooks.items():
        item, path = _follow(ctx, raw, ("webhooks", name))
        if isinstance(item, dict):
            yield path, item


def _operations_of(item: Any, path: JsonPath) -> Iterator[tuple[JsonPath, dict[str, Any]]]:
    if isinstance(item, dict):
        for method in _METHODS:
            if isinstance(item.get(method), dict):
                yield (*path, method), item[method]


def _follow(ctx: Context, node: Any, path: JsonPath) -> tuple[Any, JsonPath]:
    """`node` at `path` with its local $refs followed (bounded): the node they name and its
    path, so that a finding inside it is located where it stands."""
    for _ in range(64):
        ref = node.get("$ref") if isinstance(node, dict) else None
        if not isinstance(ref, str) or not ref.startswith("#/"):
            break
        node, path = resolve_pointer(ctx.data, ref), pointer_path(ref)
    return node, path


# -- markdown ----------------------------------------------------------------------------------


@rule(
    "no-script-tags-in-markdown",
    "error",
    "descriptions hold no <script> tags",
    "spectral",
    reads="part",
)
def script_tags(ctx: Context) -> Found:
    for path, text in _descriptions(ctx):
        if re.search(r"<script", text, re.IGNORECASE):
            yield path, "markdown holds a <script> tag"


@rule("no-eval-in-markdown", "error", "descriptions hold no eval(", "spectral", reads="part")
def eval_in_markdown(ctx: Context) -> Found:
    for path, text in _descriptions(ctx):
        if "eval(" in text:
            yield path, "markdown holds eval("


def _descriptions(ctx: Context) -> Iterator[tuple[JsonPath, str]]:
    # A property called `description` has a schema, not text; example data is not markdown.
    for path, node in ctx.at("description", "title"):
        if isinstance(node, str):
            yield path, node


# -- the generator's own rules --------------------------------------------------------------------


@rule(
    "py-enum-names",
    "warn",
    "enums map to valid, unique Python member names",
    "generator",
    reads="part",
)
def enum_names(ctx: Context) -> Found:
    for path, schema in ctx.schemas():
        values = schema.get("enum")
        if not isinstance(values, list):
            continue
        varnames = schema.get("x-enum-varnames")
        if varnames is not None and (
            not isinstance(varnames, list) or len(varnames) != len(values)
        ):
            yield (*path, "x-enum-varnames"), (
                f"x-enum-varnames has {len(varnames) if isinstance(varnames, list) else 'no'} "
                f"names for {len(values)} values; names will come from the values"
            )
            continue
        for i, varname in enumerate(varnames or []):
            if not isinstance(varname, str) or not varname:
                yield (*path, "x-enum-varnames", i), (
                    f"x-enum-varnames entry {varname!r} is not a name; "
                    "the member's name comes from its value"
                )
        present = [v for v in values if v is not None]
        if (
            varnames is None
            and present
            and all(isinstance(v, int) and not isinstance(v, bool) for v in present)
        ):
            yield (*path, "enum"), "integer enum without x-enum-varnames: members become VALUE_<n>"
        # As the generator names members: a repeated value adds no member (the rule
        # duplicated-entry-in-enum reports it), and a name that is not a string is not used.
        names: list[str] = []
        kept: list[Any] = []
        for i, value in enumerate(values):
            if value is None or value in kept:
                continue
            kept.append(value)
            varname = varnames[i] if varnames and isinstance(varnames[i], str) else None
            names.append(naming.enum_member_name(value, varname))
        for name, count in Counter(names).items():
            if count > 1:
                yield (*path, "enum"), f"{count} values map to member {name}; they are numbered"


@rule("py-names", "warn", "names map to valid, unique Python names", "generator")
def class_names(ctx: Context) -> Found:
    classes: dict[str, list[str]] = defaultdict(list)
    # The generator names classes in sorted order, and only for schemas that become classes.
    for name, cls in sorted(pair for found in ctx.gather(_schema_classes) for pair in found):
        classes[cls].append(name)
    for cls, names in classes.items():
        for name in names[1:]:
            yield ("components", "schemas", name), (
                f"schema {name!r} and {names[0]!r} both become class {cls}; it is numbered"
            )


def _schema_classes(ctx: Context) -> list[tuple[str, str]]:
    """(name, class name) of each component schema of the scope that becomes a class."""
    found = []
    for path, schema in ctx.under("schemas", data=True):
        component = len(path) == 3 and path[:2] == ("components", "schemas")
        if component and isinstance(schema, dict) and is_class(schema):
            found.append((str(path[2]), naming.class_name(str(path[2]))))
    return found


@also("py-names", reads="document")
def module_names(ctx: Context) -> Found:
    # Each operation's first tag is its group, a module; groups are named in sorted order.
    tags: dict[str, JsonPath] = {}
    for path, _, _, op in ctx.operations():
        tag = str((op.get("tags") or ["default"])[0])
        tags.setdefault(tag, (*path, "tags", 0) if op.get("tags") else path)
    modules: dict[str, list[str]] = defaultdict(list)
    for tag in sorted(tags):
        modules[naming.module_name(tag)].append(tag)
    for module, group in modules.items():
        for tag in group[1:]:
            yield tags[tag], (
                f"tags {group[0]!r} and {tag!r} both become module {module}; it is numbered"
            )


@also("py-names", reads="part")
def attribute_names(ctx: Context) -> Found:
    for path, schema in ctx.schemas():
        attrs: dict[str, list[str]] = defaultdict(list)
        for prop in schema.get("properties") or {}:
            attrs[naming.attribute_name(str(prop))].append(str(prop))
        for attr, props in attrs.items():
            for prop in props[1:]:
                yield (*path, "properties", prop), (
                    f"properties {props[0]!r} and {prop!r} both become attribute {attr!r}; "
                    "the second is numbered"
                )


@rule("py-method-collision", "warn", "no two operations become one method", "generator")
def method_collision(ctx: Context) -> Found:
    operations = [
        (list(path), str((op.get("tags") or ["default"])[0]), str(op.get("operationId") or ""))
        for path, _, _, op in ctx.operations()
    ]
    yield from _recalled(ctx, "py-method-collision", operations, _method_collisions)


def _method_collisions(operations: list[tuple[list[Any], str, str]]) -> Found:
    methods: dict[tuple[str, str], JsonPath] = {}
    for at, tag, given_id in operations:
        path = tuple(at)
        op_id = given_id or f"{path[2]} {path[1]}"  # the method and the route
        # Methods are numbered within a group, the operations of one tag (tags that differ
        # but share a module name are still separate groups; py-names reports those).
        key = (tag, naming.method_name(op_id, tag))
        if key in methods:
            yield path, (
                f"operation becomes method {naming.module_name(tag)}.{key[1]} like the one at "
                f"{' '.join(map(str, methods[key][1:]))}; it is numbered"
            )
        else:
            methods[key] = path


def _recalled(ctx: Context, name: str, inputs: Any, compute: Callable[[Any], Found]) -> Found:
    """compute(inputs), remembered by a digest of `inputs`: JSON data, all that it reads."""

    def key() -> str | None:
        try:
            return digest(name, json.dumps(inputs))
        except (TypeError, ValueError):
            return None

    for path, message in ctx.recall(key, lambda: list(compute(inputs))):
        yield tuple(path), message
