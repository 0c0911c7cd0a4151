"""Checks spec/partner-center.yaml against the pages it was transcribed from.

The data below is copied by hand from the three seed pages:

- seed 000: REST reference "Manage orders - Update an existing cart" (PUT), Russian;
- seed 001: doc page "Update a cart" (property tables with required flags, examples), Portuguese;
- seed 002: REST reference "Manage orders - Check out an existing cart" (POST), Japanese;

and from the facts gathered from the public .NET SDK (enum member names, values the pages lost,
the create and get operations, throttling). Every item is its own test id, so a missing property,
enum value, status code, header or media type shows up by name.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

SPEC_PATH = Path(__file__).resolve().parent.parent / "spec" / "partner-center.yaml"


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    with SPEC_PATH.open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    assert isinstance(document, dict)
    return document


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def resolve(spec: dict[str, Any], node: Any) -> Any:
    """Follow local `$ref`s (`#/...`) until a node without one is reached."""
    seen: set[str] = set()
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/"), f"non-local $ref {ref!r}"
        assert ref not in seen, f"$ref cycle at {ref!r}"
        seen.add(ref)
        node = spec
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def schema_ref(name: str) -> str:
    return f"#/components/schemas/{name}"


def component_schema(spec: dict[str, Any], name: str) -> dict[str, Any]:
    schemas = spec.get("components", {}).get("schemas", {})
    assert name in schemas, f"components/schemas/{name} is missing"
    return schemas[name]


def find_property(
    spec: dict[str, Any], schema_name: str, prop: str, *, casefold: bool = False
) -> tuple[str, dict[str, Any]]:
    """Return (spec property name, property schema); case-insensitive only when asked."""
    properties = component_schema(spec, schema_name).get("properties", {})
    if casefold:
        matches = [name for name in properties if name.lower() == prop.lower()]
    else:
        matches = [name for name in properties if name == prop]
    assert matches, f"{schema_name}.{prop} is missing (has: {sorted(properties)})"
    return matches[0], properties[matches[0]]


def operation(
    spec: dict[str, Any], operation_id: str
) -> tuple[str, dict[str, Any], dict[str, Any]]:
    method, path = OPERATIONS[operation_id]
    assert path in spec.get("paths", {}), f"path {path} is missing"
    path_item = spec["paths"][path]
    assert method in path_item, f"{method.upper()} {path} is missing"
    return path, path_item, path_item[method]


def operation_parameters(spec: dict[str, Any], operation_id: str) -> list[dict[str, Any]]:
    """Path-level and operation-level parameters, resolved (operation-level win)."""
    _, path_item, op = operation(spec, operation_id)
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for raw in [*path_item.get("parameters", []), *op.get("parameters", [])]:
        param = resolve(spec, raw)
        merged[(param["name"].lower(), param["in"])] = param
    return list(merged.values())


# --------------------------------------------------------------------------------------------
# Seed data: definitions
# --------------------------------------------------------------------------------------------

CORE = "Microsoft.Partner.Core.Collections."
CARTS = "Microsoft.Partner.Services.Carts.V1.Models."
ORDERS = "Microsoft.Partner.Services.Orders.V2.Models."
KVP = "System.Collections.Generic.KeyValuePair"
KVP_PARTICIPANT = f"{KVP}[{CARTS}ParticipantType,System.String]"
KVP_STRING = f"{KVP}[System.String,System.String]"

# The seed definition names and the spec's schema names.
SCHEMA_FOR_DEFINITION = {
    f"{CORE}Link": "Link",
    f"{CORE}ResourceAttributes": "ResourceAttributes",
    f"{CORE}ResourceLinks": "ResourceLinks",
    f"{CARTS}Cart": "Cart",
    f"{CARTS}CartError": "CartError",
    f"{CARTS}CartLineItem": "CartLineItem",
    f"{CARTS}PurchaseCommitment": "PurchaseCommitment",
    f"{CARTS}RenewsTo": "RenewsTo",
    f"{CARTS}CartCheckoutResult": "CartCheckoutResult",
    KVP_PARTICIPANT: "Participant",
    KVP_STRING: "KeyValuePair",
    f"{ORDERS}ClientContext": "ClientContext",
    f"{ORDERS}Order": "Order",
    f"{ORDERS}OrderError": "OrderError",
    f"{ORDERS}OrderLineItem": "OrderLineItem",
    f"{ORDERS}OrderLineItemLinks": "OrderLineItemLinks",
    f"{ORDERS}OrderLinks": "OrderLinks",
    f"{ORDERS}Pricing": "Pricing",
    # The pages define identical Orders.V2 copies; the spec shares one schema.
    f"{ORDERS}PurchaseCommitment": "PurchaseCommitment",
    f"{ORDERS}RenewsTo": "RenewsTo",
}

# Types as the pages print them: a JSON type, "enum", a definition name (optionally with "[]"),
# or None where the page lost the type (empty cell, or cut to "Microsoft." / "System.").
SEED_000_DEFINITIONS: dict[str, dict[str, str | None]] = {
    f"{CORE}Link": {
        "body": "string",
        "headers": f"{KVP_STRING}[]",
        "method": "string",
        "uri": "string",
    },
    f"{CORE}ResourceAttributes": {"etag": "string", "objectType": "string"},
    f"{CORE}ResourceLinks": {
        "next": f"{CORE}Link",
        "previous": f"{CORE}Link",
        "self": f"{CORE}Link",
    },
    f"{CARTS}Cart": {
        "attributes": f"{CORE}ResourceAttributes",
        "creationTimestamp": "string",
        "expirationTimestamp": "string",
        "id": "string",
        "lastModifiedTimestamp": "string",
        "lastModifiedUser": "string",
        "lineItems": f"{CARTS}CartLineItem[]",
        "links": f"{CORE}ResourceLinks",
        "status": "string",
    },
    f"{CARTS}CartError": {"errorCode": "enum", "errorDescription": "string"},
    f"{CARTS}CartLineItem": {
        "addonItems": f"{CARTS}CartLineItem[]",
        "attestationAccepted": "boolean",
        "billingCycle": "enum",
        "catalogItemId": "string",
        "currencyCode": "string",
        "customTermEndDate": "string",
        "error": f"{CARTS}CartError",
        "friendlyName": "string",
        "id": "integer",
        "orderGroup": "string",
        "participants": f"{KVP_PARTICIPANT}[]",
        "promotionId": "string",
        "provisioningContext": "object",
        "purchaseCommitment": f"{CARTS}PurchaseCommitment",
        "quantity": "integer",
        "renewsTo": f"{CARTS}RenewsTo",
        "termDuration": "string",
    },
    f"{CARTS}PurchaseCommitment": {"amount": "number", "currency": "string", "grain": "string"},
    f"{CARTS}RenewsTo": {"termDuration": "string"},
    KVP_PARTICIPANT: {"key": "enum", "value": "string"},
    KVP_STRING: {"key": "string", "value": "string"},
}

# Seed 000, "request body" table of the PUT: the cart's properties.
SEED_000_REQUEST_BODY = [
    "attributes",
    "creationTimestamp",
    "expirationTimestamp",
    "id",
    "lastModifiedTimestamp",
    "lastModifiedUser",
    "lineItems",
    "links",
    "status",
]

SEED_002_DEFINITIONS: dict[str, dict[str, str | None]] = {
    f"{CORE}Link": {
        "body": "string",
        "headers": None,  # printed as "System."
        "method": "string",
        "uri": "string",
    },
    f"{CORE}ResourceAttributes": {"etag": "string", "objectType": "string"},
    f"{CARTS}CartCheckoutResult": {"attributes": None, "orderErrors": None, "orders": None},
    f"{ORDERS}ClientContext": {
        "deviceFamily": "string",
        "marketplaceCountry": "string",
        "name": "string",
    },
    f"{ORDERS}Order": {
        "alternateId": "string",
        "attributes": None,
        "billingCycle": "enum",  # the value list was lost on the page
        "client": None,
        "creationDate": "string",
        "currencyCode": "string",
        "currencySymbol": "string",
        "id": "string",
        "lineItems": None,
        "links": None,
        "referenceCustomerId": "string",
        "status": "enum",  # the value list was lost on the page
        "totalPrice": "number",
        "transactionType": "string",
    },
    f"{ORDERS}OrderError": {
        "attributes": None,
        "code": "integer",
        "description": "string",
        "orderGroupId": "string",
    },
    f"{ORDERS}OrderLineItem": {
        "attestationAccepted": "boolean",
        "customTermEndDate": "string",
        "friendlyName": "string",
        "lineItemNumber": "integer",
        "links": None,  # printed as "Microsoft."
        "offerId": "string",
        "parentSubscriptionId": "string",
        "partnerIdOnRecord": "string",
        "pricing": None,
        "promotionId": "string",
        "provisioningContext": "object",
        "purchaseCommitment": None,  # printed as "Microsoft."
        "quantity": "integer",
        "renewsTo": None,
        "subscriptionId": "string",
        "termDuration": "string",
        "transactionType": "string",
    },
    f"{ORDERS}OrderLineItemLinks": {
        "activationLinks": None,
        "availability": None,
        "product": None,
        "provisioningStatus": None,
        "sku": None,
        "subscription": None,
    },
    f"{ORDERS}OrderLinks": {"patchOperation": None, "provisioningStatus": None, "self": None},
    f"{ORDERS}Pricing": {
        "discountedPrice": "number",
        "extendedPrice": "number",
        "listPrice": "number",
        "price": "number",
        "proratedPrice": "number",
    },
    f"{ORDERS}PurchaseCommitment": {"amount": "number", "currency": "string", "grain": "string"},
    f"{ORDERS}RenewsTo": {"termDuration": "string"},
    KVP_STRING: {"key": "string", "value": "string"},
}

# Seed 001, the Cart and CartLineItem tables: (definition, property as printed, required).
SEED_001_PROPERTIES: list[tuple[str, str, bool]] = [
    ("Cart", "id", False),
    ("Cart", "creationTimeStamp", False),
    ("Cart", "lastModifiedTimeStamp", False),
    ("Cart", "expirationTimeStamp", False),
    ("Cart", "lastModifiedUser", False),
    ("Cart", "lineItems", True),
    ("CartLineItem", "id", False),
    ("CartLineItem", "catalogId", True),
    ("CartLineItem", "friendlyName", False),
    ("CartLineItem", "quantity", True),
    ("CartLineItem", "currencyCode", False),
    ("CartLineItem", "billingCycle", True),
    ("CartLineItem", "participants", False),
    ("CartLineItem", "provisioningContext", False),
    ("CartLineItem", "orderGroup", False),
    ("CartLineItem", "error", False),
]
# Seed 001 spells the three timestamps with a capital S; these alone compare case-insensitively.
SEED_001_CASE_DIFFERS = {"creationTimeStamp", "lastModifiedTimeStamp", "expirationTimeStamp"}
# Seed 001 calls the catalog item id "catalogId": a doc typo. The REST reference (seed 000) and
# every example, on that very page too, use "catalogItemId".
SEED_001_RENAMED = {"catalogId": "catalogItemId"}

# Fields the .NET SDK has and the pages do not.
FACTS_EXTRA_PROPERTIES = [
    ("Cart", "partnerOnRecordAttestationAccepted", "boolean"),
    ("CartLineItem", "purchaseSystem", "string"),
    ("CartError", "additionalInformation", "object"),
    ("OrderLineItem", "additionalPartnerIdsOnRecord", "array"),
    ("Order", "partnerOnRecordAttestationAccepted", "boolean"),
]


def _definition_cases(seed: str, definitions: dict[str, dict[str, str | None]]) -> list[Any]:
    return [
        pytest.param(
            definition,
            prop,
            seed_type,
            id=f"{seed}-{SCHEMA_FOR_DEFINITION[definition]}.{prop}",
        )
        for definition, properties in definitions.items()
        for prop, seed_type in properties.items()
    ]


DEFINITION_CASES = _definition_cases("000", SEED_000_DEFINITIONS) + _definition_cases(
    "002", SEED_002_DEFINITIONS
)


@pytest.mark.parametrize(("definition", "prop", "seed_type"), DEFINITION_CASES)
def test_reference_property_present(
    spec: dict[str, Any], definition: str, prop: str, seed_type: str | None
) -> None:
    find_property(spec, SCHEMA_FOR_DEFINITION[definition], prop)


@pytest.mark.parametrize(
    ("definition", "prop", "seed_type"),
    [case for case in DEFINITION_CASES if case.values[2] is not None],
)
def test_reference_property_type(
    spec: dict[str, Any], definition: str, prop: str, seed_type: str
) -> None:
    _, prop_schema = find_property(spec, SCHEMA_FOR_DEFINITION[definition], prop)
    if seed_type.endswith("[]"):
        assert prop_schema.get("type") == "array"
        assert prop_schema.get("items") == {
            "$ref": schema_ref(SCHEMA_FOR_DEFINITION[seed_type[:-2]])
        }
    elif seed_type in SCHEMA_FOR_DEFINITION:
        assert prop_schema == {"$ref": schema_ref(SCHEMA_FOR_DEFINITION[seed_type])}
    elif seed_type == "enum":
        assert resolve(spec, prop_schema).get("enum"), f"{prop} has no enum"
    else:
        # A plain JSON type; a $ref to a string enum (e.g. cart status) is still a string.
        assert resolve(spec, prop_schema).get("type") == seed_type


@pytest.mark.parametrize("prop", SEED_000_REQUEST_BODY)
def test_update_request_body_property(spec: dict[str, Any], prop: str) -> None:
    _, _, op = operation(spec, "Carts_Update")
    body = resolve(spec, op["requestBody"])
    body_schema = resolve(spec, body["content"]["application/json"]["schema"])
    assert prop in body_schema.get("properties", {})


@pytest.mark.parametrize(
    ("schema_name", "seed_prop", "required"),
    [pytest.param(*item, id=f"001-{item[0]}.{item[1]}") for item in SEED_001_PROPERTIES],
)
def test_doc_page_property_present(
    spec: dict[str, Any], schema_name: str, seed_prop: str, required: bool
) -> None:
    prop = SEED_001_RENAMED.get(seed_prop, seed_prop)
    find_property(spec, schema_name, prop, casefold=seed_prop in SEED_001_CASE_DIFFERS)


@pytest.mark.parametrize(
    ("schema_name", "seed_prop", "required"),
    [pytest.param(*item, id=f"001-{item[0]}.{item[1]}") for item in SEED_001_PROPERTIES],
)
def test_doc_page_required_flag(
    spec: dict[str, Any], schema_name: str, seed_prop: str, required: bool
) -> None:
    prop = SEED_001_RENAMED.get(seed_prop, seed_prop)
    name, _ = find_property(spec, schema_name, prop, casefold=seed_prop in SEED_001_CASE_DIFFERS)
    assert (name in component_schema(spec, schema_name).get("required", [])) is required


def test_doc_page_catalog_id_is_described_as_typo(spec: dict[str, Any]) -> None:
    _, prop_schema = find_property(spec, "CartLineItem", "catalogItemId")
    assert "catalogId" in prop_schema.get("description", "")
    assert "catalogId" not in component_schema(spec, "CartLineItem")["properties"]


@pytest.mark.parametrize(
    ("schema_name", "prop", "json_type"),
    [pytest.param(*item, id=f"facts-{item[0]}.{item[1]}") for item in FACTS_EXTRA_PROPERTIES],
)
def test_facts_extra_property(
    spec: dict[str, Any], schema_name: str, prop: str, json_type: str
) -> None:
    _, prop_schema = find_property(spec, schema_name, prop)
    assert prop_schema.get("type") == json_type


# --------------------------------------------------------------------------------------------
# Enums
# --------------------------------------------------------------------------------------------

# Seed 000, CartError.errorCode, in the page's order.
SEED_000_ERROR_CODES = [
    0, 10000, 10002, 10003, 10004, 10006, 10007, 10008, 10009, 10010, 10011, 10012,
    400013, 400019, 400028, 400041, 400042, 400075, 400076, 900312, 900314, 900315, 900317,
]  # fmt: skip
# Seed 000, CartLineItem.billingCycle.
SEED_000_BILLING_CYCLES = ["annual", "monthly", "none", "one_time", "triennial", "unknown"]
# Seed 000, KeyValuePair[ParticipantType,String].key.
SEED_000_PARTICIPANT_KEYS = ["consumption_reseller", "transaction_reseller", "unknown"]

# Facts: (schema, property, value) the pages lost or never had.
FACTS_ENUM_VALUES: list[tuple[str, str, Any]] = [
    *[("CartError", "errorCode", code) for code in (10001, *range(10013, 10020), 500600)],
    ("CartLineItem", "billingCycle", "biennial"),
    ("Participant", "key", "additional_transaction_reseller"),
    *[("Order", "status", value) for value in ("unknown", "completed", "pending", "cancelled")],
    # The page lost Order.billingCycle's list: it is the billing cycle type.
    *[("Order", "billingCycle", value) for value in [*SEED_000_BILLING_CYCLES, "biennial"]],
    *[
        ("Order", "transactionType", value)
        for value in ("UserPurchase", "SystemPurchase", "SystemBilling")
    ],
    ("Cart", "status", "Active"),
    ("Cart", "status", "Ordered"),
]

ENUM_VALUE_CASES = [
    *[
        pytest.param("CartError", "errorCode", v, id=f"000-errorCode-{v}")
        for v in SEED_000_ERROR_CODES
    ],
    *[
        pytest.param("CartLineItem", "billingCycle", v, id=f"000-billingCycle-{v}")
        for v in SEED_000_BILLING_CYCLES
    ],
    *[
        pytest.param("Participant", "key", v, id=f"000-participant-{v}")
        for v in SEED_000_PARTICIPANT_KEYS
    ],
    *[pytest.param(s, p, v, id=f"facts-{s}.{p}-{v}") for s, p, v in FACTS_ENUM_VALUES],
]


@pytest.mark.parametrize(("schema_name", "prop", "value"), ENUM_VALUE_CASES)
def test_enum_value_present(spec: dict[str, Any], schema_name: str, prop: str, value: Any) -> None:
    _, prop_schema = find_property(spec, schema_name, prop)
    enum = resolve(spec, prop_schema).get("enum", [])
    assert value in enum
    # An integer code must stay an integer, a wire string a string.
    assert [type(v) for v in enum if v == value] == [type(value)]


# Seed 000 codes that no public source names: they get neutral names (Code400013, ...).
UNNAMED_ERROR_CODES = [
    400013, 400019, 400028, 400041, 400042, 400075, 400076, 900312, 900314, 900315, 900317,
]  # fmt: skip

# Facts: the .NET SDK member names, and the neutral names for the codes no source names.
FACTS_MEMBER_NAMES: dict[str, list[tuple[Any, str]]] = {
    "CartErrorCode": [
        (0, "Unknown"),
        (10000, "CurrencyIsNotSupported"),
        (10001, "CatalogItemIdIsNotValid"),
        (10002, "QuotaNotAvailable"),
        (10003, "InventoryNotAvailable"),
        (10004, "ParticipantsIsNotSupportedForPartner"),
        (10006, "UnableToProcessCartLineItem"),
        (10007, "SubscriptionIsNotValid"),
        (10008, "SubscriptionIsNotEnabledForRI"),
        (10009, "SandboxLimitExceeded"),
        (10010, "InvalidInput"),
        (10011, "SubscriptionNotRegistered"),
        (10012, "AttestationNotAccepted"),
        (10013, "BillingPlanNotSupported"),
        (10014, "InvalidPromotionId"),
        (10015, "MaxAllowedSeatsPerSubscriptionExceeded"),
        (10016, "InvalidCustomTermEndDateProduct"),
        (10017, "InvalidCustomTermEndDate"),
        (10018, "BaseOfferSeatQuantityNotMet"),
        (10019, "MinimumAddOnSeatsNotMet"),
        (500600, "LegacyOfferNotEligibleForPurchase"),
        *[(code, f"Code{code}") for code in UNNAMED_ERROR_CODES],
    ],
    "BillingCycle": [
        ("unknown", "Unknown"),
        ("monthly", "Monthly"),
        ("annual", "Annual"),
        ("none", "None"),
        ("one_time", "OneTime"),
        ("triennial", "Triennial"),
        ("biennial", "Biennial"),
    ],
    "ParticipantType": [
        ("unknown", "Unknown"),
        ("transaction_reseller", "TransactionReseller"),
        ("consumption_reseller", "ConsumptionReseller"),
        ("additional_transaction_reseller", "AdditionalTransactionReseller"),
    ],
    "OrderStatus": [
        ("unknown", "Unknown"),
        ("completed", "Completed"),
        ("pending", "Pending"),
        ("cancelled", "Cancelled"),
    ],
    "OrderTransactionType": [
        ("UserPurchase", "UserPurchase"),
        ("SystemPurchase", "SystemPurchase"),
        ("SystemBilling", "SystemBilling"),
    ],
    "CartStatus": [("Active", "Active"), ("Ordered", "Ordered")],
}


@pytest.mark.parametrize(
    ("schema_name", "value", "member"),
    [
        pytest.param(name, value, member, id=f"{name}-{value}-{member}")
        for name, pairs in FACTS_MEMBER_NAMES.items()
        for value, member in pairs
    ],
)
def test_enum_member_name(spec: dict[str, Any], schema_name: str, value: Any, member: str) -> None:
    schema = component_schema(spec, schema_name)
    enum = schema.get("enum", [])
    names = schema.get("x-enum-varnames", [])
    assert value in enum
    assert member in names
    assert names[enum.index(value)] == member


@pytest.mark.parametrize("schema_name", sorted(FACTS_MEMBER_NAMES))
def test_enum_has_no_unexpected_values(spec: dict[str, Any], schema_name: str) -> None:
    schema = component_schema(spec, schema_name)
    assert sorted(map(str, schema["enum"])) == sorted(
        str(value) for value, _ in FACTS_MEMBER_NAMES[schema_name]
    )


def _all_enums(node: Any, where: str) -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        if isinstance(node.get("enum"), list):
            found.append((where, node))
        for key, value in node.items():
            if key not in ("example", "examples", "default", "enum"):
                found.extend(_all_enums(value, f"{where}/{key}"))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_all_enums(value, f"{where}/{index}"))
    return found


def test_every_enum_has_matching_varnames(spec: dict[str, Any]) -> None:
    enums = _all_enums(spec, "#")
    assert len(enums) >= len(FACTS_MEMBER_NAMES)
    problems = [
        f"{where}: {len(node['enum'])} values, {len(node.get('x-enum-varnames', []))} names"
        for where, node in enums
        if len(node.get("x-enum-varnames", [])) != len(node["enum"])
    ]
    assert not problems, problems
    for where, node in enums:
        names = node["x-enum-varnames"]
        assert len(set(names)) == len(names), f"{where}: duplicate names"
        assert all(re.fullmatch(r"[A-Z][A-Za-z0-9]*", name) for name in names), where


# --------------------------------------------------------------------------------------------
# Operations, status codes, headers, media types
# --------------------------------------------------------------------------------------------

OPERATIONS = {
    # Seeds 000 and 001.
    "Carts_Update": ("put", "/v{version}/customers/{customer_id}/carts/{cart_id}"),
    # Seed 002.
    "Carts_Checkout": ("post", "/v{version}/customers/{customer_id}/carts/{cart_id}/checkout"),
    # Facts.
    "Carts_Create": ("post", "/v{version}/customers/{customer_id}/carts"),
    "Carts_Get": ("get", "/v{version}/customers/{customer_id}/carts/{cart_id}"),
}

ERROR_CODES = ["400", "401", "403", "404", "500"]
# Status codes as the seed pages list them (update: seed 000; checkout: seed 002), and for the
# operations the seeds do not cover, as the facts give them. 429 (throttling) is from the facts.
STATUS_CODES = {
    "Carts_Update": ["200", "201", *ERROR_CODES, "429"],
    "Carts_Checkout": ["200", "201", *ERROR_CODES, "429"],
    "Carts_Create": ["201", *ERROR_CODES, "429"],
    "Carts_Get": ["200", *ERROR_CODES, "429"],
}
SUCCESS_SCHEMA = {
    "Carts_Update": "Cart",
    "Carts_Checkout": "CartCheckoutResult",
    "Carts_Create": "Cart",
    "Carts_Get": "Cart",
}
# Media types as the seeds list them.
REQUEST_MEDIA_TYPES = [
    "application/json",
    "text/json",
    "application/xml",
    "text/xml",
    "application/x-www-form-urlencoded",
]
RESPONSE_MEDIA_TYPES = ["application/json", "text/json", "application/xml", "text/xml"]
HAS_BODY = {"Carts_Update": True, "Carts_Create": True, "Carts_Checkout": False, "Carts_Get": False}

# Seeds 000 and 002: the optional request headers, with their documented meanings.
OPTIONAL_HEADERS = {
    "ms-correlationid": "tracking",
    "ms-cv": "tracking",
    "ms-requestid": "idempotency",
}
PATH_PARAMETERS = {
    "Carts_Update": ["version", "customer_id", "cart_id"],
    "Carts_Checkout": ["version", "customer_id", "cart_id"],
    "Carts_Create": ["version", "customer_id"],
    "Carts_Get": ["version", "customer_id", "cart_id"],
}


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_operation_present(spec: dict[str, Any], operation_id: str) -> None:
    _, _, op = operation(spec, operation_id)
    assert op.get("operationId") == operation_id
    assert op.get("tags") == ["carts"]
    assert op.get("summary")
    assert op.get("description")


def test_only_the_documented_operations(spec: dict[str, Any]) -> None:
    found = {
        op["operationId"]
        for item in spec["paths"].values()
        for method, op in item.items()
        if method in ("get", "put", "post", "delete", "patch", "head", "options", "trace")
    }
    assert found == set(OPERATIONS)


@pytest.mark.parametrize(
    ("operation_id", "status"),
    [
        pytest.param(op_id, status, id=f"{op_id}-{status}")
        for op_id, statuses in STATUS_CODES.items()
        for status in statuses
    ],
)
def test_status_code(spec: dict[str, Any], operation_id: str, status: str) -> None:
    _, _, op = operation(spec, operation_id)
    assert status in op.get("responses", {})
    response = resolve(spec, op["responses"][status])
    assert response.get("description")
    schema = response["content"]["application/json"]["schema"]
    if status.startswith("2"):
        expected = SUCCESS_SCHEMA[operation_id]
    elif status == "429":
        expected = "ThrottleError"
        header = resolve(spec, response["headers"]["Retry-After"])
        assert header["schema"]["type"] == "integer"
    else:
        expected = "Error"
    assert schema == {"$ref": schema_ref(expected)}


@pytest.mark.parametrize(
    ("operation_id", "status", "media_type"),
    [
        pytest.param(op_id, status, media_type, id=f"{op_id}-{status}-{media_type}")
        for op_id, statuses in STATUS_CODES.items()
        for status in statuses
        for media_type in RESPONSE_MEDIA_TYPES
    ],
)
def test_response_media_type(
    spec: dict[str, Any], operation_id: str, status: str, media_type: str
) -> None:
    _, _, op = operation(spec, operation_id)
    content = resolve(spec, op["responses"][status]).get("content", {})
    assert media_type in content
    # The same schema under every media type.
    assert content[media_type]["schema"] == content["application/json"]["schema"]


@pytest.mark.parametrize(
    ("operation_id", "media_type"),
    [
        pytest.param(op_id, media_type, id=f"{op_id}-{media_type}")
        for op_id, has_body in HAS_BODY.items()
        if has_body
        for media_type in REQUEST_MEDIA_TYPES
    ],
)
def test_request_media_type(spec: dict[str, Any], operation_id: str, media_type: str) -> None:
    _, _, op = operation(spec, operation_id)
    body = resolve(spec, op["requestBody"])
    assert body.get("required") is True
    assert media_type in body["content"]
    assert body["content"][media_type]["schema"] == {"$ref": schema_ref("Cart")}


@pytest.mark.parametrize("operation_id", [op for op, has_body in HAS_BODY.items() if not has_body])
def test_no_request_body(spec: dict[str, Any], operation_id: str) -> None:
    _, _, op = operation(spec, operation_id)
    assert "requestBody" not in op


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_authorization_bearer(spec: dict[str, Any], operation_id: str) -> None:
    _, _, op = operation(spec, operation_id)
    requirements = op.get("security", spec.get("security", []))
    schemes = spec["components"]["securitySchemes"]
    bearer = [
        name
        for requirement in requirements
        for name in requirement
        if schemes[name].get("type") == "http" and schemes[name].get("scheme") == "bearer"
    ]
    assert bearer, "no bearer security requirement"
    assert "bearerAuth" in bearer
    # Authorization is carried by the security scheme, never as a header parameter.
    names = [p["name"].lower() for p in operation_parameters(spec, operation_id)]
    assert "authorization" not in names


@pytest.mark.parametrize(
    ("operation_id", "header"),
    [
        pytest.param(op_id, header, id=f"{op_id}-{header}")
        for op_id in OPERATIONS
        for header in OPTIONAL_HEADERS
    ],
)
def test_optional_request_header(spec: dict[str, Any], operation_id: str, header: str) -> None:
    params = [p for p in operation_parameters(spec, operation_id) if p["in"] == "header"]
    matches = [p for p in params if p["name"] == header]
    assert matches, f"header {header} missing"
    param = matches[0]
    assert not param.get("required", False)
    assert param["schema"]["type"] == "string"
    assert OPTIONAL_HEADERS[header] in param["description"]


@pytest.mark.parametrize(
    ("operation_id", "name"),
    [
        pytest.param(op_id, name, id=f"{op_id}-{name}")
        for op_id, names in PATH_PARAMETERS.items()
        for name in names
    ],
)
def test_path_parameter(spec: dict[str, Any], operation_id: str, name: str) -> None:
    path, _, _ = operation(spec, operation_id)
    assert "{" + name + "}" in path
    params = [p for p in operation_parameters(spec, operation_id) if p["in"] == "path"]
    matches = [p for p in params if p["name"] == name]
    assert matches, f"path parameter {name} missing"
    assert matches[0]["required"] is True
    assert matches[0]["schema"]["type"] == "string"


def test_server_and_version_default(spec: dict[str, Any]) -> None:
    assert spec["servers"] == [{"url": "https://api.partnercenter.microsoft.com"}]
    version = spec["components"]["parameters"]["Version"]
    assert version["schema"]["default"] == "1"


def test_spec_text_is_english(spec: dict[str, Any]) -> None:
    """No Cyrillic, Japanese or accented text left over from the seed pages."""
    text = SPEC_PATH.read_text(encoding="utf-8")
    leftovers = sorted({char for char in text if ord(char) > 0x7F})
    assert not leftovers, leftovers
