"""Property tests of the generator over random documents (strategies in `strategies.py`).

- Every valid document generates a package whose files compile and whose modules import;
  a sample of the packages passes `mypy --strict`.
- The generated models round-trip random instances: `to_dict(from_dict(x))` is `x` with the
  known keys in the spec's spelling (timestamps byte for byte, unknown keys and explicit
  nulls kept), and `from_dict(to_dict(m)) == m`.
- A broken document is refused through the command line with exit 1 or 2 and one located
  line per error, never a traceback.

Examples are derandomized and no database is written, so a run is reproducible; a failure
prints the document (as YAML) and the instance that broke.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import itertools
import json
import os
import re
import subprocess
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st

from generator import pipeline
from generator.errors import GeneratorError
from generator.load import load
from generator.parse import Settings, build

from .conftest import ROOT, TEMPLATES
from .strategies import MUTATIONS, Instance, Spec, broken_specs, instances, specs

COMMON = settings(
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)
_NUMBERS = itertools.count()
# More examples for a deeper run on a workstation: PROPERTY_EXAMPLES_SCALE=10 pytest ...
_SCALE = float(os.environ.get("PROPERTY_EXAMPLES_SCALE", "1"))


def examples(n: int) -> int:
    return max(1, round(n * _SCALE))


@dataclasses.dataclass
class Generated:
    spec: Spec
    package: str
    out: Path
    files: dict[str, str]

    @property
    def modules(self) -> list[str]:
        """Every module of the package, by its dotted name."""
        return sorted(
            rel[: -len(".py")].replace("/", ".").removesuffix(".__init__")
            for rel in self.files
            if rel.endswith(".py")
        )


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


def generate(spec: Spec, root: Path) -> Generated:
    """Write `spec` and generate its package under `root`. The package is named after the
    spec's text (`pkg_<hash>`): a spec replayed while shrinking gets the same files at the same
    place, so a failure is located in the same line of the same file every time."""
    text = spec.yaml()
    note(f"spec.yaml:\n{text}")
    package = f"pkg_{hashlib.sha256(text.encode()).hexdigest()[:12]}"
    folder = root / package
    folder.mkdir(exist_ok=True)
    path = folder / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    job = pipeline.Job(
        spec=path, templates=TEMPLATES, settings=Settings(package, package.replace("_", "-"))
    )
    try:
        files = pipeline.generate(job, folder / "out")
    except GeneratorError as exc:
        pytest.fail(f"a valid spec was refused:\n{exc}")
    return Generated(spec, package, folder / "out", files)


def in_package(generated: Generated, check: Callable[[ModuleType], None]) -> None:
    """Run `check` on the generated package, imported from its output directory, and forget
    the package after.

    An exception of the package's own (a `DecodeError`) becomes an AssertionError with its
    traceback: every import makes new classes, and hypothesis would take the same failure,
    replayed, for a different one."""
    entry = str(generated.out)
    sys.path.insert(0, entry)
    importlib.invalidate_caches()
    failure = None
    try:
        check(importlib.import_module(generated.package))
    except Exception as exc:
        if type(exc).__module__.split(".")[0] != generated.package:
            raise
        failure = "".join(traceback.format_exception(exc))
    finally:
        sys.path.remove(entry)
        prefix = generated.package + "."
        for name in [m for m in sys.modules if m == generated.package or m.startswith(prefix)]:
            del sys.modules[name]
    if failure is not None:
        raise AssertionError(failure)


# -- every valid document generates a package that compiles and imports ------------------------


@settings(COMMON, max_examples=examples(20))
@given(spec=specs())
def test_every_valid_spec_generates_a_package_that_compiles_and_imports(
    spec: Spec, workdir: Path
) -> None:
    generated = generate(spec, workdir)
    for rel, text in generated.files.items():
        if rel.endswith(".py"):
            compile(text, rel, "exec")

    def check(package: ModuleType) -> None:
        for module in generated.modules:
            importlib.import_module(module)
        models = importlib.import_module(f"{generated.package}.models")
        exported = list(models.__all__)
        assert len(exported) == len(set(exported)), f"names exported twice: {exported}"
        for name in exported:
            assert getattr(models, name) is not None
        # The runtime's exception stays what `models.DecodeError` names.
        runtime = importlib.import_module(f"{generated.package}._codecs")
        assert models.DecodeError is runtime.DecodeError
        with package.Client(token="token") as client:
            assert client is not None

    in_package(generated, check)


def test_a_sample_of_generated_packages_passes_mypy_strict(workdir: Path) -> None:
    sample: list[Generated] = []

    @settings(COMMON, max_examples=3, phases=[Phase.generate])
    @given(spec=specs())
    def collect(spec: Spec) -> None:
        sample.append(generate(spec, workdir))

    collect()
    assert len(sample) == 3
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir",
            str(workdir / ".mypy_cache"),
            *(str(g.out / g.package) for g in sample),
        ],
        cwd=workdir,  # no configuration file: only the flags apply
        capture_output=True,
        text=True,
        check=False,
    )
    failing = [g for g in sample if f"{g.package}/" in result.stdout]
    specs_text = "\n".join(f"--- {g.package}\n{g.spec.yaml()}" for g in failing)
    assert result.returncode == 0, result.stdout + result.stderr + specs_text


# -- the models round-trip random instances ----------------------------------------------------


def same_json(a: Any, b: Any) -> bool:
    """Equal as JSON text is: `1`, `1.0` and `true` differ; the order of keys does not."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_json(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same_json(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def check_round_trip(cls: Any, instance: Instance) -> None:
    model = cls.from_dict(instance.sent)
    written = model.to_dict()
    assert same_json(written, instance.expected), (
        f"{cls.__name__}.from_dict({instance.sent!r}).to_dict()\n"
        f"gave      {written!r}\nexpected  {instance.expected!r}"
    )
    assert json.loads(json.dumps(written)) == written
    again = cls.from_dict(written)
    assert again == model
    assert same_json(again.to_dict(), written)
    assert cls.from_json(model.to_json()) == model
    # A model built by hand (nothing remembered from the wire) writes what reads back equal.
    fresh = cls(**{f.name: getattr(model, f.name) for f in dataclasses.fields(cls) if f.init})
    assert cls.from_dict(fresh.to_dict()) == fresh


