"""The last blocks → the conclusion: the adoption meeting line and the date line."""

from __future__ import annotations

from ..languages import Language
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
