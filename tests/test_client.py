"""The generated Client and AsyncClient against httpx.MockTransport: headers, retries, errors."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from partnercenter import AsyncClient, Client
from partnercenter.errors import (
    ApiError,
    BadRequestError,
    ConflictError,
    ForbiddenError,
    InvalidResponseError,
    NotFoundError,
    RateLimitError,
    ServerError,
    TransportError,
    UnauthorizedError,
)
from partnercenter.models import BillingCycle, Cart, CartCheckoutResult, CartLineItem

TOKEN = "secret-token-value"
CART = {
    "id": "c1",
    "lineItems": [{"id": 0, "catalogItemId": "X", "quantity": 1, "billingCycle": "monthly"}],
}
Handler = Callable[[httpx.Request], httpx.Response]


def scripted(*responses: httpx.Response | Exception) -> tuple[Handler, list[httpx.Request]]:
    """A handler answering with `responses` in order, recording what it received."""
    seen: list[httpx.Request] = []
    queue = list(responses)

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        answer = queue.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    return handle, seen


def ok(body: Any = CART, status: int = 200) -> httpx.Response:
    return httpx.Response(status, json=body)


class Sync:
    """Runs the same calls through Client or AsyncClient, so each test covers both."""

    def __init__(self, asynchronous: bool) -> None:
        self.asynchronous = asynchronous
        self.sleeps: list[float] = []

    def client(self, handler: Handler, **kwargs: Any) -> Any:
        if self.asynchronous:

            async def async_handler(request: httpx.Request) -> httpx.Response:
                return handler(request)

            return AsyncClient(
                token=kwargs.pop("token", TOKEN),
                transport=httpx.MockTransport(async_handler),
                sleep=self.sleeps.append,
                **kwargs,
            )
        return Client(
            token=kwargs.pop("token", TOKEN),
            transport=httpx.MockTransport(handler),
            sleep=self.sleeps.append,
            **kwargs,
        )

    def call(self, client: Any, method: str, *args: Any, **kwargs: Any) -> Any:
        result = getattr(client.carts, method)(*args, **kwargs)
        return asyncio.run(result) if self.asynchronous else result


@pytest.fixture(params=[False, True], ids=["sync", "async"])
def io(request: pytest.FixtureRequest) -> Sync:
    return Sync(request.param)


def test_get_sends_the_service_headers_and_decodes_the_cart(io: Sync) -> None:
    handler, seen = scripted(ok())
    client = io.client(handler, correlation_id="corr-1")
    cart = io.call(client, "get", "cust/1", "cart 2")
    assert isinstance(cart, Cart) and cart.line_items[0].catalog_item_id == "X"
    (request,) = seen
    assert request.method == "GET"
    assert request.url.raw_path == b"/v1/customers/cust%2F1/carts/cart%202"
    assert request.headers["authorization"] == f"Bearer {TOKEN}"
    assert request.headers["ms-correlationid"] == "corr-1"
    assert request.headers["accept"] == "application/json"
    assert request.headers["x-locale"] == "en-US"
    assert request.headers["ms-partnercenter-client"].startswith("partnercenter-python/")
    assert len(request.headers["ms-requestid"]) == 36


def test_flow_update_then_checkout(io: Sync) -> None:
    handler, seen = scripted(ok(), ok({**CART, "lineItems": []}, 201), ok({"orders": []}, 201))
    client = io.client(handler, version="2")
    cart = io.call(client, "get", "c", "k")
    cart.line_items[0].quantity += 1
    io.call(client, "update", "c", "k", cart)
    result = io.call(client, "checkout", "c", "k")
    assert isinstance(result, CartCheckoutResult) and result.orders == []
    assert [r.method for r in seen] == ["GET", "PUT", "POST"]
    assert seen[1].url.path == "/v2/customers/c/carts/k"
    assert json.loads(seen[1].content)["lineItems"][0]["quantity"] == 2
    assert seen[2].url.path.endswith("/checkout") and seen[2].content == b""


def test_create_posts_the_new_cart(io: Sync) -> None:
    handler, seen = scripted(ok(CART, 201))
    client = io.client(handler)
    item = CartLineItem(catalog_item_id="X", quantity=1, billing_cycle=BillingCycle.MONTHLY)
    io.call(client, "create", "c", Cart(line_items=[item]))
    assert json.loads(seen[0].content) == {
        "lineItems": [{"catalogItemId": "X", "quantity": 1, "billingCycle": "monthly"}]
    }


def test_a_token_callable_is_called_for_every_request(io: Sync) -> None:
    tokens = iter(["t1", "t2"])
    handler, seen = scripted(ok(), ok())
    client = io.client(handler, token=lambda: next(tokens))
    io.call(client, "get", "c", "k")
    io.call(client, "get", "c", "k")
    assert [r.headers["authorization"] for r in seen] == ["Bearer t1", "Bearer t2"]


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_are_retried_with_one_request_id_per_call(io: Sync, status: int) -> None:
    handler, seen = scripted(httpx.Response(status), httpx.Response(status), ok())
    client = io.client(handler)
    io.call(client, "get", "c", "k")
    assert len(seen) == 3
    assert len({r.headers["ms-requestid"] for r in seen}) == 1
    assert len(io.sleeps) == 2 and 0.5 <= io.sleeps[0] <= 0.75 and 1.0 <= io.sleeps[1] <= 1.5
    handler, more = scripted(ok())
    io.call(io.client(handler), "get", "c", "k")
    assert more[0].headers["ms-requestid"] != seen[0].headers["ms-requestid"]


def test_connection_errors_and_timeouts_are_retried_then_raised(io: Sync) -> None:
    failures = [httpx.ConnectError("refused"), httpx.ReadTimeout("slow")] * 2
    handler, seen = scripted(*failures)
    client = io.client(handler, max_retries=3)
    with pytest.raises(TransportError) as caught:
        io.call(client, "get", "c", "k")
    assert len(seen) == 4 and caught.value.status == 0


def test_429_waits_retry_after_capped(io: Sync) -> None:
    throttled = httpx.Response(
        429,
        headers={"Retry-After": "7"},
        json={"statusCode": 429, "message": "Rate limit is exceeded. Try again in 7 seconds."},
    )
    huge = httpx.Response(429, headers={"Retry-After": "100000"})
    handler, seen = scripted(throttled, huge, ok())
    io.call(io.client(handler), "get", "c", "k")
    assert io.sleeps == [7.0, 120.0]
    assert len(seen) == 3


def test_429_after_the_last_retry_raises_rate_limit_error(io: Sync) -> None:
    body = {"statusCode": 429, "message": "Rate limit is exceeded. Try again in 57 seconds."}
    handler, _ = scripted(httpx.Response(429, headers={"Retry-After": "57"}, json=body))
    with pytest.raises(RateLimitError) as caught:
        io.call(io.client(handler, max_retries=0), "get", "c", "k")
    assert caught.value.retry_after == 57.0
    assert caught.value.code == 429
    assert caught.value.description == body["message"]


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (400, BadRequestError),
        (401, UnauthorizedError),
        (403, ForbiddenError),
        (404, NotFoundError),
        (409, ConflictError),
        (500, ServerError),
    ],
)
def test_errors_are_typed_and_carry_the_error_body(
    io: Sync, status: int, error: type[ApiError]
) -> None:
    body = {"code": 800002, "description": "Invalid input", "data": [], "source": "PartnerFD"}
    response = httpx.Response(
        status, json=body, headers={"MS-CorrelationId": "cid", "MS-RequestId": "rid"}
    )
    handler, seen = scripted(*[response] * 4)
    with pytest.raises(error) as caught:
        io.call(io.client(handler), "get", "c", "k")
    e = caught.value
    assert (e.status, e.code, e.description, e.data, e.source) == (
        status,
        800002,
        "Invalid input",
        [],
        "PartnerFD",
    )
    assert (e.correlation_id, e.request_id) == ("cid", "rid")
    assert json.loads(e.text) == body
    assert len(seen) == (4 if status == 500 else 1)  # only 5xx is retried


@pytest.mark.parametrize(
    "body",
    [b"<html>oops</html>", b'{"lineItems": "not a list"}', b"[1, 2]", b'{"id": "x"}'],
)
def test_a_success_body_that_does_not_fit_is_a_typed_error(io: Sync, body: bytes) -> None:
    handler, _ = scripted(httpx.Response(200, content=body))
    with pytest.raises(InvalidResponseError) as caught:
        io.call(io.client(handler), "get", "c", "k")
    assert caught.value.text == body.decode()


def test_a_non_json_error_body_is_kept_as_text(io: Sync) -> None:
    handler, _ = scripted(httpx.Response(400, text="Bad gateway page"))
    with pytest.raises(BadRequestError) as caught:
        io.call(io.client(handler), "get", "c", "k")
    assert caught.value.text == "Bad gateway page" and caught.value.code is None


def test_the_token_never_shows_in_errors_reprs_or_logs(
    io: Sync, caplog: pytest.LogCaptureFixture
) -> None:
    handler, _ = scripted(*[httpx.Response(500, text="boom")] * 2)
    client = io.client(handler, max_retries=1)
    with caplog.at_level(logging.DEBUG, logger="partnercenter"), pytest.raises(ServerError) as e:
        io.call(client, "get", "c", "k")
    shown = [str(e.value), repr(e.value), repr(client), caplog.text]
    assert all(TOKEN not in text for text in shown)
    assert "GET /v1/customers/c/carts/k -> 500" in caplog.text
    assert "attempt 2" in caplog.text


def test_explicit_header_arguments_win(io: Sync) -> None:
    handler, seen = scripted(ok())
    io.call(io.client(handler), "get", "c", "k", ms_requestid="mine", ms_correlationid="corr")
    assert seen[0].headers["ms-requestid"] == "mine"
    assert seen[0].headers["ms-correlationid"] == "corr"
    assert seen[0].headers.get_list("ms-requestid") == ["mine"]


def test_user_headers_are_sent(io: Sync) -> None:
    handler, seen = scripted(ok())
    io.call(io.client(handler, headers={"If-Match": "etag-1"}), "get", "c", "k")
    assert seen[0].headers["if-match"] == "etag-1"


def test_timeouts_are_configurable_with_a_three_minute_default() -> None:
    handler, _ = scripted()
    assert Client(token=TOKEN, transport=httpx.MockTransport(handler)).timeout.read == 180.0
    custom = Client(token=TOKEN, timeout=5, transport=httpx.MockTransport(handler))
    assert custom._http.timeout == httpx.Timeout(5)
