"""The generated Client and AsyncClient against FakePartnerCenter, over real HTTP on 127.0.0.1.

test_client.py checks the client's logic with httpx.MockTransport; these tests check what goes
over a socket: the seed 001 flow (create, get, raise a quantity, update, check out) against a
stateful server, retries and throttling, tolerant reading and lossless writing of what the real
service sends, and the service's error bodies and echoed ids.
"""

from __future__ import annotations

import asyncio
import copy
import http.client
import inspect
import json
import re
import traceback
from collections.abc import Awaitable, Callable, Iterator
from datetime import datetime
from typing import Any

import pytest
from partnercenter import AsyncClient, Client
from partnercenter.errors import NotFoundError, RateLimitError, ServerError, UnauthorizedError
from partnercenter.models import (
    BillingCycle,
    Cart,
    CartCheckoutResult,
    CartErrorCode,
    CartLineItem,
    CartStatus,
    OrderStatus,
)

from .fakeserver import (
    EXAMPLE_CART,
    HOST,
    OFFSETLESS_TIMESTAMP,
    UNKNOWN_CART_FIELDS,
    UNKNOWN_LINE_ITEM_FIELDS,
    UNKNOWN_ORDER_FIELDS,
    UNKNOWN_RESULT_FIELDS,
    FakePartnerCenter,
)

CUSTOMER = "d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d"
TOKEN = "contract-test-token"
SERVICE_TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@pytest.fixture
def server() -> Iterator[FakePartnerCenter]:
    with FakePartnerCenter(tokens=[TOKEN]) as fake:
        yield fake


