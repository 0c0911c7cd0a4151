"""Readers and writers compiled for each model class on its first use, as `dataclasses`
compiles `__init__`: straight-line code for the common case, several times faster than
the general loops of `_model`, which handle everything else.

The common case is data whose every key is a field's spelling in the spec or no field's
at all (kept as an unknown key), without nulls, each value of the JSON type its field
reads as is. A reader hands any other data to the general loop before it decodes
anything nested, so no value is decoded twice. It reads nested models with their own
class's reader, called directly, and lists of them in a loop of its own: a model read
costs one call, and a small model of plain values none (it is made in place). Writers
do the same for models holding no wire text to write back, and hand the others to the
general loop.

A class has two readers, each compiled when first used. One reads the caller's data
(`from_dict`) and leaves it as it was: lists and dicts of plain values are copied, lists
of models are new lists. The other reads data parsed for it that nothing else holds
(`from_json`, a response's body) and takes it apart: the model keeps the parsed lists
and dicts, and a list of models holds each model in place of the object it was read
from. That object is then freed as soon as it is read, and the next model is made in
its memory: a large response is read into about the memory it was parsed into, not
twice that, and the copies are not made at all.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from functools import partial
from itertools import filterfalse
from typing import TYPE_CHECKING, Any, NamedTuple

from ._codecs import (
    NO_WIRE,
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

# Takes any data: a reader returns a model or raises DecodeError.
Reader = Callable[[Any], Any]
Writer = Callable[[Any], dict[str, Any]]

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


def _model_of(codec: Codec[Any]) -> type | None:
    """The class a model codec reads; None for any other codec."""
    return codec.cls if isinstance(codec, _Model) else None


def _defaults(cls: type, attrs: set[str]) -> list[tuple[str, str, Any]] | None:
    """(attribute, "value" or "factory", default) for the dataclass fields a reader does
    not set; None if one has no default or the class runs code on construction."""
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


def _leaf(
    cls: type[Any], value: str, name: str, names: dict[str, Any]
) -> tuple[str, list[str]] | None:
    """For a model class whose fields all read as they are (strings, numbers, string
    enums): the condition on `value` under which it has them all, and nothing else,
    and the lines that make the model `name` of it. None for any other class."""
    fields: tuple[Field, ...] = cls._fields()
    if not fields or len({f.wire for f in fields}) < len(fields):
        return None
    if _defaults(cls, {f.attr for f in fields}) != []:
        return None  # it has attributes of its own, or runs code when made
    names[f"{name}_cls"] = cls
    tests = [f"type({value}) is dict", f"len({value}) == {len(fields)}"]
    build = [f"{name} = new({name}_cls)"]
    for j, f in enumerate(fields):
        codec = f.codec.item if isinstance(f.codec, _Nullable) else f.codec
        got, exact = f"{name}_{j}", _exact(codec)
        get = f"({got} := get({value}, {f.wire!r}))"
        if exact:
            names[f"{got}_t"] = next(iter(exact)) if len(exact) == 1 else exact
            test = f"is {got}_t" if len(exact) == 1 else f"in {got}_t"
            tests += [f"type{get} {test}"]
        elif isinstance(codec, _Enum) and _text_enum(codec):
            names[f"{got}_e"] = codec.cls._value2member_map_.get
            tests += [f"type{get} is str", f"({got} := {got}_e({got})) is not None"]
        else:
            return None
        build += [f"{name}.{f.attr} = {got}"]
    build += [f"{name}._wire = NO_WIRE"]  # and no unknown keys (see _model._Extras)
    return " and ".join(tests), build


def _late(names: dict[str, Any], name: str, resolve: Callable[[], Any]) -> Any:
    """A stand-in for the reader or writer of a nested model's class, which may not
    exist yet (it may be the class being compiled, or one defined after it): on its
    first call it puts the function `resolve` gives in its place, so that later calls
    go to that directly."""

    def first_call(value: Any) -> Any:
        function = names[name] = resolve()
        return function(value)

    return first_call


def compile_reader(
    cls: type,
    fields: tuple[Field, ...],
    general: Reader,
    reader_of: Callable[[type], Reader],
    put_extras: Callable[[Any, dict[str, Any]], None] | None,
    owned: bool = False,
) -> Reader | None:
    """The reader of `cls`, or None if it cannot have one (the general loop, `general`,
    then reads all its data). `reader_of` gives the reader of a nested model's class,
    of the same kind: one that takes the data apart if it is `owned` (see above).
    `put_extras(model, unknown_keys)` gives a model its unknown keys; None if they have
    a type (the general loop then decodes them)."""
    defaults = _defaults(cls, {f.attr for f in fields})
    wires = frozenset(f.wire for f in fields)
    if defaults is None or len(wires) < len(fields):
        return None
    names: dict[str, Any] = {
        "new": object.__new__,
        "cls": cls,
        "DecodeError": DecodeError,
        "general": general,
        # Not `data.get`: making that bound method costs more than a lookup.
        "get": dict.get,
        "NO_WIRE": NO_WIRE,
        "known": wires.__contains__,
        "folded": frozenset(wire.lower() for wire in wires),
        "filterfalse": filterfalse,
        "put_extras": put_extras,
    }
    check = ["if type(data) is not dict:", f"    {_FALLBACK}"]
    # Keys not read as a field's value, counted down from the number of keys: unknown
    # keys and fields' nulls, when it does not come to 0 once each field is read.
    check += [f"unread = len(data) - {len(fields)}"]
    # Decoded once every field is checked: values that convert (timestamps ...), then
    # those that read nested data, in the order of the fields as the general loop does.
    convert: list[str] = []
    nested: list[str] = []
    lossy = False
    for i, f in enumerate(fields):
        v = f"v{i}"
        reading = _reading(i, f, names, reader_of, owned)
        check += [f"{v} = get(data, {f.wire!r})"]
        if f.required:
            # Absent or null too: the general loop says which.
            test = f"type({v}) {reading.test}" if reading.test else f"{v} is None"
            check += [f"if {test}:", f"    {_FALLBACK}"]
        else:
            # Absent or null: told apart, if need be, once every field is read.
            check += [f"if {v} is None:", "    unread += 1"]
            if reading.test:
                check += [f"elif type({v}) {reading.test}:", f"    {_FALLBACK}"]
        check += reading.then
        decode = list(reading.decode)
        if decode and not f.required:
            decode = [f"if {v} is not None:", *_indent(decode)]
        (nested if f.codec.nested else convert).extend(decode)
        lossy = lossy or reading.lossy
    if put_extras is None:
        # Unknown keys are decoded, and their wire text kept, by the general loop.
        check += ["if unread:", f"    {_FALLBACK}"]
    else:
        # Left 0, there is none; else the keys no field is spelled as, in order, found
        # in C. Fewer than `unread`, the others are fields' nulls; and a field's name in
        # another spelling is read by the general loop (the spec's spelling wins,
        # whichever comes first). The model's dict of them is set on its slot directly.
        check += ["if unread:", "    keys = list(filterfalse(known, data))"]
        check += ["    if len(keys) != unread:", f"        {_FALLBACK}"]
        check += ["    for key in keys:"]
        check += ["        if type(key) is not str or key.lower() in folded:"]
        check += [f"            {_FALLBACK}"]
        check += [
            "    extra = {key: data[key] for key in keys} if unread > 1 else {key: data[key]}"
        ]
    build = ["o = new(cls)"]
    build += [f"o.{f.attr} = v{i}" for i, f in enumerate(fields)]
    for j, (attr, how, default) in enumerate(defaults):
        names[f"default{j}"] = default
        value = f"default{j}()" if how == "factory" else f"default{j}"
        build.append(f"o.{attr} = {value}")
    kept = "wire or NO_WIRE" if lossy else "NO_WIRE"
    # Without unknown keys a model's dict of them is made when it is first used; with
    # some, its `_wire` is its own, not the shared `NO_WIRE` (see _model._Extras).
    if put_extras is None:
        build += [f"o._wire = {kept}"]
    else:
        build += ["if unread:", f"    o._wire = {'wire or {}' if lossy else '{}'}"]
        build += ["    put_extras(o, extra)", "else:", f"    o._wire = {kept}"]
    build += ["return o"]
    lines = [*check, *(["wire = {}"] if lossy else []), *convert, *nested, *build]
    title = f"{'owned ' if owned else ''}read of {cls.__qualname__}"
    return _define(title, "data", lines, names)


# Anything but the common case is the general loop's: this hands it over.
_FALLBACK = "return general(data)"


class _Reading(NamedTuple):
    """How a reader reads a field's value `v{i}`."""

    # The test of its type that sends it to the general loop (it is not None: absent
    # or null); None if any type will do.
    test: str | None = None
    # Lines checking or converting it further, once it passed the test.
    then: Sequence[str] = ()
    # Lines decoding it once every field is checked: it may read nested data, and then
    # the data is no longer handed over.
    decode: Sequence[str] = ()
    # Whether decoding keeps its wire text, to write back.
    lossy: bool = False


