"""A small stateful fake of the Partner Center carts service, for tests and manual use.

    with FakePartnerCenter() as server:
        client = Client(base_url=server.url, token=server.token)
        ...
        server.requests  # what the server received, attempt by attempt

It speaks HTTP on 127.0.0.1 (port 0: a free one) from a background thread, and behaves like the
real service as far as shared/reference/partner-center-facts.md describes it: routes and
status codes, camelCase answers to bodies read case-insensitively, timestamps with 7 fractional
digits, the service's error bodies, and the `MS-RequestId` / `MS-CorrelationId` echoed in every
response. Fault knobs make it misbehave the way the real service may: `fail_next`,
`throttle_next`, `case`, `unknown_enums`, `unknown_fields`, `offsetless_timestamps`.

Standard library only. For manual use: `python -m tests.fakeserver --port 8080 --seed`.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import json
import re
import signal
import socket
import sys
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Literal, Self, cast
from urllib.parse import unquote, urlsplit

__all__ = [
    "DEFAULT_TOKEN",
    "EXAMPLE_CART",
    "FakePartnerCenter",
    "RecordedRequest",
    "main",
]

DEFAULT_TOKEN = "fake-partner-center-token"
HOST = "127.0.0.1"
IDLE_TIMEOUT = 30.0
"""Seconds a kept-alive connection may stay idle before the server closes it."""

Case = Literal["camel", "pascal", "mixed"]
Json = Any

# Every property name of the carts schemas, in the service's camelCase. Request bodies are read
# with these names case-insensitively; answers are written with them (or recased by `case`).
KNOWN_NAMES = frozenset("""
    id creationTimestamp lastModifiedTimestamp expirationTimestamp lastModifiedUser lineItems
    status links attributes partnerOnRecordAttestationAccepted
    catalogItemId friendlyName quantity currencyCode billingCycle termDuration participants
    provisioningContext orderGroup error addonItems attestationAccepted customTermEndDate
    promotionId purchaseCommitment renewsTo purchaseSystem
    errorCode errorDescription additionalInformation key value amount currency grain
    uri method headers body self next previous etag objectType
    orders orderErrors alternateId referenceCustomerId currencySymbol creationDate totalPrice
    transactionType client lineItemNumber offerId subscriptionId parentSubscriptionId
    partnerIdOnRecord additionalPartnerIdsOnRecord pricing provisioningStatus patchOperation
    activationLinks availability product sku subscription code description orderGroupId
    listPrice discountedPrice price proratedPrice extendedPrice deviceFamily marketplaceCountry
    name
    """.split())
_CANONICAL = {name.lower(): name for name in KNOWN_NAMES}
# Free-form maps: their keys are data, never recased.
OPAQUE_NAMES = frozenset({"provisioningContext", "additionalInformation"})
# The keys the "mixed" case writes in PascalCase, like the doc example that has
# "ProvisioningContext" beside "orderGroup"; all others stay camelCase.
MIXED_PASCAL_NAMES = frozenset(
    {"id", "lastModifiedUser", "provisioningContext", "quantity", "offerId", "orders"}
)

# What `unknown_enums` and `unknown_fields` send: values and names no version of the spec has.
UNKNOWN_BILLING_CYCLE = "quadrennial"
UNKNOWN_ERROR_CODE = 123456
STRING_ERROR_CODE = "10000"
UNKNOWN_CART_FIELDS: dict[str, Json] = {
    "futureCartField": {"kept": [1, "two", {"three": 3.5}], "empty": None},
    "futureNullField": None,
}
UNKNOWN_LINE_ITEM_FIELDS: dict[str, Json] = {"futureLineItemField": "kept as sent"}
UNKNOWN_RESULT_FIELDS: dict[str, Json] = {"futureResultField": True}
UNKNOWN_ORDER_FIELDS: dict[str, Json] = {"futureOrderField": {"level": 2}}
OFFSETLESS_TIMESTAMP = "0001-01-01T00:00:00"

# A real create-cart response (from the facts file), for seeding the fake by hand.
EXAMPLE_CUSTOMER_ID = "28045616-f6b9-462f-9701-0d89b5e65c44"
EXAMPLE_CART: dict[str, Json] = {
    "id": "3655b1a0-b1c9-4268-9824-577fdbc4d0be",
    "creationTimestamp": "2019-01-16T00:45:41.6062996Z",
    "lastModifiedTimestamp": "2019-01-16T00:45:41.6062996Z",
    "expirationTimestamp": "2019-01-16T01:00:54.4188497Z",
    "lastModifiedUser": "1824b7fc-2fac-4478-b177-66823c40ab75",
    "status": "Active",
    "lineItems": [
        {
            "id": 0,
            "catalogItemId": "MS-AZR-0145P",
            "quantity": 1,
            "currencyCode": "USD",
            "billingCycle": "monthly",
            "termDuration": "P1Y",
            "orderGroup": "OMS-0",
        },
        {
            "id": 1,
            "catalogItemId": "DZH318Z0BQ36:004G:DZH318Z08C0S",
            "quantity": 1,
            "currencyCode": "USD",
            "billingCycle": "one_time",
            "termDuration": "P1Y",
            "provisioningContext": {
                "subscriptionId": "1C461A25-F729-4FA5-AADB-280947DD05E8",
                "scope": "shared",
            },
            "orderGroup": "0",
        },
        {
            "id": 5,
            "catalogItemId": "DZH318Z0C0WF:0001:DZH318Z0BP69",
            "quantity": 10,
            "currencyCode": "USD",
            "billingCycle": "none",
            "termDuration": "P1M",
            "renewsTo": {"termDuration": "P1Y"},
            "orderGroup": "2",
        },
    ],
    "links": {
        "self": {
            "uri": f"/customers/{EXAMPLE_CUSTOMER_ID}/carts/3655b1a0-b1c9-4268-9824-577fdbc4d0be",
            "method": "GET",
            "headers": [],
        }
    },
    "attributes": {"objectType": "Cart"},
}

_SEGMENT = r"[^/?#]+"
_CARTS = re.compile(rf"^/v1/customers/(?P<customer>{_SEGMENT})/carts/?$", re.IGNORECASE)
_CART = re.compile(
    rf"^/v1/customers/(?P<customer>{_SEGMENT})/carts/(?P<cart>{_SEGMENT})/?$", re.IGNORECASE
)
_CHECKOUT = re.compile(
    rf"^/v1/customers/(?P<customer>{_SEGMENT})/carts/(?P<cart>{_SEGMENT})/checkout/?$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class RecordedRequest:
    """One request as the server received it, and the answer it gave."""

    method: str
    path: str
    headers: dict[str, str]
    """All request headers, names in lower case."""
    body: bytes
    status: int = 0
    response: bytes = b""

    def header(self, name: str) -> str | None:
        """A request header by name, in any case."""
        return self.headers.get(name.lower())

    @property
    def json(self) -> Json:
        """The request body parsed as JSON (None when there is none)."""
        return json.loads(self.body) if self.body else None

    @property
    def response_json(self) -> Json:
        """The response body parsed as JSON (None when there is none)."""
        return json.loads(self.response) if self.response else None


@dataclass(slots=True)
class _Answer:
    status: int
    body: Json = None
    headers: dict[str, str] = field(default_factory=dict)


class _BadRequest(Exception):
    """The request body is not valid: answered with 400 and the service's error body."""


