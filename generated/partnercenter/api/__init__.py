"""Request builders, one module per operation group."""

from .._request import ApiRequest
from . import carts

__all__ = [
    "ApiRequest",
    "carts",
]
