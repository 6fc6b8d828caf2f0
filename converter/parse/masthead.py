"""Blocks before the formula → the masthead (each printed line classified, with the dates,
session, agenda item and originating documents it states) and the number-and-title line."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import regex

from ..languages import Language, dates_of, normal
from ..model import Inline, Masthead, MastheadLine, Span, Text
from .blocks import Block
from .dates import iso_date
from .inline import plain
from .phrases import split_opening

# An originating document inside a proponent line: a symbol, or an addendum of the previous one.
SYMBOL = regex.compile(r"^[A-Z]+(?:/[\w.\-()]+)+$")
SUFFIX = regex.compile(r"^(?:Add|Rev|Corr|Amend)\.\d+(?:/(?:Add|Rev|Corr|Amend)\.\d+)*$")
# Bidirectional marks and other invisible characters that PDF and Word pipelines leave around
# numbers; they are kept in the printed text but ignored when reading it.
INVISIBLE = regex.compile(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]")
PARENTHESISED = regex.compile(r"\((?P<inner>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*\]?\s*$")


@dataclass(frozen=True)
class NumberLine:
    """What the number-and-title line says."""

    printed: str
    first: str
    second: str
    emergency: bool
    separator: str
    title_start: int


def match_number(lang: Language, text: str) -> regex.Match[str] | None:
    """The number-and-title pattern (ordinary, then emergency) on a line."""
    return lang.pattern("number.pattern").match(text) or lang.pattern("number.emergency").match(text)


def read_number(lang: Language, block: Block) -> NumberLine | None:
    """The parts of a number-and-title line (an escaped block is none)."""
    match = None if block.escaped else match_number(lang, block.text)
    if not match:
        return None
    emergency = match.re is lang.pattern("number.emergency")
    printed = block.text[match.start("first") : match.end("second")]
    return NumberLine(
        printed,
        match.group("first"),
        match.group("second"),
        emergency,
        match.group("sep"),
        match.start("title"),
    )


def separator_out_of_title(
    lang: Language, number: str, separator: str, title: tuple[Inline, ...]
) -> tuple[str, tuple[Inline, ...]]:
    """The separator and title of a number line, with a separator that starts the title moved
    out of it, as the printed line reads: "٢٦٤/٦٧ <docTitle>- …</docTitle>" (some of the UN's
    files) or an escaped "٢٦٤/٦٧ \\- …" would otherwise not read back the same from the text form."""
    if not title or type(title[0]) is not Text:
        return separator, title
    text = plain(title)
    line = f"{number}{separator}{text}"
    match = match_number(lang, line)
    at = match.start("title") - len(number) - len(separator) if match else 0
    if match is None or not 0 < at < len(title[0].text):
        return separator, title
    return line[len(number) : match.start("title")], split_opening(title, text[:at])


# The kinds read by one pattern of the language data, after the date and around the session.
PATTERN_KINDS = tuple(
    (kind, f"masthead.{kind}") for kind in ("publisher", "body", "symbol", "agenda", "title", "proponent")
)


def classify(lang: Language, text: str, seen: AbstractSet[str], previous: str | None = None) -> str:
    """The kind of a masthead line: the first of the kinds, in this order, not seen yet that
    the line reads as; else the agenda item's title when it comes right after the agenda item (or
    after it, before the title line)."""
    p = lang.pattern
    if "distribution" not in seen and p("masthead.distribution").match(text):
        return "distribution"
    if "date" not in seen:
        english = dates_of(lang.data["masthead"]["date_language"])
        if iso_date(english, text) or iso_date(lang, text):
            return "date"
    for kind, key in PATTERN_KINDS[:3]:
        if kind not in seen and p(key).match(text):
            return kind
    if "session" not in seen and session_of(lang, text):
        return "session"
    for kind, key in PATTERN_KINDS[3:]:
        if kind not in seen and p(key).match(text):
            return kind
    if "agenda" in seen and ("title" not in seen or previous == "agenda"):
        return "agenda_title"
    return "other"


def session_of(lang: Language, text: str) -> str | None:
    """The session a session line names: "67", or "ES-11" for an emergency special session."""
    match = lang.pattern("masthead.emergency_session").match(text)
    if match:
        number = lang.emergency_ordinals.get(normal(match.group("ordinal")))
        if number:
            return f"ES-{number}"
    match = lang.pattern("masthead.session").match(text)
    if match:
        found = lang.ordinals.get(normal(match.group("ordinal")))
        if found:
            return str(found)
    return None


def documents_of(lang: Language, text: str) -> tuple[tuple[str, str], ...]:
    """Originating documents of a proponent line: (as printed, full symbol)."""
    match = PARENTHESISED.search(text)
    if not match:
        return ()
    out: list[tuple[str, str]] = []
    previous = ""
    for item in lang.pattern("masthead.document_separator").split(match.group("inner")):
        item = item.strip()
        if SYMBOL.match(item):
            previous = item
            out.append((item, item))
        elif previous and SUFFIX.match(item):
            out.append((item, f"{previous}/{item}"))
        elif out:
            break
    return tuple(out)


def committee_of(lang: Language, text: str) -> str | None:
    """The reference key of the committee named in a proponent line."""
    key = normal(text)
    for phrase, committee in lang.committees:
        if phrase in key:
            return committee
    return None


# Kinds that a piece of a combined masthead line must have to count as recognised.
KNOWN = frozenset(
    {"distribution", "date", "publisher", "body", "symbol", "session", "agenda", "title", "proponent"}
)
WORD = regex.compile(r"\S+")


def _segments(lang: Language, blocks: list[Block]) -> list[tuple[Block, str]]:
    """Masthead lines as classified pieces: a line that extraction combined ("General Assembly
    Distr.: General 3 December 2025") is split into its items; a title line continued on the
    next line ("… General Assembly" / "on 26 November 2025") is joined again."""
    seen: set[str] = set()
    out: list[tuple[Block, str]] = []
    for block in blocks:
        previous = out[-1][1] if out else None
        pieces = _split(lang, block, frozenset(seen), previous) or [
            (block, classify(lang, _visible(block), seen, previous))
        ]
        for piece, kind in pieces:
            if out and _continues_title(lang, out[-1], piece, kind):
                joined = out[-1][0].join(piece, lang.join)
                out[-1] = (joined, "title")
                continue
            if out and kind == "other" and out[-1][1] == "agenda_title":
                out[-1] = (out[-1][0].join(piece, lang.join), "agenda_title")
                continue
            seen.add(kind)
            out.append((piece, kind))
    return out


def _visible(block: Block) -> str:
    return visible(block.text)


def visible(text: str) -> str:
    """The text without invisible characters (format controls, soft hyphens)."""
    # (A search finds there is none, as there nearly never is, faster than a substitution.)
    return text if INVISIBLE.search(text) is None else INVISIBLE.sub("", text)


def _continues_title(lang: Language, previous: tuple[Block, str], piece: Block, kind: str) -> bool:
    """A title line without its date, followed by the rest that carries it."""
    if previous[1] != "title" or kind not in ("other", "date"):
        return False
    title = lang.pattern("masthead.title")
    before = title.match(_visible(previous[0]))
    after = title.match(_visible(previous[0]) + lang.join + _visible(piece))
    return bool(before and not before.group("date") and after and after.group("date"))


def _split(
    lang: Language, block: Block, seen: frozenset[str], previous: str | None
) -> list[tuple[Block, str]] | None:
    """The recognised pieces of a combined masthead line; the line alone when it is one known
    item; None when it is neither."""
    text = _visible(block)
    whole = classify(lang, text, seen, previous)
    agenda = lang.pattern("masthead.agenda").match(text) if whole == "agenda" else None
    after = text[agenda.end() :].strip() if agenda else ""
    # The rest of an agenda item's line is its title, unless it is an item of its own ("… 16
    # August 2013": the date of issuance, which the words loop below splits off).
    if whole == "agenda" and agenda and after:
        if classify(lang, after, {*seen, "agenda"}) not in KNOWN:
            cut = _word_cut(block.text, agenda.end())
            if cut >= len(block.text):  # (the title's words run on from the item's, unspaced)
                return [(block, "agenda")]
            return [(block.slice(0, cut), "agenda"), (block.slice(cut), "agenda_title")]
    elif whole in KNOWN:
        return [(block, whole)]
    words = list(WORD.finditer(block.text))
    hidden = text != block.text  # (invisible characters to take out of each head)
    for i in range(1, len(words)):
        # (The head's text is block.slice(0, cut).text: sliced only when it is known.)
        head_text = block.text[: words[i].start()].strip()
        kind = classify(lang, INVISIBLE.sub("", head_text) if hidden else head_text, seen, previous)
        if kind not in KNOWN:
            continue
        head, tail = block.slice(0, words[i].start()), block.slice(words[i].start())
        rest = _split(lang, tail, seen | {kind}, kind)
        if rest is None:
            rest_kind = classify(lang, _visible(tail), seen | {kind}, kind)
            if rest_kind not in KNOWN:
                continue
            rest = [(tail, rest_kind)]
        return [(head, kind), *rest]
    return None


def _word_cut(text: str, at: int) -> int:
    """`at`, moved forward to the end of the word it falls in."""
    while at < len(text) and not text[at].isspace():
        at += 1
    return at


def read_masthead(
    lang: Language, blocks: list[Block], *, spans: bool = True
) -> tuple[Masthead, list[tuple[Block, str]]]:
    """The masthead of the blocks before the number line; unrecognised lines are returned too.
    Without `spans` (blocks that are not from a source text), no spans."""
    english = dates_of(lang.data["masthead"]["date_language"])
    lines: list[MastheadLine] = []
    seen: set[str] = set()
    issued = session = agenda_number = agenda_letter = adopted = committee = None
    documents: tuple[tuple[str, str], ...] = ()
    unknown: list[tuple[Block, str]] = []
    for block, kind in _segments(lang, blocks):
        text = visible(block.text)
        seen.add(kind)
        lines.append(MastheadLine(kind, block.text, block.span() if spans else None))
        if kind == "date":
            issued = iso_date(english, text) or iso_date(lang, text)
        elif kind == "session":
            session = session_of(lang, text)
        elif kind == "agenda":
            match = lang.pattern("masthead.agenda").match(text)
            assert match is not None
            agenda_number = str(int(match.group("number")))
            agenda_letter = match.group("letter")
        elif kind == "title":
            match = lang.pattern("masthead.title").match(text)
            if match and match.group("date"):
                adopted = iso_date(lang, match.group("date"))
        elif kind == "proponent":
            committee = committee_of(lang, text)
            documents = documents_of(lang, text)
        elif kind == "other":
            unknown.append((block, text))
    span = Span(blocks[0].start, blocks[-1].span().end) if blocks and spans else None
    masthead = Masthead(
        tuple(lines), issued, session, agenda_number, agenda_letter, adopted, committee, documents, span
    )
    return masthead, unknown
