"""Lint's memo (lint.Memo): with a cache, what the rules found in each part of a spec is
remembered, and a part is checked again only when what its checks read has changed. The
findings must be exactly those of a lint without it, for every document and every edit: a
check that declares it reads less than it does (lint.Reads) would be remembered wrongly.

So documents are linted both ways, cold and warm: our spec, the test specs, the lint corpus,
../shared/specs/ when present, a benchmark spec, and random documents edited step by step
(each step a lint of the same spec file, remembering the step before). Then targeted edits:
a finding must appear and disappear with the edit of one part, also when the part that
changed is only reached through a $ref.
"""

from __future__ import annotations

import copy
import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import lint as lint_module
from generator import rules, validate
from generator.cache import NO_CACHE, Cache
from generator.errors import GeneratorError
from generator.lint import Context, Finding, Scope, lint
from generator.load import Document, load

from .conftest import ROOT, SHARED, SPEC
from .strategies import json_values, specs, to_yaml

sys.path.insert(0, str(ROOT / "bench"))
from make_specs import build_spec

CORPUS = sorted((ROOT / "tests" / "lint_corpus").glob("*.yaml"))
TEST_SPECS = sorted((ROOT / "tests" / "specs").rglob("*.yaml"))
OAI = sorted((SHARED / "specs").rglob("*.yaml")) if (SHARED / "specs").is_dir() else []


def plain(path: Path) -> list[Finding]:
    return lint(load(path), try_build=False)


def memoized(path: Path, cache: Path) -> list[Finding]:
    return lint(load(path), try_build=False, cache=Cache(cache))


def write(path: Path, doc: Any) -> Path:
    path.write_text(doc if isinstance(doc, str) else to_yaml(doc), encoding="utf-8")
    return path


def loads(path: Path) -> bool:
    try:
        load(path)
    except GeneratorError:
        return False
    return True


# -- every document, both ways ------------------------------------------------------------------


def _documents() -> list[Any]:
    found = [SPEC, *TEST_SPECS, *CORPUS, *OAI]
    return [pytest.param(p, id=str(p.relative_to(p.parents[1]))) for p in found if loads(p)]


@pytest.mark.parametrize("path", _documents())
def test_a_document_gives_the_same_findings_with_the_memo(path: Path, tmp_path: Path) -> None:
    expected = plain(path)
    cache = tmp_path / "cache"
    assert memoized(path, cache) == expected  # cold: every part checked, and remembered
    assert memoized(path, cache) == expected  # warm: every part remembered
    if not {f.rule for f in expected} & STRUCTURAL:  # the rules ran: they were remembered
        assert list((cache / "lint").rglob("*"))


STRUCTURAL = {"openapi-schema", "openapi-version", "unresolved-ref", "unsupported-ref", "ref-loop"}


def test_the_shared_specs_are_there_or_skipped() -> None:
    if not OAI:
        pytest.skip(f"{SHARED / 'specs'} is absent (a clone outside the workspace)")
    assert len(OAI) >= 5


def test_a_benchmark_spec_edited(tmp_path: Path) -> None:
    spec, cache = tmp_path / "spec.yaml", tmp_path / "cache"
    for revision in (0, 1, 2):
        doc = build_spec(12, edit=(6, revision) if revision else None)
        write(spec, doc)
        assert memoized(spec, cache) == plain(spec)
    # One schema's type changed: the examples that reach it are validated again.
    doc["components"]["schemas"]["Cart6LineItem"]["properties"]["quantity"]["type"] = "string"
    write(spec, doc)
    found = memoized(spec, cache)
    assert found == plain(spec)
    assert {f.rule for f in found} == {"oas3-valid-media-example"}


# -- random documents, edited step by step ------------------------------------------------------

SCRIPTS = ["<script>alert(1)</script>", "see eval(x)", "plain words", "<SCRIPT src=x>", ""]
URLS = [
    "https://example.com/v1",
    "http://localhost:8080/",
    "https://{region}.api.test/{version}",
    "https://api.test/",
    "/",
]
ROUTES = ["/a/", "/a/{x}", "/{y}/b", "/a?q=1", "/carts/{id}", "/carts/current", "/b/{x}/{x}"]
TYPES = ["string", "integer", "number", "boolean", "object", "array"]


