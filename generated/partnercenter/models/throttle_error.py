"""The `ThrottleError` model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import _codecs as c
from .._model import Field, Model

__all__ = ["ThrottleError"]


@dataclass(slots=True, kw_only=True)
class ThrottleError(Model):
    """The body of a 429 (too many requests) response; it differs from Error."""

    status_code: int | None = None
    message: str | None = None
    additional_properties: dict[str, Any] = field(default_factory=dict)
    """Properties the spec does not define, kept as received and written back."""

    @classmethod
    def _fields(cls) -> tuple[Field, ...]:
        return (
            Field("statusCode", "status_code", c.INT),
            Field("message", "message", c.STR),
        )
