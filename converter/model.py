"""The typed model of a resolution: the only contract between the parser, the AKN writer,
the AKN reader and the text renderer. Data only; spans are left out of equality."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# FAST_INIT: the nodes built most often (spans, inline nodes, paragraphs) store their fields straight in
# the instance's dict: the __init__ a frozen dataclass is given sets each field through
# object.__setattr__, which made building them a twentieth of `to_text`. Same parameters, order
# and defaults as the generated one (tests/test_model.py checks it); still frozen.


@dataclass(frozen=True)
class Span:
    """A range of character offsets in the source text."""

    start: int
    """Offset of the first character."""
    end: int
    """Offset after the last character."""

    def __init__(self, start: int, end: int) -> None:
        d = self.__dict__  # (see FAST_INIT)
        d["start"], d["end"] = start, end


# --- inline nodes -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """Plain text, as printed."""

    text: str
    span: Span | None = field(default=None, compare=False, repr=False)

    def __init__(self, text: str, span: Span | None = None) -> None:
        d = self.__dict__  # (see FAST_INIT)
        d["text"], d["span"] = text, span


@dataclass(frozen=True)
class Emphasis:
    """Bold (`b`) or italic (`i`) text beyond an opening-phrase wrapper."""

    kind: Literal["b", "i"]
    """`b` or `i`."""
    children: tuple[Inline, ...]
    """The emphasised inlines."""
    span: Span | None = field(default=None, compare=False, repr=False)

    def __init__(
        self, kind: Literal["b", "i"], children: tuple[Inline, ...], span: Span | None = None
    ) -> None:
        d = self.__dict__  # (see FAST_INIT)
        d["kind"], d["children"], d["span"] = kind, children, span


@dataclass(frozen=True)
class NoteCall:
    """A call of a footnote."""

    marker: str
    """The marker as printed (any digit script)."""
    span: Span | None = field(default=None, compare=False, repr=False)

    def __init__(self, marker: str, span: Span | None = None) -> None:
        d = self.__dict__  # (see FAST_INIT)
        d["marker"], d["span"] = marker, span


@dataclass(frozen=True)
class Superscript:
    """A superscript that is not a footnote call (1er, nº)."""

    text: str
    """The superscript text."""
    span: Span | None = field(default=None, compare=False, repr=False)


Inline = Text | Emphasis | NoteCall | Superscript


# --- blocks ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MastheadLine:
    """One printed line of the masthead, classified."""

    kind: str
    """One of: distribution, date, body, session, agenda, agenda_title, title, proponent, symbol,
    publisher, other."""
    text: str
    """The line as printed."""
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Masthead:
    """The masthead (cover page) and what it says."""

    lines: tuple[MastheadLine, ...]
    """Printed lines in order."""
    issued: str | None
    """Issuance date, ISO, when printed."""
    session: str | None
    """Session as a number ("67") or an emergency session ("ES-11")."""
    agenda_number: str | None
    """Agenda item number in ASCII digits."""
    agenda_letter: str | None
    """Agenda item letter as printed."""
    adopted: str | None
    """Adoption date from an "adopted … on" title line, ISO."""
    committee: str | None
    """Key of the committee in the proponent line (noMainCommittee, thirdCommittee, …)."""
    documents: tuple[tuple[str, str], ...]
    """Originating documents of the proponent line: (as printed, full symbol)."""
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Footer:
    """First-page furniture kept as metadata."""

    job_number: str | None
    """The job number as printed (12-49442, 25-19432 (E))."""
    recycle: str | None
    """The recycle line as printed."""


@dataclass(frozen=True)
class Footnote:
    """A footnote body."""

    marker: str
    """The marker as printed."""
    content: tuple[Inline, ...]
    """The footnote text."""
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class PreambularParagraph:
    """One preambular paragraph."""

    opening: str
    """The opening phrase as printed (the container's name); may be empty."""
    content: tuple[Inline, ...]
    """What follows the opening phrase."""
    span: Span | None = field(default=None, compare=False, repr=False)

    def __init__(self, opening: str, content: tuple[Inline, ...], span: Span | None = None) -> None:
        d = self.__dict__  # (see FAST_INIT)
        d["opening"], d["content"], d["span"] = opening, content, span


@dataclass(frozen=True)
class Point:
    """A sub-paragraph: (a), (i), …"""

    num: str
    """The printed number with its punctuation: "(a)"."""
    content: tuple[Inline, ...]
    """The text of the point (its intro when it has points)."""
    points: tuple[Point, ...] = ()
    """Sub-points."""
    wrap_up: tuple[Inline, ...] = ()
    """Text after the sub-points."""
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class OperativeParagraph:
    """One operative paragraph."""

    num: str | None
    """The printed number with its punctuation ("١ -", "3."), or None when unnumbered."""
    opening: str
    """The operative phrase (verb) as printed; may be empty."""
    content: tuple[Inline, ...]
    """What follows the opening phrase (the intro when there are points)."""
    points: tuple[Point, ...] = ()
    """Sub-paragraphs."""
    wrap_up: tuple[Inline, ...] = ()
    """Text after the points."""
    span: Span | None = field(default=None, compare=False, repr=False)

    def __init__(
        self,
        num: str | None,
        opening: str,
        content: tuple[Inline, ...],
        points: tuple[Point, ...] = (),
        wrap_up: tuple[Inline, ...] = (),
        span: Span | None = None,
    ) -> None:
        d = self.__dict__  # (see FAST_INIT)
        d["num"], d["opening"], d["content"], d["points"] = num, opening, content, points
        d["wrap_up"], d["span"] = wrap_up, span


@dataclass(frozen=True)
class CrossHeading:
    """A heading between operative paragraphs that opens no section."""

    content: tuple[Inline, ...]
    """The heading text."""
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Section:
    """A numbered, headed group of operative paragraphs (I., A.)."""

    num: str
    """The printed number: "I."."""
    heading: tuple[Inline, ...]
    """The heading text."""
    children: tuple[BodyNode, ...]
    """Paragraphs, cross-headings, tables and sub-sections."""
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Table:
    """A table between operative paragraphs, row by row."""

    rows: tuple[tuple[tuple[Inline, ...], ...], ...]
    """Cells of each row."""
    header_rows: int
    """How many leading rows are headers."""
    span: Span | None = field(default=None, compare=False, repr=False)


BodyNode = OperativeParagraph | CrossHeading | Section | Table


@dataclass(frozen=True)
class Conclusion:
    """The adoption meeting and date printed at the end."""

    meeting_text: str | None
    """The meeting line as printed."""
    meeting: str | None
    """The meeting number in ASCII digits."""
    date_text: str | None
    """The date line as printed."""
    date: str | None
    """ISO date."""
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Annex:
    """An annex: its printed heading lines and its content."""

    heading: tuple[str, ...]
    """Printed heading lines ("Annex", a title)."""
    blocks: tuple[tuple[Inline, ...], ...]
    """Paragraphs of the annex as printed, numbers included."""
    span: Span | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Body:
    """Preamble and operative part of one resolution (or of one part)."""

    formula: str
    """The enacting formula as printed, without its final punctuation."""
    formula_tail: str
    """Punctuation printed after the formula ("،", ",")."""
    preamble: tuple[PreambularParagraph, ...]
    """Preambular paragraphs."""
    operative: tuple[BodyNode, ...]
    """Operative paragraphs, sections and cross-headings."""


@dataclass(frozen=True)
class Part:
    """One part (A, B, …) of a resolution in parts."""

    label: str
    """The printed part line ("A", "B")."""
    title: str
    """The part's title as printed (may be empty)."""
    body: Body
    """Its preamble and operative part."""
    conclusion: Conclusion
    """Its adoption meeting and date."""


@dataclass(frozen=True)
class Resolution:
    """A General Assembly resolution."""

    language: str
    """ISO 639-1 code of the language data used (ar, en, …)."""
    masthead: Masthead
    """The masthead."""
    footer: Footer
    """First-page furniture kept as metadata."""
    number_text: str
    """The resolution number as printed ("٢٦٤/٦٧", "79/9")."""
    session: str
    """Session: "67", or "ES-11" for an emergency special session."""
    number: str
    """Resolution number within the session in ASCII digits ("264")."""
    title_separator: str
    """What is printed between the number and the title (" - ", ". ")."""
    title: tuple[Inline, ...]
    """The title as printed."""
    body: Body
    """Preamble and operative part (empty formula when the resolution is in parts)."""
    parts: tuple[Part, ...]
    """Parts A, B, … of a resolution in parts; empty otherwise."""
    conclusion: Conclusion
    """Adoption meeting and date."""
    annexes: tuple[Annex, ...]
    """Annexes in order."""
    footnotes: tuple[Footnote, ...]
    """Footnote bodies in marker order."""
    adopted: str
    """Adoption date, ISO."""
    issued: str
    """Issuance date, ISO (printed, else from front matter, else the adoption date)."""
    issued_printed: bool
    """Whether the issuance date is printed in the masthead."""