def _nodes(doc: Any, kind: type = dict) -> list[tuple[tuple[Any, ...], Any]]:
    found: list[tuple[tuple[Any, ...], Any]] = []
    stack: list[tuple[tuple[Any, ...], Any]] = [((), doc)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, kind):
            found.append((path, node))
        if isinstance(node, dict):
            stack.extend(((*path, k), v) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend(((*path, i), v) for i, v in enumerate(node))
    return sorted(found, key=lambda pair: repr(pair[0]))


def _operations(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        op
        for item in (doc.get("paths") or {}).values()
        if isinstance(item, dict)
        for method, op in item.items()
        if method in ("get", "put", "post", "delete", "patch") and isinstance(op, dict)
    ]


def _schemas(doc: dict[str, Any]) -> dict[str, Any]:
    schemas: dict[str, Any] = doc.setdefault("components", {}).setdefault("schemas", {})
    return schemas


def _media(draw: st.DrawFn, doc: dict[str, Any]) -> dict[str, Any] | None:
    media = [n for p, n in _nodes(doc) if len(p) > 1 and p[-2] == "content"]
    return draw(st.sampled_from(media)) if media else None


def _texts(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Objects that may have a description: info, operations, schemas, properties, tags."""
    found: list[dict[str, Any]] = [doc.get("info") or {}, *_operations(doc)]
    found += [t for t in doc.get("tags") or [] if isinstance(t, dict)]
    for schema in _schemas(doc).values():
        if isinstance(schema, dict) and "$ref" not in schema:
            found.append(schema)
            props = schema.get("properties")
            found += [p for p in (props or {}).values() if isinstance(p, dict) and "$ref" not in p]
    return [f for f in found if isinstance(f, dict)]


def _schema_refs(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """$refs to component schemas that stand where a schema does."""
    found = []
    for path, node in _nodes(doc):
        ref = node.get("$ref")
        if not (isinstance(ref, str) and ref.startswith("#/components/schemas/")):
            continue
        in_schema = path[-1:] in [("schema",), ("items",), ("additionalProperties",)]
        if in_schema or path[-2:-1] in [("properties",), ("allOf",), ("oneOf",), ("anyOf",)]:
            found.append(node)
    return found


EDITS = (
    "markdown ref-sibling array enum server example example-component unref discriminator "
    "callback retype describe parameter path one-of not link tags security info "
    "operation-id responses scheme root-servers drop-path rename-path component-parameter "
    "callback-ref"
).split()


def _edit(draw: st.DrawFn, doc: dict[str, Any]) -> None:
    """One edit of `doc`, in place, that keeps it valid OpenAPI (mostly): something a rule
    looks at, somewhere."""
    kind = draw(st.sampled_from(EDITS))
    schemas = _schemas(doc)
    names = sorted(schemas)
    ops = _operations(doc)
    if kind == "markdown":
        node = draw(st.sampled_from(_texts(doc)))
        node["description"] = draw(st.sampled_from(SCRIPTS))
    elif kind == "ref-sibling":
        refs = _schema_refs(doc)
        if refs:
            draw(st.sampled_from(refs))[draw(st.sampled_from(["description", "x-n"]))] = "s"
    elif kind == "array":
        schemas[draw(st.sampled_from(["List", "Arr", *names]))] = {"type": "array"}
    elif kind == "enum":
        if names:
            schema = schemas[draw(st.sampled_from(names))]
            if isinstance(schema, dict):
                schema["enum"] = draw(st.lists(st.sampled_from([1, 1.0, "a", "a", True, None])))
                schema["type"] = draw(st.sampled_from(["string", "integer"]))
                if draw(st.booleans()):
                    schema["x-enum-varnames"] = ["A", "A"]
    elif kind == "server":
        places = [doc, *(doc.get("paths") or {}).values(), *ops]
        target = draw(st.sampled_from([p for p in places if isinstance(p, dict)]))
        server: dict[str, Any] = {"url": draw(st.sampled_from(URLS))}
        if draw(st.booleans()):
            enum = draw(st.sampled_from([[], ["us"], ["eu"]]))
            server["variables"] = {"region": {"default": "eu", "enum": enum}}
        target["servers"] = [server]
    elif kind == "example":
        media = _media(draw, doc)
        if media is not None:
            if draw(st.booleans()):
                media["example"] = draw(json_values)
            else:
                media["examples"] = {"e": {"value": draw(json_values)}}
    elif kind == "example-component":
        examples = doc.setdefault("components", {}).setdefault("examples", {})
        examples["E"] = {"value": draw(json_values)}
        if draw(st.booleans()):
            examples["E"]["externalValue"] = "https://x.test/e.json"
        media = _media(draw, doc)
        if media is not None and draw(st.booleans()):
            media["examples"] = {"e": {"$ref": "#/components/examples/E"}}
    elif kind == "unref":
        refs = _schema_refs(doc)
        if refs:
            node = draw(st.sampled_from(refs))
            node.clear()
            node["type"] = "string"
    elif kind == "discriminator":
        objects = [n for n in names if isinstance(schemas[n], dict) and "properties" in schemas[n]]
        if objects:
            name = draw(st.sampled_from(objects))
            prop = draw(st.sampled_from(sorted(schemas[name]["properties"]) or ["kind"]))
            schemas["Union"] = {
                "oneOf": [{"$ref": f"#/components/schemas/{name}"}],
                "discriminator": {"propertyName": prop, "mapping": {"x": name}},
            }
            media = _media(draw, doc)
            if media is not None:
                media["schema"] = {"$ref": "#/components/schemas/Union"}
                media["example"] = {prop: draw(st.sampled_from([name, "x", "Nope"]))}
    elif kind == "callback":
        if ops:
            inner: dict[str, Any] = {"post": {"responses": {"200": {"description": "ok"}}}}
            if draw(st.booleans()):
                inner["post"]["callbacks"] = {"again": {"{$url}": copy.deepcopy(inner)}}
            draw(st.sampled_from(ops))["callbacks"] = {"cb": {"{$request.body#/url}": inner}}
    elif kind == "retype":
        props = [
            s["properties"]
            for s in schemas.values()
            if isinstance(s, dict) and isinstance(s.get("properties"), dict) and s["properties"]
        ]
        if props:
            found = draw(st.sampled_from(props))
            found[draw(st.sampled_from(sorted(found)))] = {"type": draw(st.sampled_from(TYPES))}
    elif kind == "describe":
        candidates = [s for s in schemas.values() if isinstance(s, dict)]
        if candidates:
            draw(st.sampled_from(candidates))["description"] = draw(st.text(max_size=5))
    elif kind == "parameter" and ops:
        op = draw(st.sampled_from(ops))
        param: dict[str, Any] = {
            "name": draw(st.sampled_from(["id", "x", "q"])),
            "in": "path",
            "schema": {"type": "string"},
        }
        if draw(st.booleans()):
            param.update({"in": "header", "example": draw(json_values)})
        if draw(st.booleans()):
            param["required"] = True
        op["parameters"] = [param, *([param] if draw(st.booleans()) else [])]
    elif kind == "path":
        op = {
            "responses": {"200": {"description": "ok"}},
            "operationId": draw(st.sampled_from(["a", "b"])),
        }
        doc.setdefault("paths", {})[draw(st.sampled_from(ROUTES))] = {"get": op}
    elif kind == "one-of":
        schemas["Num"] = {
            "oneOf": [
                {"type": "integer", "description": "an integer"},
                {"type": "number", "title": "a number"},
            ]
        }
        media = _media(draw, doc)
        if media is not None:
            media["schema"] = {"$ref": "#/components/schemas/Num"}
            media["example"] = draw(st.sampled_from([1, 1.5, "x"]))
    elif kind == "not":
        schemas["NotText"] = {"not": {"type": "string", "description": "no text"}}
        media = _media(draw, doc)
        if media is not None:
            media["schema"] = {"$ref": "#/components/schemas/NotText"}
            media["example"] = draw(st.sampled_from([1, "x"]))
    elif kind == "tags":
        declared = [t for t in doc.get("tags") or [] if isinstance(t, dict)]
        change = draw(st.sampled_from(["drop", "add", "rename", "none", "op"]))
        if change == "drop" and declared:
            declared.pop(draw(st.integers(0, len(declared) - 1)))
        elif change in ("add", "rename"):
            if change == "rename" and declared:
                declared.pop()
            declared.append({"name": draw(st.sampled_from(["carts", "Carts", "x", "default"]))})
        elif change == "op" and ops:
            draw(st.sampled_from(ops))["tags"] = draw(st.lists(st.sampled_from(["carts", "y"])))
        if change == "none":
            doc.pop("tags", None)
        else:
            doc["tags"] = declared
    elif kind == "security":
        schemes = doc.setdefault("components", {}).setdefault("securitySchemes", {})
        if draw(st.booleans()):
            schemes["oauth"] = {
                "type": "oauth2",
                "flows": {
                    "implicit": {"authorizationUrl": "https://a.test", "scopes": {"r": "read"}}
                },
            }
        requirement = {
            draw(st.sampled_from(["oauth", "key"])): draw(st.sampled_from([[], ["r"], ["w"]]))
        }
        if draw(st.booleans()) or not ops:
            doc["security"] = [requirement] if draw(st.booleans()) else []
        else:
            draw(st.sampled_from(ops))["security"] = [requirement]
        if draw(st.booleans()):
            doc.pop("security", None)
    elif kind == "info":
        info = doc.setdefault("info", {"title": "t", "version": "1"})
        for key in draw(st.lists(st.sampled_from(["contact", "description", "license"]))):
            (
                info.pop(key, None)
                if key in info
                else info.update({key: {"name": "n"} if key != "description" else ""})
            )
    elif kind == "operation-id" and ops:
        draw(st.sampled_from(ops))["operationId"] = draw(
            st.sampled_from(["a", "a b", "get", "list"])
        )
    elif kind == "responses" and ops:
        responses = draw(st.sampled_from(ops)).setdefault("responses", {})
        for code in list(responses):
            if draw(st.booleans()) and len(responses) > 1:
                del responses[code]
    elif kind == "scheme":  # a security scheme alone: requirements name it, not by $ref
        schemes = doc.setdefault("components", {}).setdefault("securitySchemes", {})
        name = draw(st.sampled_from(["oauth", "key"]))
        if name in schemes and draw(st.booleans()):
            del schemes[name]
        elif name == "oauth":
            scopes = draw(st.sampled_from([{"r": "read"}, {"w": "write"}, {}]))
            flows = {"implicit": {"authorizationUrl": "https://a.test", "scopes": scopes}}
            schemes[name] = {"type": "oauth2", "flows": flows}
        else:
            schemes[name] = {"type": "apiKey", "name": "k", "in": "header"}
    elif kind == "root-servers":  # the rest alone
        urls = draw(st.lists(st.sampled_from(URLS), max_size=2))
        if urls or draw(st.booleans()):
            doc["servers"] = [{"url": url} for url in urls]
        else:
            doc.pop("servers", None)
    elif kind in ("drop-path", "rename-path"):
        paths = doc.get("paths") or {}
        if paths:
            route = draw(st.sampled_from(sorted(paths)))
            item = paths.pop(route)
            if kind == "rename-path":
                paths[draw(st.sampled_from(ROUTES))] = item
    elif kind == "component-parameter":  # one that path items name by $ref
        params = doc.setdefault("components", {}).setdefault("parameters", {})
        name = draw(st.sampled_from(["P", *sorted(params)]))
        param = params.setdefault(name, {"name": "id", "in": "path", "schema": {"type": "string"}})
        if isinstance(param, dict) and "$ref" not in param:
            change = draw(st.sampled_from(["required", "name", "in", "use"]))
            if change == "required":
                param["required"] = not param.get("required", False)
            elif change == "name":
                param["name"] = draw(st.sampled_from(["id", "x", "customer_id", "cart_id"]))
            elif change == "in":
                param["in"] = draw(st.sampled_from(["path", "query", "header"]))
            elif ops:
                ref = {"$ref": f"#/components/parameters/{name}"}
                op = draw(st.sampled_from(ops))
                op["parameters"] = [
                    *(op.get("parameters") or []),
                    ref,
                    *([ref] * draw(st.integers(0, 1))),
                ]
    elif kind == "callback-ref" and ops:  # a callback's path item, a $ref to another one
        routes = sorted(doc.get("paths") or {})
        target = draw(st.sampled_from(routes)).replace("~", "~0").replace("/", "~1")
        callback = {"{$url}": {"$ref": f"#/paths/{target}"}}
        draw(st.sampled_from(ops))["callbacks"] = {"cb": callback}
    elif kind == "link":
        responses = [
            r
            for op in ops
            for r in (op.get("responses") or {}).values()
            if isinstance(r, dict) and "$ref" not in r
        ]
        if responses:
            server = {"url": draw(st.sampled_from(URLS))}
            draw(st.sampled_from(responses))["links"] = {
                "self": {"operationId": "a", "server": server}
            }


def _corpus_data() -> list[dict[str, Any]]:
    """The corpus documents the rules run on (no structural error)."""
    found = []
    for path in CORPUS:
        try:
            doc = load(path)
        except GeneratorError:
            continue
        if not {f.rule for f in lint(doc, try_build=False)} & STRUCTURAL:
            found.append(doc.data)
    return found


CORPUS_DATA = _corpus_data()


@st.composite
def edited_documents(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A document and the same document after each of a few edits."""
    if draw(st.booleans()):
        doc = draw(specs()).doc
    else:
        doc = copy.deepcopy(draw(st.sampled_from(CORPUS_DATA)))
    steps = [copy.deepcopy(doc)]
    for _ in range(draw(st.integers(1, 4))):
        doc = copy.deepcopy(doc)
        _edit(draw, doc)
        steps.append(doc)
    return steps


def edited(examples: int) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """A test given `steps`, edited documents, derandomized: the same examples each run."""

    def wrap(test: Callable[..., None]) -> Callable[..., None]:
        checks = [HealthCheck.too_slow, HealthCheck.data_too_large]
        given_steps = given(steps=edited_documents())(test)
        return settings(
            max_examples=examples,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=checks,
        )(given_steps)

    return wrap


@edited(examples=200)
def test_edits_give_the_same_findings_with_the_memo(
    steps: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("edits")
    spec, cache = folder / "spec.yaml", folder / "cache"
    for doc in steps:
        write(spec, doc)
        try:
            expected = plain(spec)
        except GeneratorError:
            continue  # refused by the loader: nothing to lint
        assert memoized(spec, cache) == expected, to_yaml(doc)
    assert memoized(spec, cache) == expected  # and once more, all remembered


# -- targeted edits: a finding appears and disappears ------------------------------------------

BASE = """openapi: 3.0.3
info: {title: t, version: '1', description: d, contact: {name: c}, license: {name: MIT}}
servers: [{url: 'https://api.contoso.test'}]
tags: [{name: items, description: the items}]
security: []
paths:
  /items:
    post:
      tags: [items]
      operationId: createItem
      summary: s
      description: d
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Item'}
            examples:
              one: {$ref: '#/components/examples/One'}
              two: {value: {id: 2, name: two}}
      responses:
        '201': {description: created}
        '400': {description: bad}
components:
  examples:
    One: {value: {id: 1, name: one}}
  schemas:
    Item:
      type: object
      description: An item.
      properties:
        id: {$ref: '#/components/schemas/Id'}
        name: {type: string, description: Its name.}
    Id: {type: integer, description: An id.}
"""


class Lints:
    """Lint one spec file again and again with the memo, and each time without it too."""

    def __init__(self, folder: Path) -> None:
        self.spec = folder / "spec.yaml"
        self.cache = folder / "cache"

    def __call__(self, text: str, *, spied: list[object] | None = None) -> list[str]:
        """The findings, as `line rule`; `spied` holds what the memoized lint alone did."""
        write(self.spec, text)
        found = memoized(self.spec, self.cache)
        done = list(spied or [])
        assert found == plain(self.spec)
        if spied is not None:
            spied[:] = done
        return [f"{f.location.line} {f.rule}" for f in found]


@pytest.fixture
def lints(tmp_path: Path) -> Lints:
    lints = Lints(tmp_path)
    assert lints(BASE) == []
    return lints


def test_a_finding_comes_and_goes_with_an_edit_of_its_part(lints: Lints) -> None:
    edited = BASE.replace("description: Its name.", "description: <script>x</script>")
    assert lints(edited) == ["32 no-script-tags-in-markdown"]
    assert lints(BASE) == []


def test_an_edit_reached_through_refs_checks_the_parts_that_reach_it(lints: Lints) -> None:
    # Id changes: Item (its $ref), the path item (its schema is Item) and the example it
    # names are not edited, but the examples no longer fit.
    edited = BASE.replace("Id: {type: integer", "Id: {type: string")
    assert lints(edited) == [
        "19 oas3-valid-media-example",  # `two`, in the path item
        "25 oas3-valid-media-example",  # `One`, in the examples
    ]
    assert lints(BASE) == []


def test_an_edit_of_a_referenced_example_checks_the_media_types_that_name_it(
    lints: Lints,
) -> None:
    assert lints(BASE.replace("{id: 1, name: one}", "{id: one}")) == ["25 oas3-valid-media-example"]
    assert lints(BASE) == []


def test_a_component_no_longer_referenced(lints: Lints) -> None:
    edited = BASE.replace("id: {$ref: '#/components/schemas/Id'}", "id: {type: integer}")
    assert lints(edited) == ["33 oas3-unused-component"]
    assert lints(BASE) == []


def test_an_edit_of_the_rest_of_the_document(lints: Lints) -> None:
    edited = BASE.replace("https://api.contoso.test", "https://example.com/")
    assert lints(edited) == ["3 no-server-example.com", "3 oas3-server-trailing-slash"]
    assert lints(BASE) == []


def test_an_edit_of_a_component_the_rest_holds(lints: Lints) -> None:
    # A 3.0 component named outside OpenAPI's pattern is not a part: the rest holds it.
    text = BASE.replace("'#/components/schemas/Id'", "'#/components/schemas/Größe'")
    text = text.replace("    Id: {type: integer", "    Größe: {type: integer")
    assert lints(text) == []
    assert lints(text.replace("Größe: {type: integer", "Größe: {type: boolean")) == [
        "19 oas3-valid-media-example",
        "25 oas3-valid-media-example",
    ]
    assert lints(text) == []


def test_a_discriminator_reads_the_component_an_example_names(lints: Lints) -> None:
    # Without a mapping, the validator follows #/components/schemas/<the example's kind>:
    # a component that comes into being changes what the example's check finds, though
    # neither the example's part nor any part its $refs name has changed.
    text = BASE.replace("two: {value: {id: 2, name: two}}", "two: {value: {kind: Dog}}")
    text = text.replace(
        "schema: {$ref: '#/components/schemas/Item'}", "schema: {$ref: '#/components/schemas/Pet'}"
    )
    text += """    Pet:
      oneOf: [{$ref: '#/components/schemas/Item'}]
      discriminator: {propertyName: kind}
"""
    assert "19 oas3-valid-media-example" in lints(text)  # no Dog to validate `two` against
    dog = "    Dog: {type: object, properties: {kind: {type: string}}}\n"
    assert "19 oas3-valid-media-example" not in lints(text + dog)


def test_a_ref_to_a_whole_section(lints: Lints) -> None:
    # A schema that is all the component schemas: a component called `enum` is its enum,
    # quoted in the message; editing it changes what the example's check finds.
    text = BASE.replace("two: {value: {id: 2, name: two}}", "two: {value: x}")
    text = text.replace(
        "schema: {$ref: '#/components/schemas/Item'}", "schema: {$ref: '#/components/schemas'}"
    )
    text = text.replace(
        "    Id: {type: integer", "    enum: {type: string}\n    Id: {type: integer"
    )

    def message() -> str:
        (found,) = (f for f in memoized(lints.spec, lints.cache) if f.location.line == 19)
        return found.message

    assert "19 oas3-valid-media-example" in lints(text)
    assert "'string'" in message()
    assert "19 oas3-valid-media-example" in lints(text.replace("{type: string}", "{type: number}"))
    assert "'number'" in message()


def test_a_ref_read_two_ways(lints: Lints) -> None:
    # `%2F` in a $ref: our resolution unescapes each step (component `A/x-b`), the
    # validator's the whole pointer first (the extension x-b of component A). A's edit
    # changes what the example's check finds.
    text = BASE.replace("two: {value: {id: 2, name: two}}", "two: {value: x}")
    text = text.replace(
        "schema: {$ref: '#/components/schemas/Item'}",
        "schema: {$ref: '#/components/schemas/A%2Fx-b'}",
    )
    text = text.replace(
        "    Id: {type: integer",
        "    A/x-b: {type: string}\n    A: {type: object, x-b: {type: integer}}\n"
        "    Id: {type: integer",
    )
    assert "19 oas3-valid-media-example" in lints(text)
    edited = text.replace("x-b: {type: integer}", "x-b: {type: string}")
    assert "19 oas3-valid-media-example" not in lints(edited)


def test_an_edit_of_a_file_brought_in_by_ref(tmp_path: Path) -> None:
    folder = tmp_path / "api"
    shutil.copytree(ROOT / "tests" / "specs" / "external", folder)
    spec, cache = folder / "api.yaml", tmp_path / "cache"
    pet = folder / "schemas" / "pet.yaml"
    assert memoized(spec, cache) == plain(spec)
    original = pet.read_text(encoding="utf-8")
    pet.write_text(original.replace("type: object", "type: object\ndescription: eval(x)"))
    found = memoized(spec, cache)
    assert found == plain(spec)
    assert "no-eval-in-markdown" in {f.rule for f in found}
    pet.write_text(original)
    assert memoized(spec, cache) == plain(spec)


def test_a_description_edited_validates_no_example_again(
    lints: Lints, monkeypatch: pytest.MonkeyPatch
) -> None:
    validators: list[object] = []
    real = rules._validator

    def spy(ctx: Context, schema_path: tuple[Any, ...]) -> Any:
        validators.append(schema_path)
        return real(ctx, schema_path)

    monkeypatch.setattr(rules, "_validator", spy)
    assert (
        lints(BASE.replace("description: An id.", "description: The id."), spied=validators) == []
    )
    assert validators == []  # the validations were remembered by what they read
    assert lints(BASE.replace("Id: {type: integer", "Id: {type: number"), spied=validators) == []
    assert len(validators) == 2  # both examples validated again


@pytest.mark.parametrize(
    ("schema", "lines"),
    [
        ("{not: {type: string, description: QUOTED}}", ["25"]),
        ("{oneOf: [{type: string, title: QUOTED}, {type: string}]}", ["19", "25"]),
    ],
)
def test_a_description_a_message_quotes_is_read(
    lints: Lints, schema: str, lines: list[str]
) -> None:
    # `id: x` is a string: valid under the `not`'s subschema, and under both of the oneOf;
    # the messages say so quoting the subschemas, descriptions and titles too.
    text = BASE.replace("Id: {type: integer, description: An id.}", f"Id: {schema}")
    text = text.replace("{id: 1, name: one}", "{id: x, name: one}")
    expected = [f"{line} oas3-valid-media-example" for line in lines]
    assert lints(text) == expected
    assert lints(text.replace("QUOTED", "edited")) == expected
    quoted = [f.message for f in memoized(lints.spec, lints.cache) if f.location.line == 25]
    assert "edited" in quoted[0]


def test_a_remembered_part_is_not_validated_again(
    lints: Lints, monkeypatch: pytest.MonkeyPatch
) -> None:
    validated: list[object] = []
    real = validate._validator_of

    class Spy:
        def __init__(self, inner: Any) -> None:
            self.inner = inner

        def iter_errors(self, part: object) -> Any:
            validated.append(part)
            return self.inner.iter_errors(part)

    monkeypatch.setattr(validate, "_validator_of", lambda *key: Spy(real(*key)))
    assert lints(BASE.replace("description: An id.", "description: The id."), spied=validated) == []
    assert validated == [{"type": "integer", "description": "The id."}]


def test_the_memo_is_trusted_only_by_content(lints: Lints) -> None:
    (entry,) = (p for p in lints.cache.joinpath("lint").rglob("*") if p.is_file())
    state = json.loads(entry.read_text())
    for remembered in state["parts"].values():  # a digest that is not the part's
        remembered[0] = "0" * 64
        remembered[1]["f"] = {"no-eval-in-markdown no-eval-in-markdown": [[["info"], "x"]]}
    entry.write_text(json.dumps(state))
    assert lints(BASE) == []
    entry.write_text("{not json")
    assert lints(BASE) == []


def test_without_a_cache_nothing_is_remembered(tmp_path: Path) -> None:
    spec = write(tmp_path / "spec.yaml", BASE.replace("An item.", "eval(1)"))
    assert [f.rule for f in lint(load(spec), try_build=False, cache=NO_CACHE)] == [
        "no-eval-in-markdown"
    ]
    assert lint(load(spec), try_build=False, cache=Cache(None)) == plain(spec)


# -- each check reads no more than it says ------------------------------------------------------


def _reads(doc: Document) -> dict[tuple[Any, ...], set[Any] | None]:
    """For each part, the parts (and `()`, the rest) its $refs reach, itself included; None
    when they reach what no part holds (see Memo._reaching)."""
    parts = validate.split(doc.data, digests=False)[0]
    paths = {part.path for part in parts}
    edges: dict[tuple[Any, ...], set[Any] | None] = {}
    for node in [*paths, ()]:
        ctx = Context(doc, Scope(roots=(node,)) if node else Scope(skip=_skip(parts)))
        targets = {lint_module._target(ref, paths) for ref in lint_module.references(ctx)}
        open_ = None in targets or lint_module.implicit_refs(ctx)
        edges[node] = None if open_ else {t for t in targets if t is not None}
    reached: dict[tuple[Any, ...], set[Any] | None] = {}
    for start in paths:
        seen, todo = {start}, [start]
        while todo and seen is not None:
            out = edges[todo.pop()]
            if out is None:
                seen = None
                break
            todo.extend(out - seen)
            seen |= out
        reached[start] = seen
    return reached


def _skip(parts: list[Any]) -> dict[tuple[Any, ...], frozenset[str]]:
    skip: dict[tuple[Any, ...], set[str]] = {}
    for part in parts:
        skip.setdefault(part.path[:-1], set()).add(part.path[-1])
    return {k: frozenset(v) for k, v in skip.items()}


def _only(doc: Document, keep: set[Any]) -> Document:
    """`doc` with only the parts in `keep`, and the rest of it only if `()` is in `keep`
    (its OpenAPI version stays: every check may read it)."""
    rest = () in keep
    data: dict[str, Any] = dict(doc.data) if rest else {"openapi": doc.data["openapi"]}
    parts = {part.path for part in validate.split(doc.data, digests=False)[0]}
    for container in sorted({path[:-1] for path in parts}):
        original = doc.data
        for key in container:
            original = original[key]
        kept = {
            k: v
            for k, v in original.items()
            if (*container, k) in keep or (rest and (*container, k) not in parts)
        }
        holder = data
        for key in container[:-1]:
            holder[key] = dict(holder.get(key) or {})
            holder = holder[key]
        if kept or rest:
            holder[container[-1]] = kept
    return Document(path=doc.path, data=data)


def audit(doc: Document) -> list[str]:
    """Each check that reads a part (and its $refs) alone, run on the part in `doc` and in
    `doc` cut down to what it says it reads: where the findings differ."""
    if not str(doc.data.get("openapi", "")).startswith(("3.0", "3.1")):
        return []
    wrong = []
    reached = _reads(doc)
    for rule_id, check, reads in CHECKS:
        if reads == "document" or (
            reads == "schemas" and not doc.data["openapi"].startswith("3.0")
        ):
            continue
        for part, closure in reached.items():
            if closure is None and reads != "part":
                continue  # the memo checks it again every time
            keep = {part} if reads == "part" else {part, *(closure or ())}
            scope = Scope(roots=(part,))
            try:
                expected = sorted(map(repr, check(Context(doc, scope))))
            except Exception:  # a document the rules do not run on
                return []
            try:
                found = sorted(map(repr, check(Context(_only(doc, keep), scope))))
            except Exception as exc:
                found = [repr(exc)]
            if found != expected:
                wrong.append(f"{rule_id} {check.__name__} on {part}: {expected} != {found}")
    return wrong


# Every read across parts the checks make: parameters, examples, schemas and path items
# named by $ref, a callback's path item a $ref to another path, a path item a $ref to
# another one.
ACROSS = """openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a/{id}:
    parameters: [{$ref: '#/components/parameters/Id'}]
    get:
      parameters: [{$ref: '#/components/parameters/Q'}, {$ref: '#/components/parameters/Q2'}]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/S'}
              examples: {e: {$ref: '#/components/examples/E'}}
      callbacks:
        cb: {'{$url}': {$ref: '#/paths/~1b'}}
  /b:
    post:
      responses: {'200': {description: ok}}
      callbacks: {inner: {'{$url}': {post: {responses: {'200': {description: ok}}}}}}
  /d: {$ref: '#/paths/~1b'}
components:
  parameters:
    Id: {name: other, in: path, required: true, schema: {type: string}}
    Q: {name: q, in: query, schema: {type: string}, example: 5}
    Q2: {name: q, in: query, schema: {type: string}}
  schemas:
    S: {type: object, properties: {n: {type: integer}}}
  examples:
    E: {value: {n: x}}
"""


def test_a_check_reads_no_more_than_it_says_across_parts(tmp_path: Path) -> None:
    spec = write(tmp_path / "spec.yaml", ACROSS)
    rules_found = {f.rule for f in plain(spec)}
    assert {"oas3-callbacks-in-callbacks", "path-params", "operation-parameters"} <= rules_found
    assert {"oas3-valid-media-example", "oas3-valid-parameter-example"} <= rules_found
    doc = _linted(spec)
    assert doc is not None and audit(doc) == []
    assert memoized(spec, tmp_path / "cache") == plain(spec)


def _linted(path: Path) -> Document | None:
    try:
        doc = load(path)
    except GeneratorError:
        return None
    return None if {f.rule for f in lint(doc, try_build=False)} & STRUCTURAL else doc


@pytest.mark.parametrize("path", [p.values[0] for p in _documents()], ids=lambda p: p.name)
def test_a_check_reads_no_more_than_it_says(path: Path) -> None:
    doc = _linted(path)
    if doc is None:
        pytest.skip("the rules do not run on it")
    assert audit(doc) == []


@edited(examples=100)
def test_a_check_reads_no_more_than_it_says_of_edited_documents(
    steps: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    spec = tmp_path_factory.mktemp("audit") / "spec.yaml"
    write(spec, steps[-1])
    doc = _linted(spec)
    if doc is not None:
        assert audit(doc) == [], to_yaml(steps[-1])


# -- what the memo rests on -----------------------------------------------------------------------


def test_the_parts_and_the_rest_are_the_document(tmp_path: Path) -> None:
    doc = load(SPEC)
    memo = lint_module.Memo(doc, Cache(tmp_path), str(SPEC))
    walked = [p for part in memo.parts for p, _ in memo._context(part).walk()]
    walked += [p for p, _ in memo._rest_context().walk()]
    assert sorted(map(repr, walked)) == sorted(repr(p) for p, _ in Context(doc).walk())
    whole = {repr(entry[:1] + entry[2:3]) for entry in Context(doc)._index()}
    scoped = Context(doc, Scope(roots=tuple(part.path for part in memo.parts)))
    assert {repr(entry[:1] + entry[2:3]) for entry in scoped._index()} <= whole


CHECKS: list[tuple[str, Callable[..., Any], str]] = [
    (r.id, check, reads) for r in lint_module.RULES.values() for check, reads in r.checks
]


def test_every_check_says_what_it_reads() -> None:
    assert {reads for _, _, reads in CHECKS} <= {"part", "refs", "schemas", "document"}
    names = [(rule_id, check.__name__) for rule_id, check, _ in CHECKS]
    assert len(names) == len(set(names))
