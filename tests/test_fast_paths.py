"""The shortcuts taken for speed (issue 5) give what the plain computation gives, on any input."""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import cast

import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

from converter.akn import ascii_number
from converter.akn_reader import (
    ANNEX_BLOCKS,
    NS,
    SPACES,
    _annex_blocks,
    _merge,
    _outside,
    _Reader,
    _strip_ends,
    _stripped,
    _style,
    _trim,
    _trim_end,
    _trim_ends,
    merged_within,
    squash,
    strip_marker,
)
from converter.languages import CODES, _script_count, load
from converter.model import (
    Body,
    BodyNode,
    CrossHeading,
    Emphasis,
    Inline,
    NoteCall,
    OperativeParagraph,
    PreambularParagraph,
    Span,
    Superscript,
    Text,
)
from converter.parse import _attach, find_words, read_as_is
from converter.parse.blocks import SPACE_RUN, Block, _space_run, may_be_digit
from converter.parse.body import ENDS_PARAGRAPH, run_on_cut
from converter.parse.conclusion import date_at_end, may_end_a_date
from converter.parse.footnotes import (
    BARE_BODY,
    MARKDOWN_BODY,
    RawNote,
    _CallsByMarker,
    _Holding,
    _replace,
    end_without_calls,
    markdown_calls,
    numbers_of,
    without_calls,
)
from converter.parse.furniture import BARCODE, JOB_NUMBER, PAGE_COUNTER, RULE, RULE_STARTS, _key
from converter.parse.inline import _merge as merge_texts
from converter.parse.inline import _parse, _superscripts, plain
from converter.parse.layout import WHOLE_AT_MOST, _Unit
from converter.parse.phrases import opening_of
from converter.source import looks_binary
from converter.text import INLINE_SPECIAL, _any_structural, _structural_checks, escape

# Characters that matter to the shortcuts: spaces of several kinds, punctuation, markup, letters
# of several scripts, controls.
CHARS = st.sampled_from(list(" \t\n\r\xa0\u2000\u3000\x1c\x1f\x85.,;:،^*\\()-_ab1٣Жд大ßİ"))
TEXTS = st.text(CHARS, max_size=30)

INLINES: st.SearchStrategy[Inline] = st.recursive(
    st.one_of(TEXTS.map(Text), st.just(NoteCall("1"))),
    lambda children: st.builds(
        Emphasis, st.sampled_from(["b", "i"]), st.lists(children, max_size=4).map(tuple)
    ),
    max_leaves=8,
)


@given(st.lists(INLINES, max_size=5).map(tuple))
def test_stripped_says_whether_strip_ends_changes_anything(children: tuple[Inline, ...]) -> None:
    assert _stripped(children) == (_strip_ends(children) == children)


def merge_at_each_join(nodes: list[Inline]) -> list[Inline]:
    """The reader's _merge as it was, a run of emphasis merged again at each of its joins (in time
    in the square of the run's length)."""
    out: list[Inline] = []
    texts: list[str] = []
    for node in _outside(nodes):
        if isinstance(node, Text):
            if not texts and out and isinstance(out[-1], Text):
                texts.append(cast(Text, out.pop()).text)
            texts.append(node.text)
            continue
        if texts:
            out.append(Text(squash("".join(texts))))
            texts = []
        if isinstance(node, Emphasis) and not plain(node.children).strip():
            out.extend(node.children)
        elif (
            isinstance(node, Emphasis) and out and isinstance(out[-1], Emphasis) and out[-1].kind == node.kind
        ):
            out[-1] = Emphasis(node.kind, tuple(merge_at_each_join([*out[-1].children, *node.children])))
        elif (
            isinstance(node, Emphasis)
            and len(out) > 1
            and isinstance(out[-1], Text)
            and out[-1].text.isspace()
            and isinstance(out[-2], Emphasis)
            and _style(out[-2]) == _style(node)
        ):
            out.pop()
            previous = cast(Emphasis, out.pop())
            children = [*previous.children, Text(" "), *node.children]
            out.append(Emphasis(node.kind, tuple(merge_at_each_join(children))))
        else:
            out.append(node)
    if texts:
        out.append(Text(squash("".join(texts))))
    return out


# Runs of emphasis: spaces, emphasis of each kind and both, nested a little.
RUNS = st.lists(
    st.one_of(
        st.sampled_from([Text(" "), Text("  "), Text("a"), Text(" a "), NoteCall("1")]),
        st.builds(Emphasis, st.sampled_from(["b", "i"]), st.lists(INLINES, max_size=3).map(tuple)),
    ),
    max_size=10,
)