def _reading(
    i: int,
    f: Field,
    names: dict[str, Any],
    reader_of: Callable[[type], Reader],
    owned: bool,
) -> _Reading:
    """How a reader reads field `i`; adds the names its lines use to `names`."""
    v, wire = f"v{i}", repr(f.wire)
    codec = f.codec.item if isinstance(f.codec, _Nullable) else f.codec
    exact = _exact(codec)
    item = codec.item if isinstance(codec, _List | _Dict) else None
    # The class of a model, or of the items of a list of models.
    model = _model_of(codec)
    models = _model_of(codec.item) if isinstance(codec, _List) else None
    nested = model or models
    if exact:
        names[f"t{i}"] = next(iter(exact)) if len(exact) == 1 else exact
        return _Reading(f"is not t{i}" if len(exact) == 1 else f"not in t{i}")
    if isinstance(codec, _Any):
        return _Reading()  # anything but null
    if isinstance(codec, _Enum) and _text_enum(codec):
        names[f"e{i}"] = codec.cls._value2member_map_.get
        then = ["else:", f"    {v} = e{i}({v})", f"    if {v} is None:"]
        return _Reading("is not str", [*then, f"        {_FALLBACK}"])
    if item is not None and _exact(item):
        container = "list" if isinstance(codec, _List) else "dict"
        items = v if container == "list" else f"{v}.values()"
        kinds = _exact(item)
        names[f"t{i}"] = next(iter(kinds)) if len(kinds) == 1 else kinds
        kind = f"is not t{i}" if len(kinds) == 1 else f"not in t{i}"
        then = ["else:", f"    for x in {items}:", f"        if type(x) {kind}:"]
        then += [f"            {_FALLBACK}"]
        if not owned:
            then += [f"    {v} = {v}.copy()"]  # the model does not share the caller's
        return _Reading(f"is not {container}", then)
    if nested is not None:
        # By the reader of the nested class, or here for a small model of plain values.
        names[f"r{i}"] = _late(names, f"r{i}", partial(reader_of, nested))
        value = v if model is not None else "x"

        def put(made: str) -> str:
            if model is not None:
                return f"{v} = {made}"
            return f"{v}[j] = {made}" if owned else f"l{i}.append({made})"

        read = [put(f"r{i}({value})")]
        leaf = _leaf(nested, value, f"n{i}", names)
        if leaf is not None:
            condition, build = leaf
            read = [f"if {condition}:", *_indent([*build, put(f"n{i}")]), "else:"]
            read += _indent([put(f"r{i}({value})")])
        if model is not None:
            decode = ["try:", *_indent(read), "except DecodeError as exc:"]
            decode += [f"    raise exc.within({wire}) from None"]
            return _Reading("is not dict", decode=decode)
        # A loop, not a comprehension: an error says which item it is in.
        if owned:  # each model in place of its object (see above)
            decode = [
                "try:",
                f"    for j, x in enumerate({v}):",
                *_indent(_indent(read)),
            ]
            decode += ["except DecodeError as exc:"]
            decode += [f"    raise exc.within('[%d]' % j).within({wire}) from None"]
            return _Reading("is not list", decode=decode)
        decode = [f"l{i} = []", "try:", f"    for x in {v}:", *_indent(_indent(read))]
        decode += ["except DecodeError as exc:"]
        decode += [f"    raise exc.within('[%d]' % len(l{i})).within({wire}) from None"]
        return _Reading("is not list", decode=[*decode, f"{v} = l{i}"])
    names[f"d{i}"] = codec.decode
    # A lossy value's wire form is kept to write back (`r` for raw).
    call = f"d{i}(r{i} := {v})" if codec.lossy else f"d{i}({v})"
    decode = ["try:", f"    {v} = {call}"]
    if codec.nested:
        decode += ["except DecodeError as exc:"]
        decode += [f"    raise exc.within({wire}) from None"]
    else:
        # Nothing nested is read yet: the general loop says which value is wrong,
        # the first of the data's (as it reads them) if there are several.
        decode += ["except DecodeError:", f"    {_FALLBACK}"]
    if codec.lossy:
        decode += [f"wire[{f.attr!r}] = ({v}, r{i})"]
    return _Reading(decode=decode, lossy=codec.lossy)


