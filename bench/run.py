"""Benchmark the generator and the client it generates against their peers; print one table.

    .venv/bin/python bench/run.py [--sizes 10,100,1000] [--quick] [--skip-peers]
                                  [--results bench/results.md] [--keep]
    make bench

What runs, all timed with time.perf_counter around a subprocess (the best of several runs
for the small cases, one run for N >= 1000):

- generation of the specs of bench/make_specs.py at each N: ours (`python -m generator
  generate`, with `--no-cache` when `generate --help` lists it), openapi-python-client and
  datamodel-code-generator; and the lines of Python each wrote.
- our regeneration into an output directory generated before, with the spec unchanged, and
  after one schema's description changed. Our cache ($GENERATOR_CACHE_DIR) is a new, empty
  folder of the run's, not ~/.cache.
- linting the largest spec: ours, the openapi-spec-validator CLI and Spectral (spectral:oas).
- decoding a cart of 1000 line items from JSON bytes and encoding it back (bench/roundtrip.py),
  with models generated from spec/partner-center.yaml.
- `import partnercenter` against `import httpx` in fresh interpreters: the best wall time of
  many runs less the best of `python -c pass`.

Ours is measured from a copy of generator/, templates/, pyproject.toml and
generated/partnercenter taken when the run starts: a run takes minutes, and an edit made
meanwhile would mix two versions of the generator into one table (and empty its cache).

Peers run as their docs suggest for a plain package, each formatting its output by its own
default (ours: ruff's formatter, in black's style):

- `openapi-python-client generate --path SPEC --meta none --output-path OUT`: the package
  alone, no pyproject. Its post-hooks (`ruff check --fix`, `ruff format`) format it: the
  benchmark environment's bin/ comes first on PATH. On spec/partner-center.yaml it exits 1
  because its api/ modules do not parse (the path parameter `version` has a default and comes
  before required ones); its models are complete and are the ones the decode rows use. The
  scaled specs leave defaults off path parameters so that it succeeds on them.
- `datamodel-codegen --input SPEC --input-file-type openapi --output OUT/models.py
  --output-model-type pydantic_v2.BaseModel --target-python-version 3.11 --snake-case-field
  --extra-fields allow --disable-timestamp --formatters black isort`: models only (no client
  code), in one module; unknown keys kept, as ours and openapi-python-client keep them.

The peers, pinned in bench/requirements.txt, are installed in bench/.venv, which this script
creates with `python -m venv` (git ignores it, as every .venv/). Spectral comes from
node_modules (`make node_modules`). A peer that cannot be installed or fails shows
"failed: <reason>" in its cells; the rest of the run goes on. The table goes to stdout and,
as Markdown, to --results.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from make_specs import write_spec
from roundtrip import cart_json

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PEER_VENV = BENCH / ".venv"
REQUIREMENTS = BENCH / "requirements.txt"
SPECTRAL = ROOT / "node_modules" / ".bin" / "spectral"
OUR_SPEC = ROOT / "spec" / "partner-center.yaml"
OUR_PACKAGE = ROOT / "generated" / "partnercenter"
TIMEOUT = 3600  # seconds per run; ours at N=1000 takes minutes, not an hour
CART_ITEMS = 1000
# Every subprocess writes and uses bytecode caches, as an installed package has them; the
# snapshot and the generated packages being copies, they go in the work directory.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

OPC = "openapi-python-client"
DMCG = "datamodel-code-generator"
OSV = "openapi-spec-validator"

# The targets the issue set: the largest ratio of ours to what each comment names.
TARGETS = {
    "cold100": 0.7,  # ours / openapi-python-client, N=100
    "cold1000": 0.5,  # the same at N=1000
    "growth": 11.0,  # ours N=1000 / ours N=100
    "unchanged": 0.1,  # regeneration, nothing changed / our cold generation
    "one_changed": 0.2,  # regeneration at N=1000, one schema changed / our cold generation
    "decode": 2.0,  # ours / json.loads
    "encode": 2.0,  # ours / json.dumps
    "import": 1.3,  # import partnercenter / import httpx
}


class Failed(Exception):
    """A measurement that could not be made; its message goes in the table."""


@dataclass
class Cell:
    """One measurement: seconds (and lines written), or why there are none."""

    seconds: float | None = None
    lines: int | None = None
    error: str | None = None
    note: str = ""


@dataclass
class Row:
    benchmark: str
    tool: str
    cell: Cell
    ratio: str = ""
    target: str = ""
    status: str = ""


def measure(what: Callable[..., Cell], *args: Any) -> Cell:
    try:
        return what(*args)
    except Failed as exc:
        return Cell(error=str(exc))


def run(
    command: Sequence[str | Path],
    *,
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
    ok: tuple[int, ...] = (0,),
) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Seconds `command` took, and its result; Failed unless its exit status is in `ok`."""
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [str(c) for c in command],
            cwd=cwd,
            env=ENV if env is None else env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise Failed(f"timed out after {TIMEOUT} s") from None
    except OSError as exc:
        raise Failed(str(exc)) from None
    elapsed = time.perf_counter() - start
    if done.returncode not in ok:
        raise Failed(f"exit {done.returncode}: {last_line(done)}")
    return elapsed, done


