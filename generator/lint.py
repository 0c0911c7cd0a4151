"""Step 2 in full: lint a loaded spec. openapi-spec-validator's findings, our semantic rules
(those of Spectral's `spectral:oas` and Redocly's `recommended` sets, and the generator's own),
each located on the line that causes it.

With a cache, lint remembers what its rules found in each part of a spec (each path item and
component) and lints again only what may differ: see Memo. Each check of a rule says what it
reads (`Reads`), and so when a part must be checked again.
"""

from __future__ import annotations

import dataclasses
import gc
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .cache import NO_CACHE, Cache, digest, tool_digest
from .errors import InputError, InternalError, Location, SpecError, SpecErrors
from .load import BUNDLE, MISSING, Document, JsonPath, pointer_path, resolve_pointer
from .options import DEFAULT_LINT as DEFAULT_SETTINGS
from .options import RANK as RANK
from .options import SEVERITIES as SEVERITIES
from .options import BuildSettings
from .options import LintSettings as Settings
from .options import Severity as Severity

if TYPE_CHECKING:
    from .validate import Part


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
# What a check's findings on a part of the document (validate.split) depend on:
# - "part": that part alone (its content, its place, the OpenAPI version); they lie in it.
# - "refs": the part and what its $refs reach, followed as JSON pointers; they may lie there.
# - "schemas": as "refs", for checks that validate against schemas: in 3.0 a schema's $refs
#   are pointers; in 3.1 `$id`s and anchors can name what they reach, so such a check reads
#   the whole document there.
# - "document": anything; run on the whole document every time.
# A check that reads less than it says would be remembered wrongly: tests/test_lint_memo.py
# lints many documents with and without the memo and compares.
Reads = Literal["part", "refs", "schemas", "document"]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    description: str
    origin: str  # "spectral:oas", "redocly:recommended", both, or "generator"
    checks: tuple[tuple[Check, Reads], ...]

    def check(self, ctx: Context) -> Iterator[tuple[JsonPath, str]]:
        """Every finding of the rule on `ctx`."""
        for check, _ in self.checks:
            yield from check(ctx)


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str, severity: Severity, description: str, origin: str, *, reads: Reads = "document"
) -> Callable[[Check], Check]:
    """Register a check under `rule_id`."""

    def register(check: Check) -> Check:
        RULES[rule_id] = Rule(rule_id, severity, description, origin, ((check, reads),))
        return check

    return register


def also(rule_id: str, *, reads: Reads) -> Callable[[Check], Check]:
    """Register one more check of the rule `rule_id`: a part of it that reads less."""

    def register(check: Check) -> Check:
        known = RULES[rule_id]
        RULES[rule_id] = dataclasses.replace(known, checks=(*known.checks, (check, reads)))
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


@dataclass(frozen=True, slots=True)
class Scope:
    """What a Context walks: the subtrees at `roots`, less the entries `skip` names (the keys
    to leave out, by the path of the mapping that holds them)."""

    roots: tuple[JsonPath, ...] = ((),)
    skip: Mapping[JsonPath, frozenset[str]] = field(default_factory=dict)


WHOLE = Scope()
# A node as the walk lists it: its path, the node, whether it is data (`in_data`), and its
# parent's entry (None for a root of the walk).
_Entry = tuple[JsonPath, Any, bool, Any]


