"""Request bodies besides JSON (form, multipart, raw bytes) and responses that are not JSON."""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

from .conftest import ROOT, assert_mypy_strict, generate_package, generator_cli, run_script

BODIES = ROOT / "tests" / "lint_corpus" / "clean-3.0-bodies.yaml"
XML_ONLY = ROOT / "tests" / "lint_corpus" / "generator-skip-xml-body.yaml"

SCRIPT = textwrap.dedent("""
    import httpx
    from bodies import Client
    from bodies.models import CreateCartBody, UploadAttachmentBody

    seen = []
    def handle(request):
        seen.append(request)
        if request.method == "GET":
            return httpx.Response(200, content=b"\\x00\\x01binary")
        return httpx.Response(204 if "attachment" in request.url.path else 201)

    client = Client(base_url="https://api.carts.test/v1", token="t",
                    transport=httpx.MockTransport(handle))
    client.carts.create(create_cart_body=CreateCartBody(name="a & b"))
    client.carts.upload_attachment("c1", UploadAttachmentBody(note="hi", file=b"PDF-bytes"))
    client.carts.replace_attachment("c1", b"raw")
    data = client.carts.read_attachment("c1")
    form, upload, raw, _ = seen
    assert form.headers["content-type"] == "application/x-www-form-urlencoded", form.headers
    assert form.content == b"name=a+%26+b", form.content
    assert upload.headers["content-type"].startswith("multipart/form-data; boundary=")
    body = upload.read()
    assert b'name="note"' in body and b"hi" in body
    assert b'name="file"; filename="file"' in body and b"PDF-bytes" in body
    assert raw.headers["content-type"] == "application/octet-stream" and raw.content == b"raw"
    assert data == b"\\x00\\x01binary", data
    print("ok")
    """)


def generate(spec: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return generator_cli(
        "generate", "--spec", spec, "--out", out, "--package-name", "bodies", *extra
    )


def test_form_multipart_and_binary_bodies_are_sent_as_their_media_type(tmp_path: Path) -> None:
    out = tmp_path / "out"
    generate_package(BODIES, out, "bodies")
    assert run_script(out, SCRIPT).strip() == "ok"
    assert_mypy_strict(out, "bodies")


def test_an_unsupported_body_is_skipped_with_a_warning_or_refused(tmp_path: Path) -> None:
    skipped = generate(XML_ONLY, tmp_path / "skip")
    assert skipped.returncode == 0, skipped.stderr
    (warning,) = skipped.stderr.strip().splitlines()
    assert warning.startswith(f"{XML_ONLY.relative_to(ROOT)}:23:7 warn generator-skip ")
    assert "application/xml" in warning
    assert (
        not (tmp_path / "skip" / "bodies" / "api").exists()
        or "create_cart" not in (tmp_path / "skip" / "bodies" / "api" / "carts.py").read_text()
        if (tmp_path / "skip" / "bodies" / "api" / "carts.py").exists()
        else True
    )
    out = tmp_path / "refuse"
    refused = generate(XML_ONLY, out, "--unsupported", "refuse")
    assert refused.returncode == 1
    (error,) = refused.stderr.strip().splitlines()
    assert error.startswith(f"{XML_ONLY.relative_to(ROOT)}:23:7 error generator ")
    assert not out.exists()