@pytest.fixture(params=[False, True], ids=["sync", "async"])
def asynchronous(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


class Carts:
    """`client.carts` of a Client or an AsyncClient, awaited alike, so one scenario tests both."""

    def __init__(self, client: Client | AsyncClient) -> None:
        self.client = client

    async def call(self, operation: str, *args: Any, **kwargs: Any) -> Any:
        result = getattr(self.client.carts, operation)(*args, **kwargs)
        return await result if inspect.isawaitable(result) else result


Scenario = Callable[[Carts], Awaitable[None]]


def run(asynchronous: bool, server: FakePartnerCenter, scenario: Scenario, **options: Any) -> None:
    """Run `scenario` with a Client or an AsyncClient of `server`, closed at the end."""
    settings: dict[str, Any] = {"base_url": server.url, "token": TOKEN, "timeout": 10, **options}

    async def main() -> None:
        if asynchronous:
            async with AsyncClient(**settings) as client:
                await scenario(Carts(client))
        else:
            with Client(**settings) as client:
                await scenario(Carts(client))

    asyncio.run(main())


def fold(value: Any) -> Any:
    """JSON with every key in lower case: the service reads names case-insensitively."""
    if isinstance(value, dict):
        return {key.lower(): fold(item) for key, item in value.items()}
    if isinstance(value, list):
        return [fold(item) for item in value]
    return value


# -- the seed 001 flow ---------------------------------------------------------------------


def test_seed_001_flow_create_get_raise_quantity_update_checkout(
    server: FakePartnerCenter, asynchronous: bool
) -> None:
    context = {"subscriptionId": "3D5ECED6-1151-44C7-AEE6-70A4BB725666", "scope": "shared"}
    new = Cart(
        line_items=[
            CartLineItem(
                catalog_item_id="DG7GMGF0DWTL:0001:DG7GMGF0DSJB",
                quantity=1,
                billing_cycle=BillingCycle.MONTHLY,
            ),
            CartLineItem(
                catalog_item_id="MS-AZR-0145P",
                quantity=3,
                billing_cycle=BillingCycle.ANNUAL,
                order_group="1",
                provisioning_context=context,
            ),
        ]
    )
    seen: dict[str, Any] = {}

    async def scenario(carts: Carts) -> None:
        created = await carts.call("create", CUSTOMER, new)
        assert isinstance(created, Cart) and created.id and UUID.match(created.id)
        assert created.status is CartStatus.ACTIVE
        assert [(i.id, i.quantity, i.order_group) for i in created.line_items] == [
            (0, 1, "0"),
            (1, 3, "1"),
        ]
        assert created.line_items[1].provisioning_context == context
        assert created.creation_timestamp is not None
        assert created.creation_timestamp.utcoffset() is not None
        before = server.cart(CUSTOMER, created.id)
        assert before["lineItems"][0]["catalogItemId"] == "DG7GMGF0DWTL:0001:DG7GMGF0DSJB"
        for name in ("creationTimestamp", "lastModifiedTimestamp", "expirationTimestamp"):
            assert SERVICE_TIMESTAMP.match(before[name]), before[name]

        cart = await carts.call("get", CUSTOMER, created.id)
        assert cart == created
        cart.line_items[0].quantity += 1
        updated = await carts.call("update", CUSTOMER, cart.id, cart)

        put = server.requests[-1]
        assert (put.method, put.path) == ("PUT", f"/v1/customers/{CUSTOMER}/carts/{cart.id}")
        assert put.header("content-type") == "application/json"
        sent = put.json
        assert [item["quantity"] for item in sent["lineItems"]] == [2, 3]
        assert sent["lineItems"][1]["provisioningContext"] == context
        for name in ("creationTimestamp", "lastModifiedTimestamp", "expirationTimestamp"):
            # Byte-exact as the server wrote them, 7 fractional digits included, which a
            # datetime (6 digits) cannot hold: the client must have kept the text it read.
            assert sent[name] == before[name]
            assert f'"{before[name]}"'.encode() in put.body
        assert cart.creation_timestamp.isoformat() != before["creationTimestamp"]

        after = server.cart(CUSTOMER, cart.id)
        assert [item["quantity"] for item in after["lineItems"]] == [2, 3]
        assert after["creationTimestamp"] == before["creationTimestamp"]
        assert after["lastModifiedTimestamp"] != before["lastModifiedTimestamp"]
        assert updated.line_items[0].quantity == 2
        assert updated.last_modified_timestamp > cart.last_modified_timestamp

        result = await carts.call("checkout", CUSTOMER, cart.id)
        assert isinstance(result, CartCheckoutResult) and result.order_errors == []
        orders: list[Any] = result.orders or []
        assert [o.status for o in orders] == [OrderStatus.COMPLETED] * 2
        assert [[(li.offer_id, li.quantity) for li in o.line_items] for o in orders] == [
            [("DG7GMGF0DWTL:0001:DG7GMGF0DSJB", 2)],
            [("MS-AZR-0145P", 3)],
        ]
        assert [o.billing_cycle for o in orders] == [BillingCycle.MONTHLY, BillingCycle.ANNUAL]
        assert {o.reference_customer_id for o in orders} == {CUSTOMER}
        assert server.cart(CUSTOMER, cart.id)["status"] == "Ordered"

        again = await carts.call("checkout", CUSTOMER, cart.id)  # idempotent
        assert again == result
        assert server.checkout_result(CUSTOMER, cart.id) is not None
        final = await carts.call("get", CUSTOMER, cart.id)
        assert final.status is CartStatus.ORDERED
        seen["correlation_id"] = carts.client.correlation_id
        seen["cart_id"] = cart.id

    run(asynchronous, server, scenario)

    requests = server.requests
    carts_path = f"/v1/customers/{CUSTOMER}/carts"
    cart_path = f"{carts_path}/{seen['cart_id']}"
    assert [(r.method, r.path, r.status) for r in requests] == [
        ("POST", carts_path, 201),
        ("GET", cart_path, 200),
        ("PUT", cart_path, 201),
        ("POST", f"{cart_path}/checkout", 201),
        ("POST", f"{cart_path}/checkout", 201),
        ("GET", cart_path, 200),
    ]
    assert json.loads(requests[0].body) == {
        "lineItems": [
            {
                "catalogItemId": "DG7GMGF0DWTL:0001:DG7GMGF0DSJB",
                "quantity": 1,
                "billingCycle": "monthly",
            },
            {
                "catalogItemId": "MS-AZR-0145P",
                "quantity": 3,
                "billingCycle": "annual",
                "orderGroup": "1",
                "provisioningContext": context,
            },
        ]
    }
    assert requests[3].body == b""
    for request in requests:
        assert request.header("authorization") == f"Bearer {TOKEN}"
        assert request.header("accept") == "application/json"
        assert request.header("x-locale") == "en-US"
        assert (request.header("ms-partnercenter-client") or "").startswith("partnercenter-python/")
        assert request.header("ms-cv")
        assert UUID.match(request.header("ms-requestid") or "")
        assert request.header("ms-correlationid") == seen["correlation_id"]
    assert len({r.header("ms-requestid") for r in requests}) == len(requests)


# -- retries and throttling ----------------------------------------------------------------


def test_500s_are_retried_with_one_request_id_per_call(
    server: FakePartnerCenter, asynchronous: bool
) -> None:
    cart_id = server.add_cart(CUSTOMER, EXAMPLE_CART)
    server.fail_next(2)
    sleeps: list[float] = []
    seen: dict[str, Any] = {}

    async def scenario(carts: Carts) -> None:
        cart = await carts.call("get", CUSTOMER, cart_id)
        assert cart.id == cart_id and len(cart.line_items) == 3
        assert len(sleeps) == 2  # recorded, not waited
        await carts.call("get", CUSTOMER, cart_id)
        seen["correlation_id"] = carts.client.correlation_id

    run(asynchronous, server, scenario, sleep=sleeps.append)

    requests = server.requests
    assert [r.status for r in requests] == [500, 500, 200, 200]
    first_call, next_call = requests[:3], requests[3]
    assert len({r.header("ms-requestid") for r in first_call}) == 1
    assert next_call.header("ms-requestid") != first_call[0].header("ms-requestid")
    assert {r.header("ms-correlationid") for r in requests} == {seen["correlation_id"]}
    assert len(sleeps) == 2 and all(0 < s < 5 for s in sleeps)


def test_a_server_that_keeps_failing_raises_server_error_after_the_retries(
    server: FakePartnerCenter, asynchronous: bool
) -> None:
    cart_id = server.add_cart(CUSTOMER, EXAMPLE_CART)
    server.fail_next(3)
    sleeps: list[float] = []

    async def scenario(carts: Carts) -> None:
        with pytest.raises(ServerError) as caught:
            await carts.call("get", CUSTOMER, cart_id)
        assert caught.value.status == 500 and caught.value.source == "PartnerFD"
        assert caught.value.request_id == server.requests[0].header("ms-requestid")

    run(asynchronous, server, scenario, sleep=sleeps.append, max_retries=2)
    assert [r.status for r in server.requests] == [500, 500, 500]
    assert len(sleeps) == 2


def test_429_waits_retry_after_then_succeeds(server: FakePartnerCenter, asynchronous: bool) -> None:
    cart_id = server.add_cart(CUSTOMER, EXAMPLE_CART)
    server.throttle_next(retry_after=1)
    sleeps: list[float] = []

    async def scenario(carts: Carts) -> None:
        cart = await carts.call("get", CUSTOMER, cart_id)
        assert cart.id == cart_id

    run(asynchronous, server, scenario, sleep=sleeps.append)

    assert sleeps == [1.0]
    throttled, retried = server.requests
    assert (throttled.status, retried.status) == (429, 200)
    assert throttled.response_json == {
        "statusCode": 429,
        "message": "Rate limit is exceeded. Try again in 1 seconds.",
    }
    assert throttled.header("ms-requestid") == retried.header("ms-requestid")


def test_429_without_retries_left_is_a_rate_limit_error(
    server: FakePartnerCenter, asynchronous: bool
) -> None:
    server.throttle_next(retry_after=1)

    async def scenario(carts: Carts) -> None:
        with pytest.raises(RateLimitError) as caught:
            await carts.call("checkout", CUSTOMER, "any-cart")
        error = caught.value
        assert (error.status, error.code, error.retry_after) == (429, 429, 1.0)
        assert error.description == "Rate limit is exceeded. Try again in 1 seconds."

    run(asynchronous, server, scenario, max_retries=0)
    assert len(server.requests) == 1


# -- reading what the real service sends, and writing it back unchanged ---------------------

KNOBS: dict[str, dict[str, Any]] = {
    "pascal-case": {"case": "pascal"},
    "mixed-case": {"case": "mixed"},
    "unknown-enums": {"unknown_enums": True},
    "unknown-fields": {"unknown_fields": True},
    "offsetless-timestamps": {"offsetless_timestamps": True},
    "all-at-once": {
        "case": "pascal",
        "unknown_enums": True,
        "unknown_fields": True,
        "offsetless_timestamps": True,
    },
}
# Proof that each knob changed what went over the wire (so a broken knob cannot pass).
ON_THE_WIRE: dict[str, Any] = {
    "case": {
        "pascal": ['"Id":', '"LineItems":', '"CatalogItemId":'],
        "mixed": ['"ProvisioningContext":', '"orderGroup":', '"lineItems":'],
    },
    "unknown_enums": ['"quadrennial"', "123456", '"10000"'],
    "unknown_fields": ['"futureCartField":', '"futureLineItemField":'],
    "offsetless_timestamps": [f'"{OFFSETLESS_TIMESTAMP}"'],
}


def wire_markers(knobs: dict[str, Any]) -> list[str]:
    markers: list[str] = []
    for name, value in knobs.items():
        expected: Any = ON_THE_WIRE[name]
        markers += expected[value] if isinstance(expected, dict) else expected
    return markers


@pytest.mark.parametrize("knob", list(KNOBS))
def test_what_the_service_sends_is_read_and_written_back_unchanged(
    server: FakePartnerCenter, asynchronous: bool, knob: str
) -> None:
    knobs = KNOBS[knob]
    cart_id = server.add_cart(CUSTOMER, EXAMPLE_CART)
    for name, value in knobs.items():
        setattr(server, name, value)

    async def scenario(carts: Carts) -> None:
        cart = await carts.call("get", CUSTOMER, cart_id)
        assert cart.id == cart_id and cart.status is CartStatus.ACTIVE
        assert [(i.id, i.catalog_item_id, i.quantity) for i in cart.line_items] == [
            (0, "MS-AZR-0145P", 1),
            (1, "DZH318Z0BQ36:004G:DZH318Z08C0S", 1),
            (5, "DZH318Z0C0WF:0001:DZH318Z0BP69", 10),
        ]
        assert cart.line_items[1].provisioning_context == {
            "subscriptionId": "1C461A25-F729-4FA5-AADB-280947DD05E8",
            "scope": "shared",
        }
        assert cart.line_items[2].renews_to is not None
        assert cart.line_items[2].renews_to.term_duration == "P1Y"
        assert cart.links is not None and cart.links.self is not None
        assert cart.links.self.method == "GET"
        if knobs.get("unknown_enums"):
            first, second = cart.line_items[0], cart.line_items[1]
            assert first.billing_cycle == "quadrennial" and first.billing_cycle not in BillingCycle
            assert first.error is not None and first.error.error_code == 123456
            assert first.error.error_code not in CartErrorCode
            assert second.error is not None
            assert second.error.error_code is CartErrorCode.CURRENCY_IS_NOT_SUPPORTED
        else:
            assert cart.line_items[0].billing_cycle is BillingCycle.MONTHLY
        if knobs.get("unknown_fields"):
            assert cart.additional_properties == UNKNOWN_CART_FIELDS
            for item in cart.line_items:
                assert item.additional_properties == UNKNOWN_LINE_ITEM_FIELDS
        if knobs.get("offsetless_timestamps"):
            assert cart.expiration_timestamp == datetime(1, 1, 1)
        else:
            assert cart.expiration_timestamp is not None
            assert cart.expiration_timestamp.utcoffset() is not None

        cart.line_items[0].quantity += 1
        updated = await carts.call("update", CUSTOMER, cart_id, cart)
        assert updated.line_items[0].quantity == 2

        result = await carts.call("checkout", CUSTOMER, cart_id)
        assert len(result.orders) == 3  # one per order group: "OMS-0", "0", "2"
        assert [o.status for o in result.orders] == [OrderStatus.COMPLETED] * 3
        assert [o.line_items[0].offer_id for o in result.orders] == [
            "MS-AZR-0145P",
            "DZH318Z0BQ36:004G:DZH318Z08C0S",
            "DZH318Z0C0WF:0001:DZH318Z0BP69",
        ]
        if knobs.get("unknown_fields"):
            assert result.additional_properties == UNKNOWN_RESULT_FIELDS
            assert all(o.additional_properties == UNKNOWN_ORDER_FIELDS for o in result.orders)

    run(asynchronous, server, scenario)

    get, put, _ = server.requests
    assert (get.method, put.method) == ("GET", "PUT")
    answered = get.response.decode()
    for marker in wire_markers(knobs):
        assert marker in answered, marker
    # What the client sent back is what it was sent, but for the one quantity it raised.
    expected = copy.deepcopy(get.response_json)
    items_key = next(k for k in expected if k.lower() == "lineitems")
    quantity_key = next(k for k in expected[items_key][0] if k.lower() == "quantity")
    expected[items_key][0][quantity_key] += 1
    assert fold(put.json) == fold(expected)
    if "case" not in knobs:
        assert put.json == expected  # the names too, not only the values
    stored = server.cart(CUSTOMER, cart_id)
    assert [item["quantity"] for item in stored["lineItems"]] == [2, 1, 10]


# -- errors ----------------------------------------------------------------------------------


def test_checkout_of_an_unknown_cart_is_not_found_with_the_service_error(
    server: FakePartnerCenter, asynchronous: bool
) -> None:
    missing = "00000000-0000-0000-0000-000000000000"

    async def scenario(carts: Carts) -> None:
        with pytest.raises(NotFoundError) as caught:
            await carts.call("checkout", CUSTOMER, missing)
        error = caught.value
        (request,) = server.requests  # a 404 is not retried
        assert (error.status, error.code, error.source, error.data) == (
            404,
            800008,
            "PartnerFD",
            [],
        )
        assert error.description == f"Unable to retrieve cart id {missing}."
        assert error.request_id == request.header("ms-requestid")
        assert error.request_id is not None and error.request_id in str(error)
        assert error.correlation_id == request.header("ms-correlationid")
        assert error.correlation_id == carts.client.correlation_id
        assert error.operation_id == "Carts_Checkout"

    run(asynchronous, server, scenario)


def test_a_wrong_token_is_unauthorized_and_never_shown(
    server: FakePartnerCenter, asynchronous: bool
) -> None:
    wrong = "wrong-token-7f3a9c51e2"

    async def scenario(carts: Carts) -> None:
        with pytest.raises(UnauthorizedError) as caught:
            await carts.call("get", CUSTOMER, "some-cart")
        error = caught.value
        assert error.status == 401 and error.source == "PartnerFD"
        shown = [
            str(error),
            repr(error),
            error.text,
            str(error.args),
            "".join(traceback.format_exception(error)),
            repr(carts.client),
        ]
        assert all(wrong not in text for text in shown)

    run(asynchronous, server, scenario, token=wrong)
    (request,) = server.requests  # a 401 is not retried
    assert request.header("authorization") == f"Bearer {wrong}"
    assert request.status == 401


def test_a_token_callable_is_called_for_every_request(
    server: FakePartnerCenter, asynchronous: bool
) -> None:
    tokens = [f"token-{n}" for n in range(1, 5)]
    server.tokens = set(tokens)  # a refreshed token is still a valid one
    issued = iter(tokens)
    server.fail_next(1)
    new = Cart(
        line_items=[
            CartLineItem(catalog_item_id="X", quantity=1, billing_cycle=BillingCycle.MONTHLY)
        ]
    )

    async def scenario(carts: Carts) -> None:
        cart = await carts.call("create", CUSTOMER, new)  # 500, then retried: two tokens
        await carts.call("get", CUSTOMER, cart.id)
        await carts.call("checkout", CUSTOMER, cart.id)

    run(asynchronous, server, scenario, token=lambda: next(issued), sleep=lambda _: None)
    assert [(r.header("authorization"), r.status) for r in server.requests] == [
        ("Bearer token-1", 500),
        ("Bearer token-2", 201),
        ("Bearer token-3", 200),
        ("Bearer token-4", 201),
    ]


# -- the fake itself, as a client other than ours would see it -------------------------------


def raw(
    server: FakePartnerCenter,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], Any]:
    connection = http.client.HTTPConnection(HOST, server.port, timeout=10)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        answer_headers = {name.lower(): value for name, value in response.getheaders()}
        return response.status, answer_headers, json.loads(data) if data else None
    finally:
        connection.close()