class Context:
    """The document under lint, with the walks the rules share: every node of the scope is
    listed once, indexed by its key and by its parent's key."""

    def __init__(
        self,
        doc: Document,
        scope: Scope = WHOLE,
        *,
        memo: Memo | None = None,
        cache: dict[str, Any] | None = None,
        recalled: Recalled | None = None,
    ) -> None:
        self.doc = doc
        self.data = doc.data
        self.version = str(doc.data.get("openapi", ""))
        self.scope = scope
        self.memo = memo
        self.cache: dict[str, Any] = {} if cache is None else cache  # what rules share
        self.recalled = recalled
        self._entries: list[_Entry] | None = None
        self._at: dict[Any, list[_Entry]] = {}
        self._under: dict[Any, list[_Entry]] = {}
        self._schemas: list[tuple[JsonPath, dict[str, Any]]] | None = None
        self._operations: list[tuple[JsonPath, str, str, dict[str, Any]]] | None = None
        self._targets: dict[str, Any] = {}

    def path_items(self) -> list[tuple[str, Any]]:
        """(route, path item or $ref) of each entry of `paths` in the scope, in order."""
        paths = self.data.get("paths")
        if not isinstance(paths, dict):
            return []
        if self.scope is WHOLE:
            return list(paths.items())
        entries = self.under("paths", data=True)
        return [(str(p[1]), item) for p, item in entries if len(p) == 2 and p[0] == "paths"]

    def operations(self) -> list[tuple[JsonPath, str, str, dict[str, Any]]]:
        """(path, route, method, operation) of every operation of the path items in the scope
        ($refs followed)."""
        if self._operations is None:
            found: list[tuple[JsonPath, str, str, dict[str, Any]]] = []
            for route, raw in self.path_items():
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
        """Every node of the scope with its path, depth first."""
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

    def gather(self, fact: Fact) -> list[Any]:
        """`fact` of each part of the document and of the rest of it, remembered with the
        findings (see Memo); without a memo, `fact` of the whole document, alone in the list."""
        return [_json_copy(fact(self))] if self.memo is None else self.memo.gather(fact)

    def recall(self, key: Callable[[], str | None], compute: Callable[[], Any]) -> Any:
        """compute(), or what it gave in an earlier lint for the same key(): a digest of all
        that compute() reads (None when there is none). JSON data; computed without a memo."""
        if self.recalled is None:
            return compute()
        return self.recalled.get(key, compute)

    def _index(self) -> list[_Entry]:
        if self._entries is not None:
            return self._entries
        entries: list[_Entry] = []
        at: defaultdict[Any, list[_Entry]] = defaultdict(list)
        under: defaultdict[Any, list[_Entry]] = defaultdict(list)
        skip = self.scope.skip
        # (path, node, in data, key is a name, length of the content path, parent entry)
        stack: list[tuple[JsonPath, Any, bool, bool, int, Any]] = []
        for root in reversed(self.scope.roots):
            node = _node_at(self.data, root)
            if node is not MISSING:
                stack.append((root, node, *_state(root), None))
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
                if skip and path in skip:
                    kids = [(k, v) for k, v in kids if k not in skip[path]]
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


def _node_at(data: Any, path: JsonPath) -> Any:
    for key in path:
        if isinstance(data, dict):
            if key not in data:
                return MISSING
        elif not (isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data)):
            return MISSING
        data = data[key]
    return data


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


def _state(path: JsonPath) -> tuple[bool, bool, int]:
    """`_step` along `path`: (in data, last key a name, length of the content path)."""
    path = content_path(path)
    data = named = False
    for i, key in enumerate(path):
        parent = path[i - 1] if i else None
        grandparent = path[i - 2] if i > 1 else None
        data, named = _step(data, named, i, parent, grandparent, key)
    return data, named, len(path)


# -- facts: what rules read of every part, remembered with the findings ------------------------

Fact = Callable[[Context], Any]  # JSON data about the scope of a Context


def references(ctx: Context) -> list[str]:
    """Every $ref of the scope (data and extensions too), once each, sorted."""
    return sorted({ref for _, ref in ctx.at("$ref", data=True) if isinstance(ref, str)})


def implicit_refs(ctx: Context) -> bool:
    """Does the scope hold a discriminator? Validating against one, openapi-schema-validator
    follows `#/components/schemas/<value>` for the instance's value: a $ref no part states."""
    return bool(ctx.at("discriminator", data=True))


# -- the memo ------------------------------------------------------------------------------------

_REST: JsonPath = ()  # the rest of the document, in the graph of what reaches what
# Where parts stand (validate.split): a $ref to one of these reads many parts at once.
_CONTAINERS = frozenset(
    [(), ("paths",), ("components",)]
    + [
        ("components", s)
        for s in "schemas responses parameters examples requestBodies "
        "headers securitySchemes links callbacks".split()
    ]
)


