"""The `Link` model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import _codecs as c
from .._model import Field, Model

if TYPE_CHECKING:
    from .key_value_pair import KeyValuePair

__all__ = ["Link"]


@dataclass(slots=True, kw_only=True)
class Link(Model):
    """A link to a related resource (Microsoft.Partner.Core.Collections.Link)."""

    uri: str | None = None
    method: str | None = None
    headers: list[KeyValuePair] | None = None
    body: str | None = None
    additional_properties: dict[str, Any] = field(default_factory=dict)
    """Properties the spec does not define, kept as received and written back."""

    @classmethod
    def _fields(cls) -> tuple[Field, ...]:
        from .key_value_pair import KeyValuePair

        return (
            Field("uri", "uri", c.STR),
            Field("method", "method", c.STR),
            Field("headers", "headers", c.list_of(c.model(KeyValuePair))),
            Field("body", "body", c.STR),
        )
