"""Blocks after the formula → preambular paragraphs and the operative tree (numbered and
unnumbered paragraphs, points, sections, cross-headings), with paragraphs cut by a page break
joined again."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

import regex

from ..languages import Language
from ..model import (
    BodyNode,
    CrossHeading,
    Emphasis,
    Inline,
    OperativeParagraph,
    Point,
    PreambularParagraph,
    Section,
    Table,
    Text,
)
from .blocks import Block, may_be_digit
from .footnotes import end_without_calls, without_calls
from .phrases import Kind, derived_from, opening_of

# A block ends a paragraph when its last character is punctuation (any script); otherwise the
# next block continues it (a page break or a wrapped line cut it).
# (Matched from the end: a forward search tries every position of a long paragraph.)
ENDS_PARAGRAPH = regex.compile(r"[\p{P}\p{S}]\s*$", flags=regex.REVERSE)
ROMAN = regex.compile(r"^[ivxl]+$")
# A cross-heading in the text format: "# Heading".
HEADING_MARK = "# "
# A row of a pipe table: "| a | b |"; cells split on "|" not escaped by "\\".
TABLE_ROW = regex.compile(r"^\|.*\|$")
CELL_SPLIT = regex.compile(r"(?<!\\)\|")
TABLE_RULE = regex.compile(r"^:?-{3,}:?$")

InlineParser = Callable[[Block], tuple[Inline, ...]]
Warn = Callable[[str, str, Block], None]


@dataclass
class _Point:
    num: str
    block: Block
    points: list[_Point] = field(default_factory=list)
    wrap_up: Block | None = None


@dataclass
class _Para:
    num: str | None
    block: Block
    points: list[_Point] = field(default_factory=list)
    wrap_up: Block | None = None


@dataclass
class _Section:
    num: str
    heading: Block
    children: list[_Para | _Heading | _Section | _Table] = field(default_factory=list)


@dataclass
class _Heading:
    block: Block


@dataclass
class _Table:
    rows: list[list[Block]] = field(default_factory=list)
    header_rows: int = 0


@dataclass
class _Body:
    preamble: list[Block] = field(default_factory=list)
    operative: list[_Para | _Heading | _Section | _Table] = field(default_factory=list)


def _settle_wrap_ups(container: list[_Para | _Heading | _Section | _Table]) -> None:
    """A paragraph's closing text taken before the points of its last point (a wrap-up followed
    by sub-points) goes where the text form, which prints it after them, reads it: to the last
    point, or when that one has its own already, to a paragraph of its own after."""
    for i in range(len(container) - 1, -1, -1):
        node = container[i]
        if isinstance(node, _Section):
            _settle_wrap_ups(node.children)
        if not isinstance(node, _Para) or node.wrap_up is None or not node.points:
            continue
        if not node.points[-1].points:
            continue
        last, wrap_up = node.points[-1], node.wrap_up
        node.wrap_up = None
        if last.wrap_up is None:
            last.wrap_up = wrap_up
        else:
            container.insert(i + 1, _Para(None, wrap_up))


def _cells(block: Block) -> list[Block]:
    """The cells of a table row, each a block of its own (offsets kept)."""
    bounds = [m.start() for m in CELL_SPLIT.finditer(block.text)]
    return [block.slice(a + 1, b) for a, b in itertools.pairwise(bounds)]


def _match_numbered(numbered: regex.Pattern[str], block: Block) -> regex.Match[str] | None:
    """The language's numbered-paragraph pattern on a block. A numbered paragraph starts with a
    digit in every language (a test checks the language data): a block that cannot is none, found
    without the regex."""
    text = block.text
    return None if block.escaped or not may_be_digit(text[:1]) else numbered.match(text)


def split_run_on(blocks: list[Block], lang: Language) -> list[Block]:
    """Paragraphs that extraction ran together on one line are split again: numbered ones
    ("… persons.^(8) 6. We recall …") only at the number that comes next; before the first
    numbered paragraph, also preambular paragraphs (", Recognizing that …") and the first
    operative one (", 1. Reiterates …") where a capitalised opening phrase follows a comma."""
    numbered = lang.pattern("operative.numbered")
    out: list[Block] = []
    last = 0
    for block in blocks:
        while True:
            last = number_after(numbered, block, last)
            if last:
                cut = run_on_cut(block.text, last + 1, numbered)
            else:
                cut = None if block.escaped else opening_cut(block.text, lang, numbered)
            if cut is None:
                out.append(block)
                break
            out.append(block.slice(0, cut))
            block = block.slice(cut)
    return out


# A comma (and a call), spaces, then a capital: a run-on preambular or first operative paragraph
# may start after the spaces.
COMMA_CAPITAL = regex.compile(r",(?:\^\(\d+\))?\s+(?=\p{Lu}|1\.\s+\p{Lu})")


def opening_cut(text: str, lang: Language, numbered: regex.Pattern[str]) -> int | None:
    """Where a preambular paragraph, or operative paragraph 1, starts inside text after a comma:
    a capitalised opening phrase of the language's lists (a language without capitals has none)."""
    if "," not in text:
        return None
    for match in COMMA_CAPITAL.finditer(text):
        rest = text[match.end() :]
        number = numbered.match(rest)
        if number is not None:
            first = number.group("num").strip().rstrip(".") == "1"
            if first and lang.operative is not None and lang.operative.match(rest[number.end() :]):
                return match.end()
            continue
        if lang.preamble is not None and lang.preamble.match(rest):
            return match.end()
    return None