class Recalled:
    """Values lint computed before, by a digest of all they depend on (Context.recall). Those
    a lint uses are remembered for the next, with those of the parts it did not check again
    (each part's entry lists the keys its checks used)."""

    def __init__(self, known: dict[str, Any]) -> None:
        self.known = known
        self.used: dict[str, Any] = {}
        self.keys: set[str] | None = None  # the keys used by the checks of one part

    def get(self, key: Callable[[], str | None], compute: Callable[[], Any]) -> Any:
        digested = key()
        if digested is None:
            return compute()
        if self.keys is not None:
            self.keys.add(digested)
        if digested not in self.used:
            known = self.known.get(digested, _UNSEEN)
            self.used[digested] = _json_copy(compute()) if known is _UNSEEN else known
        return self.used[digested]


class Memo:
    """What lint found in each part of a spec, remembered from the spec's last lint.

    The last lint of a spec (by its path) left a state: every part (validate.split) with the
    digest of its JSON, the findings of the checks that read no more than it ("part",
    "refs", "schemas"; see Reads) and the facts rules gathered from it. Nothing in it is
    trusted but by content: a part whose digest is the one remembered is the same part, and
    as that lint found no structural error, it is valid. Its "part" findings are reused; its
    "refs" findings too, unless a $ref of it reaches (directly or through other parts) a
    part that is not the same, or what no part holds (see `_reaching`). Everything else, and
    the rest of the document, is checked again, and the state is written anew.
    """

    def __init__(self, doc: Document, cache: Cache, where: str) -> None:
        from .validate import json_digest, split

        self.doc = doc
        self.cache = cache
        self.version = str(doc.data.get("openapi", ""))
        self.parts, self.skeleton = split(doc.data)
        self.rest_digest = json_digest(self.skeleton)
        self.shared: dict[str, Any] = {}  # the Contexts' common cache
        self.key = digest("lint", tool_digest(), where)
        state = self._load()
        self.recalled = Recalled(state.get("recalled", {}))
        self.rest_known = bool(self.rest_digest) and state.get("rest") == self.rest_digest
        remembered = state.get("parts", {})
        empty: dict[str, Any] = state.get("empty", {})
        checks = {_check_key(r, c) for r in RULES.values() for c, _ in r.checks}
        # Each part's entry in the state to be written: the remembered one, or a new one.
        self.entries: list[dict[str, Any]] = []
        self.known: set[JsonPath] = set()
        for part in self.parts:
            old = remembered.get(_part_key(part.path)) if part.digest else None
            if isinstance(old, list) and old[:1] == [part.digest] and _usable(old, checks):
                entry = {"f": {}, "r": [], **old[1]}
                entry["x"] = {**empty, **entry["x"]}  # what the state left out as empty
                self.known.add(part.path)
            else:
                entry = {"f": {}, "x": {}, "r": []}
            self.entries.append(entry)
        self.unchanged = self.rest_known and len(self.known) == len(self.parts) == len(remembered)
        self._contexts: dict[JsonPath, Context] = {}
        self._rest: Context | None = None
        self._gathered: dict[str, list[Any]] = {}

    def _load(self) -> dict[str, Any]:
        raw = self.cache.get("lint", self.key)
        try:
            state = json.loads(raw) if raw is not None else {}
        except ValueError:
            return {}
        shapes = {"parts": dict, "empty": dict, "recalled": dict}
        ok = isinstance(state, dict) and state.get("version") == self.version
        ok = ok and all(isinstance(state.get(k), t) for k, t in shapes.items())
        return state if ok else {}

    def knows(self, part: Part) -> bool:
        """Is `part` as it was in the spec's last lint (and so valid)?"""
        return part.path in self.known

    def knows_rest(self) -> bool:
        return self.rest_known

    def refs_resolve(self) -> bool:
        """Does every $ref of the document resolve, to something other than a $ref loop?"""
        from .validate import ref_resolves

        refs = {ref for found in self.gather(references) for ref in found}
        return all(ref_resolves(self.doc.data, ref) for ref in refs)

    def gather(self, fact: Fact) -> list[Any]:
        """`fact` of every part (remembered, or found now) and of the rest of the document."""
        name = fact.__name__
        if name not in self._gathered:
            values = [entry["x"].get(name, _UNSEEN) for entry in self.entries]
            for i, value in enumerate(values):
                if value is _UNSEEN:
                    value = _json_copy(fact(self._context(self.parts[i])))
                    values[i] = self.entries[i]["x"][name] = value
            values.append(_json_copy(fact(self._rest_context())))
            self._gathered[name] = values
        return self._gathered[name]

    def findings(self, ctx: Context) -> Iterator[tuple[Rule, JsonPath, str]]:
        """What every rule finds in the document of `ctx`, each check of a rule as it reads."""
        checks = [(r, c, reads) for r in RULES.values() for c, reads in r.checks]
        remembered = [(r, c, reads) for r, c, reads in checks if self._remembers(reads)]
        by_key = {_check_key(r, c): (r, c, reads) for r, c, reads in remembered}
        fresh = {p.path for p in self.parts if p.path not in self.known}
        again = self._reaching(fresh)
        for part, entry in zip(self.parts, self.entries, strict=True):
            found = entry["f"]
            if part.path in again:  # `fresh` is in it
                self.recalled.keys = used = set() if part.path in fresh else set(entry["r"])
                for key, (r, check, reads) in by_key.items():
                    if reads != "part" or part.path in fresh:
                        now = [[list(p), m] for p, m in _run(r, check, self._context(part))]
                        found[key] = now
                        if not now:
                            del found[key]
                self.recalled.keys = None
                entry["r"] = sorted(used)
            for key, remembered_findings in found.items():
                r = by_key[key][0]
                yield from ((r, tuple(path), message) for path, message in remembered_findings)
        rest = self._rest_context()
        for r, check, _ in remembered:
            yield from ((r, path, message) for path, message in _run(r, check, rest))
        for r, check, reads in checks:
            if not self._remembers(reads):
                yield from ((r, path, message) for path, message in _run(r, check, ctx))
        self.unchanged = self.unchanged and not fresh and not again

    def save(self) -> None:
        """Write the state: every part with what was found in it now. Facts of a part that are
        empty (`[]`, `false` ...) are left out, as the state's `empty` says."""
        if self.unchanged:
            return
        recalled = dict(self.recalled.used)
        kept = [(p, e) for p, e in zip(self.parts, self.entries, strict=True) if p.digest]
        # Only a fact every part has may be left out where it is empty.
        common = set.intersection(*(set(e["x"]) for _, e in kept)) if kept else set()
        empty: dict[str, Any] = {}
        parts: dict[str, list[Any]] = {}
        for part, entry in kept:
            facts = {}
            for name, value in entry["x"].items():
                blank = empty.setdefault(name, value) if not value and name in common else _UNSEEN
                if not (type(blank) is type(value) and blank == value):
                    facts[name] = value
            written: dict[str, Any] = {"x": facts}
            if entry["f"]:
                written["f"] = entry["f"]
            if entry["r"]:
                written["r"] = entry["r"]
                for key in entry["r"]:
                    if key not in recalled and key in self.recalled.known:
                        recalled[key] = self.recalled.known[key]
            parts[_part_key(part.path)] = [part.digest, written]
        state = {
            "version": self.version,
            "rest": self.rest_digest,
            "parts": parts,
            "empty": empty,
            "recalled": recalled,
        }
        self.cache.put("lint", self.key, json.dumps(state, separators=(",", ":")).encode())

    def _remembers(self, reads: Reads) -> bool:
        return reads in ("part", "refs") or (reads == "schemas" and self.version[:3] == "3.0")

    def _reaching(self, fresh: set[JsonPath]) -> set[JsonPath]:
        """The parts whose "refs" findings may not be those remembered: the parts that changed,
        and those whose $refs reach one of those, or the rest of the document when it changed,
        or what no part holds (a whole section, a discriminator's implicit mapping), directly
        or through other parts."""
        by_path = {part.path for part in self.parts}
        nodes = [*(part.path for part in self.parts), _REST]
        dirty = set(fresh) if self.rest_known else {*fresh, _REST}
        sources: defaultdict[JsonPath, list[JsonPath]] = defaultdict(list)
        targets: dict[str, JsonPath | None] = {}
        pairs = zip(nodes, self.gather(references), self.gather(implicit_refs), strict=True)
        for node, refs, implicit in pairs:
            if implicit:
                dirty.add(node)
            for ref in refs:
                target = targets.get(ref, _UNSEEN)
                if target is _UNSEEN:
                    target = targets[ref] = _target(ref, by_path)
                if target is None:  # it may read anything
                    dirty.add(node)
                else:
                    sources[target].append(node)
        reached, todo = set(dirty), list(dirty)
        while todo:
            for source in sources.get(todo.pop(), ()):
                if source not in reached:
                    reached.add(source)
                    todo.append(source)
        return reached

    def _context(self, part: Part) -> Context:
        ctx = self._contexts.get(part.path)
        if ctx is None:
            scope = Scope(roots=(part.path,))
            ctx = Context(self.doc, scope, cache=self.shared, recalled=self.recalled)
            self._contexts[part.path] = ctx
        return ctx

    def _rest_context(self) -> Context:
        if self._rest is None:
            skip: defaultdict[JsonPath, set[str]] = defaultdict(set)
            for part in self.parts:
                skip[part.path[:-1]].add(str(part.path[-1]))
            scope = Scope(skip={k: frozenset(v) for k, v in skip.items()})
            self._rest = Context(self.doc, scope, cache=self.shared, recalled=self.recalled)
        return self._rest


