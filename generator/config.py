"""Project settings from `[tool.generator]` in pyproject.toml, overridden by flags."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError, Location

ROOT = Path(__file__).resolve().parent.parent  # the repository holding this package


@dataclass(frozen=True, slots=True)
class Config:
    spec: Path
    out: Path
    templates: Path
    package_name: str
    project_name: str
    package_version: str


def find_pyproject(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                if "generator" in tomllib.loads(candidate.read_text("utf-8")).get("tool", {}):
                    return candidate
            except (OSError, tomllib.TOMLDecodeError):
                continue
    return None


def load_config(cwd: Path | None = None) -> Config:
    """Settings of the project around `cwd`, or of this repository; paths made absolute."""
    pyproject = find_pyproject((cwd or Path.cwd()).resolve()) or find_pyproject(ROOT)
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
    return Config(
        spec=path("spec", "spec/openapi.yaml"),
        out=path("out", "generated"),
        templates=path("templates", str(ROOT / "templates")),
        package_name=package,
        project_name=str(table.get("project-name", package)),
        package_version=str(table.get("package-version", "0.1.0")),
    )
