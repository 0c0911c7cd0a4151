"""The intermediate model: what the templates render. Every name here is final.

The parser (`parse.py`) builds it from the spec; templates only read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# --- Types -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PyType:
    """A Python type for a schema: its annotation and the codec expression that converts it.

    `annotation` is what the dataclass field says; `codec` is an expression over the runtime's
    codec helpers (imported as `c`) that reads and writes the wire form; `classes` lists the
    generated classes it names, so that modules can import them.
    """

    annotation: str
    codec: str
    classes: tuple[ClassRef, ...] = ()
    modules: tuple[str, ...] = ()  # standard-library modules the annotation names
    uses_any: bool = False  # the annotation names typing.Any
    typed_codec: bool = True  # False when the codec is a Codec[Any] (a union)

    def wrap(self, annotation: str, codec: str, *, typed_codec: bool = True) -> PyType:
        """A type built around this one (a list of it, a map of it ...)."""
        return PyType(annotation, codec, self.classes, self.modules, self.uses_any, typed_codec)

    @staticmethod
    def combine(
        annotation: str, codec: str, parts: tuple[PyType, ...], typed_codec: bool = True
    ) -> PyType:
        """A type built from several (a union)."""
        return PyType(
            annotation,
            codec,
            tuple(sorted({r for t in parts for r in t.classes})),
            tuple(sorted({m for t in parts for m in t.modules})),
            any(t.uses_any for t in parts),
            typed_codec,
        )


@dataclass(frozen=True, slots=True, order=True)
class ClassRef:
    """A generated class and the module (under `models/`) that defines it."""

    module: str
    name: str


# --- Models and enums --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Property:
    """A field of a model."""

    wire_name: str
    attr: str
    type: PyType
    required: bool
    nullable: bool
    description: str

    @property
    def annotation(self) -> str:
        if self.nullable or not self.required:
            return f"{self.type.annotation} | None"
        return self.type.annotation

    @property
    def doc(self) -> str:
        return self.description


@dataclass(frozen=True, slots=True)
class ModelClass:
    """A dataclass for an object schema."""

    ref: ClassRef
    spec_name: str
    description: str
    properties: tuple[Property, ...]
    extras: PyType | None = None  # the type of additionalProperties, when the spec gives one

    @property
    def name(self) -> str:
        return self.ref.name

    @property
    def extras_annotation(self) -> str:
        return self.extras.annotation if self.extras else "Any"

    @property
    def _types(self) -> tuple[PyType, ...]:
        return tuple(p.type for p in self.properties) + ((self.extras,) if self.extras else ())

    @property
    def uses_any(self) -> bool:
        """Whether the module names typing.Any."""
        return self.extras is None or any(t.uses_any for t in self._types)

    @property
    def field_imports(self) -> tuple[ClassRef, ...]:
        """The classes `_fields()` imports (at run time, so that modules may refer to each
        other): those its fields name, but itself."""
        return tuple(sorted({r for p in self.properties for r in p.type.classes} - {self.ref}))

    @property
    def extras_imports(self) -> tuple[ClassRef, ...]:
        """The classes `_extras()` imports."""
        return tuple(sorted(set(self.extras.classes if self.extras else ()) - {self.ref}))

    @property
    def module(self) -> str:
        return self.ref.module

    @property
    def required_properties(self) -> tuple[Property, ...]:
        return tuple(p for p in self.properties if p.required)

    @property
    def optional_properties(self) -> tuple[Property, ...]:
        return tuple(p for p in self.properties if not p.required)

    @property
    def referenced(self) -> tuple[ClassRef, ...]:
        """Other generated classes its fields use, sorted, without itself."""
        refs = {r for t in self._types for r in t.classes if r != self.ref}
        return tuple(sorted(refs))

    @property
    def fields_in_order(self) -> tuple[Property, ...]:
        """Required fields first, so a reader sees what a constructor call needs."""
        return self.required_properties + self.optional_properties

    @property
    def stdlib_modules(self) -> tuple[str, ...]:
        return tuple(sorted({m for t in self._types for m in t.modules}))

    @property
    def docstring(self) -> str:
        return self.description or f"The `{self.spec_name}` schema."


@dataclass(frozen=True, slots=True)
class EnumMember:
    name: str
    value: str | int
    literal: str  # the value as Python source


@dataclass(frozen=True, slots=True)
class EnumClass:
    """An open enum: unknown values are kept rather than refused."""

    ref: ClassRef
    spec_name: str
    description: str
    base: str  # "StrEnum" or "IntEnum"
    members: tuple[EnumMember, ...]

    @property
    def name(self) -> str:
        return self.ref.name

    @property
    def module(self) -> str:
        return self.ref.module

    @property
    def docstring(self) -> str:
        return self.description or f"The `{self.spec_name}` values."


def body_kind(media_type: str) -> str:
    """How a request body of this media type is sent: json, form, multipart or content."""
    base = media_type.split(";")[0].strip()
    if base == "application/x-www-form-urlencoded":
        return "form"
    if base == "multipart/form-data":
        return "multipart"
    return "json" if base.endswith(("/json", "+json")) else "content"


# --- Operations --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Parameter:
    wire_name: str
    name: str
    location: str  # path, query, header, cookie, or body for the request body
    type: PyType
    required: bool
    default: str | None  # Python source of the default, when the spec gives one
    description: str

    @property
    def annotation(self) -> str:
        if self.required or self.default is not None:
            return self.type.annotation
        return f"{self.type.annotation} | None"

    @property
    def default_source(self) -> str:
        return self.default if self.default is not None else "None"


@dataclass(frozen=True, slots=True)
class Response:
    status: str  # "200", "4XX" or "default"
    description: str
    type: PyType | None  # None: no JSON body


@dataclass(frozen=True, slots=True)
class Operation:
    operation_id: str
    method_name: str  # in its group
    function_name: str  # the module-level request builder
    http_method: str
    path: str
    summary: str
    description: str
    deprecated: bool
    parameters: tuple[Parameter, ...]  # in signature order, the body among them
    body_media_type: str  # "" when the operation takes no body
    responses: tuple[Response, ...]
    result: PyType  # what a successful call returns, decoded
    # Parameters the client supplies (e.g. version): (parameter name, client attribute).
    client_parameters: tuple[tuple[str, str], ...] = ()

    def _where(self, location: str) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == location)

    @property
    def path_parameters(self) -> tuple[Parameter, ...]:
        return self._where("path")

    @property
    def query_parameters(self) -> tuple[Parameter, ...]:
        return self._where("query")

    @property
    def header_parameters(self) -> tuple[Parameter, ...]:
        return self._where("header")

    @property
    def cookie_parameters(self) -> tuple[Parameter, ...]:
        return self._where("cookie")

    @property
    def body(self) -> Parameter | None:
        found = self._where("body")
        return found[0] if found else None

    @property
    def body_kind(self) -> str:
        """How the body is sent: json, form, multipart or content; "" without a body."""
        return body_kind(self.body_media_type) if self.body_media_type else ""

    @property
    def body_expression(self) -> str:
        """Source of the `RequestBody` the request builder passes on."""
        body = self.body
        if body is None:
            return "None"
        kind = self.body_kind
        if kind == "content":
            made = f"content_body({body.name}, {self.body_media_type!r})"
        else:
            made = f"{kind}_body({body.type.codec}.encode({body.name}))"
        # Parenthesized: black and ruff then split a long one alike.
        return made if body.required else f"(None if {body.name} is None else {made})"

    def _doc(self, parameters: tuple[Parameter, ...], returns: bool) -> str:
        lines = [self.summary or f"Call `{self.operation_id}`."]
        if self.description and self.description != self.summary:
            lines += ["", self.description]
        if self.deprecated:
            lines += ["", "Deprecated: the API may remove this operation."]
        lines += ["", f"``{self.http_method} {self.path}``"]
        documented = [p for p in parameters if p.description]
        if documented:
            lines += ["", "Args:"]
            lines += [f"    {p.name}: {p.description}" for p in documented]
        if returns and self.result.annotation != "None":
            described = [
                r.description for r in self.responses if r.status.startswith("2") and r.description
            ]
            what = " / ".join(dict.fromkeys(described)) or "The response body."
            lines += ["", "Returns:", f"    {self.result.annotation}: {what}"]
        if returns:
            errors = sorted(r.status for r in self.responses if r.status[:1] in "45")
            lines += [
                "",
                "Raises:",
                "    ApiError: the subclass for the status"
                + (f" ({', '.join(errors)})" if errors else "")
                + ", after any retries.",
            ]
        return "\n".join(lines)

    @property
    def docstring(self) -> str:
        """The request builder's docstring."""
        return self._doc(self.parameters, returns=False)

    @property
    def method_docstring(self) -> str:
        """The client method's docstring: its own arguments and what it returns."""
        own = tuple(p for p in self.parameters if p.name not in self._supplied)
        return self._doc(own, returns=True)

    @property
    def positional(self) -> tuple[Parameter, ...]:
        """Required parameters without a default: the call's positional arguments."""
        return tuple(p for p in self.parameters if p.required and p.default is None)

    @property
    def keyword_only(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if not (p.required and p.default is None))

    @property
    def _supplied(self) -> dict[str, str]:
        return dict(self.client_parameters)

    @property
    def method_positional(self) -> tuple[Parameter, ...]:
        """The client method's positional parameters (the client supplies its own)."""
        return tuple(p for p in self.positional if p.name not in self._supplied)

    @property
    def call_arguments(self) -> tuple[str, ...]:
        """The client method's call of the request builder, argument by argument."""
        supplied = self._supplied
        return tuple(
            (
                f"{p.name}=self._client.{supplied[p.name]}"
                if p.name in supplied
                else f"{p.name}={p.name}"
            )
            for p in self.parameters
        )

    @property
    def method_keyword_only(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.keyword_only if p.name not in self._supplied)

    @property
    def classes(self) -> tuple[ClassRef, ...]:
        refs = {r for p in self.parameters for r in p.type.classes}
        for response in self.responses:
            if response.type:
                refs.update(response.type.classes)
        return tuple(sorted(refs))


