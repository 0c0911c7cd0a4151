"""Incremental parsing for `generate`: a spec that differs from the version parsed last only in
one region is that version's result with the region parsed again and spliced in.

The result is the Document a full parse gives: the same data (key order included), the same
marks in the same order, the same duplicate keys. What it starts from, the base, is kept in the
cache under the spec's absolute path: the text, the data and the layout (per node in pre-order,
the order of the marks: its line, column and depth; which nodes are flow collections). The base
is a performance aid only: whenever a splice cannot be shown to be exact, the text is parsed
whole, and that parse (never a base) raises the errors. Every load leaves its result as the
next base (but one with duplicate keys, whose marks are not the paths of its data): the next
load is compared with the version just loaded, and edits made one at a time splice one at a time.

Why a splice is exact. The region is a mapping entry of a block mapping: the lines [s, e) of
the base, from the line of its key (at column k) to the line where the next node starts, and the
new text is the old one with only lines of that region changed, A + R + C, A and C as before.
R is parsed on its own with k columns cut from each line. YAML's block structure is
indentation, so A reads as before (R starts with a key at column k, as the old region did), R
reads in place as on its own once every line of it stands at column k or right of it (marks
move by s - 1 lines and k columns), and C, which starts at column k or left of it, ends R's
nodes as the end of the text does and reads as before. Nothing else carries over a line: a
flow collection cannot (the parent is a block mapping, and one opened in R would make R's own
parse fail), nor can a quoted scalar (the same), nor a keep-chomped block scalar (the blank
lines it may keep are inside R, up to the next node). R must be one entry with the same key.

What the cut cannot preserve is refused, and parsed whole: a line of R left of column k (but
comment lines after the entry's last content, which are left out), a line that becomes a
document marker or directive once cut (`---`, `...`, `%`); anywhere in the text, directives
(%TAG can give a tag another meaning), anchors (a node of one place shown in another), merge
keys, line breaks but `\\n` (YAML counts `\\r`, NEL and the Unicode separators as lines too);
JSON (read by the JSON parser); a document near the node budget or the nesting limit; any
error in R. Tags and keep-chomped block scalars are spliced: without directives a tag means
the same anywhere, and the blank lines a scalar keeps are in R.
"""

from __future__ import annotations

import marshal
import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any

import yaml

from . import load as _load
from .cache import Cache, digest, tool_digest
from .errors import Location, SpecError
from .load import Document, JsonPath, parse_with_flows

KIND = "parse"
FORMAT = 1  # of the stored base; also in its key
# Deeper documents are parsed whole: a shallower region would not meet the nesting limits
# (Python's recursion in the builder, libyaml's own) where the whole document does.
MAX_DEPTH = 200
# A region of more than this share of the lines is not worth splicing: the full parse costs
# about as much and leaves a base from which the next edits splice small regions again.
MAX_SHARE = 0.5

Marks = dict[JsonPath, tuple[int, int]]


def parse_incrementally(
    text: str, *, path: Path, max_nodes: int, display_name: str, cache: Cache
) -> Document:
    """`load.parse`, by a splice into the base of `path` when that is exact; the result of a
    full parse is kept as the next base (when a splice could ever start from it)."""
    text = text.lstrip("\ufeff")  # as parse does: marks count from after a byte-order mark
    key = _key(path)
    spliceable = _spliceable(text, path)
    if spliceable:
        base = _read(cache, key)
        if base is not None:
            spliced = _splice(base, text, path=path, max_nodes=max_nodes, name=display_name)
            if spliced is not None:
                doc, new_base = spliced
                if new_base is not None:
                    cache.put(KIND, key, new_base.dump())
                return doc
    doc, flows = parse_with_flows(text, path=path, max_nodes=max_nodes, display_name=display_name)
    if spliceable and not doc.duplicates:
        made = Base.of(text, doc, flows)
        if made is not None:
            cache.put(KIND, key, made.dump())
    return doc


def _key(path: Path) -> str:
    # The code that wrote a base (its builder, its layout) is the only one to read it.
    return digest(KIND, str(FORMAT), str(path.resolve()), _load._Loader.__name__, _code())


@cache
def _code() -> str:
    """The generator's code and libraries, as this process first found them: the code it runs
    (files edited since do not run in it)."""
    return tool_digest()


