"""Footnote bodies → `Footnote`s taken out of the block stream, remembering which content block
precedes each body (an uncalled body is attached there)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import regex

from ..languages import Language
from .blocks import Block, at_end, may_be_digit, segment_index


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
    extracted: bool = False
    """Found in an extractor's form ("[^1]: …", bare "1 …"): its calls must be found in the text."""


def ascii_digits(text: str) -> str:
    """Any decimal digit script → ASCII digits (other characters unchanged)."""
    out = []
    for ch in text:
        out.append(str(int(ch)) if ch.isdecimal() else ch)
    return "".join(out)


# What every footnote body of the text format starts with ("(3) …", in every language: a test
# checks the language data). A block that does not is no body, found without the regex.
NOTE_BODY_MARK = "("
# A footnote definition in cleaned markdown: "[^12]: text" (a call, "[^12]": markdown_calls).
MARKDOWN_BODY = regex.compile(r"^\[\^(?P<marker>\d+)\]:\s*")
# Where a numbered paragraph may start inside a run-on line: after the end of a sentence.
RUN_ON = regex.compile(r"(?<=[.;])\s+(?=\d{1,3}\.\s+\p{Lu})")
# A bare footnote body as PDF extraction leaves it: "12 See resolution 70/1."
BARE_BODY = regex.compile(r"^(?P<marker>\d{1,3})\s+(?=\S)")


def take_bodies(
    blocks: list[Block], lang: Language, start: int = 0
) -> tuple[list[Block], list[RawNote], list[Block]]:
    """Content blocks, the footnote bodies among them, and the footnote definitions without text
    ("[^1]:" alone: a note the text form cannot print, left out). Bodies are "(1) text" anywhere;
    after block `start` (the formula), also "[^1]: text" and bare "1 text" bodies, taken only in
    sequence (1, 2, 3, …) so that a line that merely starts with a number stays content."""
    kept: list[Block] = []
    notes: list[RawNote] = []
    empty: list[Block] = []
    seen: set[str] = set()
    expected = 1
    for index, block in enumerate(blocks):
        text = block.text
        match = None if block.escaped else note_body(lang, text)
        if match and ascii_digits(match.group("marker")) not in seen:
            marker = match.group("marker")
            seen.add(ascii_digits(marker))
            notes.append(RawNote(marker, ascii_digits(marker), block.slice(match.end()), len(kept) - 1))
            continue
        extracted = None if block.escaped or index <= start else _extracted_body(lang, block, expected)
        if extracted is not None:
            marker, rest = extracted
            rest, paragraph = split_run_on_note(lang, rest)
            seen.add(ascii_digits(marker))
            expected += 1
            if rest.text:
                notes.append(RawNote(marker, ascii_digits(marker), rest, len(kept) - 1, True))
            else:
                empty.append(block)
            if paragraph is not None:
                kept.append(paragraph)
            continue
        stray = (
            MARKDOWN_BODY.match(text)
            if not block.escaped and index > start and text.startswith("[^")
            else None
        )
        paragraph_open = stray is not None and bool(kept) and _open(kept[-1])
        if stray is not None and (notes or paragraph_open):
            # "[^1994]: (United …": a continuation the extractor took for a note — of the last
            # note, or of the paragraph before when that one stops mid-sentence and the note
            # does not ("… as declared in its resolutions" + "[^1653]: (XVI) of …")
            digits = block.slice(2, 2 + len(stray.group("marker")))
            rest = digits.join(block.slice(stray.end()), " ")
            if paragraph_open and (not notes or not _open(notes[-1].block)):
                kept[-1] = kept[-1].join(rest, " ")
            else:
                last = notes[-1]
                notes[-1] = RawNote(
                    last.marker, last.key, last.block.join(rest, " "), last.after, last.extracted
                )
            continue
        kept.append(block)
    return kept, notes, empty


def note_body(lang: Language, text: str) -> regex.Match[str] | None:
    """The match of a "(1) text" footnote body at the start of a block, as `take_bodies` takes it."""
    if not text.startswith(NOTE_BODY_MARK):
        return None
    match = lang.pattern("footnotes.body").match(text)
    if match and len(match.group("marker")) > 3:  # "(1980) du 30 juin": a year, not a marker
        return None
    return match


