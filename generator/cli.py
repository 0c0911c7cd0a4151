"""Command line: `python -m generator generate|check`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import pipeline
from .config import load_config
from .errors import EXIT_FINDINGS, EXIT_OK, GeneratorError
from .parse import Settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Generate a typed Python client package from an OpenAPI document.",
        epilog="Exit codes: 0 success; 1 the spec was refused, or generated/ is stale (check); "
        "2 bad arguments or an unreadable spec; 3 the templates failed.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--spec",
            type=Path,
            help="the OpenAPI document (default: from " "[tool.generator] in pyproject.toml)",
        )
        sub.add_argument("--out", type=Path, help="the output directory (default: generated/)")
        sub.add_argument("--templates", type=Path, help="the template directory")
        sub.add_argument("--package-name", help="import name of the generated package")
        sub.add_argument("--debug", action="store_true", help="show tracebacks of errors")

    common(
        commands.add_parser(
            "generate",
            help="regenerate the output directory from the spec",
            description="Load, validate and model the spec, render the templates, format with "
            "black, and replace the output directory atomically. On any error the output "
            "directory is left exactly as it was.",
        )
    )
    common(
        commands.add_parser(
            "check",
            help="exit 1 with a diff if the output directory is not what generate makes",
            description="Generate in memory and compare with the output directory; print a "
            "unified diff for each stale file and exit 1, or exit 0 if it is current.",
        )
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        config = load_config()
        spec = args.spec or config.spec
        package = args.package_name or config.package_name
        job = pipeline.Job(
            spec=spec,
            templates=args.templates or config.templates,
            settings=Settings(
                package_name=package,
                project_name=config.project_name if not args.package_name else package,
                package_version=config.package_version,
            ),
            display_name=_display(spec),
        )
        out = args.out or config.out
        if args.command == "generate":
            files = pipeline.generate(job, out)
            print(f"generated {len(files)} files in {_display(out)}")
            return EXIT_OK
        diffs = pipeline.check(job, out)
        if diffs:
            sys.stdout.writelines(diffs)
            print(
                f"{_display(out)} is stale: {len(diffs)} file(s) differ; run `make generate`",
                file=sys.stderr,
            )
            return EXIT_FINDINGS
        print(f"{_display(out)} is current")
        return EXIT_OK
    except GeneratorError as exc:
        if args.debug:
            raise
        print(exc, file=sys.stderr)
        return exc.exit_code


def _display(path: Path) -> str:
    """A path relative to the working directory when it is below it, for short messages."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
