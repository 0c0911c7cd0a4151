"""The generator as other repositories get it: a wheel, installed, with its templates inside."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT, SPEC, TEMPLATES


def _run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, check=False, timeout=900
    )


def test_an_installed_generator_renders_with_its_packaged_templates(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, ROOT)
    if built.returncode and "connection" in (built.stdout + built.stderr).lower():
        pytest.skip(f"pip could not reach a package index: {built.stderr.strip()[-200:]}")
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        f"generator/templates/{p.relative_to(TEMPLATES).as_posix()}"
        for p in TEMPLATES.rglob("*.jinja")
    }
    assert shipped <= names

    venv = tmp_path / "venv"
    assert _run(sys._base_executable, "-m", "venv", venv).returncode == 0  # type: ignore[attr-defined]
    python = venv / "bin" / "python"
    installed = _run(python, "-m", "pip", "install", "-q", wheel)
    assert installed.returncode == 0, installed.stderr

    # Another repository: its own spec and package name, no templates setting.
    other = tmp_path / "other"
    (other / "api").mkdir(parents=True)
    (other / "api" / "partner-center.yaml").write_text(SPEC.read_text("utf-8"), encoding="utf-8")
    (other / "pyproject.toml").write_text(
        '[tool.generator]\nspec = "api/partner-center.yaml"\nout = "client"\n'
        'package-name = "carts"\n',
        encoding="utf-8",
    )
    tool = venv / "bin" / "partnercenter-generator"
    generated = _run(tool, "generate", cwd=other)
    assert generated.returncode == 0, generated.stderr
    assert (other / "client" / "carts" / "client.py").is_file()
    checked = _run(tool, "check", cwd=other)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # And it is this repository's generator output, byte for byte, under the other name.
    reference = tmp_path / "reference"
    here = _run(
        sys.executable,
        "-m",
        "generator",
        "generate",
        "--spec",
        SPEC,
        "--out",
        reference,
        "--package-name",
        "carts",
    )
    assert here.returncode == 0, here.stderr
    theirs = {
        p.relative_to(other / "client"): p.read_bytes()
        for p in (other / "client").rglob("*")
        if p.is_file()
    }
    ours = {p.relative_to(reference): p.read_bytes() for p in reference.rglob("*") if p.is_file()}
    assert theirs == ours
