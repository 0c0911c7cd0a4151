"""The request of one operation, built from its arguments, before a client sends it."""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any
from urllib.parse import quote

__all__ = [
    "ApiRequest",
    "RequestBody",
    "content_body",
    "expand_path",
    "form_body",
    "json_body",
    "multipart_body",
    "query_values",
    "text_values",
    "to_text",
]


@dataclass(frozen=True, slots=True)
class RequestBody:
    """A request body in one of the encodings the spec can ask for."""

    media_type: str
    json: Any = None
    form: dict[str, str] | None = None
    files: list[tuple[str, tuple[str, bytes, str]]] | None = None
    content: bytes | None = None

    def arguments(self) -> dict[str, Any]:
        """The body as keyword arguments of `httpx.Client.request`."""
        if self.content is not None:
            return {
                "content": self.content,
                "headers": {"Content-Type": self.media_type},
            }
        if self.files is not None:
            return {
                "data": self.form or {},
                "files": self.files,
            }  # httpx sets the boundary
        if self.form is not None:
            return {"data": self.form}
        return {"json": self.json}


def json_body(value: Any) -> RequestBody:
    """A JSON body (the value already encoded by its codec)."""
    return RequestBody("application/json", json=value)


def form_body(value: Any) -> RequestBody:
    """An `application/x-www-form-urlencoded` body from an encoded object."""
    return RequestBody("application/x-www-form-urlencoded", form=_fields(value))


def multipart_body(value: Any) -> RequestBody:
    """A `multipart/form-data` body: bytes become file parts, the rest form fields."""
    if not isinstance(value, dict):
        raise TypeError("a multipart body must be an object")
    files = [
        (name, (name, item, "application/octet-stream"))
        for name, item in value.items()
        if isinstance(item, bytes)
    ]
    rest = {name: item for name, item in value.items() if not isinstance(item, bytes)}
    return RequestBody("multipart/form-data", form=_fields(rest), files=files)


def content_body(value: bytes | str, media_type: str) -> RequestBody:
    """A body sent as it is (`application/octet-stream`, `text/plain` ...)."""
    data = value.encode("utf-8") if isinstance(value, str) else value
    return RequestBody(media_type, content=data)


def _fields(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise TypeError("a form body must be an object")
    return {name: _field_text(item) for name, item in value.items() if item is not None}


def _field_text(item: Any) -> str:
    if isinstance(item, str):
        return item
    if isinstance(item, dict | list):
        # Nested values have no standard form encoding; JSON text is what servers most often read.
        return json.dumps(item)
    return to_text(item)


@dataclass(frozen=True, slots=True)
class ApiRequest:
    """Method, path (relative to the client's base URL, parameters encoded), query, headers
    and JSON body of one call."""

    operation_id: str
    method: str
    path: str
    params: list[tuple[str, str]] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)
    body: RequestBody | None = None

    @property
    def json(self) -> Any:
        """The JSON body, or None."""
        return self.body.json if self.body is not None else None

    @property
    def has_body(self) -> bool:
        return self.body is not None


def to_text(value: object) -> str:
    """A parameter value as it goes on the wire."""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _segment(value: object) -> str:
    # Everything but unreserved characters is escaped, `/`, `?` and `#` included, so a value
    # stays inside its own path segment; `.` and `..` would be resolved away as dot-segments.
    text = quote(to_text(value), safe="")
    if not text:
        # An empty segment would silently address another resource (`/customers//carts`).
        raise ValueError("a path parameter must not be empty")
    return text.replace(".", "%2E") if text in (".", "..") else text


def expand_path(template: str, values: Mapping[str, object]) -> str:
    """Fill the `{name}` placeholders of a path template with percent-encoded values."""
    path = template
    for name, value in values.items():
        path = path.replace("{" + name + "}", _segment(value))
    return path


def text_values(values: Mapping[str, object | None]) -> dict[str, str]:
    """Header or cookie values as text, leaving out those not given."""
    return {name: to_text(value) for name, value in values.items() if value is not None}


def query_values(values: Mapping[str, object | None]) -> list[tuple[str, str]]:
    """Query parameters as pairs; a list value repeats its name (`?id=1&id=2`)."""
    pairs: list[tuple[str, str]] = []
    for name, value in values.items():
        if value is None:
            continue
        items = value if isinstance(value, list | tuple) else [value]
        pairs.extend((name, to_text(item)) for item in items)
    return pairs