def _memo(doc: Document, cache: Cache) -> Memo | None:
    """The memo of the spec `doc` was read from (by its absolute path), with a cache."""
    if cache.root is None or doc.path is None:
        return None
    try:
        where = str(doc.path.resolve())
    except (OSError, RuntimeError):
        return None
    return Memo(doc, cache, where)


def _usable(remembered: list[Any], checks: set[str]) -> bool:
    """Is `remembered` a part's [digest, entry] as a lint with these checks writes it?"""
    entry = remembered[1] if len(remembered) == 2 else None
    if not (isinstance(entry, dict) and isinstance(entry.get("x"), dict)):
        return False
    found = entry.get("f", {})
    keys = entry.get("r", [])
    return (
        isinstance(found, dict) and all(key in checks for key in found) and isinstance(keys, list)
    )


def _check_key(r: Rule, check: Check) -> str:
    return f"{r.id} {getattr(check, '__name__', '')}"


def _json_copy(value: Any) -> Any:
    """`value` as JSON gives it back (tuples become lists): a fact found now is then the same
    as a remembered one."""
    return json.loads(json.dumps(value))


def _part_key(path: JsonPath) -> str:
    # Unambiguous: a part's path is ("paths", route) or ("components", section, name), and
    # no section name holds a NUL.
    return "\0".join(map(str, path))


