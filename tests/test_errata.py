"""Official files whose markup misrepresents their printed text (../shared/corpus/ERRATA.md): from
their printed text, the converter follows the print, not the UN's markup. One case per kind of
erratum; each input is in tests/golden/en/ (the official file rendered as text, as printed)."""

from __future__ import annotations

from pathlib import Path

from converter import CrossHeading, OperativeParagraph, parse
from converter.dump import to_data

GOLDEN = Path(__file__).parent / "golden" / "en"


def operative(name: str) -> list[object]:
    parsed = parse((GOLDEN / name / "input.txt").read_text(encoding="utf-8"), lang="en")
    assert parsed.resolution is not None
    return list(parsed.resolution.body.operative)


def text_of(node: object) -> str:
    return str(to_data(node))


def test_heading_stored_as_operative_paragraph_is_a_heading() -> None:
    nodes = operative("A_RES_75_1")
    headings = [n for n in nodes if isinstance(n, CrossHeading)]
    assert len(headings) == 1 and "commemoration of the seventy-fifth anniversary" in text_of(headings[0])
    paragraphs = [n for n in nodes if isinstance(n, OperativeParagraph)]
    assert not any("Declaration on the commemoration" in text_of(p) for p in paragraphs)


def test_fragment_stored_as_paragraph_closes_its_paragraph() -> None:
    nodes = operative("A_RES_80_34")
    five = next(n for n in nodes if isinstance(n, OperativeParagraph) and n.num == "5.")
    assert len(five.points) == 6
    assert text_of(five.wrap_up).find("and demands that the perpetrators be held accountable") > 0
    assert not any(isinstance(n, OperativeParagraph) and n.num is None for n in nodes)


def test_points_stored_as_paragraphs_are_points() -> None:
    nodes = operative("A_RES_79_280")
    one = nodes[0]
    assert isinstance(one, OperativeParagraph) and [p.num for p in one.points] == ["“(a)", "“(b)"]
    assert all(isinstance(n, OperativeParagraph) and n.num for n in nodes)
