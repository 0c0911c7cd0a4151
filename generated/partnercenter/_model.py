"""The base class of every model: reads wire data leniently and writes it back
losslessly.

A model lists its fields once (`_fields`); this class reads and writes them. Reading
matches keys case-insensitively (the service and its SDKs mix camelCase and PascalCase)
and keeps unknown keys; it remembers explicit nulls and the exact text of values it
converts, so that `to_dict()` gives back what was read unless the caller changed it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from operator import attrgetter
from types import MemberDescriptorType
from typing import TYPE_CHECKING, Any, Self, TypeVar

from ._codecs import NO_WIRE, Codec, DecodeError, decoder, encoder, read_gc_paused

if TYPE_CHECKING:
    from ._compiled import Reader, Writer

__all__ = ["DecodeError", "Field", "Model"]

M = TypeVar("M", bound="Model")


@dataclass(frozen=True, slots=True)
class Field:
    """How one attribute appears on the wire."""

    wire: str
    attr: str
    codec: Codec[Any]
    required: bool = False
    nullable: bool = False


class _Slot:
    """A field as the read and write loops use it: what they call, looked up once."""

    __slots__ = (
        "attr",
        "decode",
        "encode",
        "exact",
        "lossy",
        "nested",
        "nullable",
        "plain",
        "required",
        "wire",
    )

    def __init__(self, f: Field) -> None:
        self.wire, self.attr = f.wire, f.attr
        self.required, self.nullable = f.required, f.nullable
        self.decode, self.encode = decoder(f.codec), encoder(f.codec)
        self.lossy, self.plain, self.exact = f.codec.lossy, f.codec.plain, f.codec.exact
        self.nested = f.codec.nested


class _Layout:
    """A model's fields with the lookup tables reading needs; built once per class."""

    __slots__ = (
        "compile_owned",
        "exact",
        "extras",
        "fields",
        "folded",
        "loose",
        "nested",
        "owned",
        "read",
        "required",
        "strict",
        "write",
    )

    def __init__(
        self, cls: type[M], fields: tuple[Field, ...], extras: Codec[Any] | None
    ) -> None:
        # Imported here, on first use: an application that reads no model does not pay
        # for it.
        from ._compiled import compile_reader, compile_writer

        self.fields = tuple(_Slot(f) for f in fields)
        self.extras = extras
        self.exact = {f.wire: f for f in self.fields}
        self.folded = {f.wire.lower(): f for f in self.fields}
        self.required = tuple(f for f in self.fields if f.required)
        # Required and not nullable: `values.get(attr) is None` is the whole check.
        self.strict = tuple(f.attr for f in self.required if not f.nullable)
        # Whether some are required but nullable.
        self.loose = len(self.strict) < len(self.required)
        self.nested = tuple(f for f in self.fields if f.nested)
        # Reads any data: the code compiled for the class where it can have some, which
        # hands what is not the common case to the general loop; else that loop.
        general: Reader = partial(_read, cls, self)
        put = None if extras is not None else extras_setter(cls)
        self.read: Reader = (
            compile_reader(cls, fields, general, _reader, put) or general
        )
        # The reader that takes apart data nothing else holds (see _compiled): compiled
        # when first used, as most programs read either parsed JSON or their own data.
        self.owned: Reader | None = None
        self.compile_owned = partial(
            compile_reader, cls, fields, general, _owned_reader, put, True
        )
        # Writes any model: the compiled writer hands models holding wire text to write
        # back to the general loop.
        unknown = partial(_write_extras, codec=extras, wire={})
        general_write = partial(_write, self)
        self.write = compile_writer(
            cls, fields, general_write, _writer, unknown, extras_of(cls)
        )


_LAYOUTS: dict[type[Model], _Layout] = {}


def _layout(cls: type[Model]) -> _Layout:
    layout = _LAYOUTS.get(cls)
    if layout is None:
        # Built on first use, not at import: fields may name classes defined later.
        layout = _LAYOUTS[cls] = _Layout(cls, cls._fields(), cls._extras())
    return layout