@example([Emphasis("i", (Text("y"),)), Text(" "), Emphasis("i", (Text("y"),)), Text(" ")])
@example([Emphasis("i", (Emphasis("b", (Text(c),)),)) for c in ("x", " y ", "z")])
@example(
    [
        Emphasis("i", (Emphasis("b", (Text("x"),)),)),
        Emphasis("i", (Text("y"),)),
        Text(" "),
        Emphasis("i", (Text("z"),)),
    ]
)
@example(
    [Emphasis("b", (Emphasis("i", (Text("x"),)),)), Text(" "), Emphasis("b", (Emphasis("i", (Text("y"),)),))]
)
@given(st.one_of(RUNS, st.lists(INLINES, max_size=6)))
def test_a_run_of_emphasis_merged_once_is_what_merging_it_at_each_join_gives(nodes: list[Inline]) -> None:
    # (Merged at each join, a run's text was copied and squashed again at each: 100,000
    # "<i>y</i> " in a paragraph took hours to read.) As the reader and the parser call it: on
    # nodes whose emphasis have their children merged already.
    within = merged_within(nodes)
    assert _merge(within) == merge_at_each_join(within)


@example([Text(""), Text("a")])
@example([Text("a"), Emphasis("b", (Text(" b"),)), Text("")])
@given(st.lists(st.one_of(INLINES, st.just(Superscript("er")))))
def test_trim_shortcut(nodes: list[Inline]) -> None:
    assert _trim(nodes) == _trim_ends(nodes)
    # at the end only: what _trim_ends does to what comes after an emphasis that opens the nodes
    assert (Emphasis("b", (Text("x"),)), *_trim_end(nodes)) == _trim_ends(
        [Emphasis("b", (Text("x"),)), *nodes]
    )


@given(TEXTS)
def test_squash_shortcut(text: str) -> None:
    assert squash(text) == SPACES.sub(" ", text)


@given(TEXTS)
def test_space_run_shortcut(text: str) -> None:
    assert _space_run(text) == bool(SPACE_RUN.search(text))


@given(TEXTS)
def test_escape_shortcut(text: str) -> None:
    assert escape(text) == INLINE_SPECIAL.sub(r"\\\1", text)


@given(TEXTS)
def test_paragraph_end_matched_from_the_end(text: str) -> None:
    forward = regex.compile(ENDS_PARAGRAPH.pattern)
    assert bool(ENDS_PARAGRAPH.search(text)) == bool(forward.search(text))


@given(TEXTS, st.integers(min_value=0, max_value=40))
def test_header_key_shortcut(text: str, longest: int) -> None:
    full = _key(text)
    assert _key(text, longest) in (full, "")
    if _key(text, longest) != full:
        assert len(full) > longest


# Texts that look like the starts of structural blocks (numbers, points, headings, note bodies,
# furniture, meeting lines) or nearly do.
STRUCTURE_TEXTS = st.text(
    st.sampled_from(list('0123456789٣一.()/-_*= aivIXA“"Ann explenary meeting第次会议')), max_size=25
)


FORMULAS = st.sampled_from(
    ["The General Assembly,", "大会，", "L’Assemblée générale", "La Asamblea", "إن الجمعية العامة"]
)


@given(st.one_of(STRUCTURE_TEXTS, st.text(max_size=40), FORMULAS), st.sampled_from(CODES))
def test_one_pattern_for_the_structural_checks(text: str, code: str) -> None:
    any_of_them = any(check.match(text) for check in _structural_checks(code))
    assert bool(_any_structural(code).match(text)) == any_of_them


@given(st.text(max_size=200), st.sampled_from(CODES))
def test_script_count(text: str, code: str) -> None:
    script = load(code).script
    assert _script_count(script, text) == len(script.findall(text))


def test_casefold_never_shortens_a_character() -> None:
    assert all(len(chr(c).casefold()) >= 1 for c in range(sys.maxunicode + 1))


def _between(texts: list[str], parts: list[str]) -> str:
    """texts[0], parts[0], texts[1], parts[1], … and the text after the last part."""
    return texts[0] + "".join(part + text for part, text in zip(parts, texts[1:], strict=False))


# Inline AKN: texts, b, i, span, sup, noteRef, authorialNote and the p wrappers, with any spacing;
# and the same with b, i and the calls only, which is what the shortcut reads itself.
XML_TEXTS = st.one_of(
    st.sampled_from(["", " ", "a", "a b"]), st.text(st.sampled_from(list(" \t\n\xa0.ab٣大")), max_size=6)
)
CALLS = [st.just('<noteRef marker="1"/>'), st.just('<authorialNote marker="3"><p>note</p></authorialNote>')]
EMPHASIS_TAGS = [("b", "</b>"), ("i", "</i>")]


def _inline_xml(leaves: list[st.SearchStrategy[str]], tags: list[tuple[str, str]]) -> st.SearchStrategy[str]:
    return st.recursive(
        st.one_of(*leaves),
        lambda inner: st.builds(
            lambda tag, parts, texts: f"<{tag[0]}>{_between(texts, parts)}{tag[1]}",
            st.sampled_from(tags),
            st.lists(inner, max_size=3),
            st.lists(XML_TEXTS, min_size=4, max_size=4),
        ),
        max_leaves=6,
    )


