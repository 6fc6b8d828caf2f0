"""Convert United Nations General Assembly resolutions into Akoma Ntoso 3.0 (AKN4UN) and back.

The public verbs (DESIGN §6):

    convert(text)   -> validated AKN (str); raises ConversionError with every diagnostic
    parse(text)     -> Parsed(resolution, diagnostics)
    to_akn(model)   -> AKN (str), not validated
    read_akn(xml)   -> the model of an AKN document (ours or the UN's)
    to_text(xml)    -> the text form of an AKN document (docs/text-format.md)
    validate(xml)   -> diagnostics of the official XSD and the AKN4UN profile

Importing the package is cheap (~0.1 s): what is expensive — compiling the XSD, the Schematron
profile and the Jinja environment, loading a language's data — happens at first use and is cached
for the process. `parse` and `validate` are bound here eagerly on purpose: they share their names
with the subpackages `converter.parse` and `converter.validate`, and a lazily bound name would be
shadowed by the submodule as soon as anything imported it.
"""

from __future__ import annotations

import datetime
from importlib import metadata

from .akn import to_akn
from .akn_reader import ReadError, read_akn
from .diagnostics import ConversionError, Diagnostic, Severity, has_errors
from .model import (
    Annex,
    Body,
    BodyNode,
    Conclusion,
    CrossHeading,
    Emphasis,
    Footer,
    Footnote,
    Inline,
    Masthead,
    MastheadLine,
    NoteCall,
    OperativeParagraph,
    Part,
    Point,
    PreambularParagraph,
    Resolution,
    Section,
    Span,
    Superscript,
    Table,
    Text,
)
from .parse import Parsed, parse
from .text import render_text
from .validate import validate


def _version() -> str:
    """The installed distribution's version (pyproject.toml is its one source)."""
    try:
        return metadata.version("un-akn")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"


__version__ = _version()


def convert_with_diagnostics(
    text: str, *, lang: str | None = None, manifestation_date: str | None = None
) -> tuple[str, list[Diagnostic]]:
    """Validated AKN and the warnings met on the way (what `akn convert` prints).

    Raises `ConversionError` carrying every diagnostic when the text cannot be converted or the
    output would not be valid; `ValueError` when `lang` is not one of the six codes or
    `manifestation_date` not YYYY-MM-DD, and `TypeError` when `text` is not a str."""
    check_date(manifestation_date)  # (the text and the language: parse checks them)
    parsed = parse(text, lang=lang)
    if parsed.resolution is None or has_errors(parsed.diagnostics):
        raise ConversionError(parsed.diagnostics)
    xml = to_akn(parsed.resolution, manifestation_date=manifestation_date)
    # The parser has reported numbering gaps at their place in the input; the profile's
    # finding of the same gaps in the output would only repeat them.
    problems = [_about_output(problem) for problem in validate(xml, numbering=False)]
    if has_errors(problems):
        raise ConversionError(parsed.diagnostics + problems)
    return xml, parsed.diagnostics + problems


def convert(text: str, *, lang: str | None = None, manifestation_date: str | None = None) -> str:
    """The text of a resolution as validated AKN; never returns invalid XML.

    `lang` forces the language (ar zh en fr ru es) instead of detecting it; `manifestation_date`
    (YYYY-MM-DD) replaces the issuance date as the manifestation's date. Raises
    `ConversionError` carrying every diagnostic when the text cannot be converted."""
    return convert_with_diagnostics(text, lang=lang, manifestation_date=manifestation_date)[0]


def to_text(xml: str | bytes) -> str:
    """The text form of an AKN resolution (ours or the UN's); raises `ReadError` when the XML is
    not one."""
    return render_text(read_akn(xml))


def check_date(value: str | None) -> None:
    """Refuse a manifestation date that is not an ISO calendar date (YYYY-MM-DD)."""
    if value is None:
        return
    if not isinstance(value, str):
        raise TypeError(f"the manifestation date is a str (YYYY-MM-DD) or None, not {type(value).__name__}")
    try:
        ok = datetime.date.fromisoformat(value).isoformat() == value
    except ValueError:
        ok = False
    if not ok:
        raise ValueError(f"manifestation date {value!r} is not a date in the form YYYY-MM-DD")


def _about_output(problem: Diagnostic) -> Diagnostic:
    """A validation problem of the generated AKN, restated for the input: its line and column are
    the output's, not the input's, so they move into the message."""
    where = f"the generated AKN, line {problem.line}, column {problem.column}"
    return Diagnostic(problem.code, f"{where}: {problem.message}")


__all__ = [
    "Annex",
    "Body",
    "BodyNode",
    "Conclusion",
    "ConversionError",
    "CrossHeading",
    "Diagnostic",
    "Emphasis",
    "Footer",
    "Footnote",
    "Inline",
    "Masthead",
    "MastheadLine",
    "NoteCall",
    "OperativeParagraph",
    "Parsed",
    "Part",
    "Point",
    "PreambularParagraph",
    "ReadError",
    "Resolution",
    "Section",
    "Severity",
    "Span",
    "Superscript",
    "Table",
    "Text",
    "__version__",
    "convert",
    "convert_with_diagnostics",
    "parse",
    "read_akn",
    "to_akn",
    "to_text",
    "validate",
]
