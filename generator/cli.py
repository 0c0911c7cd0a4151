"""Command line: `python -m generator generate|check`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import pipeline, replay, report
from .cache import Cache, default_dir
from .config import Config, load_config
from .errors import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_TEMPLATE,
    EXIT_USAGE,
    GeneratorError,
)
from .options import RANK, BuildSettings, LintSettings

if TYPE_CHECKING:
    from .lint import Finding


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
        sub.add_argument(
            "--unsupported",
            choices=("skip", "refuse"),
            default="skip",
            help="a construct the generator does not support (an XML-only body, callbacks): "
            "skip it with a warning (default), or refuse the spec",
        )
        sub.add_argument(
            "--max-bytes",
            type=int,
            help="refuse a spec larger than this (default: [tool.generator] max-spec-bytes, "
            "or 50 MB)",
        )
        sub.add_argument(
            "--no-cache",
            action="store_true",
            help="neither read nor write the cache of formatted files and whole runs "
            "(in $GENERATOR_CACHE_DIR, else ~/.cache/openapi-generator)",
        )
        # SUPPRESS: without it the subcommand's default would undo `--debug COMMAND`.
        sub.add_argument(
            "--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks"
        )

    lint_cmd = commands.add_parser(
        "lint",
        help="report every problem of a spec, each on its line, with the rule that fired",
        description="Validate with openapi-spec-validator (every error) and run the semantic "
        "rules (Spectral's spectral:oas and Redocly's recommended sets, and the generator's "
        "own). Rules are switched off or re-levelled under [tool.generator.lint] in "
        "pyproject.toml. Exit 0 when no finding reaches --fail-severity, 1 when one does, "
        "2 on a usage or read error.",
    )
    lint_cmd.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="specs to lint (default: the project's)"
    )
    lint_cmd.add_argument(
        "--format",
        choices=report.FORMATS,
        default="text",
        help="text (default), github (workflow annotations), json or sarif",
    )
    lint_cmd.add_argument(
        "--fail-severity",
        choices=("error", "warn", "info"),
        help="the lowest severity that fails the run (default: error, or the configured one)",
    )
    lint_cmd.add_argument(
        "--list-rules", action="store_true", help="list every rule and its level, then exit"
    )
    lint_cmd.add_argument(
        "--no-config",
        action="store_true",
        help="use every rule's default level, ignoring [tool.generator.lint]",
    )
    lint_cmd.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks"
    )
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
        if args.command == "lint":
            return _lint(args, config)
        spec = args.spec or config.spec
        # The project's spec gets the project's names; another spec, unless named, gets its
        # package name from its info.title (decided with the other names, in the model).
        own_spec = args.spec is None or args.spec.resolve() == config.spec
        package = args.package_name or (config.package_name if own_spec else "")
        job = pipeline.Job(
            spec=spec,
            templates=args.templates or config.templates,
            settings=BuildSettings(
                package_name=package,
                project_name=config.project_name if own_spec and not args.package_name else package,
                package_version=config.package_version,
                unsupported=args.unsupported,
            ),
            display_name=_display(spec),
            lint=LintSettings(config.lint_levels, config.source),
            max_bytes=config.max_spec_bytes if args.max_bytes is None else args.max_bytes,
            cache=Cache(None if args.no_cache else default_dir()),
        )
        out = args.out or config.out
        if args.command == "generate":
            files = pipeline.generate(job, out)
            stderr = "".join(f"{pipeline.warning_line(w)}\n" for w in job.warnings)
            stdout = f"generated {len(files)} files in {_display(out)}\n"
            sys.stderr.write(stderr)
            sys.stdout.write(stdout)
            if not args.no_cache:
                # So that the same command, with nothing changed, is answered before this
                # module is even imported (see replay).
                replay.remember(
                    sys.argv[1:] if argv is None else argv,
                    job.cache,
                    job.read,
                    job.templates,
                    out,
                    files,
                    stdout,
                    stderr,
                )
            return EXIT_OK
        diffs = pipeline.check(job, out)
        for warning in job.warnings:
            pipeline.report(warning)
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
        # lint's read errors are usage errors; a refused spec is 1 for generate and check.
        return EXIT_USAGE if args.command == "lint" and exc.exit_code == 1 else exc.exit_code
    except Exception as exc:  # a bug of ours: one line, not a traceback, unless --debug
        if args.debug:
            raise
        print(
            f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)",
            file=sys.stderr,
        )
        return EXIT_TEMPLATE


def _lint(args: argparse.Namespace, config: Config) -> int:
    # Imported here: generate and check need them only when they run the pipeline's steps.
    from .lint import all_rule_ids, check_levels, lint
    from .load import load

    if args.no_config:
        config = replace(config, lint_levels={}, fail_severity="error")
    settings = LintSettings(config.lint_levels, config.source)
    check_levels(settings)
    if args.list_rules:
        for rule_id, (severity, description) in all_rule_ids().items():
            level = config.lint_levels.get(rule_id, severity)
            print(f"{rule_id:42} {level:5} {description}")
        return EXIT_OK
    findings: list[Finding] = []
    unreadable = False
    for path in args.paths or [config.spec]:
        try:
            doc = load(path, display_name=_display(path))
        except GeneratorError as exc:  # say so, and go on with the other files
            print(exc, file=sys.stderr)
            unreadable = True
            continue
        findings.extend(lint(doc, settings))
    sys.stdout.write(report.render(findings, args.format))
    fail = args.fail_severity or config.fail_severity
    if unreadable:
        return EXIT_USAGE
    if args.format == "text":
        print(report.summary(findings), file=sys.stderr)
    failed = any(RANK[f.severity] >= RANK[fail] for f in findings)
    return EXIT_FINDINGS if failed else EXIT_OK


def _display(path: Path) -> str:
    """A path relative to the working directory when it is below it, for short messages."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
