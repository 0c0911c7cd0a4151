"""The `BillingCycle` enumeration."""

from __future__ import annotations

from enum import StrEnum

from .._codecs import OpenEnumType, open_member

__all__ = ["BillingCycle"]


class BillingCycle(StrEnum, metaclass=OpenEnumType):
    """The type of billing cycle set for the current period (the .NET SDK's
    BillingCycleType, written as snake_case strings). "biennial" is in the .NET SDK
    only, not on the REST reference pages. New values appear over time: a client should
    accept a value it does not know.
    """

    UNKNOWN = "unknown"
    MONTHLY = "monthly"
    ANNUAL = "annual"
    NONE = "none"
    ONE_TIME = "one_time"
    TRIENNIAL = "triennial"
    BIENNIAL = "biennial"

    @classmethod
    def _missing_(cls, value: object) -> BillingCycle | None:
        # Open enum: a value the spec does not list yet is kept, not refused.
        return open_member(cls, value)
