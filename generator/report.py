"""Lint findings as text, GitHub workflow commands, JSON or SARIF 2.1.0."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING
from urllib.parse import quote

from . import __version__

if TYPE_CHECKING:
    from .lint import Finding

FORMATS = ("text", "github", "json", "sarif")
_GITHUB_LEVEL = {"error": "error", "warn": "warning", "info": "notice"}
_SARIF_LEVEL = {"error": "error", "warn": "warning", "info": "note"}


def render(findings: Sequence[Finding], fmt: str) -> str:
    return {"text": text, "github": github, "json": as_json, "sarif": sarif}[fmt](findings)


def text(findings: Sequence[Finding]) -> str:
    return "".join(f"{f}\n" for f in findings)


def summary(findings: Sequence[Finding]) -> str:
    counts = Counter(f.severity for f in findings)
    if not findings:
        return "no problems found"
    nouns = {"error": "error", "warn": "warning", "info": "note"}
    return ", ".join(
        f"{counts[s]} {nouns[s]}{'' if counts[s] == 1 else 's'}"
        for s in ("error", "warn", "info")
        if counts[s]
    )


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(findings: Sequence[Finding]) -> str:
    """GitHub Actions workflow commands: each finding annotates its line of the pull request."""
    lines = []
    for f in findings:
        props = [f"file={_escape_property(f.location.file)}"]
        if f.location.line:
            props += [f"line={f.location.line}", f"col={f.location.column}"]
        props.append(f"title={_escape_property(f.rule)}")
        lines.append(
            f"::{_GITHUB_LEVEL[f.severity]} {','.join(props)}::{_escape_data(f.message)}\n"
        )
    return "".join(lines)


def as_json(findings: Sequence[Finding]) -> str:
    return (
        json.dumps(
            [
                {
                    "file": f.location.file,
                    "line": f.location.line,
                    "column": f.location.column,
                    "severity": f.severity,
                    "rule": f.rule,
                    "message": f.message,
                }
                for f in findings
            ],
            indent=2,
        )
        + "\n"
    )


def _uri(path: str) -> str:
    """A file path as a SARIF artifact URI: forward slashes, reserved characters escaped."""
    return quote(PurePath(path).as_posix().replace("\\", "/"), safe="/")


def sarif(findings: Sequence[Finding]) -> str:
    """SARIF 2.1.0, which code-scanning services show on the lines of a pull request."""
    from .lint import all_rule_ids  # not at the top: `generate` imports this module, not lint

    rules = all_rule_ids()
    used = sorted({f.rule for f in findings} | set(rules))
    index = {rule_id: i for i, rule_id in enumerate(used)}
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "partnercenter-sdk-generator lint",
                        "version": __version__,
                        "rules": [
                            {
                                "id": rule_id,
                                "shortDescription": {"text": rules.get(rule_id, ("", rule_id))[1]},
                                "defaultConfiguration": {
                                    "level": _SARIF_LEVEL.get(
                                        rules.get(rule_id, ("error",))[0], "error"
                                    )
                                },
                            }
                            for rule_id in used
                        ],
                    }
                },
                "results": [
                    {
                        "ruleId": f.rule,
                        "ruleIndex": index[f.rule],
                        "level": _SARIF_LEVEL[f.severity],
                        "message": {"text": f.message},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {"uri": _uri(f.location.file)},
                                    "region": {
                                        "startLine": max(f.location.line, 1),
                                        "startColumn": max(f.location.column, 1),
                                    },
                                }
                            }
                        ],
                    }
                    for f in findings
                ],
            }
        ],
    }
    return json.dumps(document, indent=2) + "\n"
