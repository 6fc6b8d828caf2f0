"""Property tests: parsing never crashes on arbitrary text, and the text form is a fixed point
of the conversion for every variant of a real document that converts."""

from __future__ import annotations

import pytest
from hypothesis import given, note
from hypothesis import strategies as st

from converter import ConversionError, convert, convert_with_diagnostics, parse, read_akn, to_text, validate
from converter.parse.inline import plain

from .test_cli import ENGLISH


def fixed_point(xml: str) -> str:
    """DESIGN §4: the text form of an output converts back to it and is a fixed point of
    to_text ∘ convert. Returns the text form."""
    again = to_text(xml)
    back = convert(again)
    assert back == xml
    assert to_text(back) == again
    return again


@given(st.text(max_size=2000))
def test_parse_never_raises(text: str) -> None:
    parsed = parse(text)
    assert parsed.resolution is not None or parsed.diagnostics


@given(st.text(max_size=600))
def test_convert_returns_valid_xml_or_raises_the_documented_error(text: str) -> None:
    try:
        xml = convert(text)
    except ConversionError as exc:
        assert exc.diagnostics
        return
    assert validate(xml) == []


@pytest.fixture(scope="module")
def seed_lines(seed_text: str) -> list[str]:
    return seed_text.split("\n")


@given(data=st.data())
def test_round_trip_of_mutated_seed(seed_lines: list[str], data: st.DataObject) -> None:
    lines = list(seed_lines)
    for _ in range(data.draw(st.integers(0, 4))):
        op = data.draw(st.sampled_from(["delete", "duplicate", "swap", "inject"]))
        i = data.draw(st.integers(0, len(lines) - 1))
        j = data.draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(j, lines[i])
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        else:
            junk = data.draw(st.sampled_from(["&", "<", "]]>", "\x00", "\u200f", "**", "^(", "\\", "*"]))
            k = data.draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:k] + junk + lines[i][k:]
    text = "\n".join(lines)
    note(f"input: {text!r}")
    try:
        xml = convert(text)
    except ConversionError:
        return
    fixed_point(xml)


def test_a_note_called_inside_another_note_round_trips(seed_text: str) -> None:
    """Found by the property above: note 3 first called inside note 1's body is nested in it, and
    its body must be read once, as its own, not also as part of note 1."""
    lines = seed_text.split("\n")
    (at,) = [i for i, line in enumerate(lines) if line.startswith("(١)")]
    lines[at] += " وقد نظرت في تقرير الأمين العام^(٣)،"
    xml = convert("\n".join(lines))
    assert xml.count('<authorialNote marker="٣"') == 1
    again = fixed_point(xml)
    assert again.count("A/67/280-S/2012/614") == 1


def test_an_unnumbered_paragraph_without_final_punctuation_round_trips(seed_text: str) -> None:
    """Found by the property above: a paragraph that does not end like one ("Distr.: General
    Distr.: General" after operative paragraph 1) must not come back as a cross-heading."""
    lines = seed_text.split("\n")
    (at,) = [i for i, line in enumerate(lines) if line.startswith("١ -")]
    lines[at + 1 : at + 1] = ["Distr.: General", "Distr.: General"]
    xml = convert("\n".join(lines))
    fixed_point(xml)


def test_an_agenda_line_that_ends_with_a_date_round_trips(seed_text: str) -> None:
    """Found by the thorough property run: the date of issuance run onto the agenda item's line
    was read as the agenda item's title, and as the date once the text form put it on its own
    line. It is the date either way."""
    lines = seed_text.split("\n")
    (agenda,) = [i for i, line in enumerate(lines) if line.startswith("البند ١٢١")]
    (date,) = [i for i, line in enumerate(lines) if line == "16 August 2013"]
    lines.insert(agenda, lines.pop(date))  # right after the agenda item's line, no blank between
    xml = convert("\n".join(lines))
    assert '<docDate date="2013-08-16" refersTo="#dateOfIssuance">16 August 2013</docDate>' in xml
    fixed_point(xml)


