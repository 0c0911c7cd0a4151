"""Hostile specs: whatever text and names a spec holds, it is data, never code.

Every category of spec text (prose, enum values, property and schema names, tags,
operationIds, path text, parameter names and defaults) is filled with strings that would break
or inject into naive code generation: quotes, backslashes, template syntax, line and paragraph
separators, control characters, comments, Python code, keywords, builtins and names that
collide once converted. Three packages (prose, components, operations) are generated, then
compiled, imported and exercised in subprocesses whose working directory is the output, and
type-checked by one `mypy --strict` run; the strings must come back unchanged as data, and
nothing may have run. Constructs that break the output today have tests of their own, marked
xfail with the cause. Then the command line on broken input: one located line per error, the
documented exit code, no traceback unless `--debug`, and the output directory untouched.

What the generator guarantees for prose (descriptions, summaries, titles): in the generated
source, control characters but the newline, DEL, NEL, U+2028 and U+2029 are written as
escapes, never raw; at run time the docstring is the spec's text again, equal to it once runs
of whitespace are collapsed to one space."""

from __future__ import annotations

import builtins
import dataclasses
import functools
import json
import keyword
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import yaml

from .conftest import GENERATED, ROOT

TIMEOUT = 300  # seconds for one generator, probe or mypy run; they take a few
TEMPLATE_MARK = "<{{ 7*7 }}>"  # rendered by a template engine this would read <49>

# Text that breaks naive code generation: quotes, escapes, template syntax, line breaks that
# Python or YAML see, control characters, comments, and code.
TEXTS = [
    'triple """ quotes inside',
    "'''",
    'a lone quote at the end"',
    "'a lone single quote at the end",
    "back\\slash \\n \\x00 \\u2028 \\N{BULLET} \\",
    "trailing backslash\\",
    TEMPLATE_MARK,
    "{{ 7*7 }}",
    "{% raw %}",
    "{% for x in y %}",
    "{# an unclosed comment",
    "line one\nline two",
    "windows\r\nline",
    "nul\x00byte",
    "controls \x01\x07\x08\x0b\x0c\x1b\x1f\x7f\x9b",
    "separators \u2028 line \u2029 paragraph",
    "bidi \u202e\u2066reversed\u2069 text",
    "next\x85line",
    "# a hash",
    "x  # type: ignore",
    "__import__('os').system('touch PWNED')",
    '"); import os; os.system("touch PWNED"); ("',
    "'); import os; os.system('touch PWNED'); ('",
    '\\"); import os; os.system(\\"touch PWNED\\") #',
]
# Names that are not Python names as they stand, or that collide once converted.
NAMES = [
    "class",
    "def",
    "None",
    "match",
    "case",
    "type",
    "_",
    "list",
    "id",
    "print",
    "self",
    "1st",
    "2",
    "a-b",
    "a_b",
    "a.b",
    "a b",
    "fooBar",
    "foo_bar",
    "FooBar",
    "Größe",
    "名前",
    "\U0001f600",
    "emoji \U0001f600 name",
]
# Names the generated modules and classes use themselves.
OWN_NAMES = [
    "additionalProperties",
    "additional_properties",
    "to_dict",
    "from_dict",
    "to_json",
    "from_json",
    "_wire",
    "_fields",
    "_from_dict",
    "__init__",
    "__class__",
    "__dict__",
    "__slots__",
    "cls",
    "field",
    "dataclass",
    "Any",
    "Field",
    "Model",
    "datetime",
    "annotations",
]
# Characters that would end a line or a string, or that tools refuse, if they stood raw in
# generated source: control characters but the newline, DEL, NEL, and the Unicode line and
# paragraph separators.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f\x85\u2028\u2029]")


def starts_with_digit(name: str) -> bool:
    """Would this name's PascalCase form start with a digit (`1st`, `<{{ 7*7 }}>`)?"""
    letters = re.sub(r"[^0-9A-Za-z]", "", name)
    return letters[:1].isdigit()


def normalise(text: str) -> str:
    """Text with each run of whitespace (as `str.split` sees it) made one space."""
    return " ".join(text.split())


def base_doc(title: str = "Hostile") -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": title, "version": "1.0.0"},
        "servers": [{"url": "https://api.test"}],
        "paths": {},
    }


def schema_ref(name: str) -> dict[str, str]:
    """A `$ref` to a component schema, its name escaped as a JSON pointer in a URI fragment."""
    token = name.replace("~", "~0").replace("/", "~1")
    return {"$ref": "#/components/schemas/" + quote(token, safe="")}