def test_the_fake_reads_pascal_case_bodies_and_answers_like_the_service(
    server: FakePartnerCenter,
) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    dotnet = {  # what the .NET SDK sends (the seed 001 example, made valid JSON)
        "LineItems": [
            {
                "CatalogItemId": "DG7GMGF0DWTL:0001:DG7GMGF0DSJB",
                "FriendlyName": "A_sample_Azure_RI",
                "Quantity": 2,
                "BillingCycle": "one_time",
                "ProvisioningContext": {"SubscriptionId": "3D5E", "Scope": "shared"},
            }
        ]
    }
    ids = {"MS-RequestId": "rid-1", "MS-CorrelationId": "cid-1"}
    path = f"/v1/customers/{CUSTOMER}/carts"
    status, headers, cart = raw(server, "POST", path, json.dumps(dotnet).encode(), auth | ids)
    assert status == 201
    assert (headers["ms-requestid"], headers["ms-correlationid"]) == ("rid-1", "cid-1")
    assert headers["content-type"].startswith("application/json")
    assert cart["lineItems"] == [
        {
            "id": 0,
            "catalogItemId": "DG7GMGF0DWTL:0001:DG7GMGF0DSJB",
            "friendlyName": "A_sample_Azure_RI",
            "quantity": 2,
            "billingCycle": "one_time",
            "provisioningContext": {"SubscriptionId": "3D5E", "Scope": "shared"},
            "currencyCode": "USD",
            "orderGroup": "0",
        }
    ]
    assert cart["status"] == "Active" and UUID.match(cart["id"])
    assert SERVICE_TIMESTAMP.match(cart["creationTimestamp"])

    status, _, error = raw(server, "POST", path, b'{"lineItems": [', auth)
    assert status == 400 and error["code"] == 800002 and error["source"] == "PartnerFD"
    status, _, error = raw(server, "POST", path, b'{"lineItems": []}', auth)
    assert status == 400 and error["code"] == 800002
    status, _, error = raw(server, "GET", path, None, auth)  # there is no list operation
    assert status == 404 and error["source"] == "PartnerFD"
    status, _, error = raw(server, "GET", "/v1/customers/c/orders", None, auth)
    assert status == 404
    status, _, error = raw(server, "GET", f"{path}/{cart['id']}", None, {})
    assert status == 401 and set(error) == {"code", "description", "data", "source"}
    status, _, error = raw(server, "GET", f"{path}/{cart['id']}", None, {"Authorization": "x"})
    assert status == 401
    odd_case = f"/V1/Customers/{CUSTOMER.upper()}/Carts/{cart['id']}/"
    status, _, again = raw(server, "GET", odd_case, None, auth)
    assert status == 200 and again == cart
    assert [r.status for r in server.requests] == [201, 400, 400, 404, 404, 401, 401, 200]
