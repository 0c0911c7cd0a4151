"""The `OrderTransactionType` enumeration."""

from __future__ import annotations

from enum import StrEnum

from .._codecs import OpenEnumType, open_member

__all__ = ["OrderTransactionType"]


class OrderTransactionType(StrEnum, metaclass=OpenEnumType):
    """The transaction type of an order (values from the .NET SDK)."""

    USER_PURCHASE = "UserPurchase"
    SYSTEM_PURCHASE = "SystemPurchase"
    SYSTEM_BILLING = "SystemBilling"

    @classmethod
    def _missing_(cls, value: object) -> OrderTransactionType | None:
        # Open enum: a value the spec does not list yet is kept, not refused.
        return open_member(cls, value)
