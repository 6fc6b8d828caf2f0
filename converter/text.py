"""Model → the text format of docs/text-format.md: the one text renderer. Its output parses
back to the same model (the text form is a fixed point of `convert`)."""

from __future__ import annotations

from functools import cache

import regex

from .languages import Language, load
from .model import (
    Body,
    BodyNode,
    Conclusion,
    CrossHeading,
    Emphasis,
    Inline,
    NoteCall,
    OperativeParagraph,
    Point,
    Resolution,
    Section,
    Superscript,
    Table,
    Text,
)
from .parse.blocks import BLOCK_ESCAPE_EXCEPT, split_lines
from .parse.body import (
    ENDS_PARAGRAPH,
    HEADING_MARK,
    lowercase_rest,
    number_after,
    number_after_text,
    opening_cut,
    run_on_cut,
)
from .parse.conclusion import DATE_LINE_MAX, conclusion_cut, glued_at, may_end_a_date
from .parse.footnotes import note_body, reads_as_extracted_note
from .parse.furniture import (
    BARCODE,
    JOB_NUMBER,
    PAGE_COUNTER,
    RULE,
    furniture,
    is_recycle_line,
    trailing_rule,
)
from .parse.masthead import match_number
from .parse.phrases import Kind, derived_from

# A byte-order mark: at the start of a text, the reader drops it (converter/source.py).
BOM = "\ufeff"
# Masthead lines of free text: those the masthead's patterns did not recognise.
FREE_MASTHEAD_LINES = frozenset({"other", "agenda_title"})
# Characters that the inline parser reads as markup.
INLINE_SPECIAL = regex.compile(r"([\\*]|\^(?=\())")


def render_text(resolution: Resolution) -> str:
    """The text form of a resolution."""
    return _Renderer(resolution).render()


