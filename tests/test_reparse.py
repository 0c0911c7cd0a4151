"""Incremental loading (generator/reparse.py): a spec loaded against the base of a version
loaded before is exactly what a full parse gives, or fails with exactly its error.

- A property: random line edits of YAML specs (ours, the test specs, the lint corpus, bench
  specs and random ones) loaded one after the other with a cache give, after each edit, the
  full parse's data (types and key order), marks (in order), duplicate keys, bundled files and
  $ref problems, or its error (message and location).
- The edits a user makes (a description, a property added, removed or renamed) are spliced,
  not parsed whole; each case the splice cannot prove exact is parsed whole, with the same
  result; what is spliced although the design sketch listed it (keep-chomped block scalars,
  tags) is compared with the full parse.
- `check` and `--no-cache` neither read nor write a base; `generate` does.
"""

from __future__ import annotations

import marshal
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st

from generator import load as load_module
from generator import pipeline, reparse
from generator.cache import Cache
from generator.errors import GeneratorError
from generator.load import load
from generator.parse import Settings

from .conftest import ROOT, SPEC, TEMPLATES, generator_cli
from .strategies import specs

BENCH = ROOT / "bench"
EXTERNAL = ROOT / "tests" / "specs" / "external"


def loaded(path: Path, cache: Cache | None = None) -> tuple[Any, ...]:
    """All a load gives, comparable: its data as marshal writes it without references (types,
    key order and all), its marks in order, and the rest; or its error."""
    try:
        doc = load(path, cache=cache)
    except GeneratorError as exc:
        return ("error", type(exc).__name__, str(exc))
    return (
        marshal.dumps(doc.data, 2),
        list(doc.marks.items()),
        [(str(d), d.rule) for d in doc.duplicates],
        doc.ref_problems,
        doc.origins,
        doc.files,
    )


@dataclass
class Loads:
    """Loads `path` with a cache of its own and counts the full parses among them."""

    path: Path
    cache: Cache
    full: int = 0

    def __call__(self, text: str) -> tuple[Any, ...]:
        self.path.write_text(text, encoding="utf-8")
        full_parse = load_module.parse_with_flows
        with mock.patch.object(reparse, "parse_with_flows", wraps=full_parse) as spy:
            found = loaded(self.path, self.cache)
        self.full += spy.call_count
        return found

    def reference(self) -> tuple[Any, ...]:
        return loaded(self.path)

    def base(self) -> str | None:
        """The text of the base kept for the spec, if any."""
        found = reparse._read(self.cache, reparse._key(self.path))
        return None if found is None else found.text


@pytest.fixture
def loads(tmp_path: Path) -> Loads:
    return Loads(tmp_path / "spec.yaml", Cache(tmp_path / "cache"))


def spliced(loads: Loads, before: str, after: str) -> bool:
    """Load `before` (which leaves its base), then `after`; assert that `after` loaded as a
    full parse does, and say whether it was spliced."""
    loads(before)
    full = loads.full
    assert loads(after) == loads.reference()
    return loads.full == full


# -- specs and their edits ---------------------------------------------------------------------


def bench_spec(n: int) -> str:
    """The text bench/make_specs.py writes for `n` resource groups."""
    sys.path.insert(0, str(BENCH))
    try:
        from make_specs import write_spec
    finally:
        sys.path.remove(str(BENCH))
    with tempfile.TemporaryDirectory() as folder:
        return write_spec(n, Path(folder) / "spec.yaml").read_text(encoding="utf-8")


def _sources() -> list[str]:
    files = [
        SPEC,
        *sorted((ROOT / "tests" / "specs").glob("*.yaml")),
        *sorted((ROOT / "tests" / "lint_corpus").glob("*.yaml")),
    ]
    return [p.read_text(encoding="utf-8") for p in files] + [bench_spec(2)]


SOURCES = _sources()