def number_after(numbered: regex.Pattern[str], block: Block, last: int) -> int:
    """The number of the last numbered paragraph once `block` is read: its own when it starts
    as one (and its number has digits), else `last`."""
    return last if block.escaped else number_after_text(numbered, block.text, last)


def number_after_text(numbered: regex.Pattern[str], text: str, last: int) -> int:
    """`number_after` for the text of a block that is not escaped."""
    match = numbered.match(text) if may_be_digit(text[:1]) else None
    if match:
        digits = "".join(ch for ch in match.group("num") if ch.isdecimal())
        return int(digits) if digits else last
    return last


# The end of a sentence (and a call) and spaces: what comes before a run-on paragraph's number,
# matched backwards from the number.
SENTENCE_END_BEFORE = regex.compile(r"[.;:](?:\^\(\d+\))?\s+", regex.REVERSE)


def run_on_cut(text: str, number: int, numbered: regex.Pattern[str]) -> int | None:
    """Where paragraph `number` starts inside text, after the end of a sentence: the first place
    where its digits (not followed by another digit) come after a sentence's end and spaces, and
    the paragraph pattern matches. (Each place the digits are found is tested: a search for the
    sentence's end would try every position of the text.)"""
    digits = str(number)
    at = text.find(digits)
    while at != -1:
        after = at + len(digits)
        if (
            after < len(text)
            and not text[after].isdecimal()
            and SENTENCE_END_BEFORE.match(text, 0, at)
            and numbered.match(text[at:])
        ):
            return at
        at = text.find(digits, at + 1)
    return None


def lowercase_rest(lang: Language, previous: str, text: str) -> bool:
    """Whether a block that starts in lower case after one ending with a comma, with no opening
    phrase of its own, is the rest of that paragraph (a page break fell after the comma)."""
    if not text[:1].islower():
        return False
    if not end_without_calls(lang, previous).endswith((",", "،", "，")):
        return False
    phrases = (lang.preamble, lang.operative, lang.unnumbered)
    return not any(p is not None and p.match(text) for p in phrases)


def _ends_as_heading(text: str) -> bool:
    """Whether a section's heading may end so: not with punctuation (a closing parenthesis
    aside, as in "(continued)")."""
    return not ENDS_PARAGRAPH.search(text.rstrip(")"))


def continues(previous: Block | None, block: Block) -> bool:
    """Whether `block` is the rest of `previous`, cut by a page break or a line wrap."""
    return previous is not None and not ENDS_PARAGRAPH.search(previous.text) and not block.escaped


