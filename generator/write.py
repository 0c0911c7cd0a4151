"""Step 6: put the output in place atomically, or compare it with what is there."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import InputError, Location

# Caches and build products that tools leave in the output; they are not part of it.
_IGNORED = {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", "build", "dist"}


def write_tree(files: dict[str, str], out: Path) -> None:
    """Replace `out` with exactly `files`.

    Everything is written to a sibling temporary directory first and swapped in with renames,
    so `out` is either the old tree or the new one, never a mix; files no longer produced
    disappear with the old tree.
    """
    out = out.resolve()
    if _holds_exactly(out, files):
        return  # rewriting it would change nothing but the files' times
    # Imported here, as difflib in `diff_tree`: a `generate` with nothing to write is mostly
    # start-up, which imports only what it uses.
    import shutil
    import tempfile

    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        for rel, text in files.items():
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
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


def _holds_exactly(out: Path, files: dict[str, str]) -> bool:
    """Does `out` hold exactly `files`, byte for byte, and nothing else but tools' caches?"""
    if not out.is_dir():
        return False
    found = 0
    for folder, dirs, names in os.walk(out):
        dirs[:] = [d for d in dirs if d not in _IGNORED and not d.endswith(".egg-info")]
        base = Path(folder).relative_to(out)
        for name in names:
            text = files.get((base / name).as_posix())
            path = os.path.join(folder, name)
            if text is None or os.path.getsize(path) != len(encoded := text.encode("utf-8")):
                return False
            with open(path, "rb") as handle:
                if handle.read() != encoded:
                    return False
            found += 1
    return found == len(files)


def read_tree(root: Path) -> dict[str, str]:
    """The files under `root`, as text, keyed by their relative POSIX path."""
    if not root.is_dir():
        return {}
    tree: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        rel_parts = path.relative_to(root).parts
        if any(p in _IGNORED or p.endswith(".egg-info") for p in rel_parts):
            continue
        if path.is_file():
            tree[path.relative_to(root).as_posix()] = path.read_text(
                encoding="utf-8", errors="replace"
            )
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
