"""Text → `Resolution`: the recognisers of this package run in a fixed order over the blocks of
the input. Parsing never raises on content: every problem becomes a diagnostic."""

from __future__ import annotations

import datetime
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, replace

import regex

from ..diagnostics import Diagnostic, has_errors
from ..languages import CODES, Language, dates_of, detect, load
from ..model import (
    Annex,
    Body,
    BodyNode,
    Conclusion,
    Emphasis,
    Footnote,
    Inline,
    Masthead,
    NoteCall,
    OperativeParagraph,
    Part,
    Resolution,
    Section,
    Span,
    Text,
)
from ..source import Source, clean
from .blocks import Block, _space_run, front_matter, split_lines
from .body import BodyParser, split_run_on
from .conclusion import find_conclusion, split_glued_conclusions
from .dates import iso_date
from .footnotes import CALL_MARK, RawNote, ascii_digits, locate_calls, take_bodies
from .furniture import drop_running_headers, take_furniture
from .inline import parse_inline
from .layout import join_wrapped
from .masthead import NumberLine, read_masthead, read_number, separator_out_of_title

BLOCKS_AT_MOST = 100_000
"""The most blocks (paragraphs, points, headings, lines of a table, footnote bodies: what is left
once wrapped lines are joined) a text may have; more is refused (too-large) before it is read. The
densest shapes measured (a paragraph, its footnote and points, again and again; 20,000 calls in
one paragraph and 79,000 points) convert in 10-14 s at this many; the largest resolution of the
corpus has 834. (10 MB of bare "(a)" lines, 2.5 million points, would otherwise take minutes and
gigabytes.)"""
NOTES_AT_MOST = 20_000
"""The most footnotes a text may have; more is refused (too-large) before their calls are looked
for. Each note's call is looked for from the one before on, to the end of its paragraph: 20,000
calls in one paragraph convert in about 5 s written "^(n)", 8 s in markdown "[^n]" (each rewritten);
calls far apart in one paragraph of megabytes take time in calls × paragraph (20,000 calls 450
characters apart in 9.7 MB: about three minutes). A resolution of the corpus has 31 at most."""
MARKUP_AT_MOST = 500_000
"""The most characters of the text form's inline markup (MARKUP: emphasis, table cells, calls and
superscripts) a text may have, counted before anything else: each may make an element, at about
16 µs each in all (499,000 table cells, emphasis or calls in a row convert in 6-8 s), so 10 MB of
them would take minutes. A resolution of the corpus has 600 at most."""
MARKUP = "*|^"
LINES_AT_MOST = 1_000_000
"""The most lines a text may have, counted before anything else (a block takes at least one):
what is beyond is refused at once, not after seconds of joining lines (10 MB of 80-character
lines is 125,000)."""

DIGITS = {ord(c): str(int(c)) for c in "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９"}


@dataclass(frozen=True)
class Parsed:
    """The result of parsing: a resolution (None when the text is not one) and diagnostics."""

    resolution: Resolution | None
    diagnostics: list[Diagnostic]


class _Run:
    """The state of one parse: source, language, diagnostics."""

    def __init__(self, source: Source, lang: Language, diagnostics: list[Diagnostic]) -> None:
        self.source = source
        self.lang = lang
        self.diagnostics = diagnostics
        self.markers: frozenset[str] = frozenset()

    def warn(self, code: str, message: str, block: Block | None) -> None:
        self.diagnostics.append(self.source.diagnostic(code, message, block.span() if block else None))

    def inline(self, block: Block) -> tuple[Inline, ...]:
        nodes = parse_inline(block, self.markers, DIGITS)
        if "\\" not in block.text and "*" not in block.text:
            return nodes  # (a block's text is stripped, its spaces single: only escapes and emphasis differ)
        return nodes if read_as_is(nodes) else _as_read(nodes)


