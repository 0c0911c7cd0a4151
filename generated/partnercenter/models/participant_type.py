"""The `ParticipantType` enumeration."""

from __future__ import annotations

from enum import StrEnum

from .._codecs import OpenEnumType, open_member

__all__ = ["ParticipantType"]


class ParticipantType(StrEnum, metaclass=OpenEnumType):
    """The role of a participant on a purchase. "additional_transaction_reseller" is in the
    .NET SDK only, not on the REST reference page.
    """

    UNKNOWN = "unknown"
    TRANSACTION_RESELLER = "transaction_reseller"
    CONSUMPTION_RESELLER = "consumption_reseller"
    ADDITIONAL_TRANSACTION_RESELLER = "additional_transaction_reseller"

    @classmethod
    def _missing_(cls, value: object) -> ParticipantType | None:
        # Open enum: a value the spec does not list yet is kept, not refused.
        return open_member(cls, value)
