"""Project settings from `[tool.generator]` in pyproject.toml, overridden by flags."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, Location
from .lint import all_rule_ids
from .load import DEFAULT_MAX_BYTES

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


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml with a [tool.generator] table, from `start` upwards. One
    that cannot be read or parsed is an error, not a reason to use some other project's."""
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
                return candidate
    return None


def _has_table(candidate: Path) -> bool:
    try:
        return "generator" in tomllib.loads(candidate.read_text("utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def load_config(cwd: Path | None = None) -> Config:
    """Settings of the project around `cwd`, or of this repository; paths made absolute."""
    pyproject = find_pyproject((cwd or Path.cwd()).resolve())
    if pyproject is None and _has_table(ROOT / "pyproject.toml"):
        # Run from outside a project: this repository's settings. Only its own file: an
        # installed generator must not wander up site-packages into someone else's.
        pyproject = ROOT / "pyproject.toml"
    table: dict[str, Any] = {}
    base = ROOT
    if pyproject is not None:
        base = pyproject.parent
        try:
            table = tomllib.loads(pyproject.read_text("utf-8"))["tool"]["generator"]
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise InputError(
                f"cannot read [tool.generator]: {exc}",
                location=Location(str(pyproject)),
                rule="config",
            ) from None

    def path(key: str, default: str) -> Path:
        return (base / str(table.get(key, default))).resolve()

    package = str(table.get("package-name", "client"))
    lint_table = table.get("lint", {})
    levels = {str(k): str(v) for k, v in (lint_table.get("rules") or {}).items()}
    known = all_rule_ids()
    for rule_id, level in levels.items():
        if rule_id not in known or level not in ("error", "warn", "info", "off"):
            raise InputError(
                f"[tool.generator.lint] rules: {rule_id} = {level!r}: unknown rule or level "
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
    )
