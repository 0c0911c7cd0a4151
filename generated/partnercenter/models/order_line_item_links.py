"""The `OrderLineItemLinks` model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import _codecs as c
from .._model import Field, Model

if TYPE_CHECKING:
    from .link import Link

__all__ = ["OrderLineItemLinks"]


@dataclass(slots=True, kw_only=True)
class OrderLineItemLinks(Model):
    """The links of an order line item
    (Microsoft.Partner.Services.Orders.V2.Models.OrderLineItemLinks).
    """

    activation_links: Link | None = None
    availability: Link | None = None
    product: Link | None = None
    provisioning_status: Link | None = None
    sku: Link | None = None
    subscription: Link | None = None
    additional_properties: dict[str, Any] = field(default_factory=dict)
    """Properties the spec does not define, kept as received and written back."""

    @classmethod
    def _fields(cls) -> tuple[Field, ...]:
        from .link import Link

        return (
            Field("activationLinks", "activation_links", c.model(Link)),
            Field("availability", "availability", c.model(Link)),
            Field("product", "product", c.model(Link)),
            Field("provisioningStatus", "provisioning_status", c.model(Link)),
            Field("sku", "sku", c.model(Link)),
            Field("subscription", "subscription", c.model(Link)),
        )
