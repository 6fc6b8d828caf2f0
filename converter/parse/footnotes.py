"""Footnote bodies → `Footnote`s taken out of the block stream, remembering which content block
precedes each body (an uncalled body is attached there)."""

from __future__ import annotations

from dataclasses import dataclass

from ..languages import Language
from .blocks import Block


@dataclass(frozen=True)
class RawNote:
    """A footnote body found in the input."""

    marker: str
    """As printed."""
    key: str
    """The marker in ASCII digits."""
    block: Block
    """Its text (without the marker)."""
    after: int
    """Index, among the content blocks kept, of the block it follows (-1 when first)."""


def ascii_digits(text: str) -> str:
    """Any decimal digit script → ASCII digits (other characters unchanged)."""
    out = []
    for ch in text:
        out.append(str(int(ch)) if ch.isdecimal() else ch)
    return "".join(out)


def take_bodies(blocks: list[Block], lang: Language) -> tuple[list[Block], list[RawNote]]:
    """Content blocks, and the footnote bodies among the blocks."""
    pattern = lang.pattern("footnotes.body")
    kept: list[Block] = []
    notes: list[RawNote] = []
    seen: set[str] = set()
    for block in blocks:
        match = None if block.escaped else pattern.match(block.text)
        if match and ascii_digits(match.group("marker")) not in seen:
            marker = match.group("marker")
            seen.add(ascii_digits(marker))
            notes.append(RawNote(marker, ascii_digits(marker), block.slice(match.end()), len(kept) - 1))
            continue
        kept.append(block)
    return kept, notes


def called_markers(blocks: list[Block], lang: Language) -> set[str]:
    """ASCII keys of every marker called in the blocks."""
    call = lang.pattern("footnotes.call")
    return {ascii_digits(m.group("marker")) for b in blocks for m in call.finditer(b.text)}