def last_line(done: subprocess.CompletedProcess[str]) -> str:
    lines = [line.strip() for line in (done.stderr + done.stdout).splitlines() if line.strip()]
    errors = [line for line in lines if "error" in line.lower()]
    text = (errors or lines or ["no output"])[-1]
    return text if len(text) <= 100 else text[:97] + "..."


def python_lines(folder: Path) -> int:
    return sum(len(p.read_bytes().splitlines()) for p in folder.rglob("*.py"))


def best_of(repeats: int, once: Callable[[], float]) -> float:
    return min(once() for _ in range(repeats))


# ---- the environments ------------------------------------------------------------------------


class Peers:
    """The benchmark environment: bench/.venv with bench/requirements.txt installed."""

    def __init__(self, skip: bool) -> None:
        self.error: str | None = "skipped (--skip-peers)" if skip else None
        self.bin = PEER_VENV / "bin"
        if not skip:
            try:
                self._install()
            except Failed as exc:
                self.error = f"not installable: {exc}"

    def _install(self) -> None:
        stamp = PEER_VENV / ".requirements"
        wanted = REQUIREMENTS.read_text(encoding="utf-8")
        if stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted:
            return
        progress("installing the peers into bench/.venv")
        if not (self.bin / "python").exists():
            run([sys.executable, "-m", "venv", PEER_VENV])
        pip: list[str | Path] = [self.bin / "python", "-m", "pip", "install"]
        pip += ["--disable-pip-version-check"]
        run([*pip, "--quiet", "-r", REQUIREMENTS])
        stamp.write_text(wanted, encoding="utf-8")

    @property
    def python(self) -> Path:
        """The interpreter of the decode and import rows: the same for every tool."""
        return self.bin / "python" if self.error is None else Path(sys.executable)

    def env(self) -> dict[str, str]:
        # openapi-python-client runs ruff from PATH after generating.
        return {**ENV, "PATH": f"{self.bin}{os.pathsep}{ENV.get('PATH', '')}"}

    def check(self) -> None:
        if self.error:
            raise Failed(self.error)

    def versions(self) -> str:
        if self.error:
            return self.error
        code = (
            "import importlib.metadata as m; print(', '.join(f'{p} {m.version(p)}' for p in "
            f"{[OPC, DMCG, 'pydantic', OSV]!r}))"
        )
        try:
            return run([self.python, "-c", code])[1].stdout.strip()
        except Failed as exc:
            return str(exc)


# ---- generation ------------------------------------------------------------------------------


class Generators:
    def __init__(self, peers: Peers, src: Path, cache: Path) -> None:
        self.peers = peers
        self.src = src  # ours runs from the snapshot: `python -m` finds it in the cwd
        # Our cache starts empty and stays out of ~/.cache: the regeneration rows fill it.
        self.env = {**ENV, "GENERATOR_CACHE_DIR": str(cache)}
        help_text = run(self.command("generate", "--help"), cwd=src)[1].stdout
        # Cold runs must not use the content-hash cache, where there is one.
        self.no_cache = ["--no-cache"] if "--no-cache" in help_text else []

    @staticmethod
    def command(*args: str | Path) -> list[str | Path]:
        return [sys.executable, "-m", "generator", *args]

    def ours(self, spec: Path, out: Path, *, cold: bool = True) -> float:
        command = self.command("generate", "--spec", spec, "--out", out)
        command += ["--package-name", "carts_bench", *(self.no_cache if cold else [])]
        return run(command, cwd=self.src, env=self.env)[0]

    def opc(self, spec: Path, out: Path, ok: tuple[int, ...] = (0,)) -> float:
        self.peers.check()
        command: list[str | Path] = [self.peers.bin / OPC, "generate", "--path", spec]
        command += ["--meta", "none", "--output-path", out, "--overwrite"]
        return run(command, cwd=out.parent, env=self.peers.env(), ok=ok)[0]

    def dmcg(self, spec: Path, out: Path) -> float:
        self.peers.check()
        out.mkdir(parents=True, exist_ok=True)
        command: list[str | Path] = [self.peers.bin / "datamodel-codegen", "--input", spec]
        command += ["--input-file-type", "openapi", "--output", out / "models.py"]
        command += ["--output-model-type", "pydantic_v2.BaseModel"]
        command += ["--target-python-version", "3.11"]
        command += ["--snake-case-field", "--extra-fields", "allow", "--disable-timestamp"]
        command += ["--formatters", "black", "isort"]
        return run(command, env=self.peers.env())[0]