class BodyParser:
    """Reads the blocks between the formula and the conclusion, one at a time."""

    def __init__(self, lang: Language, inline: InlineParser, warn: Warn) -> None:
        self.lang = lang
        self.inline = inline
        self.warn = warn
        self.body = _Body()
        self.state = "preamble"
        self.section: _Section | None = None
        self.last: Block | None = None
        self.replace_last: Callable[[Block], None] | None = None
        # (looked up once: the recognisers run on every block)
        self.numbered = lang.pattern("operative.numbered")
        self.level1 = lang.pattern("points.level1")
        self.level2 = lang.pattern("points.level2")
        self.sections = lang.pattern("sections.numbered")

    # --- recognisers -------------------------------------------------------------------------

    def _numbered(self, block: Block) -> regex.Match[str] | None:
        return _match_numbered(self.numbered, block)

    def _point(self, block: Block) -> tuple[int, regex.Match[str]] | None:
        """A point of the current paragraph: of the second level when a point of the first is
        open and the label reads as its sub-point rather than as the next point."""
        if block.escaped or self.state != "operative":
            return None
        para = self._current_para()
        if para is None:
            return None  # (no paragraph to hold a point)
        level1 = self.level1.match(block.text)
        if para.points:
            open_point = para.points[-1]
            level2 = self.level2.match(block.text)
            if level2:
                expected = self._next_letter(open_point.num)
                label = level2.group("label")
                if level1 is None or label != expected or open_point.points:
                    return 2, level2
        return (1, level1) if level1 else None

    def _next_letter(self, num: str) -> str | None:
        match = self.level1.match(num)
        if not match:
            return None
        letters = self.lang.letters
        label = match.group("label")
        if label in letters and letters.index(label) + 1 < len(letters):
            return letters[letters.index(label) + 1]
        return None

    def _section(self, block: Block) -> regex.Match[str] | None:
        if block.escaped:
            return None
        match = self.sections.match(block.text)
        if match and _ends_as_heading(match.group("heading")):
            return match
        return None

    def _current_para(self) -> _Para | None:
        container = self.section.children if self.section else self.body.operative
        if container and isinstance(container[-1], _Para):
            return container[-1]
        return None

    # --- feeding -----------------------------------------------------------------------------

    def feed(self, block: Block, next_block: Block | None) -> None:
        """Take one block."""
        if (
            self.last is not None
            and (continues(self.last, block) or self._lowercase_rest(block))
            and not self._structural(block)
            and self._still_a_heading(joined := self.last.join(block, self.lang.join))
        ):
            assert self.replace_last is not None
            self.replace_last(joined)
            self.last = joined
            self._decide_again(joined, next_block)
            return
        if not block.escaped and block.text.startswith(HEADING_MARK):
            self.state = "operative"
            self._container().append(_Heading(block.slice(len(HEADING_MARK))))
            self.last = None
            return
        if self._table_row(block):
            self._add_row(block)
            return
        numbered = self._numbered(block)
        if numbered:
            self._add_para(_Para(numbered.group("num").strip(), block.slice(numbered.end())))
            return
        point = self._point(block)
        if point:
            self._add_point(*point, block)
            return
        section = self._section(block)
        if (section and self.state == "operative") or (section and self._opens_operative(next_block)):
            self.state = "operative"
            heading = block.slice(section.start("heading"))
            self.section = _Section(section.group("num").strip(), heading)
            self.body.operative.append(self.section)
            self._track(heading, lambda b: setattr(self.section, "heading", b))
            return
        if self.state == "preamble" and self._opens_unnumbered(block):
            self.state = "operative"
        if self.state == "preamble":
            self._add_preambular(block)
            return
        self._add_unnumbered(block, next_block)

    def _add_preambular(self, block: Block) -> None:
        self.body.preamble.append(block)
        index = len(self.body.preamble) - 1
        self._track(block, lambda b: self.body.preamble.__setitem__(index, b))

    def _decide_again(self, joined: Block, next_block: Block | None) -> None:
        """Whether an unnumbered paragraph that opens with an operative phrase ends the preamble
        is read from its end (_opens_unnumbered). When a page break or a line wrap cut it, that
        was the end of its first part: decided again once its rest is joined, as the text form,
        which prints it whole, will be read."""
        pattern = self.lang.unnumbered
        if pattern is None or not pattern.match(joined.text):
            return
        operative = self._opens_unnumbered(joined)
        first = self.body.operative
        if (
            not operative
            and self.state == "operative"
            and self.section is None
            and len(first) == 1
            and isinstance(first[0], _Para)
            and first[0].block is joined
            and first[0].num is None
            and not first[0].points
        ):
            first.pop()  # (it opened the operative part: back to the preamble)
            self.state = "preamble"
            self._add_preambular(joined)
        elif (
            operative and self.state == "preamble" and self.body.preamble and self.body.preamble[-1] is joined
        ):
            self.body.preamble.pop()
            self.state = "operative"
            self._add_unnumbered(joined, next_block)

    def _still_a_heading(self, joined: Block) -> bool:
        """Whether a section's heading with the rest of a line wrap joined to it still reads as a
        heading, as the text form prints it, on one line (_section). True when what was joined to
        is no heading."""
        section = self.section
        if section is None or self.last is not section.heading:
            return True
        return _ends_as_heading(joined.text)

    def _structural(self, block: Block) -> bool:
        if (not block.escaped and block.text.startswith(HEADING_MARK)) or self._table_row(block):
            return True
        return bool(self._numbered(block) or self._point(block) or self._section(block))

    def _lowercase_rest(self, block: Block) -> bool:
        last = self.last
        return last is not None and not block.escaped and lowercase_rest(self.lang, last.text, block.text)

    def _table_row(self, block: Block) -> bool:
        text = block.text
        return (
            not block.escaped
            and self.state == "operative"
            and text[:1] == "|"
            and bool(TABLE_ROW.match(text))
        )

    def _add_row(self, block: Block) -> None:
        container = self._container()
        if not container or not isinstance(container[-1], _Table) or self.last is not None:
            container.append(_Table())
        table = container[-1]
        assert isinstance(table, _Table)
        cells = _cells(block)
        if all(TABLE_RULE.match(c.text) for c in cells) and not table.header_rows:
            table.header_rows = len(table.rows)
        else:
            table.rows.append(cells)
        self.last = None

    def _opens_unnumbered(self, block: Block) -> bool:
        # An escaped block too: the escape keeps a block from being a number, a point or a
        # heading, or from being joined to the one before; which part a paragraph belongs to is
        # read from its words alone (the text form escapes an unended unnumbered paragraph).
        pattern = self.lang.unnumbered
        if pattern is None or not pattern.match(block.text):
            return False
        text = without_calls(self.lang, block.text).rstrip()
        return not self.lang.pattern("operative.preambular_ending").search(text)

    def _opens_operative(self, block: Block | None) -> bool:
        """Whether a block opens the operative part: a numbered paragraph, or a cross-heading
        (after a section's heading line)."""
        if block is None:
            return False
        return bool(self._numbered(block)) or (not block.escaped and block.text.startswith(HEADING_MARK))

    def _track(self, block: Block, replace: Callable[[Block], None]) -> None:
        self.last = block
        self.replace_last = replace

    def _container(self) -> list[_Para | _Heading | _Section | _Table]:
        return self.section.children if self.section else self.body.operative

    def _add_para(self, para: _Para) -> None:
        self.state = "operative"
        container = self._container()
        container.append(para)
        self._track(para.block, lambda b: setattr(para, "block", b))

    def _add_point(self, level: int, match: regex.Match[str], block: Block) -> None:
        para = self._current_para()
        assert para is not None
        point = _Point(match.group("num"), block.slice(match.end()))
        if level == 2 and para.points:
            para.points[-1].points.append(point)
        else:
            para.points.append(point)
        self._track(point.block, lambda b: setattr(point, "block", b))

    def _add_unnumbered(self, block: Block, next_block: Block | None) -> None:
        heading = not block.escaped and not ENDS_PARAGRAPH.search(block.text)
        if heading and next_block is not None and self._structural(next_block):
            self._container().append(_Heading(block))
            self.last = None
            return
        para = self._current_para()
        if para is not None and para.points:
            target = para.points[-1] if para.points[-1].points else para
            if target.wrap_up is None:
                target.wrap_up = block
                self._track(block, lambda b: setattr(target, "wrap_up", b))
                return
        self._add_para(_Para(None, block))

    # --- building the model ------------------------------------------------------------------

    def preamble(self) -> tuple[PreambularParagraph, ...]:
        out = []
        for block in self.body.preamble:
            nodes = self.inline(block)
            opening, rest, known = self._opening("preamble", nodes)
            if not known:
                self.warn(
                    "unknown-opening", f"preambular paragraph opens with an unknown phrase {opening!r}", block
                )
            out.append(PreambularParagraph(opening, rest, block.span()))
        return tuple(out)

    def _opening(self, kind: Kind, nodes: tuple[Inline, ...]) -> tuple[str, tuple[Inline, ...], bool]:
        """opening_of, as the AKN reader and the text form will read the paragraph back. The
        phrase is written in the language's wrapper (<i>, <b>, <b><i>), and in the text form as
        `**…**` when the data would not derive it: an emphasis right after it, a space between
        or none, is read back as one with it when it is of the same form ("Decides *a*" is read
        as "**Decides a**"), so that is what it is taken as."""
        found = opening_of(self.lang, kind, nodes)
        for _ in nodes:  # (each round takes more of the nodes into the phrase, or ends)
            joined = self._joined_opening(kind, found[0], found[1])
            if joined is None:
                break
            found = joined
        return found

    def _joined_opening(
        self, kind: Kind, opening: str, rest: tuple[Inline, ...]
    ) -> tuple[str, tuple[Inline, ...], bool] | None:
        """The opening phrase as it reads back when an emphasis right after it is joined to it,
        in the AKN (its wrapper) or in the text form (`**…**`), if that changes it; else None."""
        after = rest[1:2] if rest[:1] and type(rest[0]) is Text and rest[0].text.isspace() else rest[:1]
        if not opening or not after or type(after[0]) is not Emphasis:
            return None
        from ..akn_reader import as_read  # (the reader imports the parser's modules)

        wrapped: Inline = Text(opening)
        for tag in reversed(self.lang.wrapper):
            wrapped = Emphasis(tag, (wrapped,))
        forms = [wrapped]
        if not derived_from(self.lang, kind, opening, rest):
            forms.append(Emphasis("b", (Text(opening),)))  # (as the text form prints it)
        for form in forms:
            read = as_read([form, *rest])
            if type(read[0]) is not Emphasis or read[0] != form:
                again = opening_of(self.lang, kind, read)  # (joined to the phrase)
                if again[0] != opening:
                    return again
        return None

    def operative(self) -> tuple[BodyNode, ...]:
        _settle_wrap_ups(self.body.operative)
        return tuple(self._node(n) for n in self.body.operative)

    def _node(self, node: _Para | _Heading | _Section | _Table) -> BodyNode:
        if isinstance(node, _Table):
            rows = tuple(tuple(self.inline(c) for c in row) for row in node.rows)
            return Table(rows, node.header_rows)
        if isinstance(node, _Heading):
            return CrossHeading(self.inline(node.block), node.block.span())
        if isinstance(node, _Section):
            return Section(
                node.num,
                self.inline(node.heading),
                tuple(self._node(c) for c in node.children),
                node.heading.span(),
            )
        nodes = self.inline(node.block)
        opening, rest, known = self._opening("operative", nodes)
        if not known and opening:
            self.warn(
                "unknown-opening", f"operative paragraph opens with an unknown phrase {opening!r}", node.block
            )
        return OperativeParagraph(
            node.num,
            opening,
            rest,
            tuple(self._build_point(p) for p in node.points),
            self.inline(node.wrap_up) if node.wrap_up else (),
            node.block.span(),
        )

    def _build_point(self, point: _Point) -> Point:
        return Point(
            point.num,
            self.inline(point.block),
            tuple(self._build_point(p) for p in point.points),
            self.inline(point.wrap_up) if point.wrap_up else (),
            point.block.span(),
        )
