"""Project settings from `[tool.generator]` in pyproject.toml, overridden by flags."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, Location
from .options import DEFAULT_MAX_BYTES

ROOT = Path(__file__).resolve().parent.parent  # the repository holding this package, if any
# In a checkout the templates are the repository's own; an installed generator (a pre-commit
# hook in another repository) uses the copy packaged with it.
DEFAULT_TEMPLATES = (
    ROOT / "templates"
    if (ROOT / "templates" / "model.py.jinja").is_file()
    else Path(__file__).resolve().parent / "templates"
)


@dataclass(frozen=True, slots=True)
class Config:
    spec: Path
    out: Path
    templates: Path
    package_name: str
    project_name: str
    package_version: str
    lint_levels: dict[str, str] = field(default_factory=dict)
    fail_severity: str = "error"
    max_spec_bytes: int = DEFAULT_MAX_BYTES
    source: str = ""  # the pyproject.toml read, if any


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml with a [tool.generator] table, from `start` upwards. One
    that cannot be read or parsed is an error, not a reason to use some other project's."""
    found = _find_table(start)
    return found[0] if found else None


def _find_table(start: Path) -> tuple[Path, Any] | None:
    """`find_pyproject`, and its [tool.generator] table."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text("utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                raise InputError(
                    f"cannot read it: {exc}", location=Location(str(candidate)), rule="config"
                ) from None
            if "generator" in data.get("tool", {}):
                return candidate, data["tool"]["generator"]
    return None


def _table(candidate: Path) -> Any:
    """The [tool.generator] table of `candidate`; None if it has none or cannot be read."""
    try:
        tool = tomllib.loads(candidate.read_text("utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    return tool.get("generator")


def load_config(cwd: Path | None = None) -> Config:
    """Settings of the project around `cwd`, or of this repository; paths made absolute."""
    found = _find_table((cwd or Path.cwd()).resolve())
    if found is None and (own := _table(ROOT / "pyproject.toml")) is not None:
        # Run from outside a project: this repository's settings. Only its own file: an
        # installed generator must not wander up site-packages into someone else's.
        found = ROOT / "pyproject.toml", own
    pyproject, table = found or (None, {})
    base = ROOT if pyproject is None else pyproject.parent

    def path(key: str, default: str) -> Path:
        return (base / str(table.get(key, default))).resolve()

    package = str(table.get("package-name", "client"))
    lint_table = table.get("lint", {})
    levels = {str(k): str(v) for k, v in (lint_table.get("rules") or {}).items()}
    for rule_id, level in levels.items():
        # The rule ids are checked by `lint.check_levels`, where the rules are loaded anyway.
        if level not in ("error", "warn", "info", "off"):
            raise InputError(
                f"[tool.generator.lint] rules: {rule_id} = {level!r}: unknown level "
                "(levels: error, warn, info, off)",
                location=Location(str(pyproject)),
                rule="config",
            )
    fail = str(lint_table.get("fail-severity", "error"))
    if fail not in ("error", "warn", "info"):
        raise InputError(
            f"[tool.generator.lint] fail-severity = {fail!r}: expected error, warn or info",
            location=Location(str(pyproject)),
            rule="config",
        )
    max_bytes = table.get("max-spec-bytes", DEFAULT_MAX_BYTES)
    if not isinstance(max_bytes, int) or isinstance(max_bytes, bool) or max_bytes < 0:
        raise InputError(
            f"[tool.generator] max-spec-bytes = {max_bytes!r}: expected a number of bytes",
            location=Location(str(pyproject)),
            rule="config",
        )
    return Config(
        spec=path("spec", "spec/openapi.yaml"),
        out=path("out", "generated"),
        templates=path("templates", str(DEFAULT_TEMPLATES)),
        package_name=package,
        project_name=str(table.get("project-name", package)),
        package_version=str(table.get("package-version", "0.1.0")),
        lint_levels=levels,
        fail_severity=fail,
        max_spec_bytes=max_bytes,
        source=str(pyproject) if pyproject else "",
    )
