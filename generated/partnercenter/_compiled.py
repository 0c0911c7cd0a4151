"""Readers and writers compiled for each model class on its first use, as `dataclasses`
compiles `__init__`: straight-line code for the common case, several times faster than the
general loops of `_model`, which handle everything else.

The common case is data whose every key is in the spec's spelling, without nulls, each value
of the JSON type its field reads as is. A reader returns None for any other data before it
decodes anything nested, and `Model._from_dict` then reads it with its general loop, so no
value is decoded twice. A writer serves models holding no wire text to write back.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ._codecs import (
    Codec,
    DecodeError,
    _Any,
    _Dict,
    _Enum,
    _List,
    _Model,
    _Nullable,
    _Primitive,
)

if TYPE_CHECKING:
    from ._model import Field

__all__ = ["compile_reader", "compile_writer"]

Reader = Callable[[dict[str, Any]], Any]
Writer = Callable[[Any], dict[str, Any]]

_MISSING = object()
# Attributes every model has besides its fields: set by the reader, not by a field.
_OWN = {"additional_properties", "_wire"}


def _exact(codec: Codec[Any]) -> frozenset[type]:
    """The JSON types the codec reads as themselves, when that is all it does."""
    if isinstance(codec, _Primitive):
        return codec.exact
    return frozenset()


def _text_enum(codec: _Enum[Any]) -> bool:
    """Are its values strings, and read as they are (not lossy)?"""
    return issubclass(codec.cls, str) and not codec.lossy


def _defaults(cls: type, attrs: set[str]) -> list[tuple[str, str, Any]] | None:
    """(attribute, "value" or "factory", default) for the dataclass fields a reader does not
    set; None if one has no default or the class runs code on construction."""
    if hasattr(cls, "__post_init__"):
        return None
    found = []
    for f in dataclasses.fields(cls):
        if f.name in attrs or f.name in _OWN:
            continue
        if f.default is not dataclasses.MISSING:
            found.append((f.name, "value", f.default))
        elif f.default_factory is not dataclasses.MISSING:
            found.append((f.name, "factory", f.default_factory))
        else:
            return None
    return found


def compile_reader(cls: type, fields: tuple[Field, ...]) -> Reader | None:
    """The reader of `cls`, or None if it cannot have one (it is then always read by the
    general loop)."""
    defaults = _defaults(cls, {f.attr for f in fields})
    if defaults is None:
        return None
    names: dict[str, Any] = {
        "M": _MISSING,
        "new": object.__new__,
        "cls": cls,
        "DecodeError": DecodeError,
        "known": frozenset(f.wire for f in fields).issuperset,
    }
    check = ["if not known(data):", "    return None", "get = data.get"]
    convert: list[str] = []
    lossy = False
    for i, f in enumerate(fields):
        v, wire = f"v{i}", repr(f.wire)
        codec = f.codec.item if isinstance(f.codec, _Nullable) else f.codec
        absent = "return None" if f.required else f"{v} = None"
        check += [f"{v} = get({wire}, M)", f"if {v} is M:", f"    {absent}"]
        exact = _exact(codec)
        item = getattr(codec, "item", None)
        if exact:
            names[f"t{i}"] = next(iter(exact)) if len(exact) == 1 else exact
            test = f"is not t{i}" if len(exact) == 1 else f"not in t{i}"
            check += [f"elif type({v}) {test}:", "    return None"]
        elif isinstance(codec, _Any):
            check += [f"elif {v} is None:", "    return None"]
        elif isinstance(codec, _Enum) and _text_enum(codec):
            names[f"e{i}"] = codec.cls._value2member_map_.get
            check += [f"elif type({v}) is not str:", "    return None", "else:"]
            check += [
                f"    {v} = e{i}({v})",
                f"    if {v} is None:",
                "        return None",
            ]
        elif isinstance(codec, _List | _Dict) and item is not None and _exact(item):
            container = "list" if isinstance(codec, _List) else "dict"
            items = v if container == "list" else f"{v}.values()"
            names[f"x{i}"] = _exact(item).issuperset
            check += [
                f"elif type({v}) is not {container} or not x{i}(map(type, {items})):"
            ]
            check += ["    return None", "else:", f"    {v} = {container}({v})"]
        else:
            # Decoded after every check passed: it may read nested data, and then the data
            # is no longer handed over.
            check += [f"elif {v} is None:", "    return None"]
            names[f"d{i}"] = (
                codec.cls._from_dict if isinstance(codec, _Model) else codec.decode
            )
            # A lossy value's wire form is kept to write back (`r` for raw).
            call = f"d{i}(r{i} := {v})" if codec.lossy else f"d{i}({v})"
            body = [f"    {v} = {call}", "except DecodeError as exc:"]
            body += [f"    raise exc.within({wire}) from None"]
            if codec.lossy:
                lossy = True
                body += [f"wire[{f.attr!r}] = ({v}, r{i})"]
            if f.required:
                convert += ["try:", *body]
            else:
                convert += [
                    f"if {v} is not None:",
                    *("    " + line for line in ["try:", *body]),
                ]
    build = ["o = new(cls)"]
    build += [f"o.{f.attr} = v{i}" for i, f in enumerate(fields)]
    for j, (attr, how, default) in enumerate(defaults):
        names[f"default{j}"] = default
        build.append(
            f"o.{attr} = default{j}()" if how == "factory" else f"o.{attr} = default{j}"
        )
    build += [
        "o.additional_properties = {}",
        f"o._wire = {'wire' if lossy else '{}'}",
        "return o",
    ]
    lines = [*check, *(["wire = {}"] if lossy else []), *convert, *build]
    return _define("read", "data", lines, names)


def compile_writer(fields: tuple[Field, ...]) -> Writer:
    """The writer of a model class's fields, for models holding no wire text to write back;
    unknown keys are the caller's."""
    names: dict[str, Any] = {}
    lines = ["out = {}"]
    for i, f in enumerate(fields):
        codec = f.codec.item if isinstance(f.codec, _Nullable) else f.codec
        item = getattr(codec, "item", None)
        if codec.plain:
            value = "v"
        elif isinstance(codec, _Enum):
            value = "v._value_"
        elif isinstance(codec, _Model):
            value = "v.to_dict()"
        elif isinstance(codec, _List) and isinstance(item, _Model):
            value = "[x.to_dict() for x in v]"
        elif isinstance(codec, _List | _Dict) and item is not None and item.plain:
            value = "list(v)" if isinstance(codec, _List) else "dict(v)"
        else:
            names[f"e{i}"] = codec.encode
            value = f"e{i}(v)"
        lines += [
            f"v = self.{f.attr}",
            "if v is not None:",
            f"    out[{f.wire!r}] = {value}",
        ]
        if f.required:
            lines += ["else:", f"    out[{f.wire!r}] = None"]
    lines += ["return out"]
    return _define("write", "self", lines, names)


def _define(
    name: str, argument: str, body: list[str], names: dict[str, Any]
) -> Callable[..., Any]:
    source = f"def {name}({argument}):\n" + "".join(f"    {line}\n" for line in body)
    namespace: dict[str, Any] = {}
    code = compile(source, f"<{name} of a model>", "exec")
    exec(code, names, namespace)
    function: Callable[..., Any] = namespace[name]
    return function
