"""spec/partner-center.yaml is a valid OpenAPI 3.0 document and its examples match their schemas.

Examples are found by walking the document (media types, parameters, headers, schemas, in the
paths and in the components), so an example added later is checked without touching this file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import yaml
from jsonschema.exceptions import ValidationError
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SPEC_PATH = Path(__file__).resolve().parent.parent / "spec" / "partner-center.yaml"
# The URI the document is registered under, so that its `#/components/...` refs resolve.
SPEC_URI = "urn:partner-center:spec"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def load_spec() -> dict[str, Any]:
    with SPEC_PATH.open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    assert isinstance(document, dict)
    return document


SPEC = load_spec()


def test_spec_passes_openapi_spec_validator() -> None:
    assert SPEC["openapi"] == "3.0.3"
    validate(SPEC)  # raises OpenAPIValidationError on an invalid document


# --------------------------------------------------------------------------------------------
# Finding the examples
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Example:
    where: str  # JSON pointer of the example value
    schema_pointer: str  # JSON pointer of the schema it must match
    value: Any


def escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def deref(document: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/"), ref
        node = document
        for token in ref[2:].split("/"):
            node = node[token.replace("~1", "/").replace("~0", "~")]
    return node


class ExampleCollector:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.found: list[Example] = []

    def collect(self) -> list[Example]:
        for path, item in self.document.get("paths", {}).items():
            self.path_item(item, f"/paths/{escape(path)}")
        components = self.document.get("components", {})
        for name, schema in components.get("schemas", {}).items():
            self.schema(schema, f"/components/schemas/{escape(name)}")
        for name, param in components.get("parameters", {}).items():
            self.holder(param, f"/components/parameters/{escape(name)}")
        for name, header in components.get("headers", {}).items():
            self.holder(header, f"/components/headers/{escape(name)}")
        for name, response in components.get("responses", {}).items():
            self.response(response, f"/components/responses/{escape(name)}")
        for name, body in components.get("requestBodies", {}).items():
            self.holder(body, f"/components/requestBodies/{escape(name)}")
        return self.found

    def path_item(self, item: dict[str, Any], ptr: str) -> None:
        for index, param in enumerate(item.get("parameters", [])):
            self.holder(param, f"{ptr}/parameters/{index}")
        for method in HTTP_METHODS:
            if method not in item:
                continue
            op, op_ptr = item[method], f"{ptr}/{method}"
            for index, param in enumerate(op.get("parameters", [])):
                self.holder(param, f"{op_ptr}/parameters/{index}")
            if "requestBody" in op:
                self.holder(op["requestBody"], f"{op_ptr}/requestBody")
            for status, response in op.get("responses", {}).items():
                self.response(response, f"{op_ptr}/responses/{escape(str(status))}")

    def response(self, response: dict[str, Any], ptr: str) -> None:
        if "$ref" in response:
            return  # checked where it is defined
        for name, header in response.get("headers", {}).items():
            self.holder(header, f"{ptr}/headers/{escape(name)}")
        self.holder(response, ptr)

    def holder(self, obj: dict[str, Any], ptr: str) -> None:
        """A parameter, header, request body, response or media type object."""
        if "$ref" in obj:
            return  # checked where it is defined
        if "schema" in obj:
            self.schema(obj["schema"], f"{ptr}/schema")
            if "example" in obj:
                self.found.append(Example(f"{ptr}/example", f"{ptr}/schema", obj["example"]))
            for name, example in obj.get("examples", {}).items():
                example = deref(self.document, example)
                if "value" in example:
                    self.found.append(
                        Example(
                            f"{ptr}/examples/{escape(name)}/value",
                            f"{ptr}/schema",
                            example["value"],
                        )
                    )
        for media_type, media in obj.get("content", {}).items():
            self.holder(media, f"{ptr}/content/{escape(media_type)}")

    def schema(self, schema: Any, ptr: str) -> None:
        if not isinstance(schema, dict) or "$ref" in schema:
            return
        if "example" in schema:
            self.found.append(Example(f"{ptr}/example", ptr, schema["example"]))
        for name, sub in schema.get("properties", {}).items():
            self.schema(sub, f"{ptr}/properties/{escape(name)}")
        for key in ("items", "additionalProperties", "not"):
            self.schema(schema.get(key), f"{ptr}/{key}")
        for key in ("allOf", "anyOf", "oneOf"):
            for index, sub in enumerate(schema.get(key, [])):
                self.schema(sub, f"{ptr}/{key}/{index}")


EXAMPLES = ExampleCollector(SPEC).collect()
REGISTRY: Registry = Registry().with_resource(
    SPEC_URI, Resource.from_contents(SPEC, default_specification=DRAFT4)
)


def validator_for(schema_pointer: str) -> Any:
    """An OAS 3.0 validator, checking formats, for the schema at a pointer of the spec."""
    ref = f"{SPEC_URI}#{quote(schema_pointer, safe='/~')}"
    return OAS30Validator(
        {"$ref": ref},
        registry=REGISTRY,
        format_checker=OAS30Validator.FORMAT_CHECKER,
    )


def test_examples_were_found() -> None:
    assert len(EXAMPLES) >= 3
    wheres = {example.where for example in EXAMPLES}
    for expected in (SEED_001_REQUEST_POINTER, SEED_001_RESPONSE_POINTER, CREATE_RESPONSE_POINTER):
        assert expected in wheres


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.where for example in EXAMPLES])
def test_example_matches_schema(example: Example) -> None:
    errors = sorted(validator_for(example.schema_pointer).iter_errors(example.value), key=str)
    assert not errors, [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


def test_format_checker_is_active() -> None:
    """The original, offset-less timestamp of the doc example is rejected."""
    validator = validator_for("/components/schemas/Cart")
    bad = {"expirationTimestamp": "0001-01-01T00:00:00", "lineItems": []}
    with pytest.raises(ValidationError, match="date-time"):
        validator.validate(bad)
    validator.validate({**bad, "expirationTimestamp": "0001-01-01T00:00:00Z"})


def test_refs_are_followed() -> None:
    """A wrong value deep inside (line item -> billing cycle enum) is caught."""
    validator = validator_for("/components/schemas/Cart")
    bad = {"lineItems": [{"catalogItemId": "x", "quantity": 1, "billingCycle": "weekly"}]}
    with pytest.raises(ValidationError):
        validator.validate(bad)


# --------------------------------------------------------------------------------------------
# The seed 001 examples and their corrections
# --------------------------------------------------------------------------------------------

UPDATE_PATH = escape("/v{version}/customers/{customer_id}/carts/{cart_id}")
CREATE_PATH = escape("/v{version}/customers/{customer_id}/carts")
SEED_001_REQUEST_POINTER = (
    f"/paths/{UPDATE_PATH}/put/requestBody/content/application~1json/examples/seed001/value"
)
SEED_001_RESPONSE_POINTER = (
    f"/paths/{UPDATE_PATH}/put/responses/201/content/application~1json/examples/seed001/value"
)
CREATE_RESPONSE_POINTER = (
    f"/paths/{CREATE_PATH}/post/responses/201/content/application~1json"
    "/examples/sdkCreateCart/value"
)

# The request example of the "Update a cart" page, exactly as printed (not valid JSON).
SEED_001_REQUEST_AS_PRINTED = """
{
    {
        "Id":"b4c8fdea-cbe4-4d17-9576-13fcacbf9605",
        "CreationTimestamp":"2018-03-15T17:15:02.3840528Z",
        "LastModifiedTimestamp":"2018-03-15T17:15:02.3840528Z",
        "ExpirationTimestamp":"0001-01-01T00:00:00",
        "LastModifiedUser":"2713ccd7-ea3b-470a-9cfb-451d5d0482cc",
        "LineItems":[
            {
                "Id":0,
                "CatalogItemId":"DG7GMGF0DWTL:0001:DG7GMGF0DSJB",
                "FriendlyName":"A_sample_Azure_RI",
                "Quantity":2,
                "BillingCycle":"one_time",
                "ProvisioningContext": {
                    "SubscriptionId": "3D5ECED6-1151-44C7-AEE6-70A4BB725666",
                    "Scope": "shared",
                    "Duration": "1Year"
                }
            }
        ],
    }
}
"""

# The corrected body the spec must hold.
SEED_001_REQUEST_CORRECTED = {
    "id": "b4c8fdea-cbe4-4d17-9576-13fcacbf9605",
    "creationTimestamp": "2018-03-15T17:15:02.3840528Z",
    "lastModifiedTimestamp": "2018-03-15T17:15:02.3840528Z",
    "expirationTimestamp": "0001-01-01T00:00:00Z",
    "lastModifiedUser": "2713ccd7-ea3b-470a-9cfb-451d5d0482cc",
    "lineItems": [
        {
            "id": 0,
            "catalogItemId": "DG7GMGF0DWTL:0001:DG7GMGF0DSJB",
            "friendlyName": "A_sample_Azure_RI",
            "quantity": 2,
            "billingCycle": "one_time",
            "provisioningContext": {
                "SubscriptionId": "3D5ECED6-1151-44C7-AEE6-70A4BB725666",
                "Scope": "shared",
                "Duration": "1Year",
            },
        }
    ],
}


def camel_case_names(node: Any) -> Any:
    """PascalCase property names to camelCase; the keys of provisioningContext are data."""
    if isinstance(node, list):
        return [camel_case_names(item) for item in node]
    if not isinstance(node, dict):
        return node
    result = {}
    for key, value in node.items():
        name = key[:1].lower() + key[1:]
        result[name] = value if name == "provisioningContext" else camel_case_names(value)
    return result


def test_seed_001_request_example_is_the_corrected_doc_example() -> None:
    printed = SEED_001_REQUEST_AS_PRINTED.strip()
    with pytest.raises(json.JSONDecodeError):
        json.loads(printed)
    # 1. Doubled outer braces: drop the outer pair.
    text = printed[1:-1].strip()
    # 2. Trailing comma after the line items array.
    text, count = re.subn(r"\],\s*}$", "]\n}", text)
    assert count == 1
    body = json.loads(text)
    # 3. PascalCase names written in camelCase.
    body = camel_case_names(body)
    # 4. A date-time needs a UTC offset.
    assert body["expirationTimestamp"] == "0001-01-01T00:00:00"
    body["expirationTimestamp"] += "Z"

    in_spec = next(e.value for e in EXAMPLES if e.where == SEED_001_REQUEST_POINTER)
    assert in_spec == body == SEED_001_REQUEST_CORRECTED


def test_seed_001_response_example_is_the_corrected_doc_example() -> None:
    in_spec = next(e.value for e in EXAMPLES if e.where == SEED_001_RESPONSE_POINTER)
    line_item = in_spec["lineItems"][0]
    # "ProvisioningContext" written in camelCase; its own keys are as printed.
    assert "ProvisioningContext" not in line_item
    assert line_item["provisioningContext"] == {
        "subscriptionId": "3D5ECED6-1151-44C7-AEE6-70A4BB725666",
        "scope": "shared",
        "duration": "1Year",
    }
    # The comma missing before "orderGroup" was added: the item still has it after the context.
    keys = list(line_item)
    assert keys.index("orderGroup") == keys.index("provisioningContext") + 1
    assert line_item["orderGroup"] == "0"


def test_corrections_are_listed_in_the_description() -> None:
    description = SPEC["info"]["description"]
    for marker in (
        "doubled outer braces",
        "trailing comma",
        "0001-01-01T00:00:00Z",
        'missing comma between the `ProvisioningContext` object and `"orderGroup"`',
        "`ProvisioningContext` is written `provisioningContext`",
        "reproduced unchanged",
    ):
        assert marker in description


def test_create_example_is_unchanged() -> None:
    """The create-cart response is a real response: it must stay exactly as received."""
    received = json.loads(
        '{"id":"3655b1a0-b1c9-4268-9824-577fdbc4d0be",'
        '"creationTimestamp":"2019-01-16T00:45:41.6062996Z",'
        '"lastModifiedTimestamp":"2019-01-16T00:45:41.6062996Z",'
        '"expirationTimestamp":"2019-01-16T01:00:54.4188497Z",'
        '"lastModifiedUser":"1824b7fc-2fac-4478-b177-66823c40ab75","status":"Active",'
        '"lineItems":[{"id":0,"catalogItemId":"MS-AZR-0145P","quantity":1,"currencyCode":"USD",'
        '"billingCycle":"monthly","termDuration":"P1Y","orderGroup":"OMS-0"},'
        '{"id":1,"catalogItemId":"DZH318Z0BQ36:004G:DZH318Z08C0S","quantity":1,'
        '"currencyCode":"USD","billingCycle":"one_time","termDuration":"P1Y",'
        '"provisioningContext":{"subscriptionId":"1C461A25-F729-4FA5-AADB-280947DD05E8",'
        '"scope":"shared"},"orderGroup":"0"},'
        '{"id":5,"catalogItemId":"DZH318Z0C0WF:0001:DZH318Z0BP69","quantity":10,'
        '"currencyCode":"USD","billingCycle":"none","termDuration":"P1M",'
        '"renewsTo":{"termDuration":"P1Y"},"orderGroup":"2"}],'
        '"links":{"self":{"uri":"/customers/28045616-f6b9-462f-9701-0d89b5e65c44/carts/'
        '3655b1a0-b1c9-4268-9824-577fdbc4d0be","method":"GET","headers":[]}},'
        '"attributes":{"objectType":"Cart"}}'
    )
    in_spec = next(e.value for e in EXAMPLES if e.where == CREATE_RESPONSE_POINTER)
    assert in_spec == received


def test_examples_are_json_values() -> None:
    """YAML can load dates and other non-JSON values: every example must survive JSON."""
    for example in EXAMPLES:
        assert json.loads(json.dumps(example.value)) == example.value, example.where


# --------------------------------------------------------------------------------------------
# Conventions the generator relies on
# --------------------------------------------------------------------------------------------


def walk(node: Any, ptr: str = "") -> list[tuple[str, Any]]:
    """Every (pointer, node) of the document, examples excluded (they are data)."""
    found = [(ptr, node)]
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in ("example", "examples"):
                found.extend(walk(value, f"{ptr}/{escape(str(key))}"))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(walk(value, f"{ptr}/{index}"))
    return found


def test_refs_resolve_and_stand_alone() -> None:
    refs = [(ptr, node) for ptr, node in walk(SPEC) if isinstance(node, dict) and "$ref" in node]
    assert refs
    for ptr, node in refs:
        assert list(node) == ["$ref"], f"{ptr}: $ref with siblings {sorted(node)}"
        assert deref(SPEC, node) is not None, ptr


def test_no_nullable_or_read_only() -> None:
    for ptr, node in walk(SPEC):
        if isinstance(node, dict) and ptr.rsplit("/", 1)[-1] != "properties":
            assert "nullable" not in node, ptr
            assert "readOnly" not in node, ptr
            assert "writeOnly" not in node, ptr


def test_inline_objects_are_maps_only() -> None:
    """Named object schemas live in components; an inline object is a free-form map."""
    schemas = SPEC["components"]["schemas"]
    for name, schema in schemas.items():
        for ptr, node in walk(schema, f"/components/schemas/{name}"):
            if ptr.count("/") > 3 and isinstance(node, dict) and node.get("type") == "object":
                assert "properties" not in node, ptr
                assert "additionalProperties" in node, ptr
