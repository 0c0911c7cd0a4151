"""The `Error` model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import _codecs as c
from .._model import Field, Model

__all__ = ["Error"]


@dataclass(slots=True, kw_only=True)
class Error(Model):
    """The service error body, for example {"code": 3000, "description": "...", "data": [],
    "source": "PartnerFD"}.
    """

    code: int | str | None = None
    """The service error code. Documented as a string but sent as a number: accept both.
    Cart-related codes include 800002 (invalid request input, 400), 800008 (unable to
    retrieve cart id, 404), 800009 (error in cart items, 400), 800010 (inventory not
    available, 400), 800017 (quantity not available, 400), 800018 (sandbox limit met,
    400) and 800020 (catalog item not eligible for purchase, 403).
    """
    description: str | None = None
    """A description of the error."""
    data: list[Any] | None = None
    """Additional data about the error."""
    source: str | None = None
    """The component that produced the error (for example PartnerFD)."""
    additional_properties: dict[str, Any] = field(default_factory=dict)
    """Properties the spec does not define, kept as received and written back."""

    @classmethod
    def _fields(cls) -> tuple[Field, ...]:
        return (
            Field("code", "code", c.union(c.INT, c.STR)),
            Field("description", "description", c.STR),
            Field("data", "data", c.list_of(c.ANY)),
            Field("source", "source", c.STR),
        )
