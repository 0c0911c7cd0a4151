"""The `KeyValuePair` model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import _codecs as c
from .._model import Field, Model

__all__ = ["KeyValuePair"]


@dataclass(slots=True, kw_only=True)
class KeyValuePair(Model):
    """A key and a value, both strings
    (System.Collections.Generic.KeyValuePair[System.String,System.String]).
    """

    key: str | None = None
    value: str | None = None
    additional_properties: dict[str, Any] = field(default_factory=dict)
    """Properties the spec does not define, kept as received and written back."""

    @classmethod
    def _fields(cls) -> tuple[Field, ...]:
        return (
            Field("key", "key", c.STR),
            Field("value", "value", c.STR),
        )
