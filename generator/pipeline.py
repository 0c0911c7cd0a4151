"""The whole pipeline: load -> validate -> model -> render -> format, and what to do with it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .format import format_files
from .lint import DEFAULT_SETTINGS, lint, refuse_errors
from .lint import Settings as LintSettings
from .load import load
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


def model(job: Job) -> Api:
    """Steps 1-3: the intermediate model of the spec; raises a GeneratorError on bad input,
    and refuses a spec with lint errors, reported as `lint` reports them."""
    doc = load(job.spec, display_name=job.display_name)
    refuse_errors(lint(doc, job.lint, try_build=False))
    return build(doc, job.settings)


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
