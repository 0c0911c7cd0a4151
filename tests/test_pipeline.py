"""The generate/check commands end to end: current output, determinism, atomic failure."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator import pipeline
from generator.parse import Settings

from .conftest import GENERATED, ROOT, SPEC, TEMPLATES, generator_cli

SETTINGS = Settings(package_name="partnercenter", project_name="partnercenter")


def run(*args: str, cwd: Path = ROOT, seed: str = "0") -> subprocess.CompletedProcess[str]:
    return generator_cli(*args, cwd=cwd, env={"PYTHONHASHSEED": seed})


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under `root` by relative path, leaving out caches that tools write."""
    files = {}
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if path.is_file() and not any(p == "__pycache__" or p.endswith("_cache") for p in parts):
            files["/".join(parts)] = path.read_bytes()
    return files


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A copy of the committed generated/ to run commands against."""
    target = tmp_path / "out"
    shutil.copytree(GENERATED, target, ignore=shutil.ignore_patterns("__pycache__", ".*_cache"))
    return target


def test_committed_output_is_what_the_generator_produces() -> None:
    job = pipeline.Job(spec=SPEC, templates=TEMPLATES, settings=SETTINGS)
    assert pipeline.check(job, GENERATED) == []


def test_output_is_byte_identical_across_hash_seeds_and_directories(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "out", tmp_path / "b" / "elsewhere"
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    args = ("generate", "--no-cache", "--spec", str(SPEC), "--out")
    r1 = run(*args, str(first), cwd=tmp_path / "a", seed="1")
    r2 = run(*args, str(second), cwd=tmp_path / "b", seed="2")
    assert r1.returncode == 0, r1.stderr
    assert r2.returncode == 0, r2.stderr
    assert snapshot(first) == snapshot(second)
    assert snapshot(first) == snapshot(GENERATED)


def test_generate_removes_files_no_longer_produced(out: Path) -> None:
    stray = out / "partnercenter" / "models" / "removed_schema.py"
    stray.write_text("x = 1\n", encoding="utf-8")
    result = run("generate", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert not stray.exists()
    assert snapshot(out) == snapshot(GENERATED)


def test_generate_leaves_a_current_output_untouched_and_restores_an_edited_one(
    out: Path,
) -> None:
    # Nothing to change: not rewritten (the files keep their times, caches beside them stay).
    model = out / "partnercenter" / "models" / "cart.py"
    cache = out / "partnercenter" / "__pycache__"
    cache.mkdir()
    (cache / "cart.cpython-311.pyc").write_bytes(b"compiled")
    before = model.stat().st_mtime_ns
    result = run("generate", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert model.stat().st_mtime_ns == before
    assert (cache / "cart.cpython-311.pyc").exists()
    # One byte changed, of the same length: the tree is swapped for a new one.
    text = model.read_text(encoding="utf-8")
    model.write_text(text.replace("Cart", "Kart", 1), encoding="utf-8")
    result = run("generate", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert model.read_text(encoding="utf-8") == text
    assert snapshot(out) == snapshot(GENERATED)


def test_a_rewrite_links_the_unchanged_files_and_writes_the_others(out: Path) -> None:
    # Linked, not copied: an unchanged file keeps its inode (and time) in the new tree; the
    # edited one gets a new file with the generated text; the swap stays whole.
    model = out / "partnercenter" / "models" / "cart.py"
    other = out / "partnercenter" / "models" / "cart_line_item.py"
    text = model.read_text(encoding="utf-8")
    model.write_text(text + "# edited\n", encoding="utf-8")
    edited, kept = model.stat().st_ino, other.stat()
    result = run("generate", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert other.stat().st_ino == kept.st_ino
    assert other.stat().st_mtime_ns == kept.st_mtime_ns
    assert model.stat().st_ino != edited
    assert model.read_text(encoding="utf-8") == text
    assert snapshot(out) == snapshot(GENERATED)
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".out.")]


def test_check_names_every_stale_file_with_a_diff(out: Path) -> None:
    model = out / "partnercenter" / "models" / "cart.py"
    model.write_text(model.read_text(encoding="utf-8").replace("Cart", "Kart"), encoding="utf-8")
    (out / "README.md").unlink()
    (out / "extra.txt").write_text("left over\n", encoding="utf-8")
    result = run("check", "--out", str(out))
    assert result.returncode == 1
    assert "--- out/partnercenter/models/cart.py" in result.stdout
    assert "+class Cart(Model):" in result.stdout
    assert "-class Kart(Model):" in result.stdout
    assert "+++ out/README.md (generated)" in result.stdout
    assert "--- out/extra.txt" in result.stdout
    assert "3 file(s) differ" in result.stderr


def test_check_passes_on_current_output(out: Path) -> None:
    result = run("check", "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr


def break_template(tmp_path: Path, name: str, old: str, new: str) -> Path:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    path = templates / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return templates


def assert_refused(result: subprocess.CompletedProcess[str], code: int, *needles: str) -> None:
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0]


@pytest.mark.parametrize(
    ("template", "old", "new", "needle"),
    [
        # An undefined name: found while rendering, after other files rendered fine.
        ("model.py.jinja", "{{ model.name }}(Model)", "{{ model.nme }}(Model)", "model.py.jinja:"),
        # Rendered text that is not Python: found by the formatter.
        ("enum.py.jinja", "class {{ enum.name }}", "class {{ enum.name }} ((", "invalid Python"),
        # A template that does not parse.
        ("api.py.jinja", "{% for op in group.operations %}", "{% for op in %}", "api.py.jinja:"),
    ],
)
def test_a_failing_template_leaves_the_output_untouched(
    tmp_path: Path, out: Path, template: str, old: str, new: str, needle: str
) -> None:
    before = snapshot(out)
    templates = break_template(tmp_path, template, old, new)
    result = run("generate", "--out", str(out), "--templates", str(templates))
    assert_refused(result, 3, needle)
    assert snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["out", "templates"]  # no staging left


def test_a_broken_spec_is_one_located_line_and_leaves_the_output_untouched(
    tmp_path: Path, out: Path
) -> None:
    spec = tmp_path / "spec.yaml"
    text = SPEC.read_text(encoding="utf-8")
    spec.write_text(text.replace("operationId: Carts_Get", "operationId: [1]"), encoding="utf-8")
    line = text.splitlines().index("      operationId: Carts_Get") + 1
    before = snapshot(out)
    result = run("generate", "--spec", str(spec), "--out", str(out))
    assert_refused(result, 1, f"spec.yaml:{line}:", "openapi-schema")
    assert snapshot(out) == before


def test_an_unreadable_spec_exits_2_without_a_traceback(tmp_path: Path, out: Path) -> None:
    result = run("generate", "--spec", str(tmp_path / "missing.yaml"), "--out", str(out))
    assert_refused(result, 2, "missing.yaml", "unreadable")


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = run("generate", "--debug", "--spec", str(tmp_path / "missing.yaml"))
    assert result.returncode != 0
    assert "Traceback" in result.stderr


@pytest.mark.parametrize("command", ["generate", "check"])
def test_help_describes_each_command(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0
    for flag in ("--spec", "--out", "--templates"):
        assert flag in result.stdout


def test_package_name_flag_names_the_package(tmp_path: Path) -> None:
    out = tmp_path / "pkg"
    result = run("generate", "--out", str(out), "--package-name", "pc_carts")
    assert result.returncode == 0, result.stderr
    assert (out / "pc_carts" / "models" / "cart.py").is_file()
    assert 'name = "pc_carts"' in (out / "pyproject.toml").read_text(encoding="utf-8")


def test_another_spec_is_named_after_its_title_unless_named(tmp_path: Path) -> None:
    spec = tmp_path / "pets.yaml"
    spec.write_text(
        "openapi: 3.0.3\ninfo: {title: 'Swagger Petstore: class', version: '1'}\npaths: {}\n",
        encoding="utf-8",
    )
    result = run("generate", "--spec", str(spec), "--out", str(tmp_path / "a"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "a" / "swagger_petstore_class" / "__init__.py").is_file()
    text = (tmp_path / "a" / "pyproject.toml").read_text(encoding="utf-8")
    assert 'name = "swagger-petstore-class"' in text
    named = run(
        "generate", "--spec", str(spec), "--out", str(tmp_path / "b"), "--package-name", "pets"
    )
    assert named.returncode == 0, named.stderr
    assert (tmp_path / "b" / "pets" / "__init__.py").is_file()