def _target(ref: str, parts: set[JsonPath]) -> JsonPath | None:
    """The part a $ref reads, `_REST` for the rest of the document, or None when it may read
    more than one part (or is not a plain JSON pointer: `%`-escapes are read two ways)."""
    if not ref.startswith("#/") or "%" in ref:
        return None
    path = ref_path(ref)
    for length in (2, 3):
        if path[:length] in parts:
            return path[:length]
    return None if path in _CONTAINERS else _REST


def ref_path(ref: str) -> JsonPath:
    """pointer_path, without its unescaping where there is nothing to unescape."""
    if "%" in ref or "~" in ref:
        return pointer_path(ref)
    return tuple(ref[2:].split("/"))


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
    cache remembers parts of the document found valid (see validate), and what the rules found
    in each part of a spec read from a file (see Memo)."""
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
    memo = _memo(doc, cache)
    structural = list(iter_errors(doc, cache, memo))
    for err in structural:
        add(err.rule, "error", err.message, err.location or Location(doc.display_name))
    if not structural:  # semantic rules assume a document the schema accepts
        if memo is None:
            ctx = Context(doc)
            for r in RULES.values():
                for path, message in _run(r, r.check, ctx):
                    add(r.id, r.severity, message, doc.locate(path))
        else:
            ctx = Context(doc, memo=memo, cache=memo.shared, recalled=memo.recalled)
            for r, path, message in memo.findings(ctx):
                add(r.id, r.severity, message, doc.locate(path))
            memo.save()
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
