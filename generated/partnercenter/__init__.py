"""Partner Center Carts API: a typed Python client, generated from its OpenAPI document.

Models are in `partnercenter.models`; the request builders of each operation group
are in `partnercenter.api`.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
