"""The `CartStatus` enumeration."""

from __future__ import annotations

from enum import StrEnum

from .._codecs import OpenEnumType, open_member

__all__ = ["CartStatus"]


class CartStatus(StrEnum, metaclass=OpenEnumType):
    """The status of a cart. The REST reference types it as a string; the values are the
    .NET SDK's CartStatus members.
    """

    ACTIVE = "Active"
    ORDERED = "Ordered"

    @classmethod
    def _missing_(cls, value: object) -> CartStatus | None:
        # Open enum: a value the spec does not list yet is kept, not refused.
        return open_member(cls, value)
