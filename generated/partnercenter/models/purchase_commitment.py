"""The `PurchaseCommitment` model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import _codecs as c
from .._model import Field, Model

__all__ = ["PurchaseCommitment"]


@dataclass(slots=True, kw_only=True)
class PurchaseCommitment(Model):
    """A purchase commitment (Carts.V1.Models.PurchaseCommitment and its identical copy
    Orders.V2.Models.PurchaseCommitment).
    """

    amount: float | None = None
    currency: str | None = None
    grain: str | None = None
    additional_properties: dict[str, Any] = field(default_factory=dict)
    """Properties the spec does not define, kept as received and written back."""

    @classmethod
    def _fields(cls) -> tuple[Field, ...]:
        return (
            Field("amount", "amount", c.FLOAT),
            Field("currency", "currency", c.STR),
            Field("grain", "grain", c.STR),
        )
