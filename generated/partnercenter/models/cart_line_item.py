"""The `CartLineItem` model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import _codecs as c
from .._model import Field, Model

if TYPE_CHECKING:
    from .billing_cycle import BillingCycle
    from .cart_error import CartError
    from .participant import Participant
    from .purchase_commitment import PurchaseCommitment
    from .renews_to import RenewsTo

__all__ = ["CartLineItem"]


@dataclass(slots=True, kw_only=True)
class CartLineItem(Model):
    """A line item of a cart (Microsoft.Partner.Services.Carts.V1.Models.CartLineItem)."""

    catalog_item_id: str
    """The catalog item identifier. (The "Update a cart" doc page names this property
    catalogId, a typo: the REST reference and every example use catalogItemId.)
    """
    quantity: int
    """The number of licenses or instances."""
    billing_cycle: BillingCycle
    id: int | None = None
    """A unique identifier for a cart line item. Applied upon successful creation of the
    cart.
    """
    friendly_name: str | None = None
    """Optional. The friendly name for the item defined by the partner to help
    disambiguate.
    """
    currency_code: str | None = None
    """The currency code."""
    term_duration: str | None = None
    participants: list[Participant] | None = None
    """A collection of participants on the purchase."""
    provisioning_context: dict[str, str] | None = None
    """A context used for provisioning of offer."""
    order_group: str | None = None
    """A group to indicate which items can be placed together."""
    error: CartError | None = None
    addon_items: list[CartLineItem] | None = None
    attestation_accepted: bool | None = None
    custom_term_end_date: str | None = None
    promotion_id: str | None = None
    purchase_commitment: PurchaseCommitment | None = None
    renews_to: RenewsTo | None = None
    purchase_system: str | None = None
    """In the .NET SDK; not on the REST reference page."""
    additional_properties: dict[str, Any] = field(default_factory=dict)
    """Properties the spec does not define, kept as received and written back."""

    @classmethod
    def _fields(cls) -> tuple[Field, ...]:
        from .billing_cycle import BillingCycle
        from .cart_error import CartError
        from .participant import Participant
        from .purchase_commitment import PurchaseCommitment
        from .renews_to import RenewsTo

        return (
            Field("id", "id", c.INT),
            Field("catalogItemId", "catalog_item_id", c.STR, required=True),
            Field("friendlyName", "friendly_name", c.STR),
            Field("quantity", "quantity", c.INT, required=True),
            Field("currencyCode", "currency_code", c.STR),
            Field("billingCycle", "billing_cycle", c.enum(BillingCycle), required=True),
            Field("termDuration", "term_duration", c.STR),
            Field("participants", "participants", c.list_of(c.model(Participant))),
            Field("provisioningContext", "provisioning_context", c.dict_of(c.STR)),
            Field("orderGroup", "order_group", c.STR),
            Field("error", "error", c.model(CartError)),
            Field("addonItems", "addon_items", c.list_of(c.model(CartLineItem))),
            Field("attestationAccepted", "attestation_accepted", c.BOOL),
            Field("customTermEndDate", "custom_term_end_date", c.STR),
            Field("promotionId", "promotion_id", c.STR),
            Field(
                "purchaseCommitment", "purchase_commitment", c.model(PurchaseCommitment)
            ),
            Field("renewsTo", "renews_to", c.model(RenewsTo)),
            Field("purchaseSystem", "purchase_system", c.STR),
        )
