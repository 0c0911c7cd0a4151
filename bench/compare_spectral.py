"""Compare `python -m generator lint` with Spectral's `spectral:oas` rules, rule by rule.

    .venv/bin/python bench/compare_spectral.py [-v] [FILE ...]

Both linters run over the same files (by default every tests/lint_corpus/*.yaml, and the
OpenAPI Initiative's examples in ../shared/specs/oai/ when that folder exists). Spectral runs
bench/spectral-ruleset.yaml (its recommended `spectral:oas` rules) plus the rules outside that
set that one of ours covers (SWITCHED_ON). For every Spectral rule that one of ours covers
(same id, or a renamed one in RENAMED) each Spectral finding must have a finding of ours in
the same file:

- of a rule it maps to, and
- on a line inside the node Spectral flags. Spectral's range starts at the value of the key it
  names (`get:` is reported just after the colon) and ends with the value; ours is the key's own
  line, so lines agree where columns do not, and columns are not compared. A problem met
  through a $ref Spectral reports at the $ref's target (`components/parameters/Limit`), ours
  may report it where the $ref stands; so the lines of the $refs to Spectral's node count too.
  For `oas3-schema` our finding may also sit on an ancestor of Spectral's node:
  openapi-spec-validator and Spectral's JSON Schema validator blame different branches of a
  failed oneOf.

Not compared, by design: Spectral's findings of rules whose stage our linter did not reach.
Ours stops at the first failing stage (YAML, OpenAPI version, $refs, the OpenAPI schema, then
the semantic rules), where Spectral runs every rule on whatever it could parse.

Excused: Spectral findings the OpenAPI specification contradicts (EXCUSES, each saying why,
with Spectral's issue where there is one).

Prints the per-rule table, then every Spectral finding we lack. Exit status: 0 at parity,
1 when Spectral finds something a shared rule of ours does not, 2 when a linter cannot run.
Spectral runs offline: bench/spectral-resolver.js refuses remote $refs instead of fetching them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SPECTRAL = ROOT / "node_modules" / ".bin" / "spectral"
RULESET = ROOT / "bench" / "spectral-ruleset.yaml"
RESOLVER = ROOT / "bench" / "spectral-resolver.js"
CORPUS = ROOT / "tests" / "lint_corpus"
SHARED_OAI = ROOT.parent / "shared" / "specs" / "oai"
TIMEOUT = 300  # seconds per linter run; both take a few seconds over the corpus

# Spectral rule -> the rules of ours that report the same problem. A Spectral rule whose id is
# one of ours maps to itself; these are the ones named differently, or split differently.
RENAMED: dict[str, tuple[str, ...]] = {
    # The whole document against the OpenAPI JSON Schema.
    "oas3-schema": ("openapi-schema",),
    # YAML that does not parse, and duplicate keys; ours stops at the first YAML error.
    "parser": ("yaml", "duplicate-key"),
    # Spectral cannot resolve a $ref; ours tells a missing target from one in another file.
    "invalid-ref": ("unresolved-ref", "unsupported-ref"),
    # Not an OpenAPI document Spectral knows (no or an unknown `openapi` version).
    "unrecognized-format": ("openapi-version", "not-a-mapping"),
    # `{}` in a path: one of the path-params checks of ours.
    "path-declarations-must-exist": ("path-params",),
    # Spectral's path-params also reports paths equal but for parameter names, which ours
    # reports under Redocly's name.
    "path-params": ("path-params", "no-identical-paths"),
    # Spectral 6 checks parameter and header examples under its media example rule, and finds
    # an Example Object with neither value nor externalValue there too ("value" must exist).
    "oas3-valid-media-example": (
        "oas3-valid-media-example",
        "oas3-valid-parameter-example",
        "oas3-examples-value-or-externalValue",
    ),
}
# Rules of spectral:oas outside its recommended set that one of ours covers: the comparison
# switches them on (on top of bench/spectral-ruleset.yaml) so that they are compared too.
SWITCHED_ON = ("info-license", "openapi-tags", "tag-description")
# The oneOf branch the two validators blame differs; see the module docstring.
LOOSE = {"oas3-schema"}

# Our rules by the stage that runs them; a stage runs only when every earlier one passed.
_READ = {"yaml", "encoding", "unreadable", "too-large"}
_DOCUMENT = {"not-a-mapping", "too-many-nodes", "duplicate-key", "openapi-version"}
_REFS = {"unresolved-ref", "unsupported-ref", "ref-loop"}
STAGES = ("reading the file", "the OpenAPI version", "$refs", "the OpenAPI schema", "")


def stage(rule: str) -> int:
    """The stage (index into STAGES) that produces findings of our `rule`."""
    if rule in _READ:
        return 0
    if rule in _DOCUMENT:
        return 1
    if rule in _REFS:
        return 2
    if rule == "openapi-schema":
        return 3
    return 4  # the semantic rules and the generator's model builder


def reached(rules: Iterable[str]) -> int:
    """The last stage our linter ran on a file, from the rules of its findings."""
    failed = [stage(r) for r in rules if r != "duplicate-key"]
    return min(failed, default=4)


@dataclass(frozen=True)
class Finding:
    tool: str  # "spectral" or "ours"
    file: Path
    rule: str
    line: int  # 1-based
    column: int  # 1-based
    message: str
    end_line: int = 0  # Spectral: the last line of the flagged node
    path: tuple[str, ...] = ()  # Spectral: the JSON path of the flagged node

    def __str__(self) -> str:
        return f"{_show(self.file)}:{self.line}:{self.column} {self.rule} {self.message}"


@dataclass
class Comparison:
    files: list[Path]
    spectral: list[Finding]
    ours: list[Finding]
    our_rules: set[str]
    spectral_rules: dict[str, bool]  # Spectral's rule ids -> on in the recommended set
    matched: list[tuple[Finding, Finding]] = field(default_factory=list)
    missing: list[Finding] = field(default_factory=list)  # Spectral has them, we do not
    excused: list[tuple[Finding, str]] = field(default_factory=list)
    not_compared: list[tuple[Finding, str]] = field(default_factory=list)
    ours_only: list[Finding] = field(default_factory=list)  # shared rules, Spectral has none

    def targets(self, code: str) -> tuple[str, ...]:
        """Our rules that cover Spectral's rule `code`; empty when none does."""
        if code in RENAMED:
            return RENAMED[code]
        return (code,) if code in self.our_rules and code in self.spectral_rules else ()

    def shared(self) -> list[str]:
        """Spectral's rules that one of ours covers."""
        return sorted(c for c in {*RENAMED, *self.spectral_rules} if self.targets(c))

    def shared_ours(self) -> set[str]:
        """Our rules that some Spectral rule covers too."""
        return {t for code in self.shared() for t in self.targets(code)}


