"""Exceptions: one per HTTP status class, all carrying what the service said and the ids to
quote; and `DecodeError`, raised by `Model.from_dict` for data that does not fit the
schema."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ._codecs import DecodeError

__all__ = [
    "ApiError",
    "BadRequestError",
    "ConflictError",
    "DecodeError",
    "ForbiddenError",
    "InvalidResponseError",
    "NotFoundError",
    "RateLimitError",
    "ServerError",
    "TransportError",
    "UnauthorizedError",
]


class ApiError(Exception):
    """A call failed. `status` is the HTTP status (0 when no response came back).

    The error body is parsed when it is JSON: `code` (an int or a str, as sent),
    `description` and `data`, `source`; `text` is the raw body. `correlation_id` and
    `request_id` are the ids the service support asks for.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int = 0,
        text: str = "",
        headers: Mapping[str, str] | None = None,
        operation_id: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.text = text
        self.operation_id = operation_id
        headers = {k.lower(): v for k, v in (headers or {}).items()}
        self.correlation_id: str | None = headers.get("ms-correlationid")
        self.request_id: str | None = headers.get("ms-requestid")
        self.body: Any = _json_or_none(text)
        fields = _folded(self.body)
        code = fields.get("code", fields.get("statuscode"))
        self.code: int | str | None = code if isinstance(code, int | str) else None
        description = fields.get("description", fields.get("message"))
        self.description: str | None = (
            description if isinstance(description, str) else None
        )
        self.data: Any = fields.get("data")
        source = fields.get("source")
        self.source: str | None = source if isinstance(source, str) else None

    def __str__(self) -> str:
        parts = [self.message]
        if self.code is not None:
            parts.append(f"code {self.code}")
        if self.description:
            parts.append(self.description)
        if self.request_id:
            parts.append(f"request id {self.request_id}")
        return "; ".join(parts)


class BadRequestError(ApiError):
    """400: the input was missing or not valid."""


class UnauthorizedError(ApiError):
    """401: the request was not authenticated."""


class ForbiddenError(ApiError):
    """403: authenticated, but the caller may not make this call."""


class NotFoundError(ApiError):
    """404: the resource was not found with the given input."""


class ConflictError(ApiError):
    """409: the request conflicts with the resource's current state."""


class RateLimitError(ApiError):
    """429: throttled; `retry_after` is the wait the service asked for, in seconds."""

    def __init__(
        self, message: str, *, retry_after: float | None = None, **kwargs: Any
    ) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ServerError(ApiError):
    """5xx: the service or one of its dependencies failed; callers may retry."""


class InvalidResponseError(ApiError):
    """A success response whose body is not JSON or does not fit the schema."""


class TransportError(ApiError):
    """No response: the connection failed or timed out, after every retry."""


_BY_STATUS: dict[int, type[ApiError]] = {
    400: BadRequestError,
    401: UnauthorizedError,
    403: ForbiddenError,
    404: NotFoundError,
    409: ConflictError,
    429: RateLimitError,
}


def error_class(status: int) -> type[ApiError]:
    """The exception class for an HTTP status."""
    if status >= 500:
        return ServerError
    return _BY_STATUS.get(status, ApiError)


def _json_or_none(text: str) -> Any:
    try:
        return json.loads(text) if text else None
    except ValueError:
        return None


def _folded(body: Any) -> dict[str, Any]:
    # The service writes camelCase, other sources PascalCase: read the fields either way.
    if not isinstance(body, dict):
        return {}
    return {str(k).lower(): v for k, v in body.items()}