def write_spec(folder: Path, doc: dict[str, Any], name: str = "spec.yaml") -> Path:
    """The document as YAML with every scalar double-quoted, so escapes keep every string."""
    folder.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, default_style='"', width=10**6)
    assert yaml.safe_load(text) == doc  # the file says exactly what the test means
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def cli(
    *args: str, cwd: Path, seed: str = "0", timeout: float = TIMEOUT
) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS`, as a user runs it."""
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )


def generate(
    folder: Path, doc: dict[str, Any], package: str = "hostile", seed: str = "0"
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """Write the spec and generate from it (working directory: `folder`); return the output."""
    spec = write_spec(folder, doc)
    out = folder / "out"
    result = cli(
        "generate",
        "--spec",
        str(spec),
        "--out",
        str(out),
        "--package-name",
        package,
        cwd=folder,
        seed=seed,
    )
    return out, result


def start_mypy(cwd: Path, *targets: str) -> subprocess.Popen[str]:
    """One `mypy --strict` run over packages (directories relative to `cwd`)."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir",
            os.devnull,
            *targets,
        ],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    try:
        output, _ = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
        return -1, f"timed out after {TIMEOUT} s\n{output}"
    return process.returncode, output


# Runs inside the output directory: compiles every module, imports all of them, exercises the
# models, enums, request builders and clients, and prints what it found as JSON.
PROBE = r"""
import dataclasses, enum, importlib, inspect, json, pkgutil, sys
from pathlib import Path

package = sys.argv[1]
inputs = json.load(sys.stdin)
report = {"compile_errors": [], "models": {}, "enums": {}, "builders": {}, "groups": {},
          "module_globals": {}, "roundtrips": [], "enum_reads": []}
for path in sorted(Path(package).rglob("*.py")):
    try:
        compile(path.read_text(encoding="utf-8"), str(path), "exec", dont_inherit=True)
    except SyntaxError as exc:
        report["compile_errors"].append(f"{path}: {exc}")
pkg = importlib.import_module(package)
names = [package] + sorted(m.name for m in pkgutil.walk_packages(pkg.__path__, package + "."))
modules = {name: importlib.import_module(name) for name in names}
report["modules"] = names
report["package_doc"] = pkg.__doc__
codecs = modules[package + "._codecs"]
models = modules[package + ".models"]
base_model = modules[package + "._model"].Model
report["model_members"] = sorted(dir(base_model))
for name in models.__all__:
    cls = getattr(models, name)
    module_doc = sys.modules[cls.__module__].__doc__ if isinstance(cls, type) else None
    if isinstance(cls, type) and issubclass(cls, enum.Enum):
        report["enums"][name] = {
            "module": cls.__module__, "module_doc": module_doc, "doc": cls.__doc__,
            "members": [[m.name, m.value] for m in cls],
        }
    elif isinstance(cls, type) and issubclass(cls, base_model):
        fields = cls._fields()
        info = {
            "module": cls.__module__, "module_doc": module_doc, "doc": cls.__doc__,
            "fields": [[f.wire, f.attr] for f in fields],
            "attrs": [f.name for f in dataclasses.fields(cls)],
        }
        if all(f.codec is codecs.STR or not f.required for f in fields):
            # Every string field holds its own wire name as its value.
            data = {f.wire: f.wire for f in fields if f.codec is codecs.STR}
            obj = cls.from_dict(data)
            info["roundtrip"] = {
                "in": data,
                "out": obj.to_dict(),
                "attrs": {f.attr: getattr(obj, f.attr) for f in fields if f.wire in data},
            }
        report["models"][name] = info
for name, module in modules.items():
    if not name.startswith(package + ".api."):
        continue
    report["module_globals"][name] = sorted(vars(module))
    for attr in getattr(module, "__all__", []):
        obj = getattr(module, attr)
        if attr.startswith("build_") and callable(obj):
            signature = inspect.signature(obj)
            params = []
            for p in signature.parameters.values():
                default = None if p.default is inspect.Parameter.empty else p.default
                if default is not None and not isinstance(default, (str, int, float, bool)):
                    default = repr(default)
                params.append([p.name, p.kind.name, p.default is not inspect.Parameter.empty,
                               default])
            entry = {"module": name, "doc": obj.__doc__, "params": params}
            required = {p.name: "v" for p in signature.parameters.values()
                        if p.default is inspect.Parameter.empty}
            if all(signature.parameters[n].annotation == "str" for n in required):
                request = obj(**required)
                entry["request"] = json.loads(json.dumps(dataclasses.asdict(request),
                                                         default=repr))
            report["builders"][f"{name}.{attr}"] = entry
        elif isinstance(obj, type):
            methods = [n for n, v in vars(obj).items() if callable(v) and not n.startswith("_")]
            report["groups"][f"{name}.{attr}"] = {"doc": obj.__doc__, "methods": methods}
client = pkg.Client(token="t")
try:
    report["client_groups"] = {
        k: f"{type(v).__module__}.{type(v).__name__}" for k, v in vars(client).items()
        if type(v).__module__.startswith(package + ".api.")
    }
    report["client_shadowed"] = sorted(k for k in vars(client) if hasattr(type(client), k))
    report["client_doc"] = type(client).__doc__
finally:
    client.close()
for cls_name, data in inputs.get("roundtrip", []):
    cls = getattr(models, cls_name)
    try:
        report["roundtrips"].append([cls_name, data, cls.from_dict(data).to_dict()])
    except Exception as exc:
        report["roundtrips"].append([cls_name, data, f"{type(exc).__name__}: {exc}"])
for cls_name, value in inputs.get("enum_reads", []):
    member = getattr(models, cls_name)(value)
    report["enum_reads"].append([cls_name, value, member.value, member.name])
print(json.dumps(report))
"""


@dataclasses.dataclass
class Package:
    """A generated package and what the probe and mypy found in it."""

    root: Path  # the folder the spec, the output and everything else went into
    out: Path
    name: str
    report: dict[str, Any]
    mypy: tuple[int, str] | None  # None: not run

    def source_files(self) -> Iterator[tuple[Path, str]]:
        for path in sorted(self.out.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                yield path, path.read_text(encoding="utf-8")

    @property
    def builders(self) -> dict[str, dict[str, Any]]:
        builders: dict[str, dict[str, Any]] = self.report["builders"]
        return builders

    def builder(self, operation_id: str) -> dict[str, Any]:
        """The request builder of an operation, found by the operationId it sends."""
        [found] = [
            b for b in self.builders.values() if b["request"]["operation_id"] == operation_id
        ]
        return found


def run_probe(out: Path, name: str, inputs: dict[str, Any]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROBE, name],
        cwd=out,
        input=json.dumps(inputs),
        capture_output=True,
        text=True,
        check=False,
        timeout=TIMEOUT,
    )


def probed(
    root: Path,
    out: Path,
    name: str,
    probe: subprocess.CompletedProcess[str],
    mypy: tuple[int, str] | None,
) -> Package:
    report = json.loads(probe.stdout) if probe.returncode == 0 else {}
    package = Package(root, out, name, report, mypy)
    assert_nothing_ran(package)
    assert probe.returncode == 0, probe.stderr
    return package


def build_package(
    root: Path,
    doc: dict[str, Any],
    inputs: dict[str, Any] | None = None,
    *,
    name: str = "hostile",
    mypy: bool = True,
) -> Package:
    """Generate, then probe and (unless told not to) type-check the package side by side; in
    any case nothing may have run."""
    out, result = generate(root, doc, name)
    assert result.returncode == 0, result.stderr
    checker = start_mypy(out, name) if mypy else None
    try:
        probe = run_probe(out, name, inputs or {})
    finally:
        checked = finish(checker) if checker else None
    return probed(root, out, name, probe, checked)


def build_packages(root: Path, specs: dict[str, Spec]) -> dict[str, Package | Exception]:
    """`build_package` for several specs: generated and probed two at a time, and
    type-checked by a single mypy run (its fixed cost dominates)."""
    names = {key: f"hostile_{key}" for key in specs}
    generated = in_parallel(
        {
            key: functools.partial(generate, root / key, doc, names[key])
            for key, (doc, _) in specs.items()
        }
    )
    results: dict[str, Package | Exception] = {}
    done = []
    for key, found in generated.items():
        if isinstance(found, Exception):
            results[key] = found
        elif found[1].returncode != 0:
            results[key] = AssertionError(f"generate failed: {found[1].stderr}")
        else:
            done.append(key)
    targets = {key: f"{key}/out/{names[key]}" for key in done}
    checker = start_mypy(root, *targets.values()) if done else None
    try:
        probes = in_parallel(
            {
                key: functools.partial(run_probe, generated[key][0], names[key], specs[key][1])
                for key in done
            }
        )
    finally:
        code, output = finish(checker) if checker else (0, "")
    prefixes = tuple(f"{target}/" for target in targets.values())
    attributed = any(line.startswith(prefixes) for line in output.splitlines())
    blocked = "errors prevented further checking" in output  # some packages were not checked
    for key in done:
        own = [line for line in output.splitlines() if line.startswith(f"{targets[key]}/")]
        if own:
            mypy = (1, "\n".join(own))
        elif code == 0 or (attributed and not blocked):
            mypy = (0, "")
        else:  # mypy itself failed (a crash, a timeout) or stopped early: every package fails
            mypy = (code, output)
        try:
            probe = probes[key]
            if isinstance(probe, Exception):
                raise probe
            results[key] = probed(root / key, generated[key][0], names[key], probe, mypy)
        except Exception as exc:
            results[key] = exc
    return results


def assert_nothing_ran(package: Package) -> None:
    """No spec text ran as code or as a template, in the generator, the import or mypy."""
    places = (ROOT / "PWNED", Path.cwd() / "PWNED")
    pwned = [*package.root.rglob("PWNED"), *(p for p in places if p.exists())]
    assert not pwned, f"spec text ran as code: {pwned}"
    for path, text in package.source_files():
        assert "<49>" not in text, f"{path}: spec text was rendered as a template"


def assert_sound(package: Package) -> None:
    """Compiles, imports (the probe did), passes mypy --strict, and holds plain source."""
    assert package.report["compile_errors"] == []
    assert package.mypy is not None
    code, output = package.mypy
    assert code == 0, output
    for path, text in package.source_files():
        if path.suffix not in (".py", ".toml"):
            continue
        raw = sorted({f"U+{ord(c):04X}" for c in RAW_CONTROL.findall(text)})
        assert not raw, f"{path}: raw control characters {raw}"
        if path.suffix == ".py":
            names = re.findall(r"^\s*(?:async def|def|class)\s+(\w+)", text, re.MULTILINE)
            assert all(n.isidentifier() and not keyword.iskeyword(n) for n in names), path


def assert_python_name(name: str) -> None:
    assert name.isidentifier(), name
    assert not keyword.iskeyword(name), name
    assert not keyword.issoftkeyword(name), name


def assert_unique(names: list[str]) -> None:
    assert len(set(names)) == len(names), sorted(n for n in names if names.count(n) > 1)


# -- The packages: three specs, generated and probed two at a time, one mypy run -----------

TITLE = "Title " + " | ".join(TEXTS)
ENDS_WITH_TRIPLE_QUOTES = 'ends with triple quotes"""'
LONE_CR = "old mac\rline"
ENUM_VALUES = [*TEXTS, *NAMES, *OWN_NAMES, "name", "value", "_missing_", "mro", ""]
PROPERTY_NAMES = [*TEXTS, *NAMES, *OWN_NAMES, "c", "Class", "CLASS", "aB", "a__b", "a_b_"]
# Schema names that become the classes a model module imports are tested on their own below.
CLASHING_SCHEMA_NAMES = ["Field", "Model", "DecodeError"]
SCHEMA_NAMES = [
    n
    for n in [*TEXTS, *NAMES, *OWN_NAMES, "Exception", "Client", "c", "Self"]
    if n.lower() not in {c.lower() for c in CLASHING_SCHEMA_NAMES}
]
CLIENT_MEMBERS = ["close", "send", "headers", "token", "timeout", "base_url", "build", "log"]


def first_of_each_spelling(names: list[str]) -> list[str]:
    """Names that differ in more than case and punctuation (`fooBar` and `foo_bar` do not)."""
    kept: dict[str, str] = {}
    for name in names:
        kept.setdefault(re.sub(r"[^0-9a-z]", "", name.lower()) or name, name)
    return list(kept.values())


# Tags that break the output (a leading digit, collisions, client members) have own tests.
SAFE_TAGS = first_of_each_spelling([t for t in [*TEXTS, *NAMES] if not starts_with_digit(t)])
OPERATION_IDS = [*TEXTS, *NAMES, *OWN_NAMES, "list_", "List", "get", "send", "build", "__call__"]
PATH_TEXTS = [t for t in TEXTS if "{" not in t and "}" not in t]  # braces are placeholders
PATH_PARAMETER_NAMES = [t for t in [*TEXTS, *NAMES] if "{" not in t and "}" not in t]
PARAMETER_NAMES = [*TEXTS, *NAMES, "body", "cls", "client", "ApiRequest", "TYPE_CHECKING"]

Spec = tuple[dict[str, Any], dict[str, Any]]  # the document, and the probe's inputs


def operation(operation_id: str, tag: str, **extra: Any) -> dict[str, Any]:
    op = {
        "operationId": operation_id,
        "tags": [tag],
        "responses": {"204": {"description": "no content"}},
    }
    op.update(extra)
    return op


def string_parameter(name: str, where: str, **schema: Any) -> dict[str, Any]:
    param: dict[str, Any] = {
        "name": name,
        "in": where,
        "description": name,
        "schema": {"type": "string", **schema},
    }
    if where == "path":
        param["required"] = True
    return param


def prose_spec() -> Spec:
    """Descriptions, summaries, titles and examples of every kind of object."""
    texts = [*TEXTS, LONE_CR]
    doc = base_doc(title=TITLE)
    doc["info"]["description"] = "\n\n".join(texts)
    schemas: dict[str, Any] = {}
    paths: dict[str, Any] = {}
    tags = []
    for i, text in enumerate(texts):
        schemas[f"Prose{i}"] = {
            "type": "object",
            "title": text,
            "description": text,
            "properties": {"text": {"type": "string", "description": text, "example": text}},
            "example": {"text": text},
        }
        schemas[f"ProseEnum{i}"] = {"type": "string", "description": text, "enum": ["a", "b"]}
        tags.append({"name": f"prose{i}", "description": text})
        # `example` and `examples` exclude each other: half the media types have each.
        examples: dict[str, Any] = (
            {"example": {"text": text}}
            if i % 2
            else {"examples": {text: {"summary": text, "value": {"text": text}}}}
        )
        parameter = {
            "name": "q",
            "in": "query",
            "description": f"parameter {text}",
            "schema": {"type": "string", "example": text},
            "example": text,
        }
        response = {
            "description": f"response {text}",
            "content": {"application/json": {"schema": schema_ref(f"Prose{i}"), **examples}},
        }
        paths[f"/prose{i}"] = {
            "get": operation(
                f"getProse{i}",
                f"prose{i}",
                summary=f"summary {text}",
                description=f"description {text}",
                parameters=[parameter],
                responses={"200": response},
            )
        }
    doc["tags"] = tags
    doc["paths"] = paths
    doc["components"] = {"schemas": schemas}
    return doc, {}


def enums_spec() -> Spec:
    """String enums whose values, or x-enum-varnames, are hostile."""
    doc = base_doc()
    doc["components"] = {
        "schemas": {
            "HostileValues": {"type": "string", "enum": ENUM_VALUES},
            "HostileVarnames": {
                "type": "string",
                "enum": [f"v{i}" for i in range(len(ENUM_VALUES))],
                "x-enum-varnames": ENUM_VALUES,
            },
            "Holder": {
                "type": "object",
                "properties": {
                    "one": schema_ref("HostileValues"),
                    "many": {"type": "array", "items": schema_ref("HostileValues")},
                },
            },
        }
    }
    inputs = {
        "roundtrip": [["Holder", {"one": v, "many": [v, v]}] for v in ENUM_VALUES],
        "enum_reads": [["HostileValues", v] for v in ENUM_VALUES],
    }
    return doc, inputs


def properties_spec() -> Spec:
    """One model with a property of every hostile name, and one that nests it."""
    doc = base_doc()
    props = {name: {"type": "string", "description": name} for name in PROPERTY_NAMES}
    doc["components"] = {
        "schemas": {
            "Props": {"type": "object", "properties": props, "required": PROPERTY_NAMES[::3]},
            "Nested": {"type": "object", "properties": {"inner": schema_ref("Props")}},
        }
    }
    everything = {name: name for name in PROPERTY_NAMES}
    inputs = {
        "roundtrip": [
            ["Props", everything],
            ["Props", {**everything, "not in the spec \x00": [1, {"a": None}]}],
            ["Nested", {"inner": everything}],
        ]
    }
    return doc, inputs


def schemas_spec() -> Spec:
    """A schema of every hostile name, and a model with a property referring to each."""
    doc = base_doc()
    components: dict[str, Any] = {
        name: {"type": "object", "properties": {"value": {"type": "string"}}}
        for name in SCHEMA_NAMES
    }
    components["Container"] = {
        "type": "object",
        "properties": {name: schema_ref(name) for name in SCHEMA_NAMES},
    }
    doc["components"] = {"schemas": components}
    body = {"required": True, "content": {"application/json": {"schema": schema_ref("Container")}}}
    response = {
        "description": "ok",
        "content": {"application/json": {"schema": schema_ref("Container")}},
    }
    doc["paths"] = {
        "/container": {
            "post": operation("echo", "container", requestBody=body, responses={"200": response})
        }
    }
    data = {name: {"value": name} for name in SCHEMA_NAMES}
    return doc, {"roundtrip": [["Container", data]]}


def operations_spec() -> Spec:
    """An operation per hostile tag, and one per hostile operationId (all in one tag)."""
    doc = base_doc()
    paths = {f"/tag{i}": {"get": operation(f"tag{i}", tag)} for i, tag in enumerate(SAFE_TAGS)}
    paths.update(
        {f"/op{i}": {"get": operation(op, "operations")} for i, op in enumerate(OPERATION_IDS)}
    )
    doc["paths"] = paths
    return doc, {}


def paths_spec() -> Spec:
    """Hostile literal path text, path parameter names, and query, header and cookie
    parameters whose names and string defaults are hostile."""
    doc = base_doc()
    routes: dict[str, Any] = {}
    for i, text in enumerate(PATH_TEXTS):
        routes[f"/literal{i}/{text}/{{id}}/{text}"] = {
            "get": operation(f"literal{i}", "literal", parameters=[string_parameter("id", "path")])
        }
    for i, name in enumerate(PATH_PARAMETER_NAMES):
        routes[f"/named{i}/{{{name}}}"] = {
            "get": operation(f"named{i}", "named", parameters=[string_parameter(name, "path")])
        }
    for where in ("query", "header", "cookie"):
        routes[f"/{where}"] = {
            "get": operation(
                f"by_{where}",
                "defaults",
                parameters=[string_parameter(n, where, default=n) for n in PARAMETER_NAMES],
            )
        }
    doc["paths"] = routes
    return doc, {}


def recursion_spec() -> Spec:
    """Recursion through properties is legal: a tree of nodes."""
    doc = base_doc()
    doc["components"] = {
        "schemas": {
            "Node": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string"},
                    "children": {"type": "array", "items": schema_ref("Node")},
                    "parent": schema_ref("Node"),
                },
            }
        }
    }
    tree = {
        "name": "root",
        "children": [{"name": "a", "children": [{"name": "a1", "children": []}]}, {"name": "b"}],
        "parent": {"name": "up"},
    }
    return doc, {"roundtrip": [["Node", tree]]}


def merge(*parts: Spec) -> Spec:
    """One spec of several: their schemas and paths side by side, their probe inputs joined."""
    doc = base_doc()
    doc["components"] = {"schemas": {}}
    inputs: dict[str, list[Any]] = {}
    for part, part_inputs in parts:
        doc["paths"].update(part["paths"])
        doc["components"]["schemas"].update(part.get("components", {}).get("schemas", {}))
        for key, values in part_inputs.items():
            inputs.setdefault(key, []).extend(values)
    return doc, inputs


# Three packages: prose; components (enum values, property and schema names, recursion);
# operations (tags, operationIds, paths, parameter names and defaults).
SPECS: dict[str, Callable[[], Spec]] = {
    "prose": prose_spec,
    "models": lambda: merge(enums_spec(), properties_spec(), schemas_spec(), recursion_spec()),
    "operations": lambda: merge(operations_spec(), paths_spec()),
}


def in_parallel(jobs: dict[str, Callable[[], Any]]) -> dict[str, Any]:
    """Run jobs (each mostly waiting on subprocesses) a few at a time; an exception is kept
    as the job's result, for the tests that need that job to raise."""

    def run(job: Callable[[], Any]) -> Any:
        try:
            return job()
        except Exception as exc:
            return exc

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return dict(zip(jobs, pool.map(run, jobs.values()), strict=True))


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    specs = {key: spec() for key, spec in SPECS.items()}
    return build_packages(tmp_path_factory.mktemp("hostile"), specs)


def package(packages: dict[str, Any], key: str) -> Package:
    found = packages[key]
    if isinstance(found, Exception):
        raise found
    assert isinstance(found, Package)
    return found


@pytest.mark.parametrize("key", list(SPECS))
def test_compiles_imports_passes_mypy_and_runs_nothing(packages: dict[str, Any], key: str) -> None:
    assert_sound(package(packages, key))


# -- 1. Prose ------------------------------------------------------------------------------------


@pytest.fixture
def prose(packages: dict[str, Any]) -> Package:
    return package(packages, "prose")


def test_template_syntax_is_written_as_text(prose: Package) -> None:
    assert any(TEMPLATE_MARK in text for _, text in prose.source_files())


def test_model_and_enum_docstrings_keep_the_description(prose: Package) -> None:
    models, enums = prose.report["models"], prose.report["enums"]
    for i, text in enumerate(TEXTS):
        assert normalise(models[f"Prose{i}"]["doc"]) == normalise(text)
        assert normalise(enums[f"ProseEnum{i}"]["doc"]) == normalise(text)


def test_operation_docstrings_keep_summary_description_and_parameters(prose: Package) -> None:
    for i, text in enumerate(TEXTS):
        builder = prose.builder(f"getProse{i}")
        doc = normalise(builder["doc"])
        for part in (f"summary {text}", f"description {text}", f"parameter {text}"):
            assert normalise(part) in doc
        module = builder["module"]
        [group] = [
            g
            for name, g in prose.report["groups"].items()
            if name.startswith(f"{module}.") and not name.startswith(f"{module}.Async")
        ]
        assert normalise(group["doc"]) == normalise(text)


def test_title_is_data_in_the_docstrings_and_pyproject(prose: Package) -> None:
    assert normalise(TITLE) in normalise(prose.report["client_doc"])
    assert normalise(TITLE) in normalise(prose.report["package_doc"])
    project = tomllib.loads((prose.out / "pyproject.toml").read_text(encoding="utf-8"))
    assert TITLE in project["project"]["description"]


def test_a_lone_carriage_return_still_separates_words(prose: Package) -> None:
    i = len(TEXTS)
    assert normalise(prose.report["models"][f"Prose{i}"]["doc"]) == normalise(LONE_CR)


def test_generated_source_shows_every_character_it_holds(prose: Package) -> None:
    for path, text in prose.source_files():
        if path.suffix in (".py", ".toml"):
            hidden = {f"U+{ord(c):04X}" for c in text if not (c.isprintable() or c == "\n")}
            assert not hidden, f"{path}: {sorted(hidden)}"


def test_a_description_ending_in_triple_quotes(tmp_path: Path) -> None:
    doc = base_doc()
    doc["components"] = {
        "schemas": {
            "Quoted": {
                "type": "object",
                "description": ENDS_WITH_TRIPLE_QUOTES,
                "properties": {"x": {"type": "string"}},
            }
        }
    }
    package = build_package(tmp_path, doc, mypy=False)
    assert package.report["models"]["Quoted"]["doc"] == ENDS_WITH_TRIPLE_QUOTES


# -- 2. Enum values ------------------------------------------------------------------------------


@pytest.fixture
def enums(packages: dict[str, Any]) -> Package:
    return package(packages, "models")


def test_enum_values_are_the_spec_strings(enums: Package) -> None:
    members = enums.report["enums"]["HostileValues"]["members"]
    assert [value for _, value in members] == ENUM_VALUES
    for _, value, read, name in enums.report["enum_reads"]:
        assert read == value
        assert [name, value] in members  # a listed value reads as its member, not a stand-in


@pytest.mark.parametrize("enum_name", ["HostileValues", "HostileVarnames"])
def test_enum_member_names_are_unique_python_names(enums: Package, enum_name: str) -> None:
    members = enums.report["enums"][enum_name]["members"]
    assert len(members) == len(ENUM_VALUES)
    names = [name for name, _ in members]
    assert_unique(names)
    for name in names:
        assert_python_name(name)
        assert not name.startswith("_"), name  # sunder and dunder names belong to Enum


def test_models_holding_enum_values_round_trip(enums: Package) -> None:
    for _, data, result in enums.report["roundtrips"]:
        assert result == data


# -- 3. Property names ---------------------------------------------------------------------------


@pytest.fixture
def properties(packages: dict[str, Any]) -> Package:
    return package(packages, "models")


def test_property_names_become_unique_python_attributes(properties: Package) -> None:
    model = properties.report["models"]["Props"]
    assert [wire for wire, _ in model["fields"]] == PROPERTY_NAMES
    attrs = [attr for _, attr in model["fields"]]
    assert_unique(attrs)
    for attr in attrs:
        assert_python_name(attr)
        # An attribute may not hide what every model has (from_dict, _wire, _fields …).
        assert attr not in properties.report["model_members"], attr
    public = sorted(a for a in model["attrs"] if not a.startswith("_"))
    assert public == sorted([*attrs, "additional_properties"])


def test_every_wire_name_round_trips_to_its_own_attribute(properties: Package) -> None:
    roundtrip = properties.report["models"]["Props"]["roundtrip"]
    assert roundtrip["out"] == roundtrip["in"]
    fields = dict(properties.report["models"]["Props"]["fields"])
    assert roundtrip["attrs"] == {fields[wire]: wire for wire in PROPERTY_NAMES}
    for _, data, result in properties.report["roundtrips"]:
        assert result == data


# -- 4. Schema names -----------------------------------------------------------------------------


@pytest.fixture
def schemas(packages: dict[str, Any]) -> Package:
    return package(packages, "models")


def test_schema_names_become_unique_classes_and_modules(schemas: Package) -> None:
    models = schemas.report["models"]
    objects = [
        n for n, s in SPECS["models"]()[0]["components"]["schemas"].items() if "properties" in s
    ]
    assert len(models) == len(objects)
    assert_unique([m["module"] for m in models.values()])
    for name, model in models.items():
        assert_python_name(name)
        assert_python_name(model["module"].rsplit(".", 1)[1])
        assert name not in dir(builtins), name
    # The module docstring names the schema it came from, as data.
    named = [normalise(m["module_doc"]) for m in models.values()]
    for name in SCHEMA_NAMES:
        assert any(f"`{normalise(name)}`" in doc for doc in named), name


def test_a_model_referring_to_every_schema_round_trips(schemas: Package) -> None:
    roundtrips = schemas.report["roundtrips"]
    [(data, result)] = [(data, result) for cls, data, result in roundtrips if cls == "Container"]
    assert result == data


def test_schemas_named_like_the_runtime_classes(tmp_path: Path) -> None:
    doc = base_doc()
    doc["components"] = {
        "schemas": {
            **{
                name: {"type": "object", "properties": {"value": {"type": "string"}}}
                for name in CLASHING_SCHEMA_NAMES
            },
            "Box": {
                "type": "object",
                "properties": {name: schema_ref(name) for name in CLASHING_SCHEMA_NAMES},
            },
        }
    }
    data = {name: {"value": name} for name in CLASHING_SCHEMA_NAMES}
    package = build_package(tmp_path, doc, {"roundtrip": [["Box", data]]})
    [(_, _, result)] = package.report["roundtrips"]
    assert result == data
    assert_sound(package)


# -- 5. Tags and operationIds --------------------------------------------------------------------


@pytest.fixture
def operations(packages: dict[str, Any]) -> Package:
    return package(packages, "operations")


def test_each_tag_is_a_group_with_a_python_name(operations: Package) -> None:
    groups = operations.report["client_groups"]
    assert len(groups) == len(SAFE_TAGS) + len(["operations", "literal", "named", "defaults"])
    assert_unique(list(groups.values()))
    for attr in groups:
        assert_python_name(attr)
    assert operations.report["client_shadowed"] == []
    docs = [normalise(g["doc"]) for g in operations.report["groups"].values()]
    for tag in SAFE_TAGS:
        assert any(f"`{normalise(tag)}`" in doc for doc in docs), tag


def test_operation_ids_are_kept_and_give_unique_method_names(operations: Package) -> None:
    builders = {name: b for name, b in operations.builders.items() if ".api.operations." in name}
    assert sorted(b["request"]["operation_id"] for b in builders.values()) == sorted(OPERATION_IDS)
    functions = [name.rsplit(".", 1)[1] for name in builders]
    assert_unique(functions)
    for name in functions:
        assert_python_name(name)
    [methods] = [
        g["methods"]
        for name, g in operations.report["groups"].items()
        if name.endswith(".OperationsApi")
    ]
    assert len(methods) == len(OPERATION_IDS)
    assert_unique(methods)
    for method in methods:
        assert_python_name(method)


@pytest.mark.parametrize("tag", ["1st", TEMPLATE_MARK])
def test_a_tag_starting_with_a_digit(tmp_path: Path, tag: str) -> None:
    doc = base_doc()
    doc["paths"] = {"/a": {"get": operation("a", tag)}}
    build_package(tmp_path, doc, mypy=False)


def test_tags_that_collide_after_conversion(tmp_path: Path) -> None:
    doc = base_doc()
    tags = ["fooBar", "foo_bar", "FooBar", "a-b", "a_b"]
    doc["paths"] = {f"/t{i}": {"get": operation(f"t{i}", tag)} for i, tag in enumerate(tags)}
    package = build_package(tmp_path, doc, mypy=False)
    assert len(package.report["client_groups"]) == len(tags)
    assert_unique(list(package.report["client_groups"].values()))


def test_tags_named_like_client_members(tmp_path: Path) -> None:
    doc = base_doc()
    doc["paths"] = {
        f"/t{i}": {"get": operation(f"t{i}", tag)} for i, tag in enumerate(CLIENT_MEMBERS)
    }
    package = build_package(tmp_path, doc, mypy=False)
    assert package.report["client_shadowed"] == []


# -- 6. Paths, parameter names and defaults ------------------------------------------------------


@pytest.fixture
def paths(packages: dict[str, Any]) -> Package:
    return package(packages, "operations")


def test_literal_path_text_is_kept(paths: Package) -> None:
    for i, text in enumerate(PATH_TEXTS):
        assert paths.builder(f"literal{i}")["request"]["path"] == f"/literal{i}/{text}/v/{text}"


def test_path_parameters_with_hostile_names_fill_their_placeholder(paths: Package) -> None:
    for i in range(len(PATH_PARAMETER_NAMES)):
        builder = paths.builder(f"named{i}")
        assert builder["request"]["path"] == f"/named{i}/v"
        [[name, kind, _, _]] = builder["params"]
        assert_python_name(name)
        assert kind == "POSITIONAL_OR_KEYWORD"


def assert_parameters_hide_nothing(package: Package, builder: dict[str, Any]) -> None:
    names = [name for name, _, _, _ in builder["params"]]
    assert_unique(names)
    module_globals = set(package.report["module_globals"][builder["module"]])
    for name in names:
        assert_python_name(name)
        assert name not in dir(builtins), name
        assert name not in module_globals, f"parameter {name} hides the module's {name}"


@pytest.mark.parametrize("where", ["query", "header", "cookie"])
def test_parameter_names_and_string_defaults_are_kept(paths: Package, where: str) -> None:
    builder = paths.builder(f"by_{where}")
    assert_parameters_hide_nothing(paths, builder)
    # Each default is the spec's string, and the request sends it under the wire name.
    assert sorted(default for _, _, _, default in builder["params"]) == sorted(PARAMETER_NAMES)
    request = builder["request"]
    if where == "query":
        assert sorted(request["params"]) == sorted([n, n] for n in PARAMETER_NAMES)
    else:
        assert request[f"{where}s"] == {n: n for n in PARAMETER_NAMES}


def test_parameters_named_like_generated_helpers(tmp_path: Path) -> None:
    doc = base_doc()
    doc["components"] = {
        "schemas": {"Pet": {"type": "object", "properties": {"name": {"type": "string"}}}}
    }
    body = {"required": True, "content": {"application/json": {"schema": schema_ref("Pet")}}}
    names = ["c", "expandPath", "query_values", "text_values", "build_echo_request"]
    parameters = [
        *(string_parameter(n, "query") for n in names),
        {**string_parameter("h", "header"), "required": True},
    ]
    doc["paths"] = {
        "/pets": {"post": operation("echo", "pets", parameters=parameters, requestBody=body)}
    }
    package = build_package(tmp_path, doc, mypy=False)
    [builder] = package.builders.values()
    assert_parameters_hide_nothing(package, builder)


def test_client_parameters_named_like_client_arguments(tmp_path: Path) -> None:
    doc = base_doc()
    names = ["timeout", "token", "headers", "base_url", "sleep", "close"]
    route = "/" + "/".join(f"{{{n}}}" for n in names)
    parameters = [string_parameter(n, "path", default="v1") for n in names]
    doc["paths"] = {route: {"get": operation("items", "items", parameters=parameters)}}
    package = build_package(tmp_path, doc, mypy=False)
    assert package.report["client_shadowed"] == []


def test_defaults_of_enum_and_date_parameters(tmp_path: Path) -> None:
    doc = base_doc()
    doc["components"] = {
        "schemas": {"Color": {"type": "string", "enum": ["red", "green"], "default": "red"}}
    }
    parameters = [
        {"name": "color", "in": "query", "schema": schema_ref("Color")},
        string_parameter("size", "query", enum=["S", "M"], default="M"),
        string_parameter("day", "query", format="date", default="2020-01-01"),
    ]
    doc["paths"] = {"/items": {"get": operation("items", "items", parameters=parameters)}}
    assert_sound(build_package(tmp_path, doc))


def test_a_json_spec_with_escaped_astral_characters(tmp_path: Path) -> None:
    doc = base_doc()
    doc["components"] = {"schemas": {"Mood": {"type": "string", "enum": ["\U0001f600", "x"]}}}
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(doc), encoding="utf-8")  # ensure_ascii: "\ud83d\ude00"
    out = tmp_path / "out"
    result = cli(
        "generate", "--spec", str(spec), "--out", str(out), "--package-name", "p", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    source = (out / "p" / "models" / "mood.py").read_text(encoding="utf-8")
    assert 'U1F600 = "\U0001f600"' in source  # the character itself, from its JSON escape


# -- 7. Recursion through properties -------------------------------------------------------------


def test_a_recursive_model_round_trips(packages: dict[str, Any]) -> None:
    roundtrips = package(packages, "models").report["roundtrips"]
    [(data, result)] = [(data, result) for cls, data, result in roundtrips if cls == "Node"]
    assert result == data


# -- 8. Determinism ------------------------------------------------------------------------------


def test_output_is_byte_identical_whatever_the_hash_seed_and_directory(
    packages: dict[str, Any], tmp_path: Path
) -> None:
    keys = ["models", "operations"]  # where the names are

    def again(key: str) -> Path:
        first = package(packages, key)
        out, result = generate(tmp_path / key / "elsewhere", SPECS[key]()[0], first.name, seed="1")
        assert result.returncode == 0, result.stderr
        return out

    outs = in_parallel({key: functools.partial(again, key) for key in keys})
    for key in keys:
        assert isinstance(outs[key], Path), outs[key]
        assert snapshot(outs[key]) == snapshot(package(packages, key).out), key


# -- 9. Refusals: one located line, the documented exit code, the output untouched ---------

HEADER = 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\n'
ERROR_LINE = re.compile(
    r"^(?P<file>\S+?)(?::(?P<line>\d+):(?P<col>\d+))? error (?P<rule>[\w-]+) \S"
)


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def billion_laughs() -> str:
    """9 levels of 10 aliases: 10**9 nodes once expanded, from a file of 1 kB."""
    lines = ['a0: &a0 ["lol"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 10)}]")
    return HEADER + "x-bomb:\n" + "".join(f"  {line}\n" for line in lines)


REFUSALS: dict[str, tuple[str | bytes | None, int, str, int | None]] = {
    # name: (spec text, or None for no file; exit code; rule; line of the error)
    "unresolved-ref": (
        HEADER + "components:\n  schemas:\n    A:\n      type: object\n      properties:\n"
        "        b:\n          $ref: '#/components/schemas/Missing'\n",
        1,
        "unresolved-ref",
        10,
    ),
    "ref-loop": (
        HEADER + "components:\n  schemas:\n    A:\n      $ref: '#/components/schemas/B'\n"
        "    B:\n      $ref: '#/components/schemas/A'\n",
        1,
        "ref-loop",
        7,
    ),
    "invalid-yaml": (HEADER + "components:\n  schemas:\n    A: [unclosed\n", 2, "yaml", 7),
    "duplicate-key": (HEADER + "x-a: 1\nx-a: 2\n", 1, "duplicate-key", 5),
    "alias-bomb": (billion_laughs(), 1, "too-many-nodes", None),
    "missing-file": (None, 2, "unreadable", None),
    "directory": ("", 2, "unreadable", None),
    "not-utf8": (HEADER.encode() + b"x-text: caf\xe9\n", 2, "encoding", 4),
    # 3.0's schema checks only components named like ^[a-zA-Z0-9.-_]+$; ours checks the rest.
    "odd-component-name": (
        HEADER + "components:\n  schemas:\n    Größe:\n      type: strnig\n",
        1,
        "openapi-schema",
        7,
    ),
    # 3.1's schema takes any object as a Schema Object; they are checked as JSON Schema.
    "3.1-schema-shape": (
        HEADER.replace("3.0.3", "3.1.0")
        + "components:\n  schemas:\n    A:\n      type: object\n      required: true\n",
        1,
        "openapi-schema",
        8,
    ),
}


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A copy of the committed output, to see that a failed run leaves it as it was."""
    target = tmp_path / "out"
    shutil.copytree(GENERATED, target, ignore=shutil.ignore_patterns("__pycache__", ".*_cache"))
    return target


def assert_refused(
    result: subprocess.CompletedProcess[str], code: int, rule: str, file: str, line: int | None
) -> None:
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines, "no message"
    for text in lines:
        match = ERROR_LINE.match(text)
        assert match, f"not one located line: {text!r}"
        assert match["file"].endswith(file), text
    found = [ERROR_LINE.match(text) for text in lines]
    assert any(m and m["rule"] == rule for m in found), result.stderr
    if line is not None:
        assert any(m and m["rule"] == rule and m["line"] == str(line) for m in found), result.stderr


@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_refused_spec_is_one_located_line_and_leaves_the_output_untouched(
    tmp_path: Path, out: Path, case: str
) -> None:
    text, code, rule, line = REFUSALS[case]
    spec = tmp_path / "spec.yaml"
    if text == "":
        spec.mkdir()
    elif isinstance(text, bytes):
        spec.write_bytes(text)
    elif isinstance(text, str):
        spec.write_text(text, encoding="utf-8")
    before = snapshot(out)
    args = ["generate", "--spec", str(spec), "--out", str(out), "--package-name", "p"]
    result = cli(*args, cwd=tmp_path, timeout=60)  # the alias bomb too: refused, not expanded
    assert_refused(result, code, rule, "spec.yaml", line)
    if case == "ref-loop":  # both references of the loop are reported, each on its line
        assert len(result.stderr.strip().splitlines()) == 2, result.stderr
    elif case != "alias-bomb":
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        debug = cli(*args[:1], "--debug", *args[1:], cwd=tmp_path, timeout=60)
        assert debug.returncode != 0
        assert "Traceback" in debug.stderr
    assert snapshot(out) == before
    left = sorted(p.name for p in tmp_path.iterdir())  # no staging directory left behind
    assert left == (["out"] if text is None else ["out", "spec.yaml"])


def test_debug_before_the_command_shows_the_traceback(tmp_path: Path) -> None:
    result = cli("--debug", "generate", "--spec", str(tmp_path / "missing.yaml"), cwd=tmp_path)
    assert "Traceback" in result.stderr


def small_spec(tmp_path: Path) -> Path:
    spec = tmp_path / "spec.yaml"
    spec.write_text(HEADER + "x-padding: '" + "x" * 2000 + "'\n", encoding="utf-8")
    return spec


def test_a_spec_larger_than_max_bytes_is_refused(tmp_path: Path, out: Path) -> None:
    spec = small_spec(tmp_path)
    before = snapshot(out)
    args = ["generate", "--spec", str(spec), "--out", str(out), "--max-bytes", "1000"]
    result = cli(*args, cwd=tmp_path)
    assert_refused(result, 2, "too-large", "spec.yaml", None)
    assert snapshot(out) == before
    assert cli(*args[:-2], "--max-bytes", "100000", cwd=tmp_path).returncode == 0


def test_a_spec_larger_than_the_configured_max_spec_bytes_is_refused(
    tmp_path: Path, out: Path
) -> None:
    spec = small_spec(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.generator]\npackage-name = "p"\nmax-spec-bytes = 1000\n', encoding="utf-8"
    )
    before = snapshot(out)
    result = cli("generate", "--spec", str(spec), "--out", str(out), cwd=tmp_path)
    assert_refused(result, 2, "too-large", "spec.yaml", None)
    assert snapshot(out) == before


def test_a_bad_max_spec_bytes_is_a_config_error(tmp_path: Path) -> None:
    spec = small_spec(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.generator]\npackage-name = "p"\nmax-spec-bytes = "big"\n', encoding="utf-8"
    )
    result = cli("generate", "--spec", str(spec), "--out", str(tmp_path / "o"), cwd=tmp_path)
    assert_refused(result, 2, "config", "pyproject.toml", None)


XML_SPEC = """\
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /xml:
    post:
      operationId: sendXml
      tags: [items]
      requestBody:
        content:
          application/xml:
            schema: {type: object, properties: {x: {type: string}}}
      responses:
        "204": {description: done}
  /json:
    get:
      operationId: getJson
      tags: [items]
      responses:
        "204": {description: done}
"""
XML_LINE = 8  # the requestBody


def test_an_unsupported_body_is_refused_on_request(tmp_path: Path, out: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(XML_SPEC, encoding="utf-8")
    before = snapshot(out)
    args = ["generate", "--spec", str(spec), "--out", str(out), "--unsupported", "refuse"]
    result = cli(*args, cwd=tmp_path)
    assert_refused(result, 1, "generator", "spec.yaml", XML_LINE)
    assert "application/xml" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(out) == before


@pytest.mark.parametrize("flag", [[], ["--unsupported", "skip"]])
def test_an_unsupported_body_is_skipped_with_a_located_warning(
    tmp_path: Path, flag: list[str]
) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(XML_SPEC, encoding="utf-8")
    out = tmp_path / "out"
    args = ["generate", "--spec", str(spec), "--out", str(out), "--package-name", "p", *flag]
    result = cli(*args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    [warning] = result.stderr.strip().splitlines()
    assert warning.startswith(f"spec.yaml:{XML_LINE}:"), warning
    assert " warn " in warning and "application/xml" in warning
    api = (out / "p" / "api" / "items.py").read_text(encoding="utf-8")
    assert "getJson" in api
    assert "sendXml" not in api