def test_an_escaped_space_at_the_start_of_a_paragraph_round_trips(seed_text: str) -> None:
    """Found by the thorough property run: "٢٠ -\\ تعرب …" (a backslash injected after the
    number) made the escaped space part of the opening phrase (<b><i> تعرب</i></b>), which the
    reader trims. Content with escaped spaces is taken as the reader will read it back: trimmed,
    spaces single, none at the ends of an emphasis."""
    lines = seed_text.split("\n")
    (at,) = [i for i, line in enumerate(lines) if line.startswith("٢٠ - ")]
    original = lines[at]
    variants = []
    for line in (
        original[:4] + "\\" + original[4:],  # the case found
        original + "\\ ",  # at its end
        original[:30] + " **\\ مؤكد** " + original[30:],  # at the start of an emphasis
        original[:30] + "\\ \\ " + original[30:],  # two spaces in a row
    ):
        lines[at] = line
        variants.append("\n".join(lines))
    for text in variants:
        xml = convert(text)
        assert "<i> " not in xml and "<b> " not in xml and " </p>" not in xml
        fixed_point(xml)


def test_a_second_body_of_a_note_above_the_masthead_round_trips(seed_text: str) -> None:
    """Found by the thorough property run: the body of note 1 twice above the masthead. The
    first is the note, the second a masthead line of kind "other"; the text form writes the
    note at the end, so that line, unescaped at the top, was then taken as the note."""
    lines = seed_text.split("\n")
    (body,) = [line for line in lines if line.startswith("(١) ")]
    text = "\n".join([body, body, *lines])
    xml = convert(text)
    assert '<p class="other">(١) ' in xml
    again = fixed_point(xml)
    assert again.startswith("\\(١) ")


def test_a_meeting_line_glued_to_the_last_paragraph_before_its_date_round_trips() -> None:
    """Found by the thorough property run (with the round trip checked to the byte on mutated
    official files): the meeting line run onto the last paragraph, its date on a line of its
    own. The date was joined to the paragraph too; the text form then printed meeting and date at
    the paragraph's end, where they read as a glued conclusion. Both are the conclusion now."""
    text = ENGLISH.replace("the Day.\n\n50th plenary meeting\n", "the Day.  50th plenary meeting\n\n")
    xml = convert(text)
    assert '<location title="50"' in xml and "observe the Day.</p>" in xml
    fixed_point(xml)


def test_an_escaped_preambular_paragraph_that_runs_on_round_trips() -> None:
    """Found by the same run: an escaped block ("\\Recalling …,") continued on the next line by
    what reads as a preambular paragraph of its own ("Noting …"). Escaped, it is one paragraph;
    the text form must escape it too, or it is split where the second phrase starts."""
    text = ENGLISH.replace(
        "Recalling its resolution 70/1 of 25 September 2015,\n",
        "\\Recalling its resolution 70/1 of 25 September 2015, \nNoting its resolution 71/1,\n",
    )
    xml = convert(text)
    assert xml.count("<container ") == 1
    again = fixed_point(xml)
    assert "\n\\Recalling its resolution 70/1 of 25 September 2015, Noting" in again


def test_an_agenda_title_after_the_title_line_round_trips() -> None:
    """Found by the same run: the "Resolution adopted by …" line above the agenda item, whose
    title follows it on the next line. Read in one block, the rest of the agenda line was its
    title; printed as a line of its own, it was an unknown line (the agenda title was only looked
    for before the title line). The line right after the agenda item is its title either way."""
    text = ENGLISH.replace(
        "Agenda item 14\n\nResolution adopted by the General Assembly on 10 December 2024\n",
        "Resolution adopted by the General Assembly on 10 December 2024\n\n"
        "Agenda item 14\nCulture and development\n",
    )
    xml = convert(text)
    assert '<inline name="agendaItemTitle">Culture and development</inline>' in xml
    again = fixed_point(xml)
    assert "\n\nCulture and development\n\n" in again


def test_an_emphasis_right_after_the_opening_phrase_round_trips() -> None:
    """Found by the same run ("1. Decides *0*;"): the phrase is written in the language's wrapper
    (<i> in English), and an emphasis of the same form after it is read back as one with it
    (as the reader joins the UN's split emphasis). The parser takes it so from the start."""
    for content, printed in (("*0*;", "<i>Decides 0</i>;"), ("*a* and b;", "<i>Decides a</i> and b;")):
        text = ENGLISH.replace("to proclaim 3 March as the International Day of Café Workers;", content)
        xml = convert(text)
        assert printed in xml
        fixed_point(xml)