# ---- running the linters --------------------------------------------------------------------


def default_files() -> list[Path]:
    files = sorted(CORPUS.glob("*.yaml")) + sorted(CORPUS.glob("*.json"))
    if SHARED_OAI.is_dir():
        files += sorted(SHARED_OAI.glob("*.yaml")) + sorted(SHARED_OAI.glob("*.json"))
    return files


def spectral_available() -> str | None:
    """None when Spectral can run, else why not."""
    if shutil.which("node") is None:
        return "Spectral needs Node.js: `node` is not on PATH"
    if not SPECTRAL.exists():
        return f"{SPECTRAL.relative_to(ROOT)} is missing: run `make node_modules` (or `npm ci`)"
    return None


_SPECTRAL_RULES = """
const path = require("path");
const cli = path.dirname(require.resolve("@stoplight/spectral-cli/package.json"));
const { oas } = require(require.resolve("@stoplight/spectral-rulesets", { paths: [cli] }));
const rules = Object.fromEntries(
  Object.entries(oas.rules).map(([name, rule]) => [name, rule.recommended !== false]));
console.log(JSON.stringify(rules));
"""


def spectral_rule_ids() -> dict[str, bool]:
    """Every rule of `spectral:oas`, and whether its recommended set (our ruleset) runs it."""
    done = subprocess.run(
        ["node", "-e", _SPECTRAL_RULES],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"cannot list Spectral's rules: {done.stderr.strip()}")
    rules: dict[str, bool] = json.loads(done.stdout)
    return rules