def error_body(code: int, description: str) -> dict[str, Json]:
    """The service's error body."""
    return {"code": code, "description": description, "data": [], "source": "PartnerFD"}


def canonical(value: Json) -> Json:
    """Request JSON with known property names in camelCase, whatever case they came in."""
    if isinstance(value, list):
        return [canonical(item) for item in value]
    if not isinstance(value, dict):
        return value
    out: dict[str, Json] = {}
    for key, item in value.items():
        name = _CANONICAL.get(key.lower())
        if name is None:  # unknown: kept exactly as sent
            out[key] = item
        else:
            out[name] = item if name in OPAQUE_NAMES else canonical(item)
    return out


def recase(value: Json, rename: Callable[[str], str]) -> Json:
    """JSON with the known property names renamed (free-form maps and unknown keys untouched)."""
    if isinstance(value, list):
        return [recase(item, rename) for item in value]
    if not isinstance(value, dict):
        return value
    out: dict[str, Json] = {}
    for key, item in value.items():
        if key not in KNOWN_NAMES:
            out[key] = item
        else:
            out[rename(key)] = item if key in OPAQUE_NAMES else recase(item, rename)
    return out


def pascal(name: str) -> str:
    return name[:1].upper() + name[1:]


def mixed(name: str) -> str:
    return pascal(name) if name in MIXED_PASCAL_NAMES else name


