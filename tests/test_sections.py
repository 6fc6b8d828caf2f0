"""Sections: the UN's `section` with `num` and `subheading` is read once (its heading is not
repeated as a cross-heading), and a section line whose number has no full stop ("I Report of …",
"一 联合检查组报告") still opens a section when a cross-heading follows it."""

from __future__ import annotations

from converter import Section, convert, parse, read_akn, to_text
from converter.model import CrossHeading, OperativeParagraph

from .test_cli import ENGLISH

UN_MAIN_BODY = """<mainBody><section><num>I</num><subheading>Report of the Unit</subheading>
<crossHeading refersTo="#preamble"><span class="italic">Having considered</span> the report,</crossHeading>
<paragraph><num>1.</num><content><p><span class="italic">Takes note</span> of the report;</p>
</content></paragraph></section></mainBody>"""


def un_section() -> str:
    """Our English sample with its main body as the UN writes a section (79/281)."""
    xml = convert(ENGLISH)
    return (
        xml[: xml.index("<mainBody>")] + UN_MAIN_BODY + xml[xml.index("</mainBody>") + len("</mainBody>") :]
    )


def test_a_subheading_is_the_section_heading_and_is_read_once() -> None:
    (section,) = read_akn(un_section()).body.operative
    assert isinstance(section, Section)
    assert section.num == "I"
    assert [type(c) for c in section.children] == [CrossHeading, OperativeParagraph]
    assert to_text(un_section()).count("Report of the Unit") == 1


def test_a_section_number_without_a_full_stop() -> None:
    text = ENGLISH.replace(
        "1. Decides", "I Report of the Unit\n\n# *Having considered* the report,\n\n1. Decides"
    )
    resolution = parse(text).resolution
    assert resolution is not None
    assert len(resolution.body.preamble) == 1  # "Recalling" only
    (section,) = resolution.body.operative
    assert isinstance(section, Section) and section.num == "I"
    assert [type(c) for c in section.children] == [CrossHeading, OperativeParagraph, OperativeParagraph]
    xml = convert(text)
    assert convert(to_text(xml)) == xml


def test_a_roman_numeral_in_running_text_is_not_a_section() -> None:
    text = ENGLISH.replace("1. Decides", "I know that this is text\n\n1. Decides")
    resolution = parse(text).resolution
    assert resolution is not None
    assert not any(isinstance(n, Section) for n in resolution.body.operative)
