"""Parity with Spectral: where a rule of ours has a `spectral:oas` counterpart, every finding
Spectral makes on the lint corpus (and on ../shared/specs/oai/ when present) is one of ours too,
on the same line. bench/compare_spectral.py does the work; run it for the full table.

Needs Node and `node_modules/` (`make node_modules`, or `npm ci`); skipped without them.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType
from typing import Any

import pytest

from .conftest import ROOT


def _bench() -> ModuleType:
    path = ROOT / "bench" / "compare_spectral.py"
    spec = importlib.util.spec_from_file_location("compare_spectral", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


bench = _bench()
UNAVAILABLE = bench.spectral_available()

pytestmark = pytest.mark.skipif(UNAVAILABLE is not None, reason=UNAVAILABLE or "")

# Codes Spectral's core reports outside any ruleset: parse errors, $refs, unknown formats.
SPECTRAL_CORE = {"parser", "invalid-ref", "unrecognized-format"}
# Rule ids of our loader's read errors; `--list-rules` lists only the rules of a loaded spec.
OUR_LOAD_RULES = {"yaml", "not-a-mapping"}


@pytest.fixture(scope="module")
def comparison() -> Any:
    files = bench.default_files()
    if not files:
        pytest.skip("no specs to compare: tests/lint_corpus/ and ../shared/specs/oai/ are empty")
    return bench.compare(files)


def test_spectral_finds_nothing_a_shared_rule_of_ours_misses(comparison: Any) -> None:
    assert not comparison.missing, (
        f"{len(comparison.missing)} Spectral finding(s) without a finding of ours on the same "
        "line:\n" + "\n".join(f"  {f}" for f in comparison.missing)
    )


def test_the_rule_map_names_rules_both_linters_have(comparison: Any) -> None:
    spectral = set(comparison.spectral_rules) | SPECTRAL_CORE
    ours = comparison.our_rules | OUR_LOAD_RULES
    for code, targets in bench.RENAMED.items():
        assert code in spectral, f"{code} is not a rule of Spectral's spectral:oas"
        unknown = set(targets) - ours
        assert not unknown, f"{code} maps to {sorted(unknown)}, which are not rules of ours"
    assert comparison.shared(), "no rule of ours has a Spectral counterpart"


def test_shared_rules_are_in_spectrals_recommended_set(comparison: Any) -> None:
    # Our ruleset extends spectral:oas' recommended rules, and the comparison switches on the
    # few outside it that a rule of ours covers; any other shared rule would never run.
    off = [
        c
        for c in comparison.shared()
        if not comparison.spectral_rules.get(c, True) and c not in bench.SWITCHED_ON
    ]
    assert not off, f"shared rules Spectral's ruleset does not run: {off}"


def test_the_rules_switched_on_are_shared_rules_outside_the_recommended_set(
    comparison: Any,
) -> None:
    for code in bench.SWITCHED_ON:
        assert code in comparison.spectral_rules, f"{code} is not a rule of spectral:oas"
        assert comparison.spectral_rules[code] is False, f"{code} is recommended already"
        assert code in comparison.shared(), f"no rule of ours covers {code}"


def test_the_rules_switched_on_ran(comparison: Any) -> None:
    # Each rule switched on finds something in the corpus, so it did run.
    found = {s.rule for s in comparison.spectral}
    assert set(bench.SWITCHED_ON) <= found, sorted(set(bench.SWITCHED_ON) - found)
