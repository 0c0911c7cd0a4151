"""The `RenewsTo` model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import _codecs as c
from .._model import Field, Model

__all__ = ["RenewsTo"]


@dataclass(slots=True, kw_only=True)
class RenewsTo(Model):
    """The term a line item renews to (Carts.V1.Models.RenewsTo and its identical copy
    Orders.V2.Models.RenewsTo).
    """

    term_duration: str | None = None
    additional_properties: dict[str, Any] = field(default_factory=dict)
    """Properties the spec does not define, kept as received and written back."""

    @classmethod
    def _fields(cls) -> tuple[Field, ...]:
        return (Field("termDuration", "term_duration", c.STR),)