# The end of a paragraph or note that is complete: punctuation (other than a comma) or a symbol.
COMPLETE = regex.compile(r"[[\p{P}\p{S}]--[,،，、]]\s*$", regex.V1)


def _open(block: Block) -> bool:
    """Whether a block stops mid-sentence (its rest was cut away)."""
    text = block.text
    # Searched from the last character that is not a space: a match cannot start earlier, and
    # str.rstrip strips every character \s matches (and a few more, which the search then sees).
    return not block.escaped and COMPLETE.search(text, max(0, len(text.rstrip()) - 1)) is None


def _extracted_body(lang: Language, block: Block, expected: int) -> tuple[str, Block] | None:
    """A "[^n]: text" or bare "n text" body whose number is the one expected next."""
    match = extracted_body(lang, block.text, expected)
    return None if match is None else (match.group("marker"), block.slice(match.end()))


def extracted_body(lang: Language, text: str, expected: int) -> regex.Match[str] | None:
    """The match of a "[^n]: text" or bare "n text" body at the start of a block's text, when its
    number is the one expected next (as `take_bodies` takes them after the formula)."""
    first = text[:1]
    if first != "[" and not may_be_digit(first):
        return None  # (neither can start so)
    match = (MARKDOWN_BODY if first == "[" else BARE_BODY).match(text)  # (by their first character)
    if not match or ascii_digits(match.group("marker")) != str(expected):
        return None
    if match.re is BARE_BODY and lang.pattern("operative.numbered").match(text):
        return None
    if match.re is BARE_BODY and (lang.date.match(text) or _month_follows(lang.months, text[match.end() :])):
        return None
    return match


def reads_as_extracted_note(lang: Language, text: str) -> bool:
    """Whether a block after the formula may be taken for a footnote body in an extractor's form
    (`take_bodies`): "[^n]: …", a body or the rest of one, or a bare "1 …", the first of a
    sequence. The text form prints its notes as "(n) …" only, so no other bare number can be
    the one expected."""
    return (
        bool(text.startswith("[^") and MARKDOWN_BODY.match(text)) or extracted_body(lang, text, 1) is not None
    )


def split_run_on_note(lang: Language, body: Block) -> tuple[Block, Block | None]:
    """A footnote body with the next numbered paragraph run on after it ("… No. 35597. 4. Urges
    …"): the body, and the paragraph given back to the text."""
    numbered = lang.pattern("operative.numbered")
    for match in RUN_ON.finditer(body.text):
        if numbered.match(body.text[match.end() :]):
            return body.slice(0, match.start()), body.slice(match.end())
    return body, None


def _month_follows(months: dict[str, int], text: str) -> bool:
    """The text starts with a month name: the number before it was a day, not a marker."""
    first = text.split(" ", 1)[0].strip(",.").casefold()
    return first in months


def called_markers(blocks: list[Block], lang: Language) -> set[str]:
    """ASCII keys of every marker called in the blocks."""
    call = lang.pattern("footnotes.call")
    return {
        ascii_digits(m.group("marker")) for b in blocks if CALL_MARK in b.text for m in call.finditer(b.text)
    }


# What every footnote call of the text format holds ("^(3)", in every language: a test checks
# the language data). A text without it has no call, found faster than by a regex scan.
CALL_MARK = "^"


def without_calls(lang: Language, text: str) -> str:
    """The text with its footnote calls taken out."""
    return lang.pattern("footnotes.call").sub("", text) if CALL_MARK in text else text


def end_without_calls(lang: Language, text: str) -> str:
    """The text without the footnote calls (and spaces) that end it: what the end of
    `without_calls(text).rstrip()` is, found from the end instead of by a pass over all of it."""
    end = text.rstrip()
    if CALL_MARK not in end:
        return end
    call = at_end(lang.pattern("footnotes.call"))
    while (found := call.match(end)) is not None:
        end = end[: found.start()].rstrip()
    return end


