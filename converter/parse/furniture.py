"""Blocks → content blocks and first-page footer: page furniture (job numbers, barcodes, recycle
lines, rules, page counters) is taken out; the job number and the recycle line are kept."""

from __future__ import annotations

import regex

from ..languages import Language
from ..model import Footer
from .blocks import Block

# "12-49442", "25-19432 (E)": the job number printed on the first page.
JOB_NUMBER = regex.compile(r"^(?P<job>\d{2}-\d{5}(?:\s*\([ACEFRS]\))?)$")
# "*2519432*": the barcode under it.
BARCODE = regex.compile(r"^\*\d{7,}\*$")
# "_____", "---": rules before footnotes and between pages.
RULE = regex.compile(r"^(?:_{3,}|-{3,}|\*{3,}|={3,})$")
# A rule that extraction glued to the end of a line: "26 November 2025----".
TRAILING_RULE = regex.compile(r"\s*(?:-{3,}|_{3,})$")
# "2/5": a page counter.
PAGE_COUNTER = regex.compile(r"^\d{1,3}\s*/\s*\d{1,3}$")


def take_furniture(blocks: list[Block], lang: Language) -> tuple[list[Block], Footer]:
    """The blocks that are content, and the footer found among the others."""
    recycle = lang.data["furniture"]["recycle"]
    job: str | None = None
    recycled: str | None = None
    kept = []
    for block in blocks:
        rule = TRAILING_RULE.search(block.text)
        if rule and rule.start() > 0 and not block.escaped:
            block = block.slice(0, rule.start())
        text = block.text
        if block.escaped:
            kept.append(block)
            continue
        match = JOB_NUMBER.match(text)
        if match:
            job = job or match.group("job")
            continue
        if " ".join(text.split()) == recycle:
            recycled = recycled or text
            continue
        if BARCODE.match(text) or RULE.match(text) or PAGE_COUNTER.match(text):
            continue
        kept.append(block)
    return kept, Footer(job_number=job, recycle=recycled)
