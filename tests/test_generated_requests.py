"""The request builders of `partnercenter.api.carts`: method, path, headers and body of each call.

A builder sends nothing; it returns the `ApiRequest` a client sends. Path parameters must stay
inside their own segment whatever they contain, and the body must be the model's `to_dict()`.
"""

from __future__ import annotations

import inspect
import itertools
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

import httpx
import pytest
import yaml
from partnercenter.api import ApiRequest, carts
from partnercenter.models import BillingCycle, Cart, CartLineItem

from .conftest import SPEC

BASE_URL = "https://api.partnercenter.microsoft.com"
CUSTOMER = "d6bf25b7-e0a8-4f2d-a31b-97b55cfc774d"
CART_ID = "b4c8fdea-cbe4-4d17-9576-13fcacbf9605"
HEADERS = {
    "ms-correlationid": ("ms_correlationid", "0e93c70c-977a-4a88-9580-7cf084c73286"),
    "ms-cv": ("ms_cv", "sF/wRa2ih0CzbABc.0"),
    "ms-requestid": ("ms_requestid", "4fa6dad6-a89f-4875-8247-8294a10ae1cf"),
}


def a_cart() -> Cart:
    return Cart(
        id=CART_ID,
        line_items=[
            CartLineItem(
                catalog_item_id="MS-AZR-0145P", quantity=2, billing_cycle=BillingCycle.MONTHLY
            )
        ],
    )


# Each operation: builder, how to call it with (customer id, cart id, cart), method, path
# template (`{customer}` and `{cart}` stand for the encoded ids), operation id, body or not.
OPERATIONS: dict[str, tuple[Callable[..., ApiRequest], Callable[..., ApiRequest], str, str, bool]]
OPERATIONS = {
    "Carts_Get": (
        carts.build_get_request,
        lambda customer, cart_id, cart, **kw: carts.build_get_request(customer, cart_id, **kw),
        "GET",
        "/v{version}/customers/{customer}/carts/{cart}",
        False,
    ),
    "Carts_Create": (
        carts.build_create_request,
        lambda customer, cart_id, cart, **kw: carts.build_create_request(customer, cart, **kw),
        "POST",
        "/v{version}/customers/{customer}/carts",
        True,
    ),
    "Carts_Update": (
        carts.build_update_request,
        lambda customer, cart_id, cart, **kw: carts.build_update_request(
            customer, cart_id, cart, **kw
        ),
        "PUT",
        "/v{version}/customers/{customer}/carts/{cart}",
        True,
    ),
    "Carts_Checkout": (
        carts.build_checkout_request,
        lambda customer, cart_id, cart, **kw: carts.build_checkout_request(customer, cart_id, **kw),
        "POST",
        "/v{version}/customers/{customer}/carts/{cart}/checkout",
        False,
    ),
}
OPERATION_IDS = sorted(OPERATIONS)
# (operation, path parameter) for each path parameter of each operation.
PATH_PARAMETERS = [
    (op, which)
    for op in OPERATION_IDS
    for which in ("customer", "cart")
    if "{" + which + "}" in OPERATIONS[op][3]
]


def call(
    operation_id: str, customer: str = CUSTOMER, cart_id: str = CART_ID, **kw: Any
) -> ApiRequest:
    return OPERATIONS[operation_id][1](customer, cart_id, a_cart(), **kw)


def expected_path(operation_id: str, version: str = "1") -> str:
    template = OPERATIONS[operation_id][3]
    return template.format(version=version, customer=CUSTOMER, cart=CART_ID)


def test_every_builder_is_tested() -> None:
    builders = [name for name in carts.__all__ if name.startswith("build_")]
    assert sorted(builders) == sorted(f.__name__ for f, *_ in OPERATIONS.values())


# --------------------------------------------------------------------------------------------
# Method, path, operation id
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("operation_id", OPERATION_IDS)
def test_method_path_and_operation_id(operation_id: str) -> None:
    request = call(operation_id)
    assert isinstance(request, ApiRequest)
    assert request.operation_id == operation_id
    assert request.method == OPERATIONS[operation_id][2]
    assert request.path == expected_path(operation_id)
    assert request.path.startswith("/v1/customers/")
    assert request.params == []
    assert request.cookies == {}


@pytest.mark.parametrize("operation_id", OPERATION_IDS)
@pytest.mark.parametrize("version", ["2", "2023-01"])
def test_version_goes_into_the_path(operation_id: str, version: str) -> None:
    request = call(operation_id, version=version)
    assert request.path == expected_path(operation_id, version)
    assert request.path.startswith(f"/v{version}/customers/")


