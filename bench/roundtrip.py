"""Time decoding a cart of many line items from JSON bytes into models, and encoding it back.

    PYTHONPATH=DIR python bench/roundtrip.py TOOL CART_JSON [--module NAME] [--repeats R]

TOOL is one of:

- `ours`: the generated package (default module `partnercenter`): `Cart.from_json(b)`, as
  the client reads a response (the parsed data is its own, so the models take it apart
  rather than copy it), and `json.dumps(cart.to_dict())`. Keys are read case-insensitively
  and unknown keys kept.
- `json`: plain `json.loads(b)` and `json.dumps(data)`, the floor every model layer adds to.
- `opc`: a package of openapi-python-client: `Cart.from_dict(json.loads(b))` and
  `json.dumps(cart.to_dict())` (attrs classes; unknown keys kept, names case-sensitive).
- `pydantic`: a module of datamodel-code-generator's pydantic v2 models (`--extra-fields allow`):
  `Cart.model_validate_json(b)` and `cart.model_dump_json(by_alias=True, exclude_unset=True)`;
  `exclude_unset` so that what is written back is what was read, as the others do, not every
  optional field as null.

Runs in the benchmark environment (bench/run.py starts it); prints one JSON object: the best
(minimum) seconds of `repeats` decodes and encodes, and whether the encoded JSON equals the
input once both are parsed (`equal`). Also builds the benchmark's cart (`cart_json`).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BILLING_CYCLES = ("monthly", "annual", "none", "one_time", "triennial")


def line_item(i: int) -> dict[str, Any]:
    """A line item as the service sends it, with an add-on on every fourth and an error and
    a key the spec does not define on some, so that both code paths are exercised."""
    item: dict[str, Any] = {
        "id": i,
        "catalogItemId": f"DZH318Z0BQ36:{i % 9999:04d}:DZH318Z08C0S",
        "friendlyName": f"Line item {i}",
        "quantity": 1 + i % 25,
        "currencyCode": "USD",
        "billingCycle": BILLING_CYCLES[i % len(BILLING_CYCLES)],
        "termDuration": "P1Y",
        "participants": [{"key": "transaction_reseller", "value": "5357564"}],
        "provisioningContext": {
            "subscriptionId": "1C461A25-F729-4FA5-AADB-280947DD05E8",
            "scope": "shared",
        },
        "orderGroup": str(i % 3),
        "renewsTo": {"termDuration": "P1Y"},
        "purchaseSystem": "PartnerCenter",
    }
    if i % 4 == 0:
        item["addonItems"] = [
            {
                "id": 100000 + i,
                "catalogItemId": "CFQ7TTC0LH18:0001",
                "quantity": 2,
                "billingCycle": "monthly",
                "termDuration": "P1M",
            }
        ]
    if i % 10 == 0:
        item["error"] = {"errorCode": 10002, "errorDescription": "Not enough quota."}
        item["pricingTier"] = "standard"  # not in the spec: kept as an unknown key
    return item


def cart_json(items: int) -> bytes:
    """A cart of `items` line items, as JSON bytes."""
    cart = {
        "id": "3655b1a0-b1c9-4268-9824-577fdbc4d0be",
        "creationTimestamp": "2019-01-16T00:45:41.6062996Z",
        "lastModifiedTimestamp": "2019-01-16T00:45:41.6062996Z",
        "expirationTimestamp": "2019-01-23T00:45:41.6062996Z",
        "lastModifiedUser": "1824b7fc-2fac-4478-b177-66823c40ab75",
        "status": "Active",
        "lineItems": [line_item(i) for i in range(items)],
        "links": {
            "self": {
                "uri": "/customers/28045616-f6b9-462f-9701-0d89b5e65c44/carts/3655b1a0",
                "method": "GET",
                "headers": [],
            }
        },
        "attributes": {"objectType": "Cart"},
    }
    return json.dumps(cart).encode()


def codecs(tool: str, module: str | None) -> tuple[Callable[[bytes], Any], Callable[[Any], str]]:
    """The decode and encode functions of `tool`."""
    if tool == "json":
        return json.loads, json.dumps
    if tool == "pydantic":
        cart = importlib.import_module(module or "pydantic_partnercenter").Cart
        return cart.model_validate_json, lambda c: c.model_dump_json(
            by_alias=True, exclude_unset=True
        )
    default = {"ours": "partnercenter.models", "opc": "opc_partnercenter.models"}[tool]
    cart = importlib.import_module(f"{module}.models" if module else default).Cart
    encode = lambda c: json.dumps(c.to_dict())  # noqa: E731
    if tool == "ours":
        return cart.from_json, encode
    return lambda b: cart.from_dict(json.loads(b)), encode


def best(repeats: int, call: Callable[[], Any]) -> float:
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("tool", choices=("ours", "json", "opc", "pydantic"))
    parser.add_argument("cart", type=Path, help="the cart's JSON")
    parser.add_argument("--module", help="the package or module of the models")
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args(argv)
    data = args.cart.read_bytes()
    decode, encode = codecs(args.tool, args.module)
    model = decode(data)
    text = encode(model)
    result = {
        "decode": best(args.repeats, lambda: decode(data)),
        "encode": best(args.repeats, lambda: encode(model)),
        "equal": json.loads(text) == json.loads(data),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
