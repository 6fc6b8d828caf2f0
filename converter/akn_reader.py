"""AKN (ours or the UN's own files) → model. Layout differences between the two (spans with
classes, `<a>` links, tabs, sublists beside points, numbers inside the text) are read into the
same model. Never resolves entities nor reaches the network."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, cast

import regex
from lxml import etree

from .languages import Language, code_of_frbr, load
from .model import (
    Annex,
    Body,
    BodyNode,
    Conclusion,
    CrossHeading,
    Emphasis,
    Footer,
    Footnote,
    Inline,
    Masthead,
    NoteCall,
    OperativeParagraph,
    Part,
    Point,
    PreambularParagraph,
    Resolution,
    Section,
    Superscript,
    Table,
    Text,
)
from .parse.blocks import Block
from .parse.footnotes import ascii_digits
from .parse.inline import plain
from .parse.masthead import read_masthead, separator_out_of_title
from .parse.phrases import opening_of, split_opening
from .validate import safe_parser, xml_bytes

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
A = f"{{{NS}}}"
SPACES = regex.compile(r"\s+")
HIERARCHY = {A + t for t in ("section", "part", "chapter", "division", "title", "subpart", "hcontainer")}
LISTS = {A + "list", A + "blockList", A + "sublist"}
NOTE, NOTE_REF, SUP, SPAN, P = A + "authorialNote", A + "noteRef", A + "sup", A + "span", A + "p"
EMPHASIS: dict[str, Literal["b", "i"]] = {A + "b": "b", A + "i": "i"}
BREAKS = (A + "eol", A + "br")
OPENING = Emphasis("b", (Text("opening"),))
"""What stands for a paragraph's opening phrase while the rest of it is read (_opened)."""
NUM, CONTENT, META = A + "num", A + "content", A + "meta"
TH, CELLS = A + "th", (A + "th", A + "td")
HEADINGS = (A + "heading", A + "subheading", A + "crossHeading")
PARAGRAPH = A + "paragraph"
PREAMBLE_BLOCKS = (A + "container", A + "p", A + "blockContainer")


class ReadError(ValueError):
    """The XML is not an AKN resolution this reader understands."""


NOTES_NESTED_AT_MOST = 16
"""Footnotes within footnotes deeper than this are refused (ReadError): each is read inside the
one around it, and about 190 made Python's recursion limit (a RecursionError)."""


def read_akn(xml: str | bytes) -> Resolution:
    """The resolution an AKN document holds. Raises ReadError when the XML is not one, and
    TypeError when it is neither a str nor bytes."""
    try:
        root = etree.fromstring(xml_bytes(xml), safe_parser())
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"not well-formed XML: {exc}") from None
    if root.tag != A + "akomaNtoso":
        raise ReadError("not an Akoma Ntoso document")
    top = next((c for c in root if isinstance(c.tag, str)), None)
    if top is None or top.tag not in (A + "statement", A + "documentCollection"):
        raise ReadError("neither a statement nor a document collection")
    return _Reader(top, root).resolution()


def _language(statement: etree._Element) -> Language:
    element = statement.find(f"{A}meta/{A}identification/{A}FRBRExpression/{A}FRBRlanguage")
    frbr = element.get("language") if element is not None else None
    code = code_of_frbr(frbr)
    if code is None:
        raise ReadError(f"unsupported expression language {frbr!r}")
    return load(code)


def squash(text: str) -> str:
    """Whitespace runs (tabs, newlines) as single spaces."""
    if text.isprintable() and "  " not in text:
        return text  # no whitespace but single spaces (isprintable() is false for all other)
    if "\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text:
        return SPACES.sub(" ", text)  # (str.split() takes these for whitespace, \s does not)
    # What SPACES.sub does, a few times faster: the words, one space where a run was.
    words = text.split()
    if not words:
        return " "
    squashed = " ".join(words)
    if text[0].isspace():
        squashed = " " + squashed
    if text[-1].isspace():
        squashed += " "
    return squashed


Plain = tuple[bool, Emphasis, bool]
"""An emphasis as _plain_inlines reads it: whether a space comes before it, the emphasis, whether
a space comes after it (the spaces at its ends, which _merge moves out of it)."""


def _plain_leaf(element: etree._Element) -> tuple[bool, Text, bool] | None:
    """The text of an element of text only, squashed, its spaces at its ends taken off (whether
    there were, at each end), for _plain_inlines; None when it holds no text but spaces."""
    inside = squash(element.text) if element.text else ""
    core = inside.strip()
    if not core:
        return None
    return inside[0].isspace(), Text(core), inside[-1].isspace()


def _plain_span(element: etree._Element) -> Plain | None:
    """What _span makes of a span of text only that is bold, italic or both (as the UN's files
    mark emphasis), for _plain_inlines; None for any other span."""
    if len(element):
        return None
    classes = (element.get("class") or "").split()
    italic, bold = "italic" in classes, "bold" in classes
    leaf = _plain_leaf(element) if italic or bold else None
    if leaf is None:
        return None
    lead, inside, trail = leaf
    if not bold:
        return lead, Emphasis("i", (inside,)), trail
    return lead, Emphasis("b", (Emphasis("i", (inside,)),) if italic else (inside,)), trail


