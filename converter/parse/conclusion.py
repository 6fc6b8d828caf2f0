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
