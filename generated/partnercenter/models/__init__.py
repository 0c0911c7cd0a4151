"""The models and enumerations of the Partner Center Carts API."""

from .._codecs import DecodeError
from .billing_cycle import BillingCycle
from .cart import Cart
from .cart_checkout_result import CartCheckoutResult
from .cart_error import CartError
from .cart_error_code import CartErrorCode
from .cart_line_item import CartLineItem
from .cart_status import CartStatus
from .client_context import ClientContext
from .error import Error
from .key_value_pair import KeyValuePair
from .link import Link
from .order import Order
from .order_error import OrderError
from .order_line_item import OrderLineItem
from .order_line_item_links import OrderLineItemLinks
from .order_links import OrderLinks
from .order_status import OrderStatus
from .order_transaction_type import OrderTransactionType
from .participant import Participant
from .participant_type import ParticipantType
from .pricing import Pricing
from .purchase_commitment import PurchaseCommitment
from .renews_to import RenewsTo
from .resource_attributes import ResourceAttributes
from .resource_links import ResourceLinks
from .throttle_error import ThrottleError

__all__ = [
    "BillingCycle",
    "Cart",
    "CartCheckoutResult",
    "CartError",
    "CartErrorCode",
    "CartLineItem",
    "CartStatus",
    "ClientContext",
    "DecodeError",
    "Error",
    "KeyValuePair",
    "Link",
    "Order",
    "OrderError",
    "OrderLineItem",
    "OrderLineItemLinks",
    "OrderLinks",
    "OrderStatus",
    "OrderTransactionType",
    "Participant",
    "ParticipantType",
    "Pricing",
    "PurchaseCommitment",
    "RenewsTo",
    "ResourceAttributes",
    "ResourceLinks",
    "ThrottleError",
]