# An opening phrase as the UN and this converter print it: emphasis in emphasis around a text.
PHRASES = st.builds(
    lambda outer, inner, text, between: f"<{outer}>{between}<{inner}>{text}</{inner}>{between}</{outer}>",
    st.sampled_from(["b", "i"]),
    st.sampled_from(["b", "i"]),
    XML_TEXTS,
    st.sampled_from(["", "", " "]),
)
# The UN's files mark emphasis by a span's classes; a span of other classes only groups its text.
SPAN_TAGS = [
    (f'span class="{classes}"', "</span>")
    for classes in ("italic", "bold", "bold italic", "italic  bold", "x", "")
]
SUPERSCRIPTS = [st.just("<sup>o</sup>"), st.just("<sup>1</sup>"), st.just("<sup>(</sup>")]
ELEMENTS = st.one_of(
    _inline_xml([*CALLS, PHRASES, *SUPERSCRIPTS], EMPHASIS_TAGS),
    _inline_xml(
        [*CALLS, st.just("<sup>2</sup>"), st.just("<eol/>")],
        [*EMPHASIS_TAGS, ("p", "</p>"), *SPAN_TAGS, ('a href="x"', "</a>")],
    ),
)


def _element(markup: str) -> etree._Element:
    return etree.fromstring(f'<p xmlns="{NS}">{markup}</p>')


@settings(max_examples=500)
@example(["<b>x</b>", "<b>y</b>"], ["", " ", "", "", ""])  # emphasis of one style on both sides of a space
@example(["<b><i>Recalling</i></b>", '<noteRef marker="1"/>'], ["", " its resolution", ",", "", ""])
@example(["<i>n <sup>o</sup></i>"], ["a", "b", "", "", ""])  # a space before a superscript
@example(["<sup>(</sup>"], ["a", "b", "", "", ""])  # an Arabic call's parenthesis: nothing
@example(["<b> <i>x</i></b>"], ["a", "b", "", "", ""])  # a space inside the outer emphasis
@example(["<b><i>x</i> </b>"], ["a", "b", "", "", ""])
@example(['<b><i>x<noteRef marker="1"/></i></b>'], ["a", "b", "", "", ""])  # a call inside the inner one
@example(['<span class="italic">x</span>', '<span class="bold">y</span>'], ["\t", " ", "", "", ""])
@example(['<span class="bold italic">x </span>'], ["\t", "y", "", "", ""])  # a space at its end
@example(["<i>x</i>", "<i> y</i>"], ["", "", "", "", ""])  # emphasis beside it across its own space
@example(["<i> y</i>"], ["a", "b", "", "", ""])  # a space at its start, moved out of it
@example(['<a href="x">1/2</a>', "<eol/>"], ["of ", " and", "then", "", ""])  # a link's text, a break
@given(st.lists(ELEMENTS, max_size=4), st.lists(XML_TEXTS, min_size=5, max_size=5))
def test_plain_inlines_read_as_the_general_path_does(parts: list[str], texts: list[str]) -> None:
    """The reader's shortcut for inline content _merge leaves as it is gives what _merge gives."""
    markup = _between(texts, parts)
    # (bare, in a paragraph, and in a paragraph indented as the UN's files are)
    for wrapped in (markup, f"<p>{markup}</p>", f"\n   <p>{markup}</p>\n\t "):
        element = _element(wrapped)
        reader = _Reader.__new__(_Reader)
        reader.notes, reader.markers = {}, {"1", "3"}
        general = _trim(_merge(reader._children(element, frozenset())))
        assert reader.inlines(element) == general
    if "<p>" in markup:
        return  # (the paragraphs inside would be the footnote's own, read one by one)
    # The same as the one paragraph of a footnote.
    note = etree.fromstring(f'<authorialNote xmlns="{NS}" marker="9"><p>{markup}</p></authorialNote>')
    reader = _Reader.__new__(_Reader)
    reader.notes, reader.markers = {}, {"1", "3", "9"}
    reader._note(note)
    general = _trim(_merge(reader._children(note[0], frozenset())))
    assert reader.notes["9"].content == strip_marker(tuple(_merge(list(general))))