def _spliceable(text: str, path: Path) -> bool:
    """Whether any splice into this text could be exact (see the module's docstring)."""
    # As parse tells JSON (text.lstrip() would copy megabytes to look at one character).
    if path.suffix.lower() == ".json" or next((c for c in text if not c.isspace()), "") == "{":
        return False
    if any(brk in text for brk in ("\r", "\x85", "\u2028", "\u2029")):
        return False
    if "<<" in text or text.startswith("%") or "\n%" in text:
        return False
    return not _may_anchor(text)


# What a node can follow: a separator, a flow indicator, `:` (in flow), `?` and `-`, and a
# byte-order mark (libyaml skips one that starts any line).
_ANCHOR_AFTER = frozenset(" \t\n[]{},:-?\ufeff")


def _may_anchor(text: str) -> bool:
    """Whether an `&` of the text could be an anchor: one that follows what a node can follow
    and is followed by a character an anchor's name begins with (a superset of YAML's)."""
    at = text.find("&")
    while at != -1:
        after = text[at + 1 : at + 2]
        named = after.isalnum() or (after != "" and after in "-_")
        if named and (at == 0 or text[at - 1] in _ANCHOR_AFTER):
            return True
        at = text.find("&", at + 1)
    return False


@dataclass(slots=True)
class Base:
    """A parsed version of a spec, as a splice needs it; nodes are numbered in pre-order."""

    text: str
    blob: bytes | memoryview  # the data, marshalled (version 2: quickest to write, as to read)
    lines: array[int]
    columns: array[int]
    depths: bytes  # len() of each node's JSON path, a byte each
    flows: frozenset[int]  # the flow collections

    @classmethod
    def of(cls, text: str, doc: Document, flows: list[int]) -> Base | None:
        """The base of a full parse without duplicate keys (so that its marks are exactly
        the paths of its data, in order); None if too deep."""
        marks = doc.marks
        try:
            depths = bytes(map(len, marks))
        except ValueError:
            return None
        if max(depths) > MAX_DEPTH:
            return None
        return cls(
            text,
            marshal.dumps(doc.data, 2),
            array("i", [line for line, _ in marks.values()]),
            array("i", [column for _, column in marks.values()]),
            depths,
            frozenset(flows),
        )

    def dump(self) -> bytes:
        """The sections one after the other, after their lengths: read back without copies."""
        sections = [
            self.text.encode("utf-8"),
            self.blob,
            self.lines.tobytes(),
            self.columns.tobytes(),
            bytes(self.depths),
        ]
        head = marshal.dumps((FORMAT, [len(s) for s in sections], sorted(self.flows)), 2)
        return b"".join([len(head).to_bytes(4, "little"), head, *sections])

    def end(self, node: int) -> int:
        """The number of the first node after `node`'s subtree."""
        found = _at_most(self.depths[node]).search(self.depths, node + 1)
        return found.start() if found else len(self.depths)

    def marks(self) -> Marks:
        paths = _paths(marshal.loads(self.blob))
        return dict(zip(paths, _places(self.lines, self.columns), strict=True))


def _read(cache: Cache, key: str) -> Base | None:
    raw = cache.get(KIND, key)
    if raw is None:
        return None
    view = memoryview(raw)
    try:
        size = int.from_bytes(view[:4], "little")
        fmt, sizes, flows = marshal.loads(view[4 : 4 + size])
        if fmt != FORMAT:
            return None
        at = 4 + size
        sections = []
        for length in sizes:
            sections.append(view[at : at + length])
            at += length
        text_raw, blob, lines_raw, columns_raw, depths_raw = sections
        depths = bytes(depths_raw)
        text = str(text_raw, "utf-8")
        lines, columns = array("i"), array("i")
        lines.frombytes(lines_raw)
        columns.frombytes(columns_raw)
    except (ValueError, EOFError, TypeError):
        return None  # not a base this code wrote: a miss
    if at != len(raw) or not len(lines) == len(columns) == len(depths) or depths[:1] != b"\0":
        return None
    return Base(text, blob, lines, columns, depths, frozenset(flows))


