"""Step 6: put the output in place atomically, or compare it with what is there."""

from __future__ import annotations

import os

# typing.TYPE_CHECKING without importing typing: a reused run imports this module.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

# Caches and build products that tools leave in the output; they are not part of it.
_IGNORED = {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", "build", "dist"}


def write_tree(files: dict[str, str], out: Path) -> None:
    """Replace `out` with exactly `files`.

    Everything is written to a sibling temporary directory first and swapped in with renames,
    so `out` is either the old tree or the new one, never a mix; files no longer produced
    disappear with the old tree. A file whose bytes are unchanged is hard-linked from the old
    tree rather than written again: after one schema changes, that is nearly all of them.
    """
    out = out.resolve()
    unchanged, complete = _unchanged(out, files)
    if complete:
        return  # rewriting it would change nothing but the files' times
    # Imported here, as difflib in `diff_tree`: a `generate` with nothing to write is mostly
    # start-up, which imports only what it uses.
    import shutil
    import tempfile
    from pathlib import Path

    from .errors import InputError, Location

    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        made: set[str] = set()
        for rel, text in files.items():
            target = os.path.join(staging, rel)
            folder = os.path.dirname(target)
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            if rel in unchanged:
                try:
                    os.link(os.path.join(out, rel), target)
                    continue
                except OSError:
                    pass  # no hard links here: write it
            with open(target, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        if out.exists() and not out.is_dir():
            raise InputError(
                "the output path exists and is not a directory",
                location=Location(str(out)),
                rule="output",
            )
        old = out.parent / f".{out.name}.old-{os.getpid()}"
        if out.exists():
            os.replace(out, old)
        os.replace(staging, out)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def output_files(out: str | Path) -> Iterator[tuple[str, str]]:
    """(relative POSIX path, full path) of every file under `out` that belongs to the output:
    not the caches and build products that tools leave there."""
    root = os.fspath(out)
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _IGNORED and not d.endswith(".egg-info"))
        base = os.path.relpath(folder, root).replace(os.sep, "/")
        for name in sorted(names):
            yield (name if base == "." else f"{base}/{name}"), os.path.join(folder, name)


def _unchanged(out: Path, files: dict[str, str]) -> tuple[set[str], bool]:
    """The files of `files` that `out` already holds byte for byte, and whether `out` holds
    exactly `files` (nothing else but tools' caches)."""
    if not out.is_dir():
        return set(), False
    same: set[str] = set()
    complete = True
    for rel, path in output_files(out):
        text = files.get(rel)
        if text is None or os.path.islink(path):
            complete = False  # a file no longer produced, or a link that a copy replaces
            continue
        encoded = text.encode("utf-8")
        if os.path.getsize(path) == len(encoded):
            with open(path, "rb") as handle:
                if handle.read() == encoded:
                    same.add(rel)
                    continue
        complete = False
    return same, complete and len(same) == len(files)


def read_tree(root: Path) -> dict[str, str]:
    """The files under `root`, as text, keyed by their relative POSIX path."""
    tree: dict[str, str] = {}
    for rel, path in output_files(root):
        if os.path.isfile(path):
            with open(path, encoding="utf-8", errors="replace") as handle:
                tree[rel] = handle.read()
    return tree


def diff_tree(expected: dict[str, str], out: Path) -> list[str]:
    """Unified diffs between what generation produces and what `out` holds; empty if equal."""
    import difflib

    actual = read_tree(out)
    diffs: list[str] = []
    for rel in sorted(set(expected) | set(actual)):
        want, have = expected.get(rel), actual.get(rel)
        if want == have:
            continue
        diffs.append(
            "".join(
                difflib.unified_diff(
                    (have or "").splitlines(keepends=True),
                    (want or "").splitlines(keepends=True),
                    fromfile=f"{out.name}/{rel}" if have is not None else "/dev/null",
                    tofile=f"{out.name}/{rel} (generated)" if want is not None else "/dev/null",
                )
            )
            or f"{out.name}/{rel}: differs\n"
        )
    return diffs