def run_spectral(files: Sequence[Path]) -> list[Finding]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "spectral.json"
        ruleset = Path(tmp) / "ruleset.json"
        ruleset.write_text(
            json.dumps({"extends": [str(RULESET)], "rules": dict.fromkeys(SWITCHED_ON, True)}),
            encoding="utf-8",
        )
        command = [
            str(SPECTRAL),
            "lint",
            "--quiet",
            "--ruleset",
            str(ruleset),
            "--resolver",
            str(RESOLVER),
            "--format",
            "json",
            "--output",
            str(out),
            "--fail-on-unmatched-globs",
            *(_literal(f) for f in files),
        ]
        done = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
        if done.returncode not in (0, 1) or not out.exists():
            raise RuntimeError(f"spectral failed ({done.returncode}): {done.stderr.strip()}")
        results = json.loads(out.read_text(encoding="utf-8") or "[]")
    return [
        Finding(
            tool="spectral",
            file=Path(r["source"]).resolve(),
            rule=r["code"],
            line=r["range"]["start"]["line"] + 1,  # Spectral counts lines and columns from 0
            column=r["range"]["start"]["character"] + 1,
            message=r["message"],
            end_line=r["range"]["end"]["line"] + 1,
            path=tuple(str(p) for p in r.get("path", ())),
        )
        for r in results
    ]


def _literal(path: Path) -> str:
    """`path` as a glob that matches only itself: Spectral expands its arguments as globs
    (and turns backslashes into slashes, so each special character becomes a class)."""
    return re.sub(r"[*?\[\](){}|]", lambda m: f"[{m[0]}]", str(path))


_ERROR_LINE = re.compile(
    r"^(?P<file>.+?)(?::(?P<line>\d+):(?P<col>\d+))? error (?P<rule>\S+) (?P<msg>.*)$"
)


def _lint_command(*args: str) -> list[str]:
    # Our rules at their default levels, as Spectral's are: not this project's configuration.
    return [sys.executable, "-m", "generator", "lint", "--no-config", *args]


def run_ours(files: Sequence[Path]) -> list[Finding]:
    """Our findings over `files`: the JSON report, and a line on stderr per file that cannot
    be read (exit 2). Where a run stops at such a file instead, each file runs alone."""
    done = _run(_lint_command("--format", "json", *map(str, files)))
    found = _parse_run(done)
    if found is not None:
        return found
    found = []
    for file in files:
        done = _run(_lint_command("--format", "json", str(file)))
        one = _parse_run(done)
        if one is None:
            raise RuntimeError(f"our linter failed on {file}: {done.stderr.strip()}")
        found += one
    return found


def _parse_run(done: subprocess.CompletedProcess[str]) -> list[Finding] | None:
    """The findings of one run, or None when its output does not account for every file."""
    if done.returncode not in (0, 1, 2):
        raise RuntimeError(f"our linter failed ({done.returncode}): {done.stderr.strip()}")
    try:
        found = _parse_ours(done.stdout)
    except json.JSONDecodeError:
        found = None
    if done.returncode != 2:
        return found
    errors = [_ERROR_LINE.match(line) for line in done.stderr.splitlines() if line.strip()]
    if found is None or not errors or None in errors:
        return None
    return found + [
        Finding(
            tool="ours",
            file=(ROOT / m["file"]).resolve(),
            rule=m["rule"],
            line=int(m["line"] or 0),
            column=int(m["col"] or 0),
            message=m["msg"],
        )
        for m in errors
        if m is not None
    ]


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )


def _parse_ours(stdout: str) -> list[Finding]:
    return [
        Finding(
            tool="ours",
            file=(ROOT / f["file"]).resolve(),
            rule=f["rule"],
            line=f["line"],
            column=f["column"],
            message=f["message"],
        )
        for f in json.loads(stdout)
    ]


def our_rule_ids() -> set[str]:
    done = _run(_lint_command("--list-rules"))
    if done.returncode != 0:
        raise RuntimeError(f"our linter failed: {done.stderr.strip()}")
    return {line.split()[0] for line in done.stdout.splitlines() if line.strip()}