# Where a bare number can be a call: glued to a word or to punctuation ("Child4", "Women,5"), or
# after punctuation and a space ("Rights, 1 the"), or after a word ("Action 9 and").
GLUED = regex.compile(r"[\p{L}\p{Pe}\p{Pf},;:’”]")
NOT_BEFORE = regex.compile(r"[/.\-–‑\d]")
NOT_AFTER = regex.compile(r"^(?:[/\-–‑%]|[.,:]\d|\s\d)")
# One to three digits standing alone before a comma or a point: the integer part of a decimal.
DECIMAL_HEAD = regex.compile(r"(?:^|\s)\d{1,3}$")
# After a number glued to a word: a symbol or a decimal goes on ("A/RES", "1.5").
GLUED_NOT_AFTER = regex.compile(r"^(?:[/\-–‑%]|[.,:]\d)")


def locate_calls(blocks: list[Block], notes: list[RawNote], lang: Language, start: int) -> list[Block]:
    """Blocks with the calls of extracted notes ("[^4]", bare "4") rewritten as "^(4)". Calls are
    looked for in marker order, each after the one before, from block `start` on."""
    out = list(blocks)
    extracted = [n for n in notes if n.extracted]
    if not extracted:
        return out  # (the usual text form: its calls are written "^(4)" already)
    position = (start, 0)
    words = {w.casefold() for w in lang.data["footnotes"]["number_words"]}
    existing = _CallsByMarker(lang.pattern("footnotes.call"))
    quantity = lang.pattern("footnotes.number_follows")
    decimal = lang.data["footnotes"]["decimal_mark"]
    year = lang.pattern("footnotes.year_follows_call")
    after = lang.pattern("footnotes.number_after")
    holding = _Holding(out, start, {note.marker for note in extracted})
    for note in sorted(extracted, key=lambda n: int(n.key) if n.key.isdigit() else 0):
        found = _find_call(
            out, note, position, words, existing, holding, lang, quantity, decimal, year, after
        )
        if found is None:
            continue
        index, begin, end, explicit = found
        if explicit:
            position = (index, end)
            continue
        block = out[index]
        if begin > 0 and block.text[begin - 1] == " " and not explicit and _glue_before(block.text, begin):
            begin -= 1
        call = "^(" + note.marker + ")"
        rebuilt = _replace(block, begin, end, call)
        out[index] = rebuilt
        position = (index, begin + len(call))
    return out


def _glue_before(text: str, at: int) -> bool:
    """A space before a call that follows punctuation is presentation ("Rights, 1 the")."""
    return at >= 2 and GLUED.match(text[at - 2]) is not None and not text[at - 2].isalpha()


def _replace(block: Block, begin: int, end: int, text: str) -> Block:
    """block.text[begin:end] replaced by text; the offsets of the rest kept."""
    shift = len(text) - (end - begin)
    pieces = block.segments  # (in order of their index: found by bisection, not read through)
    head = pieces[: bisect_left(pieces, begin, key=segment_index)]
    tail = tuple((i + shift, o) for i, o in pieces[bisect_right(pieces, end, key=segment_index) :])
    middle: tuple[tuple[int, int], ...] = ((begin, block.offset(begin)),)
    if end < len(block.text):
        middle += ((end + shift, block.offset(end)),)
    new = block.text[:begin] + text + block.text[end:]
    return Block(new, head + middle + tail, block.escaped, block.after_blank)


DIGIT_RUN = regex.compile(r"\d+")


class _Holding:
    """The blocks (from `start` on) that may hold each marker: those where its digits are part of a
    run of digits, found once for all notes (each note's call was looked for in every block after
    the one before: a text of thousands of paragraphs and notes without a call took minutes). A
    block with a run longer than LONG_RUN is taken to hold every marker. Rewriting a call never
    gives a block digits of another marker it did not have ("^(" and ")" come between), so the
    blocks found stay a superset of those that hold the marker."""

    LONG_RUN = 64

    def __init__(self, blocks: list[Block], start: int, markers: set[str]) -> None:
        sizes = sorted({len(marker) for marker in markers})
        self.by_marker: dict[str, list[int]] = {marker: [] for marker in markers}
        self.every: list[int] = []
        for index in range(start, len(blocks)):
            held: set[str] = set()
            for run in DIGIT_RUN.finditer(blocks[index].text):
                digits = run.group()
                if len(digits) > self.LONG_RUN:
                    self.every.append(index)
                    held = set()
                    break
                for size in sizes:
                    held.update(
                        piece
                        for at in range(len(digits) - size + 1)
                        if (piece := digits[at : at + size]) in self.by_marker
                    )
            for marker in held:
                self.by_marker[marker].append(index)

    def within(self, marker: str, first: int, last: int) -> list[int]:
        """The blocks from `first` to `last` (both included) that may hold `marker`, in order."""
        found = self.by_marker.get(marker, [])
        out = found[bisect_left(found, first) : bisect_right(found, last)]
        if self.every:
            out = sorted({*out, *self.every[bisect_left(self.every, first) : bisect_right(self.every, last)]})
        return out