# A "$ref" string of the marshalled data (version 2: "u", the length, UTF-8) that is not
# followed by a string starting with "#": a $ref that names another file, or a string that only
# looks like the key (which errs on the safe side).
_NONLOCAL_REF = re.compile(rb"u\x04\x00\x00\x00\$ref(?!u(?!\x00{4})[\s\S]{4}#)")


def _local_refs(blob: bytes | memoryview) -> bool:
    return _NONLOCAL_REF.search(blob) is None


def _places(lines: array[int], columns: array[int]) -> Iterator[tuple[int, int]]:
    return zip(lines, columns, strict=True)


@cache
def _at_most(depth: int) -> re.Pattern[bytes]:
    return re.compile(rb"[\x00-\x%02x]" % depth)


def _paths(data: Any) -> list[JsonPath]:
    """The JSON path of every node in pre-order: the keys of the marks, in their order."""
    found: list[JsonPath] = []
    add = found.append

    def walk(node: Any, path: JsonPath) -> None:
        add(path)
        if type(node) is dict:
            for key, value in node.items():
                walk(value, (*path, key))
        elif type(node) is list:
            for i, value in enumerate(node):
                walk(value, (*path, i))

    walk(data, ())
    return found


# The slot of Document.marks, which _Spliced fills on first use.
_MARKS_SLOT: Any = Document.__dict__["marks"]


class _Spliced(Document):
    """A Document whose marks are put together when first read: only messages read them, and
    making 267k paths costs more than the rest of a spliced load (at N = 1000)."""

    __slots__ = ("_marks_of",)

    def __init__(self, marks_of: Callable[[], Marks], **fields: Any) -> None:
        super().__init__(**fields)
        _MARKS_SLOT.__delete__(self)
        self._marks_of: Callable[[], Marks] | None = marks_of

    @property
    def marks(self) -> Marks:
        try:
            marks: Marks = _MARKS_SLOT.__get__(self, _Spliced)
        except AttributeError:
            assert self._marks_of is not None
            marks = self._marks_of()
            _MARKS_SLOT.__set__(self, marks)
            self._marks_of = None  # and the base it held, megabytes
        return marks

    @marks.setter
    def marks(self, marks: Marks) -> None:
        _MARKS_SLOT.__set__(self, marks)


@dataclass(frozen=True, slots=True)
class _Change:
    """The lines that differ: [first, old_end) of the old text became [first, new_end) of the
    new one (1-based; an end past the last line when the change reaches the end of the text).
    `start` is where line `first` starts in both, `old_stop` and `new_stop` where the unchanged
    rest does."""

    first: int
    old_end: int
    new_end: int
    start: int
    old_stop: int
    new_stop: int


def _change(old: str, new: str) -> _Change:
    start = old.rfind("\n", 0, _common_prefix(old, new)) + 1
    same = _common_suffix(old, new, min(len(old), len(new)) - start)
    old_stop, new_stop = len(old) - same, len(new) - same
    if same and not (_line_starts(old, old_stop) and _line_starts(new, new_stop)):
        # The unchanged rest is whole lines in both texts: from its first line break on.
        newline = old.find("\n", old_stop)
        cut = newline + 1 - old_stop if newline != -1 else same
        old_stop, new_stop = old_stop + cut, new_stop + cut
    first = old.count("\n", 0, start) + 1
    if old_stop == len(old):  # to the end of the text
        old_end, new_end = old.count("\n") + 2, new.count("\n") + 2
        return _Change(first, old_end, new_end, start, len(old), len(new))
    old_end = first + old.count("\n", start, old_stop)
    new_end = first + new.count("\n", start, new_stop)
    return _Change(first, old_end, new_end, start, old_stop, new_stop)


def _line_starts(text: str, at: int) -> bool:
    return at == 0 or text[at - 1] == "\n"


_BLOCK = 1 << 15  # characters compared at once


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    done = 0
    while done < n:
        upto = min(done + _BLOCK, n)
        if a[done:upto] != b[done:upto]:
            low, high = done, upto  # a[:low] == b[:low], a[:high] != b[:high]
            while high - low > 1:
                mid = (low + high) // 2
                if a[done:mid] == b[done:mid]:
                    low = mid
                else:
                    high = mid
            return low
        done = upto
    return n


