"""Operations come from the spec: a new operation becomes a client method, no template edited."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import yaml

from generator import pipeline
from generator.parse import Settings

from .conftest import SPEC, TEMPLATES

NEW_OPERATION = {
    "tags": ["carts"],
    "operationId": "Carts_Delete",
    "summary": "Delete a cart",
    "responses": {"204": {"description": "Deleted."}},
}
NEW_GROUP = {
    "get": {
        "tags": ["customer orders"],
        "operationId": "CustomerOrders_List",
        "summary": "List the orders of a customer",
        "parameters": [
            {"name": "customer_id", "in": "path", "required": True, "schema": {"type": "string"}},
            {"name": "size", "in": "query", "schema": {"type": "integer"}},
        ],
        "responses": {
            "200": {
                "description": "The orders.",
                "content": {
                    "application/json": {
                        "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Order"}}
                    }
                },
            }
        },
    }
}


def test_a_new_operation_and_tag_become_client_methods(tmp_path: Path) -> None:
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    spec["paths"]["/v{version}/customers/{customer_id}/carts/{cart_id}"]["delete"] = NEW_OPERATION
    spec["paths"]["/v1/customers/{customer_id}/orders"] = NEW_GROUP
    spec_path = tmp_path / "spec.yaml"
    spec_path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    out = tmp_path / "out"
    job = pipeline.Job(
        spec=spec_path, templates=TEMPLATES, settings=Settings("pc2", "pc2", "0.1.0")
    )
    pipeline.generate(job, out)

    script = textwrap.dedent("""
        import asyncio, httpx
        from pc2 import AsyncClient, Client

        seen = []
        def handle(request):
            seen.append((request.method, request.url.raw_path.decode()))
            if request.method == "DELETE":
                return httpx.Response(204)
            return httpx.Response(200, json=[{"id": "o1", "status": "completed"}])

        client = Client(token="t", transport=httpx.MockTransport(handle))
        assert client.version == "1"
        assert client.carts.delete("c", "k") is None
        orders = client.customer_orders.list_("c", size=5)
        assert orders[0].id == "o1" and orders[0].status.value == "completed"

        async def main():
            async def ahandle(request):
                return handle(request)
            async with AsyncClient(token="t", transport=httpx.MockTransport(ahandle)) as ac:
                await ac.carts.delete("c", "k")
        asyncio.run(main())
        print(seen)
        """)
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(
        [
            ("DELETE", "/v1/customers/c/carts/k"),
            ("GET", "/v1/customers/c/orders?size=5"),
            ("DELETE", "/v1/customers/c/carts/k"),
        ]
    )
    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "pc2"],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert mypy.returncode == 0, mypy.stdout
