"""The `ResourceAttributes` model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import _codecs as c
from .._model import Field, Model

__all__ = ["ResourceAttributes"]


@dataclass(slots=True, kw_only=True)
class ResourceAttributes(Model):
    """Attributes of a resource (Microsoft.Partner.Core.Collections.ResourceAttributes)."""

    etag: str | None = None
    object_type: str | None = None
    additional_properties: dict[str, Any] = field(default_factory=dict)
    """Properties the spec does not define, kept as received and written back."""

    @classmethod
    def _fields(cls) -> tuple[Field, ...]:
        return (
            Field("etag", "etag", c.STR),
            Field("objectType", "object_type", c.STR),
        )