def test_a_second_marker_at_the_start_of_a_note_body_round_trips() -> None:
    """79/ar/52's note 7 prints "()" after its marker, as the UN's files do: "(7) *()* …". The
    reader takes such a marker for presentation; the parser now does too, so the note does not
    lose it only on the way back."""
    for body in (
        "(1) *()* See resolution 70/1.",
        "(1) () See resolution 70/1.",
        "(1) (1) See resolution 70/1.",
    ):
        text = ENGLISH.replace("of 25 September 2015,", "of 25 September 2015,^(1)").replace(
            "10 December 2024\n", "10 December 2024\n\n" + body + "\n"
        )
        xml = convert(text)
        assert "<p>See resolution 70/1.</p></authorialNote>" in xml
        fixed_point(xml)


def test_an_agenda_line_run_on_unspaced_in_chinese_round_trips() -> None:
    """Found by the thorough property run: an agenda line twice on one line ("议程项目99 (ff)议程项目99
    (ff)"). The first reading cut it at a space; read back, the agenda line "议程项目99 (ff)议程项目99"
    has no space after the item, and the cut fell at its end, leaving an empty agenda title."""
    text = (
        "联合国\n\n大会\n\nDistr.: General\n\n3 December 2025\n\n第八十届会议\n\n"
        "议程项目99 (ff)\n议程项目99 (ff)\n\n"
        "2025年12月1日大会决议\n\n80/99. 标题\n\n大会，\n\n回顾其各项决议，\n\n1. 决定结束。\n"
    )
    xml = convert(text)
    assert '<inline name="agendaItemTitle"></inline>' not in xml
    fixed_point(xml)


def test_escaped_furniture_in_the_masthead_round_trips() -> None:
    """Found by the thorough property run: an escaped recycle line in the masthead ("\\الرجاء إعادة
    الاستعمال") is a masthead line; written bare, it was read back as the footer's. So are other
    furniture and a line ending in a rule: escaped in the text form too."""
    for line in ("\\Please recycle", "\\24-21657 (E)", "\\____", "\\2/5", "\\Item ----"):
        text = ENGLISH.replace("(A/79/L.30)]\n", "(A/79/L.30)]\n\n" + line + "\n")
        xml = convert(text)
        assert f'<p class="other">{line[1:]}</p>' in xml, line
        again = fixed_point(xml)
        assert "\n" + line + "\n" in again


def test_a_masthead_line_that_starts_with_a_byte_order_mark_round_trips() -> None:
    """Found by the thorough property run: a line of U+FEFF above the masthead (not at the start
    of the input, where it is a BOM and dropped) is a masthead line; first in the text form, it
    was dropped as a BOM when read back. It is escaped there."""
    xml = convert("\n\ufeff\n\n" + ENGLISH)
    assert '<p class="other">\ufeff</p>' in xml
    again = fixed_point(xml)
    assert again.startswith("\\\ufeff\n")


def test_a_separator_at_the_start_of_the_title_is_the_separator(seed_text: str) -> None:
    """Found by the thorough property run: "٢٦٤/٦٧ \\- التعاون …" (an escaped dash) made a title
    that starts with the dash, which the text form, unescaped, reads back as the separator. The
    parser and the reader both take such a dash as the separator, as the printed line reads (some
    of the UN's files put it inside docTitle)."""
    xml = convert(seed_text)
    escaped = convert(seed_text.replace("٢٦٤/٦٧ - ", "٢٦٤/٦٧ \\- ", 1))
    assert escaped == xml
    inside = xml.replace(
        '</docNumber> - <docTitle refersTo="#resolutionTitle">',
        '</docNumber> <docTitle refersTo="#resolutionTitle">- ',
    )
    assert inside != xml
    model = read_akn(inside)
    assert (model.title_separator, plain(model.title)[:7]) == (" - ", "التعاون")
    assert to_text(inside) == to_text(xml)


