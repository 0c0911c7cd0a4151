"""Step 2 in full: lint a loaded spec. openapi-spec-validator's findings, our semantic rules
(those of Spectral's `spectral:oas` and Redocly's `recommended` sets, and the generator's own),
each located on the line that causes it."""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cache import NO_CACHE, Cache
from .errors import InputError, InternalError, Location, SpecError, SpecErrors
from .load import BUNDLE, MISSING, Document, JsonPath, resolve_pointer
from .options import DEFAULT_LINT as DEFAULT_SETTINGS
from .options import RANK as RANK
from .options import SEVERITIES as SEVERITIES
from .options import BuildSettings
from .options import LintSettings as Settings
from .options import Severity as Severity


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: where, which rule, how bad, and what to do about it."""

    rule: str
    severity: Severity
    message: str
    location: Location

    def __str__(self) -> str:
        return f"{self.location} {self.severity} {self.rule} {' '.join(self.message.split())}"

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.rule, self.message)


Check = Callable[["Context"], Iterable[tuple[JsonPath, str]]]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    description: str
    origin: str  # "spectral:oas", "redocly:recommended", both, or "generator"
    check: Check


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str, severity: Severity, description: str, origin: str
) -> Callable[[Check], Check]:
    """Register a check under `rule_id`."""

    def register(check: Check) -> Check:
        RULES[rule_id] = Rule(rule_id, severity, description, origin, check)
        return check

    return register


# Rules whose findings come from elsewhere than a check function; listed for configuration.
BUILTIN: dict[str, tuple[str, str]] = {
    "duplicate-key": ("error", "a mapping holds the same key twice (YAML keeps the last)"),
    "openapi-schema": ("error", "the document breaks the OpenAPI schema (openapi-spec-validator)"),
    "openapi-version": ("error", "the document is not OpenAPI 3.0 or 3.1"),
    "unresolved-ref": ("error", "a $ref that resolves to nothing"),
    "unsupported-ref": ("error", "a $ref to another document, which the generator cannot follow"),
    "ref-loop": ("error", "$refs that only point at each other, with no schema at the end"),
    "generator": ("error", "a construct the generator refuses"),
    "generator-skip": ("warn", "a construct the generator skips (an XML-only body, callbacks)"),
}


# A node as the walk lists it: its path, the node, whether it is data (`in_data`), and its
# parent's entry (None for a root of the walk).
_Entry = tuple[JsonPath, Any, bool, Any]


class Context:
    """The document under lint, with the walks the rules share: every node is listed once,
    indexed by its key and by its parent's key, as a dozen rules look at all of them."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.data = doc.data
        self.version = str(doc.data.get("openapi", ""))
        self.cache: dict[str, Any] = {}  # what rules compute once and share
        self._entries: list[_Entry] | None = None
        self._at: dict[Any, list[_Entry]] = {}
        self._under: dict[Any, list[_Entry]] = {}
        self._schemas: list[tuple[JsonPath, dict[str, Any]]] | None = None
        self._operations: list[tuple[JsonPath, str, str, dict[str, Any]]] | None = None
        self._targets: dict[str, Any] = {}

    def operations(self) -> list[tuple[JsonPath, str, str, dict[str, Any]]]:
        """(path, route, method, operation) of every operation, listed once."""
        if self._operations is None:
            found: list[tuple[JsonPath, str, str, dict[str, Any]]] = []
            paths = self.data.get("paths")
            for route, raw in paths.items() if isinstance(paths, dict) else ():
                item = self.resolve(raw)
                if not isinstance(item, dict):
                    continue
                for method in _METHODS:
                    op = item.get(method)
                    if isinstance(op, dict):
                        found.append((("paths", route, method), route, method, op))
            self._operations = found
        return self._operations

    def resolve(self, node: Any) -> Any:
        """Follow local $refs (bounded), returning the node they name or the node itself."""
        for _ in range(64):
            if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
                return node
            ref = node["$ref"]
            if not ref.startswith("#"):
                return None
            target = self._targets.get(ref, _UNSEEN)
            if target is _UNSEEN:
                target = self._targets[ref] = resolve_pointer(self.data, ref)
            if target is MISSING:
                return None
            node = target
        return None

    def walk(self) -> list[tuple[JsonPath, Any]]:
        """Every node of the document with its path, depth first."""
        return [(entry[0], entry[1]) for entry in self._index()]

    def at(self, *keys: Any, data: bool = False) -> list[tuple[JsonPath, Any]]:
        """The nodes whose key is one of `keys`; outside example data, default and enum values
        and extensions (`in_data`) unless `data`."""
        self._index()
        return [(e[0], e[1]) for k in keys for e in self._at.get(k, ()) if data or not e[2]]

    def under(self, *keys: Any, data: bool = False) -> list[tuple[JsonPath, Any]]:
        """The nodes whose parent's key is one of `keys` (as `at` for `data`)."""
        self._index()
        return [(e[0], e[1]) for k in keys for e in self._under.get(k, ()) if data or not e[2]]

    def holding(self, key: str, data: bool = False) -> list[tuple[JsonPath, dict[str, Any]]]:
        """The mappings that hold `key` (as `at` for `data`)."""
        self._index()
        return [
            (p[0], p[1])
            for e in self._at.get(key, ())
            if (p := e[3]) is not None and (data or not p[2])
        ]

    def _index(self) -> list[_Entry]:
        if self._entries is not None:
            return self._entries
        entries: list[_Entry] = []
        at: defaultdict[Any, list[_Entry]] = defaultdict(list)
        under: defaultdict[Any, list[_Entry]] = defaultdict(list)
        # (path, node, in data, key is a name, length of the content path, parent entry)
        stack: list[tuple[JsonPath, Any, bool, bool, int, Any]] = [
            ((), self.data, False, False, 0, None)
        ]
        while stack:
            path, node, data, named, depth, parent = stack.pop()
            entry = (path, node, data, parent)
            entries.append(entry)
            if path:
                at[path[-1]].append(entry)
                if len(path) > 1:
                    under[path[-2]].append(entry)
            if isinstance(node, dict):
                kids: Iterable[tuple[Any, Any]] = node.items()
            elif isinstance(node, list):
                kids = enumerate(node)
            else:
                continue
            key_of_parent = path[-1] if depth else None
            grandparent = path[-2] if depth > 1 else None
            children = []
            for key, value in kids:
                if depth == 0 and (path == (BUNDLE,) or (not path and key == BUNDLE)):
                    children.append(((*path, key), value, False, False, 0, entry))  # a file's root
                    continue
                state = _step(data, named, depth, key_of_parent, grandparent, key)
                children.append(((*path, key), value, *state, depth + 1, entry))
            stack.extend(reversed(children))
        self._entries, self._at, self._under = entries, dict(at), dict(under)
        return entries

    def schemas(self) -> list[tuple[JsonPath, dict[str, Any]]]:
        """Every schema object: components, parameters, media types, and their subschemas."""
        if self._schemas is None:
            self._schemas = list(self._find_schemas())
        return self._schemas

    def _find_schemas(self) -> Iterator[tuple[JsonPath, dict[str, Any]]]:
        seen: set[int] = set()
        candidates = [
            *self.at("schema", "items", "not", "additionalProperties"),
            *self.under(
                "schemas",
                "properties",
                "patternProperties",
                "allOf",
                "oneOf",
                "anyOf",
                "prefixItems",
            ),
        ]
        for full_path, node in candidates:
            path = content_path(full_path)
            if not path or not isinstance(node, dict):
                continue
            last = path[-1]
            parent = path[-2] if len(path) > 1 else None
            is_schema = (
                last == "schema"
                or (parent == "schemas" and len(path) == 3 and path[0] == "components")
                or last in ("items", "not", "additionalProperties")
                or parent in ("properties", "patternProperties")
                or (len(path) > 2 and path[-2] in ("allOf", "oneOf", "anyOf", "prefixItems"))
            )
            if is_schema and id(node) not in seen:
                seen.add(id(node))
                yield full_path, node


