"""The `OrderLineItem` model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import _codecs as c
from .._model import Field, Model

if TYPE_CHECKING:
    from .order_line_item_links import OrderLineItemLinks
    from .pricing import Pricing
    from .purchase_commitment import PurchaseCommitment
    from .renews_to import RenewsTo

__all__ = ["OrderLineItem"]


@dataclass(slots=True, kw_only=True)
class OrderLineItem(Model):
    """A line item of an order (Microsoft.Partner.Services.Orders.V2.Models.OrderLineItem)."""

    line_item_number: int | None = None
    offer_id: str | None = None
    subscription_id: str | None = None
    parent_subscription_id: str | None = None
    term_duration: str | None = None
    transaction_type: str | None = None
    friendly_name: str | None = None
    quantity: int | None = None
    partner_id_on_record: str | None = None
    additional_partner_ids_on_record: list[str] | None = None
    """In the .NET SDK; not on the REST reference page."""
    provisioning_context: dict[str, str] | None = None
    links: OrderLineItemLinks | None = None
    renews_to: RenewsTo | None = None
    pricing: Pricing | None = None
    attestation_accepted: bool | None = None
    custom_term_end_date: str | None = None
    promotion_id: str | None = None
    purchase_commitment: PurchaseCommitment | None = None
    additional_properties: dict[str, Any] = field(default_factory=dict)
    """Properties the spec does not define, kept as received and written back."""

    @classmethod
    def _fields(cls) -> tuple[Field, ...]:
        from .order_line_item_links import OrderLineItemLinks
        from .pricing import Pricing
        from .purchase_commitment import PurchaseCommitment
        from .renews_to import RenewsTo

        return (
            Field("lineItemNumber", "line_item_number", c.INT),
            Field("offerId", "offer_id", c.STR),
            Field("subscriptionId", "subscription_id", c.STR),
            Field("parentSubscriptionId", "parent_subscription_id", c.STR),
            Field("termDuration", "term_duration", c.STR),
            Field("transactionType", "transaction_type", c.STR),
            Field("friendlyName", "friendly_name", c.STR),
            Field("quantity", "quantity", c.INT),
            Field("partnerIdOnRecord", "partner_id_on_record", c.STR),
            Field(
                "additionalPartnerIdsOnRecord",
                "additional_partner_ids_on_record",
                c.list_of(c.STR),
            ),
            Field("provisioningContext", "provisioning_context", c.dict_of(c.STR)),
            Field("links", "links", c.model(OrderLineItemLinks)),
            Field("renewsTo", "renews_to", c.model(RenewsTo)),
            Field("pricing", "pricing", c.model(Pricing)),
            Field("attestationAccepted", "attestation_accepted", c.BOOL),
            Field("customTermEndDate", "custom_term_end_date", c.STR),
            Field("promotionId", "promotion_id", c.STR),
            Field(
                "purchaseCommitment", "purchase_commitment", c.model(PurchaseCommitment)
            ),
        )