def _ticks_text(ticks: int) -> str:
    """100-ns ticks since the epoch in the service's form: `2019-01-16T00:45:41.6062996Z`."""
    seconds, fraction = divmod(ticks, 10_000_000)
    return f"{datetime.fromtimestamp(seconds, UTC):%Y-%m-%dT%H:%M:%S}.{fraction:07d}Z"


def _offset_text(ticks: int) -> str:
    """The service's other form, with an offset and fewer digits: `...T00:48:44.76+00:00`."""
    seconds, fraction = divmod(ticks, 10_000_000)
    return (
        f"{datetime.fromtimestamp(seconds, UTC):%Y-%m-%dT%H:%M:%S}.{fraction // 100_000:02d}+00:00"
    )


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _line_items(body: Json) -> list[dict[str, Json]]:
    """The line items of a create or update body, checked like the service checks them."""
    if not isinstance(body, dict):
        raise _BadRequest("The request body must be a cart object.")
    items = body.get("lineItems")
    if not isinstance(items, list) or not items:
        raise _BadRequest("The cart must have at least one line item (lineItems).")
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise _BadRequest(f"lineItems[{index}] must be an object.")
        if not isinstance(item.get("catalogItemId"), str) or not item["catalogItemId"]:
            raise _BadRequest(f"lineItems[{index}].catalogItemId is required.")
        if not _is_count(item.get("quantity")):
            raise _BadRequest(f"lineItems[{index}].quantity must be a positive integer.")
        if not isinstance(item.get("billingCycle"), str):
            raise _BadRequest(f"lineItems[{index}].billingCycle is required.")
    return [dict(item) for item in items]


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], fake: FakePartnerCenter) -> None:
        self.fake = fake
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(address, _Handler)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like the real service
    server_version = "FakePartnerCenter/1.0"
    timeout = IDLE_TIMEOUT

    def setup(self) -> None:
        super().setup()
        server = cast(_Server, self.server)
        with server.connections_lock:
            server.connections.add(self.connection)

    def finish(self) -> None:
        server = cast(_Server, self.server)
        with server.connections_lock:
            server.connections.discard(self.connection)
        super().finish()

    def _dispatch(self) -> None:
        fake = cast(_Server, self.server).fake
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        body = self.rfile.read(length) if length > 0 else b""
        headers = {name.lower(): value for name, value in self.headers.items()}
        if length < 0:
            answer = _Answer(400, error_body(800002, "The Content-Length header is not valid."))
            status, out_headers, data = fake.encode(answer, headers)
            self.close_connection = True
        else:
            status, out_headers, data = fake.handle(self.command, self.path, headers, body)
        self.send_response(status)
        for name, value in out_headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _dispatch

    def log_message(self, format: str, *args: Any) -> None:
        if cast(_Server, self.server).fake.verbose:
            super().log_message(format, *args)


