"""The `CartErrorCode` enumeration."""

from __future__ import annotations

from enum import IntEnum

from .._codecs import OpenEnumType, open_member

__all__ = ["CartErrorCode"]


class CartErrorCode(IntEnum, metaclass=OpenEnumType):
    """The error code of a cart line item, sent as an integer. Meanings given by the public
    .NET SDK (CartErrorCode):

    - 0 Unknown: default.
    - 10000 CurrencyIsNotSupported: currency not supported for the market.
    - 10001 CatalogItemIdIsNotValid: catalog item id not valid (SDK only).
    - 10002 QuotaNotAvailable: not enough quota.
    - 10003 InventoryNotAvailable: inventory not available for the offer.
    - 10004 ParticipantsIsNotSupportedForPartner: participants not supported for the
    partner.
    - 10006 UnableToProcessCartLineItem: unable to process the line item.
    - 10007 SubscriptionIsNotValid: subscription not valid.
    - 10008 SubscriptionIsNotEnabledForRI: subscription not enabled for reserved
    instances.
    - 10009 SandboxLimitExceeded: sandbox limit exceeded.
    - 10010 InvalidInput: input not valid.
    - 10011 SubscriptionNotRegistered: subscription not registered.
    - 10012 AttestationNotAccepted: attestation not accepted.
    - 10013 BillingPlanNotSupported, 10014 InvalidPromotionId,
      10015 MaxAllowedSeatsPerSubscriptionExceeded, 10016
      InvalidCustomTermEndDateProduct,
      10017 InvalidCustomTermEndDate, 10018 BaseOfferSeatQuantityNotMet,
      10019 MinimumAddOnSeatsNotMet, 500600 LegacyOfferNotEligibleForPurchase: SDK only,
      no
      documented meaning beyond the name.
    - 400013, 400019, 400028, 400041, 400042, 400075, 400076, 900312, 900314, 900315,
    900317:
      listed only on the REST reference page; no public source names them or gives their
      meaning, so they have neutral names (Code400013, ...).

    New codes appear over time: a client should accept a code it does not know.
    """

    UNKNOWN = 0
    CURRENCY_IS_NOT_SUPPORTED = 10000
    CATALOG_ITEM_ID_IS_NOT_VALID = 10001
    QUOTA_NOT_AVAILABLE = 10002
    INVENTORY_NOT_AVAILABLE = 10003
    PARTICIPANTS_IS_NOT_SUPPORTED_FOR_PARTNER = 10004
    UNABLE_TO_PROCESS_CART_LINE_ITEM = 10006
    SUBSCRIPTION_IS_NOT_VALID = 10007
    SUBSCRIPTION_IS_NOT_ENABLED_FOR_RI = 10008
    SANDBOX_LIMIT_EXCEEDED = 10009
    INVALID_INPUT = 10010
    SUBSCRIPTION_NOT_REGISTERED = 10011
    ATTESTATION_NOT_ACCEPTED = 10012
    BILLING_PLAN_NOT_SUPPORTED = 10013
    INVALID_PROMOTION_ID = 10014
    MAX_ALLOWED_SEATS_PER_SUBSCRIPTION_EXCEEDED = 10015
    INVALID_CUSTOM_TERM_END_DATE_PRODUCT = 10016
    INVALID_CUSTOM_TERM_END_DATE = 10017
    BASE_OFFER_SEAT_QUANTITY_NOT_MET = 10018
    MINIMUM_ADD_ON_SEATS_NOT_MET = 10019
    CODE400013 = 400013
    CODE400019 = 400019
    CODE400028 = 400028
    CODE400041 = 400041
    CODE400042 = 400042
    CODE400075 = 400075
    CODE400076 = 400076
    LEGACY_OFFER_NOT_ELIGIBLE_FOR_PURCHASE = 500600
    CODE900312 = 900312
    CODE900314 = 900314
    CODE900315 = 900315
    CODE900317 = 900317

    @classmethod
    def _missing_(cls, value: object) -> CartErrorCode | None:
        # Open enum: a value the spec does not list yet is kept, not refused.
        return open_member(cls, value)
