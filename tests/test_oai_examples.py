"""The OpenAPI Initiative's example documents as generator input.

Each document of `../shared/specs/oai` becomes a package, named after the file, that imports
and passes `mypy --strict`; every example the document gives for a schema that became a model
(media-type `example` and `examples.*.value` whose schema is a `$ref` to a component schema,
or an array of them, and examples on the component schemas themselves) reads with
`<Model>.from_dict` and writes back unchanged with `to_dict`; examples of enumerations read as
their members.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import pipeline
from generator.parse import Settings

from .conftest import SHARED, TEMPLATES
from .test_hostile import assert_python_name, cli, finish, run_probe, start_mypy

OAI = SHARED / "specs" / "oai"
if not OAI.is_dir():
    pytest.skip(
        f"{OAI} is absent: the OAI example documents live beside this checkout, in the shared "
        "workspace; a clone elsewhere has no copy",
        allow_module_level=True,
    )

DOCUMENTS = sorted(p for p in OAI.iterdir() if p.suffix in (".yaml", ".yml", ".json"))
# Documents the generator cannot handle yet, and why; strict: fixing one must remove it here.
KNOWN: dict[str, str] = {}
_SCHEMA_REF = re.compile(r"^#/components/schemas/([^/]+)$")


def package_name(path: Path) -> str:
    """`v3.0_api-with-examples.yaml` -> `v3_0_api_with_examples`."""
    name = re.sub(r"\W+", "_", path.stem).strip("_").lower()
    return name if name[:1].isalpha() else f"oai_{name}"


def component(schema: Any) -> tuple[str, bool] | None:
    """The component schema a `$ref` names, and whether it is the items of an array."""
    if not isinstance(schema, dict):
        return None
    many = schema.get("type") == "array" and isinstance(schema.get("items"), dict)
    ref = (schema["items"] if many else schema).get("$ref")
    match = _SCHEMA_REF.match(ref) if isinstance(ref, str) else None
    return (match[1].replace("~1", "/").replace("~0", "~"), many) if match else None


def pointer(key: object) -> str:
    """A key as a JSON pointer token: `/pets/{id}` -> `~1pets~1{id}`."""
    return str(key).replace("~", "~0").replace("/", "~1")


def resolve(doc: dict[str, Any], node: Any) -> Any:
    """An Example Object given by `$ref` (`#/components/examples/...`), or the node itself."""
    for _ in range(8):
        if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
            break
        target: Any = doc
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target.get(part.replace("~1", "/").replace("~0", "~"), {})
        node = target
    return node


def examples(doc: dict[str, Any]) -> list[tuple[str, Any, str]]:
    """(component schema, example, where it stands) for every example of a component."""
    found: list[tuple[str, Any, str]] = []

    def add(schema: Any, value: Any, where: str) -> None:
        named = component(schema)
        if named is None:
            return
        name, many = named
        if many:
            if isinstance(value, list):
                found.extend((name, item, f"{where}[{i}]") for i, item in enumerate(value))
        else:
            found.append((name, value, where))

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            if "schema" in node:  # a media type or a parameter
                if "example" in node:
                    add(node["schema"], node["example"], f"{where}/example")
                for key, example in (node.get("examples") or {}).items():
                    example = resolve(doc, example)
                    if isinstance(example, dict) and "value" in example:
                        add(node["schema"], example["value"], f"{where}/examples/{pointer(key)}")
            for key, value in node.items():
                if key not in ("example", "examples"):  # data, not the document
                    walk(value, f"{where}/{pointer(key)}")
        elif isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, f"{where}/{i}")

    walk(doc, "#")
    for name, schema in ((doc.get("components") or {}).get("schemas") or {}).items():
        if not isinstance(schema, dict):
            continue
        where = f"#/components/schemas/{pointer(name)}"
        ref = {"$ref": where}
        if "example" in schema:
            add(ref, schema["example"], f"{where}/example")
        if isinstance(schema.get("examples"), list):  # 3.1: a list of values
            for i, value in enumerate(schema["examples"]):
                add(ref, value, f"{where}/examples/{i}")
    return found


def params() -> list[Any]:
    marks = {name: pytest.mark.xfail(strict=True, reason=reason) for name, reason in KNOWN.items()}
    return [pytest.param(p, id=p.name, marks=marks.get(p.name, ())) for p in DOCUMENTS]


@pytest.mark.parametrize("spec", params())
def test_document_generates_a_typed_package_that_round_trips_its_examples(
    tmp_path: Path, spec: Path
) -> None:
    name = package_name(spec)
    out = tmp_path / "out"
    args = ["generate", "--spec", str(spec), "--out", str(out), "--package-name", name]
    result = cli(*args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr

    # Which component schemas became which classes: the intermediate model decides names.
    api = pipeline.model(
        pipeline.Job(
            spec=spec, templates=TEMPLATES, settings=Settings(package_name=name, project_name=name)
        )
    )
    doc = yaml.safe_load(spec.read_text(encoding="utf-8"))
    components = set((doc.get("components") or {}).get("schemas") or {})
    models = {m.spec_name: m.name for m in api.models if m.spec_name in components}
    enums = {e.spec_name: e.name for e in api.enums if e.spec_name in components}
    found = examples(doc)
    model_cases = [(models[s], value, where) for s, value, where in found if s in models]
    enum_cases = [(enums[s], value, where) for s, value, where in found if s in enums]
    inputs = {
        "roundtrip": [[cls, value] for cls, value, _ in model_cases],
        "enum_reads": [[cls, value] for cls, value, _ in enum_cases],
    }

    checker = start_mypy(out, name)
    try:
        probe = run_probe(out, name, inputs)
    finally:
        code, output = finish(checker)
    assert probe.returncode == 0, probe.stderr
    assert code == 0, output
    report = json.loads(probe.stdout)
    assert report["compile_errors"] == []
    for cls in [*report["models"], *report["enums"]]:
        assert_python_name(cls)
    for (cls, data, written), (_, _, where) in zip(report["roundtrips"], model_cases, strict=True):
        assert written == data, f"{cls}.from_dict(...).to_dict() changed the example at {where}"
    for (cls, value, read, _), (_, _, where) in zip(report["enum_reads"], enum_cases, strict=True):
        assert read == value, f"{cls}({value!r}) is not the example at {where}"
