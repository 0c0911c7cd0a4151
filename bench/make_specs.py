"""Write Partner-Center-shaped OpenAPI specs scaled to N resource groups, for the benchmarks.

    .venv/bin/python bench/make_specs.py N [N ...] [--out DIR] [--edit K] [--check]

Each group k (1..N) copies the carts part of spec/partner-center.yaml under its own names:
five schemas (`Cart{k}`; `Cart{k}LineItem`, whose `addonItems` are line items again;
`Cart{k}Error`; the integer enum `Cart{k}ErrorCode`; the string enum `BillingCycle{k}`), the
tag `carts{k}` and four operations (`Carts{k}_Create|Get|Update|Checkout` under
`/v1/customers/{customer_id}/carts{k}`) with path and header parameters, a request body with
an example, and 2xx and 4xx responses. The error body, the parameters and the error responses
are shared, as in the real spec.

Only `application/json` bodies, and no default on path parameters: openapi-python-client
refuses both (it writes a parameter with a default before required ones), and a benchmark of
a failed run measures nothing. `--edit K` changes the description of `Cart{K}LineItem`
(the regeneration benchmark's one changed schema). `--check` runs `python -m generator lint`
on every file written and fails unless it finds nothing.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent

BILLING_CYCLES = ["unknown", "monthly", "annual", "none", "one_time", "triennial", "biennial"]
BILLING_NAMES = ["Unknown", "Monthly", "Annual", "None", "OneTime", "Triennial", "Biennial"]
ERROR_CODES = {
    0: "Unknown",
    10000: "CurrencyIsNotSupported",
    10001: "CatalogItemIdIsNotValid",
    10002: "QuotaNotAvailable",
    10003: "InventoryNotAvailable",
    10006: "UnableToProcessCartLineItem",
    10010: "InvalidInput",
    400013: "Code400013",
}
ERRORS = {
    "400": ("BadRequest", "The input was missing or invalid."),
    "401": ("Unauthorized", "The request was not authenticated."),
    "404": ("NotFound", "The resource is not found or not available with the given input."),
}


def ref(kind: str, name: str) -> dict[str, str]:
    return {"$ref": f"#/components/{kind}/{name}"}


def json_body(schema: str) -> dict[str, Any]:
    return {"application/json": {"schema": ref("schemas", schema)}}


def schemas(k: int, revision: int) -> dict[str, Any]:
    cart, item, error, code, cycle = (
        f"Cart{k}",
        f"Cart{k}LineItem",
        f"Cart{k}Error",
        f"Cart{k}ErrorCode",
        f"BillingCycle{k}",
    )
    item_description = f"A line item of a cart of group {k}."
    if revision:
        item_description += f" Edited (revision {revision}): this description changed."
    return {
        cart: {
            "type": "object",
            "description": f"A customer's cart of group {k}, the request and response body.",
            "required": ["lineItems"],
            "properties": {
                "id": {"type": "string", "description": "The cart identifier."},
                "creationTimestamp": {
                    "type": "string",
                    "format": "date-time",
                    "description": "When the cart was created.",
                },
                "lastModifiedTimestamp": {"type": "string", "format": "date-time"},
                "expirationTimestamp": {"type": "string", "format": "date-time"},
                "lastModifiedUser": {"type": "string"},
                "lineItems": {
                    "type": "array",
                    "description": "The line items of the cart.",
                    "items": ref("schemas", item),
                },
                "status": {"type": "string"},
                "partnerOnRecordAttestationAccepted": {"type": "boolean"},
            },
        },
        item: {
            "type": "object",
            "description": item_description,
            "required": ["catalogItemId", "quantity", "billingCycle"],
            "properties": {
                "id": {"type": "integer", "description": "The line item identifier."},
                "catalogItemId": {"type": "string", "description": "The catalog item."},
                "friendlyName": {"type": "string"},
                "quantity": {"type": "integer", "description": "The number of licenses."},
                "currencyCode": {"type": "string"},
                "billingCycle": ref("schemas", cycle),
                "termDuration": {"type": "string"},
                "provisioningContext": {
                    "type": "object",
                    "description": "A context used for provisioning of the offer.",
                    "additionalProperties": {"type": "string"},
                },
                "orderGroup": {"type": "string"},
                "error": ref("schemas", error),
                "addonItems": {"type": "array", "items": ref("schemas", item)},
                "promotionId": {"type": "string"},
            },
        },
        error: {
            "type": "object",
            "description": f"An error of a line item of group {k}.",
            "properties": {
                "errorCode": ref("schemas", code),
                "errorDescription": {"type": "string"},
            },
        },
        code: {
            "type": "integer",
            "description": f"The error code of a line item of group {k}, sent as an integer.",
            "enum": list(ERROR_CODES),
            "x-enum-varnames": list(ERROR_CODES.values()),
        },
        cycle: {
            "type": "string",
            "description": f"The billing cycle of a line item of group {k}.",
            "enum": BILLING_CYCLES,
            "x-enum-varnames": BILLING_NAMES,
        },
    }


def operation(k: int, verb: str, summary: str, body: bool, status: str) -> dict[str, Any]:
    op: dict[str, Any] = {
        "tags": [f"carts{k}"],
        "operationId": f"Carts{k}_{verb}",
        "summary": summary,
        "description": f"{summary} of group {k}; returns the cart.",
        "parameters": [ref("parameters", "MsRequestId")],
    }
    if body:
        op["requestBody"] = {
            "description": "The whole cart.",
            "required": True,
            "content": json_body(f"Cart{k}"),
        }
        op["requestBody"]["content"]["application/json"]["examples"] = {
            "small": {
                "summary": "A cart of one line item with an add-on",
                "value": {
                    "lineItems": [
                        {
                            "catalogItemId": "DZH318Z0BQ36:0001:DZH318Z08C0S",
                            "quantity": 1,
                            "billingCycle": "monthly",
                            "addonItems": [
                                {
                                    "catalogItemId": "CFQ7TTC0LH18",
                                    "quantity": 2,
                                    "billingCycle": "annual",
                                }
                            ],
                        }
                    ]
                },
            }
        }
    op["responses"] = {
        status: {"description": "The request succeeded.", "content": json_body(f"Cart{k}")},
        **{code: ref("responses", name) for code, (name, _) in ERRORS.items()},
    }
    return op


def build_spec(n: int, edit: tuple[int, int] | None = None) -> dict[str, Any]:
    """The spec of `n` groups; `edit` is (group, revision): that group's line item description
    says the revision, so that each revision is a spec no earlier run has seen."""
    paths: dict[str, Any] = {}
    all_schemas: dict[str, Any] = {}
    for k in range(1, n + 1):
        base = f"/v1/customers/{{customer_id}}/carts{k}"
        paths[base] = {
            "parameters": [ref("parameters", "CustomerId")],
            "post": operation(k, "Create", "Create a cart", True, "201"),
        }
        paths[f"{base}/{{cart_id}}"] = {
            "parameters": [ref("parameters", "CustomerId"), ref("parameters", "CartId")],
            "get": operation(k, "Get", "Get a cart", False, "200"),
            "put": operation(k, "Update", "Update a cart", True, "200"),
        }
        paths[f"{base}/{{cart_id}}/checkout"] = {
            "parameters": [ref("parameters", "CustomerId"), ref("parameters", "CartId")],
            "post": operation(k, "Checkout", "Check out a cart", False, "200"),
        }
        all_schemas.update(schemas(k, edit[1] if edit and edit[0] == k else 0))
    all_schemas["Error"] = {
        "type": "object",
        "description": "The service error body.",
        "properties": {
            "code": {"type": "integer"},
            "description": {"type": "string"},
            "source": {"type": "string"},
        },
    }

    def path_param(name: str, description: str) -> dict[str, Any]:
        return {
            "name": name,
            "in": "path",
            "required": True,
            "description": description,
            "schema": {"type": "string"},
        }

    return {
        "openapi": "3.0.3",
        "info": {
            "title": f"Partner Center Carts Benchmark {n}",
            "version": "1.0.0",
            "description": f"spec/partner-center.yaml's carts, scaled to {n} resource groups.",
            "contact": {"name": "Benchmarks", "url": "https://example.com/bench"},
            "license": {"name": "MIT", "url": "https://opensource.org/licenses/MIT"},
        },
        "servers": [{"url": "https://api.partnercenter.microsoft.com"}],
        "tags": [
            {"name": f"carts{k}", "description": f"The carts of group {k}."}
            for k in range(1, n + 1)
        ],
        "security": [{"bearerAuth": []}],
        "paths": paths,
        "components": {
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
            "parameters": {
                "CustomerId": path_param("customer_id", "The customer's tenant id."),
                "CartId": path_param("cart_id", "The cart id."),
                "MsRequestId": {
                    "name": "ms-requestid",
                    "in": "header",
                    "required": False,
                    "description": "Used for idempotency of requests.",
                    "schema": {"type": "string"},
                },
            },
            "responses": {
                name: {"description": description, "content": json_body("Error")}
                for name, description in ERRORS.values()
            },
            "schemas": all_schemas,
        },
    }


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """libyaml's dumper when there is one (the N=1000 spec is megabytes), writing shared
    lists out in full: a spec of YAML anchors and aliases would not look like a real one."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def write_spec(n: int, path: Path, edit: tuple[int, int] | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(build_spec(n, edit), Dumper=_Dumper, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")
    return path


def lint_clean(path: Path) -> str | None:
    """None when `python -m generator lint` finds nothing in `path`, else what it said."""
    done = subprocess.run(
        [sys.executable, "-m", "generator", "lint", "--fail-severity", "info", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return None if done.returncode == 0 else (done.stdout + done.stderr).strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="+", type=int, metavar="N", help="numbers of groups")
    parser.add_argument("--out", type=Path, default=Path("."), help="folder (default: .)")
    parser.add_argument("--edit", type=int, metavar="K", help="edit group K's line item")
    parser.add_argument("--check", action="store_true", help="lint every spec written")
    args = parser.parse_args(argv)
    failed = False
    for n in args.sizes:
        edit = (args.edit, 1) if args.edit else None
        path = write_spec(n, args.out / f"carts-{n}.yaml", edit)
        problem = lint_clean(path) if args.check else None
        print(f"{path}" + (f": lint found problems\n{problem}" if problem else ""))
        failed |= problem is not None
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
