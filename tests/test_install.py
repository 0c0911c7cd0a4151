"""`pip install ./generated` gives a working package in a fresh virtual environment.

The venv's Python runs isolated (`-I`) from tmp_path, so neither the repository nor generated/
is importable there: what it imports is what pip installed. The fake service runs in the test
process (it lives in tests/, which the venv does not have) and the script reaches it over
127.0.0.1.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path
from typing import Any

import pytest

from .conftest import GENERATED, ROOT
from .fakeserver import FakePartnerCenter

CUSTOMER = "28045616-f6b9-462f-9701-0d89b5e65c44"
TOKEN = "install-test-token"
PIP_TIMEOUT = 900  # seconds: a cold cache downloads hatchling, httpx and their dependencies
# pip's words when it could not reach a package index (as opposed to a package that is wrong).
OFFLINE_MARKERS = (
    "NewConnectionError",
    "Failed to establish a new connection",
    "Network is unreachable",
    "Temporary failure in name resolution",
    "Name or service not known",
    "ConnectTimeoutError",
    "ProxyError",
    "Read timed out",
)
# Files a build might leave behind in the source tree; generated/ must hold only generator output.
BUILD_LEFTOVERS = ("build", "dist", "partnercenter.egg-info")

SCRIPT = textwrap.dedent("""
    import asyncio
    import importlib.metadata
    import json
    import pathlib
    import sys
    import sysconfig

    import partnercenter
    from partnercenter import AsyncClient, Client
    from partnercenter.errors import NotFoundError
    from partnercenter.models import BillingCycle, Cart, CartLineItem

    url, token, customer = sys.argv[1:4]
    package = pathlib.Path(partnercenter.__file__).resolve().parent
    report = {
        "file": str(pathlib.Path(partnercenter.__file__).resolve()),
        "purelib": str(pathlib.Path(sysconfig.get_paths()["purelib"]).resolve()),
        "prefix": str(pathlib.Path(sys.prefix).resolve()),
        "path": sys.path,
        "isolated": sys.flags.isolated,
        "py_typed": (package / "py.typed").is_file(),
        "py_typed_recorded": "partnercenter/py.typed"
        in [str(f) for f in importlib.metadata.files("partnercenter") or []],
        "version": partnercenter.__version__,
        "dist_version": importlib.metadata.version("partnercenter"),
        "requires": importlib.metadata.requires("partnercenter"),
    }

    item = CartLineItem(
        catalog_item_id="MS-AZR-0145P", quantity=1, billing_cycle=BillingCycle.MONTHLY
    )
    with Client(base_url=url, token=token, timeout=10) as client:
        created = client.carts.create(customer, Cart(line_items=[item]))
        cart = client.carts.get(customer, created.id)
        cart.line_items[0].quantity += 1
        updated = client.carts.update(customer, cart.id, cart)
        result = client.carts.checkout(customer, cart.id)
        try:
            client.carts.checkout(customer, "no-such-cart")
        except NotFoundError as error:
            report["not_found_code"] = error.code

    async def read_back():
        async with AsyncClient(base_url=url, token=token, timeout=10) as client:
            return await client.carts.get(customer, created.id)

    final = asyncio.run(read_back())
    report.update(
        cart_id=created.id,
        quantity=updated.line_items[0].quantity,
        orders=[
            [o.status.value, [[li.offer_id, li.quantity] for li in o.line_items]]
            for o in result.orders
        ],
        final_status=final.status.value,
    )
    print(json.dumps(report))
    """)


def run(command: list[str], timeout: float, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV"}
    }
    return subprocess.run(
        command,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def test_pip_install_in_a_fresh_venv_gives_a_working_package(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    base = getattr(sys, "_base_executable", None) or sys.executable
    made = run([base, "-m", "venv", str(venv)], timeout=300, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    python = venv_python(venv)

    installed = run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--no-input",
            "--disable-pip-version-check",
            "--timeout",
            "60",
            "--retries",
            "2",
            str(GENERATED),
        ],
        timeout=PIP_TIMEOUT,
        cwd=tmp_path,
    )
    output = installed.stdout + installed.stderr
    offline = [line for line in output.splitlines() if any(m in line for m in OFFLINE_MARKERS)]
    if installed.returncode != 0 and offline:
        pytest.skip(f"pip could not reach a package index (for hatchling, httpx): {offline[-1]}")
    assert installed.returncode == 0, output
    project = tomllib.loads((GENERATED / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    version = project["version"]
    assert "Successfully installed" in output and f"partnercenter-{version}" in output
    assert not [name for name in BUILD_LEFTOVERS if (GENERATED / name).exists()]

    with FakePartnerCenter(tokens=[TOKEN]) as server:
        script = run(
            [str(python), "-I", "-c", SCRIPT, server.url, TOKEN, CUSTOMER],
            timeout=120,
            cwd=tmp_path,
        )
        assert script.returncode == 0, script.stderr
        report: dict[str, Any] = json.loads(script.stdout)
        requests = server.requests
        stored = server.cart(CUSTOMER, report["cart_id"])

    venv_dir = venv.resolve()
    installed_file = Path(report["file"])
    assert report["isolated"] == 1
    assert Path(report["prefix"]) == venv_dir
    assert Path(report["purelib"]).is_relative_to(venv_dir)
    assert installed_file.is_relative_to(Path(report["purelib"]))
    assert installed_file.name == "__init__.py" and installed_file.parent.name == "partnercenter"
    assert not installed_file.is_relative_to(ROOT.resolve())
    assert all(
        not entry or not Path(entry).resolve().is_relative_to(ROOT) for entry in report["path"]
    )
    assert str(tmp_path) not in report["path"] and "" not in report["path"]
    assert report["py_typed"] is True and report["py_typed_recorded"] is True
    assert report["version"] == report["dist_version"] == version
    assert any(req.replace(" ", "").startswith("httpx") for req in report["requires"])

    assert report["quantity"] == 2
    assert report["orders"] == [["completed", [["MS-AZR-0145P", 2]]]]
    assert report["not_found_code"] == 800008
    assert report["final_status"] == "Ordered"
    assert stored["status"] == "Ordered"
    assert [item["quantity"] for item in stored["lineItems"]] == [2]
    assert [(r.method, r.status) for r in requests] == [
        ("POST", 201),
        ("GET", 200),
        ("PUT", 201),
        ("POST", 201),
        ("POST", 404),
        ("GET", 200),
    ]
    assert {r.header("ms-partnercenter-client") for r in requests} == {
        f"partnercenter-python/{version}"
    }