def test_a_number_line_run_onto_the_agenda_line_round_trips(seed_text: str) -> None:
    """Found by the thorough property run: the number line copied right under the agenda line
    (one block with it), whose rest it becomes: the agenda item's title. On a line of its own in
    the text form it read back as the number line; it is escaped there."""
    number_line = next(line for line in seed_text.split("\n") if line.startswith("٢٦٤/٦٧ - "))
    agenda = "البند ١٢١ (ص) من جدول الأعمال\n"
    xml = convert(seed_text.replace(agenda, agenda + number_line + "\n", 1))
    assert f'<inline name="agendaItemTitle">{number_line}</inline>' in xml
    again = fixed_point(xml)
    assert "\n\\" + number_line + "\n" in again


def test_an_unnumbered_paragraph_cut_by_a_page_break_is_placed_by_its_end() -> None:
    """Found by the thorough property run: whether an unnumbered paragraph that opens with an
    operative phrase ("表示注意到", "Takes note") ends the preamble is read from its end (a comma
    keeps it preambular). Cut by a page break, it was read from the end of its first part; the
    text form prints it whole, so it is now decided again once its rest is joined."""
    zh = (
        "联合国\n\n大会\n\nDistr.: General\n\n3 December 2025\n\n第八十届会议\n\n"
        "2025年12月1日大会决议\n\n80/99. 标题\n\n大会，\n\n回顾其各项决议，\n\n"
        "表示注意到各项报告\n\n以及其中的建议，\n\n1. 决定结束。\n"
    )
    en = ENGLISH.replace(
        "Recalling its resolution 70/1 of 25 September 2015,\n",
        "Recalling its resolution 70/1 of 25 September 2015,\n\nTakes note of the report,\n\n"
        "in particular of its recommendations;\n",
    )
    for text, preambular in ((zh, True), (en, False)):
        xml = convert(text)
        preamble = xml.split("<mainBody>")[0]
        assert (("表示注意到" in preamble) or ("Takes note" in preamble)) is preambular
        fixed_point(xml)


def test_an_unknown_opening_never_ends_with_a_space() -> None:
    """Found by the thorough property run: "1# . Takes note …" (a "#" injected into a number)
    opened a preambular paragraph with an unknown phrase, its first two words "1# ." less the
    final punctuation: "1# ", whose emphasis the reader reads back without the space."""
    text = ENGLISH.replace("Recalling its resolution 70/1", "1# . Noting its resolution 70/1")
    xml = convert(text)
    assert "<i>1#</i> . Noting" in xml
    fixed_point(xml)


def test_a_last_unnumbered_paragraph_without_punctuation_stays_operative() -> None:
    """Found by the thorough property run: a resolution cut after its first operative words
    ("表示注意到"); the text form escapes such a paragraph, which must still open the operative
    part when read back."""
    text = (
        "联合国\n\n大会\n\nDistr.: General\n\n3 December 2025\n\n第八十届会议\n\n"
        "2025年12月1日大会决议\n\n80/99. 标题\n\n大会，\n\n回顾其各项决议，\n\n表示注意到\n"
    )
    xml = convert(text)
    assert "<b>表示注意到</b>" in xml.split("<mainBody>")[1]
    fixed_point(xml)


def test_a_number_alone_on_its_line_takes_the_next_block_without_a_space() -> None:
    """Found by mutating the UN's files (a point whose text lost its number): "(b)" alone on its
    line, its text in the next block, joined as " Encourages …" — a point that starts with a
    space, which its text form "(b) Encourages …" reads back without."""
    for number, line in (("(b)", "(b)\n\nEncourages"), ("2.", "2.\n\nInvites")):
        text = ENGLISH.replace(
            "2. Invites all Member States to observe the Day.",
            f"2. Invites all Member States:\n\n(a) To observe the Day;\n\n{line} the holding of events;",
        )
        xml = convert(text)
        assert f"<num>{number}</num>" in xml
        assert "<p> " not in xml
        fixed_point(xml)


@pytest.mark.parametrize("title", ["*International Day*", "**International Day**", "***International Day***"])
def test_a_title_in_emphasis_reads_as_the_uns_bold_title(title: str) -> None:
    """Found by mutating the UN's files: their titles are printed in bold (`<span
    class="bold">`), which the reader leaves out; a title in emphasis in the text was kept, and its
    text form read back without it. Both now read a title without an emphasis around all of it."""
    xml = convert(
        ENGLISH.replace("79/77. International Day of Café Workers", f"79/77. {title} of Café Workers")
    )
    assert "<i>International Day</i>" in xml or "<b>International Day</b>" in xml  # (not all of it)
    xml = convert(ENGLISH.replace("79/77. International Day of Café Workers", f"79/77. {title}"))
    assert '<docTitle refersTo="#resolutionTitle">International Day</docTitle>' in xml
    fixed_point(xml)