class _CallsByMarker:
    """The calls a block holds already ("^(4)"), by marker: what `pattern.finditer(text, start)`
    finds of a marker, found once a block (for each note, a paragraph of thousands of calls was
    read through again). The same as that scan for a pattern whose matches cannot overlap, as
    the calls' cannot ("^(" digits ")"). A call is kept by its distance from the end of the text:
    calls rewritten in a block (_replace) come before where the next is looked for, so the text
    changes before the calls still to be found, never after them."""

    def __init__(self, pattern: regex.Pattern[str]) -> None:
        self.pattern = pattern
        self.blocks: dict[int, dict[str, list[tuple[int, int]]]] = {}

    def of(self, marker: str, blocks: list[Block], index: int, start: int) -> list[tuple[int, int]]:
        """(start, end) of each call of `marker` in block `index`, from `start` on."""
        text = blocks[index].text
        calls = self.blocks.get(index)
        if calls is None:
            calls = {}
            size = len(text)
            for match in self.pattern.finditer(text):
                begin, end = match.span()
                calls.setdefault(match.group("marker"), []).append((size - begin, size - end))
            self.blocks[index] = calls
        size = len(text)
        return [(size - begin, size - end) for begin, end in calls.get(marker, ()) if size - begin >= start]


# A note's marker (digits: MARKDOWN_BODY, BARE_BODY) is looked for where its digits are in a text
# (str.find), each place then tested by one of these, not by patterns compiled for each marker: a
# resolution of 20,000 notes spent nine tenths of its time compiling 80,000 of them. The finders
# below find what the patterns of their docstrings find from `start` on (MARKER standing for
# `regex.escape(marker)`). Here: a number, whole; digits after a year no digit comes before
# ("20055": the year 2005, then 5); a digit, after a space or not.
NUMBER = regex.compile(r"(?<!\d)\d+")
AFTER_YEAR = regex.compile(r"(?<=(?<!\d)(?:1[89]|20)\d\d)\d+")
DIGIT_AHEAD = regex.compile(r" ?\d")


def markdown_calls(text: str, start: int, marker: str) -> list[tuple[int, int]]:
    """`\\[\\^MARKER\\]`: a markdown call of the marker ("[^12]")."""
    call = "[^" + marker + "]"
    out = []
    at = text.find(call, start)
    while at >= 0:
        out.append((at, at + len(call)))
        at = text.find(call, at + len(call))
    return out


Spans = list[tuple[int, int]]


def numbers_of(text: str, start: int, marker: str) -> tuple[Spans, Spans, Spans]:
    """Three finders in one pass over the places of the marker's digits:
    `(?<!\\d)MARKER(?!\\d)`, the marker as a number of its own;
    `(?<=(?<!\\d)(?:1[89]|20)\\d\\d)MARKER(?!\\d)`, the marker glued after a year;
    `(?<!\\d)MARKER(?= ?\\d)`, the marker opening a number, or before a space and one."""
    bare: Spans = []
    after_year: Spans = []
    before_digits: Spans = []
    size = len(marker)
    at = text.find(marker, start)
    while at >= 0:
        end = at + size
        found = NUMBER.match(text, at)
        if found is not None:
            if found.end() == end:
                bare.append((at, end))
            if DIGIT_AHEAD.match(text, end) is not None:
                before_digits.append((at, end))
        elif (found := AFTER_YEAR.match(text, at)) is not None and found.end() == end:
            after_year.append((at, end))
        at = text.find(marker, at + 1)
    return bare, after_year, before_digits