@settings(max_examples=500)
@example("<b><i>Recalling</i></b>", [], [" its resolution,", "", "", "", ""])
@example("<b><i>Recalling</i></b>", ["<b>x</b>"], ["", "", "", "", ""])  # emphasis beside it
@example("<b><i>Recalling</i></b>", ["<b><i>x</i></b>"], [" ", "", "", "", ""])  # across a space
@example("<i>Decides</i>", ['<noteRef marker="1"/>'], ["", " ", "", "", ""])
@example("<b><i>a b c d e f g h i j k l m</i></b>", [], [" n", "", "", "", ""])  # 13 words: no phrase
@example("<b><i>Decides</i></b>", [], [" to act ", "", "", "", ""])  # spaces at the end
@example('<span class="italic">Recommends </span>', [], ["the", "", "", "", ""])  # a space moved out
@example('<span class="bold italic"> Notes\n</span>', ['<a href="x">1</a>'], [", ", "", "", "", ""])
@given(
    st.one_of(
        PHRASES,
        st.builds(lambda t: f"<i>{t}</i>", XML_TEXTS),
        st.builds(
            lambda c, t: f'<span class="{c}">{t}</span>',
            st.sampled_from(["italic", "bold", "bold italic"]),
            XML_TEXTS,
        ),
    ),
    st.lists(ELEMENTS, max_size=3),
    st.lists(XML_TEXTS, min_size=5, max_size=5),
)
def test_an_opening_phrase_read_as_opening_of_reads_it(
    phrase: str, parts: list[str], texts: list[str]
) -> None:
    """The reader's shortcut for a paragraph that opens with an emphasised phrase gives what
    opening_of gives for the paragraph's inline content."""
    after = _between(texts, parts)
    # (bare, in a paragraph, and in a paragraph indented as the UN's files are)
    for markup in (phrase + after, f"<p>{phrase}{after}</p>", f"\n  <p>\t{phrase}{after}</p>\n"):
        element = _element(markup)
        reader = _Reader.__new__(_Reader)
        reader.notes, reader.markers, reader.lang = {}, {"1", "3"}, load("en")
        opened = reader._opened(element)
        if opened is not None:
            for kind in ("preamble", "operative"):
                opening, rest, known = opening_of(reader.lang, kind, reader.inlines(element))
                assert (opening, rest, known) == (*opened, True)


# Texts that end, or nearly end, with a date in one of the six languages' forms.
DATE_ENDS = st.sampled_from(
    [
        "1 December 2025",
        "1er décembre 2025",
        "1 de diciembre de 2025",
        "1 декабря 2025 года",
        "2025年12月1日",
        "1 كانون الأول/ديسمبر 2025",
        "١ كانون الأول/ديسمبر ٢٠٢٥",
        "December 2025",
        "2025",
    ]
)


@given(
    st.text(st.sampled_from(list("ab .,;1 2")), max_size=20),
    DATE_ENDS,
    st.text(st.sampled_from(list(" .x1\n")), max_size=2),
    st.sampled_from(CODES),
)
def test_a_date_at_the_end_is_found_from_the_end(head: str, date: str, after: str, code: str) -> None:
    """The reverse match finds a date that ends the text wherever the forward scan's last date
    ends it (it is only a shortcut for the texts that no date ends), and finds one exactly where
    a search for a date before the end ("$") does; a text's last character says whether one
    may."""
    text = head + date + after
    last = next(reversed(list(load(code).date.finditer(text))), None)
    found = date_at_end(code).match(text) is not None
    if last is not None and last.end() == len(text):
        assert found
    pattern = load(code).date
    searched = regex.compile(f"(?:{pattern.pattern})$", pattern.flags | regex.REVERSE)
    assert found == (searched.search(text) is not None)
    if found:
        assert may_end_a_date(code, text[-1])


@example("===")
@example("١٢-٣٤٥٦٧")
@example("*2519432*")
@example("2 / 5")
@example("12-49442 (E)")
@example("2 / 15")
@example("[^12]: See")
@example("١٢ See")
@example("\U0001ccf0\r0")  # a digit to the regex module, unknown to Python 3.11's Unicode
@example("\U0001ccf0\U0001ccf1-12345")
@given(
    st.one_of(
        st.text(st.sampled_from(list("0123456789٠١٢٣۴*_-=/ ()ECab")), max_size=14), st.text(max_size=10)
    )
)
def test_furniture_is_looked_for_only_where_it_can_start(text: str) -> None:
    if JOB_NUMBER.match(text):
        assert may_be_digit(text[:1]) and text[2:3] == "-"
    if PAGE_COUNTER.match(text):
        assert may_be_digit(text[:1]) and may_be_digit(text[-1:])
    if BARCODE.match(text) or RULE.match(text):
        assert text[:1] in RULE_STARTS
    if MARKDOWN_BODY.match(text):  # (an extracted footnote body: which pattern, by its start)
        assert text[:1] == "["
    if BARE_BODY.match(text):
        assert may_be_digit(text[:1])


# Annex-like trees: blocks, numbers, footnotes and meta at any depth.
TREES: st.SearchStrategy[str] = st.recursive(
    st.sampled_from(["<p>x</p>", "<num>1.</num>", "<heading>H</heading>", "<eol/>"]),
    lambda inner: st.builds(
        lambda tag, children: f"<{tag}>{''.join(children)}</{tag}>",
        st.sampled_from(
            ["paragraph", "list", "point", "content", "p", "meta", "authorialNote", "hcontainer"]
        ),
        st.lists(inner, max_size=4),
    ),
    max_leaves=12,
)


