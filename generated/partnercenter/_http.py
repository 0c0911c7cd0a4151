"""The HTTP layer shared by `Client` and `AsyncClient`: authentication, the service's headers,
retries with backoff, typed errors and logging."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Mapping
from typing import Any, Self, TypeVar

import httpx

from ._codecs import Codec, DecodeError, read_gc_paused
from ._request import ApiRequest
from .errors import InvalidResponseError, RateLimitError, TransportError, error_class

__all__ = ["AsyncBaseClient", "BaseClient", "Token"]

T = TypeVar("T")
Token = str | Callable[[], str]
"""A bearer token, or a function returning the current one (called for every request)."""

logger = logging.getLogger("partnercenter")

# The service's own SDK waits 3 minutes.
DEFAULT_TIMEOUT = httpx.Timeout(180.0, connect=10.0)
RETRY_STATUSES = frozenset({500, 502, 503, 504})
MAX_RETRY_AFTER = 120.0  # never sleep longer than this on a server's Retry-After
BACKOFF_BASE = 0.5


class _Core:
    """Settings and decisions that do not depend on sync or async I/O."""

    def __init__(
        self,
        *,
        base_url: str,
        token: Token,
        timeout: float | httpx.Timeout | None,
        max_retries: int,
        headers: Mapping[str, str] | None,
        correlation_id: str | None,
        locale: str,
        client_name: str,
        sleep: Callable[[float], Any] | None,
    ) -> None:
        if max_retries < 0:
            raise ValueError("max_retries must be 0 or more")
        self.base_url = base_url.rstrip("/")
        self._token = token
        self.timeout = DEFAULT_TIMEOUT if timeout is None else httpx.Timeout(timeout)
        self.max_retries = max_retries
        self.headers = dict(headers or {})
        self.correlation_id = correlation_id or _guid()
        self.locale = locale
        self.client_name = client_name
        self._sleep = sleep

    def __repr__(self) -> str:  # never shows the token
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    def token(self) -> str:
        return self._token() if callable(self._token) else self._token

    def build(
        self, request: ApiRequest, request_id: str, cv: str, attempt: int
    ) -> dict[str, Any]:
        headers = httpx.Headers(
            {
                "Accept": "application/json",
                "MS-CorrelationId": self.correlation_id,
                "MS-RequestId": request_id,
                "MS-CV": f"{cv}.{attempt}",
                "X-Locale": self.locale,
                "MS-PartnerCenter-Client": self.client_name,
            }
        )
        headers.update(self.headers)
        headers.update(request.headers)
        headers["Authorization"] = f"Bearer {self.token()}"
        kwargs: dict[str, Any] = {
            "method": request.method,
            "url": request.path,
            "params": request.params or None,
            "headers": headers,
            "cookies": request.cookies or None,
        }
        if request.body is not None:
            arguments = request.body.arguments()
            headers.update(arguments.pop("headers", {}))
            kwargs.update(arguments)
        return kwargs

    def delay(self, attempt: int, response: httpx.Response | None) -> float | None:
        """Seconds to wait before retrying, or None when the outcome is final."""
        if attempt >= self.max_retries:
            return None
        if response is None or response.status_code in RETRY_STATUSES:
            # Exponential backoff with jitter: 0.5 s, 1 s, 2 s ... each up to 50% longer.
            base = BACKOFF_BASE * 2.0**attempt
            return base + random.uniform(0, base / 2)
        if response.status_code == 429:
            wait: float = _retry_after(response) or BACKOFF_BASE * 2.0**attempt
            return min(wait, MAX_RETRY_AFTER)
        return None

    def outcome(
        self, request: ApiRequest, response: httpx.Response, result: Codec[T]
    ) -> T:
        """The decoded body of a success, or the typed error of anything else."""
        status = response.status_code
        text = response.text
        common: dict[str, Any] = {
            "status": status,
            "text": text,
            "headers": response.headers,
            "operation_id": request.operation_id,
        }
        if 200 <= status < 300:
            try:
                if result.raw:  # a body the spec does not describe as JSON: its bytes
                    return result.decode(response.content)
                data = response.json() if text.strip() else None
                # Parsed here for this call alone: the models may take it apart.
                return read_gc_paused(result.decode_owned, data)
            except (
                ValueError,
                RecursionError,
            ) as exc:  # DecodeError, or JSON that does not parse
                reason = exc if isinstance(exc, DecodeError) else f"not JSON: {exc!r}"
                raise InvalidResponseError(
                    f"{request.operation_id}: the {status} response does not fit the spec: "
                    f"{reason}",
                    **common,
                ) from None
        message = (
            f"{request.operation_id} failed with HTTP {status} {response.reason_phrase}"
        )
        cls = error_class(status)
        if cls is RateLimitError:
            raise RateLimitError(message, retry_after=_retry_after(response), **common)
        raise cls(message, **common)

    def after_error(
        self,
        request: ApiRequest,
        request_id: str,
        attempt: int,
        started: float,
        exc: httpx.TransportError,
    ) -> float:
        """Log an attempt that got no response; the wait before retrying, or raise."""
        self.log(request, request_id, attempt, started, type(exc).__name__)
        wait = self.delay(attempt, None)
        if wait is None:
            raise TransportError(
                f"{request.operation_id}: {type(exc).__name__}: {exc}",
                operation_id=request.operation_id,
            ) from exc
        return wait

    def after_response(
        self,
        request: ApiRequest,
        request_id: str,
        attempt: int,
        started: float,
        response: httpx.Response,
    ) -> float | None:
        """Log an attempt's response; the wait before retrying, or None when it is final."""
        self.log(request, request_id, attempt, started, response.status_code)
        return self.delay(attempt, response)

    def log(
        self,
        request: ApiRequest,
        request_id: str,
        attempt: int,
        started: float,
        status: int | str,
    ) -> None:
        logger.info(
            "%s %s -> %s (request id %s, attempt %d, %.3f s)",
            request.method,
            request.path,
            status,
            request_id,
            attempt + 1,
            time.monotonic() - started,
        )


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    try:
        return max(float(value), 0.0) if value is not None else None
    except ValueError:
        return None