def _find_call(
    blocks: list[Block],
    note: RawNote,
    position: tuple[int, int],
    words: set[str],
    existing: _CallsByMarker,
    holding: _Holding,
    lang: Language,
    quantity: regex.Pattern[str],
    decimal: str,
    year: regex.Pattern[str],
    after: regex.Pattern[str],
) -> tuple[int, int, int, bool] | None:
    """(block, start, end, explicit) of the first plausible call of a note after position."""
    marker = note.marker
    labels = (lang.pattern("points.level1"), lang.pattern("points.level2"))

    def start_in(index: int) -> int:
        """Where block `index` is read from: after the call before, in the block of that call."""
        return position[1] if index == position[0] else 0

    def holds(index: int) -> bool:
        """Whether block `index` holds the marker's digits where it is read: every reading of a
        call does, so a block without them has none."""
        return blocks[index].text.find(marker, start_in(index)) >= 0

    def candidates_in(index: int) -> list[tuple[int, int, bool]]:
        """The plausible calls in block `index` after position, in order."""
        if not holds(index):
            return []
        text = blocks[index].text
        from_char = start_in(index)
        candidates: list[tuple[int, int, bool]] = []
        candidates += [(start, end, False) for start, end in markdown_calls(text, from_char, marker)]
        candidates += [(start, end, True) for start, end in existing.of(marker, blocks, index, from_char)]
        label = max(
            (m.end("num") for p in labels if (m := p.match(text)) is not None),
            default=0,
        )
        bare, after_year, before_digits = numbers_of(text, from_char, marker)
        for begin, end in bare:
            if begin < label:
                continue  # a point's own number
            wide = _wide_gap(blocks[index], end)
            if (
                (_plausible(text, begin, end, words, decimal) or wide)
                and not lang.date.match(text, begin)
                and not _month_follows(lang.months, text[end:].lstrip())
                and not quantity.match(text[end:])
                and not after.search(text[max(0, begin - 8) : begin])
            ):
                candidates.append((begin, end, False))
        # "in 20055 and": the year 2005, then call 5
        candidates += [(start, end, False) for start, end in after_year]
        candidates += _after_symbol(text, from_char, marker)
        if not lang.join:  # words are not spaced: a space after digits is a superscript's room
            for match in DIGITS_THEN_GAP.finditer(text, max(from_char, label)):
                if match.group("digits").endswith(marker):
                    candidates.append(_ending(match, marker))
        for begin, end in before_digits:  # "、1 2016年": call 1,
            if year.match(text[end : end + 9].lstrip(" ")):  # then the year
                candidates.append((begin, end, False))
        return sorted(candidates)

    last_before = min(note.after, len(blocks) - 1)  # the last block before the note's body

    def first_plausible(indices: list[int]) -> tuple[int, int, int, bool] | None:
        for index in indices:
            candidates = candidates_in(index)
            if not candidates:
                continue
            begin, end, explicit = candidates[0]
            if _spaced(blocks[index].text, begin):
                # A number between spaces ("participeraient 15 boursiers") may be a quantity; the
                # same digits glued to a word further on, before the note's body, are the call.
                for later in holding.within(marker, index, last_before):
                    text = blocks[later].text
                    glued = [
                        c
                        for c in (candidates if later == index else candidates_in(later))
                        if _glued(text, c[0])
                    ]
                    if glued:
                        return later, *glued[0]
            return index, begin, end, explicit
        return None

    # A body sits at the foot of its call's page: the call comes before it. The marker's digits
    # ending a symbol there ("78/172": resolution 78/17 and call 2, or resolution 78/172) are taken
    # when no plausible call comes before the body — the last such, nearest the body — rather than
    # a number after the body; after it, the first plausible call, else the first such symbol.
    found = first_plausible(holding.within(marker, position[0], last_before))
    if found is not None:
        return found
    weak = [
        (index, *candidate)
        for index in holding.within(marker, position[0], len(blocks) - 1)
        if holds(index)
        for candidate in _weak_calls(blocks[index].text, start_in(index), marker, lang.months, words)
    ]
    before_body = [w for w in weak if w[0] <= note.after]
    if before_body:
        return before_body[-1]
    found = first_plausible(holding.within(marker, max(position[0], last_before + 1), len(blocks) - 1))
    if found is not None:
        return found
    return weak[0] if weak else None