@given(st.lists(TREES, max_size=4))
def test_annex_blocks_found_in_one_walk_as_by_looking_up(children: list[str]) -> None:
    """Each block of an annex (none inside another, none in meta) with the nearest element above
    it that has a num and whether a footnote holds it, as looking up from each block finds them."""
    doc = etree.fromstring(f'<doc xmlns="{NS}" name="annex">{"".join(children)}</doc>')
    num, note, meta = f"{{{NS}}}num", f"{{{NS}}}authorialNote", f"{{{NS}}}meta"
    expected = [
        (
            el,
            next((a for a in el.iterancestors() if a.find(num) is not None), None),
            any(a.tag == note for a in el.iterancestors()),
        )
        for el in doc.iter(*ANNEX_BLOCKS)
        if not any(a.tag == meta or a.tag in ANNEX_BLOCKS for a in el.iterancestors())
    ]
    assert _annex_blocks(doc) == expected


@given(
    st.text(max_size=20),
    st.integers(0, 5),
    st.integers(0, 10_000),
    st.integers(0, 25),
    st.one_of(st.none(), st.integers(0, 25)),
)
def test_span_of_a_one_piece_block_is_its_offsets(
    text: str, index: int, at: int, start: int, end: int | None
) -> None:
    block = Block(text, ((index, at),))
    stop = len(text) if end is None else end
    first = block.offset(start)
    expected = Span(first, block.offset(max(start, stop - 1)) + 1 if stop > start else first)
    assert block.span(start, end) == expected


SUPERSCRIPT_TEXTS = st.text(st.sampled_from(list("^()ab 1٣2x.\t")), max_size=40)


@example("a^(1) b^(x)", "c", {"1"})
@example("^(1)^(2)", "", {"2"})
@example("^(٣", "^(2) c", {"3"})
@given(SUPERSCRIPT_TEXTS, SUPERSCRIPT_TEXTS, st.sets(st.sampled_from(["1", "2", "3"])))
def test_superscripts_read_as_the_general_inline_parser_reads_them(
    first: str, second: str, markers: set[str]
) -> None:
    # (Two blocks joined: spans across segments too.)
    block = Block(first, ((0, 5),)).join(Block(second, ((0, 100),)), " ")
    digits = {ord("٣"): "3"}
    general, _ = _parse(block, 0, "", frozenset(markers), digits)
    fast = _superscripts(block, frozenset(markers), digits)
    assert [(type(n), n, n.span) for n in fast] == [(type(n), n, n.span) for n in merge_texts(general)]


@example("12 -")
@example("١٢ -")
@given(st.text(st.one_of(st.sampled_from(list("0123456789 .-()a²")), st.characters()), max_size=8))
def test_ascii_number_of_an_ascii_text(text: str) -> None:
    assert ascii_number(text) == "".join(str(int(ch)) for ch in text if ch.isdecimal())


def test_may_be_digit_holds_for_every_character_d_matches() -> None:
    digit = regex.compile(r"\d")
    missed = [hex(c) for c in range(sys.maxunicode + 1) if digit.match(chr(c)) and not may_be_digit(chr(c))]
    assert not missed
    assert not may_be_digit("") and not may_be_digit("a") and not may_be_digit("٫")


# Letters whose case folding is of every kind: one to one, one to two ("ß", "ﬆ", "İ"), several
# to one ("K", "ſ", "ς"), title case ("ǅ"), and two that the regex module folds and Python 3.11's
# Unicode database does not know (Garay U+10D50/U+10D70, U+A7CB/U+0264).
FOLDING = list("aAsSkKßẞſİıiσςΣǅǄǆﬆé大٣\u212a\U0001e900\U0001e922\U00010d50\U00010d70\ua7cb\u0264")
FOLDING_WORDS = st.text(st.sampled_from(FOLDING), min_size=1, max_size=3)


@example(["Kß"], "a kss b")
@example(["ss"], "ß")
@example(["\U00010d50"], "x \U00010d70")
@example(["a", "b"], "a b")
@example(["a", "b"], "a  b\tab b")
@example([], "a b")
@given(
    st.lists(FOLDING_WORDS, max_size=3),
    st.one_of(
        st.lists(FOLDING_WORDS, max_size=6).map(" ".join),  # as an agenda item's text is spaced
        st.lists(st.sampled_from([*FOLDING, " ", "  ", "\t"]), max_size=20).map("".join),
    ),
)
def test_find_words_finds_what_the_regex_finds(words: list[str], text: str) -> None:
    pattern = r"\s+".join(regex.escape(word) for word in words) + r"(?=\s|$)"
    found = regex.search(pattern, text, regex.IGNORECASE | regex.V1)
    assert find_words(words, text) == (found.span() if found else None)