def test_operation_ids_match_the_spec() -> None:
    with SPEC.open(encoding="utf-8") as handle:
        spec = yaml.safe_load(handle)
    found = {}
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if isinstance(op, dict) and "operationId" in op:
                found[op["operationId"]] = (method.upper(), path)
    for operation_id, (_, _, method, template, _) in OPERATIONS.items():
        spec_template = template.replace("{customer}", "{customer_id}").replace(
            "{cart}", "{cart_id}"
        )
        assert found[operation_id] == (method, spec_template)


# --------------------------------------------------------------------------------------------
# Body
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("operation_id", ["Carts_Create", "Carts_Update"])
def test_body_is_the_models_to_dict(operation_id: str) -> None:
    cart = a_cart()
    request = OPERATIONS[operation_id][1](CUSTOMER, CART_ID, cart)
    assert request.has_body is True
    assert request.json == cart.to_dict()
    assert request.json == {
        "id": CART_ID,
        "lineItems": [{"catalogItemId": "MS-AZR-0145P", "quantity": 2, "billingCycle": "monthly"}],
    }
    assert json.loads(json.dumps(request.json)) == request.json


@pytest.mark.parametrize("operation_id", ["Carts_Create", "Carts_Update"])
def test_body_of_a_read_cart_is_what_was_read(operation_id: str) -> None:
    wire = {
        "Id": CART_ID,
        "creationTimestamp": "2018-03-15T17:15:02.3840528Z",
        "expirationTimestamp": "0001-01-01T00:00:00",
        "lineItems": [
            {
                "id": 0,
                "catalogItemId": "DG7GMGF0DWTL:0001:DG7GMGF0DSJB",
                "quantity": 2,
                "billingCycle": "quadrennial",
                "error": {"errorCode": "10000"},
                "newField": [1],
            }
        ],
    }
    cart = Cart.from_dict(wire)
    cart.line_items[0].quantity = 3
    request = OPERATIONS[operation_id][1](CUSTOMER, CART_ID, cart)
    expected = {
        "id": CART_ID,
        "creationTimestamp": "2018-03-15T17:15:02.3840528Z",
        "expirationTimestamp": "0001-01-01T00:00:00",
        "lineItems": [dict(wire["lineItems"][0], quantity=3)],
    }
    assert request.json == expected
    assert request.json == cart.to_dict()


@pytest.mark.parametrize("operation_id", ["Carts_Get", "Carts_Checkout"])
def test_no_body(operation_id: str) -> None:
    request = call(operation_id)
    assert request.has_body is False
    assert request.json is None


# --------------------------------------------------------------------------------------------
# Headers
# --------------------------------------------------------------------------------------------

HEADER_SUBSETS = [
    subset for n in range(len(HEADERS) + 1) for subset in itertools.combinations(sorted(HEADERS), n)
]


@pytest.mark.parametrize("operation_id", OPERATION_IDS)
@pytest.mark.parametrize("given", HEADER_SUBSETS, ids=lambda s: "+".join(s) or "none")
def test_headers_present_only_when_given(operation_id: str, given: tuple[str, ...]) -> None:
    kwargs = {HEADERS[name][0]: HEADERS[name][1] for name in given}
    request = call(operation_id, **kwargs)
    assert request.headers == {name: HEADERS[name][1] for name in given}


@pytest.mark.parametrize("operation_id", OPERATION_IDS)
def test_headers_given_as_none_are_left_out(operation_id: str) -> None:
    request = call(operation_id, ms_correlationid=None, ms_cv=None, ms_requestid=None)
    assert request.headers == {}


# --------------------------------------------------------------------------------------------
# Path parameters stay in their segment
# --------------------------------------------------------------------------------------------

HOSTILE_IDS = [
    "../orders",
    "a/b?c#d",
    "..",
    ".",
    "x y",
    "ü",
    "%2F",
    "100%",
    "{cart_id}",
    "a;b=c",
    "...",
    "/",
]


def segment_index(template: str, name: str) -> int:
    return template.split("/").index(name)


@pytest.mark.parametrize(("operation_id", "which"), PATH_PARAMETERS)
@pytest.mark.parametrize("hostile", HOSTILE_IDS)
def test_path_parameter_stays_in_its_segment(operation_id: str, which: str, hostile: str) -> None:
    template = OPERATIONS[operation_id][3]
    ids = {"customer": CUSTOMER, "cart": CART_ID, which: hostile}
    request = call(operation_id, ids["customer"], ids["cart"])
    segments = request.path.split("/")
    assert len(segments) == len(template.split("/"))
    index = segment_index(template, "{" + which + "}")
    encoded = segments[index]
    assert unquote(encoded) == hostile
    assert encoded not in (".", "..")
    assert not set(encoded) & set("/?# ")
    assert encoded.isascii()
    # The other segments are untouched.
    plain = template.format(version="1", customer=CUSTOMER, cart=CART_ID)
    assert [s for i, s in enumerate(segments) if i != index] == [
        s for i, s in enumerate(plain.split("/")) if i != index
    ]


