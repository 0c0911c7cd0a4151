"""The spec linter (`python -m generator lint`): every rule against the documents in
tests/lint_corpus/, the command line, its output formats, exit codes and configuration, and
`generate` refusing what `lint` reports as an error.

Each corpus document states its findings in its header, one `# expect: RULE LINE:COLUMN`
line each; a document without any is clean and must give no finding at all.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from generator import report
from generator.config import load_config
from generator.errors import Location
from generator.lint import Finding, all_rule_ids, lint
from generator.lint import Settings as LintSettings
from generator.load import load

from .conftest import ROOT, SPEC

CORPUS = ROOT / "tests" / "lint_corpus"
DOCUMENTS = sorted(CORPUS.glob("*.yaml"))
EXPECT = re.compile(r"# expect: (?P<rule>\S+) (?P<line>\d+):(?P<column>\d+)")
DEFAULTS = {rule_id: severity for rule_id, (severity, _) in all_rule_ids().items()}

Found = list[tuple[str, int, int]]  # sorted (rule, line, column); a finding twice is two


def expected(document: Path) -> Found:
    """The findings a corpus document's header expects."""
    found = []
    for text in document.read_text(encoding="utf-8").splitlines():
        if text.startswith("# expect"):
            match = EXPECT.fullmatch(text.rstrip())
            assert match, f"{document.name}: malformed expectation {text!r}"
            found.append((match["rule"], int(match["line"]), int(match["column"])))
    return sorted(found)


def _corpus() -> Iterator[Any]:
    for document in DOCUMENTS:
        yield pytest.param(document, id=document.name)


CORPUS_PARAMS = list(_corpus())


