"""The `ResourceLinks` model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import _codecs as c
from .._model import Field, Model

if TYPE_CHECKING:
    from .link import Link

__all__ = ["ResourceLinks"]


@dataclass(slots=True, kw_only=True)
class ResourceLinks(Model):
    """The links of a resource (Microsoft.Partner.Core.Collections.ResourceLinks)."""

    self: Link | None = None
    next: Link | None = None
    previous: Link | None = None
    additional_properties: dict[str, Any] = field(default_factory=dict)
    """Properties the spec does not define, kept as received and written back."""

    @classmethod
    def _fields(cls) -> tuple[Field, ...]:
        from .link import Link

        return (
            Field("self", "self", c.model(Link)),
            Field("next", "next", c.model(Link)),
            Field("previous", "previous", c.model(Link)),
        )
