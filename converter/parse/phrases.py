"""Opening phrases: the preambular phrase or operative verb that opens a paragraph, derived from
the language data (longest known phrase), or taken from the input's own leading emphasis."""

from __future__ import annotations

from itertools import islice
from typing import Literal

import regex

from ..languages import Language
from ..model import Emphasis, Inline, Span, Text
from .inline import plain

Kind = Literal["preamble", "operative"]

WORD = regex.compile(r"\S+")


def derive(lang: Language, kind: Kind, text: str) -> tuple[str, bool]:
    """The opening phrase of a paragraph's text from the language data, and whether it is known.
    Unknown: the first two words of a preambular paragraph, the first word of an operative one."""
    pattern = lang.preamble if kind == "preamble" else lang.operative
    if pattern is not None:
        match = pattern.match(text)
        if match:
            return match.group(0), True
    if kind == "operative" and lang.unnumbered is not None:
        match = lang.unnumbered.match(text)
        if match:
            return match.group(0), True
    words = list(islice(WORD.finditer(text), 2 if kind == "preamble" else 1))
    if not words:
        return "", False
    end = words[-1].end()
    # (No space at its end either: "1# . Takes …" gives "1#", not "1# ", which the reader of its
    # emphasis would read back without the space.)
    opening = text[:end].rstrip(",،;؛:.，、").rstrip()
    return opening, False


def derived_from(lang: Language, kind: Kind, opening: str, rest: tuple[Inline, ...]) -> bool:
    """Whether the data derives this opening phrase from the paragraph's text: the text form
    prints it bare then, else marked `**…**` (converter/text.py), which the parser must expect."""
    return derive(lang, kind, opening + plain(rest))[0] == opening


def leading_emphasis(nodes: tuple[Inline, ...]) -> str | None:
    """The text of an emphasis that opens the paragraph (text only, ≤ 12 words), if any, with the
    spaces that end it."""
    if not nodes or type(nodes[0]) is not Emphasis:
        return None
    node: Inline = nodes[0]
    while type(node) is Emphasis:
        children = node.children
        for child in children:
            if type(child) is not Text and type(child) is not Emphasis:
                return None
        if len(children) != 1:
            break
        node = children[0]
    # (Emphasis in emphasis down to one text, as an opening phrase is: that text is all of it.)
    text = node.text if type(node) is Text else plain(nodes[:1])
    if not text.strip() or len(text.split()) > 12 or text != text.lstrip():
        return None
    return text


def split_opening(nodes: tuple[Inline, ...], opening: str) -> tuple[Inline, ...]:
    """The inline nodes after an opening phrase of `len(opening)` characters (emphasis dropped
    when it is exactly the phrase)."""
    if not opening:
        return nodes
    if nodes and isinstance(nodes[0], Emphasis) and plain((nodes[0],)).rstrip() == opening:
        trailing = plain((nodes[0],))[len(opening) :]
        rest = nodes[1:]
        return (Text(trailing), *rest) if trailing else rest
    remaining = len(opening)
    out: list[Inline] = []
    for i, node in enumerate(nodes):
        if remaining <= 0:
            out.extend(nodes[i:])
            break
        if isinstance(node, Text):
            if len(node.text) > remaining:
                span = node.span
                cut = Span(span.start + remaining, span.end) if span else None
                out.append(Text(node.text[remaining:], cut))
                out.extend(nodes[i + 1 :])
                break
            remaining -= len(node.text)
        else:
            out.extend(nodes[i:])
            break
    return tuple(out)


def opening_of(lang: Language, kind: Kind, nodes: tuple[Inline, ...]) -> tuple[str, tuple[Inline, ...], bool]:
    """(opening, the rest, known): the input's leading emphasis wins over the data."""
    nodes = _absorb_prefix(nodes)
    leading = leading_emphasis(nodes)
    if leading:
        # (split_opening's first case, the emphasis's text known already)
        emphasised = leading.rstrip()
        trailing = leading[len(emphasised) :]
        return emphasised, ((Text(trailing), *nodes[1:]) if trailing else nodes[1:]), True
    text = plain(nodes)
    opening, known = derive(lang, kind, text)
    if not text.startswith(opening) or not _plain_prefix(nodes, len(opening)):
        return "", nodes, False
    return opening, split_opening(nodes, opening), known


def _plain_prefix(nodes: tuple[Inline, ...], length: int) -> bool:
    """Whether the first `length` characters are plain text (no call or emphasis inside)."""
    seen = 0
    for node in nodes:
        if seen >= length:
            return True
        if not isinstance(node, Text):
            return False
        seen += len(node.text)
    return seen >= length


def _absorb_prefix(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """A letter or two left outside the emphasis of an opening phrase ("و<i>إذ تشير</i>") taken in."""
    if len(nodes) > 1 and isinstance(nodes[0], Text) and isinstance(nodes[1], Emphasis):
        prefix = nodes[0].text
        if 0 < len(prefix) <= 2 and not any(ch.isspace() for ch in prefix):
            return (_prefix_emphasis(nodes[1], prefix), *nodes[2:])
    return nodes


def _prefix_emphasis(node: Emphasis, prefix: str) -> Emphasis:
    children = node.children
    if children and isinstance(children[0], Emphasis):
        return Emphasis(node.kind, (_prefix_emphasis(children[0], prefix), *children[1:]))
    if children and isinstance(children[0], Text):
        return Emphasis(node.kind, (Text(prefix + children[0].text), *children[1:]))
    return Emphasis(node.kind, (Text(prefix), *children))
