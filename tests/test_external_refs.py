"""$refs to other local files: bundled into one document, every message in the right file."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.load import load

from .conftest import ROOT, generator_cli

EXTERNAL = ROOT / "tests" / "specs" / "external"


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return generator_cli(*args, cwd=cwd)


def test_schemas_in_other_files_become_classes_and_recursion_across_files_works(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    done = run("generate", "--spec", EXTERNAL / "api.yaml", "--out", out, "--package-name", "shop")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (out / "shop" / "models").glob("*.py")) == [
        "__init__.py",
        "owner.py",
        "pet.py",
    ]
    script = (
        "from shop.models import Pet\n"
        "data = {'name': 'Rex', 'owner': {'name': 'Ann', 'pet': {'name': 'Tom'}},"
        " 'friends': [{'name': 'Kit'}]}\n"
        "pet = Pet.from_dict(data)\n"
        "assert pet.owner.pet.name == 'Tom' and pet.friends[0].name == 'Kit'\n"
        "assert pet.to_dict() == data\n"
    )
    ran = subprocess.run([sys.executable, "-c", script], cwd=out, capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr
    typed = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "shop"],
        cwd=out,
        capture_output=True,
        text=True,
    )
    assert typed.returncode == 0, typed.stdout


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("schemas/missing.yaml", "cannot read the spec"),
        ("../outside.yaml", "outside the spec's folder"),
        ("https://example.test/pet.yaml", "remote document"),
    ],
)
def test_a_ref_that_cannot_be_brought_in_is_one_located_line(
    tmp_path: Path, ref: str, message: str
) -> None:
    folder = tmp_path / "api"
    shutil.copytree(EXTERNAL, folder)
    (tmp_path / "outside.yaml").write_text("type: string\n", encoding="utf-8")
    spec = folder / "api.yaml"
    spec.write_text(spec.read_text("utf-8").replace("schemas/pet.yaml", ref), encoding="utf-8")
    out = tmp_path / "out"
    done = run("generate", "--spec", spec, "--out", out)
    assert done.returncode == 1
    (line,) = done.stderr.strip().splitlines()
    assert line.endswith(message) or message in line
    assert ":12:45 error unsupported-ref" in line
    assert not out.exists()


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_an_error_inside_another_file_is_located_in_that_file(tmp_path: Path, version: str) -> None:
    folder = tmp_path / "api"
    shutil.copytree(EXTERNAL, folder)
    spec = folder / "api.yaml"
    text = spec.read_text("utf-8").replace("schemas/pet.yaml", "schemas/broken.yaml")
    spec.write_text(text.replace("openapi: 3.0.3", f"openapi: {version}"), encoding="utf-8")
    done = run("lint", spec, cwd=tmp_path)
    assert done.returncode == 1
    assert re.search(r"api/schemas/broken.yaml:3:\d+ error openapi-schema", done.stdout)


def test_the_bundled_document_keeps_where_each_node_came_from() -> None:
    doc = load(EXTERNAL / "api.yaml")
    where = doc.locate(("x-bundled", "schemas/common.yaml", "components", "schemas", "Owner"))
    assert where.file.endswith("schemas/common.yaml") and where.line == 3
