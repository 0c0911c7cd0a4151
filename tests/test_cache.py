"""The cache: a run it serves writes what a cold run writes, and it never hides a change.

Entries are keyed by the digest of their inputs; these tests change each kind of input (the
spec, a file a $ref brings in, a template, a setting) and corrupt entries, and compare with
`--no-cache` runs. `check` must see a stale output even when a whole run is cached.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator import pipeline
from generator.cache import Cache
from generator.parse import Settings

from .conftest import GENERATED, ROOT, SPEC, TEMPLATES, generator_cli

EXTERNAL = ROOT / "tests" / "specs" / "external"


def run(*args: str | Path, cache: Path | None) -> subprocess.CompletedProcess[str]:
    return generator_cli(*args, env={"GENERATOR_CACHE_DIR": str(cache)} if cache else None)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def entries(cache: Path, kind: str) -> list[Path]:
    return sorted(p for p in (cache / kind).rglob("*") if p.is_file())


@pytest.fixture
def api(tmp_path: Path) -> Path:
    """A spec whose $refs bring in other files, in a folder the test may edit."""
    folder = tmp_path / "api"
    shutil.copytree(EXTERNAL, folder)
    return folder


def generate(spec: Path, out: Path, cache: Path | None, *extra: str) -> str:
    args = ["generate", "--spec", spec, "--out", out, "--package-name", "shop", *extra]
    done = run(*(args if cache is not None else [*args, "--no-cache"]), cache=cache)
    assert done.returncode == 0, done.stderr
    return done.stderr


def test_a_cached_run_writes_what_a_cold_run_writes(api: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    generate(api / "api.yaml", tmp_path / "cold", None)
    generate(api / "api.yaml", tmp_path / "first", cache)
    assert entries(cache, "run") and entries(cache, "format")
    # The run entry serves the second run: shown by removing every formatted file.
    shutil.rmtree(cache / "format")
    generate(api / "api.yaml", tmp_path / "second", cache)
    assert tree(tmp_path / "first") == tree(tmp_path / "second") == tree(tmp_path / "cold")
    assert not (cache / "format").exists()


@pytest.mark.parametrize(
    "change",
    ["the spec", "a file a $ref brings in", "a template", "the package name"],
)
def test_every_input_change_is_seen(api: Path, tmp_path: Path, change: str) -> None:
    cache, templates = tmp_path / "cache", tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    flags = ["--templates", str(templates)]
    generate(api / "api.yaml", tmp_path / "before", cache, *flags)
    if change == "the spec":
        spec = api / "api.yaml"
        spec.write_text(spec.read_text("utf-8").replace("title: Shop", "title: Shop2"), "utf-8")
    elif change == "a file a $ref brings in":
        pet = api / "schemas" / "pet.yaml"
        pet.write_text(pet.read_text("utf-8") + "description: A changed pet.\n", "utf-8")
    elif change == "a template":
        model = templates / "model.py.jinja"
        model.write_text(model.read_text("utf-8") + "\n# changed\n", "utf-8")
    else:
        flags += ["--package-name", "shop2"]
    generate(api / "api.yaml", tmp_path / "cached", cache, *flags)
    generate(api / "api.yaml", tmp_path / "cold", None, *flags)
    assert tree(tmp_path / "cached") == tree(tmp_path / "cold")
    assert tree(tmp_path / "cached") != tree(tmp_path / "before")


def test_a_corrupt_or_truncated_entry_is_a_miss(api: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    generate(api / "api.yaml", tmp_path / "first", cache)
    for entry in entries(cache, "run"):
        entry.write_bytes(entry.read_bytes()[:20])
    generate(api / "api.yaml", tmp_path / "second", cache)
    assert tree(tmp_path / "first") == tree(tmp_path / "second")


def test_no_cache_reads_and_writes_nothing(api: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    done = run(
        "generate", "--no-cache", "--spec", api / "api.yaml", "--out", tmp_path / "o", cache=cache
    )
    assert done.returncode == 0, done.stderr
    assert not cache.exists()


def test_check_sees_a_stale_output_even_with_the_run_cached(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    out = tmp_path / "out"
    shutil.copytree(GENERATED, out, ignore=shutil.ignore_patterns("__pycache__", ".*_cache"))
    job = pipeline.Job(
        spec=SPEC,
        templates=TEMPLATES,
        settings=Settings(package_name="partnercenter", project_name="partnercenter"),
        cache=Cache(cache),
    )
    pipeline.generate(job, out)
    assert pipeline.check(job, out) == []
    # A run entry that lies (as a bug or a tampered cache would) must not fool check.
    for entry in entries(cache, "run"):
        entry.write_text('{"inputs": {}, "warnings": [], "files": {}}', "utf-8")
    assert pipeline.check(job, out) == []
    (out / "partnercenter" / "client.py").write_text("# stale\n", "utf-8")
    assert any("client.py" in d for d in pipeline.check(job, out))


def test_warnings_are_repeated_when_a_run_is_reused(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "openapi: 3.0.3\ninfo: {title: W, version: '1'}\npaths:\n  /x:\n    post:\n"
        "      requestBody:\n        content:\n          application/xml:\n"
        "            schema: {type: string}\n"
        "      responses:\n        '204': {description: none}\n",
        "utf-8",
    )
    cache = tmp_path / "cache"
    first = generate(spec, tmp_path / "a", cache)
    second = generate(spec, tmp_path / "b", cache)
    assert " warn " in first
    assert first == second


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_files_of_unchanged_schemas_are_reused_by_generate_and_never_by_check(
    tmp_path: Path,
) -> None:
    spec, cache, out = tmp_path / "spec.yaml", tmp_path / "cache", tmp_path / "out"
    shutil.copy(SPEC, spec)
    generate(spec, out, cache)
    # Tampered with, the remembered file of a schema that does not change shows where the
    # next generate takes it from; check, which renders everything, must see through it.
    job = pipeline.Job(
        spec=spec,
        templates=TEMPLATES,
        settings=Settings(package_name="shop", project_name="shop"),
        cache=Cache(cache),
    )
    line_item = "shop/models/cart_line_item.py"
    for entry in entries(cache, "file"):
        if entry.read_bytes() == (out / line_item).read_bytes():
            entry.write_bytes(b"# remembered\n")
    edit(spec, "A customer's cart (", "A customer's changed cart (")
    generate(spec, out, cache)
    assert (out / line_item).read_text("utf-8") == "# remembered\n"
    assert "A customer's changed cart" in (out / "shop/models/cart.py").read_text("utf-8")
    diffs = pipeline.check(job, out)
    assert [d for d in diffs if line_item in d.splitlines()[0]]
    assert len(diffs) == 1


def test_a_template_that_reads_the_whole_api_is_rendered_every_time(tmp_path: Path) -> None:
    spec, cache, templates = tmp_path / "spec.yaml", tmp_path / "cache", tmp_path / "templates"
    shutil.copy(SPEC, spec)
    shutil.copytree(TEMPLATES, templates)
    model = templates / "model.py.jinja"
    model.write_text(model.read_text("utf-8") + "# {{ api.title }}\n", "utf-8")
    flags = ["--templates", str(templates)]
    generate(spec, tmp_path / "a", cache, *flags)
    # The model classes are unchanged, but what their template reads is not.
    edit(spec, "title: Partner Center Carts API", "title: Partner Centre Carts API")
    generate(spec, tmp_path / "b", cache, *flags)
    generate(spec, tmp_path / "cold", None, *flags)
    assert tree(tmp_path / "b") == tree(tmp_path / "cold")
    cart = (tmp_path / "b" / "shop/models/cart.py").read_text("utf-8")
    assert "# Partner Centre Carts API" in cart