def _reader(cls: type[Model]) -> Reader:
    return (_LAYOUTS.get(cls) or _layout(cls)).read


def _owned_reader(cls: type[Model]) -> Reader:
    layout = _LAYOUTS.get(cls) or _layout(cls)
    read = layout.owned
    if read is None:
        read = layout.owned = layout.compile_owned() or layout.read
    return read


def _writer(cls: type[Model]) -> Writer:
    return (_LAYOUTS.get(cls) or _layout(cls)).write


class _Extras:
    """`additional_properties` over its slot: a model read without unknown keys gets its
    dict when it is first used, not when it is read. Most are never used, and one empty
    dict per object was an eighth of the memory a large response is read into.

    The writers rely on this: a model whose `_wire` is the shared `NO_WIRE` has no
    unknown keys to write (it was read without them and its dict has not been made)."""

    __slots__ = ("slot",)

    def __init__(self, slot: Any) -> None:
        self.slot = slot

    def __get__(self, model: Any, owner: Any = None) -> Any:
        if model is None:
            return self
        try:
            return self.slot.__get__(model, owner)
        except AttributeError:
            extras: dict[str, Any] = {}
            self.__set__(model, extras)
            return extras

    def __set__(self, model: Any, value: Any) -> None:
        self.slot.__set__(model, value)
        if getattr(model, "_wire", None) is NO_WIRE:
            model._wire = {}  # replaced, not changed: it is shared

    def __delete__(self, model: Any) -> None:
        self.slot.__delete__(model)


def extras_setter(cls: type) -> Callable[[Any, dict[str, Any]], None]:
    """Sets a model's unknown keys without the check `_Extras` makes: for a reader that
    gives the model a `_wire` of its own itself."""
    held = getattr(cls, "additional_properties", None)
    if isinstance(held, _Extras):
        setter: Callable[[Any, dict[str, Any]], None] = held.slot.__set__
        return setter
    return _set_extras


def _set_extras(model: Any, extras: dict[str, Any]) -> None:
    model.additional_properties = extras


def extras_of(cls: type) -> Callable[[Any], dict[str, Any]]:
    """Gives a model's unknown keys as they are held, without making the dict: for a
    model whose `_wire` is not `NO_WIRE`, which has it."""
    held = getattr(cls, "additional_properties", None)
    if isinstance(held, _Extras):
        getter: Callable[[Any], dict[str, Any]] = held.slot.__get__
        return getter
    return attrgetter("additional_properties")


