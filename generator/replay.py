"""A `generate` whose every input is as an earlier run found it, answered from that run's
record: before the command line is parsed and without the pipeline's modules, whose imports
would otherwise be most of the time of a run with nothing to do.

A record is keyed by everything that decides what a run reads, without reading it: the
arguments, the working directory, every pyproject.toml from there up and this repository's,
the generator's code, its libraries' versions and the interpreter. It lists the files the run
read (spec, the files its $refs brought in, every template) and wrote, with their digests,
and what it printed. It is replayed only if each file still has its digest and the output
tree holds exactly the files written; otherwise the command runs as usual. `--no-cache`
neither reads nor writes records; `check` and `lint` never use them.
"""

from __future__ import annotations

import marshal
import os
import sys

from .cache import Cache, default_dir, digest, tool_digest
from .write import output_files

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from pathlib import Path
    from typing import Any

_KIND = "generate"
# The generator's repository, whose pyproject.toml a run outside any project reads (config).
_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def replay(argv: Sequence[str]) -> int | None:
    """Print what the recorded run printed and return its exit code (0); None when there is
    no record for this command or something it read or wrote has changed."""
    if not argv or argv[0] != "generate" or {"--no-cache", "-h", "--help"} & set(argv):
        return None
    record = _load(Cache(default_dir()), _key(argv))
    if record is None or not _current(record):
        return None
    sys.stderr.write(record["stderr"])
    sys.stdout.write(record["stdout"])
    return 0


def remember(
    argv: Sequence[str],
    cache: Cache,
    read: Iterable[str | Path],
    templates: Path,
    out: Path,
    files: dict[str, str],
    stdout: str,
    stderr: str,
) -> None:
    """Record a successful `generate`: what it read (and every file of `templates`), the
    files it left in `out`, and what it printed."""
    if cache.root is None:
        return
    templates_dir = os.path.abspath(templates)
    listing = _listing(templates_dir)
    paths = {os.path.abspath(p) for p in read}
    paths.update(os.path.join(templates_dir, rel) for rel in listing)
    try:
        inputs = {p: (os.path.realpath(p), digest(_read(p))) for p in sorted(paths)}
    except OSError:
        return  # something vanished meanwhile: no record, the next run works it out
    record = {
        "read": inputs,
        "templates": templates_dir,
        "listing": listing,
        "out": os.path.abspath(out),
        "wrote": {rel: digest(text.encode("utf-8")) for rel, text in files.items()},
        "stdout": stdout,
        "stderr": stderr,
    }
    cache.put(_KIND, _key(argv), marshal.dumps(record))


def _key(argv: Sequence[str]) -> str:
    cwd = os.getcwd()
    configs: list[str | bytes] = []
    # Every pyproject.toml that config's search may read: all from here to the top.
    for folder in _ancestors(cwd):
        configs += _optional(os.path.join(folder, "pyproject.toml"))
    configs += _optional(os.path.join(_ROOT, "pyproject.toml"))
    return digest(
        _KIND, tool_digest(), sys.executable, cwd, repr(list(argv)), repr(sys.path), *configs
    )


def _listing(folder: str) -> list[str]:
    """Every file under `folder` (the templates: all of them count, as for the run's key)."""
    return sorted(
        os.path.relpath(os.path.join(base, name), folder).replace(os.sep, "/")
        for base, _, names in os.walk(folder)
        for name in names
    )


def _ancestors(folder: str) -> Iterable[str]:
    while True:
        yield folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return
        folder = parent


def _optional(path: str) -> list[str | bytes]:
    try:
        return [path, _read(path)]
    except OSError:
        return [path, "absent"]


def _read(path: str | Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def _load(cache: Cache, key: str) -> dict[str, Any] | None:
    data = cache.get(_KIND, key)
    if data is None:
        return None
    try:
        # marshal, as Python's own bytecode caches: no import to pay, and the entry, written
        # whole by rename, comes from the user's own cache folder.
        record = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    fields = {"read": dict, "templates": str, "listing": list, "out": str, "wrote": dict}
    fields.update(stdout=str, stderr=str)
    if not isinstance(record, dict) or any(
        not isinstance(record.get(name), kind) for name, kind in fields.items()
    ):
        return None
    return record


def _current(record: dict[str, Any]) -> bool:
    """Does every file the run read still hold what it held, and does the output tree hold
    exactly what the run wrote?"""
    try:
        for path, (real, wanted) in record["read"].items():
            if os.path.realpath(path) != real or digest(_read(path)) != wanted:
                return False
        if _listing(record["templates"]) != record["listing"]:
            return False  # a template added (a removed one fails to read above)
        wrote: dict[str, str] = record["wrote"]
        found = 0
        for rel, path in output_files(record["out"]):
            # A link is replaced by a file when the run writes: not what it left.
            if os.path.islink(path) or wrote.get(rel) != digest(_read(path)):
                return False
            found += 1
        return found == len(wrote)
    except (OSError, TypeError, ValueError):
        return False