def read_as_is(nodes: tuple[Inline, ...]) -> bool:
    """Whether the AKN reader surely reads inline content back as it is (no space at its ends, no
    whitespace run, no emphasis spaced at its ends, nested, or beside another): the usual case,
    found cheaply; False leaves the question to _as_read."""
    for i, node in enumerate(nodes):
        if type(node) is Text:
            if not node.text or _space_run(node.text) or (i and type(nodes[i - 1]) is Text):
                return False
            if (i == 0 and node.text[0].isspace()) or (i == len(nodes) - 1 and node.text[-1].isspace()):
                return False
        elif type(node) is Emphasis:
            only = node.children[0] if len(node.children) == 1 else None
            if type(only) is not Text:
                return False  # (emphasis of one text, as "**…**" makes: anything else is looked at)
            text = only.text
            if not text or text[0].isspace() or text[-1].isspace() or _space_run(text):
                return False
            if i and (type(nodes[i - 1]) is Emphasis or (i > 1 and type(nodes[i - 2]) is Emphasis)):
                return False
    return True


def _as_read(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Inline content as the AKN reader will read it back: whitespace runs made one space, spaces
    moved out of emphasis, emphasis beside emphasis of its kind joined, the ends trimmed (escaped
    spaces, "\\ x", "**\\ x**", can leave any of these). Without it, the text form of such content
    would not convert back to the same document. (Its nodes lose their spans, which nothing
    written reads.)"""
    from ..akn_reader import as_read, merged_within  # (the reader imports the parser's modules)

    read = as_read(merged_within(nodes))
    return nodes if read == nodes else read


def _note_as_read(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """A footnote body as the AKN reader will read it back: without a second marker ("(7) () See
    …", as the UN's files print their notes), which the reader takes for presentation."""
    from ..akn_reader import strip_marker  # (the reader imports the parser's modules)

    return strip_marker(nodes)


def parse(text: str, *, lang: str | None = None) -> Parsed:
    """Parse the text of a resolution into the model. Raises TypeError when `text` is not a str
    and ValueError when `lang` is not one of the six codes (None: detected)."""
    check_arguments(text, lang)
    source, diagnostics = clean(text)
    if not source.text.strip():
        return Parsed(None, [Diagnostic("empty-input", "the input is empty or only whitespace", None, 1, 1)])
    if (too_large := _too_large(source.text)) is not None:
        return Parsed(None, [*diagnostics, Diagnostic("too-large", too_large, None, 1, 1)])
    meta, start = front_matter(source.text)
    code = lang or detect(source.text[start:])
    if code is None:
        diagnostics.append(
            Diagnostic("unknown-language", "the language could not be detected; use --lang", None, 1, 1)
        )
        return Parsed(None, diagnostics)
    run = _Run(source, load(code), diagnostics)
    blocks = join_wrapped(split_lines(source.text, start), run.lang)
    if len(blocks) > BLOCKS_AT_MOST:
        count = f"{len(blocks):,} paragraphs and lines"
        _refuse(
            run,
            "too-large",
            f"too large: {count}; a resolution has at most {BLOCKS_AT_MOST:,}",
            blocks[BLOCKS_AT_MOST],
        )
        return Parsed(None, run.diagnostics)
    resolution = _parse_blocks(run, blocks, meta)
    if has_errors(run.diagnostics):
        resolution = None
    return Parsed(resolution, run.diagnostics)


def _too_large(text: str) -> str | None:
    """Why a text is refused before it is read (LINES_AT_MOST, MARKUP_AT_MOST), or None. (A text
    shorter than a limit cannot reach it: not counted.)"""
    if len(text) >= LINES_AT_MOST and (lines := text.count("\n") + 1) > LINES_AT_MOST:
        return f"too large: {lines:,} lines; a resolution has at most {LINES_AT_MOST:,}"
    if len(text) > MARKUP_AT_MOST and (markup := sum(text.count(c) for c in MARKUP)) > MARKUP_AT_MOST:
        what = f"{markup:,} markup characters ({', '.join(MARKUP)})"
        return f"too large: {what}; a resolution has at most {MARKUP_AT_MOST:,}"
    return None


def check_arguments(text: object, lang: object) -> None:
    """What `parse` and `convert` are given: a mistake of the caller is named plainly, instead of
    failing somewhere inside (a KeyError for a language, or a TypeError about bytes for a str)."""
    if not isinstance(text, str):
        hint = ": decode the bytes first" if isinstance(text, (bytes, bytearray)) else ""
        raise TypeError(f"the text of a resolution is a str, not {type(text).__name__}{hint}")
    check_language(lang)


def check_language(lang: object) -> None:
    """ValueError unless `lang` is one of the six codes or None (detected)."""
    if lang is not None and lang not in CODES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(CODES)} (or None)")


def _refuse(run: _Run, code: str, message: str, block: Block | None = None) -> None:
    run.diagnostics.append(run.source.diagnostic(code, message, block.span() if block else None))


def _parse_blocks(run: _Run, blocks: list[Block], meta: dict[str, str]) -> Resolution | None:
    lang = run.lang
    blocks, footer = take_furniture(blocks, lang)
    first_number = next((i for i, b in enumerate(blocks) if read_number(lang, b)), len(blocks))
    if first_number < len(blocks):
        blocks = blocks[: first_number + 1] + drop_running_headers(
            lang, blocks[first_number], blocks[:first_number], blocks[first_number + 1 :]
        )
    blocks = split_glued_conclusions(blocks, lang, first_number + 1)
    first_formula = next(
        (i for i, b in enumerate(blocks) if i > first_number and _is_formula(lang, b)), len(blocks)
    )
    blocks, raw_notes, empty_notes = take_bodies(blocks, lang, first_formula)
    for block in empty_notes:
        run.warn("empty-note", f"footnote definition {block.text!r} has no text: left out", block)
    if len(raw_notes) > NOTES_AT_MOST:
        message = f"too large: {len(raw_notes):,} footnotes; a resolution has at most {NOTES_AT_MOST:,}"
        _refuse(run, "too-large", message, raw_notes[NOTES_AT_MOST].block)
        return None
    blocks = locate_calls(blocks, raw_notes, lang, min(first_formula, len(blocks)))
    run.markers = frozenset(n.key for n in raw_notes)
    formulas = [i for i, b in enumerate(blocks) if _is_formula(lang, b)]
    if not formulas:
        _refuse(run, "not-a-resolution", "not a resolution: no formula found")
        return None
    number_at = next((i for i, b in enumerate(blocks) if i < formulas[-1] and read_number(lang, b)), None)
    if number_at is None:
        _refuse(run, "not-a-resolution", "not a resolution: no resolution number found")
        return None
    # The masthead may name the body as the formula does ("Генеральная Ассамблея", "大会"): the
    # formula is the first one after the number line.
    formulas = [f for f in formulas if f > number_at]
    starts = _part_starts(lang, blocks, formulas)
    head_end = starts[0] if starts else formulas[0]
    masthead, unknown = read_masthead(lang, blocks[:number_at])
    for block, line in unknown:
        run.warn("unparsed-masthead", f"masthead line not recognised: {line[:60]!r}", block)
    number_block = _joined(blocks[number_at:head_end], lang.join)
    numbers = read_number(lang, number_block)
    assert numbers is not None
    session, number = _session_and_number(run, masthead, numbers, number_block)
    from ..akn_reader import bare_title  # (the reader imports the parser's modules)

    title = bare_title(run.inline(number_block.slice(numbers.title_start)))
    title = _complete_title(run, title, masthead, number_block)
    separator, title = separator_out_of_title(lang, numbers.printed, numbers.separator, title)

    parts: list[Part] = []
    if starts:
        for k, start in enumerate(starts):
            stop = starts[k + 1] if k + 1 < len(starts) else len(blocks)
            formula_at = next(f for f in formulas if start < f < stop)
            part_body, part_conclusion, after = _read_body(run, blocks, formula_at, stop)
            heading = blocks[start + 1 : formula_at]
            title_text = _joined(heading, lang.join).text if heading else ""
            parts.append(Part(blocks[start].text, title_text, part_body, part_conclusion))
        body, conclusion = Body("", "", (), ()), parts[-1].conclusion
    else:
        body, conclusion, after = _read_body(run, blocks, formulas[0], len(blocks))
    bodies = [p.body for p in parts] or [body]
    if any(not b.operative for b in bodies):
        _refuse(
            run, "not-a-resolution", "not a resolution: no operative paragraph found", blocks[formulas[0]]
        )
        return None
    annexes = _annexes(run, blocks[after:])
    footnotes, bodies = _footnotes(run, raw_notes, blocks, bodies)
    if parts:
        parts = [replace(p, body=b) for p, b in zip(parts, bodies, strict=True)]
    else:
        body = bodies[0]

    for each in bodies:
        _check_numbering(run, each.operative)
    adopted = conclusion.date or masthead.adopted
    if adopted is None:
        _refuse(
            run, "no-adoption-date", "no adoption date: neither a conclusion date nor an 'adopted on' line"
        )
        return None
    issued, printed = _issued(run, masthead, meta, adopted)
    return Resolution(
        language=lang.code,
        masthead=masthead,
        footer=footer,
        number_text=numbers.printed,
        session=session,
        number=number,
        title_separator=separator,
        title=title,
        body=body,
        parts=tuple(parts),
        conclusion=conclusion,
        annexes=annexes,
        footnotes=footnotes,
        adopted=adopted,
        issued=issued,
        issued_printed=printed,
    )


def _complete_title(
    run: _Run, title: tuple[Inline, ...], masthead: Masthead, block: Block
) -> tuple[Inline, ...]:
    """A title whose second line the extraction lost — it ends with a word that cannot end a
    title ("… weapons of"), or it is a line's length long and the agenda item's title begins with
    it — is completed from the agenda item's title when that continues it word for word (with a
    warning). Anything else is left as printed."""
    if not title or not all(isinstance(node, Text) for node in title):
        return title
    text = "".join(node.text for node in title if isinstance(node, Text)).rstrip()
    lang = run.lang
    cut = lang.pattern("number.title_cut").search(text) is not None
    if not cut and len(text) < lang.data["number"]["title_wrap"]:
        return title
    agenda, starts = "", set()
    for line in masthead.lines:
        if line.kind in ("agenda", "agenda_title"):
            agenda += " " if agenda else ""
            if line.kind == "agenda_title":
                starts.add(len(agenda))
            agenda += " ".join(line.text.split())
    found = find_words(text.split(), agenda)
    if found is None:
        return title
    begins = found[0] in starts or agenda[: found[0]].rstrip().endswith((":", "："))
    rest = agenda[found[1] :].strip().rstrip(" .;:")
    if not rest or rest[0] in ":;,.-–—/：；，" or not (cut or begins):
        return title  # the agenda item goes on with something else ("…: sub-item")
    completed = text + lang.join + rest if lang.join else text + rest
    run.warn(
        "title-completed",
        f"the title ends {text.split()[-1]!r}: completed from the agenda item as {completed!r}",
        block,
    )
    return (Text(completed, title[0].span),)


def find_words(words: list[str], text: str) -> tuple[int, int] | None:
    """Where words (no whitespace in them) first occur in text, one whitespace run apart,
    ignoring case and followed by whitespace or the end: the span the regex of the escaped words
    joined by `\\s+`, then `(?=\\s|$)`, finds with IGNORECASE (full case folding). A text whose
    only whitespace is single spaces, as `" ".join(line.split())` makes, where case folding keeps
    every character one character, is searched as folded strings: the regex would be compiled
    anew for every title (most of a millisecond), the search takes microseconds."""
    phrase = " ".join(words)
    if text == " ".join(text.split()) and _folds_one_to_one(phrase + text):
        folded, target = text.casefold(), phrase.casefold()
        at = folded.find(target)
        while at >= 0:
            end = at + len(target)
            if end == len(text) or text[end] == " ":
                return at, end
            at = folded.find(target, at + 1)
        return None
    found = regex.search(
        r"\s+".join(regex.escape(word) for word in words) + r"(?=\s|$)", text, regex.IGNORECASE | regex.V1
    )
    return found.span() if found else None


def _folds_one_to_one(text: str) -> bool:
    """Whether case folding keeps every character of text one character (no "ß" → "ss"), all of
    them known to Python's Unicode database (the regex module's, newer, may fold one it does not
    know): then the folded text's offsets are the text's, and a regex ignoring case matches where
    the folded strings are equal."""
    return len(text.casefold()) == len(text) and all(unicodedata.category(c) != "Cn" for c in set(text))


def _check_numbering(run: _Run, nodes: tuple[BodyNode, ...]) -> None:
    """Warn where a numbered operative paragraph does not follow the one before it in its
    container (cross-headings between them are stepped over; a section is its own container)."""
    previous: int | None = None
    for node in nodes:
        if isinstance(node, Section):
            _check_numbering(run, node.children)
            continue
        if not isinstance(node, OperativeParagraph) or node.num is None:
            continue
        value = _value(node.num)
        if value is None:
            continue
        if previous is not None and value != previous + 1:
            message = f"operative paragraph {node.num.strip()} follows paragraph {previous}"
            run.diagnostics.append(run.source.diagnostic("numbering", message, node.span))
        previous = value


ASCII_NUMBER = regex.compile(r"[0-9]+")


def _value(num: str) -> int | None:
    """The number in a printed paragraph number ("١٢ -", "3."), if it has one."""
    found = ASCII_NUMBER.search(num.translate(DIGITS))
    return int(found.group()) if found else None


def _is_formula(lang: Language, block: Block) -> bool:
    """The enacting formula: its words and nothing after them but its punctuation."""
    if block.escaped:
        return False
    match = lang.formula.match(block.text)
    return bool(match and lang.pattern("formula.tail").match(block.text[match.end() :]))


def _joined(blocks: list[Block], separator: str) -> Block:
    out = blocks[0]
    for extra in blocks[1:]:
        out = out.join(extra, separator)
    return out


def _part_starts(lang: Language, blocks: list[Block], formulas: list[int]) -> list[int]:
    """Where each part (A, B, …) starts: its label line, one or two lines before its formula.
    Empty when the first formula has no part label before it."""
    label = lang.pattern("sections.part")
    starts: list[int] = []
    previous = -1
    for f in formulas:
        found = next(
            (
                i
                for i in range(f - 1, max(previous, f - 4), -1)
                if not blocks[i].escaped and label.match(blocks[i].text)
            ),
            None,
        )
        if found is None:
            if not starts:
                return []
            continue
        starts.append(found)
        previous = f
    return starts if len(starts) > 1 else []


def _read_body(run: _Run, blocks: list[Block], formula_at: int, stop: int) -> tuple[Body, Conclusion, int]:
    """The formula, preamble, operative part and conclusion of blocks[formula_at:stop]; and the
    index after the conclusion."""
    lang = run.lang
    formula_block = blocks[formula_at]
    formula_match = lang.formula.match(formula_block.text)
    assert formula_match is not None
    found = find_conclusion(blocks[:stop], lang, formula_at + 1)
    end, after = (found[0], found[1]) if found else (stop, stop)
    conclusion = found[2] if found else Conclusion(None, None, None, None)
    body_blocks = split_run_on(blocks[formula_at + 1 : end], lang)
    parser = BodyParser(lang, run.inline, run.warn)
    for i, block in enumerate(body_blocks):
        parser.feed(block, body_blocks[i + 1] if i + 1 < len(body_blocks) else None)
    body = Body(
        formula_match.group(0),
        formula_block.text[formula_match.end() :],
        parser.preamble(),
        parser.operative(),
    )
    return body, conclusion, after


def _session_and_number(run: _Run, masthead: Masthead, numbers: NumberLine, block: Block) -> tuple[str, str]:
    """Which of the two printed numbers is the session: the session line decides."""
    first, second = ascii_digits(numbers.first), ascii_digits(numbers.second)
    if numbers.emergency:
        digits = "".join(ch for ch in first if ch.isdigit())
        return f"ES-{int(digits)}", str(int(second))
    first, second = str(int(first)), str(int(second))
    session = masthead.session
    if session == first and session != second:
        return first, second
    if session == second and session != first:
        return second, first
    if session is None:
        run.warn("number-order", "no session line: the number is read in the language's usual order", block)
    if run.lang.number_order == "number/session":
        return second, first
    return first, second


def _issued(run: _Run, masthead: Masthead, meta: dict[str, str], adopted: str) -> tuple[str, bool]:
    if masthead.issued:
        return masthead.issued, True
    front = meta.get("date", "")
    if iso_date(dates_of("en"), front) or _is_iso(front):
        run.warn(
            "issued-from-front-matter", f"no issuance date printed: the front matter's {front} is used", None
        )
        return front if _is_iso(front) else iso_date(dates_of("en"), front) or adopted, False
    run.warn("issued-from-adoption", "no issuance date printed: the adoption date is used", None)
    return adopted, False


def _is_iso(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def _annexes(run: _Run, blocks: list[Block]) -> tuple[Annex, ...]:
    annex = run.lang.pattern("sections.annex")
    groups: list[tuple[list[str], list[Block], Block]] = []
    for block in blocks:
        if not block.escaped and annex.match(block.text):
            groups.append(([block.text], [], block))
        elif groups:
            groups[-1][1].append(block)
        else:
            groups.append(([], [block], block))
    return tuple(
        Annex(tuple(heading), tuple(run.inline(b) for b in content), first.span())
        for heading, content, first in groups
    )


def _footnotes(
    run: _Run, raw: list[RawNote], blocks: list[Block], bodies: list[Body]
) -> tuple[tuple[Footnote, ...], list[Body]]:
    """Footnotes in marker order; calls without a body and bodies never called reported (an
    uncalled body is called at the end of the paragraph before it)."""
    called: set[str] = set()
    call = run.lang.pattern("footnotes.call")
    for block in blocks:
        if CALL_MARK not in block.text:
            continue  # (no call: see CALL_MARK)
        for match in call.finditer(block.text):
            called.add(ascii_digits(match.group("marker")))
            if ascii_digits(match.group("marker")) not in run.markers:
                start = block.offset(match.start())
                run.diagnostics.append(
                    run.source.diagnostic(
                        "note-without-body",
                        f"footnote {match.group('marker')} is called but has no body",
                        Span(start, start + len(match.group(0))),
                    )
                )
    notes = []
    uncalled = []
    for note in raw:
        if note.key not in called:
            run.warn(
                "note-not-called", f"footnote {note.marker} is never called: attached before it", note.block
            )
            uncalled.append(note)
        content = run.inline(note.block)
        if note.block.text.lstrip("*")[:1] == "(":  # (a second marker: "(7) () …", "(7) *()* …")
            content = _note_as_read(content)
        notes.append(Footnote(note.marker, content, note.block.span()))
    notes.sort(
        key=lambda n: (int(ascii_digits(n.marker)) if ascii_digits(n.marker).isdigit() else 0, n.marker)
    )
    return tuple(notes), _attach(uncalled, bodies) if uncalled else bodies


def _attach(notes: list[RawNote], bodies: list[Body]) -> list[Body]:
    """A call of each uncalled note appended, in turn, to the paragraph that precedes its body:
    the last preambular or numbered operative paragraph, in the order of the bodies, that starts
    before it. (Looked up by bisection among the paragraphs sorted by where they start, each with
    the greatest place in that order of those starting before: a walk of every paragraph for each
    note took minutes for thousands of notes among thousands of paragraphs.)"""
    places: list[tuple[int, int, str, int]] = []  # (start, body, where, index), in the bodies' order
    for b, body in enumerate(bodies):
        places += [
            (p.span.start, b, "preamble", i) for i, p in enumerate(body.preamble) if p.span is not None
        ]
        places += [
            (o.span.start, b, "operative", i)
            for i, o in enumerate(body.operative)
            if isinstance(o, OperativeParagraph) and o.span is not None
        ]
    by_start = sorted(range(len(places)), key=lambda k: places[k][0])
    starts = [places[k][0] for k in by_start]
    latest: list[int] = []  # latest[k]: the last place in order among the k + 1 starting first
    for k in by_start:
        latest.append(max(k, latest[-1]) if latest else k)
    calls: dict[tuple[int, str, int], list[Inline]] = {}
    for note in notes:
        before = bisect_left(starts, note.block.start)
        if before:
            _, b, where, i = places[latest[before - 1]]
            calls.setdefault((b, where, i), []).append(NoteCall(note.marker))
    out = list(bodies)
    for b in sorted({b for b, _, _ in calls}):  # (the bodies given a call)
        body = bodies[b]
        preamble = tuple(
            replace(p, content=p.content + tuple(calls[b, "preamble", i]))
            if (b, "preamble", i) in calls
            else p
            for i, p in enumerate(body.preamble)
        )
        operative = tuple(
            replace(o, content=o.content + tuple(calls[b, "operative", i]))
            if (b, "operative", i) in calls and isinstance(o, OperativeParagraph)
            else o
            for i, o in enumerate(body.operative)
        )
        out[b] = replace(body, preamble=preamble, operative=operative)
    return out


__all__ = ["Parsed", "parse"]
