"""How spec names become Python names."""

from __future__ import annotations

import keyword

import pytest

from generator import naming


@pytest.mark.parametrize(
    ("wire", "expected"),
    [
        ("lastModifiedTimestamp", "last_modified_timestamp"),
        ("ms-correlationid", "ms_correlationid"),
        ("MS-RequestId", "ms_request_id"),
        ("HTTPResponse", "http_response"),
        ("LineItems", "line_items"),
        ("objectType", "object_type"),
        ("a.b c", "a_b_c"),
        ("class", "class_"),
        ("match", "match_"),
        ("list", "list_"),
        ("to_dict", "to_dict_"),
        ("additionalProperties", "additional_properties_"),
        ("1st", "field_1st"),
        ("Größe", "groe"),
        ("日付", "u65e5_u4ed8"),
        ("id", "id"),
    ],
)
def test_attribute_names(wire: str, expected: str) -> None:
    assert naming.attribute_name(wire) == expected


@pytest.mark.parametrize("wire", ["id", "type", "self", "body", "list", "from", "async"])
def test_parameter_names_never_shadow_builtins_or_keywords(wire: str) -> None:
    name = naming.parameter_name(wire)
    assert name.isidentifier()
    assert not keyword.iskeyword(name)
    assert name not in {"id", "type", "self", "body", "list"}


@pytest.mark.parametrize(
    ("spec_name", "expected"),
    [
        ("Cart", "Cart"),
        ("cart-line item", "CartLineItem"),
        ("ResourceLinks", "ResourceLinks"),
        ("Exception", "Exception_"),
        ("Any", "Any_"),
        ("2fa", "Model2fa"),
    ],
)
def test_class_names(spec_name: str, expected: str) -> None:
    assert naming.class_name(spec_name) == expected


@pytest.mark.parametrize(
    ("operation_id", "tag", "expected"),
    [
        ("Carts_Get", "carts", "get"),
        ("Carts_Checkout", "carts", "checkout"),
        ("getCart", "carts", "get"),
        ("checkoutCart", "carts", "checkout"),
        ("listPets", "pets", "list_"),
        ("Orders_Get", "carts", "orders_get"),
    ],
)
def test_method_names(operation_id: str, tag: str, expected: str) -> None:
    assert naming.method_name(operation_id, tag) == expected


@pytest.mark.parametrize(
    ("value", "varname", "expected"),
    [
        ("one_time", None, "ONE_TIME"),
        ("one_time", "OneTime", "ONE_TIME"),
        (10000, "CurrencyIsNotSupported", "CURRENCY_IS_NOT_SUPPORTED"),
        (10000, None, "VALUE_10000"),
        (-1, None, "VALUE_MINUS_1"),
        ("", None, "EMPTY"),
        ("2x", None, "VALUE_2X"),
        ("name", None, "NAME_"),
    ],
)
def test_enum_member_names(value: object, varname: str | None, expected: str) -> None:
    assert naming.enum_member_name(value, varname) == expected


def test_unique_is_stable_and_suffixes_in_order() -> None:
    assert naming.unique(["a", "a", "b", "a"]) == ["a", "a_2", "b", "a_3"]
    assert naming.unique(["id"], taken={"id"}) == ["id_2"]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Swagger Petstore", "swagger_petstore"),
        ("class", "class_"),
        ("名前", "u540d_u524d"),
        ("", "client"),
        ("1 API", "m_1_api"),
    ],
)
def test_package_names_from_titles(title: str, expected: str) -> None:
    assert naming.package_name(title) == expected
