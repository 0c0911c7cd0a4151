"""The `OrderLinks` model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import _codecs as c
from .._model import Field, Model

if TYPE_CHECKING:
    from .link import Link

__all__ = ["OrderLinks"]


@dataclass(slots=True, kw_only=True)
class OrderLinks(Model):
    """The links of an order (Microsoft.Partner.Services.Orders.V2.Models.OrderLinks)."""

    self: Link | None = None
    provisioning_status: Link | None = None
    patch_operation: Link | None = None
    additional_properties: dict[str, Any] = field(default_factory=dict)
    """Properties the spec does not define, kept as received and written back."""

    @classmethod
    def _fields(cls) -> tuple[Field, ...]:
        from .link import Link

        return (
            Field("self", "self", c.model(Link)),
            Field("provisioningStatus", "provisioning_status", c.model(Link)),
            Field("patchOperation", "patch_operation", c.model(Link)),
        )