def run(*args: str, cwd: Path = ROOT, command: str = "lint") -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    return subprocess.run(
        [sys.executable, "-m", "generator", command, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def project(root: Path, lint_table: str = "", spec: str = "spec.yaml") -> Path:
    """A project folder whose pyproject.toml holds `[tool.generator]` (and a lint table)."""
    root.mkdir(parents=True, exist_ok=True)
    text = f'[tool.generator]\nspec = "{spec}"\n'
    if lint_table:
        text += f"\n[tool.generator.lint]\n{lint_table}\n"
    (root / "pyproject.toml").write_text(text, encoding="utf-8")
    return root


def json_findings(stdout: str, cwd: Path) -> list[dict[str, Any]]:
    findings: list[dict[str, Any]] = json.loads(stdout)
    for f in findings:
        f["path"] = (cwd / f["file"]).resolve()
    return findings


def triples(findings: list[dict[str, Any]]) -> Found:
    return sorted((f["rule"], f["line"], f["column"]) for f in findings)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- the corpus ---------------------------------------------------------------------------------


@pytest.mark.parametrize("document", CORPUS_PARAMS)
def test_corpus_document_gives_exactly_the_findings_it_expects(document: Path) -> None:
    found = sorted((f.rule, f.location.line, f.location.column) for f in lint(load(document)))
    assert found == expected(document)


def _thresholds(document: Path) -> dict[str, int]:
    """--fail-severity -> the exit status the expectations of `document` imply."""
    severities = {DEFAULTS.get(rule, "error") for rule, _, _ in expected(document)}
    if not severities:
        return {"info": 0}
    if "error" in severities:
        return {"error": 1}
    return {"error": 0, "warn": 1}


@pytest.fixture(scope="module")
def cli_runs(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, Mapping[tuple[Path, str], subprocess.CompletedProcess[str]]]:
    """`lint DOC --format json --fail-severity S` for every document, run in a project whose
    configuration changes nothing, a few at a time."""
    cwd = project(tmp_path_factory.mktemp("lint-cli"))
    jobs = [(doc, level) for doc in DOCUMENTS for level in _thresholds(doc)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = pool.map(
            lambda job: run(str(job[0]), "--format", "json", "--fail-severity", job[1], cwd=cwd),
            jobs,
        )
        return cwd, dict(zip(jobs, results, strict=True))


@pytest.mark.parametrize("document", CORPUS_PARAMS)
def test_corpus_document_through_the_command_line(
    document: Path,
    cli_runs: tuple[Path, Mapping[tuple[Path, str], subprocess.CompletedProcess[str]]],
) -> None:
    cwd, runs = cli_runs
    for level, status in _thresholds(document).items():
        done = runs[(document, level)]
        assert done.returncode == status, (level, done.stdout, done.stderr)
        findings = json_findings(done.stdout, cwd)
        assert triples(findings) == expected(document)
        assert {f["path"] for f in findings} <= {document}
        for f in findings:
            assert f["severity"] == DEFAULTS[f["rule"]], f


def test_every_rule_has_a_corpus_document_that_expects_it() -> None:
    done = run("--list-rules")
    assert done.returncode == 0, done.stderr
    listed = {line.split()[0] for line in done.stdout.splitlines() if line.strip()}
    assert listed == set(DEFAULTS)
    covered = {rule for document in DOCUMENTS for rule, _, _ in expected(document)}
    assert sorted(listed - covered) == []
    assert sorted(covered - listed) == []  # an expectation names a rule that does not exist


def test_the_corpus_has_clean_documents_of_both_versions() -> None:
    clean = [d for d in DOCUMENTS if not expected(d)]
    versions = {str(load(d).data["openapi"])[:3] for d in clean}
    assert len(clean) >= 3 and versions == {"3.0", "3.1"}, clean


def test_corpus_documents_are_named_after_a_rule_they_expect() -> None:
    for document in DOCUMENTS:
        rules = {rule for rule, _, _ in expected(document)}
        if rules and document.name not in ("path-params-not-required.yaml",):
            assert any(document.stem.startswith(rule) for rule in rules), document.name


# -- our own spec -------------------------------------------------------------------------------


def test_our_spec_is_clean_even_of_notes() -> None:
    done = run("--format", "json", "--fail-severity", "info")
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout) == []
    # The configuration switches off only what pyproject.toml says why: no licence to state.
    defaults = lint(load(SPEC))
    assert [(f.rule, f.location.line) for f in defaults] == [("info-license", 6)]
    assert lint(load(SPEC), LintSettings(load_config(ROOT).lint_levels)) == []


def test_no_config_uses_the_default_levels() -> None:
    done = run("--format", "json", "--no-config")
    assert [f["rule"] for f in json.loads(done.stdout)] == ["info-license"]
    assert done.returncode == 0  # a warning, below the default threshold


# -- output formats -----------------------------------------------------------------------------

# One error (no-$ref-siblings) and two warnings (operation-4xx-response and the `%` in an
# operationId), in one file.
MIXED = """\
openapi: 3.0.3
info:
  title: Carts
  version: '1.0'
  description: The carts of a customer.
  contact: {name: Carts team}
  license: {name: MIT}
servers:
  - url: https://api.carts.test
security: []
tags:
  - name: carts
    description: Shopping carts.
paths:
  /carts:
    get:
      summary: List carts
      description: The carts of the customer.
      tags: [carts]
      operationId: list%carts
      responses:
        '200':
          $ref: '#/components/responses/Carts'
          description: ignored
components:
  responses:
    Carts:
      description: The carts.
"""
MIXED_FOUND = [
    ("no-$ref-siblings", 24, 11),
    ("operation-4xx-response", 21, 7),
    ("operation-operationId-valid-in-url", 20, 7),
]


def test_text_format_is_one_line_per_finding(tmp_path: Path) -> None:
    spec = write(project(tmp_path) / "spec.yaml", MIXED)
    done = run("spec.yaml", cwd=tmp_path)
    assert done.returncode == 1
    line = re.compile(
        r"(?P<file>\S+):(?P<line>\d+):(?P<col>\d+) (?P<sev>error|warn|info) (?P<rule>\S+) \S.*"
    )
    found = []
    for text in done.stdout.splitlines():
        match = line.fullmatch(text)
        assert match, text
        assert match["file"] == "spec.yaml"
        assert DEFAULTS[match["rule"]] == match["sev"]
        found.append((match["rule"], int(match["line"]), int(match["col"])))
    assert sorted(found) == MIXED_FOUND
    assert done.stderr.strip() == "1 error, 2 warnings"
    # Exactly what a Finding prints, the lines `generate` refuses a spec with.
    assert done.stdout.splitlines() == [str(f) for f in lint(load(spec, display_name="spec.yaml"))]


def test_text_format_of_a_clean_spec_is_empty(tmp_path: Path) -> None:
    project(tmp_path)
    done = run(str(CORPUS / "clean-3.1.yaml"), cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr.strip()) == (0, "", "no problems found")


def test_json_format_lists_every_finding_of_every_file(tmp_path: Path) -> None:
    write(project(tmp_path) / "spec.yaml", MIXED)
    other = CORPUS / "path-not-include-query.yaml"
    done = run("spec.yaml", str(other), "--format", "json", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr == ""  # the summary is for people; JSON output is for tools
    findings = json.loads(done.stdout)
    assert isinstance(findings, list)
    for f in findings:
        assert set(f) == {"file", "line", "column", "severity", "rule", "message"}
        assert isinstance(f["line"], int) and isinstance(f["column"], int)
        assert f["severity"] in ("error", "warn", "info") and f["message"]
    mine = [f for f in findings if f["file"] == "spec.yaml"]
    assert triples(mine) == MIXED_FOUND
    theirs = [f for f in findings if f["file"] != "spec.yaml"]
    assert triples(theirs) == expected(other)
    assert (tmp_path / theirs[0]["file"]).resolve() == other


def test_github_format_annotates_lines(tmp_path: Path) -> None:
    write(project(tmp_path) / "spec.yaml", MIXED)
    done = run("spec.yaml", "--format", "github", cwd=tmp_path)
    assert done.returncode == 1
    command = re.compile(
        r"::(?P<level>error|warning|notice) file=spec\.yaml,line=(?P<line>\d+),"
        r"col=(?P<col>\d+),title=(?P<rule>[^:,]+)::(?P<message>.+)"
    )
    found = []
    for text in done.stdout.splitlines():
        match = command.fullmatch(text)
        assert match, text
        level = {"error": "error", "warn": "warning", "info": "notice"}[DEFAULTS[match["rule"]]]
        assert match["level"] == level
        found.append((match["rule"], int(match["line"]), int(match["col"])))
    assert sorted(found) == MIXED_FOUND
    # `%` starts an escape in workflow commands, so a literal one is written %25.
    assert "operationId 'list%25carts'" in done.stdout


def test_github_format_escapes_properties_and_data() -> None:
    finding = Finding(
        "typed-enum", "warn", "50% of\nit, a: b\r", Location("specs/a,b:c%.yaml", 3, 5)
    )
    assert report.github([finding]) == (
        "::warning file=specs/a%2Cb%3Ac%25.yaml,line=3,col=5,title=typed-enum"
        "::50%25 of%0Ait, a: b%0D\n"
    )
    unlocated = Finding("unreadable", "error", "gone", Location("x.yaml"))
    assert report.github([unlocated]) == "::error file=x.yaml,title=unreadable::gone\n"


def _check_sarif(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The structure SARIF 2.1.0 requires of what we write; returns the results."""
    assert document["version"] == "2.1.0"
    assert document["$schema"].endswith("sarif-2.1.0.json")
    (run_,) = document["runs"]
    driver = run_["tool"]["driver"]
    assert isinstance(driver["name"], str) and driver["name"]
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    for r in rules:
        assert r["shortDescription"]["text"]
        assert r["defaultConfiguration"]["level"] in ("error", "warning", "note")
    results: list[dict[str, Any]] = run_["results"]
    for result in results:
        assert result["ruleId"] in ids
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note", "none")
        assert result["message"]["text"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"]
        assert physical["region"]["startLine"] >= 1
        assert physical["region"]["startColumn"] >= 1
    return results


def test_sarif_format_is_sarif_2_1_0(tmp_path: Path) -> None:
    write(project(tmp_path) / "spec.yaml", MIXED)
    done = run("spec.yaml", "--format", "sarif", cwd=tmp_path)
    assert done.returncode == 1
    results = _check_sarif(json.loads(done.stdout))
    found = []
    for result in results:
        region = result["locations"][0]["physicalLocation"]["region"]
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "spec.yaml"
        level = {"error": "error", "warn": "warning", "info": "note"}[DEFAULTS[result["ruleId"]]]
        assert result["level"] == level
        found.append((result["ruleId"], region["startLine"], region["startColumn"]))
    assert sorted(found) == MIXED_FOUND
    rules = json.loads(done.stdout)["runs"][0]["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} >= set(DEFAULTS)


def test_sarif_of_a_clean_spec_has_no_results(tmp_path: Path) -> None:
    project(tmp_path)
    done = run(str(CORPUS / "clean-3.0.yaml"), "--format", "sarif", cwd=tmp_path)
    assert done.returncode == 0
    assert _check_sarif(json.loads(done.stdout)) == []


# -- exit codes ---------------------------------------------------------------------------------


def test_warnings_fail_only_at_the_warn_threshold(tmp_path: Path) -> None:
    project(tmp_path)
    warned = str(CORPUS / "operation-4xx-response.yaml")
    assert run(warned, cwd=tmp_path).returncode == 0  # the default threshold is error
    assert run(warned, "--fail-severity", "error", cwd=tmp_path).returncode == 0
    assert run(warned, "--fail-severity", "warn", cwd=tmp_path).returncode == 1
    assert run(warned, "--fail-severity", "info", cwd=tmp_path).returncode == 1


@pytest.mark.parametrize(
    ("name", "content", "rule"),
    [
        ("missing.yaml", None, "unreadable"),
        ("folder.yaml", "a directory", "unreadable"),
        ("broken.yaml", b"openapi: 3.0.3\ninfo: [unclosed\n", "yaml"),
        ("tabs.yaml", b"openapi: 3.0.3\ninfo:\n\ttitle: T\n", "yaml"),
        ("latin1.yaml", b"openapi: 3.0.3\ninfo:\n  title: caf\xe9\n", "encoding"),
        ("empty.yaml", b"", "not-a-mapping"),
        ("list.yaml", b"- openapi: 3.0.3\n", "not-a-mapping"),
    ],
)
def test_a_spec_that_cannot_be_read_exits_2(
    tmp_path: Path, name: str, content: bytes | str | None, rule: str
) -> None:
    project(tmp_path)
    if content == "a directory":
        (tmp_path / name).mkdir()
    elif isinstance(content, bytes):
        (tmp_path / name).write_bytes(content)
    for fmt in ("text", "json"):
        done = run(name, "--format", fmt, cwd=tmp_path)
        assert done.returncode == 2, done.stdout + done.stderr
        assert "Traceback" not in done.stderr
        (line,) = done.stderr.strip().splitlines()
        assert line.startswith(name) and f" error {rule} " in line, line


@pytest.mark.parametrize("command", ["lint", "generate"])
def test_an_unknown_rule_in_the_configuration_exits_2(tmp_path: Path, command: str) -> None:
    project(tmp_path, 'rules = { "no-such-rule" = "off" }')
    write(tmp_path / "spec.yaml", MIXED)
    done = run(cwd=tmp_path, command=command)
    assert done.returncode == 2
    assert not (tmp_path / "generated").exists()
    assert "no-such-rule" in done.stderr and "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    # file:line:col of the rule's name in pyproject.toml
    where = line.split(" ")[0]
    number = int(where.split(":")[-2])
    assert where.startswith(str(tmp_path / "pyproject.toml"))
    assert "no-such-rule" in (tmp_path / "pyproject.toml").read_text().splitlines()[number - 1]
    assert run("--list-rules", cwd=tmp_path).returncode == 2


@pytest.mark.parametrize(
    "table",
    [
        'rules = { "typed-enum" = "fatal" }',
        'fail-severity = "never"',
        pytest.param('rules = { "typed-enum" = "error"', id="not-toml"),
    ],
)
def test_a_broken_configuration_exits_2(tmp_path: Path, table: str) -> None:
    project(tmp_path, table)
    write(tmp_path / "spec.yaml", MIXED)
    done = run(cwd=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr


def test_an_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    project(tmp_path)
    done = run(str(CORPUS / "clean-3.0.yaml"), "--format", "xml", cwd=tmp_path)
    assert done.returncode == 2


# -- configuration ------------------------------------------------------------------------------

# A warning of each of two rules: no 4xx response, and enum values that are not integers.
TWO_WARNINGS = """\
openapi: 3.0.3
info:
  title: Carts
  version: '1.0'
  description: The carts of a customer.
  contact: {name: Carts team}
  license: {name: MIT}
servers:
  - url: https://api.carts.test
security: []
tags:
  - name: carts
    description: Shopping carts.
paths:
  /carts:
    get:
      summary: List carts
      description: The carts of the customer.
      tags: [carts]
      operationId: listCarts
      responses:
        '200':
          description: The carts.
          content:
            application/json:
              schema:
                type: integer
                enum: ['1', '2']
                x-enum-varnames: [ONE, TWO]
"""


def _configured(tmp_path: Path, table: str, *args: str) -> tuple[int, set[tuple[str, str]]]:
    project(tmp_path, table)
    write(tmp_path / "spec.yaml", TWO_WARNINGS)
    done = run("--format", "json", *args, cwd=tmp_path)  # no path: the configured spec
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, {(f["rule"], f["severity"]) for f in json.loads(done.stdout)}


def test_without_configuration_both_are_warnings(tmp_path: Path) -> None:
    status, found = _configured(tmp_path, "")
    assert found >= {("operation-4xx-response", "warn"), ("typed-enum", "warn")}
    assert status == 0


def test_rules_are_switched_off_and_relevelled(tmp_path: Path) -> None:
    table = 'rules = { "operation-4xx-response" = "off", "typed-enum" = "error" }'
    status, found = _configured(tmp_path, table)
    assert "operation-4xx-response" not in {rule for rule, _ in found}
    assert ("typed-enum", "error") in found
    assert status == 1
    listed = run("--list-rules", cwd=tmp_path).stdout
    assert re.search(r"^operation-4xx-response +off ", listed, re.M)
    assert re.search(r"^typed-enum +error ", listed, re.M)


def test_the_configured_fail_severity_applies_and_the_flag_overrides_it(tmp_path: Path) -> None:
    assert _configured(tmp_path, 'fail-severity = "warn"')[0] == 1
    assert _configured(tmp_path, 'fail-severity = "warn"', "--fail-severity", "error")[0] == 0
    table = 'fail-severity = "warn"\nrules = { "operation-4xx-response" = "info" }'
    status, found = _configured(tmp_path, table)
    assert ("operation-4xx-response", "info") in found and status == 1  # typed-enum warns


def test_a_rule_relevelled_to_info_no_longer_fails_at_warn(tmp_path: Path) -> None:
    table = (
        'fail-severity = "warn"\n'
        'rules = { "operation-4xx-response" = "info", "typed-enum" = "info" }'
    )
    status, found = _configured(tmp_path, table)
    assert {severity for _, severity in found} == {"info"}
    assert status == 0


# -- generate refuses what lint reports as an error ---------------------------------------------


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize(
    "document",
    [
        CORPUS / "oas3-operation-security-defined.yaml",  # two errors
        CORPUS / "no-$ref-siblings.yaml",
        CORPUS / "openapi-schema.yaml",
        CORPUS / "duplicate-key.yaml",
        CORPUS / "generator-mixed-enum.yaml",  # refused by the model builder
    ],
    ids=lambda p: p.name,
)
def test_generate_refuses_a_spec_with_lint_errors_and_leaves_out_alone(
    tmp_path: Path, document: Path
) -> None:
    out = tmp_path / "out"
    (out / "pkg").mkdir(parents=True)
    write(out / "pkg" / "keep.py", "x = 1\n")
    before = _snapshot(out)
    linted = run(str(document), cwd=ROOT)
    generated = run("--spec", str(document), "--out", str(out), cwd=ROOT, command="generate")
    assert generated.returncode == 1, generated.stdout + generated.stderr
    errors = [line for line in linted.stdout.splitlines() if " error " in line]
    assert errors and generated.stderr.splitlines() == errors
    assert generated.stdout == ""
    assert _snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # nothing staged beside it


def test_generate_goes_ahead_with_warnings(tmp_path: Path) -> None:
    spec = write(tmp_path / "spec.yaml", TWO_WARNINGS)
    warned = run(str(spec), "--format", "json", "--fail-severity", "error", cwd=ROOT)
    assert warned.returncode == 0 and {f["severity"] for f in json.loads(warned.stdout)} == {"warn"}
    out = tmp_path / "out"
    done = run("--spec", str(spec), "--out", str(out), cwd=ROOT, command="generate")
    assert done.returncode == 0, done.stderr
    # Another spec than the project's: its package is named after its title.
    assert [p.name for p in out.iterdir() if p.is_dir()] == ["carts"]
    assert (out / "carts" / "__init__.py").is_file()


# -- rule details the corpus does not show --------------------------------------------------


def _lint_text(tmp_path: Path, text: str) -> list[Finding]:
    return lint(load(write(tmp_path / "spec.yaml", text)))


def test_enum_entries_are_compared_as_json_values(tmp_path: Path) -> None:
    # 1 and 1.0 are one JSON number; true is not 1.
    text = """\
openapi: 3.1.0
info: {title: T, version: '1'}
paths: {}
components:
  schemas:
    Level:
      type: [number, boolean]
      enum: [1, true, 1.0, false, 0]
"""
    found = [f for f in _lint_text(tmp_path, text) if f.rule == "duplicated-entry-in-enum"]
    assert [(f.location.line, f.location.column) for f in found] == [(8, 23)]


def test_schemas_of_a_default_response_are_linted(tmp_path: Path) -> None:
    text = """\
openapi: 3.0.3
info: {title: T, version: '1', description: D, contact: {name: C}, license: {name: MIT}}
servers: [{url: 'https://api.carts.test'}]
security: []
tags: [{name: carts, description: Carts.}]
paths:
  /carts:
    get:
      summary: List carts
      description: The carts.
      tags: [carts]
      operationId: listCarts
      responses:
        '200': {description: ok}
        '404': {description: no carts}
        default:
          description: failed
          content:
            application/json:
              schema:
                type: string
                enum: [1, 2]
                x-enum-varnames: [ONE, TWO]
"""
    found = {(f.rule, f.location.line) for f in _lint_text(tmp_path, text)}
    assert found == {("typed-enum", 22)}


def test_a_schema_error_says_what_is_wrong() -> None:
    (finding,) = lint(load(CORPUS / "path-params-not-required.yaml"))
    assert "$ref" not in finding.message


def test_several_paths_go_on_past_an_unreadable_one(tmp_path: Path) -> None:
    project(tmp_path)
    clean = CORPUS / "clean-3.0.yaml"
    broken = CORPUS / "typed-enum.yaml"
    done = run(
        str(tmp_path / "missing.yaml"), str(broken), str(clean), "--format", "json", cwd=tmp_path
    )
    assert done.returncode == 2
    findings = json.loads(done.stdout)  # still valid JSON, with the readable files' findings
    assert {f["rule"] for f in findings} == {"typed-enum"}
    assert "missing.yaml" in done.stderr and "unreadable" in done.stderr


def test_a_crashing_rule_is_one_line_and_exit_3(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from generator import lint, rules, cli\n"
        "def boom(ctx):\n"
        "    raise RuntimeError('rule bug')\n"
        "    yield\n"
        "lint.rule('typed-enum', 'warn', 'x', 'both')(boom)\n"
        f"sys.exit(cli.main(['lint', {str(CORPUS / 'clean-3.0.yaml')!r}]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 3
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert "lint rule typed-enum failed" in line and "rule bug" in line


# The head of a document the new style rules accept: info with description, contact and
# license, servers, (no) security, described tags. Its lines 1-11 are fixed.
STYLED_HEAD = """\
openapi: 3.0.3
info:
  title: Carts
  version: '1.0'
  description: The carts of a customer.
  contact: {name: Carts team}
  license: {name: MIT}
servers:
  - url: https://api.carts.test
security: []
tags: [{name: carts, description: Shopping carts.}]
"""


def test_an_empty_contact_is_none(tmp_path: Path) -> None:
    text = STYLED_HEAD.replace("{name: Carts team}", "{}")
    found = [(f.rule, f.location.line) for f in _lint_text(tmp_path, text + "paths: {}\n")]
    assert found == [("info-contact", 6)]


def test_server_rules_check_the_server_of_a_link(tmp_path: Path) -> None:
    text = STYLED_HEAD + """\
paths:
  /carts:
    get:
      summary: List carts
      description: List carts.
      tags: [carts]
      operationId: listCarts
      responses:
        '200':
          description: The carts.
          links:
            first:
              operationId: listCarts
              server:
                url: https://{region}.example.com
        '404':
          description: No carts.
"""
    found = sorted((f.rule, f.location.line) for f in _lint_text(tmp_path, text))
    assert found == [("no-server-example.com", 26), ("oas3-server-variables", 26)]


def test_names_that_look_like_example_objects_or_arrays_are_not(tmp_path: Path) -> None:
    # A property called `content` with a property called `examples` is a schema, not the
    # Example Objects of a media type; an array in example data is data.
    text = STYLED_HEAD + """\
paths:
  /carts:
    get:
      summary: List carts
      description: List carts.
      tags: [carts]
      operationId: listCarts
      responses:
        '200':
          description: The carts.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Page'
              example: {content: {examples: {items: {type: array}}}}
        '404':
          description: No carts.
components:
  schemas:
    Page:
      type: object
      properties:
        content:
          type: object
          properties:
            examples:
              type: object
              properties:
                items:
                  type: object
"""
    assert _lint_text(tmp_path, text) == []


def test_a_global_security_requirement_covers_every_operation(tmp_path: Path) -> None:
    text = STYLED_HEAD + """\
paths:
  /carts:
    get:
      summary: List carts
      description: List carts.
      tags: [carts]
      operationId: listCarts
      responses:
        '200': {description: The carts.}
        '404': {description: No carts.}
"""
    assert _lint_text(tmp_path, text) == []
    without = text.replace("security: []\n", "")
    found = [(f.rule, f.location.line) for f in _lint_text(tmp_path, without)]
    assert found == [("security-defined", 13)]
