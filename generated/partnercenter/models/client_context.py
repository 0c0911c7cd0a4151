"""The `ClientContext` model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import _codecs as c
from .._model import Field, Model

__all__ = ["ClientContext"]


@dataclass(slots=True, kw_only=True)
class ClientContext(Model):
    """The client that placed an order
    (Microsoft.Partner.Services.Orders.V2.Models.ClientContext).
    """

    device_family: str | None = None
    marketplace_country: str | None = None
    name: str | None = None
    additional_properties: dict[str, Any] = field(default_factory=dict)
    """Properties the spec does not define, kept as received and written back."""

    @classmethod
    def _fields(cls) -> tuple[Field, ...]:
        return (
            Field("deviceFamily", "device_family", c.STR),
            Field("marketplaceCountry", "marketplace_country", c.STR),
            Field("name", "name", c.STR),
        )