_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_UNSEEN: Any = object()


# Keywords whose value is a map from names the spec author chose to objects; a key directly
# below one is a name (a property called `default`, the `default` response), not a keyword.
_NAME_MAPS = frozenset(
    "properties patternProperties dependentSchemas $defs definitions schemas responses "
    "parameters headers examples requestBodies securitySchemes links callbacks pathItems "
    "content encoding paths webhooks mapping variables scopes".split()
)
# Keywords whose value is instance data (an example, a default, enum values, an extension).
_DATA_KEYWORDS = frozenset({"example", "default", "enum", "const"})


def content_path(path: JsonPath) -> JsonPath:
    """A path inside a file that a $ref brought in, as if in that file: its position in it."""
    return path[2:] if path[:1] == (BUNDLE,) else path


def in_data(path: JsonPath) -> bool:
    """Is the node at `path` inside example, default or enum data, or an extension, rather
    than part of the OpenAPI document itself?"""
    path = content_path(path)
    parent_is_name = False
    for i, key in enumerate(path):
        parent = path[i - 1] if i else None
        keyword_parent = i > 0 and not parent_is_name  # the parent is a keyword, not a name
        is_name = keyword_parent and parent in _NAME_MAPS
        if isinstance(key, int):
            if keyword_parent and parent == "examples":  # a 3.1 schema's `examples` list
                return True
        elif not is_name:
            if key in _DATA_KEYWORDS or key.startswith("x-"):
                return True
            if key == "value" and parent_is_name and i >= 2 and path[i - 2] == "examples":
                return True  # the value of an Example Object
        parent_is_name = is_name
    return False


