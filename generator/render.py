"""Step 4: render the templates over the intermediate model, one file per output kind."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import jinja2

from .errors import TemplateError
from .model import Api

_DOC_WIDTH = 88
# Characters that would end or corrupt a docstring, or that Python's tokenizer or black treat
# as line breaks; spec text is data and comes out as escapes.
_DOC_ESCAPES = {
    "\\": "\\\\",
    "\x00": "\\x00",
    "\r": "\n",
    "\t": "    ",
    "\x0b": "\\x0b",
    "\x0c": "\\x0c",
    "\x1c": "\\x1c",
    "\x1d": "\\x1d",
    "\x1e": "\\x1e",
    "\x85": "\\x85",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_ENTRY = re.compile(r"^\w+: ")
# Control characters, C1 controls and the bidirectional controls of "Trojan Source".
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _escape_doc(text: str) -> str:
    text = text.replace("\r\n", "\n")
    for raw, escaped in _DOC_ESCAPES.items():
        text = text.replace(raw, escaped)
    text = _CONTROL.sub(_escape_char, text)
    return text.replace('"""', '\\"\\"\\"')


def _escaped_quote_at_end(line: str) -> bool:
    """Does `line` end with `\\"` (an escaped quote) rather than a bare `"`?"""
    backslashes = len(line[:-1]) - len(line[:-1].rstrip("\\"))
    return backslashes % 2 == 1


def docstring(text: str, indent: int = 0) -> str:
    """Spec text as a triple-quoted docstring: escaped, long lines wrapped, indented."""
    lines: list[str] = []
    for line in _escape_doc(text.strip()).split("\n"):
        lead = len(line) - len(line.lstrip())
        # An indented `name: text` line (an Args entry) continues with a hanging indent.
        hang = 4 if lead and _ENTRY.match(line.strip()) else 0
        width = max(_DOC_WIDTH - indent - lead, 20)
        stripped = line.strip()
        if len(stripped) <= width:
            wrapped = [stripped]  # what textwrap returns for a line that fits, much sooner
        else:
            wrapped = textwrap.wrap(
                stripped,
                width,
                subsequent_indent=" " * hang,
                break_long_words=False,
                break_on_hyphens=False,
            ) or [""]
        lines.extend(" " * lead + w for w in wrapped)
    while lines and not lines[-1].strip():
        lines.pop()
    if lines and lines[-1].endswith('"'):
        # A final quote, escaped or not, is written \x22: it cannot merge with the closing
        # quotes, and black does not pad the docstring with a space because of it.
        cut = 2 if _escaped_quote_at_end(lines[-1]) else 1
        lines[-1] = lines[-1][:-cut] + "\\x22"
    if len(lines) <= 1:
        return f'"""{lines[0] if lines else ""}"""'
    pad = " " * indent
    body = "\n".join(pad + line if line.strip() else "" for line in lines[1:])
    return f'"""{lines[0]}\n{body}\n{pad}"""'


def docline(text: str) -> str:
    """Spec text made safe for one line inside a docstring."""
    return " ".join(_escape_doc(text).split())


def literal(value: object) -> str:
    """A value as Python source; `repr` escapes every character a string can hold."""
    return repr(value)


def _template_line(exc: BaseException, templates: Path, name: str) -> str:
    """`template:line` of the innermost template frame of a rendering error."""
    found = str(templates / name)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".jinja"):
            found = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found


def environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Python source, not HTML
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(docstring=docstring, docline=docline, literal=literal)
    return env


def render(api: Api, templates: Path) -> dict[str, str]:
    """Every output file of the package: relative path -> text, before formatting."""
    env = environment(templates)
    pkg = api.package_name
    plan: list[tuple[str, str, dict[str, object]]] = [
        ("pyproject.toml", "pyproject.toml.jinja", {}),
        ("README.md", "README.md.jinja", {}),
        (f"{pkg}/__init__.py", "package_init.py.jinja", {}),
        (f"{pkg}/py.typed", "py.typed.jinja", {}),
        (f"{pkg}/_codecs.py", "runtime/_codecs.py.jinja", {}),
        (f"{pkg}/_model.py", "runtime/_model.py.jinja", {}),
        (f"{pkg}/_compiled.py", "runtime/_compiled.py.jinja", {}),
        (f"{pkg}/_request.py", "runtime/_request.py.jinja", {}),
        (f"{pkg}/_http.py", "runtime/_http.py.jinja", {}),
        (f"{pkg}/errors.py", "runtime/errors.py.jinja", {}),
        (f"{pkg}/client.py", "client.py.jinja", {}),
        (f"{pkg}/models/__init__.py", "models_init.py.jinja", {}),
        (f"{pkg}/api/__init__.py", "api_init.py.jinja", {}),
    ]
    plan += [(f"{pkg}/models/{m.module}.py", "model.py.jinja", {"model": m}) for m in api.models]
    plan += [(f"{pkg}/models/{e.module}.py", "enum.py.jinja", {"enum": e}) for e in api.enums]
    plan += [(f"{pkg}/api/{g.module}.py", "api.py.jinja", {"group": g}) for g in api.groups]
    files: dict[str, str] = {}
    for target, name, context in plan:
        try:
            files[target] = env.get_template(name).render(api=api, **context)
        except jinja2.TemplateSyntaxError as exc:
            where = f"{exc.filename or name}:{exc.lineno}"
            raise TemplateError(f"{where}: {exc.message}", rule="template-syntax") from None
        except jinja2.TemplateError as exc:
            raise TemplateError(
                f"{_template_line(exc, templates, name)}: {exc} (rendering " f"{target})",
                rule="template",
            ) from None
    return dict(sorted(files.items()))
