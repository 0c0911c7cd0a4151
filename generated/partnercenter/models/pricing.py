"""The `Pricing` model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import _codecs as c
from .._model import Field, Model

__all__ = ["Pricing"]


@dataclass(slots=True, kw_only=True)
class Pricing(Model):
    """The pricing of an order line item
    (Microsoft.Partner.Services.Orders.V2.Models.Pricing).
    """

    list_price: float | None = None
    discounted_price: float | None = None
    price: float | None = None
    prorated_price: float | None = None
    extended_price: float | None = None
    additional_properties: dict[str, Any] = field(default_factory=dict)
    """Properties the spec does not define, kept as received and written back."""

    @classmethod
    def _fields(cls) -> tuple[Field, ...]:
        return (
            Field("listPrice", "list_price", c.FLOAT),
            Field("discountedPrice", "discounted_price", c.FLOAT),
            Field("price", "price", c.FLOAT),
            Field("proratedPrice", "prorated_price", c.FLOAT),
            Field("extendedPrice", "extended_price", c.FLOAT),
        )
