"""Model → view-model (eIds, URIs, ISO dates, references computed here) → Jinja → AKN string.
Code decides, templates arrange: the templates only loop and call macros."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

import jinja2
import jinja2.compiler
import jinja2.runtime
import markupsafe
import regex

from . import frbr as frbr_mod
from .languages import Language, load
from .model import (
    Body,
    BodyNode,
    Conclusion,
    CrossHeading,
    Emphasis,
    Inline,
    MastheadLine,
    NoteCall,
    OperativeParagraph,
    Point,
    Resolution,
    Section,
    Superscript,
    Table,
    Text,
)

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
LATIN = "abcdefghijklmnopqrstuvwxyz"
# Cyrillic letters that stand for the Latin ones they look like in sub-paragraph numbers.
LOOKALIKES = str.maketrans("асеорхі", "aceopxi")
ROMAN = regex.compile(r"^[ivxlc]+$")
EID_UNSAFE = regex.compile(r"[^A-Za-z0-9]+")

View = dict[str, Any]

# Every reference the templates may use: eId → (element, href, showAs).
REFERENCES: dict[str, tuple[str, str, str]] = {
    "source": ("TLCOrganization", "/akn/ontology/organization/un-akn", "un-akn converter"),
    "ga": ("TLCOrganization", "/akn/ontology/organization/un/generalAssembly", "General Assembly"),
    "publisher": ("TLCOrganization", "/akn/ontology/organization/un/unitedNations", "United Nations"),
    "symbol": ("TLCConcept", "/akn/ontology/concept/un/symbol", "Symbol"),
    "generalDistribution": (
        "TLCConcept",
        "/akn/ontology/concept/un/generalDistribution",
        "General distribution",
    ),
    "dateOfIssuance": ("TLCConcept", "/akn/ontology/concept/un/dateOfIssuance", "Date of issuance"),
    "dateOfAdoption": ("TLCConcept", "/akn/ontology/concept/un/dateOfAdoption", "Date of adoption"),
    "agendaItem": ("TLCConcept", "/akn/ontology/concept/un/agendaItem", "Agenda item"),
    "resolutionTitle": ("TLCConcept", "/akn/ontology/concept/un/resolutionTitle", "Resolution title"),
    "publicationJobNumber": ("TLCConcept", "/akn/ontology/concept/un/publicationJobNumber", "Job number"),
    "adoption": ("TLCEvent", "/akn/ontology/event/un/adoption", "Adoption"),
    "adoptionMeeting": ("TLCLocation", "/akn/ontology/location/un/plenaryMeeting", "Plenary meeting"),
    "noMainCommittee": (
        "TLCOrganization",
        "/akn/ontology/organization/un/noMainCommittee",
        "No main committee",
    ),
    "firstCommittee": ("TLCOrganization", "/akn/ontology/organization/un/firstCommittee", "First Committee"),
    "secondCommittee": (
        "TLCOrganization",
        "/akn/ontology/organization/un/secondCommittee",
        "Second Committee",
    ),
    "thirdCommittee": ("TLCOrganization", "/akn/ontology/organization/un/thirdCommittee", "Third Committee"),
    "fourthCommittee": (
        "TLCOrganization",
        "/akn/ontology/organization/un/fourthCommittee",
        "Fourth Committee",
    ),
    "fifthCommittee": ("TLCOrganization", "/akn/ontology/organization/un/fifthCommittee", "Fifth Committee"),
    "sixthCommittee": ("TLCOrganization", "/akn/ontology/organization/un/sixthCommittee", "Sixth Committee"),
}


ESCAPE_STR: Callable[[str], str] | None
try:  # markupsafe ≥ 3.0: the C function its `escape` wraps in a Markup
    from markupsafe._speedups import _escape_inner as ESCAPE_STR
except ImportError:  # another markupsafe: escape_output takes markupsafe's own path
    ESCAPE_STR = None


def escape_output(value: Any) -> str:
    """What autoescape writes for `{{ value }}`: the same text as markupsafe's `escape`, without
    making a `Markup` of it when the text goes straight to the output (a third of the render time
    was spent making them). A `Markup` (a macro's output) is written as it is, as `escape` does."""
    if type(value) is str and ESCAPE_STR is not None:
        return ESCAPE_STR(value)
    if type(value) is markupsafe.Markup:
        return value
    return markupsafe.escape(value)


class _CodeGenerator(jinja2.compiler.CodeGenerator):
    """Jinja's code generator, writing `environment.escape_output(x)` where it writes
    `escape(x)` around an output expression of an autoescaped template. The value of such an
    expression goes straight to the output list (or to a macro's, made a `Markup` as a whole),
    never to another expression, so a `str` of the same text is all it needs."""

    def _output_child_pre(
        self,
        node: jinja2.nodes.Expr,
        frame: jinja2.compiler.Frame,
        finalize: jinja2.compiler.CodeGenerator._FinalizeInfo,
    ) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
            self.write("environment.escape_output(")
            if finalize.src is not None:
                self.write(finalize.src)
            return
        super()._output_child_pre(node, frame, finalize)


class _Context(jinja2.runtime.Context):
    """Jinja's context, calling a macro of our templates straight. With exactly its positional
    arguments, no `caller` and no `**kwargs`, Jinja's `Context.call` and `Macro.__call__` come to
    `Markup(macro._func(*args))` when autoescaping, after a dozen checks each, a hundred calls a
    document (a sixth of the render time). Any other call, or a Jinja whose macros are built
    otherwise, goes Jinja's way; tests/test_templates.py checks the output is stock Jinja's."""

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        if (
            type(__obj) is jinja2.runtime.Macro
            and __self.eval_ctx.autoescape
            and kwargs.keys() <= LOOP_KWARGS
        ):
            try:
                function = __obj._func
                plain = (
                    len(args) == __obj._argument_count
                    and not (__obj.caller or __obj.catch_kwargs or __obj.catch_varargs)
                    and not __self.environment.is_async
                )
            except AttributeError:  # (another Jinja)
                plain = False
            if plain:
                try:
                    return markupsafe.Markup(function(*args))
                except StopIteration:  # (as Jinja's call does)
                    return __self.environment.undefined(
                        "value was undefined because a callable raised a StopIteration exception"
                    )
        return super().call(__obj, *args, **kwargs)


# What Jinja's code passes to a call made in a loop or a block besides the arguments (its
# `Context.call` drops them before calling).
LOOP_KWARGS = frozenset({"_loop_vars", "_block_vars"})


class _Environment(jinja2.Environment):
    """Jinja over a view-model of dicts. `n.text` on a dict is its key: Jinja's own look-up tries
    the attribute first and gets there through an AttributeError, hundreds of times a document.
    (No template names a dict method: `.items` and the like would read the key here.)"""

    code_generator_class = _CodeGenerator
    context_class = _Context
    escape_output = staticmethod(escape_output)

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


@cache
def environment() -> jinja2.Environment:
    """The Jinja environment over the packaged templates (built once per process)."""
    folder = resources.files("converter.templates")
    loader = jinja2.DictLoader(
        {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir() if p.name.endswith(".xml")}
    )
    return _Environment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def to_akn(resolution: Resolution, *, manifestation_date: str | None = None) -> str:
    """The AKN document of a resolution (not validated: `convert` validates)."""
    view = _Builder(resolution, manifestation_date).build()
    template = "collection.xml" if resolution.parts else "resolution.xml"
    rendered = environment().get_template(template).render(doc=view)
    # Macros end their blocks with a newline of their own; the empty lines this leaves between
    # elements are dropped (text never spans lines, so no content is touched).
    return "\n".join(line for line in rendered.split("\n") if line.strip()) + "\n"


def ascii_number(text: str) -> str:
    """The digits of a printed number in ASCII ("١٢ -" → "12"); other characters dropped."""
    if text.isascii():  # (ASCII digits are their own values)
        return "".join(filter(str.isdecimal, text))
    return "".join(str(int(ch)) for ch in text if ch.isdecimal())


CHINESE_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}


