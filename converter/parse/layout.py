"""Physical lines → logical blocks: lines that a PDF extractor wrapped at the page width are
joined again (a hyphen at a line end is kept and joined without a space; Chinese lines join
without a space), while lines that stand on their own — masthead items, furniture, numbers,
points, footnote bodies, table rows — stay apart. Lines separated by a blank line are never
joined here (page breaks are the body parser's business)."""

from __future__ import annotations

from collections.abc import Callable

import regex

from ..languages import Language
from .blocks import Block
from .furniture import BARCODE, JOB_NUMBER, PAGE_COUNTER, RULE

# A number alone on its line ("1.", "١ -"), waiting for its text on the next line.
HYPHEN_END = regex.compile(r"\p{L}-$")
# A footnote definition in cleaned markdown: "[^12]: text".
MARKDOWN_NOTE = regex.compile(r"^\[\^(?P<marker>\d+)\]:\s*")


def standalone_checks(lang: Language) -> tuple[Callable[[str], bool], Callable[[str], bool]]:
    """(starts_unit, whole_unit): a line that starts a unit of its own (it is never joined to the
    line above), and a line that is a whole unit (nothing is joined to it)."""
    p = lang.pattern
    starts = (
        p("operative.numbered"),
        p("points.level1"),
        p("points.level2"),
        p("footnotes.body"),
        p("conclusion.meeting"),
        MARKDOWN_NOTE,
    )
    whole = (
        p("masthead.distribution"),
        p("masthead.body"),
        p("masthead.publisher"),
        p("masthead.symbol"),
        p("masthead.session"),
        p("masthead.title"),
        p("masthead.proponent"),
        p("conclusion.meeting"),
        p("sections.annex"),
        p("sections.part"),
        JOB_NUMBER,
        BARCODE,
        RULE,
        PAGE_COUNTER,
    )
    recycle = " ".join(lang.data["furniture"]["recycle"].split())

    def is_whole(text: str) -> bool:
        if text == recycle or lang.formula.fullmatch(text.rstrip(",،，:")) or lang.date.fullmatch(text):
            return True
        return any(c.match(text) for c in whole)

    def starts_unit(text: str) -> bool:
        return text.startswith(("|", "# ")) or is_whole(text) or any(c.match(text) for c in starts)

    return starts_unit, is_whole


# A unit that stands alone (a masthead line, furniture, a meeting line, a heading) is shorter
# than this: a longer text is not tested as one. (Each test of a long text costs time in its
# length, and a block that grows by thousands of joined lines was tested at each: a 1.2 MB text
# of short lines took 53 s, 10 MB would have taken an hour.)
WHOLE_AT_MOST = 1000


def join_wrapped(blocks: list[Block], lang: Language) -> list[Block]:
    """Blocks with the lines an extractor wrapped joined again. In time linear in the text: the
    blocks of a unit are joined once, at its end (`Block.join` one at a time copies the text so
    far at each)."""
    starts_unit, is_whole = standalone_checks(lang)
    number_alone = lang.pattern("operative.numbered")
    out: list[Block] = []
    unit: _Unit | None = None  # out[-1] while lines are joined to it
    for block in blocks:
        if not out or block.after_blank:  # (a line after a blank line is never joined)
            if unit is not None:
                out[-1], unit = unit.joined(), None
            out.append(block)
            continue
        if unit is None:
            text = out[-1].text
            short: str | None = text if len(text) <= WHOLE_AT_MOST else None
            first, tail = text[:1], text[-2:]
        else:
            short, first, tail = unit.short, unit.first, unit.tail
        if (
            not block.escaped
            and not starts_unit(block.text)
            and not (short is not None and is_whole(short))
            and first != "|"
        ):
            separator = "" if HYPHEN_END.search(tail) else lang.join
        elif short is not None and _number_only(short, number_alone):
            separator = " "
        else:
            if unit is not None:
                out[-1], unit = unit.joined(), None
            out.append(block)
            continue
        if unit is None:
            unit = _Unit(out[-1])
        unit.add(block, separator)
    if unit is not None:
        out[-1] = unit.joined()
    return out


class _Unit:
    """A block and the blocks joined to it, as they come, with what `join_wrapped` asks of their
    text (what `Block.join` of each onto the ones before would make)."""

    def __init__(self, block: Block) -> None:
        self.blocks: list[tuple[str, Block]] = [("", block)]
        text = block.text
        self.length = len(text)
        self.short: str | None = text if len(text) <= WHOLE_AT_MOST else None
        """The text while it is at most WHOLE_AT_MOST long, else None."""
        self.first = text[:1]
        """Its first character."""
        self.tail = text[-2:]
        """Its last two characters."""

    def add(self, block: Block, separator: str) -> None:
        self.blocks.append((separator, block))
        if not block.text:  # (nothing joined, no separator: Block.join)
            return
        if self.length == 0:
            separator = ""
            self.first = block.text[0]
        self.length += len(separator) + len(block.text)
        if self.short is not None:
            self.short = self.short + separator + block.text if self.length <= WHOLE_AT_MOST else None
        self.tail = (self.tail + separator + block.text[-2:])[-2:]

    def joined(self) -> Block:
        """The one block: `Block.join` of each onto the ones before, in one pass."""
        first = self.blocks[0][1]
        texts: list[str] = []
        segments: list[tuple[int, int]] = []
        length = 0
        for separator, block in self.blocks:
            if not block.text:
                continue
            if texts:
                texts.append(separator)
                length += len(separator)
            segments.extend((index + length, offset) for index, offset in block.segments)
            texts.append(block.text)
            length += len(block.text)
        if not texts:
            return first
        return Block("".join(texts), tuple(segments), first.escaped, first.after_blank)


def _number_only(text: str, numbered: regex.Pattern[str]) -> bool:
    """A paragraph number alone on its line: "1." ("1. " before its text)."""
    return len(text) <= 8 and bool(numbered.match(text + " x"))