@dataclass(frozen=True, slots=True)
class Group:
    """The operations of one tag: a module of request builders and a client attribute."""

    tag: str
    attr: str  # client.<attr>
    module: str  # api/<module>.py
    class_name: str
    description: str
    operations: tuple[Operation, ...]

    @property
    def classes(self) -> tuple[ClassRef, ...]:
        """Classes the module uses: parameter, body and result types."""
        return tuple(
            sorted(
                {r for op in self.operations for p in op.parameters for r in p.type.classes}
                | {r for op in self.operations for r in op.result.classes}
            )
        )

    @property
    def stdlib_modules(self) -> tuple[str, ...]:
        return tuple(sorted({m for t in self._types() for m in t.modules}))

    def _types(self) -> list[PyType]:
        return [p.type for op in self.operations for p in op.parameters] + [
            op.result for op in self.operations
        ]

    @property
    def uses_any(self) -> bool:
        return any(t.uses_any for t in self._types())

    @property
    def async_class_name(self) -> str:
        return f"Async{self.class_name}"

    @property
    def request_helpers(self) -> tuple[str, ...]:
        """What the module imports from the runtime's `_request`."""
        names = {"ApiRequest", "expand_path"}
        for op in self.operations:
            if op.body_kind:
                names.add(f"{op.body_kind}_body")
            if op.query_parameters:
                names.add("query_values")
            if op.header_parameters or op.cookie_parameters:
                names.add("text_values")
        return tuple(sorted(names))