class FakePartnerCenter:
    """A fake Partner Center carts service on 127.0.0.1, stateful, with fault knobs.

    Args:
        tokens: The bearer tokens it accepts (`Authorization: Bearer <token>`).
        port: The port to listen on; 0 picks a free one.
        verbose: Log every request to stderr.

    Knobs (settable at any time, also while a client is connected):
        case: "camel" (the service's), "pascal" (`"Id"`, `"LineItems"`) or "mixed"
            (`"ProvisioningContext"` beside `"orderGroup"`) for the names of every answer.
        unknown_enums: cart answers carry billingCycle "quadrennial" and CartError code
            123456 on the first line item, and the code as the string "10000" on the second.
        unknown_fields: answers carry properties the spec does not define.
        offsetless_timestamps: cart answers carry `expirationTimestamp` "0001-01-01T00:00:00".
        fail_next(n), throttle_next(): answer the next requests with 500 / 429.
    """

    def __init__(
        self,
        *,
        tokens: Iterable[str] = (DEFAULT_TOKEN,),
        port: int = 0,
        verbose: bool = False,
    ) -> None:
        self.tokens: set[str] = set(tokens)
        if not self.tokens:
            raise ValueError("give at least one token")
        self.port = port
        self.verbose = verbose
        self.user_id = "1824b7fc-2fac-4478-b177-66823c40ab75"
        """The `lastModifiedUser` of the carts this server creates and updates."""
        self.case: Case = "camel"
        self.unknown_enums = False
        self.unknown_fields = False
        self.offsetless_timestamps = False
        self._lock = threading.Lock()
        self._faults: deque[tuple[int, float | None]] = deque()
        self._carts: dict[tuple[str, str], dict[str, Json]] = {}
        self._checkouts: dict[tuple[str, str], dict[str, Json]] = {}
        self._requests: list[RecordedRequest] = []
        self._last_ticks = 0
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------------------

    def start(self) -> Self:
        """Listen and serve from a background thread."""
        if self._httpd is not None:
            raise RuntimeError("the server is already running")
        self._httpd = _Server((HOST, self.port), self)
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"FakePartnerCenter:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Stop serving, close every connection, and wait (at most `timeout` s) for the thread."""
        httpd, thread = self._httpd, self._thread
        if httpd is None:
            return
        self._httpd = self._thread = None
        httpd.shutdown()
        with httpd.connections_lock:
            connections = list(httpd.connections)
        for connection in connections:  # wake handlers waiting on kept-alive connections
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        httpd.server_close()
        if thread is not None:
            thread.join(timeout)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """The service root, e.g. `http://127.0.0.1:54321`."""
        if self._httpd is None:
            raise RuntimeError("the server is not running")
        return f"http://{HOST}:{self.port}"

    @property
    def token(self) -> str:
        """An accepted token."""
        return sorted(self.tokens)[0]

    # -- knobs ----------------------------------------------------------------------------

    def fail_next(self, count: int, status: int = 500) -> None:
        """Answer the next `count` requests with `status` (and the error body), then succeed."""
        with self._lock:
            self._faults.extend([(status, None)] * count)

    def throttle_next(self, retry_after: float = 1, count: int = 1) -> None:
        """Answer the next `count` requests with 429, `Retry-After` and the throttling body."""
        with self._lock:
            self._faults.extend([(429, retry_after)] * count)

    # -- state ----------------------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, in order."""
        with self._lock:
            return list(self._requests)

    def clear_requests(self) -> None:
        with self._lock:
            self._requests.clear()

    def cart(self, customer_id: str, cart_id: str) -> dict[str, Json]:
        """A copy of a cart as the server holds it (camelCase); KeyError if there is none."""
        with self._lock:
            return copy.deepcopy(self._carts[_key(customer_id, cart_id)])

    def carts(self) -> dict[tuple[str, str], dict[str, Json]]:
        """A copy of every cart, by (customer id, cart id) in lower case."""
        with self._lock:
            return copy.deepcopy(self._carts)

    def checkout_result(self, customer_id: str, cart_id: str) -> dict[str, Json] | None:
        """A copy of a cart's checkout result, or None when it was not checked out."""
        with self._lock:
            result = self._checkouts.get(_key(customer_id, cart_id))
            return copy.deepcopy(result)

    def add_cart(self, customer_id: str, cart: Mapping[str, Json]) -> str:
        """Store a cart as given (read case-insensitively), e.g. `EXAMPLE_CART`; return its id."""
        stored = canonical(copy.deepcopy(dict(cart)))
        _line_items(stored)
        stored.setdefault("id", str(uuid.uuid4()))
        stored.setdefault("status", "Active")
        with self._lock:
            self._carts[_key(customer_id, str(stored["id"]))] = stored
        return str(stored["id"])

    # -- handling -------------------------------------------------------------------------

    def handle(
        self, method: str, target: str, headers: Mapping[str, str], body: bytes
    ) -> tuple[int, dict[str, str], bytes]:
        """Answer one request: status, headers and body (records it on the way)."""
        record = RecordedRequest(method, target, dict(headers), body)
        with self._lock:
            self._requests.append(record)
            fault = self._faults.popleft() if self._faults else None
        answer = self._answer(method, target, headers, body, fault)
        status, out_headers, data = self.encode(answer, headers)
        record.status, record.response = status, data
        return status, out_headers, data

    def encode(
        self, answer: _Answer, headers: Mapping[str, str]
    ) -> tuple[int, dict[str, str], bytes]:
        """The status, headers and bytes of an answer; the ids of the request are echoed."""
        out = {
            "Content-Type": "application/json; charset=utf-8",
            "MS-CorrelationId": headers.get("ms-correlationid") or str(uuid.uuid4()),
            "MS-RequestId": headers.get("ms-requestid") or str(uuid.uuid4()),
            "MS-CV": headers.get("ms-cv") or uuid.uuid4().hex[:16] + ".0",
            "MS-ServerId": "000001",
            "X-Locale": headers.get("x-locale") or "en-US",
            **answer.headers,
        }
        data = (
            b"" if answer.body is None else json.dumps(answer.body, separators=(",", ":")).encode()
        )
        return answer.status, out, data

    def _answer(
        self,
        method: str,
        target: str,
        headers: Mapping[str, str],
        body: bytes,
        fault: tuple[int, float | None] | None,
    ) -> _Answer:
        if fault is not None:
            status, retry_after = fault
            if status == 429:
                seconds = f"{retry_after:g}"
                return _Answer(
                    429,
                    {
                        "statusCode": 429,
                        "message": f"Rate limit is exceeded. Try again in {seconds} seconds.",
                    },
                    {"Retry-After": seconds},
                )
            phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else ""
            return _Answer(status, error_body(status, f"{phrase} (a fault the test asked for)."))
        if not self._authorized(headers.get("authorization")):
            # The code mirrors the status: no public source gives the service's 401 code.
            return _Answer(
                401,
                error_body(401, "The bearer token is missing or not valid."),
                {"WWW-Authenticate": "Bearer"},
            )
        path = urlsplit(target).path
        try:
            if match := _CHECKOUT.match(path):
                if method == "POST":
                    return self._checkout(_arg(match, "customer"), _arg(match, "cart"))
            elif match := _CART.match(path):
                if method == "GET":
                    return self._get(_arg(match, "customer"), _arg(match, "cart"))
                if method == "PUT":
                    return self._update(_arg(match, "customer"), _arg(match, "cart"), body)
            elif (match := _CARTS.match(path)) and method == "POST":
                return self._create(_arg(match, "customer"), body)
        except _BadRequest as exc:
            return _Answer(400, error_body(800002, str(exc)))
        return _Answer(404, error_body(404, f"No route matches {method} {path}."))

    def _authorized(self, value: str | None) -> bool:
        scheme, _, token = (value or "").partition(" ")
        return scheme.lower() == "bearer" and token.strip() in self.tokens

    def _ticks(self) -> int:
        """Now, in 100-ns ticks, strictly increasing, never with a 0 as the 7th digit (so that
        the text does not survive a round trip through a 6-digit datetime by luck)."""
        with self._lock:
            ticks = max(time.time_ns() // 100, self._last_ticks + 1)
            if ticks % 10 == 0:
                ticks += 1
            self._last_ticks = ticks
            return ticks

    def _create(self, customer_id: str, body: bytes) -> _Answer:
        items = _line_items(canonical(_parse(body)))
        ticks = self._ticks()
        now = _ticks_text(ticks)
        cart_id = str(uuid.uuid4())
        line_items = []
        for number, item in enumerate(items):
            item.pop("id", None)
            item.setdefault("currencyCode", "USD")
            item.setdefault("orderGroup", "0")
            line_items.append({"id": number, **item})
        cart: dict[str, Json] = {
            "id": cart_id,
            "creationTimestamp": now,
            "lastModifiedTimestamp": now,
            "expirationTimestamp": _ticks_text(ticks + 7 * 24 * 3600 * 10_000_000),
            "lastModifiedUser": self.user_id,
            "lineItems": line_items,
            "status": "Active",
            "links": {
                "self": {
                    "uri": f"/customers/{customer_id}/carts/{cart_id}",
                    "method": "GET",
                    "headers": [],
                }
            },
            "attributes": {"objectType": "Cart"},
        }
        with self._lock:
            self._carts[_key(customer_id, cart_id)] = cart
            shown = copy.deepcopy(cart)
        return _Answer(201, self._present_cart(shown))

    def _get(self, customer_id: str, cart_id: str) -> _Answer:
        with self._lock:
            cart = copy.deepcopy(self._carts.get(_key(customer_id, cart_id)))
        if cart is None:
            return _not_found(cart_id)
        return _Answer(200, self._present_cart(cart))

    def _update(self, customer_id: str, cart_id: str, body: bytes) -> _Answer:
        items = _line_items(canonical(_parse(body)))
        now = _ticks_text(self._ticks())
        with self._lock:
            cart = self._carts.get(_key(customer_id, cart_id))
            if cart is None:
                return _not_found(cart_id)
            taken = [item["id"] for item in items if isinstance(item.get("id"), int)]
            next_id = max([*taken, -1]) + 1
            for item in items:
                if not isinstance(item.get("id"), int):
                    item["id"], next_id = next_id, next_id + 1
            cart["lineItems"] = items
            cart["lastModifiedTimestamp"] = now
            cart["lastModifiedUser"] = self.user_id
            shown = copy.deepcopy(cart)
        return _Answer(201, self._present_cart(shown))

    def _checkout(self, customer_id: str, cart_id: str) -> _Answer:
        key = _key(customer_id, cart_id)
        with self._lock:
            cart = self._carts.get(key)
            if cart is None:
                return _not_found(cart_id)
            result = self._checkouts.get(key)
            snapshot = copy.deepcopy(cart)
        if result is None:
            result = self._place_orders(customer_id, snapshot)
            with self._lock:  # idempotent: a second checkout answers the first result
                result = self._checkouts.setdefault(key, result)
                self._carts[key]["status"] = "Ordered"
        return _Answer(201, self._present_result(copy.deepcopy(result)))

    def _place_orders(self, customer_id: str, cart: dict[str, Json]) -> dict[str, Json]:
        groups: dict[str, list[dict[str, Json]]] = {}
        for item in cart["lineItems"]:
            groups.setdefault(str(item.get("orderGroup", "0")), []).append(item)
        created = _offset_text(self._ticks())
        orders = []
        for items in groups.values():
            order_id = uuid.uuid4().hex
            lines = []
            for number, item in enumerate(items):
                line: dict[str, Json] = {
                    "lineItemNumber": number,
                    "offerId": item["catalogItemId"],
                    "subscriptionId": str(uuid.uuid4()),
                    "termDuration": item.get("termDuration", "P1M"),
                    "transactionType": "New",
                    "friendlyName": item.get("friendlyName", item["catalogItemId"]),
                    "quantity": item["quantity"],
                    "links": {
                        "subscription": {
                            "uri": f"/customers/{customer_id}/subscriptions/{uuid.uuid4()}",
                            "method": "GET",
                            "headers": [],
                        }
                    },
                }
                if "provisioningContext" in item:
                    line["provisioningContext"] = item["provisioningContext"]
                lines.append(line)
            orders.append(
                {
                    "id": order_id,
                    "alternateId": order_id[:12],
                    "referenceCustomerId": customer_id,
                    "billingCycle": items[0]["billingCycle"],
                    "currencyCode": items[0].get("currencyCode", "USD"),
                    "currencySymbol": "$",
                    "lineItems": lines,
                    "creationDate": created,
                    "status": "completed",
                    "transactionType": "UserPurchase",
                    "links": {
                        "self": {
                            "uri": f"/customers/{customer_id}/orders/{order_id}",
                            "method": "GET",
                            "headers": [],
                        }
                    },
                    "attributes": {"objectType": "Order"},
                }
            )
        return {
            "orders": orders,
            "orderErrors": [],
            "attributes": {"objectType": "CartCheckoutResult"},
        }

    # -- what the knobs change in answers ---------------------------------------------------

    def _present_cart(self, cart: dict[str, Json]) -> Json:
        items = cart.get("lineItems") or []
        if self.unknown_enums:
            if items:
                items[0]["billingCycle"] = UNKNOWN_BILLING_CYCLE
                items[0]["error"] = {
                    "errorCode": UNKNOWN_ERROR_CODE,
                    "errorDescription": "A code newer than the spec.",
                }
            if len(items) > 1:
                items[1]["error"] = {
                    "errorCode": STRING_ERROR_CODE,
                    "errorDescription": "Currency is not supported.",
                }
        if self.unknown_fields:
            cart.update(copy.deepcopy(UNKNOWN_CART_FIELDS))
            for item in items:
                item.update(copy.deepcopy(UNKNOWN_LINE_ITEM_FIELDS))
        if self.offsetless_timestamps:
            cart["expirationTimestamp"] = OFFSETLESS_TIMESTAMP
        return self._recase(cart)

    def _present_result(self, result: dict[str, Json]) -> Json:
        if self.unknown_fields:
            result.update(copy.deepcopy(UNKNOWN_RESULT_FIELDS))
            for order in result["orders"]:
                order.update(copy.deepcopy(UNKNOWN_ORDER_FIELDS))
        return self._recase(result)

    def _recase(self, body: Json) -> Json:
        if self.case == "pascal":
            return recase(body, pascal)
        if self.case == "mixed":
            return recase(body, mixed)
        return body


def _key(customer_id: str, cart_id: str) -> tuple[str, str]:
    return customer_id.lower(), cart_id.lower()


def _arg(match: re.Match[str], name: str) -> str:
    return unquote(match.group(name))


def _parse(body: bytes) -> Json:
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _BadRequest(f"The request body is not valid JSON: {exc}") from None


def _not_found(cart_id: str) -> _Answer:
    return _Answer(404, error_body(800008, f"Unable to retrieve cart id {cart_id}."))


def main(argv: list[str] | None = None) -> None:
    """Run the fake until interrupted: `python -m tests.fakeserver --port 8080`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: a free one)")
    parser.add_argument("--token", action="append", help="an accepted bearer token (repeatable)")
    parser.add_argument("--case", choices=["camel", "pascal", "mixed"], default="camel")
    parser.add_argument(
        "--seed", action="store_true", help=f"store EXAMPLE_CART for customer {EXAMPLE_CUSTOMER_ID}"
    )
    parser.add_argument("--quiet", action="store_true", help="do not log requests")
    args = parser.parse_args(argv)
    server = FakePartnerCenter(
        tokens=args.token or [DEFAULT_TOKEN], port=args.port, verbose=not args.quiet
    )
    server.case = args.case
    if args.seed:
        server.add_cart(EXAMPLE_CUSTOMER_ID, EXAMPLE_CART)
    with server:
        print(f"Fake Partner Center at {server.url} (token: {server.token}); Ctrl-C stops it.")
        # SIGTERM stops it as cleanly as Ctrl-C (a shell's background job ignores SIGINT).
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
