"""Step 5: format the rendered Python, so the output reads as written by hand.

The formatter is ruff's, black's style at black's defaults (88 columns, double quotes, magic
trailing commas); the tests check that black leaves every generated file as it is. Ruff and
not black runs here because black cost two thirds of a cold run (about 10,000 lines a second
a core; ruff formats the same in a hundredth of the time).

Each file's result is cached under the digest of the exact text given to the formatter, so a
file whose rendering did not change is not formatted again. The files that miss are formatted
by one ruff process (it uses every core), while this one compiles them: ruff parses leniently
(a duplicate argument passes) and the compiler does not.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from .cache import NO_CACHE, Cache, digest
from .errors import TemplateError

# Options, not a configuration file: a ruff.toml or pyproject.toml around the output (or the
# temporary folder) must not change what is generated. `--isolated` ignores them all.
RUFF_ARGS = ("format", "--isolated", "--no-cache", "--line-length=88", "--target-version=py311")


def format_files(files: dict[str, str], cache: Cache = NO_CACHE) -> dict[str, str]:
    """Every `.py` file formatted, other files unchanged; the result does not depend on the
    cache. Text that is not valid Python means a template is wrong: that is reported with the
    file it was rendering."""
    mode = f"ruff {metadata.version('ruff')} {' '.join(RUFF_ARGS)}"
    keys = {path: digest(mode, text) for path, text in files.items() if path.endswith(".py")}
    done: dict[str, str] = {}
    todo: dict[str, str] = {}
    for path, text in files.items():
        cached = cache.get("format", keys[path]) if path in keys else text.encode()
        if cached is None:
            todo[path] = text
        else:
            done[path] = cached.decode("utf-8")
    for path, formatted in _format_all(todo).items():
        done[path] = formatted
        cache.put("format", keys[path], formatted.encode("utf-8"))
    return {path: done[path] for path in files}


def _format_all(todo: dict[str, str]) -> dict[str, str]:
    if not todo:
        return {}
    with tempfile.TemporaryDirectory(prefix="generator-format-") as tmp:
        root = Path(tmp)
        # Numbered names: a generated path is never misread as an option or a glob.
        names = {path: f"f{i}.py" for i, path in enumerate(todo)}
        for path, text in todo.items():
            (root / names[path]).write_bytes(text.encode("utf-8"))  # no newline translation
        ruff = subprocess.Popen(
            [sys.executable, "-m", "ruff", *RUFF_ARGS, *names.values()],
            cwd=root,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            for path, text in todo.items():
                _compile(path, text)  # meanwhile: formatting does not change what compiles
        except TemplateError:
            ruff.kill()
            raise
        finally:
            _, errors = ruff.communicate()
        if ruff.returncode != 0:
            detail = errors.strip().splitlines()[0] if errors.strip() else ""
            for path, name in names.items():
                detail = detail.replace(name, path)
            raise TemplateError(
                f"formatting failed (ruff exit {ruff.returncode}): {detail}", rule="format"
            )
        return {path: (root / name).read_bytes().decode("utf-8") for path, name in names.items()}


def _compile(path: str, text: str) -> None:
    try:
        compile(text, path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        raise TemplateError(
            f"the templates produced invalid Python in {path}: {exc}", rule="invalid-python"
        ) from None
