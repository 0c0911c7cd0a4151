"""The `OrderError` model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import _codecs as c
from .._model import Field, Model

if TYPE_CHECKING:
    from .resource_attributes import ResourceAttributes

__all__ = ["OrderError"]


@dataclass(slots=True, kw_only=True)
class OrderError(Model):
    """An error of an order group that could not be ordered
    (Microsoft.Partner.Services.Orders.V2.Models.OrderError).
    """

    code: int | None = None
    description: str | None = None
    order_group_id: str | None = None
    attributes: ResourceAttributes | None = None
    additional_properties: dict[str, Any] = field(default_factory=dict)
    """Properties the spec does not define, kept as received and written back."""

    @classmethod
    def _fields(cls) -> tuple[Field, ...]:
        from .resource_attributes import ResourceAttributes

        return (
            Field("code", "code", c.INT),
            Field("description", "description", c.STR),
            Field("orderGroupId", "order_group_id", c.STR),
            Field("attributes", "attributes", c.model(ResourceAttributes)),
        )
