"""oneOf/anyOf become unions; a discriminator picks the option by its property's value."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from .conftest import ROOT

SPEC = ROOT / "tests" / "specs" / "discriminator.yaml"

SCRIPT = textwrap.dedent("""
    import httpx
    from pets import Client
    from pets.models import Cat, Dog

    pets = [
        {"petType": "kitty", "barks": True},  # the mapping wins over the shape
        {"petType": "Dog", "barks": True},  # implicit mapping: the schema's name
        {"PetType": "Cat", "meows": True},  # the property's name is read in any case
        {"barks": False, "petType": "Unknown"},  # no mapping: the first option that reads it
    ]
    client = Client(token="t", base_url="https://pets.test",
                    transport=httpx.MockTransport(lambda r: httpx.Response(200, json=pets)))
    read = client.default.list_pets()
    print([type(p).__name__ for p in read])
    # Written back as read, keys in the spec's spelling.
    pets[2] = {"petType": "Cat", "meows": True}
    print([p.to_dict() for p in read] == pets)
    """)


def test_the_discriminator_chooses_the_option(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "generate",
            "--spec",
            str(SPEC),
            "--out",
            str(out),
            "--package-name",
            "pets",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    ran = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=out, capture_output=True, text=True, check=False
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.split("\n")[:2] == ["['Cat', 'Dog', 'Cat', 'Cat']", "True"]
    typed = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "pets"],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert typed.returncode == 0, typed.stdout