def _step(
    data: bool, named: bool, i: int, parent: Any, grandparent: Any, key: Any
) -> tuple[bool, bool]:
    """One key further in `in_data`'s scan of a content path: whether the node at `key` (the
    i-th key, below `parent` and `grandparent`) is data, and whether `key` is a name; `data`
    and `named` say the same of its parent. The walk's way to `in_data`, a step per node."""
    keyword_parent = i > 0 and not named
    is_name = keyword_parent and parent in _NAME_MAPS
    if data:
        return True, is_name
    if isinstance(key, int):
        return keyword_parent and parent == "examples", is_name
    if is_name:
        return False, True
    value_of_example = key == "value" and named and i >= 2 and grandparent == "examples"
    return key in _DATA_KEYWORDS or key.startswith("x-") or value_of_example, False


def _run(r: Rule, check: Check, ctx: Context) -> list[tuple[JsonPath, str]]:
    try:
        return list(check(ctx))
    except Exception as exc:  # a bug of ours must not hide the other findings
        raise InternalError(f"lint rule {r.id} failed on this document: {exc!r}") from exc


def all_rule_ids() -> dict[str, tuple[str, str]]:
    """Every rule id -> (default severity, description)."""
    from . import rules  # noqa: F401 - registers the rules

    ids = dict(BUILTIN)
    ids.update({r.id: (r.severity, r.description) for r in RULES.values()})
    return dict(sorted(ids.items()))


def check_levels(settings: Settings) -> None:
    """Refuse a configured level for a rule that does not exist: a typo would otherwise
    switch nothing off, silently."""
    if not settings.levels:
        return
    known = all_rule_ids()
    for rule_id in settings.levels:
        if rule_id not in known:
            raise InputError(
                f"[tool.generator.lint] rules: {rule_id}: unknown rule "
                "(`lint --list-rules` lists them)",
                location=_config_line(settings.source, rule_id),
                rule="config",
            )


def _config_line(source: str, rule_id: str) -> Location | None:
    """Where the configuration names `rule_id`: the first line that holds it (TOML's reader
    keeps no lines)."""
    if not source:
        return None
    try:
        lines = Path(source).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return Location(source)
    for number, line in enumerate(lines, 1):
        column = line.find(rule_id)
        if column >= 0:
            return Location(source, number, column + 1)
    return Location(source)


def lint(
    doc: Document,
    settings: Settings = DEFAULT_SETTINGS,
    *,
    try_build: bool = True,
    cache: Cache = NO_CACHE,
) -> list[Finding]:
    """Every finding on `doc`, sorted by place. With `try_build`, what the model builder
    refuses is a finding too (generate builds the model itself, so it passes False). The
    cache remembers parts of the document found valid (see validate)."""
    # The collector paused, as the pipeline does around load and lint: lint makes no cycles
    # worth collecting, and every collection would walk the whole document and the index of
    # its nodes again (a tenth of a cold lint of a large spec).
    paused = gc.isenabled()
    gc.disable()
    try:
        return _lint(doc, settings, try_build=try_build, cache=cache)
    finally:
        if paused:
            gc.enable()


def _lint(doc: Document, settings: Settings, *, try_build: bool, cache: Cache) -> list[Finding]:
    from . import rules  # noqa: F401 - registers the rules
    from .validate import iter_errors

    check_levels(settings)
    found: list[Finding] = []

    def add(rule_id: str, default: Severity, message: str, location: Location) -> None:
        level = settings.severity(rule_id, default)
        if level is not None:
            found.append(Finding(rule_id, level, message, location))

    for dup in doc.duplicates:
        add(dup.rule, "error", dup.message, dup.location or Location(doc.display_name))
    structural = list(iter_errors(doc, cache))
    for err in structural:
        add(err.rule, "error", err.message, err.location or Location(doc.display_name))
    if not structural:  # semantic rules assume a document the schema accepts
        ctx = Context(doc)
        for r in RULES.values():
            for path, message in _run(r, r.check, ctx):
                add(r.id, r.severity, message, doc.locate(path))
        if try_build and not any(f.severity == "error" for f in found):
            found.extend(_generator_findings(doc, settings))
    return sorted(set(found), key=Finding.sort_key)


def _generator_findings(doc: Document, settings: Settings) -> list[Finding]:
    """What the model builder skips (warnings) or refuses: nothing it cannot handle passes
    lint unseen."""
    from .parse import build

    level = settings.severity("generator", "error")
    if level is None:
        return []
    skipped: list[SpecError] = []
    try:
        build(doc, BuildSettings(package_name="lint", project_name="lint"), skipped)
    except SpecError as exc:
        location = exc.location or Location(doc.display_name)
        rule_id = exc.rule if exc.rule in BUILTIN else "generator"
        return [Finding(rule_id, level, exc.message, location)]
    skip_level = settings.severity("generator-skip", "warn")
    if skip_level is None:
        return []
    return [
        Finding("generator-skip", skip_level, w.message, w.location or Location(doc.display_name))
        for w in skipped
    ]


def refuse_errors(findings: Iterable[Finding]) -> None:
    """Raise SpecErrors when any finding is an error (generate refuses such specs)."""
    errors = [
        SpecError(f.message, location=f.location, rule=f.rule)
        for f in findings
        if f.severity == "error"
    ]
    if errors:
        raise SpecErrors(errors)
