"""What a run is asked to do, as the command line and `[tool.generator]` say it: the settings
and limits, apart from the modules that act on them. Importing this is cheap, so a run reused
whole from the cache does not import the pipeline's steps (the YAML parser, the model, the
lint rules) just to name its settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # the largest spec read, unless configured

Severity = Literal["error", "warn", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warn", "info")
RANK = {"error": 3, "warn": 2, "info": 1, "off": 0}
_SEVERITY: dict[str, Severity] = {"error": "error", "warn": "warn", "info": "info"}


@dataclass(frozen=True, slots=True)
class LintSettings:
    """Which rules run and how bad their findings are, from `[tool.generator.lint]`."""

    levels: Mapping[str, str]  # rule id -> "error" | "warn" | "info" | "off"
    # The file that configured them, for the message that names a rule no linter has: the
    # rule ids are checked when the rules are loaded, so a run reused whole never loads them.
    source: str = ""

    def severity(self, rule_id: str, default: Severity) -> Severity | None:
        """The configured severity of a rule; None when it is off."""
        level = self.levels.get(rule_id, default)
        return None if level == "off" else _SEVERITY[level]


DEFAULT_LINT = LintSettings({})


@dataclass(frozen=True, slots=True)
class BuildSettings:
    """What the generated distribution is called; from the project configuration or flags."""

    package_name: str
    project_name: str
    package_version: str = "0.1.0"
    # What to do with a construct the generator does not support: "skip" it with a warning,
    # or "refuse" the spec.
    unsupported: str = "skip"
