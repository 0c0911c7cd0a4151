"""Step 5, formatting: black's style written by ruff's formatter, checked against black itself;
invalid template output refused with the file named; no configuration around changes it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.errors import TemplateError
from generator.format import format_files

from .conftest import GENERATED, ROOT, SHARED, SPEC, assert_black_style, generator_cli

SPECS = ROOT / "tests" / "specs"


def test_the_committed_package_is_what_black_writes() -> None:
    files = {
        p.relative_to(GENERATED).as_posix(): p.read_text("utf-8") for p in GENERATED.rglob("*.py")
    }
    assert len(files) > 20
    assert_black_style(files)


def bench_spec(tmp_path: Path) -> Path:
    """The benchmark's Partner-Center-shaped spec, with three resource groups."""
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "make_specs.py"), "--out", str(tmp_path), "3"],
        check=True,
        capture_output=True,
    )
    (found,) = tmp_path.glob("*3.yaml")
    return found


@pytest.mark.parametrize(
    "spec",
    [
        SPEC,
        *sorted(SPECS.glob("*.yaml")),
        *sorted((SHARED / "specs" / "oai").glob("*.yaml")),
        "bench",
    ],
    ids=lambda s: s if isinstance(s, str) else s.name,
)
def test_generated_packages_are_what_black_writes(spec: Path | str, tmp_path: Path) -> None:
    # Where ruff's and black's styles part (a conditional argument, a docstring's closing
    # quotes past the margin), the templates write what both agree on.
    path = bench_spec(tmp_path) if spec == "bench" else Path(spec)
    out = tmp_path / "out"
    result = generator_cli("generate", "--spec", path, "--out", out, "--package-name", "pkg")
    if result.returncode != 0:
        pytest.skip(f"not generated: {result.stderr.strip()[-200:]}")
    files = {p.relative_to(out).as_posix(): p.read_text("utf-8") for p in out.rglob("*.py")}
    assert files
    assert_black_style(files)


def test_formats_python_and_leaves_other_files_alone() -> None:
    files = {
        "b.py": "x = {'a':1}\ndef f( a ):\n  return a\n",
        "README.md": "not  formatted\n",
        "a.py": "y=[\n1,2]\n",
    }
    formatted = format_files(files)
    assert list(formatted) == list(files)  # the order given
    assert formatted["b.py"] == 'x = {"a": 1}\n\n\ndef f(a):\n    return a\n'
    assert formatted["a.py"] == "y = [1, 2]\n"
    assert formatted["README.md"] == "not  formatted\n"


def test_many_files_at_once_format_as_each_alone() -> None:
    files = {
        f"pkg/m{i}.py": "x = [\n" + "".join(f"  {j},\n" for j in range(i)) + f"]\ny{i}=1\n"
        for i in range(60)
    }
    together = format_files(files)
    assert together == {path: format_files({path: text})[path] for path, text in files.items()}


def test_configuration_around_does_not_change_the_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {"m.py": "def f(first_argument, second_argument, third_argument): return 'text'\n"}
    expected = format_files(files)
    (tmp_path / "ruff.toml").write_text('line-length = 30\n[format]\nquote-style = "single"\n')
    (tmp_path / "pyproject.toml").write_text("[tool.ruff]\nline-length = 30\n")
    monkeypatch.chdir(tmp_path)
    assert format_files(files) == expected
    assert "'text'" not in expected["m.py"]


@pytest.mark.parametrize(
    "text, found",
    [
        ("def f(:\n    pass\n", "invalid syntax"),
        # Ruff formats this without complaint; only the compiler refuses it.
        ("def f(a, a):\n    return a\n", "duplicate argument 'a'"),
    ],
)
def test_invalid_python_is_refused_with_the_file_named(text: str, found: str) -> None:
    files = {"pkg/good.py": "x = 1\n", "pkg/models/bad.py": text}
    with pytest.raises(TemplateError) as raised:
        format_files(files)
    message = str(raised.value)
    assert "invalid Python in pkg/models/bad.py" in message
    assert found in message
    assert raised.value.rule == "invalid-python"