# ---- excuses: where the OpenAPI specification contradicts Spectral ------------------------------


def _non_oauth_roles(finding: Finding, data: Any) -> str | None:
    # OpenAPI 3.1 lets a security requirement list role names for any scheme type; only
    # oauth2 and openIdConnect scopes must be declared. Spectral applies the 3.0 rule to 3.1.
    if finding.rule != "oas3-operation-security-defined" or "among scopes" not in finding.message:
        return None
    if not (isinstance(data, dict) and str(data.get("openapi", "")).startswith("3.1")):
        return None
    name = finding.path[-2] if len(finding.path) >= 2 else ""
    schemes = (data.get("components") or {}).get("securitySchemes") or {}
    scheme = schemes.get(name) if isinstance(schemes, dict) else None
    if isinstance(scheme, dict) and scheme.get("type") not in ("oauth2", "openIdConnect"):
        return "OpenAPI 3.1 allows role names for non-OAuth schemes (stoplightio/spectral#2643)"
    return None


# Keywords whose keys are names the author chose (a property called `example`, the `default`
# response), not keywords; and keywords whose value is instance data.
_NAME_MAPS = frozenset(
    "properties patternProperties dependentSchemas $defs definitions schemas responses "
    "parameters headers examples requestBodies securitySchemes links callbacks pathItems "
    "content encoding paths webhooks mapping variables scopes".split()
)
_DATA = frozenset({"example", "default", "enum", "const"})


def _in_data(path: Sequence[str]) -> bool:
    """Does the JSON path lead into example, default or enum data, or an extension?"""
    parent_is_name = False
    for i, key in enumerate(path):
        parent = path[i - 1] if i else None
        is_name = i > 0 and not parent_is_name and parent in _NAME_MAPS
        if parent == "examples" and not parent_is_name and key.isdigit():
            return True  # an item of a 3.1 schema's `examples`
        if not is_name:
            if key in _DATA or key.startswith("x-"):
                return True
            if key == "value" and parent_is_name and i >= 2 and path[i - 2] == "examples":
                return True  # the value of an Example Object
        parent_is_name = is_name
    return False


def _markdown_in_data(finding: Finding, data: Any) -> str | None:
    # Spectral checks every `description` and `title` key (`$..[description,title]`), also
    # those of example values, which are data, not CommonMark the spec lets tools render.
    if finding.rule in ("no-script-tags-in-markdown", "no-eval-in-markdown") and _in_data(
        finding.path
    ):
        return "a `description` inside example data is data, not markdown"
    return None


def _component_used(finding: Finding, data: Any) -> str | None:
    # Spectral counts a component used only when a $ref names exactly it.
    if finding.rule != "oas3-unused-component" or len(finding.path) != 3:
        return None
    _, kind, name = finding.path
    pointer = f"#/components/{kind}/{name.replace('~', '~0').replace('/', '~1')}"
    refs, mapped = _references(data)
    if any(ref.startswith(pointer + "/") for ref in refs):
        return f"a $ref points inside {pointer}, which uses it"
    if kind == "schemas" and (pointer in mapped or name in mapped):
        return (
            "a discriminator mapping names it, a reference in the OpenAPI specification "
            "(stoplightio/spectral#1271)"
        )
    return None


def _references(data: Any) -> tuple[set[str], set[str]]:
    """Every $ref string of the document, and every discriminator mapping value."""
    refs: set[str] = set()
    mapped: set[str] = set()
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                refs.add(node["$ref"])
            discriminator = node.get("discriminator")
            if isinstance(discriminator, dict) and isinstance(discriminator.get("mapping"), dict):
                mapped.update(str(v) for v in discriminator["mapping"].values())
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return refs, mapped


