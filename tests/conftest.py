"""Shared fixtures: the repository layout, and the generated package on the import path."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "partner-center.yaml"
TEMPLATES = ROOT / "templates"
GENERATED = ROOT / "generated"
SHARED = ROOT.parent / "shared"

# Every generator run of the session, in-process or not, caches into one fresh folder: tests
# neither read nor fill the user's cache.
os.environ["GENERATOR_CACHE_DIR"] = tempfile.mkdtemp(prefix="generator-cache-")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(os.environ["GENERATOR_CACHE_DIR"], ignore_errors=True)


# Tests import the committed package exactly as a user of `pip install ./generated` would.
if str(GENERATED) not in sys.path:
    sys.path.insert(0, str(GENERATED))


@pytest.fixture
def write_spec(tmp_path: Path):
    """Write a small spec (YAML text) to a file and return its path."""

    def write(text: str, name: str = "spec.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def generator_cli(
    *args: str | Path, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS`, as a user runs it; `env` adds to the environment."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


def generate_package(spec: Path, out: Path, package: str) -> None:
    """`python -m generator generate` of `spec` into `out`, as a user runs it; fails the test
    with the generator's message when it refuses."""
    done = generator_cli("generate", "--spec", spec, "--out", out, "--package-name", package)
    assert done.returncode == 0, done.stderr


def run_script(out: Path, script: str) -> str:
    """Run Python code in a fresh interpreter beside the generated package; its stdout."""
    ran = subprocess.run(
        [sys.executable, "-c", script], cwd=out, capture_output=True, text=True, check=False
    )
    assert ran.returncode == 0, ran.stderr
    return ran.stdout


def assert_mypy_strict(out: Path, package: str) -> None:
    """The generated package passes `mypy --strict`, with no configuration but the flags."""
    typed = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", package],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert typed.returncode == 0, typed.stdout


_BLACK_STABLE: set[str] = set()  # texts found stable: the runtime files recur in every package


def assert_black_style(files: dict[str, str]) -> None:
    """Every Python file is what black writes (at its defaults for 3.11): the formatter is
    ruff's, whose style black's own check must not tell apart."""
    import black
    from black.mode import TargetVersion

    mode = black.Mode(target_versions={TargetVersion.PY311}, line_length=88)
    changed = []
    for path, text in files.items():
        if path.endswith(".py") and text not in _BLACK_STABLE:
            if black.format_str(text, mode=mode) != text:
                changed.append(path)
            else:
                _BLACK_STABLE.add(text)
    assert changed == [], f"black would change {changed}"