# --- The whole API ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Api:
    package_name: str  # import name
    project_name: str  # distribution name
    package_version: str
    title: str
    description: str
    api_version: str
    server_url: str
    spec_file: str
    models: tuple[ModelClass, ...]
    enums: tuple[EnumClass, ...]
    groups: tuple[Group, ...]
    client_parameters: tuple[Parameter, ...] = ()  # path parameters with a default, e.g. version
    readme_example: str = ""  # `info.x-readme-example`: usage shown in the package README
    security_schemes: tuple[str, ...] = field(default=())

    @property
    def classes(self) -> tuple[ModelClass | EnumClass, ...]:
        """Every generated class, in the order of its module."""
        return tuple(sorted((*self.models, *self.enums), key=lambda c: c.module))

    @property
    def client_classes(self) -> tuple[ClassRef, ...]:
        """Classes the client settings' annotations and defaults name."""
        return tuple(sorted({r for p in self.client_parameters for r in p.type.classes}))

    @property
    def client_modules(self) -> tuple[str, ...]:
        return tuple(sorted({m for p in self.client_parameters for m in p.type.modules}))

    @property
    def model_exports(self) -> tuple[str, ...]:
        """What `models/__init__.py` exports, sorted as linters expect `__all__`."""
        return export_order(["DecodeError", *(c.name for c in self.classes)])


def export_order(names: list[str]) -> tuple[str, ...]:
    """Names in "isort style": CONSTANTS, then Classes, then functions, each alphabetical."""

    def key(name: str) -> tuple[int, str]:
        if name.isupper():
            return (0, name)
        return (1 if name[:1].isupper() else 2, name)

    return tuple(sorted(names, key=key))
