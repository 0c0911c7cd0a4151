"""The `Cart` model."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import _codecs as c
from .._model import Field, Model

if TYPE_CHECKING:
    from .cart_line_item import CartLineItem
    from .cart_status import CartStatus
    from .resource_attributes import ResourceAttributes
    from .resource_links import ResourceLinks

__all__ = ["Cart"]


@dataclass(slots=True, kw_only=True)
class Cart(Model):
    """A customer's cart (Microsoft.Partner.Services.Carts.V1.Models.Cart). The same schema
    is the request body of create and update and the response of create, get and update.
    """

    line_items: list[CartLineItem]
    """An array of CartLineItem resources."""
    id: str | None = None
    """A cart identifier that is supplied upon successful creation of the cart."""
    creation_timestamp: datetime.datetime | None = None
    """The date the cart was created, in date-time format. Applied upon successful creation
    of the cart.
    """
    last_modified_timestamp: datetime.datetime | None = None
    """The date the cart was last updated, in date-time format. Applied upon successful
    creation of the cart.
    """
    expiration_timestamp: datetime.datetime | None = None
    """The date the cart will expire, in date-time format. Applied upon successful creation
    of the cart. The service may send 0001-01-01T00:00:00 (no UTC offset) for a cart
    without one.
    """
    last_modified_user: str | None = None
    """The user who last updated the cart. Applied upon successful creation of the cart."""
    status: CartStatus | None = None
    links: ResourceLinks | None = None
    attributes: ResourceAttributes | None = None
    partner_on_record_attestation_accepted: bool | None = None
    """Whether the partner-on-record attestation was accepted. In the .NET SDK; not on the
    REST reference page.
    """
    additional_properties: dict[str, Any] = field(default_factory=dict)
    """Properties the spec does not define, kept as received and written back."""

    @classmethod
    def _fields(cls) -> tuple[Field, ...]:
        from .cart_line_item import CartLineItem
        from .cart_status import CartStatus
        from .resource_attributes import ResourceAttributes
        from .resource_links import ResourceLinks

        return (
            Field("id", "id", c.STR),
            Field("creationTimestamp", "creation_timestamp", c.DATETIME),
            Field("lastModifiedTimestamp", "last_modified_timestamp", c.DATETIME),
            Field("expirationTimestamp", "expiration_timestamp", c.DATETIME),
            Field("lastModifiedUser", "last_modified_user", c.STR),
            Field(
                "lineItems",
                "line_items",
                c.list_of(c.model(CartLineItem)),
                required=True,
            ),
            Field("status", "status", c.enum(CartStatus)),
            Field("links", "links", c.model(ResourceLinks)),
            Field("attributes", "attributes", c.model(ResourceAttributes)),
            Field(
                "partnerOnRecordAttestationAccepted",
                "partner_on_record_attestation_accepted",
                c.BOOL,
            ),
        )
