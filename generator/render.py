"""Step 4: render the templates over the intermediate model, one file per output kind."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import jinja2.meta

from .cache import NO_CACHE, Cache, digest, tool_digest
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


def plan(api: Api) -> list[tuple[str, str, dict[str, object]]]:
    """(output path, template, context) of every file of the package."""
    pkg = api.package_name
    files: list[tuple[str, str, dict[str, object]]] = [
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
    files += [(f"{pkg}/models/{m.module}.py", "model.py.jinja", {"model": m}) for m in api.models]
    files += [(f"{pkg}/models/{e.module}.py", "enum.py.jinja", {"enum": e}) for e in api.enums]
    files += [(f"{pkg}/api/{g.module}.py", "api.py.jinja", {"group": g}) for g in api.groups]
    return files


@dataclass
class Rendering:
    """The output files: those rendered now (`texts`, to be formatted) and those known,
    formatted, from an earlier run (`known`). `keys` names each text rendered now by what it
    was rendered from, for `remember`."""

    texts: dict[str, str] = field(default_factory=dict)
    known: dict[str, str] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)

    def remember(self, formatted: Mapping[str, str], cache: Cache) -> None:
        """Keep the formatted text of each file rendered now, for the next run."""
        for path, key in self.keys.items():
            cache.put("file", key, formatted[path].encode("utf-8"))


def render(api: Api, templates: Path, cache: Cache = NO_CACHE) -> Rendering:
    """Every output file of the package. With a cache, a file rendered from the same template
    over an equal part of the model (a model class, an enum, a group of operations) as in an
    earlier run is taken as that run formatted it: after one schema changed, that is all but
    a few of them. Only templates that read nothing but their own context qualify (checked on
    their syntax tree); the key holds their text, the generator's code and the part's repr
    (the model is frozen dataclasses: the repr is all of it)."""
    env = environment(templates)
    salt = _templates_digest(templates) if cache.root is not None else ""
    own: dict[str, bool] = {}
    rendering = Rendering()
    for target, name, context in plan(api):
        key = ""
        if salt and context:
            if name not in own:
                own[name] = _reads_only(env, name, set(context))
            if own[name]:
                key = digest(salt, target, name, repr(sorted(context.items())))
                known = cache.get("file", key)
                if known is not None:
                    rendering.known[target] = known.decode("utf-8")
                    continue
        rendering.texts[target] = _render_one(env, templates, target, name, api, context)
        if key:
            rendering.keys[target] = key
    return rendering


def _render_one(
    env: jinja2.Environment,
    templates: Path,
    target: str,
    name: str,
    api: Api,
    context: dict[str, object],
) -> str:
    try:
        return env.get_template(name).render(api=api, **context)
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or name}:{exc.lineno}"
        raise TemplateError(f"{where}: {exc.message}", rule="template-syntax") from None
    except jinja2.TemplateError as exc:
        raise TemplateError(
            f"{_template_line(exc, templates, name)}: {exc} (rendering {target})",
            rule="template",
        ) from None


def _reads_only(env: jinja2.Environment, name: str, names: set[str]) -> bool:
    """Does template `name` read no variable but `names`? (What it includes or imports is in
    the key already: every template file is.)"""
    try:
        source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        tree = env.parse(source)
    except jinja2.TemplateError:
        return False  # rendering reports it
    return jinja2.meta.find_undeclared_variables(tree) <= names


def _templates_digest(templates: Path) -> str:
    files = sorted(p for p in templates.rglob("*") if p.is_file())
    return digest(
        tool_digest(),
        *(part for p in files for part in (p.relative_to(templates).as_posix(), p.read_bytes())),
    )
