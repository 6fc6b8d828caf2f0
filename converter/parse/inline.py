"""Block text → inline nodes: `**bold**`, `*italic*`, footnote calls `^(n)`, other
superscripts `^(er)`, and `\\` escapes. Unbalanced markers stay text."""

from __future__ import annotations

import regex

from ..model import Emphasis, Inline, NoteCall, Span, Superscript, Text
from .blocks import Block

# A superscript or call: "^(" … ")" with no nested parentheses.
SUPERSCRIPT = regex.compile(r"\^\((?P<body>[^()\s]{1,12})\)")
# The characters that may start markup; text between them is taken in one piece.
SPECIAL = regex.compile(r"[\\*^]")


def parse_inline(block: Block, markers: frozenset[str], digits: dict[int, str]) -> tuple[Inline, ...]:
    """Inline nodes of a block. `markers` are the footnote markers (ASCII form) that exist."""
    text = block.text
    if SPECIAL.search(text) is None:  # no markup: one piece of text (what _parse would return)
        return (Text(text, block.span(0, len(text))),) if text else ()
    if "*" not in text and "\\" not in text:
        return _superscripts(block, markers, digits)
    nodes, _ = _parse(block, 0, "", markers, digits)
    return tuple(_merge(nodes))


def _superscripts(block: Block, markers: frozenset[str], digits: dict[int, str]) -> tuple[Inline, ...]:
    """What _parse reads in a text whose only markup is "^": texts between the superscripts and
    calls (a "^" that opens none stays text), found in one scan."""
    text = block.text
    nodes: list[Inline] = []
    at = 0
    for match in SUPERSCRIPT.finditer(text):
        start, end = match.span()
        if start > at:
            nodes.append(Text(text[at:start], block.span(at, start)))
        body = match.group("body")
        span = block.span(start, end)
        nodes.append(NoteCall(body, span) if body.translate(digits) in markers else Superscript(body, span))
        at = end
    if at < len(text):
        nodes.append(Text(text[at:], block.span(at, len(text))))
    return tuple(nodes)


# Emphasis nests at most this deep (bold in italic is 2); a `*` run deeper is text. Unbounded,
# 200,000 `*` in a row recursed until Python's recursion limit.
MAX_NESTING = 8


def _parse(
    block: Block,
    index: int,
    closing: str,
    markers: frozenset[str],
    digits: dict[int, str],
    depth: int = 0,
) -> tuple[list[Inline], int]:
    """Parse from index until `closing` (a `*` run) or the end; returns nodes and the index after.
    `depth`: how many emphases are open around index."""
    text = block.text
    nodes: list[Inline] = []
    buf: list[str] = []
    buf_start = index

    def flush(at: int) -> None:
        nonlocal buf_start
        if buf:
            nodes.append(Text("".join(buf), block.span(buf_start, at)))
            buf.clear()
        buf_start = at

    i = index
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            if not buf:
                buf_start = i
            buf.append(text[i + 1])
            i += 2
            continue
        if ch == "*":
            if closing and text.startswith(closing, i) and i > index and not text[i - 1].isspace():
                flush(i)
                return nodes, i + len(closing)
            run = "**" if text.startswith("**", i) else "*"
            if depth < MAX_NESTING and _opens(text, i, run):
                inner, after = _parse(block, i + len(run), run, markers, digits, depth + 1)
                if after > 0:
                    flush(i)
                    nodes.append(
                        Emphasis("b" if run == "**" else "i", tuple(_merge(inner)), block.span(i, after))
                    )
                    i = after
                    buf_start = i
                    continue
        if ch == "^":
            match = SUPERSCRIPT.match(text, i)
            if match:
                flush(i)
                body = match.group("body")
                span = block.span(i, match.end())
                if body.translate(digits) in markers:
                    nodes.append(NoteCall(body, span))
                else:
                    nodes.append(Superscript(body, span))
                i = match.end()
                buf_start = i
                continue
        if not buf:
            buf_start = i
        special = SPECIAL.search(text, i + 1)
        following = special.start() if special else len(text)
        buf.append(text[i:following])
        i = following
    if closing:
        return [], -1  # unclosed: the caller keeps the marker as text
    flush(i)
    return nodes, i


def _opens(text: str, i: int, run: str) -> bool:
    """A `*` run opens emphasis when followed by a non-space and closed later on."""
    after = i + len(run)
    return after < len(text) and not text[after].isspace() and text.find(run, after + 1) > 0


def _merge(nodes: list[Inline]) -> list[Inline]:
    """Adjacent Text nodes become one."""
    out: list[Inline] = []
    for node in nodes:
        if out and isinstance(node, Text) and isinstance(out[-1], Text):
            prev = out[-1]
            span = Span(prev.span.start, node.span.end) if prev.span and node.span else None
            out[-1] = Text(prev.text + node.text, span)
        else:
            out.append(node)
    return out


def plain(nodes: tuple[Inline, ...] | list[Inline]) -> str:
    """The text of inline nodes, calls and superscripts left out."""
    # (Hot in the AKN reader: the model's classes are final, so `type(…) is` stands for
    # isinstance; one text needs no join.)
    if len(nodes) == 1 and type(nodes[0]) is Text:
        return nodes[0].text
    parts = []
    for node in nodes:
        if type(node) is Text:
            parts.append(node.text)
        elif type(node) is Emphasis:
            parts.append(plain(node.children))
    return "".join(parts)