def _ids(request: ApiRequest) -> tuple[str, str]:
    given = {k.lower(): v for k, v in request.headers.items()}
    # One request id per call, the same across its retries: the service uses it for idempotency.
    request_id = given.get("ms-requestid") or _guid()
    cv = given.get("ms-cv") or _guid().replace("-", "")[:16]
    return request_id, cv


class BaseClient(_Core):
    """Sends requests synchronously."""

    def __init__(
        self, *, transport: httpx.BaseTransport | None = None, **settings: Any
    ) -> None:
        super().__init__(**settings)
        self._http = httpx.Client(
            base_url=self.base_url, timeout=self.timeout, transport=transport
        )

    def send(self, request: ApiRequest, result: Codec[T]) -> T:
        """Send `request`, retrying what may be retried, and decode the response."""
        request_id, cv = _ids(request)
        attempt = 0
        while True:
            started = time.monotonic()
            try:
                response = self._http.request(
                    **self.build(request, request_id, cv, attempt)
                )
            except httpx.TransportError as exc:
                wait = self.after_error(request, request_id, attempt, started, exc)
            else:
                final = self.after_response(
                    request, request_id, attempt, started, response
                )
                if final is None:
                    return self.outcome(request, response, result)
                wait = final
            (self._sleep or time.sleep)(wait)
            attempt += 1

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncBaseClient(_Core):
    """Sends requests with asyncio."""

    def __init__(
        self, *, transport: httpx.AsyncBaseTransport | None = None, **settings: Any
    ) -> None:
        super().__init__(**settings)
        self._http = httpx.AsyncClient(
            base_url=self.base_url, timeout=self.timeout, transport=transport
        )

    async def send(self, request: ApiRequest, result: Codec[T]) -> T:
        """Send `request`, retrying what may be retried, and decode the response."""
        request_id, cv = _ids(request)
        attempt = 0
        while True:
            started = time.monotonic()
            try:
                response = await self._http.request(
                    **self.build(request, request_id, cv, attempt)
                )
            except httpx.TransportError as exc:
                wait = self.after_error(request, request_id, attempt, started, exc)
            else:
                final = self.after_response(
                    request, request_id, attempt, started, response
                )
                if final is None:
                    return self.outcome(request, response, result)
                wait = final
            if self._sleep is not None:
                await _maybe_await(self._sleep(wait))
            else:
                import asyncio  # here, not at the top: only the async client needs it

                await asyncio.sleep(wait)
            attempt += 1

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


async def _maybe_await(value: Any) -> None:
    if hasattr(value, "__await__"):  # a coroutine or another awaitable
        await value


def _guid() -> str:
    # uuid is imported on first use: it costs more start-up time than the rest of this module.
    import uuid

    return str(uuid.uuid4())