def _indent(lines: Sequence[str]) -> list[str]:
    return ["    " + line for line in lines]


def compile_writer(
    cls: type,
    fields: tuple[Field, ...],
    general: Writer,
    writer_of: Callable[[type], Writer],
    write_extras: Callable[[dict[str, Any], dict[str, Any]], None],
    held_extras: Callable[[Any], dict[str, Any]],
) -> Writer:
    """The writer of `cls`: straight-line code for models holding no wire text
    to write back, which calls the writers of nested models directly; `general` writes
    the others. `write_extras(out, additional_properties)` writes unknown keys, which
    `held_extras(model)` gives without making them (see _model._Extras)."""
    names: dict[str, Any] = {"general": general, "extras": write_extras}
    names.update(held=held_extras, NO_WIRE=NO_WIRE)
    lines = ["wire = self._wire", "if wire:", "    return general(self)", "out = {}"]
    for i, f in enumerate(fields):
        codec = f.codec.item if isinstance(f.codec, _Nullable) else f.codec
        item = getattr(codec, "item", None)
        model = _model_of(codec)
        models = _model_of(codec.item) if isinstance(codec, _List) else None
        nested = model or models
        put = f"out[{f.wire!r}] ="
        if nested is not None:
            # The writer of the class itself, where the value is of that class and not
            # of a subclass; `to_dict` else.
            names[f"c{i}"] = nested
            names[f"w{i}"] = _late(names, f"w{i}", partial(writer_of, nested))
            if model is not None:
                body = [f"{put} w{i}(v) if type(v) is c{i} else v.to_dict()"]
            else:
                # A loop, not a comprehension: no frame of its own, so that what was
                # deep enough to read is not too deep to write.
                body = [f"l{i} = []", "for x in v:"]
                write = f"w{i}(x) if type(x) is c{i} else x.to_dict()"
                body += [f"    l{i}.append({write})"]
                body += [f"{put} l{i}"]
        elif codec.plain:
            body = [f"{put} v"]
        elif isinstance(codec, _Enum):
            body = [f"{put} v._value_"]
        elif isinstance(codec, _List | _Dict) and item is not None and item.plain:
            body = [f"{put} {'list' if isinstance(codec, _List) else 'dict'}(v)"]
        else:
            names[f"e{i}"] = codec.encode
            body = [f"{put} e{i}(v)"]
        lines += [f"v = self.{f.attr}", "if v is not None:", *_indent(body)]
        if f.required:
            lines += ["else:", f"    {put} None"]
    # A model read without unknown keys, its dict of them not made since, has none.
    lines += ["if wire is not NO_WIRE:", "    extra = held(self)", "    if extra:"]
    lines += ["        extras(out, extra)", "return out"]
    return _define(f"write of {cls.__qualname__}", "self", lines, names)


def _define(
    title: str, argument: str, body: list[str], names: dict[str, Any]
) -> Callable[..., Any]:
    """The function of one `argument` and `body`, whose globals are `names`; its code
    is named `<{title}>` in tracebacks ("read of CartLineItem")."""
    name = title.split()[0]
    source = f"def {name}({argument}):\n" + "".join(f"    {line}\n" for line in body)
    namespace: dict[str, Any] = {}
    exec(compile(source, f"<{title}>", "exec"), names, namespace)
    function: Callable[..., Any] = namespace[name]
    return function
