"""Codecs: each converts one schema type between its wire form and its Python form.

Generated models name them in their field lists (`c.STR`, `c.list_of(c.model(CartLineItem))`).
Reading checks the JSON type, so data that does not fit the schema raises `DecodeError` with
the path of the bad value instead of failing later with a KeyError or TypeError.
"""

from __future__ import annotations

import datetime
import gc
from collections.abc import Callable, Mapping
from enum import Enum, EnumType
from operator import methodcaller
from typing import Any, ClassVar, Generic, Protocol, Self, TypeVar

__all__ = ["Codec", "DecodeError", "OpenEnumType", "open_member"]

T = TypeVar("T")
E = TypeVar("E", bound=Enum)
M = TypeVar("M", bound="_ModelLike")

# The `_wire` of the models read with no wire text to keep, and no unknown keys: shared,
# so a model's `_wire` is replaced, never changed in place.
NO_WIRE: dict[str, tuple[Any, Any]] = {}


class _ModelLike(Protocol):
    @classmethod
    def _from_dict(cls, data: Mapping[str, Any]) -> Self: ...

    @classmethod
    def _from_owned(cls, data: Any) -> Self: ...

    def to_dict(self) -> dict[str, Any]: ...


class DecodeError(ValueError):
    """Data from the wire does not fit the schema; `path` says where, e.g. `lineItems[0].quantity`."""

    def __init__(self, message: str, path: str = "") -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.reason = message
        self.path = path

    def within(self, step: str) -> DecodeError:
        """The same error, located one step further out."""
        if not self.path:
            inner = step
        elif self.path.startswith("["):
            inner = f"{step}{self.path}"
        else:
            inner = f"{step}.{self.path}"
        return DecodeError(self.reason, inner)


class Codec(Generic[T]):
    """Converts one schema type between its wire form and its Python form."""

    # True when the Python form does not always write back as the exact wire value it came
    # from (a timestamp's text, an integer code sent as a string): the raw value is then kept.
    lossy: ClassVar[bool] = False
    # True when it reads a response's raw bytes rather than its decoded JSON.
    raw: ClassVar[bool] = False
    # True when `encode` returns its argument: models then skip the call.
    plain: ClassVar[bool] = False
    # True when decoding may read models (arrays, objects, unions): a model reads such
    # fields after its own scalars and required keys are checked, so that a union option
    # that does not fit is refused before it reads anything nested.
    nested: ClassVar[bool] = False
    # Types whose values decode to themselves (a str for a string): models and containers
    # test `type(value) in exact` inline and call `decode` only for the rest.
    exact: frozenset[type] = frozenset()

    def decode(self, value: Any) -> T:
        raise NotImplementedError

    def decode_owned(self, value: Any) -> T:
        """`decode` of data parsed for it that nothing else holds (a response's body):
        it may take that apart, as models read from such data do (see _compiled)."""
        return self.decode(value)

    def encode(self, value: T) -> Any:
        raise NotImplementedError


class _Primitive(Codec[T]):
    plain = True

    def __init__(
        self, name: str, types: tuple[type, ...], check: Callable[[Any], bool]
    ) -> None:
        self.name = name
        # What JSON decodes to: the common case, checked first.
        self.exact = frozenset(types)
        self.check = check

    def decode(self, value: Any) -> T:
        if type(value) not in self.exact and not self.check(value):
            raise DecodeError(f"expected {self.name}, got {_kind(value)}")
        return value  # type: ignore[no-any-return]

    def encode(self, value: T) -> Any:
        return value


class _Any(Codec[Any]):
    plain = True

    def decode(self, value: Any) -> Any:
        return value

    def encode(self, value: Any) -> Any:
        return value


class _DateTime(Codec[datetime.datetime]):
    lossy = True

    def decode(self, value: Any) -> datetime.datetime:
        if isinstance(value, str):
            try:
                # 3.11's parser takes the service's forms: 7 fractional digits, a `Z`, no offset.
                return datetime.datetime.fromisoformat(value)
            except ValueError:
                pass
        raise DecodeError(f"expected a date-time, got {_kind(value)}")

    def encode(self, value: datetime.datetime) -> Any:
        return value.isoformat()


class _Date(Codec[datetime.date]):
    lossy = True

    def decode(self, value: Any) -> datetime.date:
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        raise DecodeError(f"expected a date, got {_kind(value)}")

    def encode(self, value: datetime.date) -> Any:
        return value.isoformat()


