"""Step 1: read the spec file into plain data, remembering where every node came from.

PyYAML's composed nodes carry marks; we build the data from them ourselves so that every
JSON path of the document maps back to a line and column for error messages.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

import yaml

from .errors import InputError, Location, SpecError
from .options import DEFAULT_MAX_BYTES as DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from .cache import Cache

# The C parser is several times faster on large specs; both build the same nodes.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Aliases can make a small file expand exponentially ("billion laughs"); a spec never needs
# more nodes than this, and counting them keeps the expansion bounded in time and memory.
DEFAULT_MAX_NODES = 5_000_000

JsonPath = tuple[str | int, ...]
BUNDLE = "x-bundled"  # where files named by $refs are put, as an extension of the document


@dataclass(slots=True)
class Document:
    """A loaded spec: its data and the source position of every node."""

    path: Path
    data: dict[str, Any]
    marks: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    display_name: str = ""
    # Keys that stand twice in one mapping: PyYAML keeps the last silently; lint reports them.
    duplicates: list[SpecError] = field(default_factory=list)
    # Other files that $refs name are loaded under BUNDLE/<relative path>; this maps each such
    # subtree to the file it came from, for messages.
    origins: dict[JsonPath, str] = field(default_factory=dict)
    # $refs to files that could not be loaded, and why (validation reports them).
    ref_problems: dict[JsonPath, str] = field(default_factory=dict)
    # Every file read: the spec, then those its $refs brought in (a cached run depends on them).
    files: list[Path] = field(default_factory=list)
    # Known to hold no $ref but local ones ("#..."): then bundling, a walk of every node,
    # would change nothing. Only reparse, which finds it in the marshalled data, knows it.
    local_refs: bool = field(default=False, repr=False, compare=False)

    def locate(self, json_path: Sequence[str | int]) -> Location:
        """The position of the node at `json_path`, or of its nearest ancestor that exists."""
        parts = tuple(json_path)
        while parts and parts not in self.marks:
            parts = parts[:-1]
        line, column = self.marks.get(parts, (1, 1))
        file = self.origins.get(parts[:2], self.display_name or str(self.path))
        return Location(file, line, column)


def load(
    path: Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_nodes: int = DEFAULT_MAX_NODES,
    display_name: str = "",
    cache: Cache | None = None,
) -> Document:
    """Read and parse `path` (YAML or JSON) and the local files its $refs name; raise
    InputError or SpecError with a location. With a `cache`, the spec itself is parsed
    incrementally against the version of it parsed last (see reparse): the same Document."""
    doc = load_one(
        path, max_bytes=max_bytes, max_nodes=max_nodes, display_name=display_name, cache=cache
    )
    doc.files.append(path)
    if not doc.local_refs:
        _Bundler(doc, max_bytes=max_bytes, max_nodes=max_nodes).run()
    return doc


def load_one(
    path: Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_nodes: int = DEFAULT_MAX_NODES,
    display_name: str = "",
    cache: Cache | None = None,
) -> Document:
    """Read and parse `path` (YAML or JSON); raise InputError or SpecError with a location."""
    name = display_name or str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"the spec is {size} bytes, more than the limit of {max_bytes}",
                location=Location(name),
                rule="too-large",
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(
            f"cannot read the spec: {exc.strerror or exc}",
            location=Location(name),
            rule="unreadable",
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"the spec is not UTF-8 (byte {exc.start})",
            location=Location(name, line, 1),
            rule="encoding",
        ) from None
    if cache is not None and cache.root is not None:
        from .reparse import parse_incrementally  # here: only generate's loads use it

        return parse_incrementally(
            text, path=path, max_nodes=max_nodes, display_name=name, cache=cache
        )
    return parse(text, path=path, max_nodes=max_nodes, display_name=name)


def parse(
    text: str, *, path: Path, max_nodes: int = DEFAULT_MAX_NODES, display_name: str = ""
) -> Document:
    """Parse spec text; see `load`. JSON is read by the JSON parser (PyYAML's YAML 1.1 reader
    refuses some valid JSON, e.g. escaped surrogate pairs) and located through YAML when it can."""
    return parse_with_flows(text, path=path, max_nodes=max_nodes, display_name=display_name)[0]


def parse_with_flows(
    text: str, *, path: Path, max_nodes: int = DEFAULT_MAX_NODES, display_name: str = ""
) -> tuple[Document, list[int]]:
    """`parse`, and the pre-order numbers of the flow collections (`[...]`, `{...}`) among the
    nodes: what reparse needs to know of the layout beyond the marks."""
    name = display_name or str(path)
    text = text.lstrip("\ufeff")
    json_data: Any = MISSING
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        try:
            json_data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"invalid JSON: {exc.msg}",
                location=Location(name, exc.lineno, exc.colno),
                rule="json",
            ) from None
        except RecursionError:
            raise InputError(
                "the JSON is nested too deeply", location=Location(name), rule="json"
            ) from None
    try:
        root = yaml.compose(text, Loader=_Loader)
    except RecursionError:  # PyYAML's pure-Python composer recurses once per level
        if json_data is MISSING:
            raise _too_deep(Location(name, 1, 1)) from None
        root = None
    except yaml.YAMLError as exc:
        if json_data is not MISSING:  # valid JSON that YAML 1.1 cannot read: no line numbers
            root = None
        else:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            # PyYAML can point just past the end of the text; the last line is where it ends.
            last_line = text.count("\n") + 1
            where = (
                Location(name, min(mark.line + 1, last_line), mark.column + 1)
                if mark
                else Location(name)
            )
            problem = getattr(exc, "problem", None) or getattr(exc, "context", None) or exc
            # The libyaml of recent PyYAML wheels stops at its own depth limit: the
            # same refusal as ours, whichever reader ran.
            if problem == "exceeded maximum nesting depth":
                raise _too_deep(where) from None
            raise InputError(f"invalid YAML: {problem}", location=where, rule="yaml") from None
    builder = _Builder(name, max_nodes)
    data: Any = None
    if root is not None:
        if "&" in text:  # an alias needs an anchor; without one the builder's count suffices
            _check_size(root, max_nodes, name)
        try:
            data = builder.build(root, ())
        except RecursionError:
            raise _too_deep(Location(name, 1, 1)) from None
    if json_data is not MISSING:
        data = json_data  # the JSON parser's values are the exact ones
    if data is None:
        raise SpecError("the spec is empty", location=Location(name, 1, 1), rule="not-a-mapping")
    if not isinstance(data, dict):
        line = root.start_mark.line + 1 if root is not None else 1
        raise SpecError(
            "the spec must be a mapping at the top level",
            location=Location(name, line, 1),
            rule="not-a-mapping",
        )
    doc = Document(
        path=path, data=data, marks=builder.marks, display_name=name, duplicates=builder.duplicates
    )
    return doc, builder.flows


def _too_deep(where: Location) -> SpecError:
    return SpecError("the document is nested too deeply", location=where, rule="too-many-nodes")


def _check_size(root: yaml.Node, max_nodes: int, name: str) -> None:
    """Refuse a document whose aliases expand it past `max_nodes`, before expanding anything:
    the composed graph shares aliased nodes, so its expanded size is cheap to count."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        total = 1
        if isinstance(node, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            total += sum(size(item) for item in node.value)
        sizes[id(node)] = total = min(total, max_nodes + 1)
        return total

    try:
        too_many = size(root) > max_nodes
    except RecursionError:
        raise _too_deep(Location(name, 1, 1)) from None
    if too_many:
        raise SpecError(
            f"the document expands to more than {max_nodes} nodes (an alias bomb?)",
            location=Location(name, root.start_mark.line + 1, root.start_mark.column + 1),
            rule="too-many-nodes",
        )


class _Builder:
    """Turns composed YAML nodes into JSON-compatible data and records marks."""

    def __init__(self, name: str, max_nodes: int) -> None:
        self.name = name
        self.max_nodes = max_nodes
        self.count = 0
        self.marks: dict[JsonPath, tuple[int, int]] = {}
        self.duplicates: list[SpecError] = []
        # The pre-order number (count - 1) of each flow collection: reparse never splices
        # into one, where a line means something else than on its own.
        self.flows: list[int] = []
        self.constructor = yaml.SafeLoader("")

    def where(self, node: yaml.Node) -> Location:
        return Location(self.name, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: yaml.Node, path: JsonPath) -> Any:
        self.count += 1
        if self.count > self.max_nodes:
            raise SpecError(
                f"the document expands to more than {self.max_nodes} nodes " "(an alias bomb?)",
                location=self.where(node),
                rule="too-many-nodes",
            )
        self.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            if node.flow_style:
                self.flows.append(self.count - 1)
            try:
                self.constructor.flatten_mapping(node)
            except yaml.MarkedYAMLError as exc:  # a merge key (`<<`) of something not a mapping
                mark = exc.problem_mark or node.start_mark
                raise SpecError(
                    f"invalid merge key: {exc.problem}",
                    location=Location(self.name, mark.line + 1, mark.column + 1),
                    rule="yaml",
                ) from None
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise SpecError(
                        "mapping keys must be scalars", location=self.where(key_node), rule="yaml"
                    )
                key = self.build_scalar(key_node)
                # JSON (and so OpenAPI) keys are strings: `200:` is the status code "200".
                text_key = key if isinstance(key, str) else json.dumps(key)
                if text_key in result:
                    self.duplicates.append(
                        SpecError(
                            f"duplicate key {text_key!r}: the last one would silently win",
                            location=self.where(key_node),
                            rule="duplicate-key",
                        )
                    )
                result[text_key] = self.build(value_node, (*path, text_key))
                self.marks[(*path, text_key)] = (
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                )
            return result
        if isinstance(node, yaml.SequenceNode):
            if node.flow_style:
                self.flows.append(self.count - 1)
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self.build_scalar(node)

    def build_scalar(self, node: yaml.Node) -> Any:
        # YAML 1.1 timestamps and binary are not JSON types: keep what was written.
        if node.tag in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary"):
            return node.value
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            raise SpecError(
                f"invalid value: {exc}", location=self.where(node), rule="yaml"
            ) from None


MISSING: Any = object()


def resolve_pointer(data: Any, ref: str) -> Any:
    """The node a local reference such as `#/components/schemas/Cart` names, or `MISSING`."""
    node = data
    for raw in ref[1:].split("/")[1:]:
        key = unquote(raw).replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        else:
            return MISSING
    return node


def pointer_path(ref: str) -> JsonPath:
    """The JSON path of a local reference: `#/a/b~1c` -> ("a", "b/c")."""
    return tuple(unquote(p).replace("~1", "/").replace("~0", "~") for p in ref[2:].split("/"))


class _Bundler:
    """Loads the local files that `$ref`s name into the document, under BUNDLE, and rewrites
    those refs to point there: every later step then deals with one document.

    Only files inside the spec's own folder are read (a spec cannot make the generator read
    /etc/passwd), and nothing from the network.
    """

    def __init__(self, doc: Document, *, max_bytes: int, max_nodes: int) -> None:
        self.doc = doc
        self.root = doc.path.resolve().parent
        self.max_bytes = max_bytes
        self.max_nodes = max_nodes
        self.keys: dict[Path, str] = {}

    def run(self) -> None:
        self.rewrite(self.doc.data, (), self.doc.path.resolve(), None)

    def rewrite(self, node: Any, path: JsonPath, file: Path, key: str | None) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                new = self.target(ref, (*path, "$ref"), file, key)
                if new is not None:
                    node["$ref"] = new
            # A snapshot: including a file adds BUNDLE to the root while it is walked.
            for k, value in list(node.items()):
                if k != "$ref" and (path or k != BUNDLE):
                    self.rewrite(value, (*path, k), file, key)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                self.rewrite(value, (*path, i), file, key)

    def target(self, ref: str, at: JsonPath, file: Path, key: str | None) -> str | None:
        """The ref rewritten into the document, or None to leave it as it is."""
        location, _, fragment = ref.partition("#")
        if not location:  # local to the file it stands in
            return None if key is None else f"#/{BUNDLE}/{_escape(key)}{fragment}"
        if "://" in location or location.startswith("//"):
            self.doc.ref_problems[at] = (
                f"$ref {ref!r} names a remote document; only local " "files are read"
            )
            return None
        target = (file.parent / location).resolve()
        if target == self.doc.path.resolve():
            return f"#{fragment}"
        if not target.is_relative_to(self.root):
            self.doc.ref_problems[at] = f"$ref {ref!r} names a file outside the spec's folder"
            return None
        new_key = self.keys.get(target)
        if new_key is None:
            new_key = self.include(ref, target, at)
            if new_key is None:
                return None
        return f"#/{BUNDLE}/{_escape(new_key)}{fragment}"

    def include(self, ref: str, target: Path, at: JsonPath) -> str | None:
        key = target.relative_to(self.root).as_posix()
        try:
            other = load_one(
                target,
                max_bytes=self.max_bytes,
                max_nodes=self.max_nodes,
                display_name=_display(target),
            )
        except (InputError, SpecError) as exc:
            self.doc.ref_problems[at] = f"$ref {ref!r}: {exc.message}"
            return None
        self.keys[target] = key
        self.doc.files.append(target)
        self.doc.data.setdefault(BUNDLE, {})[key] = other.data
        prefix: JsonPath = (BUNDLE, key)
        self.doc.marks.update({(*prefix, *p): mark for p, mark in other.marks.items()})
        self.doc.origins[prefix] = other.display_name
        self.doc.duplicates.extend(other.duplicates)
        self.rewrite(other.data, prefix, target, key)
        return key


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
