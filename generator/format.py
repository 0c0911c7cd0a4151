"""Step 5: format the rendered Python with black, so the output reads as written by hand."""

from __future__ import annotations

import black
from black.mode import TargetVersion
from black.parsing import InvalidInput

from .errors import TemplateError

MODE = black.Mode(target_versions={TargetVersion.PY311}, line_length=88)


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


def format_files(files: dict[str, str]) -> dict[str, str]:
    return {path: format_file(path, text) for path, text in files.items()}