# What a call glued to a word follows: a letter, a closing bracket or quotation mark.
WORD_END = regex.compile(r"[\p{L}\p{Pe}\p{Pf}’”]")


def _spaced(text: str, begin: int) -> bool:
    """A bare number with a space before it."""
    return text[begin].isdigit() and begin > 0 and text[begin - 1] == " "


def _glued(text: str, begin: int) -> bool:
    """A bare number glued to the end of a word ("nationales15")."""
    return text[begin].isdigit() and begin > 0 and WORD_END.match(text[begin - 1]) is not None


# Digits, a space and a letter: in a language that does not space its words ("目标6 和"), the
# space is what is left of a superscript, and the digits end with a call.
DIGITS_THEN_GAP = regex.compile(r"(?<![\d/.,])(?P<digits>\d+)(?= \p{L})")
YEAR = regex.compile(r"(?:18|19|20)\d\d")
# The last number of an enumeration that goes up by one ("points 5, 6 and 75": 7, then call 5).
ENUMERATION = regex.compile(
    r"(?<![\d/.])(?P<a>\d{1,3}),\s*(?P<b>\d{1,3})\s+\S{1,4}\s+(?P<digits>\d{2,6})(?![\d/]|[.,]\d)"
)
# The number of an abbreviation ("COP.15", "EA.5"), of a capitalised name ("Agenda 21",
# "Programa 21") or after a word that takes a number ("القرن 21"), with digits glued after it: a
# call is the weakest reading of those digits.
NAMED_NUMBER = regex.compile(r"(?:\p{Lu}\.|(?P<name>\p{Lu}\p{Ll}+) )(?P<digits>\d{2,5})(?![\d/]|[.,]\d)")
WORD_NUMBER = regex.compile(r"(?<!\S)(?P<word>[^\s\d]+) (?P<digits>\d{2,5})(?![\d/]|[.,]\d)")
# A resolution symbol ("78/283") or a period of two years ("2020/21") with digits glued after it.
SYMBOL_THEN_DIGITS = regex.compile(r"(?<![\d/])(?P<first>\d{1,4})/(?P<digits>\d{2,6})(?![\d/])")


def _after_symbol(text: str, start: int, marker: str, *, weak: bool = False) -> list[tuple[int, int, bool]]:
    """Calls glued to a number that cannot go on with them: "78/2832" (resolution 78/283: no
    session numbers its resolutions or decisions into the thousands), "2020/214" (the period
    2020/21). "79/512" stays decision 79/512 — unless `weak`: then any symbol whose number goes on
    with the marker's digits ("5/727": resolution 5/7 and call 27)."""
    out = []
    for match in SYMBOL_THEN_DIGITS.finditer(text, start):
        digits = match.group("digits")
        if not digits.endswith(marker) or len(digits) - len(marker) > 3:
            continue
        first, second = int(match.group("first")), digits[: -len(marker)]
        if not second or int(second) == 0:
            continue
        symbol = first <= 100 and int(digits) >= 1000
        period = len(match.group("first")) == 4 and len(second) == 2 and (first + 1) % 100 == int(second)
        if symbol or period or (weak and first <= 100):
            out.append(_ending(match, marker))
    return out


def _weak_calls(
    text: str, start: int, marker: str, months: dict[str, int], words: set[str]
) -> list[tuple[int, int, bool]]:
    """The weakest readings of digits as a call, in order: glued to a symbol whose number goes on
    with them (`_after_symbol`, weak), to the number of an abbreviation, a name or a word of
    `words` ("COP.152", "Agenda 2124", "القرن 2124"; never a year, nor after a month in `months`),
    or to the last number of an enumeration going up by one ("5, 6 and 75")."""
    out = _after_symbol(text, start, marker, weak=True)
    for match in ENUMERATION.finditer(text, start):
        digits, a, b = match.group("digits"), int(match.group("a")), int(match.group("b"))
        head = digits[: -len(marker)]
        if digits.endswith(marker) and head and b == a + 1 and int(head) == b + 1:
            out.append(_ending(match, marker))
    named = list(NAMED_NUMBER.finditer(text, start))
    named += [m for m in WORD_NUMBER.finditer(text, start) if _word_key(m.group("word")) in words]
    for match in named:
        digits, name = match.group("digits"), match.groupdict().get("name")
        if name and name.casefold() in months:
            continue
        if YEAR.fullmatch(digits):
            continue  # "de 2025", "March 2022": a year, whole
        if digits.endswith(marker) and len(digits) > len(marker) and digits[0] != "0":
            out.append(_ending(match, marker))
    return sorted(out)