def _common_suffix(a: str, b: str, limit: int) -> int:
    la, lb = len(a), len(b)
    done = 0
    while done < limit:
        upto = min(done + _BLOCK, limit)
        if a[la - upto : la - done] != b[lb - upto : lb - done]:
            low, high = done, upto
            while high - low > 1:
                mid = (low + high) // 2
                if a[la - mid : la - done] == b[lb - mid : lb - done]:
                    low = mid
                else:
                    high = mid
            return low
        done = upto
    return limit


@dataclass(frozen=True, slots=True)
class _Region:
    path: JsonPath  # of a mapping entry
    node: int
    parent: int
    start: int  # the line of its key
    end: int  # the line of the next node, or past the last line


def _regions(base: Base, data: Any, change: _Change, last_line: int) -> list[_Region]:
    """The mapping entries whose lines hold the whole change, outermost first."""
    lines, depths = base.lines, base.depths
    # The last node that starts on the change's first line or before (before it, when lines
    # were only inserted there: those can only end the node before): the regions are among it
    # and its ancestors.
    inserted = change.old_end == change.first
    last = (bisect_left if inserted else bisect_right)(lines, change.first) - 1
    if last < 1:
        return []  # before the root's first entry
    chain = [last]
    while depths[chain[-1]] > 1:  # a node's parent: the last node before it one level up
        chain.append(depths.rfind(bytes([depths[chain[-1]] - 1]), 0, chain[-1]))
    found: list[_Region] = []
    parent, value = 0, data
    path: JsonPath = ()
    for node in reversed(chain):
        # Its place among its siblings: they are the nodes of its depth since the parent.
        nth = depths.count(bytes([depths[node]]), parent + 1, node)
        key = next(islice(value, nth, None)) if isinstance(value, dict) else nth
        path = (*path, key)
        after = base.end(node)
        end = lines[after] if after < len(lines) else last_line + 1
        if end < change.old_end:
            break  # nor do the nodes inside it hold the whole change
        if isinstance(value, dict):
            found.append(_Region(path, node, parent, lines[node], end))
        parent, value = node, value[key]
    return found


def _splice(
    base: Base, text: str, *, path: Path, max_nodes: int, name: str
) -> tuple[Document, Base | None] | None:
    """The Document of `text` and the base to keep for it, or None to parse it whole."""
    if 2 * len(base.depths) > max_nodes:  # the builder counts values, _check_size keys too
        return None
    data = marshal.loads(base.blob)
    if text == base.text:
        doc = _Spliced(base.marks, path=path, data=data, display_name=name)
        doc.local_refs = _local_refs(base.blob)
        return doc, None
    change = _change(base.text, text)
    last_line = base.text.count("\n") + 1
    for region in reversed(_regions(base, data, change, last_line)):
        if region.end - region.start > MAX_SHARE * last_line:
            break
        if region.parent in base.flows:
            continue
        indent = base.columns[region.node] - 1
        source = _source(text, change, region, indent, last_line)
        root = None if source is None else _compose(source)
        if root is not None:
            spliced = _splice_region(base, data, text, change, region, root, max_nodes, name)
            if spliced is not None:
                spliced[0].path = path
                return spliced
    return None


def _source(text: str, change: _Change, region: _Region, indent: int, last_line: int) -> str | None:
    """The new text of the region, `indent` columns cut; None if that would change it."""
    # From its key (in the text before the change) to where the next node starts (after it).
    start = change.start
    for _ in range(change.first - region.start):
        start = text.rfind("\n", 0, start - 1) + 1
    end = len(text)
    if region.end <= last_line:
        end = change.new_stop
        for _ in range(region.end - change.old_end):
            end = text.find("\n", end) + 1
        newline = text.find("\n", end)
        following = text[end : newline if newline != -1 else len(text)]
        rest = following.lstrip(" ")
        at = len(following) - len(rest)
        # The next node of a base stands so; a guard of the argument all the same.
        if at > indent or (at == indent and rest[:1] in ("-", "?", ":")):
            return None
    return _cut(text[start:end].split("\n"), indent)