def _open_id_scopes(finding: Finding, data: Any) -> str | None:
    # The scopes of an openIdConnect scheme are the provider's (its discovery document lists
    # them); the OpenAPI document declares none, yet a requirement may list them. Spectral
    # looks for them in the scheme's (absent) oauth2 flows.
    if finding.rule != "oas3-operation-security-defined" or "among scopes" not in finding.message:
        return None
    name = finding.path[-2] if len(finding.path) >= 2 else ""
    components = data.get("components") if isinstance(data, dict) else None
    schemes = components.get("securitySchemes") if isinstance(components, dict) else None
    scheme = schemes.get(name) if isinstance(schemes, dict) else None
    if isinstance(scheme, dict) and scheme.get("type") == "openIdConnect":
        return (
            "openIdConnect scopes are the provider's, not declared in the OpenAPI document "
            "(stoplightio/spectral#2566)"
        )
    return None


EXCUSES: list[Callable[[Finding, Any], str | None]] = [
    _non_oauth_roles,
    _open_id_scopes,
    _markdown_in_data,
    _component_used,
]


# ---- matching -------------------------------------------------------------------------------


class _Documents:
    """Each file's data and the line of every JSON path (via our own loader), on demand."""

    def __init__(self) -> None:
        self._docs: dict[Path, Any] = {}

    def get(self, file: Path) -> Any:
        if file not in self._docs:
            try:
                sys.path.insert(0, str(ROOT))
                from generator.load import load

                self._docs[file] = load(file)
            except Exception:  # a file our loader refuses has no paths to locate
                self._docs[file] = None
            finally:
                sys.path.remove(str(ROOT))
        return self._docs[file]

    def data(self, file: Path) -> Any:
        doc = self.get(file)
        return doc.data if doc is not None else None

    def ancestor_lines(self, file: Path, path: Sequence[str]) -> set[int]:
        """Lines of the proper ancestors of `path` below the top-level sections."""
        doc = self.get(file)
        if doc is None:
            return set()
        lines = set()
        node, parts = doc.data, []
        for segment in path[:-1]:
            key: str | int = segment
            if isinstance(node, list) and segment.isdigit():
                key = int(segment)
            parts.append(key)
            try:
                node = node[key]
            except (KeyError, IndexError, TypeError):
                break
            if len(parts) >= 2 and tuple(parts) in doc.marks:
                lines.add(doc.marks[tuple(parts)][0])
        return lines

    def referrer_lines(self, file: Path, path: Sequence[str]) -> set[int]:
        """Lines of the objects whose $ref names the node at `path` exactly."""
        doc = self.get(file)
        if doc is None or not path:
            return set()
        pointer = "#/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in path)
        lines = set()
        stack: list[tuple[tuple[str | int, ...], Any]] = [((), doc.data)]
        while stack:
            where, node = stack.pop()
            if isinstance(node, dict):
                if node.get("$ref") == pointer and where in doc.marks:
                    lines.add(doc.marks[where][0])
                stack.extend(((*where, k), v) for k, v in node.items())
            elif isinstance(node, list):
                stack.extend(((*where, i), v) for i, v in enumerate(node))
        return lines


def compare(files: Sequence[Path]) -> Comparison:
    """Run both linters over `files` and match their findings."""
    files = [f.resolve() for f in files]
    return match(
        Comparison(files, run_spectral(files), run_ours(files), our_rule_ids(), spectral_rule_ids())
    )


def match(result: Comparison) -> Comparison:
    """Sort Spectral's findings into matched, missing, excused and not compared."""
    docs = _Documents()
    ours_by_file: dict[Path, list[Finding]] = {}
    for f in result.ours:
        ours_by_file.setdefault(f.file, []).append(f)
    used: set[Finding] = set()
    for s in sorted(result.spectral, key=_order):
        targets = result.targets(s.rule)
        if not targets:
            continue
        ours = ours_by_file.get(s.file, [])
        last = reached(o.rule for o in ours)
        if min(stage(t) for t in targets) > last:
            result.not_compared.append((s, f"our linter stopped at {STAGES[last]}"))
            continue
        lines = set(range(s.line, max(s.end_line, s.line) + 1))
        lines |= docs.referrer_lines(s.file, s.path)
        if s.rule in LOOSE:
            lines |= docs.ancestor_lines(s.file, s.path)
        hits = [o for o in ours if o.rule in targets and o.line in lines]
        if hits:
            exact = [o for o in hits if o.line == s.line] or hits
            result.matched.append((s, exact[0]))
            used.update(hits)
            continue
        reason = next((r for r in (excuse(s, docs.data(s.file)) for excuse in EXCUSES) if r), None)
        if reason:
            result.excused.append((s, reason))
        else:
            result.missing.append(s)
    shared = result.shared_ours()
    result.ours_only = sorted(
        (o for o in result.ours if o.rule in shared and o not in used), key=_order
    )
    return result


