"""The intermediate model: names and shapes decided once, before any template runs."""

from __future__ import annotations

import pytest

from generator.errors import SpecError, SpecErrors
from generator.load import load
from generator.model import Api
from generator.parse import Settings, build
from generator.validate import validate

from .conftest import SPEC

SETTINGS = Settings(package_name="pkg", project_name="pkg")


@pytest.fixture(scope="module")
def api() -> Api:
    doc = load(SPEC)
    validate(doc)
    return build(doc, SETTINGS)


def model_of(write_spec, schemas: str, paths: str = "{}") -> Api:
    text = (
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\n"
        f"paths: {paths}\ncomponents:\n  schemas:\n{schemas}"
    )
    doc = load(write_spec(text))
    validate(doc)
    return build(doc, SETTINGS)


def test_every_schema_becomes_a_class_with_a_module(api: Api) -> None:
    names = {c.name: c.module for c in api.classes}
    assert names["Cart"] == "cart"
    assert names["CartLineItem"] == "cart_line_item"
    assert names["CartErrorCode"] == "cart_error_code"
    assert {"BillingCycle", "ParticipantType", "OrderStatus", "CartStatus"} <= set(names)
    assert len(set(names.values())) == len(names)


def test_properties_are_snake_case_typed_and_keep_their_wire_names(api: Api) -> None:
    cart = next(m for m in api.models if m.name == "Cart")
    props = {p.wire_name: p for p in cart.properties}
    assert props["lineItems"].attr == "line_items"
    assert props["lineItems"].annotation == "list[CartLineItem]"
    assert props["lineItems"].required
    assert props["creationTimestamp"].annotation == "datetime.datetime | None"
    assert props["status"].type.codec == "c.enum(CartStatus)"


def test_recursive_line_items_reference_their_own_class(api: Api) -> None:
    item = next(m for m in api.models if m.name == "CartLineItem")
    addon = next(p for p in item.properties if p.wire_name == "addonItems")
    assert addon.type.annotation == "list[CartLineItem]"
    assert item.ref not in item.referenced  # its own module needs no import of itself


def test_integer_enum_members_come_from_x_enum_varnames(api: Api) -> None:
    codes = next(e for e in api.enums if e.name == "CartErrorCode")
    assert codes.base == "IntEnum"
    members = {m.value: m.name for m in codes.members}
    assert members[10000] == "CURRENCY_IS_NOT_SUPPORTED"
    assert members[400013] == "CODE400013"
    cycle = next(e for e in api.enums if e.name == "BillingCycle")
    assert {m.name for m in cycle.members} >= {"ONE_TIME", "NONE", "BIENNIAL"}


def test_integral_numbers_in_an_integer_enum_are_integers(write_spec) -> None:
    # JSON has one number type; YAML and JSON writers may spell 2 as 2.0.
    api = model_of(write_spec, "    Level: {type: integer, enum: [1, 2.0, 3]}\n")
    (level,) = api.enums
    assert level.base == "IntEnum"
    assert [(m.name, m.value) for m in level.members] == [
        ("VALUE_1", 1),
        ("VALUE_2", 2),
        ("VALUE_3", 3),
    ]
    assert all(type(m.value) is int for m in level.members)


def test_operations_become_methods_named_from_operation_ids(api: Api) -> None:
    (group,) = api.groups
    assert (group.tag, group.attr, group.class_name) == ("carts", "carts", "CartsApi")
    assert [op.method_name for op in group.operations] == ["checkout", "create", "get", "update"]
    update = next(op for op in group.operations if op.method_name == "update")
    assert [p.name for p in update.positional] == ["customer_id", "cart_id", "cart"]
    assert [p.name for p in update.keyword_only] == [
        "version",
        "ms_correlationid",
        "ms_cv",
        "ms_requestid",
    ]
    version = update.keyword_only[0]
    assert version.default == "'1'"
    assert [r.status for r in update.responses] == [
        "200",
        "201",
        "400",
        "401",
        "403",
        "404",
        "429",
        "500",
    ]


