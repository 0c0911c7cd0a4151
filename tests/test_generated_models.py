"""Behaviour of the generated models (`partnercenter.models`), as a user of the package sees it.

The models must read what the service and the doc examples really send (PascalCase names,
7-digit fractions, timestamps without an offset, enum values the spec does not list yet, integer
codes sent as strings) and write back exactly what they read unless the caller changed it.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime
import json
from typing import Any

import pytest
import yaml
from partnercenter.models import (
    BillingCycle,
    Cart,
    CartError,
    CartErrorCode,
    CartLineItem,
    CartStatus,
    DecodeError,
    Error,
    ParticipantType,
)

from .conftest import SPEC

UTC = datetime.UTC


# --------------------------------------------------------------------------------------------
# The spec's examples, found by walking the paths
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    with SPEC.open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    assert isinstance(document, dict)
    return document


def find_operation(spec: dict[str, Any], operation_id: str) -> dict[str, Any]:
    found = [
        op
        for item in spec["paths"].values()
        for op in item.values()
        if isinstance(op, dict) and op.get("operationId") == operation_id
    ]
    assert len(found) == 1, f"{operation_id}: {len(found)} operations"
    return found[0]


def json_examples(content: dict[str, Any]) -> dict[str, Any]:
    examples = content["application/json"].get("examples", {})
    return {name: example["value"] for name, example in examples.items()}


def request_example(spec: dict[str, Any], operation_id: str, name: str) -> Any:
    op = find_operation(spec, operation_id)
    return json_examples(op["requestBody"]["content"])[name]


def response_examples(spec: dict[str, Any], operation_id: str, status: str) -> dict[str, Any]:
    op = find_operation(spec, operation_id)
    return json_examples(op["responses"][status]["content"])


@pytest.fixture(scope="module")
def seed_request(spec: dict[str, Any]) -> dict[str, Any]:
    """The Carts_Update request example `seed001` (the doc's, in camelCase)."""
    value = request_example(spec, "Carts_Update", "seed001")
    assert isinstance(value, dict)
    return value


SPEC_EXAMPLES = [
    ("Carts_Update", "request", "seed001"),
    ("Carts_Update", "201", "seed001"),
    ("Carts_Create", "201", None),
]


def spec_example(spec: dict[str, Any], operation_id: str, where: str, name: str | None) -> Any:
    if where == "request":
        assert name is not None
        return request_example(spec, operation_id, name)
    examples = response_examples(spec, operation_id, where)
    if name is None:
        assert len(examples) == 1, f"{operation_id} {where}: examples {sorted(examples)}"
        (value,) = examples.values()
        return value
    return examples[name]


@pytest.mark.parametrize(("operation_id", "where", "name"), SPEC_EXAMPLES)
def test_spec_example_round_trips_through_to_dict(
    spec: dict[str, Any], operation_id: str, where: str, name: str | None
) -> None:
    example = spec_example(spec, operation_id, where, name)
    original = copy.deepcopy(example)
    cart = Cart.from_dict(example)
    assert isinstance(cart, Cart)
    assert cart.line_items, "the example has line items"
    assert all(isinstance(item, CartLineItem) for item in cart.line_items)
    assert cart.to_dict() == original
    assert example == original, "from_dict must not change its input"


@pytest.mark.parametrize(("operation_id", "where", "name"), SPEC_EXAMPLES)
def test_spec_example_round_trips_through_json(
    spec: dict[str, Any], operation_id: str, where: str, name: str | None
) -> None:
    example = spec_example(spec, operation_id, where, name)
    text = Cart.from_json(json.dumps(example)).to_json()
    assert isinstance(text, str)
    assert json.loads(text) == example
    assert Cart.from_json(text.encode("utf-8")).to_dict() == example


def test_create_example_reads_into_typed_values(spec: dict[str, Any]) -> None:
    example = spec_example(spec, "Carts_Create", "201", None)
    cart = Cart.from_dict(example)
    assert cart.id == "3655b1a0-b1c9-4268-9824-577fdbc4d0be"
    assert cart.status is CartStatus.ACTIVE
    assert cart.creation_timestamp == datetime.datetime(2019, 1, 16, 0, 45, 41, 606299, UTC)
    assert [item.billing_cycle for item in cart.line_items] == [
        BillingCycle.MONTHLY,
        BillingCycle.ONE_TIME,
        BillingCycle.NONE,
    ]
    assert [item.id for item in cart.line_items] == [0, 1, 5]
    assert cart.line_items[1].provisioning_context == {
        "subscriptionId": "1C461A25-F729-4FA5-AADB-280947DD05E8",
        "scope": "shared",
    }
    renews_to = cart.line_items[2].renews_to
    assert renews_to is not None and renews_to.term_duration == "P1Y"
    assert cart.links is not None and cart.links.self is not None
    assert cart.links.self.method == "GET"
    assert cart.links.self.headers == []
    assert cart.attributes is not None and cart.attributes.object_type == "Cart"
    assert cart.additional_properties == {}


# --------------------------------------------------------------------------------------------
# Names are read case-insensitively and written in the spec's spelling
# --------------------------------------------------------------------------------------------


def pascal_case(data: dict[str, Any]) -> dict[str, Any]:
    """The seed 001 request as the doc printed it: PascalCase names, no offset on the expiry.

    Only Cart and CartLineItem property names change; the keys inside provisioningContext are
    map keys and keep their spelling.
    """
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == "lineItems":
            value = [pascal_case(item) for item in value]
        elif key == "expirationTimestamp":
            value = "0001-01-01T00:00:00"
        out[key[0].upper() + key[1:]] = value
    return out


def test_pascal_case_request_reads_like_camel_case(seed_request: dict[str, Any]) -> None:
    doc = pascal_case(seed_request)
    assert {"Id", "LineItems", "ExpirationTimestamp"} <= doc.keys()
    assert {"CatalogItemId", "Quantity", "BillingCycle", "ProvisioningContext"} <= set(
        doc["LineItems"][0]
    )
    pascal = Cart.from_dict(doc)
    camel = Cart.from_dict(seed_request)

    assert pascal.id == camel.id == "b4c8fdea-cbe4-4d17-9576-13fcacbf9605"
    assert pascal.creation_timestamp == camel.creation_timestamp
    assert pascal.creation_timestamp == datetime.datetime(2018, 3, 15, 17, 15, 2, 384052, UTC)
    assert pascal.last_modified_user == "2713ccd7-ea3b-470a-9cfb-451d5d0482cc"
    # The doc's expiry has no offset: it reads as a naive datetime.
    assert pascal.expiration_timestamp == datetime.datetime(1, 1, 1)
    assert pascal.expiration_timestamp.tzinfo is None
    assert pascal.line_items == camel.line_items
    item = pascal.line_items[0]
    assert item.id == 0
    assert item.catalog_item_id == "DG7GMGF0DWTL:0001:DG7GMGF0DSJB"
    assert item.friendly_name == "A_sample_Azure_RI"
    assert item.quantity == 2
    assert item.billing_cycle is BillingCycle.ONE_TIME
    assert item.provisioning_context == {
        "SubscriptionId": "3D5ECED6-1151-44C7-AEE6-70A4BB725666",
        "Scope": "shared",
        "Duration": "1Year",
    }
    assert pascal.additional_properties == {}
    assert item.additional_properties == {}


def test_name_read_in_another_spelling_is_written_in_the_spec_spelling(
    seed_request: dict[str, Any],
) -> None:
    written = Cart.from_dict(pascal_case(seed_request)).to_dict()
    # Keys come back camelCase, as the spec spells them; values, the expiry's text included,
    # come back as read; map keys inside provisioningContext keep their PascalCase.
    expected = dict(seed_request, expirationTimestamp="0001-01-01T00:00:00")
    assert written == expected
    assert not any(key[0].isupper() for key in written)
    assert "SubscriptionId" in written["lineItems"][0]["provisioningContext"]


def test_mixed_case_names_read() -> None:
    # As the doc's update response prints it: ProvisioningContext beside orderGroup.
    item = CartLineItem.from_dict(
        {
            "id": 0,
            "catalogItemId": "DG7GMGF0DWTL:0001:DG7GMGF0DSJB",
            "QUANTITY": 2,
            "billingcycle": "one_time",
            "ProvisioningContext": {"subscriptionId": "3D5E", "scope": "shared"},
            "orderGroup": "0",
        }
    )
    assert item.provisioning_context == {"subscriptionId": "3D5E", "scope": "shared"}
    assert item.order_group == "0"
    assert item.quantity == 2
    assert item.billing_cycle is BillingCycle.ONE_TIME
    assert item.additional_properties == {}
    assert item.to_dict() == {
        "id": 0,
        "catalogItemId": "DG7GMGF0DWTL:0001:DG7GMGF0DSJB",
        "quantity": 2,
        "billingCycle": "one_time",
        "provisioningContext": {"subscriptionId": "3D5E", "scope": "shared"},
        "orderGroup": "0",
    }


def test_case_insensitive_names_in_nested_models() -> None:
    cart = Cart.from_dict(
        {
            "LineItems": [
                {
                    "CatalogItemId": "A",
                    "Quantity": 1,
                    "BillingCycle": "monthly",
                    "Error": {"ErrorCode": 10002, "ErrorDescription": "no quota"},
                    "RenewsTo": {"TermDuration": "P1Y"},
                }
            ],
            "Links": {"Self": {"Uri": "/carts/1", "Method": "GET", "Headers": []}},
            "Attributes": {"ObjectType": "Cart"},
        }
    )
    error = cart.line_items[0].error
    assert error is not None and error.error_code is CartErrorCode.QUOTA_NOT_AVAILABLE
    assert error.error_description == "no quota"
    assert cart.links is not None and cart.links.self is not None
    assert cart.links.self.uri == "/carts/1"
    assert cart.to_dict() == {
        "lineItems": [
            {
                "catalogItemId": "A",
                "quantity": 1,
                "billingCycle": "monthly",
                "error": {"errorCode": 10002, "errorDescription": "no quota"},
                "renewsTo": {"termDuration": "P1Y"},
            }
        ],
        "links": {"self": {"uri": "/carts/1", "method": "GET", "headers": []}},
        "attributes": {"objectType": "Cart"},
    }


def test_second_spelling_of_a_known_name_is_kept_as_an_unknown_key() -> None:
    cart = Cart.from_dict({"id": "first", "Id": "second", "lineItems": []})
    assert cart.id == "first"
    assert cart.additional_properties == {"Id": "second"}
    assert cart.to_dict() == {"id": "first", "lineItems": [], "Id": "second"}


def test_the_spec_spelling_wins_over_another_spelling_read_before_it() -> None:
    cart = Cart.from_dict({"Id": "other", "id": "spec", "lineItems": []})
    assert cart.id == "spec"
    assert cart.additional_properties == {"Id": "other"}
    assert cart.to_dict() == {"id": "spec", "lineItems": [], "Id": "other"}


def test_another_spelling_after_spec_spellings_keeps_what_was_read_before_it() -> None:
    # Reading switches to its careful loop at "LineItems": the null, the timestamp's text and
    # the unknown key read before it are kept, and the later spec spelling still wins.
    data = {
        "id": "c",
        "status": None,
        "creationTimestamp": "2019-01-16T00:45:41.6062996Z",
        "pricingTier": "standard",
        "LineItems": [],
        "lineItems": [LINE],
    }
    cart = Cart.from_dict(data)
    assert cart.line_items == [
        CartLineItem(catalog_item_id="X", quantity=1, billing_cycle=BillingCycle.MONTHLY)
    ]
    assert cart.additional_properties == {"pricingTier": "standard", "LineItems": []}
    assert cart.to_dict() == data


# --------------------------------------------------------------------------------------------
# Unknown, absent and null fields
# --------------------------------------------------------------------------------------------

LINE = {"catalogItemId": "X", "quantity": 1, "billingCycle": "monthly"}


def test_unknown_fields_are_kept_and_written_back() -> None:
    data = {
        "lineItems": [dict(LINE, futureFlag=True, nested={"a": [1, None, "b"]})],
        "someNewField": {"x": 1},
        "another": None,
    }
    cart = Cart.from_dict(data)
    assert cart.additional_properties == {"someNewField": {"x": 1}, "another": None}
    assert cart.line_items[0].additional_properties == {
        "futureFlag": True,
        "nested": {"a": [1, None, "b"]},
    }
    assert cart.to_dict() == data


def test_absent_fields_stay_absent() -> None:
    written = Cart.from_dict({"lineItems": [LINE]}).to_dict()
    assert written == {"lineItems": [LINE]}
    assert "id" not in written
    assert "currencyCode" not in written["lineItems"][0]


def test_explicit_null_stays_null() -> None:
    data = {
        "id": None,
        "creationTimestamp": None,
        "status": None,
        "links": None,
        "lineItems": [dict(LINE, error=None, addonItems=None, provisioningContext=None)],
    }
    cart = Cart.from_dict(data)
    assert cart.id is None
    assert cart.creation_timestamp is None
    assert cart.line_items[0].addon_items is None
    assert cart.to_dict() == data


def test_field_set_to_none_after_reading_is_left_out() -> None:
    cart = Cart.from_dict(
        {
            "id": "c1",
            "creationTimestamp": "2019-01-16T00:45:41.6062996Z",
            "status": "Active",
            "lineItems": [dict(LINE, error={"errorCode": "10000"}, orderGroup="0")],
        }
    )
    cart.id = None
    cart.creation_timestamp = None  # a value whose wire text was kept
    cart.status = None
    cart.line_items[0].error = None
    cart.line_items[0].order_group = None
    assert cart.to_dict() == {"lineItems": [LINE]}


def test_null_read_then_set_by_the_caller_writes_the_new_value() -> None:
    cart = Cart.from_dict({"id": None, "creationTimestamp": None, "lineItems": []})
    cart.id = "c2"
    cart.creation_timestamp = datetime.datetime(2020, 5, 1, 12, 0, tzinfo=UTC)
    assert cart.to_dict() == {
        "id": "c2",
        "creationTimestamp": "2020-05-01T12:00:00+00:00",
        "lineItems": [],
    }


def test_required_field_set_to_none_by_the_caller_is_written_as_null() -> None:
    cart = Cart.from_dict({"lineItems": [LINE]})
    cart.line_items = None  # type: ignore[assignment]
    assert cart.to_dict() == {"lineItems": None}


# --------------------------------------------------------------------------------------------
# Timestamps
# --------------------------------------------------------------------------------------------

TIMESTAMPS = [
    ("2019-01-16T00:45:41.6062996Z", datetime.datetime(2019, 1, 16, 0, 45, 41, 606299, UTC)),
    ("2019-01-16T00:48:44.76+00:00", datetime.datetime(2019, 1, 16, 0, 48, 44, 760000, UTC)),
    ("0001-01-01T00:00:00", datetime.datetime(1, 1, 1)),
    ("0001-01-01T00:00:00Z", datetime.datetime(1, 1, 1, tzinfo=UTC)),
    (
        "2018-03-15T17:15:02.3840528-08:00",
        datetime.datetime(
            2018, 3, 15, 17, 15, 2, 384052, datetime.timezone(datetime.timedelta(hours=-8))
        ),
    ),
]


@pytest.mark.parametrize(("text", "expected"), TIMESTAMPS)
def test_timestamp_reads_as_datetime(text: str, expected: datetime.datetime) -> None:
    cart = Cart.from_dict({"lineItems": [], "creationTimestamp": text})
    value = cart.creation_timestamp
    assert isinstance(value, datetime.datetime)
    assert value == expected
    assert value.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(("text", "expected"), TIMESTAMPS)
def test_unchanged_timestamp_is_written_back_byte_exact(
    text: str, expected: datetime.datetime
) -> None:
    data = {
        "creationTimestamp": text,
        "lastModifiedTimestamp": text,
        "expirationTimestamp": text,
        "lineItems": [],
    }
    cart = Cart.from_json(json.dumps(data))
    assert cart.to_dict() == data
    assert json.loads(cart.to_json())["creationTimestamp"] == text


def test_assigned_timestamp_is_written_as_isoformat() -> None:
    cart = Cart.from_dict(
        {
            "creationTimestamp": "2019-01-16T00:45:41.6062996Z",
            "expirationTimestamp": "0001-01-01T00:00:00",
            "lineItems": [],
        }
    )
    new = datetime.datetime(2024, 2, 29, 23, 59, 58, 123456, UTC)
    cart.creation_timestamp = new
    assert cart.to_dict() == {
        "creationTimestamp": "2024-02-29T23:59:58.123456+00:00",
        "expirationTimestamp": "0001-01-01T00:00:00",
        "lineItems": [],
    }


def test_assigned_equal_timestamp_is_written_from_the_new_object() -> None:
    # A new object counts as a change even when it is equal to the value read: the caller's
    # value is written, in isoformat, not the text that was read.
    cart = Cart.from_dict({"creationTimestamp": "2019-01-16T00:45:41.6062996Z", "lineItems": []})
    assert cart.creation_timestamp is not None
    cart.creation_timestamp = cart.creation_timestamp.replace()
    assert cart.to_dict()["creationTimestamp"] == "2019-01-16T00:45:41.606299+00:00"


def test_caller_built_timestamp_is_written_as_isoformat() -> None:
    cart = Cart(line_items=[], expiration_timestamp=datetime.datetime(2019, 1, 16, 1, 0, 54))
    assert cart.to_dict() == {"expirationTimestamp": "2019-01-16T01:00:54", "lineItems": []}


# --------------------------------------------------------------------------------------------
# Open enums
# --------------------------------------------------------------------------------------------


def test_unknown_string_enum_value_is_kept() -> None:
    value = BillingCycle("quadrennial")
    assert isinstance(value, BillingCycle)
    assert value == "quadrennial"
    assert value.value == "quadrennial"
    assert str(value) == "quadrennial"
    assert value not in list(BillingCycle)
    assert value not in BillingCycle.__members__.values()


def stand_in_billing_cycle() -> object:
    return BillingCycle("quadrennial")


def stand_in_read_from_a_line_item() -> object:
    cart = Cart.from_dict({"lineItems": [dict(LINE, billingCycle="quadrennial")]})
    return cart.line_items[0].billing_cycle


def stand_in_spelled_like_a_member_name() -> object:
    return BillingCycle("MONTHLY")


def stand_in_error_code() -> object:
    return CartErrorCode(123456)


def stand_in_error_code_from_text() -> object:
    return CartError.from_dict({"errorCode": "123456"}).error_code


@pytest.mark.parametrize(
    "make",
    [
        stand_in_billing_cycle,
        stand_in_read_from_a_line_item,
        stand_in_spelled_like_a_member_name,
        stand_in_error_code,
        stand_in_error_code_from_text,
    ],
)
def test_unknown_enum_value_is_not_in_its_enum(make: Any) -> None:
    value = make()
    cls = type(value)
    assert cls in (BillingCycle, CartErrorCode)
    assert next(iter(cls)) in cls
    assert value not in cls


def test_unknown_value_spelled_like_a_member_name_is_not_that_member() -> None:
    value = BillingCycle("MONTHLY")
    assert value is not BillingCycle.MONTHLY
    assert value != BillingCycle.MONTHLY
    assert value == "MONTHLY"
    assert value not in list(BillingCycle)
    item = CartLineItem.from_dict(dict(LINE, billingCycle="MONTHLY"))
    assert item.to_dict()["billingCycle"] == "MONTHLY"


def test_line_item_with_unknown_billing_cycle_round_trips() -> None:
    data = {"lineItems": [dict(LINE, billingCycle="quadrennial")]}
    cart = Cart.from_json(json.dumps(data))
    cycle = cart.line_items[0].billing_cycle
    assert isinstance(cycle, BillingCycle)
    assert cycle == "quadrennial"
    assert cycle not in list(BillingCycle)
    assert cart.to_dict() == data
    assert json.loads(cart.to_json()) == data


def test_caller_assigned_unknown_enum_value_is_written() -> None:
    item = CartLineItem(catalog_item_id="X", quantity=1, billing_cycle=BillingCycle("decennial"))
    assert item.to_dict() == {"catalogItemId": "X", "quantity": 1, "billingCycle": "decennial"}


@pytest.mark.parametrize("wire", [10000, "10000"], ids=["int", "string"])
def test_integer_enum_reads_from_int_or_string(wire: object) -> None:
    assert CartErrorCode(wire) is CartErrorCode.CURRENCY_IS_NOT_SUPPORTED
    error = CartError.from_dict({"errorCode": wire})
    assert error.error_code is CartErrorCode.CURRENCY_IS_NOT_SUPPORTED
    assert error.error_code == 10000


@pytest.mark.parametrize("wire", [10000, "10000", 123456, "123456"])
def test_cart_error_code_is_written_back_as_read(wire: object) -> None:
    data = {"errorCode": wire, "errorDescription": "d"}
    error = CartError.from_dict(data)
    assert error.to_dict() == data
    assert type(error.to_dict()["errorCode"]) is type(wire)
    assert json.loads(error.to_json()) == data


def test_unknown_cart_error_code_is_kept() -> None:
    code = CartErrorCode(123456)
    assert isinstance(code, CartErrorCode)
    assert code == 123456
    assert code not in list(CartErrorCode)
    error = CartError.from_dict({"errorCode": 123456})
    assert error.error_code == 123456
    assert error.to_dict() == {"errorCode": 123456}


def test_cart_error_code_assigned_by_the_caller_is_written_as_int() -> None:
    error = CartError.from_dict({"errorCode": "10000"})
    error.error_code = CartErrorCode.QUOTA_NOT_AVAILABLE
    assert error.to_dict() == {"errorCode": 10002}


@pytest.mark.parametrize(
    ("member", "value"),
    [
        (BillingCycle.ONE_TIME, "one_time"),
        (BillingCycle.NONE, "none"),
        (BillingCycle.BIENNIAL, "biennial"),
        (CartErrorCode.UNKNOWN, 0),
        (CartErrorCode.CURRENCY_IS_NOT_SUPPORTED, 10000),
        (CartErrorCode.SUBSCRIPTION_IS_NOT_ENABLED_FOR_RI, 10008),
        (CartErrorCode.CODE400013, 400013),
        (CartErrorCode.LEGACY_OFFER_NOT_ELIGIBLE_FOR_PURCHASE, 500600),
        (CartErrorCode.CODE900317, 900317),
        (ParticipantType.ADDITIONAL_TRANSACTION_RESELLER, "additional_transaction_reseller"),
        (CartStatus.ACTIVE, "Active"),
    ],
    ids=lambda v: getattr(v, "name", None),
)
def test_member_names_come_from_x_enum_varnames(member: Any, value: object) -> None:
    assert member.value == value
    assert type(member)(value) is member
    assert member in type(member)


def test_enum_members_follow_the_spec(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    for cls in (BillingCycle, CartErrorCode, ParticipantType, CartStatus):
        schema = schemas[cls.__name__]
        assert [m.value for m in cls] == schema["enum"]
        varnames = schema["x-enum-varnames"]
        # UPPER_SNAKE of the spec's names: compare with the separators taken out.
        assert [m.name.replace("_", "") for m in cls] == [v.upper() for v in varnames]


# --------------------------------------------------------------------------------------------
# Recursion
# --------------------------------------------------------------------------------------------


def test_addon_items_nested_two_levels_round_trip() -> None:
    data = {
        "lineItems": [
            {
                "id": 0,
                "catalogItemId": "BASE",
                "quantity": 1,
                "billingCycle": "monthly",
                "addonItems": [
                    {
                        "catalogItemId": "ADDON-1",
                        "quantity": 2,
                        "billingCycle": "annual",
                        "addonItems": [
                            {
                                "catalogItemId": "ADDON-2",
                                "Quantity": 3,
                                "billingCycle": "quadrennial",
                                "error": {"errorCode": "10003"},
                                "extra": [1],
                            }
                        ],
                    }
                ],
            }
        ]
    }
    cart = Cart.from_json(json.dumps(data))
    level1 = cart.line_items[0].addon_items
    assert level1 is not None and len(level1) == 1
    assert isinstance(level1[0], CartLineItem)
    level2 = level1[0].addon_items
    assert level2 is not None and len(level2) == 1
    deepest = level2[0]
    assert isinstance(deepest, CartLineItem)
    assert deepest.catalog_item_id == "ADDON-2"
    assert deepest.quantity == 3
    assert deepest.addon_items is None
    assert deepest.error is not None
    assert deepest.error.error_code is CartErrorCode.INVENTORY_NOT_AVAILABLE
    assert deepest.additional_properties == {"extra": [1]}

    expected = copy.deepcopy(data)
    deepest_wire = expected["lineItems"][0]["addonItems"][0]["addonItems"][0]
    deepest_wire["quantity"] = deepest_wire.pop("Quantity")
    assert cart.to_dict() == expected
    assert json.loads(cart.to_json()) == expected


def deeply_nested_cart(depth: int) -> dict[str, Any]:
    item: dict[str, Any] = dict(LINE)
    for _ in range(depth):
        item = dict(LINE, addonItems=[item])
    return {"lineItems": [item]}


def test_deeply_nested_addon_items_from_json_do_not_overflow() -> None:
    # 400 levels: json.loads reads them, but reading the models recursively overflows the
    # stack. That must come out as DecodeError (or succeed), not as RecursionError.
    text = json.dumps(deeply_nested_cart(400))
    json.loads(text)  # the JSON parser itself copes with this depth
    try:
        cart = Cart.from_json(text)
    except DecodeError as exc:
        assert "nested" in str(exc)
    else:
        assert cart.to_dict() == json.loads(text)


def test_deeply_nested_addon_items_from_dict_do_not_overflow() -> None:
    data = deeply_nested_cart(400)
    try:
        cart = Cart.from_dict(data)
    except DecodeError:
        return  # refusing the depth is fine too
    assert cart.to_dict() == data


def test_a_subclass_with_its_own_fields_and_post_init_reads_as_constructed() -> None:
    # Models are read by code compiled for their class; a subclass's own defaults, and its
    # __post_init__, must come out as the dataclass constructor makes them.
    @dataclasses.dataclass(slots=True, kw_only=True)
    class Tagged(CartLineItem):
        tags: list[str] = dataclasses.field(default_factory=list)
        origin: str = "wire"

    @dataclasses.dataclass(slots=True, kw_only=True)
    class Checked(CartLineItem):
        seen: bool = False

        def __post_init__(self) -> None:
            self.seen = True

    first, second = Tagged.from_dict(LINE), Tagged.from_dict(LINE)
    assert (first.tags, first.origin) == ([], "wire")
    assert first.tags is not second.tags
    made = Tagged(**{f.name: getattr(first, f.name) for f in dataclasses.fields(first) if f.init})
    assert first == made
    assert Checked.from_dict(LINE).seen is True
    assert Tagged.from_dict(LINE).to_dict() == LINE == Checked.from_dict(LINE).to_dict()


def test_a_bad_value_deep_down_is_located_without_reading_it_again_at_every_level(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Locating the failing item by reading the list again, at each of 14 levels, would read
    # the deepest item 2**14 times; counting the steps the error is located through shows
    # whether the work is linear.
    depth = 14
    data = deeply_nested_cart(depth)
    item = data["lineItems"][0]
    for _ in range(depth):
        item = item["addonItems"][0]
    item["quantity"] = "many"
    steps = 0
    within = DecodeError.within

    def counted(self: DecodeError, step: str) -> DecodeError:
        nonlocal steps
        steps += 1
        return within(self, step)

    monkeypatch.setattr(DecodeError, "within", counted)
    with pytest.raises(DecodeError) as raised:
        Cart.from_dict(data)
    assert raised.value.path == "lineItems[0]" + ".addonItems[0]" * depth + ".quantity"
    assert steps <= 4 * (depth + 2)


# --------------------------------------------------------------------------------------------
# Bad data
# --------------------------------------------------------------------------------------------


def test_decode_error_is_a_value_error() -> None:
    assert issubclass(DecodeError, ValueError)


BAD_CARTS = [
    pytest.param(
        {"lineItems": [dict(LINE, quantity="two")]},
        "lineItems[0].quantity",
        "expected an integer",
        id="quantity-string",
    ),
    pytest.param(
        {"lineItems": [LINE, dict(LINE, quantity=True)]},
        "lineItems[1].quantity",
        "expected an integer",
        id="quantity-bool",
    ),
    pytest.param(
        {"lineItems": [dict(LINE, quantity=1.5)]},
        "lineItems[0].quantity",
        "expected an integer",
        id="quantity-float",
    ),
    pytest.param({"lineItems": {"0": LINE}}, "lineItems", "array", id="line-items-object"),
    pytest.param({"lineItems": "X"}, "lineItems", "array", id="line-items-string"),
    pytest.param({"lineItems": [5]}, "lineItems[0]", "CartLineItem", id="line-item-int"),
    pytest.param(
        {"lineItems": [{"quantity": 1, "billingCycle": "monthly"}]},
        "lineItems[0]",
        "catalogItemId",
        id="missing-catalog-item-id",
    ),
    pytest.param(
        {"lineItems": [dict(LINE, catalogItemId=None)]},
        "lineItems[0]",
        "catalogItemId",
        id="null-catalog-item-id",
    ),
    pytest.param({"lineItems": None}, "", "lineItems", id="null-line-items"),
    pytest.param({"id": "c"}, "", "lineItems", id="missing-line-items"),
    pytest.param(
        {"lineItems": [dict(LINE, billingCycle=5)]},
        "lineItems[0].billingCycle",
        "BillingCycle",
        id="billing-cycle-int",
    ),
    pytest.param(
        {"lineItems": [dict(LINE, billingCycle={"v": 1})]},
        "lineItems[0].billingCycle",
        "BillingCycle",
        id="billing-cycle-object",
    ),
    pytest.param(
        {"lineItems": [dict(LINE, provisioningContext={"scope": 1})]},
        "lineItems[0].provisioningContext['scope']",
        "string",
        id="provisioning-context-value",
    ),
    pytest.param(
        {"lineItems": [dict(LINE, error={"errorCode": "abc"})]},
        "lineItems[0].error.errorCode",
        "CartErrorCode",
        id="error-code-text",
    ),
    pytest.param(
        {"lineItems": [dict(LINE, error={"errorCode": [10000]})]},
        "lineItems[0].error.errorCode",
        "CartErrorCode",
        id="error-code-array",
    ),
    pytest.param(
        {"lineItems": [dict(LINE, addonItems=[dict(LINE, quantity="3")])]},
        "lineItems[0].addonItems[0].quantity",
        "expected an integer",
        id="nested-addon-quantity",
    ),
    pytest.param(
        {"lineItems": [], "creationTimestamp": "yesterday"},
        "creationTimestamp",
        "date-time",
        id="timestamp-text",
    ),
    pytest.param(
        {"lineItems": [], "creationTimestamp": 1547599541},
        "creationTimestamp",
        "date-time",
        id="timestamp-number",
    ),
    pytest.param(
        {"lineItems": [], "links": {"self": {"headers": [{"key": 1}]}}},
        "links.self.headers[0].key",
        "string",
        id="nested-link-header",
    ),
]


@pytest.mark.parametrize(("data", "path", "mentions"), BAD_CARTS)
def test_bad_data_raises_decode_error_with_its_path(data: Any, path: str, mentions: str) -> None:
    with pytest.raises(DecodeError) as caught:
        Cart.from_dict(data)
    assert caught.value.path == path
    message = str(caught.value)
    if path:
        assert message.startswith(f"{path}: ")
    assert mentions in message


@pytest.mark.parametrize(("data", "path", "mentions"), BAD_CARTS)
def test_bad_json_body_raises_decode_error(data: Any, path: str, mentions: str) -> None:
    with pytest.raises(DecodeError) as caught:
        Cart.from_json(json.dumps(data))
    assert caught.value.path == path


@pytest.mark.parametrize(
    "body",
    [[], [{"lineItems": []}], "cart", 5, None, True],
    ids=["empty-list", "list", "string", "int", "null", "bool"],
)
def test_body_not_an_object_raises_decode_error(body: Any) -> None:
    with pytest.raises(DecodeError, match="expected an object for Cart"):
        Cart.from_dict(body)
    with pytest.raises(DecodeError, match="expected an object for Cart"):
        Cart.from_json(json.dumps(body))


@pytest.mark.parametrize(
    "text",
    ["", "{", '{"lineItems": [}', "nul", "{'lineItems': []}", b"\xff\xfe{", "[1, 2"],
    ids=["empty", "open-brace", "bad-array", "truncated", "single-quotes", "bad-bytes", "open"],
)
def test_invalid_json_raises_decode_error(text: str | bytes) -> None:
    with pytest.raises(DecodeError, match="not valid JSON"):
        Cart.from_json(text)


def test_deeply_nested_json_raises_decode_error() -> None:
    with pytest.raises(DecodeError):
        Cart.from_json("[" * 100_000)


def test_error_body_code_reads_as_number_or_string() -> None:
    assert Error.from_dict({"code": 3000}).code == 3000
    assert Error.from_dict({"code": "3000"}).code == "3000"
    data = {"code": 3000, "description": "d", "data": [], "source": "PartnerFD"}
    assert Error.from_dict(data).to_dict() == data
    with pytest.raises(DecodeError, match="code"):
        Error.from_dict({"code": [3000]})


# --------------------------------------------------------------------------------------------
# Dataclass shape
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", [Cart, CartLineItem, CartError, Error])
def test_models_are_slotted_keyword_only_dataclasses(cls: type[Any]) -> None:
    assert dataclasses.is_dataclass(cls)
    assert "__slots__" in cls.__dict__
    params = dataclasses.fields(cls)
    assert params, "a model has fields"
    assert all(f.kw_only for f in params if f.init)
    assert dataclasses.fields(cls)[-1].name == "additional_properties"


def test_model_has_no_instance_dict() -> None:
    cart = Cart(line_items=[])
    assert not hasattr(cart, "__dict__")
    with pytest.raises(AttributeError):
        cart.lineItems = []  # type: ignore[attr-defined]


def test_model_init_is_keyword_only() -> None:
    with pytest.raises(TypeError):
        Cart([])  # type: ignore[misc]
    with pytest.raises(TypeError):
        CartLineItem("X", 1, BillingCycle.MONTHLY)  # type: ignore[misc]
    with pytest.raises(TypeError):
        CartLineItem(catalog_item_id="X", quantity=1)  # type: ignore[call-arg]


def test_equality_compares_values() -> None:
    def build() -> Cart:
        return Cart(
            id="c",
            line_items=[
                CartLineItem(catalog_item_id="X", quantity=1, billing_cycle=BillingCycle.MONTHLY)
            ],
        )

    assert build() == build()
    assert build() is not build()
    other = build()
    other.line_items[0].quantity = 2
    assert other != build()
    extra = build()
    extra.additional_properties["new"] = 1
    assert extra != build()


def test_equality_ignores_the_wire_spelling_read() -> None:
    # Same values read from different texts compare equal; only to_dict shows the texts.
    first = Cart.from_dict({"lineItems": [], "creationTimestamp": "2019-01-16T00:48:44.76Z"})
    second = Cart.from_dict(
        {"LineItems": [], "CreationTimestamp": "2019-01-16T00:48:44.760000+00:00"}
    )
    assert first == second
    assert first.to_dict() != second.to_dict()


def test_caller_built_cart_writes_exactly_its_fields() -> None:
    cart = Cart(
        line_items=[
            CartLineItem(catalog_item_id="X", quantity=1, billing_cycle=BillingCycle.MONTHLY)
        ]
    )
    written = cart.to_dict()
    assert written == {
        "lineItems": [{"catalogItemId": "X", "quantity": 1, "billingCycle": "monthly"}]
    }
    assert type(written["lineItems"][0]["billingCycle"]) is str
    assert json.loads(cart.to_json()) == written
    assert Cart.from_dict(written) == cart