class _Enum(Codec[E]):
    def __init__(self, cls: type[E]) -> None:
        self.cls = cls
        # An integer enum may arrive as a string ("10000"): keep that text to write it back.
        self.lossy = issubclass(cls, int)  # type: ignore[misc]
        self.members: dict[Any, E] = cls._value2member_map_  # type: ignore[assignment]

    def decode(self, value: Any) -> E:
        # A listed value is found directly; calling the class (stand-ins, "10000") is slow.
        try:
            member = self.members.get(value)
        except TypeError:  # unhashable: not a member
            member = None
        if member is not None:
            return member
        try:
            return self.cls(value)
        except ValueError:
            raise DecodeError(
                f"expected a {self.cls.__name__} value, got {_kind(value)}"
            ) from None

    def encode(self, value: E) -> Any:
        return value._value_  # `.value` is a property, several times slower


class _Model(Codec[M]):
    nested = True

    def __init__(self, cls: type[M]) -> None:
        self.cls = cls

    def decode(self, value: Any) -> M:
        return self.cls._from_dict(value)

    def decode_owned(self, value: Any) -> M:
        return self.cls._from_owned(value)

    def encode(self, value: M) -> Any:
        return value.to_dict()


def decoder(codec: Codec[T]) -> Callable[[Any], T]:
    """`codec.decode`, or what it would call: a model's `_from_dict`, saving a call per value."""
    if isinstance(codec, _Model):
        return codec.cls._from_dict  # type: ignore[no-any-return]
    return codec.decode


_to_dict: Callable[[Any], Any] = methodcaller("to_dict")


def encoder(codec: Codec[T]) -> Callable[[T], Any]:
    """`codec.encode`, or what it would call, as `decoder` does."""
    if isinstance(codec, _Model):
        return _to_dict
    return codec.encode


