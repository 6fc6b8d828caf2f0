"""The shortcuts taken for speed (issue 5) give what the plain computation gives, on any input."""

from __future__ import annotations

import sys

import regex
from hypothesis import given
from hypothesis import strategies as st

from converter.akn_reader import SPACES, _strip_ends, _stripped, squash
from converter.languages import CODES, _script_count, load
from converter.model import Emphasis, Inline, NoteCall, Text
from converter.parse.blocks import SPACE_RUN, _space_run
from converter.parse.body import ENDS_PARAGRAPH
from converter.parse.furniture import _key
from converter.text import INLINE_SPECIAL, escape

# Characters that matter to the shortcuts: spaces of several kinds, punctuation, markup, letters
# of several scripts, controls.
CHARS = st.sampled_from(list(" \t\n\xa0\u2000\u3000\x1c\x85.,;:،^*\\()-_ab1٣Жд大ßİ"))
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


@given(st.text(max_size=200), st.sampled_from(CODES))
def test_script_count(text: str, code: str) -> None:
    script = load(code).script
    assert _script_count(script, text) == len(script.findall(text))


def test_casefold_never_shortens_a_character() -> None:
    assert all(len(chr(c).casefold()) >= 1 for c in range(sys.maxunicode + 1))