def numeral_value(label: str) -> str:
    """The value of a numeral that is not decimal digits: "㈠" → "1", "十一" → "11"; "" if none."""
    if len(label) == 1 and unicodedata.numeric(label, -1) > 0:
        return str(int(unicodedata.numeric(label)))
    if not label or not all(c in CHINESE_DIGITS or c == "十" for c in label):
        return ""
    if "十" not in label:
        return str(CHINESE_DIGITS[label]) if len(label) == 1 else ""
    tens, _, units = label.partition("十")
    return str(CHINESE_DIGITS.get(tens, 1) * 10 + CHINESE_DIGITS.get(units, 0))


def roman(n: int) -> str:
    """Lower-case roman numeral."""
    out = ""
    for value, letters in (
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
    ):
        while n >= value:
            out += letters
            n -= value
    return out + "i" * n


def part_label(label: str, index: int) -> str:
    """The eId label of a part: its printed letter when ASCII ("A"), else the k-th Latin capital."""
    safe = EID_UNSAFE.sub("", label)
    return safe if safe and safe.isascii() else LATIN[index % 26].upper()


def point_label(lang: Language, num: str, level: int, index: int) -> str:
    """The eId label of a point: a, b, … for the first level; i, ii, … below (DESIGN §3.2)."""
    level1 = lang.pattern("points.level1").match(num)
    if level1 and level == 1:
        label = level1.group("label")
        if label in lang.letters:
            position = lang.letters.index(label)
            return LATIN[position] if position < 26 else f"z{position}"
    level2 = lang.pattern("points.level2").match(num)
    if level2:
        label = level2.group("label").translate(LOOKALIKES).lower()
        digits = ascii_number(label) or numeral_value(label)
        if ROMAN.match(label):
            return label
        if digits:
            return roman(int(digits))
    safe = EID_UNSAFE.sub("", num.translate(LOOKALIKES)).lower()
    if safe.isascii() and safe:
        return safe
    return str(index)