def read_gc_paused(read: Callable[[Any], T], data: Any) -> T:
    """`read(data)` with the cyclic garbage collector paused, then as it was before.

    Reading makes a model per object, thousands for a large response, all reachable
    from the result: a collection meanwhile finds nothing to free, but traces the
    result so far, and the data being read, again at each pass (a sixth of the time
    reading the benchmark's cart took). The collector is process-wide: if another
    thread disables it meanwhile, it is enabled again when the reading ends."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return read(data)
    finally:
        if collecting:
            gc.enable()


class _List(Codec[list[T]]):
    nested = True

    def __init__(self, item: Codec[T]) -> None:
        self.item = item
        self.lossy = item.lossy  # type: ignore[misc]
        self.decode_item = decoder(item)
        self.encode_item = encoder(item)

    def decode(self, value: Any) -> list[T]:
        if type(value) is not list and not isinstance(value, list):
            raise DecodeError(f"expected an array, got {_kind(value)}")
        # Items that read as themselves (strings, numbers) are checked in one C-level pass.
        if self.item.exact and self.item.exact.issuperset(map(type, value)):
            return list(value)
        decode = self.decode_item
        result: list[T] = []
        append = result.append
        try:
            for v in value:
                append(decode(v))
        except DecodeError as exc:
            # Located by what was read; reading the items again to find it would double the
            # work at every level of nesting.
            raise exc.within(f"[{len(result)}]") from None
        return result

    def encode(self, value: list[T]) -> Any:
        if self.item.plain:
            return list(value)
        encode = self.encode_item
        return [encode(v) for v in value]


class _Dict(Codec[dict[str, T]]):
    nested = True

    def __init__(self, item: Codec[T]) -> None:
        self.item = item
        self.lossy = item.lossy  # type: ignore[misc]
        self.decode_item = decoder(item)
        self.encode_item = encoder(item)

    def decode(self, value: Any) -> dict[str, T]:
        if type(value) is not dict and not isinstance(value, dict):
            raise DecodeError(f"expected an object, got {_kind(value)}")
        if self.item.exact and self.item.exact.issuperset(map(type, value.values())):
            return dict(value)
        result = {}
        decode = self.decode_item
        for k, v in value.items():
            try:
                result[k] = decode(v)
            except DecodeError as exc:
                raise exc.within(f"[{k!r}]") from None
        return result

    def encode(self, value: dict[str, T]) -> Any:
        if self.item.plain:
            return dict(value)
        encode = self.encode_item
        return {k: encode(v) for k, v in value.items()}


class _Nullable(Codec[T | None]):
    def __init__(self, item: Codec[T]) -> None:
        self.item = item
        self.lossy = item.lossy  # type: ignore[misc]
        self.nested = item.nested  # type: ignore[misc]
        self.plain = item.plain  # type: ignore[misc]
        self.exact = item.exact

    def decode(self, value: Any) -> T | None:
        return None if value is None else self.item.decode(value)

    def encode(self, value: T | None) -> Any:
        return None if value is None else self.item.encode(value)


class _Union(Codec[Any]):
    """The option the discriminator property names, if there is one; else the first option
    that reads the value. Writing uses the option whose type fits."""

    nested = True

    def __init__(
        self,
        *options: Codec[Any],
        discriminator: tuple[str, Mapping[str, Codec[Any]]] | None = None,
    ) -> None:
        self.options = options
        self.discriminator = discriminator
        self.lossy = any(o.lossy for o in options)  # type: ignore[misc]

    def decode(self, value: Any) -> Any:
        if self.discriminator is not None and isinstance(value, dict):
            name, mapping = self.discriminator
            tag = value.get(name)
            if tag is None:  # names are read case-insensitively, as everywhere
                tag = next(
                    (v for k, v in value.items() if str(k).lower() == name.lower()),
                    None,
                )
            chosen = mapping.get(tag) if isinstance(tag, str) else None
            if chosen is not None:
                return chosen.decode(value)
        for option in self.options:
            try:
                return option.decode(value)
            except DecodeError:
                continue
        raise DecodeError(f"{_kind(value)} fits none of the allowed types")

    def encode(self, value: Any) -> Any:
        for option in self.options:
            cls = getattr(option, "cls", None)
            if cls is not None and isinstance(value, cls):
                return option.encode(value)
        if hasattr(value, "to_dict"):
            return value.to_dict()
        if isinstance(value, Enum):
            return value.value
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    names = {
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        str: "a string",
        list: "an array",
        dict: "an object",
    }
    text = names.get(type(value), type(value).__name__)
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        shown = repr(value)
        text += f" {shown[:40]}…" if len(shown) > 40 else f" {shown}"
    return text


class _Bytes(Codec[bytes]):
    """Binary data: a response body, or a file part of a multipart request."""

    def decode(self, value: Any) -> bytes:
        if isinstance(value, bytes):
            return value
        if isinstance(value, str):
            return value.encode("utf-8")
        raise DecodeError(f"expected binary data, got {_kind(value)}")

    def encode(self, value: bytes) -> Any:
        return value


class _RawBody(_Bytes):
    raw = True


class _NoBody(Codec[None]):
    """A response without a body (or whose body the spec does not describe)."""

    def decode(self, value: Any) -> None:
        return None

    def encode(self, value: None) -> Any:
        return None


NONE: Codec[None] = _NoBody()
BYTES: Codec[bytes] = _Bytes()
RAW: Codec[bytes] = _RawBody()
STR: Codec[str] = _Primitive("a string", (str,), lambda v: isinstance(v, str))
INT: Codec[int] = _Primitive(
    "an integer", (int,), lambda v: isinstance(v, int) and not isinstance(v, bool)
)
# An integral number stays an int: writing it back as 10.0 would change the wire text.
FLOAT: Codec[float] = _Primitive(
    "a number",
    (int, float),
    lambda v: isinstance(v, int | float) and not isinstance(v, bool),
)
BOOL: Codec[bool] = _Primitive("a boolean", (bool,), lambda v: isinstance(v, bool))
ANY: Codec[Any] = _Any()
DATETIME: Codec[datetime.datetime] = _DateTime()
DATE: Codec[datetime.date] = _Date()


def enum(cls: type[E]) -> Codec[E]:
    return _Enum(cls)


def model(cls: type[M]) -> Codec[M]:
    return _Model(cls)


def list_of(item: Codec[T]) -> Codec[list[T]]:
    return _List(item)


def dict_of(item: Codec[T]) -> Codec[dict[str, T]]:
    return _Dict(item)


def nullable(item: Codec[T]) -> Codec[T | None]:
    return _Nullable(item)


def union(
    *options: Codec[Any],
    discriminator: tuple[str, Mapping[str, Codec[Any]]] | None = None,
) -> Codec[Any]:
    return _Union(*options, discriminator=discriminator)


class OpenEnumType(EnumType):
    """The metaclass of the generated enums: `value in SomeEnum` is True only for the values
    the spec lists, on every Python version (3.12 counts any instance, stand-ins
    included)."""

    def __contains__(cls, value: object) -> bool:
        if isinstance(value, cls):
            return value._name_ in cls._member_map_
        return value in cls._value2member_map_


def open_member(cls: type[E], value: object) -> E | None:
    """A stand-in member for a value the enum does not list, so that it reads without error and
    writes back unchanged; `value in cls` stays False for it. Integer enums also read numbers
    sent as strings ("10000")."""
    member: Any
    if issubclass(cls, int):
        if isinstance(value, str):
            try:
                value = int(value.strip())
            except ValueError:
                return None
            known = cls._value2member_map_.get(value)
            if known is not None:
                return known
        if not isinstance(value, int) or isinstance(value, bool):
            return None
        member = int.__new__(cls, value)
    elif issubclass(cls, str) and isinstance(value, str):
        member = str.__new__(cls, value)
    else:
        return None
    # Never an identifier, so never taken for a member's name.
    member._name_ = repr(value)
    member._value_ = value
    return member