def test_colliding_names_get_stable_unique_names(write_spec) -> None:
    api = model_of(
        write_spec,
        "    a-b:\n      type: object\n      properties: {x: {type: string}}\n"
        "    A_B:\n      type: object\n      properties:\n"
        "        fooBar: {type: string}\n        foo_bar: {type: integer}\n"
        "        class: {type: string}\n        to_dict: {type: string}\n",
    )
    assert sorted(m.name for m in api.models) == ["AB", "AB_2"]
    second = next(m for m in api.models if m.spec_name == "a-b")
    assert second.name == "AB_2"  # sorted spec names decide who keeps the plain name
    first = next(m for m in api.models if m.spec_name == "A_B")
    assert [p.attr for p in first.properties] == ["foo_bar", "foo_bar_2", "class_", "to_dict_"]
    assert len({m.module for m in api.models}) == 2


def test_inline_objects_and_enums_are_named_from_their_place(write_spec) -> None:
    api = model_of(
        write_spec,
        "    Pet:\n      type: object\n      properties:\n"
        "        owner:\n          type: object\n          properties: {name: {type: string}}\n"
        "        kind: {type: string, enum: [cat, dog]}\n",
    )
    assert {c.name for c in api.classes} == {"Pet", "PetOwner", "PetKind"}


def test_all_of_merges_properties_and_required(write_spec) -> None:
    api = model_of(
        write_spec,
        "    Base:\n      type: object\n      required: [id]\n"
        "      properties: {id: {type: string}}\n"
        "    Pet:\n      allOf:\n        - $ref: '#/components/schemas/Base'\n"
        "        - type: object\n          properties: {name: {type: string}}\n",
    )
    pet = next(m for m in api.models if m.name == "Pet")
    assert [(p.wire_name, p.required) for p in pet.properties] == [("id", True), ("name", False)]


def test_a_ref_loop_with_no_object_between_is_refused_with_its_place(write_spec) -> None:
    with pytest.raises(SpecErrors) as caught:
        model_of(
            write_spec,
            "    A:\n      $ref: '#/components/schemas/B'\n"
            "    B:\n      $ref: '#/components/schemas/A'\n",
        )
    assert [e.rule for e in caught.value.errors] == ["ref-loop", "ref-loop"]
    assert [e.location.line for e in caught.value.errors if e.location] == [7, 9]


def test_recursion_through_properties_is_legal(write_spec) -> None:
    api = model_of(
        write_spec,
        "    Node:\n      type: object\n      properties:\n"
        "        children: {type: array, items: {$ref: '#/components/schemas/Node'}}\n"
        "        parent: {$ref: '#/components/schemas/Node'}\n",
    )
    (node,) = api.models
    assert [p.annotation for p in node.properties] == ["list[Node] | None", "Node | None"]


def test_a_ref_loop_found_while_modelling_is_located(write_spec) -> None:
    # Without validation first, the parser itself refuses the loop rather than recursing.
    text = (
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
        "    A:\n      $ref: '#/components/schemas/B'\n"
        "    B:\n      $ref: '#/components/schemas/A'\n"
    )
    with pytest.raises(SpecError) as caught:
        build(load(write_spec(text)), SETTINGS)
    assert caught.value.rule == "ref-loop"


def test_nullable_and_maps(write_spec) -> None:
    api = model_of(
        write_spec,
        "    M:\n      type: object\n      required: [n]\n      properties:\n"
        "        n: {type: string, nullable: true}\n"
        "        tags: {type: object, additionalProperties: {type: integer}}\n"
        "        free: {type: object}\n",
    )
    (m,) = api.models
    props = {p.wire_name: p for p in m.properties}
    assert props["n"].annotation == "str | None"
    assert props["tags"].annotation == "dict[str, int] | None"
    assert props["free"].annotation == "dict[str, Any] | None"