def _unwrapped(element: etree._Element) -> etree._Element:
    """The element below its wrappers: one paragraph and no text of their own but spaces, such as
    the indentation of the UN's files (container > p, content > p). The spaces would only be
    trimmed from the ends of what the paragraph holds."""
    while len(element) == 1 and _blank(element.text):
        only = element[0]
        if only.tag != P or not _blank(only.tail):
            break
        element = only
    return element


def _blank(text: str | None) -> bool:
    """Whether a text is absent or all whitespace: what _trim leaves nothing of."""
    return not text or text.isspace()


def _clean_ends(nodes: list[Inline]) -> bool:
    """Whether what _plain_inlines read holds text, with no space at its start or its end. (Its
    texts are not empty, its emphasis neither empty nor spaced at its ends: its calls and
    superscripts alone hold no text.)"""
    texts = [n for n in nodes if type(n) is Text or type(n) is Emphasis]
    if not texts:
        return False
    first, last = texts[0], texts[-1]
    return (type(first) is not Text or not first.text[0].isspace()) and (
        type(last) is not Text or not last.text[-1].isspace()
    )


def _trim(nodes: list[Inline]) -> tuple[Inline, ...]:
    """Leading and trailing whitespace of a paragraph's inline nodes removed."""
    if nodes:  # nothing to strip, the common case, found cheaply
        first = nodes[0]
        while type(first) is Emphasis and first.children:  # (an opening phrase: <b><i>…)
            first = first.children[0]
        if (type(first) is not Text or first.text[:1].strip() != "") and _clean_end(nodes):
            return tuple(nodes)
    return _trim_ends(nodes)


def _trim_end(nodes: list[Inline]) -> tuple[Inline, ...]:
    """Trailing whitespace of inline nodes removed (what _trim does at the end)."""
    if nodes and _clean_end(nodes):
        return tuple(nodes)  # nothing to strip (the common case, checked cheaply)
    out = list(nodes)
    _strip_end(out)
    return tuple(out)


def _clean_end(nodes: list[Inline]) -> bool:
    """Whether inline nodes (not none) end with no space to strip."""
    last = nodes[-1]
    return type(last) is not Text or last.text[-1:].strip() != ""


def _strip_end(out: list[Inline]) -> None:
    """Trailing whitespace of inline nodes removed, in place."""
    while out and isinstance(out[-1], Text) and not out[-1].text.strip():
        out.pop()
    if out and isinstance(out[-1], Text):
        out[-1] = Text(out[-1].text.rstrip())


def _trim_ends(nodes: list[Inline]) -> tuple[Inline, ...]:
    out = list(nodes)
    while out and isinstance(out[0], Text) and not out[0].text.strip():
        out.pop(0)
    _strip_end(out)
    if out and isinstance(out[0], Text):
        out[0] = Text(out[0].text.lstrip())
    if out and isinstance(out[0], Emphasis):
        out[0] = _lstrip_emphasis(out[0])
    return tuple(out)


def _lstrip_emphasis(node: Emphasis) -> Emphasis:
    first = node.children[0] if node.children else None
    if isinstance(first, Text) and first.text and not first.text[0].isspace():
        return node  # nothing to strip
    children = list(node.children)
    if children and isinstance(children[0], Text):
        children[0] = Text(children[0].text.lstrip())
        if not children[0].text:
            children.pop(0)
    elif children and isinstance(children[0], Emphasis):
        children[0] = _lstrip_emphasis(children[0])
    return Emphasis(node.kind, tuple(children))