@dataclass(slots=True, kw_only=True)
class Model:
    """Base of the generated models."""

    # attribute -> (value as read, wire value): the wire text of converted values, and
    # explicit nulls as (None, None). Replaced, never changed in place: models read
    # with nothing to keep and no unknown keys share one empty dict, NO_WIRE.
    _wire: dict[str, tuple[Any, Any]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    if TYPE_CHECKING:
        # Declared by every subclass, last, so that it comes last in repr().
        additional_properties: dict[str, Any]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # Not `super()`: its cell names the class dataclass(slots=True) replaced.
        super(Model, cls).__init_subclass__(**kwargs)
        # The class `dataclass(slots=True)` makes holds the slot's own descriptor.
        slot = cls.__dict__.get("additional_properties")
        if isinstance(slot, MemberDescriptorType):
            # Not `cls.additional_properties = …`: typed, it is the dict this gives.
            type.__setattr__(cls, "additional_properties", _Extras(slot))

    @classmethod
    def _fields(cls) -> tuple[Field, ...]:
        raise NotImplementedError

    @classmethod
    def _extras(cls) -> Codec[Any] | None:
        """The codec of properties the spec does not name, when it gives them a type."""
        return None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Read a model from decoded JSON, which is left as it was; raise `DecodeError`
        if it does not fit the schema."""
        return _read_whole(cls, cls._from_dict, data)

    @classmethod
    def _from_dict(cls, data: Mapping[str, Any]) -> Self:
        obj: Self = (_LAYOUTS.get(cls) or _layout(cls)).read(data)
        return obj

    @classmethod
    def _from_owned(cls, data: Any) -> Self:
        """Read a model from decoded JSON that nothing else holds, taking it apart."""
        obj: Self = _owned_reader(cls)(data)
        return obj

    def to_dict(self) -> dict[str, Any]:
        """The model as JSON-ready data, keys spelled as in the spec, unknown keys
        kept."""
        layout = _LAYOUTS.get(type(self)) or _layout(type(self))
        out: dict[str, Any] = layout.write(self)
        return out

    @classmethod
    def from_json(cls, text: str | bytes) -> Self:
        """Read a model from JSON text."""
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise DecodeError(f"not valid JSON: {exc}") from None
        except RecursionError:
            raise DecodeError("the JSON text is nested too deeply") from None
        # Parsed here, so no one else holds it: the model may take it apart.
        return _read_whole(cls, cls._from_owned, data)

    def to_json(self) -> str:
        """The model as JSON text."""
        return json.dumps(self.to_dict())


def _read_whole(cls: type[M], read: Callable[[Any], M], data: Any) -> M:
    """`read(data)` for `cls`, as a model's reading starts: the collector paused, too
    deep a nesting a DecodeError."""
    try:
        return read_gc_paused(read, data)
    except RecursionError:
        message = f"the data for {cls.__name__} is nested too deeply"
        raise DecodeError(message) from None


def _read(cls: type[M], layout: _Layout, data: Mapping[str, Any]) -> M:
    """The general loop: reads any data the compiled reader does not, and refuses what
    does not fit."""
    if not isinstance(data, Mapping):
        kind = type(data).__name__
        raise DecodeError(f"expected an object for {cls.__name__}, got {kind}")
    exact, folded = layout.exact, layout.folded
    values: dict[str, Any] = {}
    # Made when needed: most stay empty.
    wire: dict[str, tuple[Any, Any]] | None = None
    extra: dict[str, Any] = {}
    # Fields that may read models, read last (their raw value stands in `values` until
    # then): a union option that does not fit is refused before it reads its subtree,
    # which would make reading recursive unions exponential in their depth.
    later: dict[str, tuple[_Slot, Any]] = {}
    items = iter(data.items())
    # The common case, kept short: keys in the spec's spelling or unknown. The first key
    # that is another spelling of a field hands the rest to `_read_rest`.
    for key, value in items:
        f = exact.get(key)
        if f is None:
            if isinstance(key, str) and key.lower() in folded:
                wire = wire if wire is not None else {}
                rest = chain(((key, value),), items)
                _read_rest(layout, rest, values, wire, extra, later)
                break
            extra[key] = value
        elif type(value) in f.exact:
            # A string for a string field …: nothing to convert.
            values[f.attr] = value
        elif value is None:
            values[f.attr] = None
            wire = wire if wire is not None else {}
            wire[f.attr] = (None, None)
        elif f.nested:
            values[f.attr] = later[f.attr] = (f, value)
        else:
            wire = _read_field(f, value, values, wire)
    for attr in layout.strict:
        if values.get(attr) is None:
            _check_required(cls.__name__, layout, values)
    if layout.loose:
        _check_required(cls.__name__, layout, values)
    if later:
        # In the order of the fields, as the compiled readers read them: of two bad
        # values, the same is reported whichever reads them.
        for f in layout.nested:
            entry = later.get(f.attr)
            if entry is not None:
                wire = _read_field(f, entry[1], values, wire)
    extras = layout.extras
    if extras is not None:
        for key, value in extra.items():
            try:
                extra[key] = decoded = extras.decode(value)
            except DecodeError as exc:
                raise exc.within(str(key)) from None
            if extras.lossy:
                # Keyed apart from attributes: no attribute name has a space.
                wire = wire if wire is not None else {}
                wire[f" {key}"] = (decoded, value)
    # `values` itself as the keywords: Python then passes it on without copying it.
    values["additional_properties"] = extra
    obj = cls(**values)
    if wire is not None:
        obj._wire = wire
    return obj


def _write(layout: _Layout, model: Model) -> dict[str, Any]:
    """The general loop of writing: writes back the wire text kept of what was read,
    unless the caller changed the value since."""
    wire = model._wire
    out: dict[str, Any] = {}
    for f in layout.fields:
        value = getattr(model, f.attr)
        kept = wire.get(f.attr)
        if value is None:
            # An explicit null stays null; absent stays absent.
            if f.required or (kept is not None and kept[0] is None):
                out[f.wire] = None
        elif (
            kept is not None
            and kept[0] is value
            and (not isinstance(value, list | dict) or f.decode(kept[1]) == value)
        ):
            # Unchanged since it was read: write what was read.
            out[f.wire] = kept[1]
        else:
            out[f.wire] = value if f.plain else f.encode(value)
    _write_extras(out, model.additional_properties, layout.extras, wire)
    return out


def _read_rest(
    layout: _Layout,
    items: Iterable[tuple[Any, Any]],
    values: dict[str, Any],
    wire: dict[str, tuple[Any, Any]],
    extra: dict[str, Any],
    later: dict[str, tuple[_Slot, Any]],
) -> None:
    """`Model._from_dict`'s loop once a key spelled otherwise than the spec appears: the
    spec's spelling wins whichever comes first; the other spelling is kept as an unknown
    key."""
    exact, folded = layout.exact, layout.folded
    other_spelling: dict[str, tuple[str, Any]] = {}
    for key, value in items:
        f = exact.get(key)
        if f is None:
            f = folded.get(key.lower()) if isinstance(key, str) else None
            if f is None or f.attr in values:  # unknown, or a second spelling of a key
                extra[key] = value
                continue
            other_spelling[f.attr] = (key, value)
        elif f.attr in values:
            # The spec's spelling wins; the other one read before it is kept as unknown.
            earlier_key, earlier_value = other_spelling.pop(f.attr)
            extra[earlier_key] = earlier_value
            wire.pop(f.attr, None)
            later.pop(f.attr, None)
        if value is None:
            values[f.attr] = None
            wire[f.attr] = (None, None)
            continue
        if f.nested:
            values[f.attr] = later[f.attr] = (f, value)
            continue
        _read_field(f, value, values, wire)


def _check_required(name: str, layout: _Layout, values: dict[str, Any]) -> None:
    for f in layout.required:
        if f.attr not in values:
            raise DecodeError(f"{name} requires {f.wire!r}, which is missing")
        if values[f.attr] is None and not f.nullable:
            raise DecodeError(f"{name} requires {f.wire!r}, which is null")


def _read_field(
    f: _Slot,
    value: Any,
    values: dict[str, Any],
    wire: dict[str, tuple[Any, Any]] | None,
) -> dict[str, tuple[Any, Any]] | None:
    """Decode one field's value into `values`; returns `wire`, made if the value is
    lossy (its wire form is then kept to write back)."""
    try:
        decoded = values[f.attr] = f.decode(value)
    except DecodeError as exc:
        raise exc.within(f.wire) from None
    if f.lossy:
        wire = wire if wire is not None else {}
        wire[f.attr] = (decoded, value)
    return wire


def _write_extras(
    out: dict[str, Any],
    extras: dict[str, Any],
    codec: Codec[Any] | None,
    wire: dict[str, tuple[Any, Any]],
) -> None:
    """Unknown keys into `out`, after the fields (a field's spelling wins)."""
    for key, value in extras.items():
        if key not in out:
            if codec is not None:
                value = _encode(codec, value, wire.get(f" {key}"))
            out[key] = value


def _encode(codec: Codec[Any], value: Any, kept: tuple[Any, Any] | None) -> Any:
    """A value's wire form: what was read while it is unchanged (as `_write` does for
    fields), so that a timestamp goes back as the service sent it."""
    if (
        kept is not None
        and kept[0] is value
        and (not isinstance(value, list | dict) or codec.decode(kept[1]) == value)
    ):
        return kept[1]
    return codec.encode(value)