@given(
    st.one_of(
        st.binary(max_size=5000),
        # (bytes around the edges of the control range, in the proportions that decide)
        st.lists(st.sampled_from([0, 1, 8, 9, 13, 14, 31, 32, 65, 255]), max_size=300).map(bytes),
    )
)
def test_looks_binary_counts_the_control_bytes(data: bytes) -> None:
    sample = data[:4096]
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    assert looks_binary(data) == (bool(sample) and (b"\x00" in sample or controls > len(sample) // 10))


@example((Emphasis("b", (Text(" x"),)),))
@example((Text("a  b"),))
@example((Emphasis("b", (Text("x"),)), Text(" "), Emphasis("b", (Text("y"),))))
@given(st.lists(st.one_of(INLINES, st.just(Superscript("er"))), max_size=5).map(tuple))
def test_content_read_as_is_is_what_the_reader_reads(nodes: tuple[Inline, ...]) -> None:
    """The parser's shortcut: content it takes as the reader will read it back is read back so."""
    if read_as_is(nodes):
        assert _trim(_merge(list(nodes))) == nodes


# Texts of footnote calls, their pieces, commas, spaces and words.
CALL_TEXTS = st.lists(
    st.sampled_from(["^(1)", "^(12)", "^(", ")", ",", "،", " ", "\n", "a", "1"]), max_size=12
)


@given(CALL_TEXTS.map("".join), st.sampled_from(CODES))
def test_the_end_without_calls_is_found_from_the_end(text: str, code: str) -> None:
    """end_without_calls ends as the text with every call taken out and its spaces stripped."""
    lang = load(code)
    assert end_without_calls(lang, text)[-1:] == without_calls(lang, text).rstrip()[-1:]


# Texts of sentence ends, calls, spaces, digits of several scripts and paragraph openings.
RUN_ON_TEXTS = st.lists(
    st.sampled_from(
        [
            ".",
            ";",
            ":",
            ",",
            " ",
            "\t",
            "^(3)",
            "2",
            "12",
            "3",
            "٣",
            "²",
            "a",
            "Notes",
            "ترحب",
            "- ",
            ". ",
            "、",
        ]
    ),
    max_size=14,
)


@example("x. 2. Notes", 2, "en")
@example("x;^(3)\t2 - ترحب", 2, "ar")
@example("x.  12. Notes 2. Notes", 2, "fr")
@given(RUN_ON_TEXTS.map("".join), st.sampled_from([2, 3, 12]), st.sampled_from(CODES))
def test_a_run_on_paragraph_is_cut_where_the_search_would_cut_it(text: str, number: int, code: str) -> None:
    """run_on_cut looks at the places of the number's digits only; it cuts where a search for a
    sentence's end followed by the number (the way it was written first) would."""
    numbered = load(code).pattern("operative.numbered")
    searched = None
    for match in regex.finditer(rf"(?<=[.;:](?:\^\(\d+\))?)\s+(?={number}\D)", text):
        if numbered.match(text[match.end() :]):
            searched = match.end()
            break
    assert run_on_cut(text, number, numbered) == searched


JOINED_TEXTS = st.one_of(st.just(""), st.text(st.sampled_from(list("ab- |x")), min_size=1, max_size=6))


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", " ", "  "]),
            JOINED_TEXTS,
            st.lists(st.integers(0, 5), min_size=1, max_size=3),
            st.booleans(),
            st.booleans(),
        ),
        min_size=1,
        max_size=8,
    ),
    st.integers(0, 40),
)
def test_a_unit_joins_its_blocks_as_block_join_one_at_a_time(
    parts: list[tuple[str, str, list[int], bool, bool]], long: int
) -> None:
    # (join_wrapped joins a unit's blocks once, at its end: Block.join one at a time copied the
    # text so far at each, in time in the square of a unit's lines.)
    blocks = []
    for k, (separator, text, at, escaped, blank) in enumerate(parts):
        segments = tuple((min(i, len(text)), 100 * k + i) for i in sorted(set(at)))
        blocks.append((separator, Block(text, segments, escaped, blank)))
    if long:  # (a unit longer than WHOLE_AT_MOST: its text is no longer kept as it grows)
        blocks.insert(1, (" ", Block("w" * (WHOLE_AT_MOST - 20 + long), ((0, 7),))))
    unit = _Unit(blocks[0][1])
    expected = blocks[0][1]
    for i, (separator, block) in enumerate(blocks):
        if i:
            unit.add(block, separator)
            expected = expected.join(block, separator)
        assert unit.short == (expected.text if len(expected.text) <= WHOLE_AT_MOST else None)
        text = expected.text
        assert (unit.first, unit.tail, unit.length) == (text[:1], text[-2:], len(text))
    joined = unit.joined()
    assert (joined.text, joined.segments, joined.escaped, joined.after_blank) == (
        expected.text,
        expected.segments,
        expected.escaped,
        expected.after_blank,
    )