class _Renderer:
    def __init__(self, resolution: Resolution) -> None:
        self.r = resolution
        self.lang = load(resolution.language)
        self.blocks: list[str] = []
        self.body_start = 0
        # The indices of the blocks after the number line that the parser takes as they are,
        # without inline escapes (part labels and titles, formulas, conclusions, annex headings).
        self.as_printed: set[int] = set()
        # Until a statement's first numbered paragraph, the parser splits a block where a
        # preambular paragraph (or paragraph 1) seems to run on after a comma (split_run_on).
        self.before_numbered = False
        # Between a statement's formula and its conclusion: there the parser joins a block to the
        # one before when it reads as its rest (an annex's blocks are taken as they are).
        self.in_body = False
        self.numbered = self.lang.pattern("operative.numbered")
        # The number of blocks when the last was a number with no text after it ("(m)"): the
        # parser joins the next block to it, unless that one is escaped.
        self.bare_number = -1
        # (Numbers the parser reads as such with no text after them: points, "(m)", "ii)".)
        self.bare_numbers = (
            self.numbered,
            self.lang.pattern("points.level1"),
            self.lang.pattern("points.level2"),
        )

    def render(self) -> str:
        r = self.r
        head = "" if r.issued_printed else f"---\ndate: {r.issued}\n---\n\n"
        for line in r.masthead.lines:
            # (A line of a kind the masthead's patterns recognise is none of what
            # taken_from_masthead looks for: only free text can be.)
            taken = line.kind in FREE_MASTHEAD_LINES and self.taken_from_masthead(line.text)
            self.blocks.append(as_is(line.text, taken))
        if r.footer.recycle:
            self.blocks.append(self.lang.data["furniture"]["recycle"])
        if r.footer.job_number:
            self.blocks.append(r.footer.job_number)
        number_line = len(self.blocks)
        self.blocks.append(f"{r.number_text}{r.title_separator}{inline(r.title)}")
        if r.parts:
            for part in r.parts:
                self.printed(part.label)
                if part.title:
                    self.printed(as_is(part.title))
                self.statement(part.body, part.conclusion)
        else:
            self.statement(r.body, r.conclusion)
        for annex in r.annexes:
            for heading in annex.heading:
                self.printed(heading)
            for block in annex.blocks:
                self.plain(inline(block))
        for note in r.footnotes:
            self.blocks.append(f"({note.marker}) {inline(note.content)}")
        self.protect_ends(number_line)
        if not head and self.blocks and self.blocks[0].startswith(BOM):
            self.blocks[0] = escaped(self.blocks[0])  # (first in the text, it would be read as a BOM)
        return head + "\n\n".join(self.blocks) + "\n"

    def taken_from_masthead(self, text: str) -> bool:
        """Whether a masthead line would not stay one, read back bare: a footnote body (a second
        body of a marker, which the parser leaves in the masthead: first in the text, it would be
        the note), a number line (the rest of an agenda line that held one), page furniture, or
        a line that ends in a rule or a glued conclusion (these as escaped input only)."""
        return (
            note_body(self.lang, text) is not None
            or match_number(self.lang, text) is not None
            or furniture(self.lang, text) is not None
            or trailing_rule(text) is not None
            or glued_at(self.lang, text) is not None
        )

    def statement(self, body: Body, conclusion: Conclusion) -> None:
        """Formula, preamble, operative part and conclusion."""
        self.printed(f"{body.formula}{body.formula_tail}")
        self.body_start = len(self.blocks)
        self.before_numbered = self.in_body = True
        for p in body.preamble:
            self.plain(self.opened("preamble", p.opening, p.content))
        self.nodes(body.operative)
        self.protect_run_ons(self.body_start)
        self.before_numbered = self.in_body = False
        for line in (conclusion.meeting_text, conclusion.date_text):
            if line:
                self.printed(line)
        self.body_start = len(self.blocks)

    def printed(self, text: str) -> None:
        """A block the parser takes as it is (no inline escapes)."""
        self.as_printed.add(len(self.blocks))
        self.blocks.append(text)

    def protect_run_ons(self, start: int) -> None:
        """The blocks of a body from `start` where the parser would see paragraphs run together
        (split_run_on: the next paragraph's number after the end of a sentence): a paragraph
        that holds such a number as text gets it escaped."""
        blocks = self.blocks
        last = 0
        for i in range(start, len(blocks)):
            text = blocks[i]
            if text[:1].isspace() or "\n" in text:  # (a table: a block per row)
                last = self.protect_run_on(i, last)
                continue
            # Read as it is, not as the parser's block, whose whitespace is collapsed: which
            # changes neither where a paragraph's number matches nor where a paragraph is cut.
            # (An escaped block starts with "\\", no digit: it is no numbered paragraph here.)
            after = number_after_text(self.numbered, text, last)
            if after and run_on_cut(text, after + 1, self.numbered) is not None:
                after = self.protect_run_on(i, last)
            last = after

    def protect_run_on(self, i: int, last: int) -> int:
        """Block i escaped where the parser would cut it (`last`: the number of the last numbered
        paragraph before it); the last number after it."""
        text = self.blocks[i]
        lines = split_lines(text)
        k = 0
        while k < len(lines):
            line = lines[k]
            last = number_after(self.numbered, line, last)
            cut = run_on_cut(line.text, last + 1, self.numbered) if last else None
            if cut is None:
                k += 1
                continue
            at = line.offset(cut)
            text = f"{text[:at]}\\{text[at:]}"
            lines = split_lines(text)
        self.blocks[i] = text
        return last

    def protect_ends(self, start: int) -> None:
        """The blocks from `start` (the number line) whose end the parser would take for page
        furniture or a conclusion, escaped there, so that they read back whole: a rule at the end
        (take_furniture strips it; its last character is escaped), a conclusion glued to the end
        (split_glued_conclusions cuts it off: a paragraph that a meeting line was joined to, when
        it read as no conclusion; the meeting line's first character is escaped). Blocks taken
        as they are, a conclusion's among them, are left alone."""
        blocks = self.blocks
        n = len(blocks)
        # Only a block that ends with a rule or a date, or that a date line may follow, is at
        # risk: found cheaply (most blocks end with punctuation no date ends with, and are long).
        ends = {
            end
            for end in {b[-1:] for b in blocks[start:]}
            if end in ("-", "_") or may_end_a_date(self.lang.code, end)
        }
        for i in [
            i
            for i in range(start, n)
            if blocks[i][-1:] in ends or (i + 1 < n and len(blocks[i + 1]) <= DATE_LINE_MAX)
        ]:
            text = blocks[i]
            if text.startswith("\\") or i in self.as_printed:
                continue  # (the parser reads an escaped block as it is)
            if trailing_rule(text) is not None:
                blocks[i] = f"{text[:-1]}\\{text[-1]}"
                continue
            following = blocks[i + 1] if i + 1 < n and not blocks[i + 1].startswith("\\") else None
            cut = conclusion_cut(self.lang, text, following)
            if cut is not None:
                blocks[i] = f"{text[:cut]}\\{text[cut:]}"

    def opened(self, kind: Kind, opening: str, content: tuple[Inline, ...]) -> str:
        """Opening phrase and content; the phrase is marked `**` only when the data would not
        derive it from the text."""
        rest = inline(content)
        if not opening:
            return rest
        if derived_from(self.lang, kind, opening, content):
            return escape(opening) + rest
        return f"**{escape(opening)}**{rest}"

    def plain(self, text: str) -> None:
        """A block that must not be read as structure, nor joined to the one before."""
        previous = self.blocks[-1] if len(self.blocks) > self.body_start else ""
        # (A block that does not end like a paragraph could be read as a heading, too.)
        unended = not ENDS_PARAGRAPH.search(text)
        runs_on = self.before_numbered and opening_cut(text, self.lang, self.numbered) is not None
        first = text[:1]  # (the last two checks hold only for a block that starts so: tested first)
        if (
            looks_structural(self.lang, text)
            or unended
            or runs_on
            or (previous and not ENDS_PARAGRAPH.search(previous))
            or self.bare_number == len(self.blocks)
            or (first.islower() and self.in_body and previous and lowercase_rest(self.lang, previous, text))
            or (not first.isalpha() and reads_as_extracted_note(self.lang, text))
        ):
            text = escaped(text)
        self.blocks.append(text)

    def nodes(self, nodes: tuple[BodyNode, ...]) -> None:
        for node in nodes:
            if isinstance(node, OperativeParagraph):
                self.paragraph(node)
            elif isinstance(node, CrossHeading):
                self.blocks.append(HEADING_MARK + inline(node.content))
            elif isinstance(node, Table):
                self.table(node)
            elif isinstance(node, Section):
                self.blocks.append(f"{node.num} {inline(node.heading)}")
                self.nodes(node.children)

    def table(self, table: Table) -> None:
        """A pipe table: one line per row, a rule after the header rows."""
        lines = []
        width = max((len(r) for r in table.rows), default=0)
        for i, row in enumerate(table.rows):
            lines.append("| " + " | ".join(inline(c).replace("|", "\\|") or " " for c in row) + " |")
            if i + 1 == table.header_rows:
                lines.append("|" + " --- |" * width)
        self.blocks.append("\n".join(lines))

    def paragraph(self, node: OperativeParagraph) -> None:
        text = self.opened("operative", node.opening, node.content)
        if node.num is None:
            self.plain(text)
        else:
            self.blocks.append(f"{node.num} {text}")
            if not text:
                self.bare(node.num)
            self.before_numbered = False
        self.points(node.points, node.wrap_up)

    def bare(self, num: str) -> None:
        """After a paragraph's or point's number printed with no text: whether the parser reads
        it as a number (the next block would then be joined to it)."""
        if any(p.match(num) for p in self.bare_numbers):
            self.bare_number = len(self.blocks)

    def points(self, points: tuple[Point, ...], wrap_up: tuple[Inline, ...]) -> None:
        for point in points:
            text = inline(point.content)
            self.blocks.append(f"{point.num} {text}")
            if not text:
                self.bare(point.num)
            self.points(point.points, point.wrap_up)
        if wrap_up:
            self.plain(inline(wrap_up))