@settings(COMMON, max_examples=examples(20))
@given(spec=specs(), data=st.data())
def test_generated_models_round_trip_random_instances(
    spec: Spec, data: st.DataObject, workdir: Path
) -> None:
    generated = generate(spec, workdir)
    api = build(load(generated.out.parent / "spec.yaml"), Settings(generated.package, "p"))
    class_of = {m.spec_name: m.name for m in api.models}

    def check(package: ModuleType) -> None:
        models = importlib.import_module(f"{package.__name__}.models")
        for name in spec.models:
            cls = getattr(models, class_of[name])
            schema = spec.schemas[name]
            for recase in (False, True):
                label = f"{name} ({'keys re-cased' if recase else 'keys as in the spec'})"
                check_round_trip(cls, data.draw(instances(spec.doc, schema, recase=recase), label))

    in_package(generated, check)


# -- broken documents are refused, one located line per error -----------------------------------

ERROR_LINE = re.compile(
    r"^(?P<file>[^\s:]+)(?::(?P<line>\d+):(?P<column>\d+))? error (?P<rule>[\w$.-]+) \S.*$"
)


@pytest.mark.parametrize("mutation", MUTATIONS)
@settings(COMMON, max_examples=examples(2))
@given(data=st.data())
def test_a_broken_spec_is_refused_with_located_lines_and_no_traceback(
    mutation: str, data: st.DataObject, workdir: Path
) -> None:
    content = data.draw(broken_specs(mutation), label="spec.yaml")
    folder = workdir / f"broken_{hashlib.sha256(content).hexdigest()[:12]}"
    folder.mkdir(exist_ok=True)
    (folder / "spec.yaml").write_bytes(content)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--spec", "spec.yaml", "--out", "out"],
        cwd=folder,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    report = f"{mutation}: exit {result.returncode}\n{result.stderr}"
    assert result.returncode in (1, 2), report
    assert "Traceback" not in result.stderr, report
    lines = result.stderr.splitlines()
    assert lines, report
    for line in lines:
        found = ERROR_LINE.match(line)
        assert found, f"not `file:line:col error rule message`: {line!r}\n{report}"
        assert found["file"] == "spec.yaml", report
        if found["line"]:
            assert 1 <= int(found["line"]) <= content.count(b"\n") + 1, report
    assert not (folder / "out").exists()