MARKER_CALL_TEXTS = st.text(st.sampled_from(list("^()[]12٣ a")), max_size=40)
CALL_MARKERS = st.sampled_from(["1", "2", "12", "٣", "a"])


@given(MARKER_CALL_TEXTS, CALL_MARKERS, st.integers(0, 45), st.sampled_from(CODES), st.data())
def test_the_calls_of_a_marker_are_what_a_scan_from_the_position_finds(
    text: str, marker: str, start: int, code: str, data: st.DataObject
) -> None:
    # (Found once a text and grouped by marker: for each note, a paragraph of thousands of calls
    # was read through again. Then found once a block, not once a text: each call rewritten made a
    # new text to read through and to keep, 10,000 calls in a paragraph took 177 s and 20,000 more
    # memory than the machine has.)
    pattern = load(code).pattern("footnotes.call")

    def scanned(text: str, start: int) -> list[tuple[int, int]]:
        return [m.span() for m in pattern.finditer(text, start) if m.group("marker") == marker]

    calls, blocks = _CallsByMarker(pattern), [Block(text, ((0, 0),))]
    assert calls.of(marker, blocks, 0, start) == scanned(text, start)
    # A part rewritten (as locate_calls rewrites a call), then a look from after it, as there.
    begin = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(begin, len(text)))
    written = data.draw(st.sampled_from(["", "x", "^(1)", "^(12)", "^(", ")"]))
    blocks[0] = _replace(blocks[0], begin, end, written)
    after = data.draw(st.integers(begin + len(written), len(blocks[0].text) + 2))
    assert calls.of(marker, blocks, 0, after) == scanned(blocks[0].text, after)


@st.composite
def joined_blocks(draw: st.DrawFn) -> Block:
    """A block joined from pieces: segments at increasing indices of its text, each with an
    increasing source offset."""
    text = draw(st.text(st.sampled_from(list("ab ^(1)")), min_size=1, max_size=30))
    starts = sorted(set(draw(st.lists(st.integers(1, len(text) - 1), max_size=6)))) if len(text) > 1 else []
    offsets = sorted(
        draw(st.lists(st.integers(0, 50), min_size=len(starts), max_size=len(starts), unique=True))
    )
    segments = (
        (0, 3),
        *(
            (index, 200 + 40 * k + offset)
            for k, (index, offset) in enumerate(zip(starts, offsets, strict=True))
        ),
    )
    return Block(text, tuple(segments))


def offset_by_reading_through(block: Block, index: int) -> int:
    """Block.offset as it was: the segments read through from the first (the oracle)."""
    best = block.segments[0]
    for segment in block.segments:
        if segment[0] > index:
            break
        best = segment
    return best[1] + index - best[0]


def replaced_by_reading_through(block: Block, begin: int, end: int, text: str) -> Block:
    """_replace as it was: the segments read through (the oracle)."""
    shift = len(text) - (end - begin)
    segments = [seg for seg in block.segments if seg[0] < begin]
    segments.append((begin, offset_by_reading_through(block, begin)))
    if end < len(block.text):
        segments.append((end + shift, offset_by_reading_through(block, end)))
    segments += [(i + shift, o) for i, o in block.segments if i > end]
    return Block(block.text[:begin] + text + block.text[end:], tuple(segments))


@given(joined_blocks(), st.data())
def test_offsets_and_rewrites_found_by_bisection_are_those_read_through(
    block: Block, data: st.DataObject
) -> None:
    # (Each call rewritten in a paragraph read all its segments through, twice, and added two:
    # 10,000 calls in one paragraph took minutes.)
    for index in range(len(block.text) + 1):
        assert block.offset(index) == offset_by_reading_through(block, index)
    begin = data.draw(st.integers(0, len(block.text)))
    end = data.draw(st.integers(begin, len(block.text)))
    written = data.draw(st.sampled_from(["", "x", "^(12)"]))
    assert _replace(block, begin, end, written) == replaced_by_reading_through(block, begin, end, written)