def bare_title(title: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """A title without the emphasis around all of it: the UN's files print it in bold (a span of
    class "bold"), and an extraction may mark it so; neither is part of the title. The parser
    reads a title as this does."""
    while len(title) == 1 and type(title[0]) is Emphasis:
        inside = as_read(list(title[0].children))
        if not inside:
            break
        title = inside
    return title


def as_read(nodes: list[Inline]) -> tuple[Inline, ...]:
    """Inline nodes as the reader makes them: merged (_merge) and trimmed (_trim). The parser
    gives content it cannot take as it is the same form (converter/parse/__init__.py)."""
    return _trim(_merge(nodes))


def merged_within(nodes: tuple[Inline, ...] | list[Inline]) -> list[Inline]:
    """Inline nodes with the children of each emphasis merged (_merge) from the innermost out, as
    the reader merges each element's children when it reads them: content built otherwise (by
    the parser) may hold emphasis beside emphasis of its kind inside another ("**a*b**c*d**")."""
    out: list[Inline] = []
    for node in nodes:
        if type(node) is Emphasis:
            children = _merge(merged_within(node.children))
            if tuple(children) != node.children:
                node = Emphasis(node.kind, tuple(children))
        out.append(node)
    return out


def _merge(nodes: list[Inline]) -> list[Inline]:
    """Adjacent texts joined, whitespace squashed, emphasis normalised: spaces moved out of it,
    empty ones dropped, neighbours of the same kind (apart or one space apart) joined."""
    out: list[Inline] = []
    texts: list[str] = []  # adjacent texts, joined and squashed once (as squashing each join would)
    runs = _Runs(out)
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
            if not runs.join(len(out) - 1, node, ""):
                out[-1] = Emphasis(node.kind, tuple(_merge([*runs.settled(len(out) - 1), *node.children])))
        elif (
            isinstance(node, Emphasis)
            and len(out) > 1
            and isinstance(out[-1], Text)
            and out[-1].text.isspace()
            and isinstance(out[-2], Emphasis)
            and _style(out[-2]) == _style(node)
        ):
            out.pop()
            if not runs.join(len(out) - 1, node, " "):
                children = [*runs.settled(len(out) - 1), Text(" "), *node.children]
                out[-1] = Emphasis(node.kind, tuple(_merge(children)))
        else:
            out.append(node)
    if texts:
        out.append(Text(squash("".join(texts))))
    runs.settle_all()
    return out


class _Runs:
    """Runs of emphasis joined into one (`_merge`) whose members are each a chain of emphasis of
    one child ending in a text, of the same kinds ("<i><b>y</b></i> <i><b>z</b></i>"): their
    texts gathered and joined once, at the end, into the same chain. Joined at each, the run's
    text was copied and squashed again at each, in time in the square of its length (100,000
    "<i>y</i> " in a paragraph read for hours). The first member stands for the run meanwhile: it
    has the run's style (the kinds of its chain)."""

    def __init__(self, out: list[Inline]) -> None:
        self.out = out
        self.texts: dict[int, list[str]] = {}  # by the index in `out` of a run's first member

    def join(self, index: int, node: Emphasis, between: str) -> bool:
        """Join `node` to the emphasis at out[index], after `between`, when both are chains of
        the same kinds (else False: nothing done)."""
        chain = _chain(node)
        if chain is None:
            return False
        kinds, text = chain
        texts = self.texts.get(index)
        if texts is None:
            first = _chain(self.out[index])
            if first is None or first[0] != kinds:
                return False
            texts = self.texts[index] = [first[1]]
        elif _style(cast(Emphasis, self.out[index])) != kinds:
            return False
        texts += (between, text)
        return True

    def settled(self, index: int) -> tuple[Inline, ...]:
        """The children of the emphasis at out[index], its run joined."""
        texts = self.texts.pop(index, None)
        emphasis = cast(Emphasis, self.out[index])
        if texts is not None:
            emphasis = self.out[index] = _rechained(emphasis, squash("".join(texts)))
        return emphasis.children

    def settle_all(self) -> None:
        for index in list(self.texts):
            self.settled(index)


def _rechained(chain: Emphasis, text: str) -> Emphasis:
    """A chain of emphasis of one child each (`_chain`) ending in `text` instead."""
    inner = chain.children[0]
    end = Text(text) if type(inner) is Text else _rechained(cast(Emphasis, inner), text)
    return Emphasis(chain.kind, (end,))


def _chain(node: Inline) -> tuple[tuple[str, ...], str] | None:
    """The kinds and the text of a chain of emphasis of one child each ending in a text."""
    kinds = []
    while type(node) is Emphasis and len(node.children) == 1:
        kinds.append(node.kind)
        node = node.children[0]
    return (tuple(kinds), node.text) if kinds and type(node) is Text else None


def _style(node: Emphasis) -> tuple[str, ...]:
    """The kinds of an emphasis and of the emphasis it alone holds, outermost first (b, i)."""
    kinds = [node.kind]
    while len(node.children) == 1 and isinstance(node.children[0], Emphasis):
        node = node.children[0]
        kinds.append(node.kind)
    return tuple(kinds)


def _outside(nodes: list[Inline]) -> list[Inline]:
    """Leading and trailing spaces of each emphasis moved outside it."""
    out: list[Inline] = []
    for node in nodes:
        if not isinstance(node, Emphasis):
            out.append(node)
            continue
        only = node.children[0] if len(node.children) == 1 else None
        if isinstance(only, Text) and only.text and only.text == only.text.strip():
            out.append(node)  # one text without spaces around: nothing to move
            continue
        text = plain(node.children)
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        if lead:
            out.append(Text(" "))
        out.append(node if _stripped(node.children) else Emphasis(node.kind, _strip_ends(node.children)))
        if trail and text.strip():
            out.append(Text(" "))
    return out


def _stripped(children: tuple[Inline, ...]) -> bool:
    """Whether _strip_ends would leave children as they are."""
    if any(isinstance(c, Text) and not c.text for c in children):
        return False
    if not children:
        return True
    first, last = children[0], children[-1]
    if isinstance(first, Text) and first.text[0].isspace():
        return False
    if isinstance(last, Text) and last.text[-1].isspace():
        return False
    if isinstance(first, Emphasis) and not _stripped(first.children):
        return False
    # (One emphasis alone is looked into once: twice, emphasis in emphasis took time in 2 to the
    # power of the depth.)
    return last is first or not (isinstance(last, Emphasis) and not _stripped(last.children))


def _strip_ends(children: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Children without spaces at their ends (into emphasis at the ends) nor empty texts."""
    items = [i for i in children if not (isinstance(i, Text) and not i.text)]
    while items and isinstance(items[0], Text) and not items[0].text.strip():
        items.pop(0)
    while items and isinstance(items[-1], Text) and not items[-1].text.strip():
        items.pop()
    if not items:
        return ()
    first = items[0]
    if isinstance(first, Text):
        items[0] = Text(first.text.lstrip())
    elif isinstance(first, Emphasis):
        items[0] = Emphasis(first.kind, _strip_ends(first.children))
    last = items[-1]
    if isinstance(last, Text):
        items[-1] = Text(last.text.rstrip())
    elif isinstance(last, Emphasis) and len(items) > 1:  # (alone, stripped at both ends above)
        items[-1] = Emphasis(last.kind, _strip_ends(last.children))
    return tuple(items)


@dataclass
class _Reader:
    statement: etree._Element
    """The top document: the statement, or the document collection of a resolution in parts."""
    root: etree._Element
    notes: dict[str, Footnote] = field(default_factory=dict)
    markers: set[str] = field(default_factory=set)
    note_depth: int = 0
    """How many footnotes are being read around the current element."""

    def __post_init__(self) -> None:
        self.lang = _language(self.statement)
        self.markers = {ascii_digits(n.get("marker", "")) for n in self.root.iter(A + "authorialNote")}
        self.components = [
            s
            for s in self.root.iterfind(f"{A}components/{A}component/{A}statement")
            if self.statement.tag == A + "documentCollection"
        ]

    # --- inline ---------------------------------------------------------------------------------

    def inlines(
        self, element: etree._Element | None, skip: frozenset[str] = frozenset()
    ) -> tuple[Inline, ...]:
        """The inline content of an element (its text and children)."""
        return self._inlines(element, skip)[0]

    def _inlines(
        self, element: etree._Element | None, skip: frozenset[str] = frozenset()
    ) -> tuple[tuple[Inline, ...], bool]:
        """`inlines`, and whether _merge would leave them as they are (read by the shortcuts)."""
        if element is None:
            return (), True
        if len(element) == 0:  # text only: what _children and _merge would make of it
            return (_trim([Text(squash(element.text))]) if element.text else ()), True
        if not skip:
            element = _unwrapped(element)
            plain_nodes = self._plain_inlines(element)
            if plain_nodes is not None:
                return _trim(plain_nodes), True
        return as_read(self._children(element, skip)), False

    def _plain_inlines(
        self, element: etree._Element, opened: bool = False, spaced: bool = False
    ) -> list[Inline] | None:
        """What _merge(_children(element)) gives, when the element holds nothing _merge changes
        but texts to join and spaces to move out of emphasis: texts, links and other elements of
        text only, emphasis not beside emphasis (neither directly nor across a space), footnotes,
        their calls and superscripts; None for anything else (the general path reads it). Most
        paragraphs, ours and the UN's, are like this.
        `opened`: the element opens with an emphasised phrase read already (see _opened): what
        comes after it (`spaced`: after the space that ended the phrase)."""
        out: list[Inline] = []
        texts: list[str] = []  # (texts since the last node: one Text, squashed once joined)
        text = element.text
        items = iter(element)
        if opened:
            out.append(OPENING)  # (stands for the phrase where the checks below look back)
            text = next(items).tail
            if spaced:
                text = " " + (text or "")
        if text:
            texts.append(text)
        for child in items:
            tag = child.tag  # (a comment's is a function: no key of EMPHASIS, equal to no name)
            kind = EMPHASIS.get(tag)
            if kind is not None or tag == SPAN:
                found = self._plain_emphasis(child, kind) if kind is not None else _plain_span(child)
                if found is None:
                    return None
                lead, emphasis, trail = found
                if lead:
                    texts.append(" ")
                if texts:
                    out.append(Text(squash("".join(texts))))
                    texts = []
                if out:
                    before = out[-1]
                    if type(before) is Emphasis:
                        return None
                    if (
                        type(before) is Text
                        and len(out) > 1
                        and type(out[-2]) is Emphasis
                        and before.text.isspace()
                    ):
                        return None
                out.append(emphasis)
                if trail:
                    texts.append(" ")
            elif tag in (NOTE, NOTE_REF, SUP):
                nodes = self._node(child, tag, frozenset())  # (a call or a superscript)
                if len(nodes) != 1:
                    return None  # (a superscript of nothing: the texts around it would be merged)
                if texts:
                    out.append(Text(squash("".join(texts))))
                    texts = []
                out.append(nodes[0])
            elif tag in BREAKS:
                texts.append(" ")
            elif isinstance(tag, str) and len(child) == 0:
                if child.text:  # (a link or another element of text only: its text as it is)
                    texts.append(child.text)
            else:
                return None
            tail = child.tail
            if tail:
                texts.append(tail)
        if texts:
            out.append(Text(squash("".join(texts))))
        return out[1:] if opened else out

    def _plain_emphasis(self, element: etree._Element, kind: Literal["b", "i"]) -> Plain | None:
        """The emphasis an element of EMPHASIS makes, for _plain_inlines: None unless it holds
        something _merge leaves as it is but for the spaces at its ends."""
        size = len(element)
        leaf = element if size == 0 else element[0]
        nested = EMPHASIS.get(leaf.tag) if size == 1 and not element.text and not leaf.tail else None
        if size == 0 or (nested is not None and len(leaf) == 0):
            # Text only, or an emphasis of text only (an opening phrase, <b><i>…</i></b>), as
            # most are: what the recursion would give.
            found = _plain_leaf(leaf)
            if found is None:
                return None
            lead, inside, trail = found
            return (
                lead,
                Emphasis(kind, (inside,) if nested is None else (Emphasis(nested, (inside,)),)),
                trail,
            )
        inner = self._plain_inlines(element)
        if not inner or not _clean_ends(inner):
            return None
        return False, Emphasis(kind, tuple(inner)), False

    def _opened(self, element: etree._Element | None) -> tuple[str, tuple[Inline, ...]] | None:
        """(opening, rest) of a paragraph that opens with an emphasised phrase, as this converter
        and the UN print them (<b><i>Recalling</i></b> …, <span class="italic">Recalling </span>
        …): what opening_of gives for its inline content, read without building the phrase's
        nodes; None for any other paragraph (read the general way)."""
        if element is None:
            return None
        element = _unwrapped(element)
        if not _blank(element.text) or len(element) == 0:
            return None  # (spaces before the phrase would be trimmed)
        leaf = element[0]
        if leaf.tag == SPAN:
            if _plain_span(leaf) is None:  # (the UN's: a bold or italic span of text only)
                return None
        elif EMPHASIS.get(leaf.tag) is None:
            return None
        elif len(leaf):
            if len(leaf) != 1 or leaf.text:
                return None
            leaf = leaf[0]
            if EMPHASIS.get(leaf.tag) is None or len(leaf) or leaf.tail:
                return None
        phrase = squash(leaf.text or "")
        opening = phrase.strip()  # (a space before it is trimmed, one after it moved out of it)
        # (What _plain_inlines accepts as an emphasis of text, and leading_emphasis as a phrase.)
        if not opening or len(opening.split()) > 12:
            return None
        rest = self._plain_inlines(element, opened=True, spaced=phrase[-1].isspace())
        return None if rest is None else (opening, _trim_end(rest))

    def _children(self, element: etree._Element, skip: frozenset[str]) -> list[Inline]:
        # (lxml makes a new string at each read of .tag, .text and .tail: each is read once.)
        out: list[Inline] = []
        text = element.text
        if text:
            out.append(Text(text))
        for child in element:
            tag = child.tag
            if isinstance(tag, str) and tag not in skip:
                out.extend(self._node(child, tag, skip))
            tail = child.tail
            if tail:
                out.append(Text(tail))
        return out

    def _node(self, el: etree._Element, tag: str, skip: frozenset[str]) -> list[Inline]:
        if tag == NOTE:
            return [self._note(el)]
        if tag == NOTE_REF:
            return [NoteCall(el.get("marker", ""))]
        if tag == SUP:
            return self._sup(el)
        if tag in EMPHASIS:
            return [Emphasis(EMPHASIS[tag], tuple(_merge(self._children(el, skip))))]
        if tag == SPAN:
            return self._span(el, skip)
        if tag in BREAKS:
            return [Text(" ")]
        return self._children(el, skip)

    def _span(self, el: etree._Element, skip: frozenset[str]) -> list[Inline]:
        classes = set((el.get("class") or "").split())
        nodes: list[Inline] = _merge(self._children(el, skip))
        if "italic" in classes:
            nodes = [Emphasis("i", tuple(nodes))]
        if "bold" in classes:
            nodes = [Emphasis("b", tuple(nodes))]
        return nodes

    def _sup(self, el: etree._Element) -> list[Inline]:
        text = _text(el).strip()
        inner = el.find(A + "authorialNote")
        if inner is not None:
            return [self._note(inner)]
        if text in ("(", ")", ""):
            return []
        if ascii_digits(text.strip("()")) in self.markers:
            return [NoteCall(text.strip("()"))]
        return [Superscript(text)]

    def _note(self, el: etree._Element) -> NoteCall:
        marker = el.get("marker", "")
        key = ascii_digits(marker)
        if key not in self.notes:
            if self.note_depth >= NOTES_NESTED_AT_MOST:  # (each note read inside the one around it)
                raise ReadError(f"footnotes nested more than {NOTES_NESTED_AT_MOST} deep")
            self.note_depth += 1
            try:
                # Its own paragraphs: not those of a note called inside it (read as its own).
                own = strip_marker(self._paragraphs(_own_paragraphs(el), el))
            finally:
                self.note_depth -= 1
            self.notes[key] = Footnote(marker, own)
        return NoteCall(marker)

    def _paragraphs(self, own: list[etree._Element], whole: etree._Element) -> tuple[Inline, ...]:
        """The inline content of paragraphs (of `whole` when there is none), joined by a space."""
        read = [self._inlines(p) for p in own] or [self._inlines(whole)]
        if len(read) == 1 and read[0][1]:
            return read[0][0]  # (one paragraph that _merge would leave as it is)
        content: list[Inline] = []
        for p, _ in read:
            if content and p:
                content.append(Text(" "))
            content.extend(p)
        return tuple(_merge(content))

    # --- the document ---------------------------------------------------------------------------

    def resolution(self) -> Resolution:
        s = self.statement
        ident = s.find(f"{A}meta/{A}identification")
        if ident is None:
            raise ReadError("no identification in meta")
        adopted = _attr(ident, f"{A}FRBRWork/{A}FRBRdate", "date")
        issued = _attr(ident, f"{A}FRBRExpression/{A}FRBRdate", "date")
        masthead = self.masthead()
        number_text, separator, title = self.preface()
        session, number = self.numbers(ident, number_text)
        parts = tuple(self.part(c) for c in self.components)
        body = self.body(self.statement) if not parts else Body("", "", (), ())
        conclusion = self.conclusion(self.statement) if not parts else parts[-1].conclusion
        annexes = self.annexes()
        footnotes = tuple(sorted(self.notes.values(), key=lambda n: _marker_key(n.marker)))
        return Resolution(
            language=self.lang.code,
            masthead=masthead,
            footer=self.footer(),
            number_text=number_text,
            session=session,
            number=number,
            title_separator=separator,
            title=title,
            body=body,
            parts=parts,
            conclusion=conclusion,
            annexes=annexes,
            footnotes=footnotes,
            adopted=adopted or conclusion.date or "",
            issued=issued or adopted or "",
            issued_printed=masthead.issued is not None,
        )

    def masthead(self) -> Masthead:
        cover = self.statement.find(A + "coverPage")
        lines = []
        if cover is not None:
            for p in cover.iter(A + "p"):
                text = squash(_text(p)).strip()
                if text:
                    lines.append(text)
        blocks = [Block(t, ((0, 0),)) for t in lines]
        return read_masthead(self.lang, blocks, spans=False)[0]

    def footer(self) -> Footer:
        presentation = self.statement.find(f"{A}meta/{A}presentation")
        if presentation is None:
            return Footer(None, None)
        job = next((squash(e.text or "").strip() for e in presentation.iter(A + "docketNumber")), None)
        recycle = any(
            "recycl" in (e.get("alt") or "").lower() + (e.get("class") or "")
            or (e.get("alt") or "") == self.lang.data["furniture"]["recycle"]
            for e in presentation.iter(A + "img")
        )
        return Footer(job or None, self.lang.data["furniture"]["recycle"] if recycle else None)

    def preface(self) -> tuple[str, str, tuple[Inline, ...]]:
        preface = self.statement.find(A + "preface")
        if preface is None:
            raise ReadError("no preface")
        number_el = next(preface.iter(A + "docNumber"), None)
        title_el = next(preface.iter(A + "docTitle"), None)
        number = squash(_text(number_el)).strip() if number_el is not None else ""
        separator = " "
        if number.endswith("."):
            number, separator = number[:-1].rstrip(), ". "
        elif number_el is not None and number_el.tail and number_el.tail.strip():
            separator = squash(number_el.tail)
        title = bare_title(self.inlines(title_el))
        return number, *separator_out_of_title(self.lang, number, separator, title)

    def numbers(self, ident: etree._Element, number_text: str) -> tuple[str, str]:
        value = _attr(ident, f"{A}FRBRWork/{A}FRBRnumber", "value")
        if not value:
            uri = _attr(ident, f"{A}FRBRWork/{A}FRBRuri", "value") or ""
            value = uri.rstrip("/").rsplit("/", 1)[-1]
        session, _, number = value.rpartition("-")
        if not session:
            first, _, second = ascii_digits(number_text).partition("/")
            return first, second
        return session, number

    def part(self, statement: etree._Element) -> Part:
        preface = statement.find(A + "preface")
        label = title = ""
        if preface is not None:
            number_el = next(preface.iter(A + "docNumber"), None)
            label = squash(_text(number_el)).strip() if number_el is not None else ""
            title_el = next(preface.iter(A + "docTitle"), None)
            title = squash(_text(title_el)).strip() if title_el is not None else ""
        return Part(label, title, self.body(statement), self.conclusion(statement))

    def body(self, statement: etree._Element) -> Body:
        preamble_el = statement.find(A + "preamble")
        formula, tail = "", ""
        pre: list[PreambularParagraph] = []
        if preamble_el is not None:
            formula_el = preamble_el.find(A + "formula")
            if formula_el is not None:
                text = plain(self.inlines(formula_el))
                match = self.lang.formula.match(text)
                end = match.end() if match else len(text.rstrip(",، :"))
                formula, tail = text[:end], text[end:]
            for c in preamble_el:
                if c.tag in PREAMBLE_BLOCKS:
                    opened = self._opened(c)
                    if opened is not None:
                        pre.append(PreambularParagraph(*opened))
                        continue
                    nodes = self.inlines(c)
                    if nodes:
                        opening, rest, _ = opening_of(self.lang, "preamble", nodes)
                        pre.append(PreambularParagraph(opening, rest))
        main = statement.find(A + "mainBody")
        operative = self.hierarchy(main) if main is not None else ()
        return Body(formula, tail, tuple(pre), operative)

    def hierarchy(self, element: etree._Element, own: etree._Element | None = None) -> tuple[BodyNode, ...]:
        """The body nodes below element; `own` is element's own heading, read already."""
        out: list[BodyNode] = []
        for child in element:
            if child is own:
                continue
            tag = child.tag
            if tag == PARAGRAPH:
                heading_only = _heading_only(child)
                if heading_only is not None:
                    out.append(CrossHeading(self.inlines(heading_only)))
                else:
                    out.append(self.paragraph(child))
            elif tag == A + "hcontainer" and child.get("name") == "crossHeading":
                out.append(CrossHeading(self.inlines(child.find(A + "heading"))))
            elif tag == A + "table" or _holds_table(child):
                tables = [child] if tag == A + "table" else child.iter(A + "table")
                out.extend(self.table(t) for t in tables)
            elif tag in HIERARCHY:
                num = squash("".join(child.findtext(A + "num") or "")).strip()
                heading = child.find(A + "heading")
                if heading is None:
                    heading = child.find(A + "subheading")
                out.append(Section(num, self.inlines(heading), self.hierarchy(child, heading)))
            elif tag in HEADINGS:
                out.append(CrossHeading(self.inlines(child)))
        return tuple(out)

    def table(self, el: etree._Element) -> Table:
        rows: list[tuple[tuple[Inline, ...], ...]] = []
        header_rows = 0
        for tr in el.iter(A + "tr"):
            cells = [c for c in tr if c.tag in CELLS]
            if header_rows == len(rows) and cells and all(c.tag == TH for c in cells):
                header_rows += 1
            rows.append(tuple(self._paragraphs(_own_paragraphs(c), c) for c in cells))
        return Table(tuple(rows), header_rows)

    def paragraph(self, el: etree._Element) -> OperativeParagraph:
        num_el = lst = content = None
        for child in el:  # (the first num, list and content: one pass instead of three searches)
            tag = child.tag
            if tag == NUM:
                num_el = num_el if num_el is not None else child
            elif tag in LISTS:
                lst = lst if lst is not None else child
            elif tag == CONTENT:
                content = content if content is not None else child
        num = squash(_text(num_el)).strip() if num_el is not None else None
        if num and lst is None:
            opened = self._opened(content)
            if opened is not None:
                return OperativeParagraph(num, *opened)
        if lst is not None:
            intro, points, wrap = self.listing(lst)
        else:
            intro, points, wrap = self.inlines(content), (), ()
        if not num:
            num, intro = self.inline_number(intro)
        opening, rest, _ = opening_of(self.lang, "operative", intro)
        return OperativeParagraph(num or None, opening, rest, points, wrap)

    def inline_number(self, nodes: tuple[Inline, ...]) -> tuple[str | None, tuple[Inline, ...]]:
        """A paragraph number printed inside the text ("33 –\ttext"), taken out."""
        if not nodes or not isinstance(nodes[0], Text):
            return None, nodes
        match = self.lang.pattern("operative.numbered").match(plain(nodes))
        if not match or match.end() > len(nodes[0].text):
            return None, nodes
        return squash(match.group("num")).strip(), _trim(list(split_opening(nodes, match.group(0))))

    def listing(
        self, lst: etree._Element
    ) -> tuple[tuple[Inline, ...], tuple[Point, ...], tuple[Inline, ...]]:
        intro = self.inlines(lst.find(A + "intro"))
        points: list[Point] = []
        wrap: tuple[Inline, ...] = ()
        for child in lst:
            if child.tag in (A + "point", A + "item"):
                points.append(self.point(child))
            elif child.tag in LISTS and points:
                _, subs, sub_wrap = self.listing(child)
                last = points[-1]
                points[-1] = Point(last.num, last.content, last.points + subs, sub_wrap or last.wrap_up)
            elif child.tag in (A + "wrapUp", A + "wrapup"):
                wrap = self.inlines(child)
        return intro, tuple(points), wrap

    def point(self, el: etree._Element) -> Point:
        num = squash("".join(el.findtext(A + "num") or "")).strip()
        lst = next((c for c in el if c.tag in LISTS), None)
        if lst is not None:
            intro, points, wrap = self.listing(lst)
            return Point(num, intro, points, wrap)
        return Point(num, self.inlines(el.find(A + "content")))

    def conclusion(self, statement: etree._Element) -> Conclusion:
        concl = statement.find(A + "conclusions")
        if concl is None:
            return Conclusion(None, None, None, None)
        meeting = next(concl.iter(A + "location"), None)
        if meeting is None:
            meeting = next((i for i in concl.iter(A + "inline") if "eeting" in (i.get("name") or "")), None)
        date = next(concl.iter(A + "docDate"), None)
        meeting_text = squash(_text(meeting)).strip() if meeting is not None else None
        number = None
        if meeting is not None:
            digits = regex.search(r"\d+", ascii_digits(meeting_text or ""))
            number = digits.group(0) if digits else None
        date_text = (squash(_text(date)).strip() or None) if date is not None else None
        iso = date.get("date") if date is not None and date_text else None
        return Conclusion(meeting_text, number, date_text, iso)

    def annexes(self) -> tuple[Annex, ...]:
        out = []
        annex = self.lang.pattern("sections.annex")
        for attachment in self.statement.iterfind(f"{A}attachments/{A}attachment"):
            doc = next((c for c in attachment if isinstance(c.tag, str)), None)
            if doc is None:
                continue
            blocks = [b for b in (self.annex_block(*found) for found in _annex_blocks(doc)) if b]
            heading: list[str] = []
            while blocks and annex.match(plain(blocks[0]).strip()) and not heading:
                heading.append(plain(blocks.pop(0)).strip())
            out.append(Annex(tuple(heading), tuple(blocks)))
        return tuple(out)

    def annex_block(
        self, p: etree._Element, holder: etree._Element | None, in_note: bool
    ) -> tuple[Inline, ...]:
        """A paragraph of an annex, with the number of the paragraph or point it opens (`holder`:
        the nearest element above it with a num; `in_note`: inside a footnote, not read here)."""
        if in_note:
            return ()
        nodes = self.inlines(p)
        num_el = holder.find(NUM) if holder is not None else None
        if holder is not None and num_el is not None and next(holder.iter(A + "p"), None) is p:
            num = squash(_text(num_el)).strip()
            if num:
                nodes = _trim([Text(num + " "), *nodes])
        if (
            len(nodes) == 1
            and isinstance(nodes[0], Emphasis)
            and self.lang.pattern("sections.annex").match(plain(nodes).strip())
        ):
            nodes = (Text(plain(nodes).strip()),)
        return nodes


def _own_paragraphs(element: etree._Element) -> list[etree._Element]:
    """The paragraphs inside an element, but not those of a footnote called inside it (read as
    that note's own)."""
    own = list(element.iter(P))
    if next(element.iterdescendants(NOTE), None) is None:
        return own
    holder = element if element.tag == NOTE else next(element.iterancestors(NOTE), None)
    return [p for p in own if next(p.iterancestors(NOTE), None) is holder]


ANNEX_BLOCKS = {A + t for t in ("p", "heading", "subheading", "crossHeading", "tblock")}


def _annex_blocks(doc: etree._Element) -> list[tuple[etree._Element, etree._Element | None, bool]]:
    """The text blocks of an annex in reading order: paragraphs and headings, none inside another,
    none in meta; each with the nearest element above it that has a num, and whether a footnote
    holds it. (One walk down the tree: no look up from each block.)"""
    out: list[tuple[etree._Element, etree._Element | None, bool]] = []

    def walk(element: etree._Element, holder: etree._Element | None, in_note: bool) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag == META:
                continue
            if tag in ANNEX_BLOCKS:
                out.append((child, holder, in_note))
            else:
                walk(child, child if child.find(NUM) is not None else holder, in_note or tag == NOTE)

    above = (doc, *doc.iterancestors())
    walk(doc, next((a for a in above if a.find(NUM) is not None), None), any(a.tag == NOTE for a in above))
    return out


# The marker or the empty parentheses some files print at the start of a footnote body.
BODY_MARKER = regex.compile(r"^\s*\(\s*\d*\s*\)\s*")


def strip_marker(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """A footnote body without the "(n)" or "()" printed at its start (the parser takes a body
    it reads so too: tests/test_properties.py); kept when it is all the body holds, which would
    leave an empty note."""
    text = plain(nodes)
    match = BODY_MARKER.match(text)
    if not match or not text[match.end() :].strip() or not _plain_start(nodes, match.end()):
        return nodes
    return _trim(list(split_opening(_unwrap_start(nodes), match.group(0))))


def _plain_start(nodes: tuple[Inline, ...], length: int) -> bool:
    """Whether the first `length` characters are text or emphasised text only."""
    return all(isinstance(n, Text | Emphasis) for n in nodes[:2]) and len(plain(nodes[:2])) >= length


def _unwrap_start(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Leading emphasis opened up into its text (the marker it holds is presentation)."""
    out: list[Inline] = []
    for i, node in enumerate(nodes):
        if isinstance(node, Emphasis) and i < 2 and not plain((node,)).strip(" ()"):
            out.extend(node.children)
        else:
            out.append(node)
    return tuple(_merge(out))


def _holds_table(el: etree._Element) -> bool:
    """Where tables sit between paragraphs: the UN's container, our hcontainer name="table"."""
    holder = el.tag == A + "container" or (el.tag == A + "hcontainer" and el.get("name") == "table")
    return holder and next(el.iter(A + "table"), None) is not None


def _heading_only(el: etree._Element) -> etree._Element | None:
    """The heading of a paragraph that holds nothing else (a heading stored as a paragraph)."""
    only = None
    for child in el:
        if isinstance(child.tag, str):
            if only is not None:
                return None  # (a second element: a paragraph, as nearly all are)
            only = child
    return only if only is not None and only.tag in HEADINGS else None


def _text(el: etree._Element) -> str:
    """All the text inside an element."""
    if len(el) == 0:  # (no child: its own text is all of it)
        return el.text or ""
    return "".join(cast(Iterator[str], el.itertext()))  # (lxml gives str: the stubs allow bytes)


def _attr(el: etree._Element, path: str, name: str) -> str | None:
    found = el.find(path)
    return found.get(name) if found is not None else None


def _marker_key(marker: str) -> tuple[int, str]:
    digits = ascii_digits(marker)
    return (int(digits), marker) if digits.isdigit() else (0, marker)
