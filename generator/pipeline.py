"""The whole pipeline: load -> validate -> model -> render -> format, and what to do with it."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from .errors import SpecError
from .format import format_files
from .lint import DEFAULT_SETTINGS, lint, refuse_errors
from .lint import Settings as LintSettings
from .load import DEFAULT_MAX_BYTES, load
from .model import Api
from .parse import Settings, build
from .render import render
from .write import diff_tree, write_tree


@dataclass(frozen=True, slots=True)
class Job:
    spec: Path
    templates: Path
    settings: Settings
    display_name: str = ""
    lint: LintSettings = DEFAULT_SETTINGS
    max_bytes: int = DEFAULT_MAX_BYTES
    # What was skipped (unsupported constructs); `report` says each as it is found.
    warnings: list[SpecError] = field(default_factory=list, compare=False)


def report(warning: SpecError) -> None:
    print(str(warning).replace(" error ", " warn ", 1), file=sys.stderr)


def model(job: Job) -> Api:
    """Steps 1-3: the intermediate model of the spec; raises a GeneratorError on bad input,
    and refuses a spec with lint errors, reported as `lint` reports them."""
    doc = load(job.spec, display_name=job.display_name, max_bytes=job.max_bytes)
    refuse_errors(lint(doc, job.lint, try_build=False))
    api = build(doc, job.settings, job.warnings)
    return api


def produce(job: Job) -> dict[str, str]:
    """Steps 1-5: every output file, formatted, keyed by relative path."""
    return format_files(render(model(job), job.templates))


def generate(job: Job, out: Path) -> dict[str, str]:
    """Everything, then step 6: `out` is replaced only when every step succeeded."""
    files = produce(job)
    write_tree(files, out)
    return files


def check(job: Job, out: Path) -> list[str]:
    """Unified diffs of each file in `out` that generation would change; empty if current."""
    return diff_tree(produce(job), out)
