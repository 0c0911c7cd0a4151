"""Partner Center Carts API: a typed Python client, generated from its OpenAPI document.

    from partnercenter import Client

    with Client(token=token) as client:
        result = client.carts.checkout(...)

Models are in `partnercenter.models`, exceptions in `partnercenter.errors`.
"""

__version__ = "0.1.0"

from .client import AsyncClient, Client  # after __version__, which the client reads

__all__ = ["AsyncClient", "Client", "__version__"]