def cold(generate: Callable[[Path, Path], float], spec: Path, out: Path, repeats: int) -> Cell:
    """The best of `repeats` runs, each into an output directory that does not exist yet."""

    def once() -> float:
        shutil.rmtree(out, ignore_errors=True)
        return generate(spec, out)

    seconds = best_of(repeats, once)
    return Cell(seconds, python_lines(out))


def regenerate(gens: Generators, n: int, work: Path, repeats: int) -> tuple[Cell, Cell]:
    """Ours into the directory of a previous run: with nothing changed, then with one schema
    description changed since the run before (a new revision of it each time, never one the
    cache has seen)."""
    spec, out = work / "spec.yaml", work / "out"
    shutil.rmtree(work, ignore_errors=True)
    write_spec(n, spec)
    gens.ours(spec, out, cold=False)  # the run whose output (and cache) the next ones reuse
    unchanged = Cell(best_of(repeats, lambda: gens.ours(spec, out, cold=False)))
    revisions = iter(range(1, repeats + 1))

    def one_changed() -> float:
        write_spec(n, spec, edit=(max(1, n // 2), next(revisions)))
        return gens.ours(spec, out, cold=False)

    return unchanged, Cell(best_of(repeats, one_changed))


# ---- lint, decode, import --------------------------------------------------------------------


def lint_cells(spec: Path, peers: Peers, gens: Generators) -> dict[str, Cell]:
    def ours() -> Cell:
        return Cell(run(gens.command("lint", spec), cwd=gens.src)[0])

    def osv() -> Cell:
        peers.check()
        return Cell(run([peers.bin / "openapi-spec-validator", spec])[0])

    def spectral() -> Cell:
        peers.check()
        if not SPECTRAL.exists():
            raise Failed("not installed (make node_modules)")
        command: list[str | Path] = [SPECTRAL, "lint", "--quiet"]
        command += ["-r", BENCH / "spectral-ruleset.yaml"]
        command += ["--resolver", BENCH / "spectral-resolver.js", "-f", "json", "-o", os.devnull]
        # Exit 1 means findings, which is a finished lint.
        return Cell(run([*command, spec], ok=(0, 1))[0])

    return {"ours": measure(ours), OSV: measure(osv), "Spectral": measure(spectral)}


def peer_models(gens: Generators, lib: Path) -> dict[str, str | None]:
    """Generate the peers' models of spec/partner-center.yaml into `lib`: the package
    `opc_partnercenter` and the module `pydantic_partnercenter`; tool -> why it failed."""
    failed: dict[str, str | None] = {}
    try:
        # Exit 1: its api/ does not parse (see the docstring); the models are what is needed.
        gens.opc(OUR_SPEC, lib / "opc_partnercenter", ok=(0, 1))
        if not (lib / "opc_partnercenter" / "models" / "cart.py").is_file():
            raise Failed("it wrote no models/cart.py")
    except Failed as exc:
        failed["opc"] = str(exc)
    try:
        gens.dmcg(OUR_SPEC, lib / "dmcg")
        (lib / "dmcg" / "models.py").rename(lib / "pydantic_partnercenter.py")
    except Failed as exc:
        failed["pydantic"] = str(exc)
    return failed


def roundtrip_cells(
    peers: Peers, gens: Generators, work: Path, repeats: int, rounds: int
) -> dict[str, Cell]:
    """'TOOL decode' and 'TOOL encode' -> their cells, for json, ours, opc and pydantic: the
    best of `rounds` processes of `repeats` each."""
    cart = work / "cart.json"
    cart.write_bytes(cart_json(CART_ITEMS))
    lib = work / "lib"  # holds the snapshot's partnercenter
    missing = {"opc": peers.error, "pydantic": peers.error}
    if peers.error is None:
        missing.update(peer_models(gens, lib))
    env = {**ENV, "PYTHONPATH": str(lib)}
    # Each tool's process runs `rounds` times, the tools in turn: a burst of load on this
    # machine then slows one round of every tool, not every repeat of one tool.
    best: dict[str, dict[str, Any]] = {}
    errors: dict[str, str] = {}
    tools = ("json", "ours", "opc", "pydantic")
    for _ in range(rounds):
        for tool in tools:
            if tool in errors:
                continue  # it failed once: it would again
            command = [peers.python, BENCH / "roundtrip.py", tool, cart, "--repeats", str(repeats)]
            try:
                if missing.get(tool):
                    raise Failed(str(missing[tool]))
                result = json.loads(run(command, env=env)[1].stdout)
            except (Failed, ValueError) as exc:
                errors[tool] = str(exc)
                continue
            seen = best.setdefault(tool, result)
            seen["decode"] = min(seen["decode"], result["decode"])
            seen["encode"] = min(seen["encode"], result["encode"])
    cells: dict[str, Cell] = {}
    for tool in tools:
        if tool in errors or tool not in best:
            cells[f"{tool} decode"] = cells[f"{tool} encode"] = Cell(error=errors.get(tool))
            continue
        result = best[tool]
        cells[f"{tool} decode"] = Cell(result["decode"])
        note = "" if result["equal"] else "what it writes back differs from the input"
        cells[f"{tool} encode"] = Cell(result["encode"], note=note)
    return cells


def import_cells(peers: Peers, work: Path, runs: int) -> dict[str, Cell]:
    """Fresh-interpreter import times less the interpreter's own start-up (both best of
    `runs`); the generated package is the committed one, copied into work/lib."""
    env = {**ENV, "PYTHONPATH": str(work / "lib")}

    def best(code: str) -> float:
        run([peers.python, "-c", code], env=env)  # write the bytecode caches first
        return best_of(runs, lambda: run([peers.python, "-c", code], env=env)[0])

    cells: dict[str, Cell] = {}
    try:
        bare = best("pass")
        cells["bare"] = Cell(bare)
        for name in ("partnercenter", "httpx"):
            cells[name] = Cell(best(f"import {name}") - bare)
    except Failed as exc:
        for name in ("bare", "partnercenter", "httpx"):
            cells.setdefault(name, Cell(error=str(exc)))
    return cells


# ---- the table -------------------------------------------------------------------------------


def seconds_text(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.0f} µs"


def compare(ours: Cell, other: Cell, label: str, limit: float | None) -> tuple[str, str, str]:
    """The ratio text, target and PASS/MISS of ours against `other`."""
    target = f"≤ {limit:g}" if limit is not None else ""
    if ours.seconds is None or other.seconds is None or other.seconds <= 0:
        return "", target, "n/a" if limit is not None else ""
    ratio = ours.seconds / other.seconds
    status = "" if limit is None else ("PASS" if ratio <= limit else "MISS")
    return f"{label} = {ratio:.2f}", target, status


def markdown(rows: list[Row]) -> str:
    head = ["Benchmark", "Tool", "Time", "Lines", "Ratio", "Target", "Status", "Notes"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        c = r.cell
        time_text = "" if c.seconds is None else seconds_text(c.seconds)
        if c.error:
            time_text = c.error if c.error.startswith("skipped") else f"failed: {c.error}"
        cells = [r.benchmark, r.tool, time_text, f"{c.lines:,}" if c.lines is not None else ""]
        cells += [r.ratio, r.target, r.status, c.note]
        lines.append("| " + " | ".join(x.replace("|", "\\|") for x in cells) + " |")
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        models = [
            line.split(":", 1)[1].strip()
            for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines()
            if line.startswith("model name")
        ]
        cpu = models[0] if models else cpu
    # The load when the run starts: other work on the machine skews every number.
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (
        f"{cpu}, {os.cpu_count()} logical cores, load average {load} at the start; "
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.system()} {platform.release()}"
    )


def snapshot(work: Path) -> Path:
    """A copy of generator/, templates/ and pyproject.toml (src/) and of the committed
    generated/partnercenter (lib/): the run takes minutes, and edits made meanwhile must not
    mix two versions into one table."""
    src = work / "src"
    skip = shutil.ignore_patterns("__pycache__")
    for name in ("generator", "templates"):
        shutil.copytree(ROOT / name, src / name, ignore=skip)
    shutil.copy2(ROOT / "pyproject.toml", src)
    shutil.copytree(OUR_PACKAGE, work / "lib" / "partnercenter", ignore=skip)
    return src


def revision() -> str:
    try:
        head = run(["git", "rev-parse", "--short", "HEAD"])[1].stdout.strip()
        dirty = run(["git", "status", "--porcelain", "--", "generator", "templates"])[1].stdout
    except Failed:
        return "unknown"
    return head + (" with uncommitted changes to generator/ or templates/" if dirty else "")


def progress(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def roundtrip_runs(quick: bool) -> tuple[int, int]:
    """(repeats in each process, processes per tool) of decoding and encoding."""
    return (5, 1) if quick else (20, 5)


def repeats_for(n: int, quick: bool) -> int:
    if quick:
        return 2 if n < 100 else 1
    return 5 if n < 100 else 3 if n < 1000 else 1


# ---- the benchmarks, as rows -----------------------------------------------------------------


@dataclass
class Run:
    """What every benchmark needs: the sizes, the tools, and where to write."""

    sizes: list[int]
    quick: bool
    peers: Peers
    gens: Generators
    work: Path
    revision: str
    machine: str


def generation_rows(r: Run, cold_ours: dict[int, Cell]) -> list[Row]:
    rows: list[Row] = []
    for n in r.sizes:
        spec = write_spec(n, r.work / f"carts-{n}.yaml")
        repeats = repeats_for(n, r.quick)
        name = f"generate N={n}"
        progress(f"{name}: ours")
        ours = cold_ours[n] = measure(cold, r.gens.ours, spec, r.work / "ours", repeats)
        progress(f"{name}: {OPC}")
        opc = measure(cold, r.gens.opc, spec, r.work / "opc", repeats)
        progress(f"{name}: {DMCG}")
        dmcg = measure(cold, r.gens.dmcg, spec, r.work / "dmcg", repeats)
        limit = {100: TARGETS["cold100"], 1000: TARGETS["cold1000"]}.get(n)
        rows.append(Row(name, "ours", ours))
        rows.append(Row(name, OPC, opc, *compare(ours, opc, f"ours / {OPC}", limit)))
        dmcg_ratio = compare(ours, dmcg, f"ours / {DMCG}", None)
        rows.append(Row(name, f"{DMCG} (models only)", dmcg, *dmcg_ratio))
    if 100 in cold_ours and 1000 in cold_ours:
        growth = compare(cold_ours[1000], cold_ours[100], "N=1000 / N=100", TARGETS["growth"])
        rows.append(Row("generation growth", "ours", Cell(), *growth))
    return rows


def regeneration_rows(r: Run, cold_ours: dict[int, Cell]) -> list[Row]:
    rows: list[Row] = []
    for n in r.sizes:
        progress(f"regenerate N={n}")
        try:
            unchanged, changed = regenerate(r.gens, n, r.work / "regen", repeats_for(n, r.quick))
        except Failed as exc:
            unchanged = changed = Cell(error=str(exc))
        ratio = compare(unchanged, cold_ours[n], "ours / our cold", TARGETS["unchanged"])
        rows.append(Row(f"regenerate N={n}, nothing changed", "ours", unchanged, *ratio))
        limit = TARGETS["one_changed"] if n == 1000 else None
        ratio = compare(changed, cold_ours[n], "ours / our cold", limit)
        rows.append(Row(f"regenerate N={n}, one schema changed", "ours", changed, *ratio))
    return rows


def lint_rows(r: Run) -> list[Row]:
    n = max(r.sizes)
    progress(f"lint N={n}")
    cells = lint_cells(r.work / f"carts-{n}.yaml", r.peers, r.gens)
    rows = [Row(f"lint N={n}", "ours", cells["ours"])]
    for tool in (OSV, "Spectral"):
        ratio = compare(cells["ours"], cells[tool], f"ours / {tool}", None)
        rows.append(Row(f"lint N={n}", tool, cells[tool], *ratio))
    return rows


def codec_rows(r: Run) -> list[Row]:
    progress("decode and encode")
    cells = roundtrip_cells(r.peers, r.gens, r.work, *roundtrip_runs(r.quick))
    names = {"opc": OPC, "pydantic": f"pydantic v2 ({DMCG})"}
    rows: list[Row] = []
    for step, base in (("decode", "json.loads"), ("encode", "json.dumps")):
        name = f"{step} cart of {CART_ITEMS} items"
        ours = cells[f"ours {step}"]
        rows.append(Row(name, "ours", ours))
        plain = cells[f"json {step}"]
        rows.append(Row(name, base, plain, *compare(ours, plain, f"ours / {base}", TARGETS[step])))
        for tool, label in names.items():
            peer = cells[f"{tool} {step}"]
            rows.append(Row(name, label, peer, *compare(ours, peer, f"ours / {label}", None)))
    return rows


def import_rows(r: Run) -> list[Row]:
    progress("import")
    cells = import_cells(r.peers, r.work, 10 if r.quick else 40)
    ratio = compare(cells["partnercenter"], cells["httpx"], "ours / httpx", TARGETS["import"])
    return [
        Row("interpreter start-up", "python -c pass", cells["bare"]),
        Row("import, less start-up", "partnercenter", cells["partnercenter"]),
        Row("import, less start-up", "httpx", cells["httpx"], *ratio),
    ]


def spectral_version() -> str:
    if not SPECTRAL.exists():
        return "not installed (make node_modules)"
    try:
        return run([SPECTRAL, "--version"])[1].stdout.strip()
    except Failed as exc:
        return str(exc)


def report(r: Run, rows: list[Row], started: datetime.datetime) -> str:
    cold = " ".join(["generate", *r.gens.no_cache])
    cart_bytes = len(cart_json(CART_ITEMS))
    repeats, rounds = roundtrip_runs(r.quick)
    notes = [
        "Times are wall-clock around a subprocess: the best of several runs for N < 1000, "
        "one run for N >= 1000. The ratio on a peer's row is ours / that peer.",
        f"Our cold generation is `{cold}` into a new directory; regeneration runs `generate` "
        "again into the directory of an earlier run.",
        f"Decode and encode: a cart of {CART_ITEMS} line items ({cart_bytes:,} bytes of JSON), "
        "models generated from spec/partner-center.yaml; bench/roundtrip.py says how each "
        f"tool is called. Timed inside the process: the best of {repeats} repeats in each of "
        f"{rounds} processes per tool, the tools taking turns.",
        "Import: the best wall time of fresh interpreters running `import X`, less the best "
        "of `python -c pass` (its own row), all in the same interpreter"
        + (" (bench/.venv)." if r.peers.error is None else "."),
    ]
    return "\n".join(
        [
            f"# Benchmarks, {started:%Y-%m-%d %H:%M %Z}",
            "",
            f"- Machine: {r.machine}",
            f"- Generator: {r.revision}",
            f"- Peers: {r.peers.versions()}; Spectral {spectral_version()}",
            "",
            markdown(rows),
            "",
            *(f"- {n}" for n in notes),
            "",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes", help="numbers of resource groups, comma-separated (default: 10,100,1000)"
    )
    parser.add_argument("--quick", action="store_true", help="sizes 10,100 and fewer repeats")
    parser.add_argument(
        "--skip-peers", action="store_true", help="measure ours and the baselines only"
    )
    parser.add_argument(
        "--results", type=Path, default=BENCH / "results.md", help="the Markdown file to write"
    )
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args(argv)
    default = "10,100" if args.quick else "10,100,1000"
    try:
        sizes = sorted({int(s) for s in (args.sizes or default).split(",")})
    except ValueError:
        parser.error(f"--sizes: expected numbers separated by commas, got {args.sizes!r}")
    if not sizes or min(sizes) < 1:
        parser.error("--sizes: every size must be at least 1")
    work = Path(tempfile.mkdtemp(prefix="partnercenter-bench-"))
    started = datetime.datetime.now().astimezone()
    try:
        revision_at_start, machine_at_start = revision(), machine()
        src = snapshot(work)
        peers = Peers(args.skip_peers)
        gens = Generators(peers, src, work / "cache")
        r = Run(sizes, args.quick, peers, gens, work, revision_at_start, machine_at_start)
        cold_ours: dict[int, Cell] = {}
        rows = generation_rows(r, cold_ours) + regeneration_rows(r, cold_ours)
        rows += lint_rows(r) + codec_rows(r) + import_rows(r)
        text = report(r, rows, started)
    finally:
        if args.keep:
            progress(f"work directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    sys.stdout.write(text)
    args.results.write_text(text, encoding="utf-8")
    progress(f"wrote {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
