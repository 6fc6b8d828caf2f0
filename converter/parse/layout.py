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


def join_wrapped(blocks: list[Block], lang: Language) -> list[Block]:
    """Blocks with the lines an extractor wrapped joined again."""
    starts_unit, is_whole = standalone_checks(lang)
    number_alone = lang.pattern("operative.numbered")
    out: list[Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if (
            previous is not None
            and not block.after_blank
            and not block.escaped
            and not starts_unit(block.text)
            and not is_whole(previous.text)
            and not previous.text.startswith("|")
        ):
            separator = "" if HYPHEN_END.search(previous.text) else lang.join
            out[-1] = previous.join(block, separator)
        elif previous is not None and not block.after_blank and _number_only(previous, number_alone):
            out[-1] = previous.join(block, " ")
        else:
            out.append(block)
    return out


def _number_only(block: Block, numbered: regex.Pattern[str]) -> bool:
    """A paragraph number alone on its line: "1." ("1. " before its text)."""
    return bool(numbered.match(block.text + " x")) and len(block.text) <= 8
