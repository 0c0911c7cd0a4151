"""The `Order` model."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import _codecs as c
from .._model import Field, Model

if TYPE_CHECKING:
    from .billing_cycle import BillingCycle
    from .client_context import ClientContext
    from .order_line_item import OrderLineItem
    from .order_links import OrderLinks
    from .order_status import OrderStatus
    from .order_transaction_type import OrderTransactionType
    from .resource_attributes import ResourceAttributes

__all__ = ["Order"]


@dataclass(slots=True, kw_only=True)
class Order(Model):
    """An order placed by a checkout (Microsoft.Partner.Services.Orders.V2.Models.Order)."""

    id: str | None = None
    alternate_id: str | None = None
    reference_customer_id: str | None = None
    billing_cycle: BillingCycle | None = None
    currency_code: str | None = None
    currency_symbol: str | None = None
    line_items: list[OrderLineItem] | None = None
    creation_date: datetime.datetime | None = None
    status: OrderStatus | None = None
    total_price: float | None = None
    transaction_type: OrderTransactionType | None = None
    links: OrderLinks | None = None
    client: ClientContext | None = None
    attributes: ResourceAttributes | None = None
    partner_on_record_attestation_accepted: bool | None = None
    """Whether the partner-on-record attestation was accepted. In the .NET SDK; not on the
    REST reference page.
    """
    additional_properties: dict[str, Any] = field(default_factory=dict)
    """Properties the spec does not define, kept as received and written back."""

    @classmethod
    def _fields(cls) -> tuple[Field, ...]:
        from .billing_cycle import BillingCycle
        from .client_context import ClientContext
        from .order_line_item import OrderLineItem
        from .order_links import OrderLinks
        from .order_status import OrderStatus
        from .order_transaction_type import OrderTransactionType
        from .resource_attributes import ResourceAttributes

        return (
            Field("id", "id", c.STR),
            Field("alternateId", "alternate_id", c.STR),
            Field("referenceCustomerId", "reference_customer_id", c.STR),
            Field("billingCycle", "billing_cycle", c.enum(BillingCycle)),
            Field("currencyCode", "currency_code", c.STR),
            Field("currencySymbol", "currency_symbol", c.STR),
            Field("lineItems", "line_items", c.list_of(c.model(OrderLineItem))),
            Field("creationDate", "creation_date", c.DATETIME),
            Field("status", "status", c.enum(OrderStatus)),
            Field("totalPrice", "total_price", c.FLOAT),
            Field("transactionType", "transaction_type", c.enum(OrderTransactionType)),
            Field("links", "links", c.model(OrderLinks)),
            Field("client", "client", c.model(ClientContext)),
            Field("attributes", "attributes", c.model(ResourceAttributes)),
            Field(
                "partnerOnRecordAttestationAccepted",
                "partner_on_record_attestation_accepted",
                c.BOOL,
            ),
        )