@pytest.mark.parametrize(
    "block", ["1 Resolution S-10/2.", "[^1]: Resolution S-10/2.", "[^7]: Resolution S-10/2."]
)
def test_a_block_that_reads_as_an_extracted_note_is_escaped(block: str) -> None:
    """Found by mutating a PDF extraction: a paragraph of an annex "1 Resolution S-10/2." was
    printed bare in the text form, where it reads as the first footnote body of an extraction
    ("1 text", "[^1]: text"; "[^n]: text" also as the rest of one)."""
    text = ENGLISH + f"\n\\{block}\n"  # (after the conclusion: an annex without a heading)
    xml = convert(text)
    assert f"<p>{block}</p>" in xml
    again = fixed_point(xml)
    assert f"\n\\{block}\n" in again


def test_a_note_called_in_a_table_cell_is_not_read_into_the_cell() -> None:
    """Found by mutating the UN's files (and the noisy variants of 79/259): the first call of a note
    carries its body, so a cell that calls a note holds the note's paragraph, which the reader took
    for one of the cell's own."""
    table = "| Part | Amount |\n| --- | --- |\n| Special expenses^(1) | 97 258 700 |"
    text = ENGLISH.replace("2. Invites", f"{table}\n\n2. Invites") + "\n(1) A/79/83.\n"
    xml = convert(text)
    assert '<authorialNote marker="1"' in xml.split("<table")[1]
    again = fixed_point(xml)
    assert "| Special expenses^(1) | 97 258 700 |" in again


@pytest.mark.parametrize("line", ["\\ \\", "\\ \\x", "\\ \\ foo"])
def test_a_masthead_line_that_starts_with_a_backslash_round_trips(line: str) -> None:
    """Found by damaging the UN's files: a masthead line "\\" (its input "\\ \\") was printed bare
    in the text form, where a backslash opens an escaped block: read back, an empty block."""
    xml = convert(ENGLISH.replace("Distr.: General\n", f"Distr.: General\n\n{line}\n"))
    assert f'<p class="other">{line[2:]}</p>' in xml
    again = fixed_point(xml)
    assert f"\n{line}\n" in again


def test_a_conclusion_glued_after_a_bare_call_is_the_conclusion() -> None:
    """Found by mutating a PDF extraction: a meeting line and date glued to a paragraph after a
    bare footnote call ("…;4 52nd plenary meeting 1 December 2025") stayed in the paragraph, whose
    text form ("…;^(4) 52nd plenary meeting …") then read back with the conclusion split off. Now
    both split it off: the paragraph ends with its call, the conclusion is the conclusion."""
    text = ENGLISH.replace(
        "2. Invites all Member States to observe the Day.\n\n50th plenary meeting\n10 December 2024\n",
        "2. Invites all Member States to observe the Day.1 50th plenary meeting 10 December 2024\n\n"
        "1 See resolution 70/1.\n",
    )
    xml = convert(text)
    assert "observe the Day.<authorialNote" in xml
    assert '<location title="50" refersTo="#adoptionMeeting">50th plenary meeting</location>' in xml
    fixed_point(xml)


@pytest.mark.parametrize("body", ["(1)", "()", "( 7 )"])
def test_a_note_body_that_is_only_a_marker_keeps_it(body: str) -> None:
    """Found by damaging the UN's files: a note whose text is only "(1)" lost it as a second
    marker, leaving an empty note, whose text form "(1) " reads back as no note at all."""
    xml = convert(ENGLISH.replace("the Day.", "the Day.^(1)") + f"\n(1) {body}\n")
    assert f"<p>{body}</p></authorialNote>" in xml
    fixed_point(xml)