def _ending(match: regex.Match[str], marker: str) -> tuple[int, int, bool]:
    """The marker's digits ending a match's "digits" group, as a call."""
    return match.end("digits") - len(marker), match.end("digits"), False


def _wide_gap(block: Block, end: int) -> bool:
    """Two spaces or more after a number in the extracted line (a superscript's room): a call."""
    text = block.text
    if end + 1 >= len(text) or text[end] != " " or not text[end - 1].isdigit():
        return False
    before = text[end - 2] if end >= 2 else ""
    return before in (" ", "") and block.offset(end + 1) - block.offset(end) > 1


# After a number in a list, the list goes on: ", 7" or "and 7".
LIST_GOES_ON = regex.compile(r"\s*(?:,|\s\S{1,4})\s*\d")


# The number of a paragraph run on after a call: "persons.8 6. We recall".
NEXT_PARAGRAPH = regex.compile(r"\s\d{1,3}\.\s+\p{Lu}")
# What follows the number of a run-on paragraph: its full stop and a capital.
PARAGRAPH_NUMBER_END = regex.compile(r"\.\s+\p{Lu}")
# A superscript inside a word ("n^(o)", the abbreviation of numéro).
SUPERSCRIPT_MARKUP = regex.compile(r"\^\(([^()\s]*)\)")
# Letters that only stretch or modify a word (the Arabic tatweel in "الفقـرة").
STRETCH = regex.compile(r"\p{Lm}")


def _word_key(word: str) -> str:
    """A word as the list of words that take numbers has it: case folded, stretching left out."""
    return STRETCH.sub("", SUPERSCRIPT_MARKUP.sub(r"\1", word)).casefold().strip("(")


def _plausible(text: str, begin: int, end: int, words: set[str], decimal: str) -> bool:
    """Whether a bare number in running text reads as a footnote call."""
    before = text[begin - 1] if begin > 0 else ""
    if text[begin - 2 : begin] == "^(" or text[begin - 2 : begin] == "[^":
        return False
    if before == "." and begin >= 2 and (text[begin - 2].islower() or text[begin - 2] in ")”’"):
        # "persons.8": a call after a full stop; "Add.1", "para.1": an abbreviation's number.
        word = _word_key(regex.split(r"[\s/]", text[:begin])[-1])
        next_paragraph = NEXT_PARAGRAPH.match(text[end:]) is not None
        return word not in words and (next_paragraph or not NOT_AFTER.match(text[end:]))
    if before and NOT_BEFORE.match(before):
        return False
    if not before or GLUED_NOT_AFTER.match(text[end:]):
        return False
    if before and before in decimal and DECIMAL_HEAD.search(text[: begin - 1]):
        return False  # "1,3 billones", "2.5": a decimal ("Agenda 21,2", "2024,1": calls in English)
    if GLUED.match(before):
        return True
    if NOT_AFTER.match(text[end:]):
        return False
    # After a space: after punctuation, or after a word that does not take a number.
    previous = text[:begin].rstrip().rsplit(" ", 1)[-1]
    if previous.endswith((".", ";", ":")) and PARAGRAPH_NUMBER_END.match(text[end:]):
        return False  # "regulations. 13. We commit": a paragraph run on after the last one
    if (
        previous[:-1].isdecimal()
        and len(previous) <= 4
        and previous[-1] in ",;"
        and LIST_GOES_ON.match(text[end:])
    ):
        return False  # a list of numbers: "points 5, 6 and 7" (but "items 5, 6 and 7, 5 for the")
    if not previous or previous[-1] in ",;:)’”":
        return True
    if _word_key(previous) in words or previous[-1].isdigit():
        return False
    following = text[end:].lstrip()
    return not following or not following[0].isdigit()