class _Builder:
    """Builds the view-model of one resolution."""

    def __init__(self, resolution: Resolution, manifestation_date: str | None) -> None:
        self.r = resolution
        self.lang = load(resolution.language)
        self.manifestation_date = manifestation_date or resolution.issued
        self.refs: set[str] = {"source", "ga", "resolutionTitle"}
        self.notes = {ascii_number(n.marker) or n.marker: n for n in resolution.footnotes}
        self.called: set[str] = set()
        self.prefix = ""
        # The tokens of the wrapper around an opening phrase (the templates only read them).
        self.wrapper_start: list[View] = [{"t": tag} for tag in self.lang.wrapper]
        self.wrapper_end: list[View] = [{"t": f"/{tag}"} for tag in reversed(self.lang.wrapper)]

    def ref(self, key: str) -> str:
        self.refs.add(key)
        return f"#{key}"

    def build(self) -> View:
        r = self.r
        frbr = frbr_mod.build(r.session, r.number, r.adopted, self.lang.frbr)
        cover = self.cover()
        preface = {"number": r.number_text, "separator": r.title_separator, "title": self.inlines(r.title)}
        statements = [self.statement(r.body, r.conclusion, "")] if not r.parts else []
        parts = []
        for k, part in enumerate(r.parts):
            label = part_label(part.label, k)
            self.prefix = f"comp_{label}__"
            adopted = part.conclusion.date or r.adopted
            parts.append(
                {
                    "eId": f"comp_{label}",
                    "label": part.label,
                    "title": part.title,
                    "frbr": frbr_mod.build(r.session, r.number, adopted, self.lang.frbr, part=label),
                    "adopted": adopted,
                    "statement": self.statement(part.body, part.conclusion, f"comp_{label}__"),
                }
            )
        self.prefix = ""
        annexes = [
            {
                "eId": f"att_{k}",
                "this": frbr_mod.annex_this(frbr, k),
                "uri": frbr.work_uri,
                "date": r.adopted,
                "heading": list(a.heading),
                "blocks": [self.inlines(b) for b in a.blocks],
            }
            for k, a in enumerate(r.annexes, start=1)
        ]
        footer = None
        if r.footer.job_number or r.footer.recycle:
            if r.footer.job_number:
                self.ref("publicationJobNumber")
            footer = {"job": r.footer.job_number, "recycle": r.footer.recycle}
        return {
            "frbr": frbr,
            "adopted": r.adopted,
            "issued": r.issued,
            "manifestation_date": self.manifestation_date,
            "cover": cover,
            "preface": preface,
            "statement": statements[0] if statements else None,
            "parts": parts,
            "annexes": annexes,
            "footer": footer,
            "references": [
                {"element": REFERENCES[k][0], "eId": k, "href": REFERENCES[k][1], "showAs": REFERENCES[k][2]}
                for k in sorted(self.refs)
            ],
        }

    def statement(self, body: Body, conclusion: Conclusion, prefix: str) -> View:
        """Preamble, operative part and conclusion of the resolution or of one of its parts."""
        return {
            "preamble": self.preamble(body, prefix),
            "body": self.operative(body.operative, prefix),
            "conclusion": self.conclusion(conclusion),
        }

    # --- masthead ----------------------------------------------------------------------------

    def cover(self) -> list[View]:
        return [self.cover_line(line) for line in self.r.masthead.lines]

    def cover_line(self, line: MastheadLine) -> View:
        m = self.r.masthead
        kind = line.kind
        view: View = {"kind": kind, "text": line.text}
        if kind == "date":
            view["date"] = m.issued
            view["refersTo"] = self.ref("dateOfIssuance")
        elif kind == "distribution":
            view["refersTo"] = self.ref("generalDistribution")
        elif kind == "body":
            view["refersTo"] = self.ref("ga")
        elif kind == "publisher":
            view["refersTo"] = self.ref("publisher")
        elif kind == "symbol":
            view["refersTo"] = self.ref("symbol")
        elif kind == "session":
            view["value"] = m.session or self.r.session
            view["refersTo"] = self.ref("ga")
        elif kind == "agenda":
            letter = f" ({m.agenda_letter})" if m.agenda_letter else ""
            view["title"] = f"{m.agenda_number}{letter}"
            view["refersTo"] = self.ref("agendaItem")
        elif kind == "title":
            view["segments"] = self.title_segments(line.text)
        elif kind == "proponent":
            view["refersTo"] = self.ref(m.committee) if m.committee else None
            view["segments"] = self.proponent_segments(line.text)
        return view

    def title_segments(self, text: str) -> list[View]:
        match = self.lang.pattern("masthead.title").match(text)
        adopted = self.r.masthead.adopted
        if not match or not match.group("date") or not adopted:
            return [{"text": text}]
        start, end = match.span("date")
        self.ref("dateOfAdoption")
        return [
            {"text": text[:start]},
            {"text": text[start:end], "date": adopted, "refersTo": "#dateOfAdoption"},
            {"text": text[end:]},
        ]

    def proponent_segments(self, text: str) -> list[View]:
        segments: list[View] = []
        at = 0
        for printed, symbol in self.r.masthead.documents:
            found = text.find(printed, at)
            if found < 0:
                continue
            segments.append({"text": text[at:found]})
            segments.append({"text": printed, "href": f"https://undocs.org/{symbol}"})
            at = found + len(printed)
        segments.append({"text": text[at:]})
        return [s for s in segments if s["text"]]

    # --- preamble and body ----------------------------------------------------------------------

    def wrapped(self, opening: str) -> list[View]:
        """An opening phrase inside the language's wrapper (<b><i> for Arabic, <i>, <b>)."""
        return [*self.wrapper_start, {"t": "text", "text": opening}, *self.wrapper_end]

    def preamble(self, body: Body, prefix: str) -> View:
        containers = []
        for k, p in enumerate(body.preamble, start=1):
            content = (self.wrapped(p.opening) if p.opening else []) + self.inlines(p.content)
            containers.append(
                {
                    "eId": f"{prefix}preamble__container_{k}",
                    "name": p.opening or "preamble",
                    "content": content,
                }
            )
        tail = [{"t": "text", "text": body.formula_tail}] if body.formula_tail else []
        return {
            "eId": f"{prefix}preamble__formula_1",
            "formula": self.wrapped(body.formula) + tail,
            "containers": containers,
        }

    def operative(self, nodes: tuple[BodyNode, ...], prefix: str) -> list[View]:
        out = []
        seen: dict[str, int] = {}
        unnumbered = 0
        headings = 0
        tables = 0
        sections = 0
        section_labels: set[str] = set()
        for node in nodes:
            if isinstance(node, OperativeParagraph):
                if node.num is None:
                    unnumbered += 1
                    eid = f"{prefix}para_nn{unnumbered}"
                else:
                    n = ascii_number(node.num) or EID_UNSAFE.sub("", node.num) or "0"
                    seen[n] = seen.get(n, 0) + 1
                    eid = f"{prefix}para_{n}" + (f"__{seen[n]}" if seen[n] > 1 else "")
                out.append(self.paragraph(node, eid))
            elif isinstance(node, Table):
                tables += 1
                out.append(
                    {
                        "t": "table",
                        "eId": f"{prefix}table_{tables}",
                        "rows": [
                            [{"th": r < node.header_rows, "content": self.inlines(c)} for c in row]
                            for r, row in enumerate(node.rows)
                        ],
                    }
                )
            elif isinstance(node, CrossHeading):
                headings += 1
                out.append(
                    {
                        "t": "crossHeading",
                        "eId": f"{prefix}crossHeading_{headings}",
                        "content": self.inlines(node.content),
                    }
                )
            elif isinstance(node, Section):
                sections += 1
                label = EID_UNSAFE.sub("", node.num.translate(LOOKALIKES))
                if not label or not label.isascii() or label in section_labels:
                    label = str(sections)
                section_labels.add(label)
                eid = f"{prefix}sec_{label}"
                out.append(
                    {
                        "t": "section",
                        "eId": eid,
                        "num": node.num,
                        "heading": self.inlines(node.heading),
                        "children": self.operative(node.children, f"{eid}__"),
                    }
                )
        return out

    def paragraph(self, node: OperativeParagraph, eid: str) -> View:
        content = (self.wrapped(node.opening) if node.opening else []) + self.inlines(node.content)
        return {
            "t": "paragraph",
            "eId": eid,
            "num": node.num,
            "content": content,
            "list": self.point_list(node.points, node.wrap_up, eid, 1) if node.points else None,
        }

    def point_list(
        self, points: tuple[Point, ...], wrap_up: tuple[Inline, ...], parent: str, level: int
    ) -> View:
        list_eid = f"{parent}__list_1"
        items = []
        used: dict[str, int] = {}
        for index, point in enumerate(points, start=1):
            label = point_label(self.lang, point.num, level, index)
            used[label] = used.get(label, 0) + 1
            if used[label] > 1:
                label = f"{label}_{used[label]}"
            eid = f"{list_eid}__point_{label}"
            items.append(
                {
                    "eId": eid,
                    "num": point.num,
                    "content": self.inlines(point.content),
                    "list": self.point_list(point.points, point.wrap_up, eid, level + 1)
                    if point.points
                    else None,
                }
            )
        return {"eId": list_eid, "points": items, "wrap_up": self.inlines(wrap_up) if wrap_up else None}

    def conclusion(self, c: Conclusion) -> View | None:
        if not c.meeting_text and not c.date_text:
            return None
        if c.meeting_text:
            self.ref("adoption")
            self.ref("adoptionMeeting")
        # Not printed (some extractions drop it): the adoption date is recorded without text.
        self.ref("dateOfAdoption")
        return {
            "meeting_text": c.meeting_text,
            "meeting": c.meeting,
            "date_text": c.date_text or "",
            "date": c.date if c.date_text else self.r.adopted,
        }

    # --- inline ---------------------------------------------------------------------------------

    def inlines(self, nodes: tuple[Inline, ...]) -> list[View]:
        """Inline nodes as one flat stream of tokens, an element's start and end being tokens of
        their own ("b" … "/b"): the template writes it in one loop, without a macro call per
        nesting level."""
        out: list[View] = []
        self._tokens(nodes, out)
        return out

    def _tokens(self, nodes: tuple[Inline, ...], out: list[View]) -> None:
        for node in nodes:
            if isinstance(node, Text):
                out.append({"t": "text", "text": node.text})
            elif isinstance(node, Emphasis):
                out.append({"t": node.kind})
                self._tokens(node.children, out)
                out.append({"t": f"/{node.kind}"})
            elif isinstance(node, Superscript):
                out.append({"t": "sup", "text": node.text})
            else:
                assert isinstance(node, NoteCall)
                self._call(node, out)

    def _call(self, node: NoteCall, out: list[View]) -> None:
        key = ascii_number(node.marker) or EID_UNSAFE.sub("", node.marker) or "0"
        eid = f"{self.prefix}authorialNote_{key}"
        note = self.notes.get(key)
        if note is None:
            out.append({"t": "sup", "text": node.marker})
        elif key in self.called:
            out.append({"t": "noteRef", "href": f"#{eid}", "marker": node.marker})
        else:
            self.called.add(key)
            out.append({"t": "note", "eId": eid, "marker": node.marker})
            self._tokens(note.content, out)
            out.append({"t": "/note"})