def test_closing_text_after_a_point_without_text_round_trips() -> None:
    """Found by damaging the UN's files: a point "(b)" with no text, then the paragraph's
    closing text (escaped in the input, so not the point's): the text form printed the closing
    text bare after "(b) ", where it reads as the point's text."""
    text = ENGLISH.replace(
        "2. Invites all Member States to observe the Day.",
        "2. Invites all Member States:\n\n(a) To observe the Day;\n\n(b)\n\n\\and to report.",
    )
    xml = convert(text)
    assert "<num>(b)</num>" in xml and "<wrapUp><p>and to report.</p></wrapUp>" in xml
    again = fixed_point(xml)
    assert "\n(b) \n\n\\and to report.\n" in again


@pytest.mark.parametrize("after", ["", "\n\nWith a closing text of their own."])
def test_closing_text_before_the_points_of_a_point_goes_where_the_text_form_reads_it(after: str) -> None:
    """Found by damaging the UN's files: a paragraph's closing text came before the sub-points
    of its last point; the text form prints it after them, where it reads as that point's closing
    text (or, when the point has one, as a paragraph of its own). The parser now places it so."""
    text = ENGLISH.replace(
        "2. Invites all Member States to observe the Day.",
        "2. Invites all Member States:\n\n(a) To observe:\n\nClosing text.\n\n(i) the Day;\n\n"
        f"(ii) the Week.{after}",
    )
    xml = convert(text)
    point = xml.split("<num>(a)</num>")[1].split("</point>\n        </list>")[0]
    assert "<wrapUp><p>" in point
    assert xml.count("<wrapUp>") == 1
    if after:
        assert "<content><p><i>Closing</i> text.</p></content>" in xml.split("</list>")[-1]
    fixed_point(xml)


def test_a_block_that_would_read_as_the_lowercase_rest_of_the_one_before_is_escaped() -> None:
    """Found by damaging the UN's files: a block that starts in lower case, with no opening phrase
    the data knows, after one that ends with a comma, is read as that one's rest (a page break
    fell after the comma). The text form printed such blocks bare — a preambular paragraph whose
    opening phrase is unknown, the closing text of a list (80/ru/34) — and they read back joined."""
    text = ENGLISH.replace(
        "2. Invites all Member States to observe the Day.",
        "2. Invites all Member States:\n\n(a) To observe the Day,\n\n\\and to report.",
    )
    xml = convert(text)
    assert "<wrapUp><p>and to report.</p></wrapUp>" in xml
    again = fixed_point(xml)
    assert "\n(a) To observe the Day,\n\n\\and to report.\n" in again


def test_an_emphasis_right_after_an_opening_the_data_would_not_derive_round_trips() -> None:
    """Found by damaging the UN's files: an opening phrase the data would not derive is printed
    `**…**` in the text form, so a bold emphasis right after it ("*Recognizing also***Takes
    note**") was read back as one with it. The parser now takes it so in the first place."""
    text = ENGLISH.replace(
        "Recalling its resolution 70/1 of 25 September 2015,",
        "*Recognizing also***Takes note** of the report,",
    )
    xml = convert(text)
    assert "<i>Recognizing alsoTakes note</i> of the report," in xml
    fixed_point(xml)


@pytest.mark.parametrize("definition", ["[^1]:", "[^1]: "])
def test_a_footnote_definition_without_text_is_left_out(definition: str) -> None:
    """An extracted "[^1]:" with no text is no note (the text form cannot print an empty one):
    its call stays a superscript, reported, and the output is a fixed point."""
    text = ENGLISH.replace("September 2015,", "September 2015,^(1)").replace(
        "50th plenary", definition + "\n\n50th plenary"
    )
    xml, diagnostics = convert_with_diagnostics(text)
    assert [d.code for d in diagnostics] == ["empty-note", "note-without-body"]
    assert "authorialNote" not in xml and "<sup>1</sup>" in xml
    fixed_point(xml)


@pytest.mark.parametrize(
    ("rest", "joined"),
    [
        ("Workers", True),
        ("| x | y", True),
        ("Workers.", False),
        ("Workers | x |**", False),
        ("Workers | x |", False),
    ],
)
def test_the_rest_of_a_section_heading_is_joined_only_when_the_heading_still_reads_as_one(
    rest: str, joined: bool
) -> None:
    """A heading's line wrap is joined to it unless the heading would then end with punctuation:
    printed on one line, it would not read as a heading."""
    text = ENGLISH.replace("2. Invites", f"A. Day of Café\n\n{rest}\n\n2. Invites")
    xml = convert(text)
    fixed_point(xml)
    assert (f"<heading>Day of Café {rest}</heading>" in xml) is joined
    assert ("<heading>Day of Café</heading>" in xml) is not joined


