"""Shared fixtures: the repository layout, and the generated package on the import path."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "partner-center.yaml"
TEMPLATES = ROOT / "templates"
GENERATED = ROOT / "generated"
SHARED = ROOT.parent / "shared"

# Tests import the committed package exactly as a user of `pip install ./generated` would.
if str(GENERATED) not in sys.path:
    sys.path.insert(0, str(GENERATED))


@pytest.fixture
def write_spec(tmp_path: Path):
    """Write a small spec (YAML text) to a file and return its path."""

    def write(text: str, name: str = "spec.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
