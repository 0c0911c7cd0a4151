"""The `CartError` model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import _codecs as c
from .._model import Field, Model

if TYPE_CHECKING:
    from .cart_error_code import CartErrorCode

__all__ = ["CartError"]


@dataclass(slots=True, kw_only=True)
class CartError(Model):
    """An error of a cart line item (Microsoft.Partner.Services.Carts.V1.Models.CartError),
    applied after the cart is created, in case of an error.
    """

    error_code: CartErrorCode | None = None
    error_description: str | None = None
    additional_information: dict[str, Any] | None = None
    """Free-form additional information. In the .NET SDK; not on the REST reference page."""
    additional_properties: dict[str, Any] = field(default_factory=dict)
    """Properties the spec does not define, kept as received and written back."""

    @classmethod
    def _fields(cls) -> tuple[Field, ...]:
        from .cart_error_code import CartErrorCode

        return (
            Field("errorCode", "error_code", c.enum(CartErrorCode)),
            Field("errorDescription", "error_description", c.STR),
            Field("additionalInformation", "additional_information", c.dict_of(c.ANY)),
        )