def test_a_paragraph_that_a_conclusion_was_joined_to_reads_back_whole() -> None:
    """A meeting line cut in two by a blank line reads as no conclusion: its parts and the date
    are the rest of the last paragraph. Printed on one line, that paragraph would end with a
    glued conclusion, which the parser cuts off: the text form escapes the meeting line's first
    character instead."""
    text = ENGLISH.replace("the Day.\n\n50th plenary meeting\n", "the Day.\n50th\n\nplenary meeting\n")
    xml = convert(text)
    assert "<conclusions>" not in xml
    again = fixed_point(xml)
    assert "the Day. \\50th plenary meeting 10 December 2024\n" in again


@pytest.mark.parametrize(
    ("printed", "instead"),
    [
        ("observe the Day. --\\-", "observe the Day."),  # a numbered paragraph
        ("Café Workers --\\-\n", "Café Workers\n"),  # the title
        (
            "\\Recalling its resolution 70/1 of 25 September 2015 ___",
            "Recalling its resolution 70/1 of 25 September 2015,",
        ),
    ],
)
def test_a_rule_that_ends_a_block_as_text_round_trips(printed: str, instead: str) -> None:
    """A rule at the end of a block is page furniture, stripped, unless escaped: one kept (its
    last character or the block escaped in the input) is printed escaped too."""
    xml = convert(ENGLISH.replace(instead, printed, 1))
    assert "---" in xml or "___" in xml
    fixed_point(xml)


@pytest.mark.parametrize(
    ("paragraph", "printed"),
    [
        ("(a) *Invites* **all** Member States", "<i>(a) Invites all</i> Member States"),
        ("(a) *Invites* **a**ll Member States", "<i>(a) Invites a</i>ll Member States"),
    ],
)
def test_a_bold_emphasis_after_an_opening_printed_in_bold_is_joined_to_it(
    paragraph: str, printed: str
) -> None:
    """Found by damaging the UN's files (79/ar/40): an opening the data would not derive ("(a)
    Invites") followed by a bold emphasis one space apart. Its wrapper (<i>) does not join the
    bold emphasis in AKN, so the parser kept them apart; but the text form prints the opening
    `**…**`, and there the two are read back as one. The parser now tries both forms."""
    text = ENGLISH.replace("2. Invites all Member States", f"2. {paragraph}")
    xml = convert(text)
    assert printed in xml
    fixed_point(xml)


def test_emphasis_beside_emphasis_of_its_kind_inside_another_is_joined() -> None:
    """Found by damaging the UN's files (79/ar/304): "***Recalling**its …** also***" parses to a
    bold holding two italics side by side, which the reader joins (it merges each element's
    children); the parser now merges inside emphasis too, from the innermost out."""
    text = ENGLISH.replace(
        "Recalling its resolution 70/1 of 25 September 2015,",
        "***Recalling**its resolution 70/1 of 25 September 2015 on the agenda for sustainable development**"
        " also*** further,",
    )
    xml = convert(text)
    assert "<b><i>Recallingits resolution 70/1" in xml
    fixed_point(xml)


@pytest.mark.parametrize(
    ("instead", "printed"),
    [
        # the rest of a numbered paragraph
        ("Café Workers;\n", "Café Workers; \\2. Notes the Day;\n"),
        # an unnumbered paragraph after a numbered one
        ("Café Workers;\n", "Café Workers;\n\nSee the Day. \\2. Notes the Day;\n"),
    ],
)
def test_the_next_number_after_a_sentence_end_escaped_in_a_paragraph_round_trips(
    instead: str, printed: str
) -> None:
    """Found by the thorough hypothesis profile (76/ar/5, "1. \\2 - …" put at a line's start):
    paragraphs that extraction ran together are split where the next paragraph's number follows
    the end of a sentence, unless that number is escaped. A paragraph that kept one, escaped in
    the input, must print it escaped too."""
    xml = convert(ENGLISH.replace(instead, printed, 1))
    assert xml.count("<paragraph ") == 2 + printed.count("See")
    again = fixed_point(xml)
    assert ". \\2. Notes the Day;" in again or "; \\2. Notes the Day;" in again
