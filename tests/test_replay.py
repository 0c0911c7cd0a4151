"""Replay: the same `generate`, with nothing changed since it last ran, is answered from its
record without the pipeline; any change to what it read or wrote makes it run again.

Each test runs a command twice in a project of its own and compares with a cold
(`--no-cache`) run; whether the second run was replayed shows in which of the generator's
modules it imported (a replay imports neither the command line nor the pipeline).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, TEMPLATES

SPEC = """\
openapi: 3.0.3
info: {title: Shop, version: '1'}
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        '200':
          description: The pets.
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
    post:
      operationId: addPet
      requestBody:
        content:
          application/xml:
            schema: {type: string}
      responses:
        '204': {description: Added.}
components:
  schemas:
    Pet:
      type: object
      properties:
        name: {type: string}
"""

# Run the command line as `python -m generator` does, then say which modules it imported.
PROBE = """\
import json, runpy, sys
sys.argv = ["generator", *sys.argv[1:]]
try:
    runpy.run_module("generator", run_name="__main__", alter_sys=True)
except SystemExit as done:
    code = done.code
mods = sorted(m for m in sys.modules if m.startswith("generator"))
print(json.dumps({"code": code, "modules": mods}), file=sys.stderr)
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with its own spec, templates, pyproject.toml and cache."""
    root = tmp_path / "project"
    root.mkdir()
    (root / "spec.yaml").write_text(SPEC, "utf-8")
    shutil.copytree(TEMPLATES, root / "templates")
    (root / "pyproject.toml").write_text(
        '[tool.generator]\nspec = "spec.yaml"\nout = "out"\ntemplates = "templates"\n'
        'package-name = "shop"\n',
        "utf-8",
    )
    return root


class Ran:
    def __init__(self, done: subprocess.CompletedProcess[str]) -> None:
        *lines, probe = done.stderr.splitlines(keepends=True)
        found = json.loads(probe)
        self.code: int = found["code"]
        self.stdout = done.stdout
        self.stderr = "".join(lines)
        self.replayed = "generator.pipeline" not in found["modules"]


def run(project: Path, *args: str) -> Ran:
    env = {
        **os.environ,
        "GENERATOR_CACHE_DIR": str(project.parent / "cache"),
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return Ran(done)


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def cold(project: Path, tmp_path: Path) -> dict[str, bytes]:
    """What a cold run writes for the project as it is now."""
    done = run(project, "generate", "--no-cache", "--out", str(tmp_path / "cold"))
    assert done.code == 0, done.stderr
    return tree(tmp_path / "cold")


def test_an_unchanged_generate_is_replayed_with_what_it_printed(project: Path) -> None:
    first = run(project, "generate")
    assert first.code == 0, first.stderr
    assert not first.replayed
    written = tree(project / "out")
    second = run(project, "generate")
    assert second.code == 0
    assert second.replayed
    # The skipped XML body's warning and the summary, as the run that did the work said them.
    assert " warn " in first.stderr
    assert (second.stdout, second.stderr) == (first.stdout, first.stderr)
    assert tree(project / "out") == written


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + text, "utf-8")


CHANGES = {
    "the spec": lambda p: edit(p / "spec.yaml", "name: {type: string}", "nick: {type: string}"),
    "a template": lambda p: append(p / "templates" / "model.py.jinja", "\n# changed\n"),
    "a template added": lambda p: (p / "templates" / "extra.txt").write_text("x", "utf-8"),
    "the configuration": lambda p: edit(p / "pyproject.toml", '"shop"', '"shop2"'),
    "an output file edited": lambda p: edit(p / "out" / "shop" / "client.py", "class", "klass"),
    "an output file added": lambda p: (p / "out" / "shop" / "stray.py").write_text("", "utf-8"),
    "an output file removed": lambda p: (p / "out" / "README.md").unlink(),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_any_change_runs_the_pipeline_again(project: Path, tmp_path: Path, change: str) -> None:
    assert run(project, "generate").code == 0
    CHANGES[change](project)
    again = run(project, "generate")
    assert again.code == 0, again.stderr
    assert not again.replayed
    # The output is what a cold run makes of the project now, whatever was changed.
    out = tree(project / "out")
    expected = cold(project, tmp_path)
    if change == "the configuration":
        assert "shop2/client.py" in out
    assert out == expected
    # And once it has run, the new state is replayed in turn.
    assert run(project, "generate").replayed


def test_another_directory_or_other_arguments_are_not_replayed(project: Path) -> None:
    assert run(project, "generate").code == 0
    assert not run(project, "generate", "--out", "elsewhere").replayed
    assert not run(project / "templates", "generate").replayed


def test_no_cache_and_check_never_replay(project: Path) -> None:
    assert run(project, "generate").code == 0
    assert not run(project, "generate", "--no-cache").replayed
    edit(project / "out" / "shop" / "client.py", "class", "klass")
    checked = run(project, "check")
    assert checked.code == 1
    assert not checked.replayed


def test_a_corrupt_record_is_a_miss(project: Path) -> None:
    assert run(project, "generate").code == 0
    records = [p for p in (project.parent / "cache" / "generate").rglob("*") if p.is_file()]
    assert records
    for record in records:
        record.write_bytes(record.read_bytes()[:30])
    again = run(project, "generate")
    assert again.code == 0, again.stderr
    assert not again.replayed