def _splice_region(
    base: Base,
    data: Any,
    text: str,
    change: _Change,
    region: _Region,
    root: yaml.MappingNode,
    max_nodes: int,
    name: str,
) -> tuple[Document, Base | None] | None:
    """Build the region's nodes and put them in the place of the old ones, in the data, the
    marks and the layout; None if the whole document could fail where the region did not."""
    builder = _load._Builder(name, max_nodes)
    try:
        built = builder.build(root, ())
    except (SpecError, RecursionError):
        return None
    key = region.path[-1]
    if list(built) != [key]:
        return None
    # The region's nodes but its root, below the region's parent and moved to their place.
    prefix = region.path[:-1]
    rows = iter(builder.marks.items())
    next(rows)
    down, right = region.start - 1, base.columns[region.node] - 1
    keys: list[JsonPath] = []
    places: list[tuple[int, int]] = []
    for rel, (line, column) in rows:
        keys.append((*prefix, *rel))
        places.append((line + down, column + right))
    node, old_end = region.node, base.end(region.node)
    added = len(keys) - (old_end - node)
    if 2 * (len(base.depths) + added) > max_nodes or max(map(len, keys)) > MAX_DEPTH:
        return None
    duplicates = [
        SpecError(
            d.message,
            location=Location(name, d.location.line + down, d.location.column + right),
            rule=d.rule,
        )
        for d in builder.duplicates
        if d.location is not None
    ]
    parent = data
    for part in prefix:
        parent = parent[part]
    parent[key] = built[key]
    shift = change.new_end - change.old_end
    lines, columns = base.lines, base.columns
    after = lines[old_end:]
    if shift:
        after = array("i", [line + shift for line in after])
    if duplicates:
        # Then the marks are not the paths of the data: no base (the old one stays), and the
        # marks are the old ones with the region's put in their place.
        def marks() -> Marks:
            paths = _paths(marshal.loads(base.blob))
            found = dict(zip(paths[:node], _places(lines[:node], columns[:node]), strict=True))
            found.update(zip(keys, places, strict=True))
            found.update(zip(paths[old_end:], _places(after, columns[old_end:]), strict=True))
            return found

        doc = _Spliced(marks, path=Path(), data=data, display_name=name, duplicates=duplicates)
        return doc, None
    new = Base(
        text,
        marshal.dumps(data, 2),
        lines[:node] + array("i", [line for line, _ in places]) + after,
        columns[:node] + array("i", [column for _, column in places]) + columns[old_end:],
        base.depths[:node] + bytes(map(len, keys)) + base.depths[old_end:],
        frozenset(
            [f for f in base.flows if f < node]
            + [node + f - 1 for f in builder.flows]
            + [f + added for f in base.flows if f >= old_end]
        ),
    )
    doc = _Spliced(new.marks, path=Path(), data=data, display_name=name)
    doc.local_refs = _local_refs(new.blob)
    return doc, new


def _cut(lines: list[str], indent: int) -> str | None:
    """The region's lines with `indent` columns cut, as text; None if that changes them."""
    # Comment lines left of the entry after its last content are left out: in place they end
    # whatever the entry holds, as the end of the text does.
    keep = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        stripped = lines[i].lstrip(" ")
        if stripped and not stripped.startswith("#"):
            break
        if stripped and len(lines[i]) - len(stripped) < indent:
            keep = i
    pad = " " * indent
    cut: list[str] = []
    for line in lines[:keep]:
        if line.startswith(pad):
            moved = line[indent:]
        elif line.strip(" "):
            return None
        else:
            moved = ""
        if moved.startswith(("---", "...", "%", "\ufeff")):
            return None
        cut.append(moved)
    if keep < len(lines):
        cut.append("")  # the line break that ended the last line kept
    return "\n".join(cut)


def _compose(source: str) -> yaml.MappingNode | None:
    """The region's one-entry block mapping, its key where the text starts; else None."""
    try:
        root = yaml.compose(source, Loader=_load._Loader)
    except (yaml.YAMLError, RecursionError, ValueError):
        return None
    if not isinstance(root, yaml.MappingNode) or root.flow_style or len(root.value) != 1:
        return None
    key = root.value[0][0]
    if key.tag == "tag:yaml.org,2002:merge":
        return None
    if (key.start_mark.line, key.start_mark.column) != (0, 0):
        return None
    return root
