"""The last blocks → the conclusion: the adoption meeting line and the date line."""

from __future__ import annotations

from functools import cache

import regex

from ..languages import Language, load
from ..model import Conclusion, Span
from .blocks import Block
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
    """A date of the language that ends the text, searched for from the end (a text that no date
    ends fails at once instead of after a scan of all of it)."""
    date = load(code).date
    return regex.compile(f"(?:{date.pattern})$", date.flags | regex.REVERSE)


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
        cut = None if block.escaped else glued_at(lang, block.text, at_end)
        if cut is None and i >= start and not block.escaped and _date_line_follows(lang, blocks, i):
            cut = _meeting_glued_at(lang, block.text, len(block.text))
        if cut is None:
            out.append(block)
        else:
            out.extend((block.slice(0, cut), block.slice(cut)))
    return out


# The longest date line, in any language ("30 de septiembre de 2025", "2025年9月30日").
DATE_LINE_MAX = 40


def _date_line_follows(lang: Language, blocks: list[Block], i: int) -> bool:
    """Whether the block after blocks[i] is a date line (as find_conclusion reads one)."""
    if i + 1 >= len(blocks):
        return False
    after = blocks[i + 1]
    return not after.escaped and len(after.text) <= DATE_LINE_MAX and iso_date(lang, after.text) is not None


def glued_at(lang: Language, text: str, at_end: regex.Pattern[str] | None = None) -> int | None:
    """Where a conclusion (meeting line and date) glued to the end of text starts, if one is
    (`at_end`: the language's date_at_end, when looked up already)."""
    tail = text[-80:]
    if (at_end or date_at_end(lang.code)).search(tail) is None:
        return None  # (no date ends the text: found below at once, from the end)
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