def attached_one_at_a_time(notes: list[RawNote], bodies: list[Body]) -> list[Body]:
    """_attach as it was: for each note in turn, every paragraph walked for the last one, in the
    bodies' order, that starts before its body (the oracle)."""
    for note in notes:
        best: tuple[int, str, int] | None = None
        for b, body in enumerate(bodies):
            for i, p in enumerate(body.preamble):
                if p.span is not None and p.span.start < note.block.start:
                    best = (b, "preamble", i)
            for i, o in enumerate(body.operative):
                if (
                    isinstance(o, OperativeParagraph)
                    and o.span is not None
                    and o.span.start < note.block.start
                ):
                    best = (b, "operative", i)
        if best is None:
            continue
        b, where, i = best
        call = (NoteCall(note.marker),)
        body = bodies[b]
        if where == "preamble":
            paragraphs = list(body.preamble)
            paragraphs[i] = replace(paragraphs[i], content=paragraphs[i].content + call)
            bodies = [*bodies[:b], replace(body, preamble=tuple(paragraphs)), *bodies[b + 1 :]]
        else:
            nodes = list(body.operative)
            node = nodes[i]
            assert isinstance(node, OperativeParagraph)
            nodes[i] = replace(node, content=node.content + call)
            bodies = [*bodies[:b], replace(body, operative=tuple(nodes)), *bodies[b + 1 :]]
    return bodies


STARTS = st.one_of(st.none(), st.integers(0, 12))


@st.composite
def bodies_and_notes(draw: st.DrawFn) -> tuple[list[Body], list[RawNote]]:
    """Bodies whose paragraphs start anywhere (in no order, some nowhere), and uncalled notes."""

    def span(start: int | None) -> Span | None:
        return None if start is None else Span(start, start + 1)

    bodies = []
    for b in range(draw(st.integers(1, 3))):
        preamble = tuple(
            PreambularParagraph("", (Text(f"p{b}.{i}"),), span(start))
            for i, start in enumerate(draw(st.lists(STARTS, max_size=4)))
        )
        operative: list[BodyNode] = []
        for i, start in enumerate(draw(st.lists(STARTS, max_size=4))):
            content = (Text(f"o{b}.{i}"),)
            if draw(st.booleans()):
                operative.append(OperativeParagraph(f"{i}.", "", content, span=span(start)))
            else:
                operative.append(CrossHeading(content, span(start)))
        bodies.append(Body("", "", preamble, tuple(operative)))
    notes = [
        RawNote(str(k), str(k), Block("note", ((0, start),)), -1, True)
        for k, start in enumerate(draw(st.lists(st.integers(0, 14), max_size=6)), 1)
    ]
    return bodies, notes


@given(bodies_and_notes())
def test_uncalled_notes_are_attached_as_one_at_a_time(case: tuple[list[Body], list[RawNote]]) -> None:
    # (Every paragraph was walked for each uncalled note: 2,000 notes after 9 MB of paragraphs
    # took minutes.)
    bodies, notes = case
    assert repr(_attach(notes, bodies)) == repr(attached_one_at_a_time(notes, bodies))


@given(st.lists(st.text(st.sampled_from(list("0123٣ a")), max_size=12), max_size=6), st.data())
def test_the_blocks_that_may_hold_a_marker_are_all_those_that_hold_it(
    texts: list[str], data: st.DataObject
) -> None:
    blocks = [Block(text, ((0, 0),)) for text in texts]
    markers = set(data.draw(st.lists(st.sampled_from(["0", "1", "12", "23", "٣", "3٣", "012"]), min_size=1)))
    start = data.draw(st.integers(0, len(blocks)))
    holding = _Holding(blocks, start, markers)
    for marker in markers:
        first = data.draw(st.integers(0, len(blocks)))
        last = data.draw(st.integers(-1, len(blocks)))
        found = holding.within(marker, first, last)
        assert found == sorted(set(found))
        held = [i for i in range(max(start, first), last + 1) if i < len(blocks) and marker in blocks[i].text]
        assert set(held) <= set(found)


NUMBER_TEXTS = st.text(st.sampled_from(list("[^]012589٣ a")), max_size=40)
NUMBER_MARKERS = st.sampled_from(["1", "2", "12", "5", "05", "٣", "20"])


@given(NUMBER_TEXTS, NUMBER_MARKERS, st.integers(0, 45))
@example("in 20055 and 120055, 2005 5", "5", 0)
@example("[^12] 12 112 121 12 2020 [^12]", "12", 3)
@example("1 2016, 12016, 21 2", "1", 0)
def test_a_markers_numbers_are_where_a_pattern_of_its_own_matches(text: str, marker: str, start: int) -> None:
    # (The patterns were compiled for each marker: a resolution of 20,000 notes spent nine tenths
    # of its time compiling 80,000 of them. Each finder is checked against its pattern.)
    escaped = regex.escape(marker)
    patterns = [
        rf"\[\^{escaped}\]",
        rf"(?<!\d){escaped}(?!\d)",
        rf"(?<=(?<!\d)(?:1[89]|20)\d\d){escaped}(?!\d)",
        rf"(?<!\d){escaped}(?= ?\d)",
    ]
    found = [markdown_calls(text, start, marker), *numbers_of(text, start, marker)]
    for pattern, spans in zip(patterns, found, strict=True):
        assert spans == [m.span() for m in regex.finditer(pattern, text, pos=start)], pattern
