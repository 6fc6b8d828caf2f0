"""Convert United Nations General Assembly resolutions into Akoma Ntoso 3.0 (AKN4UN) and back.

The public verbs:

    convert(text)   -> validated AKN (str); raises ConversionError with the diagnostics
    parse(text)     -> Parsed(resolution, diagnostics)
    to_akn(model)   -> AKN (str), not validated
    read_akn(xml)   -> the model of an AKN document (ours or the UN's)
    to_text(xml)    -> the text form of an AKN document (docs/text-format.md)
    validate(xml)   -> diagnostics of the official XSD and the AKN4UN profile
"""

from __future__ import annotations

from .akn import to_akn
from .akn_reader import ReadError, read_akn
from .diagnostics import ConversionError, Diagnostic, Severity, has_errors
from .model import (
    Annex,
    Body,
    Conclusion,
    CrossHeading,
    Emphasis,
    Footer,
    Footnote,
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
    Text,
)
from .parse import Parsed, parse
from .text import render_text
from .validate import validate

__version__ = "0.1.0"


def convert_with_diagnostics(
    text: str, *, lang: str | None = None, manifestation_date: str | None = None
) -> tuple[str, list[Diagnostic]]:
    """Validated AKN and the warnings met on the way; raises `ConversionError` when the text
    cannot be converted or the output would not be valid."""
    parsed = parse(text, lang=lang)
    if parsed.resolution is None or has_errors(parsed.diagnostics):
        raise ConversionError(parsed.diagnostics)
    xml = to_akn(parsed.resolution, manifestation_date=manifestation_date)
    problems = validate(xml)
    if has_errors(problems):
        raise ConversionError(parsed.diagnostics + problems)
    return xml, parsed.diagnostics + problems


def convert(text: str, *, lang: str | None = None, manifestation_date: str | None = None) -> str:
    """The text of a resolution as validated AKN; raises `ConversionError` carrying the
    diagnostics when it cannot be converted."""
    return convert_with_diagnostics(text, lang=lang, manifestation_date=manifestation_date)[0]


def to_text(xml: str | bytes) -> str:
    """The text form of an AKN resolution (ours or the UN's)."""
    return render_text(read_akn(xml))


__all__ = [
    "Annex",
    "Body",
    "Conclusion",
    "ConversionError",
    "CrossHeading",
    "Diagnostic",
    "Emphasis",
    "Footer",
    "Footnote",
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
