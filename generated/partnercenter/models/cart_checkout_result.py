"""The `CartCheckoutResult` model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import _codecs as c
from .._model import Field, Model

if TYPE_CHECKING:
    from .order import Order
    from .order_error import OrderError
    from .resource_attributes import ResourceAttributes

__all__ = ["CartCheckoutResult"]


@dataclass(slots=True, kw_only=True)
class CartCheckoutResult(Model):
    """The result of checking out a cart
    (Microsoft.Partner.Services.Carts.V1.Models.CartCheckoutResult): the orders placed
    and the errors of the order groups that could not be ordered. The REST reference
    page lost the types of its properties; they are the Order, OrderError and
    ResourceAttributes definitions of the same page.
    """

    orders: list[Order] | None = None
    order_errors: list[OrderError] | None = None
    attributes: ResourceAttributes | None = None
    additional_properties: dict[str, Any] = field(default_factory=dict)
    """Properties the spec does not define, kept as received and written back."""

    @classmethod
    def _fields(cls) -> tuple[Field, ...]:
        from .order import Order
        from .order_error import OrderError
        from .resource_attributes import ResourceAttributes

        return (
            Field("orders", "orders", c.list_of(c.model(Order))),
            Field("orderErrors", "order_errors", c.list_of(c.model(OrderError))),
            Field("attributes", "attributes", c.model(ResourceAttributes)),
        )
