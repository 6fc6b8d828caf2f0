"""Diagnostics are values: a closed list of codes, each with a severity and a span, one formatter,
and the exception that carries them when a text cannot be converted."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .model import Span


class Severity(StrEnum):
    """How bad a diagnostic is: errors refuse the output, warnings never do."""

    ERROR = "error"
    WARNING = "warning"


# The closed list of codes: code -> (severity, one-line description for docs/diagnostics.md).
CODES: dict[str, tuple[Severity, str]] = {
    "empty-input": (Severity.ERROR, "the input is empty or only whitespace"),
    "binary-input": (Severity.ERROR, "the input is binary data, not text"),
    "encoding": (Severity.ERROR, "the input bytes cannot be decoded as text"),
    "too-large": (
        Severity.ERROR,
        "more lines, paragraphs, footnotes or inline markup than a resolution may have",
    ),
    "not-a-resolution": (Severity.ERROR, "no resolution number, formula or operative paragraph was found"),
    "no-adoption-date": (Severity.ERROR, "no adoption date: neither a conclusion nor an 'adopted on' line"),
    "unknown-language": (Severity.ERROR, "the language could not be detected; use --lang"),
    "invalid-xml": (Severity.ERROR, "the AKN given cannot be parsed or is not a resolution"),
    "schema": (Severity.ERROR, "the document fails the official AKN 3.0 schema"),
    "profile": (Severity.ERROR, "the document fails the AKN4UN profile"),
    "control-character": (Severity.WARNING, "a character illegal in XML was dropped"),
    "unknown-opening": (Severity.WARNING, "a preambular paragraph opens with an unknown phrase"),
    "note-without-body": (Severity.WARNING, "a footnote is called but its body is missing"),
    "note-not-called": (Severity.WARNING, "a footnote body is never called"),
    "empty-note": (Severity.WARNING, "a footnote definition has no text: it is left out"),
    "numbering": (Severity.WARNING, "operative paragraphs are not numbered 1..n"),
    "number-order": (
        Severity.WARNING,
        "the session in the number could not be confirmed by the session line",
    ),
    "issued-from-front-matter": (Severity.WARNING, "the issuance date comes from the front matter"),
    "title-completed": (
        Severity.WARNING,
        "the title was cut after a word that cannot end it; completed from the agenda item's title",
    ),
    "issued-from-adoption": (Severity.WARNING, "no issuance date printed: the adoption date is used"),
    "unparsed-masthead": (Severity.WARNING, "a masthead line was not recognised"),
    "profile-warning": (Severity.WARNING, "the document breaks a recommendation of the profile"),
}


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in an input, with where it is."""

    code: str
    """A key of CODES."""
    message: str
    """What is wrong, for a person."""
    span: Span | None = None
    """Where in the source; None for the whole input."""
    line: int = 1
    """1-based line of span.start (1 for the whole input)."""
    column: int = 1
    """1-based column of span.start (1 for the whole input)."""

    @property
    def severity(self) -> Severity:
        return CODES[self.code][0]

    def format(self, filename: str = "<input>") -> str:
        """`file:line:col: severity[code]: message`."""
        return f"{filename}:{self.line}:{self.column}: {self.severity.value}[{self.code}]: {self.message}"


class ConversionError(Exception):
    """Raised by `convert` when a text cannot be converted; carries every diagnostic."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.severity is Severity.ERROR] or diagnostics
        super().__init__(errors[0].format() if errors else "conversion failed")

    def __reduce__(self) -> tuple[type[ConversionError], tuple[list[Diagnostic]]]:
        # Rebuild from the diagnostics, so that the error crosses process boundaries intact.
        return (ConversionError, (self.diagnostics,))


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    """Whether any diagnostic is an error."""
    return any(d.severity is Severity.ERROR for d in diagnostics)
