"""Step 5: format the rendered Python with black, so the output reads as written by hand.

black costs most of a cold run, so each file's result is cached under the digest of the exact
text black was given (a file whose rendering did not change is not formatted again), and the
files that miss are formatted by a process per core.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from importlib import metadata

import black
from black.mode import TargetVersion
from black.parsing import InvalidInput

from .cache import NO_CACHE, Cache, digest
from .errors import TemplateError

MODE = black.Mode(target_versions={TargetVersion.PY311}, line_length=88)
# Below this many lines to format, starting worker processes costs more than it saves.
_PARALLEL_LINES = 4000


def format_file(path: str, text: str) -> str:
    """`text` formatted when `path` is Python; other files unchanged. Text that is not valid
    Python means a template is wrong: that is reported with the file it was rendering."""
    if not path.endswith(".py"):
        return text
    try:
        formatted = black.format_str(text, mode=MODE)
        # black parses leniently (a duplicate argument passes); the compiler does not.
        compile(formatted, path, "exec", dont_inherit=True)
    except (InvalidInput, SyntaxError) as exc:
        raise TemplateError(
            f"the templates produced invalid Python in {path}: {exc}", rule="invalid-python"
        ) from None
    return formatted


def _format_batch(batch: list[tuple[str, str]]) -> list[str]:
    return [format_file(path, text) for path, text in batch]


def format_files(files: dict[str, str], cache: Cache = NO_CACHE) -> dict[str, str]:
    """Every file formatted; the result does not depend on the cache or on the process count."""
    mode = f"black {metadata.version('black')} {MODE!r}"
    keys = {path: digest(mode, text) for path, text in files.items() if path.endswith(".py")}
    done: dict[str, str] = {}
    todo: list[tuple[str, str]] = []
    for path, text in files.items():
        cached = cache.get("format", keys[path]) if path in keys else text.encode()
        if cached is None:
            todo.append((path, text))
        else:
            done[path] = cached.decode("utf-8")
    for (path, _), formatted in zip(todo, _format_all(todo), strict=True):
        done[path] = formatted
        cache.put("format", keys[path], formatted.encode("utf-8"))
    return {path: done[path] for path in files}


def _format_all(todo: list[tuple[str, str]]) -> list[str]:
    workers = min(os.cpu_count() or 1, 8)
    lines = sum(text.count("\n") for _, text in todo)
    if workers < 2 or lines < _PARALLEL_LINES:
        return _format_batch(todo)
    # Interleaved batches of about equal work, one per worker; results come back in order.
    batches = [todo[i::workers] for i in range(workers)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(_format_batch, batches))
    formatted: list[str] = [""] * len(todo)
    for i, result in enumerate(results):
        formatted[i::workers] = result
    return formatted