# What edits put in: values, keys, whole lines (a `{i}` is the indentation where they go).
VALUES = [
    "new text",
    "'quoted: text'",
    '"escaped\\n text"',
    "123",
    "0x1F",
    "true",
    "~",
    "2019-01-16",
    "[]",
    "{}",
    "[a, b]",
    "{a: 1, b: [2]}",
    "!!str 5",
    "!!binary aGk=",
    "!custom x",
    "&a value",
    "*a",
    "|",
    "[unclosed",
    "'unterminated",
    "value # a comment",
    "a: b",
    "x\ty",
    "- item",
]
KEYS = ["renamed", "description", "type", "properties", "x-new", "'200'", "200", "? k", "<<"]
SNIPPETS = [
    "{i}x-new: value",
    "{i}description: another description",
    "{i}x-nested:\n{i}  a:\n{i}    b: 1\n{i}  c: [1,\n{i}    2]",
    "{i}x-keep: |+\n{i}  kept\n\n",
    "{i}x-keep-last: >+\n{i}  folded\n{i}  text\n\n\n# a comment\n",
    "{i}x-strip: |-\n{i}  a\n\n{i}  b",
    "{i}x-indented: |2\n{i}    two more",
    "{i}x-doc: |\n{i}  ---\n{i}  ...\n{i}  %not a directive",
    "{i}x-hash: |\n{i}  text\n{i}  # not a comment\n# a comment",
    "{i}x-flow-lines: {{\n{i}  a: 1,\n{i}  b: 2\n{i}  }}",
    "{i}x-quoted: 'one\n{i}  two'",
    "{i}x-plain: one\n{i}  two\n{i}  three",
    "{i}x-flow: {{a: 1,\n{i}  b: 2}}",
    "{i}x-anchor: &a [1, 2]\n{i}x-alias: *a",
    "{i}x-merge:\n{i}  <<: {{m: 1}}\n{i}  n: 2",
    "{i}x-tags: [!!str 1, !!int '2', !!float '3', !!null '']",
    "{i}x-dup: 1\n{i}x-dup: 2",
    "{i}x-dup-deep:\n{i}  k: 1\n{i}  k: {{a: 1}}",
    "{i}x-list:\n{i}- a\n{i}- b: 1\n{i}  c: 2",
    "{i}x-ref: {{$ref: 'schemas/missing.yaml'}}",
    "{i}x-remote: {{$ref: 'https://example.test/a.yaml'}}",
    "{i}? complex\n{i}: value",
    "{i}x-\u00e9t\u00e9: \u65e5\u672c \U0001f600",
    "# a comment at column 0",
    "{i}# an indented comment",
    "",
    "   ",
    "---",
    "...",
    "%YAML 1.1",
    "{i}x-cr: a\r",
    "{i}x-ls: a\u2028b",
    "{i}\tx-tab: 1",
    "{i}x-bad: : :",
    "{i}x-deep: " + "[" * 60 + "]" * 60,
]
KINDS = ["value", "description", "rename", "insert", "delete", "indent", "copy", "swap"]


@dataclass(frozen=True)
class Edit:
    kind: str
    at: int
    pick: int
    width: int

    def apply(self, text: str) -> str:
        lines = text.split("\n")
        i = self.at % len(lines)
        line = lines[i]
        indent = len(line) - len(line.lstrip(" "))
        key, colon, value = line.partition(":")
        if self.kind == "value" and colon:
            lines[i] = f"{key}: {VALUES[self.pick % len(VALUES)]}"
        elif self.kind == "description":
            for j in [*range(i, len(lines)), *range(i)]:
                key, colon, value = lines[j].partition(":")
                if key.strip(" -") == "description":
                    words = ["A", "changed", "description", "(edited)", "x" * self.width]
                    lines[j] = f"{key}: {' '.join(words[: 1 + self.pick % len(words)])}"
                    break
        elif self.kind == "rename" and colon:
            bullet = len(key) - len(key.lstrip(" -"))
            lines[i] = key[:bullet] + KEYS[self.pick % len(KEYS)] + colon + value
        elif self.kind == "insert":
            where = " " * max(0, indent + (-2, 0, 0, 2)[self.width % 4])
            lines[i:i] = SNIPPETS[self.pick % len(SNIPPETS)].format(i=where).split("\n")
        elif self.kind == "delete":
            del lines[i : i + 1 + self.width % 4]
        elif self.kind == "indent":
            for j in range(i, min(len(lines), i + 1 + self.width % 4)):
                shift = (-2, -1, 1, 2)[self.pick % 4]
                lines[j] = " " * shift + lines[j] if shift > 0 else lines[j][-shift:]
        elif self.kind == "copy":
            lines[i:i] = lines[i : i + 1 + self.width % 6]
        elif self.kind == "swap":
            j = self.pick % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        return "\n".join(lines)


edits = st.builds(
    Edit,
    kind=st.sampled_from(KINDS),
    at=st.integers(0, 1 << 16),
    pick=st.integers(0, 1 << 8),
    width=st.integers(0, 12),
)
texts = st.one_of(st.sampled_from(SOURCES), specs().map(lambda spec: spec.yaml()))


