"""The whole pipeline: load -> validate -> model -> render -> format, and what to do with it."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import NO_CACHE, Cache, digest, files_digest, tool_digest
from .errors import Location, SpecError
from .options import DEFAULT_LINT, DEFAULT_MAX_BYTES, BuildSettings, LintSettings
from .write import diff_tree, write_tree

if TYPE_CHECKING:
    from .model import Api


@dataclass(frozen=True, slots=True)
class Job:
    spec: Path
    templates: Path
    settings: BuildSettings
    display_name: str = ""
    lint: LintSettings = DEFAULT_LINT
    max_bytes: int = DEFAULT_MAX_BYTES
    # What was skipped (unsupported constructs); `report` says each as it is found.
    warnings: list[SpecError] = field(default_factory=list, compare=False)
    # The files the run read besides the templates: the spec and what its $refs brought in.
    read: list[Path] = field(default_factory=list, compare=False)
    cache: Cache = NO_CACHE


def report(warning: SpecError) -> None:
    print(warning_line(warning), file=sys.stderr)


def warning_line(warning: SpecError) -> str:
    return str(warning).replace(" error ", " warn ", 1)


def model(job: Job) -> Api:
    """Steps 1-3: the intermediate model of the spec; raises a GeneratorError on bad input,
    and refuses a spec with lint errors, reported as `lint` reports them."""
    return _model(job)[1]


def _model(job: Job, base: Cache = NO_CACHE) -> tuple[list[Path], Api]:
    # The steps are imported here, as format and render in `produce`: a run reused from the
    # cache needs none of them, and importing them is most of the command's start-up time.
    from .lint import lint, refuse_errors
    from .load import load
    from .parse import build

    with _quiet_gc():
        # With `base`, the spec is parsed as a splice into the version parsed last (reparse).
        doc = load(job.spec, display_name=job.display_name, max_bytes=job.max_bytes, cache=base)
        refuse_errors(lint(doc, job.lint, try_build=False, cache=job.cache))
        return doc.files, build(doc, job.settings, job.warnings)


@contextmanager
def _quiet_gc() -> Iterator[None]:
    """Without the cycle collector while the document is read: it makes no garbage cycles,
    but every collection would walk all of it again (half the load time of a 7 MB spec).
    What it built is then frozen, out of the collector's later walks."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def produce(job: Job, *, reuse_run: bool = True) -> dict[str, str]:
    """Steps 1-5: every output file, formatted, keyed by relative path. With a cache, a run
    whose every input is unchanged is reused whole (unless `reuse_run` is false), and files
    whose rendered text is unchanged are not formatted again."""
    key = _run_key(job) if job.cache.root is not None else ""
    if key and reuse_run:
        reused = _reuse(job, key)
        if reused is not None:
            return reused
    # Here, not at the top: a reused run needs neither black nor Jinja2, slow to import.
    from .format import format_files
    from .render import render

    # The spec is parsed incrementally by generate, not by check, which stays a cold run.
    files_read, api = _model(job, job.cache if reuse_run else NO_CACHE)
    job.read.extend(files_read)
    # Files rendered from an unchanged part of the model are reused by generate, not check.
    rendering = render(api, job.templates, job.cache if reuse_run else NO_CACHE)
    formatted = format_files(rendering.texts, job.cache)
    rendering.remember(formatted, job.cache)
    files = dict(sorted({**rendering.known, **formatted}.items()))
    if key:
        job.cache.put_json(
            "run",
            key,
            {
                "inputs": files_digest(files_read),
                "warnings": [_warning_record(w) for w in job.warnings],
                "files": files,
            },
        )
    return files


def _run_key(job: Job) -> str:
    """Everything a run's output depends on but the files its $refs bring in (recorded with
    the entry, and compared when it is reused)."""
    try:
        spec = job.spec.read_bytes()
    except OSError:
        return ""  # the run reports it
    templates = sorted(p for p in job.templates.rglob("*") if p.is_file())
    return digest(
        tool_digest(),
        repr((job.settings, job.lint, job.max_bytes, job.display_name)),
        str(job.spec.resolve()),
        spec,
        *(
            part
            for p in templates
            for part in (p.relative_to(job.templates).as_posix(), p.read_bytes())
        ),
    )


def _reuse(job: Job, key: str) -> dict[str, str] | None:
    entry = job.cache.get_json("run", key)
    if not isinstance(entry, dict) or not isinstance(entry.get("files"), dict):
        return None
    if files_digest(entry.get("inputs", {})) != entry.get("inputs"):
        return None  # a file a $ref brought in has changed
    job.read.extend(Path(p) for p in entry["inputs"])
    for w in entry.get("warnings", []):
        job.warnings.append(
            SpecError(
                w["message"], location=Location(w["file"], w["line"], w["column"]), rule=w["rule"]
            )
        )
    files: dict[str, str] = entry["files"]
    return files


def _warning_record(warning: SpecError) -> dict[str, object]:
    where = warning.location or Location("")
    return {
        "message": warning.message,
        "file": where.file,
        "line": where.line,
        "column": where.column,
        "rule": warning.rule,
    }


def generate(job: Job, out: Path) -> dict[str, str]:
    """Everything, then step 6: `out` is replaced only when every step succeeded."""
    files = produce(job)
    write_tree(files, out)
    return files


def check(job: Job, out: Path) -> list[str]:
    """Unified diffs of each file in `out` that generation would change; empty if current.
    Never from a reused run: only formatting, keyed by the exact text, may come from cache."""
    return diff_tree(produce(job, reuse_run=False), out)
