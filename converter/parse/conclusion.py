"""The last blocks → the conclusion: the adoption meeting line and the date line."""

from __future__ import annotations

from functools import cache, lru_cache

import regex

from ..languages import Language, load
from ..model import Conclusion, Span
from .blocks import Block, at_end
from .dates import iso_date


def find_conclusion(blocks: list[Block], lang: Language, start: int) -> tuple[int, int, Conclusion] | None:
    """(index of the meeting line, index after the conclusion, conclusion) — the last meeting
    line at or after `start` that is followed by a date (or is one)."""
    meeting = lang.pattern("conclusion.meeting")
    for i in range(len(blocks) - 1, start - 1, -1):
        block = blocks[i]
        if block.escaped:
            continue
        combined = _meeting_and_date(lang, block)
        if combined is not None:
            return i, i + 1, combined
        match = meeting.match(block.text)
        if not match:
            continue
        number = str(int(match.group("number")))
        date_block = blocks[i + 1] if i + 1 < len(blocks) else None
        date = iso_date(lang, date_block.text) if date_block is not None and not date_block.escaped else None
        if date is not None and date_block is not None:
            span = Span(block.start, date_block.span().end)
            return i, i + 2, Conclusion(block.text, number, date_block.text, date, span)
        return i, i + 1, Conclusion(block.text, number, None, None, block.span())
    return None


def _meeting_and_date(lang: Language, block: Block) -> Conclusion | None:
    """A meeting line and its date that extraction put on one line ("52nd plenary meeting
    1 December 2025")."""
    found = next(reversed(list(lang.date.finditer(block.text))), None)
    if found is None or found.end() != len(block.text) or found.start() == 0:
        return None
    head = block.slice(0, found.start())
    match = lang.pattern("conclusion.meeting").match(head.text)
    if not match:
        return None
    date = iso_date(lang, found.group(0))
    if date is None:
        return None
    tail = block.slice(found.start())
    return Conclusion(head.text, str(int(match.group("number"))), tail.text, date, block.span())


@cache
def date_at_end(code: str) -> regex.Pattern[str]:
    """A date of the language where it ends a text, for `match` (`at_end`)."""
    return at_end(load(code).date)


@lru_cache(maxsize=4096)
def may_end_a_date(code: str, last: str) -> bool:
    """Whether a date of the language may end with the character `last` (or a date and a
    newline, when it is one): whether the reverse pattern matches it alone in part. Most texts
    end with a character no date ends with, and are told so without a match."""
    return date_at_end(code).match(last, partial=True) is not None


# Where a paragraph may end before a conclusion that extraction glued to it: after the end of a
# sentence, or after the bare call of a footnote that follows it ("…;4 52nd plenary meeting", which
# the text form prints "…;^(4) 52nd plenary meeting").
SENTENCE_END = regex.compile(r"(?<=[.;:。；”\"»)]\d{0,3})\s+")


def split_glued_conclusions(blocks: list[Block], lang: Language, start: int = 0) -> list[Block]:
    """A meeting line that extraction ran onto the end of the last paragraph, with its date
    ("… Destruction”. 52nd plenary meeting 1 December 2025") or, from block `start` (after the
    number line), before a date line of its own ("… Destruction”. 52nd plenary meeting" / "1
    December 2025"), becomes a block of its own (and the date too). Read as one paragraph, the
    second would also be printed as the first in the text form, which must read back the same."""
    out: list[Block] = []
    at_end = date_at_end(lang.code)
    for i, block in enumerate(blocks):
        after = blocks[i + 1] if i >= start and i + 1 < len(blocks) else None
        following = after.text if after is not None and not after.escaped else None
        cut = None if block.escaped else conclusion_cut(lang, block.text, following, at_end)
        if cut is None:
            out.append(block)
        else:
            out.extend((block.slice(0, cut), block.slice(cut)))
    return out


# How far from the end of a text a date glued to it may start (glued_at).
GLUED_TAIL = 80
# The longest date line, in any language ("30 de septiembre de 2025", "2025年9月30日").
DATE_LINE_MAX = 40


def conclusion_cut(
    lang: Language, text: str, following: str | None, at_end: regex.Pattern[str] | None = None
) -> int | None:
    """Where split_glued_conclusions cuts a block's text: before a meeting line and date glued to
    its end, or before a meeting line that ends it when the block after (`following`, None when
    none may be read so) is a date line."""
    cut = glued_at(lang, text, at_end)
    if cut is None and following is not None and _is_date_line(lang, following):
        cut = _meeting_glued_at(lang, text, len(text))
    return cut


def _is_date_line(lang: Language, text: str) -> bool:
    """Whether a block's text is a date line (as find_conclusion reads one)."""
    return len(text) <= DATE_LINE_MAX and iso_date(lang, text) is not None


def glued_at(lang: Language, text: str, at_end: regex.Pattern[str] | None = None) -> int | None:
    """Where a conclusion (meeting line and date) glued to the end of text starts, if one is
    (`at_end`: the language's date_at_end, when looked up already)."""
    if not text or not may_end_a_date(lang.code, text[-1]):
        return None  # (no date ends the text: told by its last character)
    tail = text[-GLUED_TAIL:]
    if (at_end or date_at_end(lang.code)).match(tail) is None:
        return None  # (no date ends it: matched from the end, at once)
    found = next(reversed(list(lang.date.finditer(tail))), None)
    if found is None or found.end() != len(tail):
        return None
    return _meeting_glued_at(lang, text, len(text) - len(tail) + found.start())


def _meeting_glued_at(lang: Language, text: str, end: int) -> int | None:
    """Where a meeting line that ends at text[end] starts after the end of a sentence, if one
    does."""
    meeting = lang.pattern("conclusion.meeting")
    for match in SENTENCE_END.finditer(text, max(0, end - 80), end):
        if meeting.match(text[match.end() : end].strip()):
            return match.end()
    return None
