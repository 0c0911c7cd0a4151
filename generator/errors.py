"""Errors the generator reports to its user: one line each, located in the spec."""

from __future__ import annotations

from dataclasses import dataclass

# Exit codes of the command line, documented in the README.
EXIT_OK = 0
EXIT_FINDINGS = 1  # `check`: generated/ is stale; `generate`: the spec was refused
EXIT_USAGE = 2  # bad arguments, or an input that cannot be read or parsed
EXIT_TEMPLATE = 3  # the templates failed to render or produced invalid Python, or a bug of ours


@dataclass(frozen=True, slots=True)
class Location:
    """A place in an input file; line and column are 1-based."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


class GeneratorError(Exception):
    """An error reported as one line, `file:line:col error rule message`, and an exit code."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, location: Location | None = None, rule: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.rule = rule

    def __reduce__(self) -> tuple[object, ...]:
        # Raised in a formatting worker, it crosses to the main process whole.
        return (_rebuild, (type(self), self.message, self.location, self.rule))

    def __str__(self) -> str:
        parts = [str(self.location)] if self.location else []
        parts.append("error")
        if self.rule:
            parts.append(self.rule)
        # One line, whatever the message holds: spec text can carry newlines.
        parts.append(" ".join(self.message.split()))
        return " ".join(parts)


def _rebuild(
    cls: type[GeneratorError], message: str, location: Location | None, rule: str
) -> GeneratorError:
    return cls(message, location=location, rule=rule)


class InputError(GeneratorError):
    """The spec cannot be read or parsed (missing file, not UTF-8, invalid YAML)."""

    exit_code = EXIT_USAGE


class SpecError(GeneratorError):
    """The spec was read but is not one we can generate from."""

    exit_code = EXIT_FINDINGS


class SpecErrors(GeneratorError):
    """Several spec errors at once; each is reported on its own line."""

    exit_code = EXIT_FINDINGS

    def __init__(self, errors: list[SpecError]) -> None:
        super().__init__(f"{len(errors)} error(s) in the spec")
        self.errors = errors

    def __reduce__(self) -> tuple[object, ...]:
        return (SpecErrors, (self.errors,))

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


class InternalError(GeneratorError):
    """A bug of ours met on this input; reported in one line (`--debug` shows the traceback)."""

    exit_code = EXIT_TEMPLATE


class TemplateError(GeneratorError):
    """A template failed to render, or rendered text that is not valid Python."""

    exit_code = EXIT_TEMPLATE
