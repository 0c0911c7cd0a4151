"""The clients of the Partner Center Carts API: `Client` and its asyncio twin `AsyncClient`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping

import httpx

from . import __version__
from ._http import AsyncBaseClient, BaseClient, Token
from .api.carts import AsyncCartsApi, CartsApi

__all__ = ["DEFAULT_BASE_URL", "AsyncClient", "Client"]

DEFAULT_BASE_URL = "https://api.partnercenter.microsoft.com"


class Client(BaseClient):
    """A client of the Partner Center Carts API.

    Args:
        base_url: The service root.
        token: A bearer token, or a function returning the current one; it is called for
            every request, so it can refresh.
        version: The API version. The documented routes use version 1 (`/v1/...`).
        timeout: Seconds, or an `httpx.Timeout`; by default 180 s (10 s to connect).
        max_retries: Retries of a call after a 500, 502, 503, 504, 429, connection error
            or timeout; 400, 401, 403, 404 and 409 are never retried.
        headers: Headers sent with every request.
        transport: An httpx transport, for tests and proxies.
        correlation_id: The `MS-CorrelationId` of every call; a new UUID by default.
        locale: The `X-Locale` header.
        client_name: The `MS-PartnerCenter-Client` header.
        sleep: How to wait between retries (tests pass a function that does not wait).
    """

    def __init__(
        self,
        *,
        base_url: str = DEFAULT_BASE_URL,
        token: Token,
        version: str = "1",
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = 3,
        headers: Mapping[str, str] | None = None,
        transport: httpx.BaseTransport | None = None,
        correlation_id: str | None = None,
        locale: str = "en-US",
        client_name: str = f"partnercenter-python/{__version__}",
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        super().__init__(
            base_url=base_url,
            token=token,
            timeout=timeout,
            max_retries=max_retries,
            headers=headers,
            transport=transport,
            correlation_id=correlation_id,
            locale=locale,
            client_name=client_name,
            sleep=sleep,
        )
        self.version = version
        self.carts = CartsApi(self)
        """The `carts` operations."""


class AsyncClient(AsyncBaseClient):
    """An asyncio client of the Partner Center Carts API.

    Args:
        base_url: The service root.
        token: A bearer token, or a function returning the current one; it is called for
            every request, so it can refresh.
        version: The API version. The documented routes use version 1 (`/v1/...`).
        timeout: Seconds, or an `httpx.Timeout`; by default 180 s (10 s to connect).
        max_retries: Retries of a call after a 500, 502, 503, 504, 429, connection error
            or timeout; 400, 401, 403, 404 and 409 are never retried.
        headers: Headers sent with every request.
        transport: An httpx transport, for tests and proxies.
        correlation_id: The `MS-CorrelationId` of every call; a new UUID by default.
        locale: The `X-Locale` header.
        client_name: The `MS-PartnerCenter-Client` header.
        sleep: How to wait between retries (tests pass a function that does not wait).
    """

    def __init__(
        self,
        *,
        base_url: str = DEFAULT_BASE_URL,
        token: Token,
        version: str = "1",
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = 3,
        headers: Mapping[str, str] | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        correlation_id: str | None = None,
        locale: str = "en-US",
        client_name: str = f"partnercenter-python/{__version__}",
        sleep: Callable[[float], Awaitable[None] | None] | None = None,
    ) -> None:
        super().__init__(
            base_url=base_url,
            token=token,
            timeout=timeout,
            max_retries=max_retries,
            headers=headers,
            transport=transport,
            correlation_id=correlation_id,
            locale=locale,
            client_name=client_name,
            sleep=sleep,
        )
        self.version = version
        self.carts = AsyncCartsApi(self)
        """The `carts` operations."""
