"""Step 3: build the intermediate model (`model.py`) from a validated spec.

All naming happens here, through `naming.py`, in a fixed order so the output is stable.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import date, datetime
from pathlib import PurePosixPath
from typing import Any

from . import naming
from .errors import SpecError
from .load import BUNDLE, MISSING, Document, JsonPath, pointer_path, resolve_pointer
from .model import (
    Api,
    ClassRef,
    EnumClass,
    EnumMember,
    Group,
    ModelClass,
    Operation,
    Parameter,
    Property,
    PyType,
    Response,
    body_kind,
)
from .options import BuildSettings as Settings

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_SCHEMAS = "#/components/schemas/"

STR = PyType("str", "c.STR")
INT = PyType("int", "c.INT")
FLOAT = PyType("float", "c.FLOAT")
BOOL = PyType("bool", "c.BOOL")
ANY = PyType("Any", "c.ANY", uses_any=True)
NO_BODY = PyType("None", "c.NONE")
BYTES = PyType("bytes", "c.BYTES")
RAW = PyType("bytes", "c.RAW")
_SKIP = object()
DATETIME = PyType("datetime.datetime", "c.DATETIME", modules=("datetime",))
DATE = PyType("datetime.date", "c.DATE", modules=("datetime",))
_PRIMITIVES = {"string": STR, "integer": INT, "number": FLOAT, "boolean": BOOL}


def build(doc: Document, settings: Settings, warnings: list[SpecError] | None = None) -> Api:
    """The intermediate model of a validated document. What it skips is appended to
    `warnings`; with `settings.unsupported == "refuse"` it raises instead."""
    parser = _Parser(doc, settings)
    api = parser.api()
    if warnings is not None:
        warnings.extend(parser.warnings)
    return api


def literal(value: object) -> str:
    """A JSON-compatible value as Python source; `repr` is exact and escapes everything."""
    return repr(value)


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


class _Parser:
    def __init__(self, doc: Document, settings: Settings) -> None:
        self.doc = doc
        self.data = doc.data
        self.settings = settings
        self.class_names: set[str] = set()
        self.module_names: set[str] = {"__init__"}
        self.refs: dict[JsonPath, ClassRef] = {}  # schema location -> its class
        self.enum_refs: set[ClassRef] = set()
        self.models: dict[ClassRef, ModelClass] = {}
        self.enums: dict[ClassRef, EnumClass] = {}
        self.pending: list[tuple[JsonPath, dict[str, Any], str]] = []
        self.resolving: list[JsonPath] = []
        self.warnings: list[SpecError] = []
        # $ref -> (node, path): the document does not change while it is read, and the same
        # few refs are followed thousands of times.
        self.targets: dict[str, tuple[Any, JsonPath]] = {}

    # -- helpers ---------------------------------------------------------------------------

    def error(self, message: str, path: JsonPath, rule: str) -> SpecError:
        return SpecError(message, location=self.doc.locate(path), rule=rule)

    def unsupported(self, message: str, path: JsonPath) -> None:
        """Skip a construct with a warning, or refuse the spec, as the settings say."""
        if self.settings.unsupported == "refuse":
            raise self.error(message, path, "generator")
        self.warnings.append(self.error(message, path, "generator-skip"))

    def deref(self, node: Any, path: JsonPath) -> tuple[Any, JsonPath]:
        """Follow `$ref`s from `node` to the node they name; refuse a loop of bare refs."""
        seen: list[str] = []
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            if ref in seen:
                raise self.error(f"$ref loop: {' -> '.join([*seen, ref])}", path, "ref-loop")
            seen.append(ref)
            found = self.targets.get(ref)
            if found is None:
                target = resolve_pointer(self.data, ref)
                if target is MISSING:
                    raise self.error(f"$ref {ref!r} does not resolve", path, "unresolved-ref")
                found = self.targets[ref] = (target, pointer_path(ref))
            node, path = found
        return node, path

    def claim_class(self, spec_name: str, path: JsonPath, schema: Mapping[str, Any]) -> ClassRef:
        name = naming.unique([naming.class_name(spec_name)], self.class_names)[0]
        self.class_names.add(name)
        module = naming.unique([naming.module_name(name)], self.module_names)[0]
        self.module_names.add(module)
        ref = ClassRef(module, name)
        self.refs[path] = ref
        if "enum" in schema:
            self.enum_refs.add(ref)
        return ref

    # -- the whole document ----------------------------------------------------------------

    def api(self) -> Api:
        schemas = self.data.get("components", {}).get("schemas", {}) or {}
        # Name every component class first, so inline schemas can never take their names.
        for name in sorted(schemas):
            path = ("components", "schemas", name)
            schema = schemas[name]
            if isinstance(schema, dict) and _is_class(schema):
                self.claim_class(name, path, schema)
                self.pending.append((path, schema, name))
        for name in sorted(schemas):
            alias: JsonPath = ("components", "schemas", name)
            if alias not in self.refs:  # aliases still have to be valid
                self.type_of(schemas[name], alias, name)
        groups, client_parameters = _client_parameters(self.groups())
        while self.pending:
            self.build_class(*self.pending.pop(0))
        info = self.data.get("info", {})
        servers = self.data.get("servers") or [{}]
        package = self.settings.package_name or naming.package_name(_text(info.get("title")))
        schemes = self.data.get("components", {}).get("securitySchemes", {}) or {}
        return Api(
            package_name=package,
            project_name=self.settings.project_name or package.replace("_", "-"),
            package_version=self.settings.package_version,
            title=_text(info.get("title")) or self.settings.project_name,
            description=_text(info.get("description")),
            api_version=str(info.get("version", "")),
            server_url=str(servers[0].get("url", "")).rstrip("/"),
            spec_file=self.doc.path.name,
            models=tuple(sorted(self.models.values(), key=lambda m: m.name)),
            enums=tuple(sorted(self.enums.values(), key=lambda e: e.name)),
            groups=groups,
            client_parameters=client_parameters,
            # A fence inside the example would end its code block early.
            readme_example=_text(info.get("x-readme-example")).replace("```", "` ` `"),
            security_schemes=tuple(sorted(schemes)),
        )

    # -- schemas ---------------------------------------------------------------------------

    def type_of(self, schema: Any, path: JsonPath, context: str) -> PyType:
        """The Python type of a schema; inline objects and enums become classes named after
        `context`, the place they stand in."""
        if not isinstance(schema, dict):
            return ANY
        if "$ref" in schema:
            ref = schema["$ref"]
            if path in self.resolving:
                raise self.error(
                    f"$ref loop through {ref!r} with no object in between", path, "ref-loop"
                )
            target, target_path = self.deref(schema, path)
            if target_path in self.refs:
                return self.class_type(self.refs[target_path])
            self.resolving.append(path)
            try:
                name = str(target_path[-1]) if target_path else context
                if len(target_path) == 2 and target_path[0] == BUNDLE:  # a whole file
                    name = PurePosixPath(name).stem
                return self.type_of(target, target_path, name)
            finally:
                self.resolving.pop()
        if path in self.refs:
            return self.class_type(self.refs[path])
        if _is_class(schema):
            ref = self.claim_class(context, path, schema)
            self.pending.append((path, schema, context))
            return self.class_type(ref)
        for key in ("oneOf", "anyOf"):
            if isinstance(schema.get(key), list):
                options = [
                    self.type_of(s, (*path, key, i), f"{context} option {i + 1}")
                    for i, s in enumerate(schema[key])
                    if not _is_null(s)  # null makes the field nullable, not a union member
                ]
                return _union(options, self.discriminator(schema, key, path))
        if isinstance(schema.get("allOf"), list) and len(schema["allOf"]) == 1:
            return self.type_of(schema["allOf"][0], (*path, "allOf", 0), context)
        kind = _type_name(schema)
        if kind == "array":
            item = self.type_of(schema.get("items", {}), (*path, "items"), f"{context} item")
            if self.is_nullable(schema.get("items", {}), (*path, "items")):
                item = _optional(item)
            return item.wrap(f"list[{item.annotation}]", f"c.list_of({item.codec})")
        if kind == "object" or "additionalProperties" in schema:
            extra = schema.get("additionalProperties", True)
            if extra is True or extra == {} or extra is False:
                return ANY.wrap("dict[str, Any]", "c.dict_of(c.ANY)")
            value = self.type_of(extra, (*path, "additionalProperties"), f"{context} value")
            if self.is_nullable(extra, (*path, "additionalProperties")):
                value = _optional(value)
            return value.wrap(f"dict[str, {value.annotation}]", f"c.dict_of({value.codec})")
        if kind == "string" and schema.get("format") == "date-time":
            return DATETIME
        if kind == "string" and schema.get("format") == "date":
            return DATE
        if kind == "string" and schema.get("format") == "binary":
            return BYTES
        return _PRIMITIVES.get(kind or "", ANY)

    def discriminator(self, schema: dict[str, Any], key: str, path: JsonPath) -> str:
        """Source of the `discriminator=` argument of a union codec, or "": the property that
        names the option, and each value's codec (the mapping's, else the schema names)."""
        spec = schema.get("discriminator")
        if not isinstance(spec, dict) or not isinstance(spec.get("propertyName"), str):
            return ""
        mapping: dict[str, str] = {}
        for i, option in enumerate(schema[key]):
            if isinstance(option, dict) and isinstance(option.get("$ref"), str):
                name = option["$ref"].rsplit("/", 1)[-1]
                mapping[name] = self.type_of(option, (*path, key, i), name).codec
        for value, ref in (spec.get("mapping") or {}).items():
            if isinstance(ref, str):
                target = ref if ref.startswith("#") else f"{_SCHEMAS}{ref}"
                mapping[str(value)] = self.type_of(
                    {"$ref": target}, (*path, "discriminator", "mapping", value), str(value)
                ).codec
        if not mapping:
            return ""
        entries = ", ".join(f"{literal(k)}: {v}" for k, v in mapping.items())
        return f", discriminator=({literal(spec['propertyName'])}, {{{entries}}})"

    def is_nullable(self, schema: Any, path: JsonPath) -> bool:
        """Is the schema, or the one its $ref names, nullable?"""
        if _nullable(schema):
            return True
        target, _ = self.deref(schema, path) if isinstance(schema, dict) else (schema, path)
        return _nullable(target)

    def class_type(self, ref: ClassRef) -> PyType:
        codec = "enum" if ref in self.enum_refs else "model"
        return PyType(ref.name, f"c.{codec}({ref.name})", (ref,))

    def build_class(self, path: JsonPath, schema: dict[str, Any], spec_name: str) -> None:
        ref = self.refs[path]
        description = _text(schema.get("description")) or _text(schema.get("title"))
        if "enum" in schema:
            self.enums[ref] = self.build_enum(ref, path, schema, spec_name, description)
            return
        properties, required = self.collect_properties(schema, path)
        attrs = naming.unique(
            (naming.attribute_name(w) for w, _, _ in properties), naming.MODEL_MEMBERS
        )
        props = []
        for attr, (wire, prop_schema, prop_path) in zip(attrs, properties, strict=True):
            context = f"{spec_name} {wire}"
            target, _ = (
                self.deref(prop_schema, prop_path)
                if isinstance(prop_schema, dict)
                else (prop_schema, prop_path)
            )
            prop_type = self.type_of(prop_schema, prop_path, context)
            props.append(
                Property(
                    wire_name=wire,
                    attr=attr,
                    type=prop_type,
                    required=wire in required,
                    # `{}` (any value) allows null too.
                    nullable=_nullable(prop_schema) or _nullable(target) or prop_type is ANY,
                    description=_text(
                        prop_schema.get("description") if isinstance(prop_schema, dict) else None
                    ),
                )
            )
        self.models[ref] = ModelClass(
            ref, spec_name, description, tuple(props), self.extras_type(schema, path, spec_name)
        )

    def extras_type(self, schema: dict[str, Any], path: JsonPath, spec_name: str) -> PyType | None:
        """The type of properties a schema does not name, when `additionalProperties` (its own,
        else that of its last `allOf` part to say) gives one; None for free-form."""
        extra, extra_path = None, path
        for part, part_path in self._parts(schema, path, []):
            if "additionalProperties" in part:
                extra, extra_path = part["additionalProperties"], part_path
        if not isinstance(extra, dict) or not extra:
            return None
        extra_path = (*extra_path, "additionalProperties")
        value = self.type_of(extra, extra_path, f"{spec_name} value")
        if value is ANY:
            return None
        return _optional(value) if self.is_nullable(extra, extra_path) else value

    def collect_properties(
        self, schema: dict[str, Any], path: JsonPath
    ) -> tuple[list[tuple[str, Any, JsonPath]], set[str]]:
        """Properties in spec order, `allOf` parts merged in, and the required names."""
        properties: dict[str, tuple[str, Any, JsonPath]] = {}
        required: set[str] = set()
        for part, part_path in self._parts(schema, path, []):
            for wire, prop in (part.get("properties") or {}).items():
                properties[wire] = (wire, prop, (*part_path, "properties", wire))
            required.update(r for r in part.get("required") or [] if isinstance(r, str))
        return list(properties.values()), required

    def _parts(
        self, schema: dict[str, Any], path: JsonPath, seen: list[JsonPath]
    ) -> Iterator[tuple[dict[str, Any], JsonPath]]:
        if path in seen:
            raise self.error("allOf includes itself", path, "ref-loop")
        for i, part in enumerate(schema.get("allOf") or []):
            target, target_path = self.deref(part, (*path, "allOf", i))
            if isinstance(target, dict):
                yield from self._parts(target, target_path, [*seen, path])
        yield schema, path

    def build_enum(
        self,
        ref: ClassRef,
        path: JsonPath,
        schema: dict[str, Any],
        spec_name: str,
        description: str,
    ) -> EnumClass:
        # JSON has one number type: `2.0` in an integer enum is the integer 2.
        integral = schema.get("type") == "integer"
        entries = [
            int(v) if integral and isinstance(v, float) and v.is_integer() else v
            for v in schema["enum"]
        ]
        values = [v for v in entries if v is not None]
        if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            base = "IntEnum"
        elif all(isinstance(v, str) for v in values):
            base = "StrEnum"
        else:
            raise self.error(
                f"enum {spec_name!r} mixes value types; only all-string or "
                "all-integer enums are supported",
                (*path, "enum"),
                "generator",
            )
        given = schema.get("x-enum-varnames")
        varnames: list[Any] = given if isinstance(given, list) else []
        if len(varnames) != len(entries):
            varnames = []  # the lint rule reports it; names then come from the values
        # A member named like its class would hide the class in the class's own annotations.
        raw_names = [
            f"{name}_" if name == ref.name else name
            for name in (
                naming.enum_member_name(
                    v, varnames[i] if varnames and isinstance(varnames[i], str) else None
                )
                for i, v in enumerate(entries)
                if v is not None
            )
        ]
        members = []
        seen_values: set[object] = set()
        for name, value in zip(naming.unique(raw_names), values, strict=True):
            if value in seen_values:
                continue  # a duplicated entry adds nothing
            seen_values.add(value)
            members.append(EnumMember(name, value, literal(value)))
        return EnumClass(ref, spec_name, description, base, tuple(members))

    # -- operations ------------------------------------------------------------------------

    def groups(self) -> tuple[Group, ...]:
        by_tag: dict[str, list[tuple[str, str, dict[str, Any], list[Any]]]] = {}
        for route, raw in (self.data.get("paths") or {}).items():
            item, _ = self.deref(raw, ("paths", route))  # 3.1 allows a $ref'd path item
            if not isinstance(item, dict):
                continue
            item_params = item.get("parameters") or []
            for method in HTTP_METHODS:
                op = item.get(method)
                if isinstance(op, dict):
                    tags = op.get("tags") or ["default"]
                    by_tag.setdefault(str(tags[0]), []).append((route, method, op, item_params))
                    if op.get("callbacks"):
                        self.unsupported(
                            "callbacks are not generated: the client makes calls, "
                            "it does not receive them",
                            ("paths", route, method, "callbacks"),
                        )
        if self.data.get("webhooks"):
            self.unsupported(
                "webhooks are not generated: the client makes calls, it does not " "receive them",
                ("webhooks",),
            )
        tags_doc = {
            t.get("name"): _text(t.get("description"))
            for t in self.data.get("tags") or []
            if isinstance(t, dict)
        }
        # Modules and client attributes: unique, and never a member of the client.
        attrs = naming.unique(
            (naming.module_name(t) for t in sorted(by_tag)), naming.CLIENT_MEMBERS
        )
        class_names = naming.unique(
            (naming.group_class_name(t) for t in sorted(by_tag)), self.class_names
        )
        self.class_names.update(class_names)  # inline schemas named later stay clear of them
        groups = []
        for attr, class_name, tag in zip(attrs, class_names, sorted(by_tag), strict=True):
            built = [
                self.operation(route, method, op, params, tag)
                for route, method, op, params in by_tag[tag]
            ]
            ops = [o for o in built if o is not None]
            if not ops:
                continue
            method_names = naming.unique(o.method_name for o in ops)
            ops = [_renamed(o, name) for o, name in zip(ops, method_names, strict=True)]
            groups.append(
                Group(
                    tag=tag,
                    attr=attr,
                    module=attr,
                    class_name=class_name,
                    description=tags_doc.get(tag, ""),
                    operations=tuple(sorted(ops, key=lambda o: o.method_name)),
                )
            )
        return tuple(groups)

    def operation(
        self, route: str, method: str, op: dict[str, Any], item_params: list[Any], tag: str
    ) -> Operation | None:
        path: JsonPath = ("paths", route, method)
        operation_id = str(op.get("operationId") or f"{method} {route}")
        params: dict[tuple[str, str], tuple[dict[str, Any], JsonPath]] = {}
        for base, plist in (
            ((*path[:2], "parameters"), item_params),
            ((*path, "parameters"), op.get("parameters") or []),
        ):
            for i, raw in enumerate(plist):
                param, ppath = self.deref(raw, (*base, i))
                if isinstance(param, dict):
                    params[(str(param.get("in")), str(param.get("name")))] = (param, ppath)
        ordered = sorted(params.values(), key=lambda p: _param_order(p[0], route))
        names = naming.unique(naming.parameter_name(str(p["name"])) for p, _ in ordered)
        parameters = [
            self.parameter(p, pp, n, operation_id)
            for (p, pp), n in zip(ordered, names, strict=True)
        ]
        body = self.body(op, path, operation_id)
        media_type = ""
        if body is _SKIP:
            return None
        if isinstance(body, tuple):
            body_param, media_type = body
            body_param = _with_name(
                body_param, naming.unique([body_param.name], {p.name for p in parameters})[0]
            )
            # The call reads like the route: path parameters, then the body, then the rest.
            required = [p for p in parameters if p.required and p.default is None]
            leading = [p for p in required if p.location == "path"]
            parameters = [*leading, body_param, *(p for p in parameters if p not in leading)]
        responses = tuple(
            self.response(code, r, (*path, "responses", code), operation_id)
            for code, r in sorted((op.get("responses") or {}).items())
        )
        method_name = naming.method_name(operation_id, tag)
        success = [r.type or NO_BODY for r in responses if r.status.startswith("2")]
        return Operation(
            operation_id=operation_id,
            method_name=method_name,
            function_name=f"build_{method_name.rstrip('_')}_request",
            http_method=method.upper(),
            path=route,
            summary=_text(op.get("summary")),
            description=_text(op.get("description")),
            deprecated=bool(op.get("deprecated")),
            parameters=tuple(parameters),
            body_media_type=media_type,
            responses=responses,
            result=_union(success) if success else NO_BODY,
        )

    def parameter(
        self, param: dict[str, Any], path: JsonPath, name: str, operation_id: str
    ) -> Parameter:
        schema = param.get("schema", {})
        target, _ = self.deref(schema, (*path, "schema"))
        default = target.get("default") if isinstance(target, dict) else None
        ptype = self.type_of(schema, (*path, "schema"), f"{operation_id} {param.get('name')}")
        return Parameter(
            wire_name=str(param.get("name")),
            name=name,
            location=str(param.get("in")),
            type=ptype,
            required=bool(param.get("required")) or param.get("in") == "path",
            default=_default_source(ptype, default, self.enum_refs),
            description=_text(param.get("description")),
        )

    def body(
        self, op: dict[str, Any], path: JsonPath, operation_id: str
    ) -> tuple[Parameter, str] | object | None:
        """The request body as a parameter, named after its model (`cart`) or `body`, and its
        media type; None when there is none, `_SKIP` when the operation is skipped."""
        if "requestBody" not in op:
            return None
        body, bpath = self.deref(op["requestBody"], (*path, "requestBody"))
        content = body.get("content") or {}
        media = _body_media(content)
        if media is None:
            self.unsupported(
                f"request bodies in {', '.join(sorted(content)) or 'no media type'} are not "
                "supported (JSON, form, multipart, binary and text are); the operation is skipped",
                bpath,
            )
            return _SKIP
        schema = content[media].get("schema", {})
        schema_path = (*bpath, "content", media, "schema")
        kind = body_kind(media)
        if kind == "content":
            btype = STR if media.startswith("text/") else BYTES
        else:
            btype = self.type_of(schema, schema_path, f"{operation_id} body")
        name = (
            naming.parameter_name(btype.annotation)
            if btype.annotation.isidentifier() and btype.classes
            else "body"
        )
        parameter = Parameter(
            wire_name="body",
            name=name,
            location="body",
            type=btype,
            required=bool(body.get("required")),
            default=None,
            description=_text(body.get("description")) or "The request body.",
        )
        return parameter, media

    def response(self, code: str, raw: Any, path: JsonPath, operation_id: str) -> Response:
        response, rpath = self.deref(raw, path)
        content = response.get("content") or {}
        media = _json_media(content)
        rtype = None
        if media is not None:
            rtype = self.type_of(
                content[media].get("schema", {}),
                (*rpath, "content", media, "schema"),
                f"{operation_id} response {code}",
            )
        elif content:
            rtype = RAW  # XML, text, a file ...: the caller gets the body's bytes
        return Response(str(code), _text(response.get("description")), rtype)


def _is_class(schema: Mapping[str, Any]) -> bool:
    """Does this schema become a generated class (an enum or an object with properties)?"""
    if "$ref" in schema:
        return False
    if "enum" in schema and any(v is not None for v in schema.get("enum") or []):
        return True
    if schema.get("properties"):
        return True
    all_of = schema.get("allOf")
    return isinstance(all_of, list) and len(all_of) > 1


def _type_name(schema: Mapping[str, Any]) -> str | None:
    kind = schema.get("type")
    if isinstance(kind, list):  # 3.1: ["string", "null"]
        kinds = [k for k in kind if k != "null"]
        return kinds[0] if len(kinds) == 1 else None
    return kind if isinstance(kind, str) else None


def _nullable(schema: Any) -> bool:
    if not isinstance(schema, dict):
        return False
    kind = schema.get("type")
    if schema.get("nullable") is True or (isinstance(kind, list) and "null" in kind):
        return True
    # 3.1 writes a nullable reference as anyOf/oneOf [{$ref: ...}, {type: 'null'}].
    options = [*(schema.get("anyOf") or []), *(schema.get("oneOf") or [])]
    return any(_is_null(o) for o in options)


def _is_null(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.get("type") == "null"


def _optional(t: PyType) -> PyType:
    return t.wrap(f"{t.annotation} | None", f"c.nullable({t.codec})", typed_codec=t.typed_codec)


def _union(options: Iterable[PyType], discriminator: str = "") -> PyType:
    """One type for several: `A | B`. A response that may have no body is `T | None`."""
    unique: dict[str, PyType] = {}
    for option in options:
        unique.setdefault(option.annotation, option)
    no_body = unique.pop(NO_BODY.annotation, None)
    items = tuple(unique.values())
    if not items:
        return NO_BODY
    if len(items) == 1:
        single = items[0]
    else:
        codecs = ", ".join(t.codec for t in items)
        single = PyType.combine(
            " | ".join(t.annotation for t in items),
            f"c.union({codecs}{discriminator})",
            items,
            typed_codec=False,
        )
    return _optional(single) if no_body is not None else single


def _body_media(content: Mapping[str, Any]) -> str | None:
    """The media type to send a request body in: JSON first, then form, multipart, binary."""
    json_media = _json_media(content)
    if json_media is not None:
        return json_media
    for wanted in ("application/x-www-form-urlencoded", "multipart/form-data"):
        for media in content:
            if media.split(";")[0].strip() == wanted:
                return media
    for media in content:
        base = media.split(";")[0].strip()
        if base == "application/octet-stream" or base.startswith(("text/", "image/")):
            return media
    return None


def _json_media(content: Mapping[str, Any]) -> str | None:
    for media in content:
        if media == "application/json":
            return media
    for media in content:
        base = media.split(";")[0].strip()
        if base.endswith(("/json", "+json")):
            return media
    return None


def _param_order(param: Mapping[str, Any], route: str) -> tuple[int, int, str]:
    """Path parameters in the order the route names them, then required, then the rest."""
    where = str(param.get("in"))
    name = str(param.get("name"))
    if where == "path":
        has_default = isinstance(param.get("schema"), dict) and "default" in param["schema"]
        position = route.find("{" + name + "}")
        return (1 if has_default else 0, position, name)
    return (2 if param.get("required") else 3, 0, f"{where}:{name}")


def _client_parameters(
    groups: tuple[Group, ...],
) -> tuple[tuple[Group, ...], tuple[Parameter, ...]]:
    """Path parameters with a default (an API version) are set once on the client rather than
    on every call; each operation that has one takes it from the client. On the client they
    are named clear of its members and of the groups."""
    shared: dict[str, Parameter] = {}
    for group in groups:
        for op in group.operations:
            for p in op.path_parameters:
                if p.default is not None:
                    shared.setdefault(p.name, p)
    names = sorted(shared)
    taken = naming.CLIENT_MEMBERS | {g.attr for g in groups}
    attrs = dict(zip(names, naming.unique(names, taken), strict=True))

    def using(op: Operation) -> Operation:
        pairs = tuple((p.name, attrs[p.name]) for p in op.path_parameters if p.name in shared)
        return replace(op, client_parameters=pairs)

    updated = tuple(replace(g, operations=tuple(using(op) for op in g.operations)) for g in groups)
    return updated, tuple(replace(shared[n], name=attrs[n]) for n in names)


def _default_source(ptype: PyType, default: Any, enums: set[ClassRef]) -> str | None:
    """A parameter's default as Python source of its own type, or None when the spec's
    default does not fit the type (mypy would refuse it)."""
    if isinstance(default, bool):
        return literal(default) if ptype is BOOL else None
    if len(ptype.classes) == 1 and ptype.classes[0] in enums and ptype.annotation.isidentifier():
        # An open enum accepts any value of its kind; Color("red") is then Color.RED.
        return f"{ptype.annotation}({literal(default)})" if isinstance(default, str | int) else None
    if ptype in (DATE, DATETIME) and isinstance(default, str):
        try:
            (date.fromisoformat if ptype is DATE else datetime.fromisoformat)(default)
        except ValueError:
            return None
        return f"{ptype.annotation}.fromisoformat({literal(default)})"
    fits = {STR: str, INT: int, FLOAT: int | float, ANY: str | int | float}
    kind = fits.get(ptype)
    return literal(default) if kind is not None and isinstance(default, kind) else None


def _with_name(param: Parameter, name: str) -> Parameter:
    return replace(param, name=name)


def _renamed(op: Operation, method_name: str) -> Operation:
    if op.method_name == method_name:
        return op
    return replace(
        op, method_name=method_name, function_name=f"build_{method_name.rstrip('_')}_request"
    )
