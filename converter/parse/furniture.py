"""Blocks → content blocks and first-page footer: page furniture (job numbers, barcodes, recycle
lines, rules, page counters) is taken out; the job number and the recycle line are kept."""

from __future__ import annotations

from functools import cache
from typing import Literal

import regex

from ..languages import Language, load
from ..model import Footer
from .blocks import Block, may_be_digit
from .body import ENDS_PARAGRAPH
from .footnotes import without_calls

# "12-49442", "25-19432 (E)": the job number printed on the first page.
JOB_NUMBER = regex.compile(r"^(?P<job>\d{2}-\d{5}(?:\s*\([ACEFRS]\))?)$")
# "*2519432*": the barcode under it.
BARCODE = regex.compile(r"^\*\d{7,}\*$")
# "_____", "---": rules before footnotes and between pages.
RULE = regex.compile(r"^(?:_{3,}|-{3,}|\*{3,}|={3,})$")
# A rule that extraction glued to the end of a line: "26 November 2025----".
TRAILING_RULE = regex.compile(r"\s*(?:-{3,}|_{3,})$")
# What a text that TRAILING_RULE is in ends with (searched for only then: the search is slow).
RULE_ENDS = ("---", "___", "---\n", "___\n")
# A footnote body as extraction leaves it at a page's foot: "12 See …", "[^12]: …".
BARE_NOTE = regex.compile(r"^(?:\d{1,3}\s+\S|\[\^\d+\]:)")
# A call in cleaned markdown: "[^3]".
MARKDOWN_CALL = regex.compile(r"\[\^\d+\]")
# "2/5": a page counter.
PAGE_COUNTER = regex.compile(r"^\d{1,3}\s*/\s*\d{1,3}$")


# What a barcode or a rule starts with.
RULE_STARTS = ("*", "_", "-", "=")


def is_recycle_line(lang: Language, text: str) -> bool:
    """Whether a text is the language's recycle line (spaces aside)."""
    recycle, first = _recycle(lang.code)
    if first and not text.lstrip().startswith(first):
        return False  # (the recycle line, its spaces aside, starts with its first word)
    return " ".join(text.split()) == recycle


@cache
def _recycle(code: str) -> tuple[str, str]:
    """A language's recycle line and its first word."""
    recycle: str = load(code).data["furniture"]["recycle"]
    return recycle, (recycle.split(None, 1) or [""])[0]


def take_furniture(blocks: list[Block], lang: Language) -> tuple[list[Block], Footer]:
    """The blocks that are content, and the footer found among the others."""
    job: str | None = None
    recycled: str | None = None
    kept = []
    for block in blocks:
        if block.escaped:
            kept.append(block)
            continue
        rule = trailing_rule(block.text)
        if rule is not None:
            block = block.slice(0, rule)
        text = block.text
        kind = furniture(lang, text)
        if kind == "job":
            job = job or text
        elif kind == "recycle":
            recycled = recycled or text
        elif kind is None:
            kept.append(block)
    return kept, Footer(job_number=job, recycle=recycled)


def trailing_rule(text: str) -> int | None:
    """Where a rule that extraction glued to the end of a line starts ("26 November 2025----")."""
    rule = TRAILING_RULE.search(text) if text.endswith(RULE_ENDS) else None
    return rule.start() if rule and rule.start() > 0 else None


def furniture(lang: Language, text: str) -> Literal["job", "recycle", "counter", "rule"] | None:
    """The kind of page furniture a line is, if it is: the job number, the recycle line, a page
    counter, a rule or a barcode."""
    # (Each pattern tried only on a text that starts as its furniture does, or ends so.)
    first = text[:1]
    if may_be_digit(first) and text[2:3] == "-" and JOB_NUMBER.match(text):
        return "job"
    if is_recycle_line(lang, text):
        return "recycle"
    if may_be_digit(first) and may_be_digit(text[-1:]) and PAGE_COUNTER.match(text):
        return "counter"
    if first in RULE_STARTS and (BARCODE.match(text) or RULE.match(text)):
        return "rule"
    return None


# What a paragraph cut at a page's foot ends with, in the six languages' typography.
CUT_ENDS = (",", ";", "،", "，", "؛", "；")
# A bare call left at the end of a paragraph, after that punctuation ("resolution 79/45,1").
BARE_CALL_AT_END = regex.compile(rf"(?<=[{''.join(CUT_ENDS)}])\s?\d{{1,3}}$")


def drop_running_headers(
    lang: Language, number_line: Block, masthead: list[Block], rest: list[Block]
) -> list[Block]:
    """The blocks after the number line without the running headers of later pages: the
    document symbol, the title (as the number line prints it), or both, in either order."""
    match = lang.pattern("number.pattern").match(number_line.text)
    if not match:
        return rest
    title = _key(match.group("title"))
    symbols = [_key(b.text) for b in masthead if lang.pattern("masthead.symbol").match(b.text)]
    symbols.append(_key(f"A/RES/{match.group('first')}/{match.group('second')}"))
    headers = set(symbols) | {f"{s} {title}" for s in symbols} | {f"{title} {s}" for s in symbols}
    longest = max(len(key) for key in (*headers, title))
    body = lang.pattern("footnotes.body")
    kept: list[Block] = []
    dropped = False
    for i, block in enumerate(rest):
        key = _key(block.text, longest)
        if block.escaped or not key or (key not in headers and key != title):
            dropped = False
        elif key in headers:
            dropped = True
        else:
            # The title alone is a header only at a page's top (after the page's footnotes, or
            # beside the symbol); elsewhere it is a heading that repeats the title (an annexed
            # declaration). (Looked at only for a block that is the title: the calls are taken out
            # of a whole paragraph for it.)
            before = rest[i - 1].text if i > 0 else ""
            beside = dropped or bool(body.match(before) or BARE_NOTE.match(before))
            beside = beside or (i + 1 < len(rest) and _key(rest[i + 1].text) in symbols)
            before = without_calls(lang, MARKDOWN_CALL.sub("", before)).rstrip()
            before = BARE_CALL_AT_END.sub("", before)
            # A page break in the middle of a sentence: the block before does not end like a
            # paragraph, the one after goes on in lower case.
            after = rest[i + 1].text if i + 1 < len(rest) else ""
            mid_sentence = i > 0 and not ENDS_PARAGRAPH.search(before) and after[:1].islower()
            dropped = beside or before.endswith(CUT_ENDS) or mid_sentence
        if not dropped:
            kept.append(block)
    return kept


def _key(text: str, longest: int | None = None) -> str:
    """Whitespace made single, case folded; "" for a text whose key would be longer than `longest`
    (folding never shortens a text: such a key could not equal a shorter one)."""
    if longest is not None and text.isprintable() and "  " not in text and len(text.strip()) > longest:
        return ""  # spaced as it is (no whitespace but single spaces) and too long
    spaced = " ".join(text.split())
    if longest is not None and len(spaced) > longest:
        return ""
    return spaced.casefold()