def escaped(text: str) -> str:
    """A block escaped: "\\" opens a literal block; "\\ " when the text itself opens with an
    escape or markup."""
    return ("\\ " if text[:1] in "\\*^" else "\\") + text


def as_is(text: str, escape_it: bool = False) -> str:
    """A block the parser takes as it is, without inline marks (a masthead line, a part's title):
    escaped when asked, or when it starts with a backslash that would be read as the escape."""
    if escape_it or (text.startswith("\\") and not BLOCK_ESCAPE_EXCEPT.match(text)):
        return escaped(text)
    return text


def looks_structural(lang: Language, text: str) -> bool:
    """Whether a plain block would be read as a number, point, heading, note body or furniture."""
    if _any_structural(lang.code).match(text):
        return True
    if text.startswith((HEADING_MARK.strip(), "|")):
        return True
    return is_recycle_line(lang, text)


@cache
def _structural_checks(code: str) -> tuple[regex.Pattern[str], ...]:
    """The patterns of `looks_structural` for a language (any of them matching is enough)."""
    p = load(code).pattern
    return (
        p("operative.numbered"),
        p("points.level1"),
        p("points.level2"),
        p("sections.numbered"),
        p("sections.annex"),
        p("footnotes.body"),
        p("number.pattern"),
        p("conclusion.meeting"),
        JOB_NUMBER,
        BARCODE,
        RULE,
        PAGE_COUNTER,
        load(code).formula,
    )


@cache
def _any_structural(code: str) -> regex.Pattern[str]:
    """One pattern that matches where one of `_structural_checks` does: each is anchored at the
    start, so their alternation matches a text when one of them does (one call instead of
    thirteen; the furniture patterns read the same under the language patterns' flags)."""
    return regex.compile("|".join(f"(?:{p.pattern})" for p in _structural_checks(code)), regex.V1 | regex.U)


def escape(text: str) -> str:
    """Inline markup characters escaped with `\\`."""
    if "\\" not in text and "*" not in text and "^" not in text:
        return text
    return INLINE_SPECIAL.sub(r"\\\1", text)


def inline(nodes: tuple[Inline, ...]) -> str:
    """Inline nodes in the text format."""
    out = []
    for node in nodes:  # (the model's classes are final: `type(…) is` stands for isinstance)
        if type(node) is Text:
            out.append(escape(node.text))
        elif type(node) is Emphasis:
            mark = "**" if node.kind == "b" else "*"
            out.append(f"{mark}{inline(node.children)}{mark}")
        elif type(node) is NoteCall:
            out.append(f"^({node.marker})")
        elif type(node) is Superscript:
            out.append(f"^({node.text})")
    return "".join(out)