@pytest.fixture
def folder() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix="reparse-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@settings(
    deadline=None,
    database=None,
    derandomize=True,
    # More for a deeper run: PROPERTY_EXAMPLES_SCALE=10 pytest ... (as test_properties).
    max_examples=max(1, round(300 * float(os.environ.get("PROPERTY_EXAMPLES_SCALE", "1")))),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=texts, steps=st.lists(edits, min_size=1, max_size=4))
def test_an_edited_spec_loads_as_a_full_parse_loads_it(
    text: str, steps: list[Edit], folder: Path
) -> None:
    # Each example in a folder of its own: the base of one must not be found by another.
    with tempfile.TemporaryDirectory(dir=folder) as here:
        loads = Loads(Path(here) / "spec.yaml", Cache(Path(here) / "cache"))
        assert loads(text) == loads.reference()
        for step in steps:
            text = step.apply(text)
            note(f"{step}:\n{text}")
            full = loads.full
            assert loads(text) == loads.reference()
            event("spliced" if loads.full == full else "parsed whole")


# -- the edits a user makes are spliced ------------------------------------------------------


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


BENCH_3 = bench_spec(3)
LINE_ITEMS = "An array of CartLineItem resources."
ITEM = "      description: A line item of a cart of group 2.\n"
CYCLE = "          $ref: '#/components/schemas/BillingCycle2'\n"
EDITS = {
    "a description": (ITEM, "      description: 'Edited: a line item of group 2.'\n"),
    "a longer description": (ITEM, "      description: >-\n        Two\n        lines.\n"),
    "a property added": (
        "        promotionId:\n          type: string\n    Cart2Error:",
        "        promotionId:\n          type: string\n        note:\n          type: string\n"
        "          description: Added.\n    Cart2Error:",
    ),
    "a property removed": (f"{CYCLE}        termDuration:\n          type: string\n", CYCLE),
    "a property renamed": (f"{CYCLE}        termDuration:\n", f"{CYCLE}        termLength:\n"),
    "a required list changed": (
        "group 2.\n      required:\n      - catalogItemId\n      - quantity\n",
        "group 2.\n      required:\n      - catalogItemId\n",
    ),
    "an operation's summary": (
        "      summary: Get a cart\n      description: Get a cart of group 2;",
        "      summary: Read a cart\n      description: Get a cart of group 2;",
    ),
    "a comment after an entry": (
        "    Cart2Error:\n",
        "    Cart2Error:\n      x-note: 1\n# a section\n\n",
    ),
    "a keep-chomped block scalar": (ITEM, "      description: |+\n        Kept.\n\n\n"),
    "a key line removed, its value joining the entry before": (
        f"          type: string\n        billingCycle:\n{CYCLE}",
        f"          type: text\n{CYCLE}",
    ),
    "a tag": (ITEM, "      description: !!str 2\n"),
    "a block scalar ending in a # line": (
        ITEM,
        "      description: |\n        a\n        # kept\n",
    ),
    "a duplicate key": (ITEM, ITEM * 2),
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_an_edit_of_one_entry_is_spliced(loads: Loads, edit: tuple[str, str]) -> None:
    after = replace_once(BENCH_3, *edit)
    assert spliced(loads, BENCH_3, after)
    # And again from the base that splice left (one was, unless it found duplicate keys).
    again = replace_once(after, "An error of a line item of group 2.", "An error of group 2.")
    assert spliced(loads, after, again)


def test_edits_of_our_spec_are_spliced(loads: Loads) -> None:
    text = SPEC.read_text(encoding="utf-8")
    described = replace_once(text, LINE_ITEMS, "An array of the cart's line items.")
    assert spliced(loads, text, described)
    typed = replace_once(
        described,
        "    Participant:\n      type: object\n",
        "    Participant:\n      type: object\n      x-kind: pair\n",
    )
    assert spliced(loads, described, typed)


def test_an_unchanged_spec_is_its_base(loads: Loads) -> None:
    assert spliced(loads, BENCH_3, BENCH_3)


def test_marks_are_made_when_first_read_and_then_kept(loads: Loads) -> None:
    loads(BENCH_3)
    loads.path.write_text(replace_once(BENCH_3, *EDITS["a property added"]), encoding="utf-8")
    doc = load(loads.path, cache=loads.cache)
    assert doc.marks is doc.marks
    assert doc.locate(("components", "schemas", "Cart2LineItem", "properties", "note")).line > 1
    reference = load(loads.path)
    assert list(doc.marks.items()) == list(reference.marks.items())


# -- each case a splice cannot prove exact is parsed whole -------------------------------------


FALLBACKS = {
    "an anchor and an alias": (ITEM, "      description: &d A line item.\n      title: *d\n"),
    "an anchor anywhere": ("openapi: 3.0.3\n", "openapi: 3.0.3\nx-a: &a 1\n"),
    "a merge key": (ITEM, "      <<: {description: Merged.}\n"),
    "a directive": ("openapi: 3.0.3\n", "%YAML 1.1\n---\nopenapi: 3.0.3\n"),
    # Cut to the region's column, `...` would end the document: in place it is a bad key.
    "a document marker in the region": (ITEM, "      description: |\n        x\n      ...\n"),
    "an entry indented less": (ITEM, ITEM[1:]),
    "an entry indented more": (ITEM, " " + ITEM),
    "a carriage return": (ITEM, "      description: A line item.\r\n"),
    "a line separator": (ITEM, "      description: A line\u2028item.\n"),
    "a key renamed at the top": ("openapi: 3.0.3\n", "openapi3: 3.0.3\n"),
    "an error in the region": (ITEM, "      description: 'unterminated\n"),
    "a flow collection left open": (ITEM, "      description: [open\n"),
    "an unknown tag": (ITEM, "      description: !custom x\n"),
    "an alias without an anchor": (ITEM, "      description: *nowhere\n"),
    "a line left of the entry": (ITEM, "      description: one\n  two\n"),
}


@pytest.mark.parametrize("edit", FALLBACKS.values(), ids=FALLBACKS.keys())
def test_what_a_splice_cannot_prove_exact_is_parsed_whole(
    loads: Loads, edit: tuple[str, str]
) -> None:
    assert not spliced(loads, BENCH_3, replace_once(BENCH_3, *edit))


def test_a_change_inside_a_flow_collection_splices_the_entry_around_it(loads: Loads) -> None:
    # On its own, `a: 1,` would be the string "1,": the entry holding the collection is parsed.
    before = BENCH_3.replace("info:\n", "x-flow: {\n  a: 1,\n  b: [2,\n    3]\n  }\ninfo:\n", 1)
    after = replace_once(before, "  a: 1,", "  a: 5,")
    assert spliced(loads, before, after)
    assert load(loads.path).data["x-flow"] == {"a": 5, "b": [2, 3]}


def test_a_tag_directive_leaves_no_base(loads: Loads) -> None:
    # With `!!` meaning another prefix, `!!str 2` is an unknown tag in place, not on its own.
    before = "%TAG !! tag:example.com,2000:\n---\n" + BENCH_3
    assert not spliced(loads, before, replace_once(before, ITEM, "      description: !!str 2\n"))
    assert loads.base() is None


def test_a_region_of_more_than_half_the_spec_is_parsed_whole(loads: Loads) -> None:
    before = BENCH_3
    after = before.replace("group 1.", "group one.").replace("group 3.", "group three.")
    assert not spliced(loads, before, after)


def test_a_document_near_the_node_budget_is_parsed_whole(loads: Loads) -> None:
    loads(BENCH_3)
    nodes = len(load(loads.path).marks)
    loads.path.write_text(replace_once(BENCH_3, *EDITS["a property added"]), encoding="utf-8")
    # Within twice the nodes of the budget the whole text is parsed, and refused if it must be.
    for budget in (nodes + 10, nodes // 2):
        full = load_module.parse_with_flows
        with mock.patch.object(reparse, "parse_with_flows", wraps=full) as spy:
            try:
                got: Any = marshal.dumps(load(loads.path, max_nodes=budget, cache=loads.cache).data)
            except GeneratorError as exc:
                got = str(exc)
        try:
            want: Any = marshal.dumps(load(loads.path, max_nodes=budget).data)
        except GeneratorError as exc:
            want = str(exc)
        assert got == want
        assert spy.call_count == 1


def test_an_edit_past_the_node_budget_is_refused_as_a_full_parse_refuses_it(
    loads: Loads,
) -> None:
    # The base has 8 nodes, within half the budget; the edit makes it 21, in a region of 16.
    before = "openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths: {}\nx-list: [1]\n"
    loads(before)
    loads.path.write_text(before.replace("[1]", str(list(range(14)))), encoding="utf-8")
    with pytest.raises(GeneratorError) as incremental:
        load(loads.path, max_nodes=20, cache=loads.cache)
    with pytest.raises(GeneratorError) as full:
        load(loads.path, max_nodes=20)
    assert str(incremental.value) == str(full.value)


def test_json_is_parsed_whole_and_leaves_no_base(tmp_path: Path) -> None:
    loads = Loads(tmp_path / "spec.json", Cache(tmp_path / "cache"))
    text = '{"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": {}}'
    loads(text)
    assert loads(text.replace('"T"', '"U"')) == loads.reference()
    assert loads.full == 2
    assert not (tmp_path / "cache" / reparse.KIND).exists()


def test_a_spec_with_duplicate_keys_leaves_no_base(loads: Loads) -> None:
    loads(BENCH_3.replace("info:\n", "x-a: 1\nx-a: 2\ninfo:\n", 1))
    assert loads.base() is None


def test_each_load_leaves_its_text_as_the_next_base(loads: Loads) -> None:
    after = replace_once(BENCH_3, *EDITS["a property added"])
    assert spliced(loads, BENCH_3, after)
    assert loads.base() == after
    # But a splice that found duplicate keys leaves the base it started from.
    duplicated = replace_once(after, ITEM, ITEM * 2)
    assert spliced(loads, after, duplicated)
    assert loads.base() == after


@pytest.mark.parametrize("end", ["\n", "\n\n\n", ""], ids=["newline", "blank lines", "none"])
def test_a_keep_chomped_block_scalar_at_the_end_of_the_text_is_spliced(
    loads: Loads, end: str
) -> None:
    before = f"{BENCH_3}x-end: |+\n  kept{end}"
    assert spliced(loads, before, before.replace("  kept", "  kept, edited"))


def test_a_file_a_ref_brings_in_is_read_again_when_only_it_changed(tmp_path: Path) -> None:
    folder = tmp_path / "api"
    shutil.copytree(EXTERNAL, folder)
    loads = Loads(folder / "api.yaml", Cache(tmp_path / "cache"))
    spec = (folder / "api.yaml").read_text(encoding="utf-8")
    loads(spec)
    pet = folder / "schemas" / "pet.yaml"
    pet.write_text(pet.read_text(encoding="utf-8") + "x-edited: true\n", encoding="utf-8")
    assert loads(spec) == loads.reference()
    assert loads.full == 1  # the spec itself came from its base


# -- check and --no-cache never use a base -----------------------------------------------------


def plant_base(path: Path, cache: Cache, data_edit: tuple[str, str]) -> None:
    """A base for `path` whose text is the file's and whose data is not what it says: a
    load that uses it shows the edit."""
    text = path.read_text(encoding="utf-8")
    doc, flows = load_module.parse_with_flows(text, path=path)
    doc.data = load_module.parse(text.replace(*data_edit), path=path).data
    base = reparse.Base.of(text, doc, flows)
    assert base is not None
    cache.put(reparse.KIND, reparse._key(path), base.dump())


def test_generate_reads_the_base_and_check_neither_reads_nor_writes_one(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC.read_text(encoding="utf-8"), encoding="utf-8")
    settings = Settings("carts", "carts")
    cold = pipeline.generate(pipeline.Job(spec, TEMPLATES, settings), tmp_path / "cold")
    cache = Cache(tmp_path / "cache")
    job = pipeline.Job(spec, TEMPLATES, settings, cache=cache)
    assert pipeline.check(job, tmp_path / "cold") == []
    assert not (tmp_path / "cache" / reparse.KIND).exists()
    plant_base(spec, cache, (LINE_ITEMS, "Tampered."))
    assert pipeline.check(job, tmp_path / "cold") == []
    shutil.rmtree(tmp_path / "cache" / "run")  # which check left: generate would reuse it
    assert pipeline.generate(job, tmp_path / "warm") != cold  # the base was read


def test_no_cache_neither_reads_nor_writes_a_base(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC.read_text(encoding="utf-8"), encoding="utf-8")
    cache = tmp_path / "cache"
    plant_base(spec, Cache(cache), (LINE_ITEMS, "Tampered."))
    planted = sorted((cache / reparse.KIND).rglob("*"))
    env = {"GENERATOR_CACHE_DIR": str(cache)}
    args = ["generate", "--spec", spec, "--package-name", "carts", "--no-cache"]
    done = generator_cli(*args, "--out", tmp_path / "out", env=env)
    assert done.returncode == 0, done.stderr
    assert sorted((cache / reparse.KIND).rglob("*")) == planted
    text = (tmp_path / "out" / "carts" / "models" / "cart.py").read_text(encoding="utf-8")
    assert "Tampered" not in text