@pytest.mark.parametrize("operation_id", OPERATION_IDS)
@pytest.mark.parametrize("hostile", HOSTILE_IDS)
def test_httpx_keeps_the_encoded_segment(operation_id: str, hostile: str) -> None:
    request = call(operation_id, hostile, hostile)
    sent = httpx.Request(
        request.method,
        BASE_URL + request.path,
        headers=request.headers,
        json=request.json if request.has_body else None,
    )
    raw = sent.url.raw_path
    assert raw == request.path.encode("ascii")
    assert b"/../" not in raw and not raw.endswith(b"/..")
    assert b"/./" not in raw
    assert sent.url.host == "api.partnercenter.microsoft.com"
    assert sent.url.query == b""
    assert sent.url.fragment == ""
    assert raw.startswith(b"/v1/customers/")
    segments = raw.split(b"/")
    template = OPERATIONS[operation_id][3]
    assert len(segments) == len(template.split("/"))
    assert unquote(segments[segment_index(template, "{customer}")].decode("ascii")) == hostile
    if "/" in hostile:
        assert b"%2F" in raw


def test_slash_and_query_characters_are_encoded() -> None:
    request = carts.build_get_request("a/b?c#d", "../orders")
    assert request.path == "/v1/customers/a%2Fb%3Fc%23d/carts/..%2Forders"


@pytest.mark.parametrize(("value", "encoded"), [(".", "%2E"), ("..", "%2E%2E")])
def test_dot_segments_are_encoded(value: str, encoded: str) -> None:
    request = carts.build_checkout_request(value, value)
    assert request.path == f"/v1/customers/{encoded}/carts/{encoded}/checkout"


def test_non_ascii_is_utf8_percent_encoded() -> None:
    request = carts.build_get_request("ü", "x y")
    assert request.path == "/v1/customers/%C3%BC/carts/x%20y"


# --------------------------------------------------------------------------------------------
# Signatures
# --------------------------------------------------------------------------------------------

KEYWORD_ONLY = ["version", "ms_correlationid", "ms_cv", "ms_requestid"]
POSITIONAL = {
    "Carts_Get": ["customer_id", "cart_id"],
    "Carts_Create": ["customer_id", "cart"],
    "Carts_Update": ["customer_id", "cart_id", "cart"],
    "Carts_Checkout": ["customer_id", "cart_id"],
}


@pytest.mark.parametrize("operation_id", OPERATION_IDS)
def test_signature(operation_id: str) -> None:
    builder = OPERATIONS[operation_id][0]
    parameters = inspect.signature(builder).parameters
    kinds = {name: p.kind for name, p in parameters.items()}
    positional = [
        name for name, kind in kinds.items() if kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    ]
    assert positional == POSITIONAL[operation_id]
    assert all(parameters[name].default is inspect.Parameter.empty for name in positional)
    keyword_only = [name for name, kind in kinds.items() if kind is inspect.Parameter.KEYWORD_ONLY]
    assert keyword_only == KEYWORD_ONLY
    assert parameters["version"].default == "1"
    assert all(parameters[name].default is None for name in KEYWORD_ONLY[1:])
    assert len(parameters) == len(positional) + len(keyword_only)


def test_update_takes_customer_cart_id_and_cart_in_that_order() -> None:
    cart = a_cart()
    request = carts.build_update_request("cust", "cart-1", cart)
    assert request.path == "/v1/customers/cust/carts/cart-1"
    assert request.json == cart.to_dict()


@pytest.mark.parametrize("operation_id", OPERATION_IDS)
@pytest.mark.parametrize("extra", range(1, len(KEYWORD_ONLY) + 1))
def test_keyword_only_parameters_refuse_positional_values(operation_id: str, extra: int) -> None:
    builder = OPERATIONS[operation_id][0]
    values = {"customer_id": CUSTOMER, "cart_id": CART_ID, "cart": a_cart()}
    args = [values[name] for name in POSITIONAL[operation_id]]
    with pytest.raises(TypeError):
        builder(*args, *(["2"] * extra))


@pytest.mark.parametrize("operation_id", OPERATION_IDS)
def test_missing_required_argument_is_a_type_error(operation_id: str) -> None:
    builder = OPERATIONS[operation_id][0]
    with pytest.raises(TypeError):
        builder(CUSTOMER)


@pytest.mark.parametrize("blank", ["customer_id", "cart_id"])
def test_an_empty_path_parameter_is_refused(blank: str) -> None:
    ids = {"customer_id": "c", "cart_id": "k", blank: ""}
    with pytest.raises(ValueError, match="must not be empty"):
        carts.build_get_request(ids["customer_id"], ids["cart_id"])