def _order(f: Finding) -> tuple[str, int, int, str]:
    return (str(f.file), f.line, f.column, f.rule)


def _show(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return os.path.relpath(path, ROOT)


# ---- the report -----------------------------------------------------------------------------


def report(result: Comparison, *, verbose: bool = False) -> str:
    spectral = Counter(s.rule for s in result.spectral)
    ours = Counter(o.rule for o in result.ours)
    matched = Counter(s.rule for s, _ in result.matched)
    missing = Counter(s.rule for s in result.missing)
    excused = Counter(s.rule for s, _ in result.excused)
    skipped = Counter(s.rule for s, _ in result.not_compared)
    width = max([len("our rule(s)")] + [len(", ".join(result.targets(c))) for c in result.shared()])
    out = [
        f"{len(result.files)} files: Spectral {len(result.spectral)} findings, "
        f"ours {len(result.ours)}",
        "",
        "Shared rules; of Spectral's findings: matched by ours, MISSING from ours, excused, "
        "not compared",
        f"  {'spectral rule':36} {'our rule(s)':{width}} {'spec':>4} {'ours':>4} "
        f"{'match':>5} {'MISS':>4} {'exc':>3} {'n/c':>3}",
    ]
    for code in result.shared():
        targets = result.targets(code)
        off = ""
        if not result.spectral_rules.get(code, True):
            off = "  (not in the recommended set; switched on here)"
        out.append(
            f"  {code:36} {', '.join(targets):{width}} {spectral[code]:4} "
            f"{sum(ours[t] for t in targets):4} {matched[code]:5} {missing[code]:4} "
            f"{excused[code]:3} {skipped[code]:3}{off}"
        )
    only_spectral = sorted(c for c in spectral if not result.targets(c))
    covered = result.shared_ours()
    only_ours = sorted(r for r in ours if r not in covered)
    out += [
        "",
        "Spectral-only rules (none of ours covers them), findings: "
        + (", ".join(f"{c} {spectral[c]}" for c in only_spectral) or "none"),
        "Our rules Spectral does not have, findings: "
        + (", ".join(f"{r} {ours[r]}" for r in only_ours) or "none"),
        "",
        f"MISSING from ours ({len(result.missing)}): Spectral finds these, a shared rule of "
        "ours does not",
    ]
    out += [f"  {s}" for s in result.missing] or ["  none"]
    out.append(f"\nExcused ({len(result.excused)}): the OpenAPI specification disagrees")
    out += [f"  {s}\n      {why}" for s, why in result.excused] or ["  none"]
    out.append(f"\nOurs only ({len(result.ours_only)}): shared rules, no Spectral finding there")
    out += [f"  {o}" for o in result.ours_only] or ["  none"]
    if verbose:
        out.append(f"\nNot compared ({len(result.not_compared)})")
        out += [f"  {s}\n      {why}" for s, why in result.not_compared] or ["  none"]
        out.append(f"\nMatched ({len(result.matched)})")
        out += [f"  {s}\n      ours: {o}" for s, o in result.matched] or ["  none"]
    else:
        out.append(
            f"\nNot compared: {len(result.not_compared)}; matched: {len(result.matched)} "
            "(-v lists them)"
        )
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "files",
        nargs="*",
        type=Path,
        help="specs (default: the lint corpus " "and ../shared/specs/oai/)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list matches and skips")
    args = parser.parse_args(argv)
    why = spectral_available()
    if why:
        print(why, file=sys.stderr)
        return 2
    files = args.files or default_files()
    if not files:
        print("no files to compare", file=sys.stderr)
        return 2
    try:
        result = compare(files)
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        print(exc, file=sys.stderr)
        return 2
    sys.stdout.write(report(result, verbose=args.verbose))
    return 1 if result.missing else 0


if __name__ == "__main__":
    sys.exit(main())
