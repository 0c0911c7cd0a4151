"""The request of one operation, built from its arguments, before a client sends it."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any
from urllib.parse import quote

__all__ = ["ApiRequest", "expand_path", "query_values", "text_values", "to_text"]


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
    json: Any = None
    has_body: bool = False


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
