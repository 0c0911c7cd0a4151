"""The `OrderStatus` enumeration."""

from __future__ import annotations

from enum import StrEnum

from .._codecs import OpenEnumType, open_member

__all__ = ["OrderStatus"]


class OrderStatus(StrEnum, metaclass=OpenEnumType):
    """The status of an order (values from the .NET SDK)."""

    UNKNOWN = "unknown"
    COMPLETED = "completed"
    PENDING = "pending"
    CANCELLED = "cancelled"

    @classmethod
    def _missing_(cls, value: object) -> OrderStatus | None:
        # Open enum: a value the spec does not list yet is kept, not refused.
        return open_member(cls, value)
