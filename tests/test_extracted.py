"""Text as PDF extractors produce it (DESIGN §2): front matter, wrapped lines, furniture, page
breaks, footnotes in the forms met in the wild. Each case is a small made-up resolution."""

from __future__ import annotations

from collections.abc import Sequence

from converter import Inline, NoteCall, OperativeParagraph, parse
from converter.model import Resolution
from converter.parse.inline import plain

SIMPLE = "\nRecalling its resolutions,\n\n1. Decides to act;\n\n"
MASTHEAD = """United Nations A/RES/80/99

General Assembly Distr.: General 3 December 2025

Eightieth session Agenda item 99 (j) General and complete disarmament: a sub-item

Resolution adopted by the General Assembly on 1 December 2025

[on the report of the First Committee (A/80/534, para. 7)]

80/99. A made-up resolution

The General Assembly,
"""


# The masthead, number and formula of a made-up Chinese and Arabic resolution.
ZH_HEAD = "联合国\n\n大会\n\nDistr.: General\n\n3 December 2025\n\n第八十届会议\n\n80/99. 标题\n\n大会，\n\n"
AR_HEAD = (
    "الأمم المتحدة\n\nالجمعية العامة\n\nDistr.: General\n\n3 December 2025\n\nالدورة الثمانون\n\n"
    "80/99 عنوان\n\nإن الجمعية العامة،\n\n"
)


def resolution(text: str, lang: str = "en") -> Resolution:
    parsed = parse(text, lang=lang)
    assert parsed.resolution is not None, [d.format() for d in parsed.diagnostics]
    return parsed.resolution


def markers_of(nodes: Sequence[Inline]) -> list[str]:
    """The markers of the footnote calls among inline nodes, in order."""
    return [n.marker for n in nodes if isinstance(n, NoteCall)]


def paragraphs(r: Resolution) -> list[OperativeParagraph]:
    return [n for n in r.body.operative if isinstance(n, OperativeParagraph)]


def test_front_matter_is_metadata_and_its_date_a_fallback() -> None:
    text = '---\nsymbol: A/RES/80/99\ndate: "2025-12-05"\n---\n\n' + MASTHEAD.replace(" 3 December 2025", "")
    text += "\nRecalling its resolutions,\n\n1. Decides to act;\n\n52nd plenary meeting 1 December 2025\n"
    parsed = parse(text, lang="en")
    assert parsed.resolution is not None
    assert parsed.resolution.issued == "2025-12-05" and not parsed.resolution.issued_printed
    assert any(d.code == "issued-from-front-matter" for d in parsed.diagnostics)
    assert "symbol:" not in str(parsed.resolution)


def test_combined_masthead_lines_are_split() -> None:
    r = resolution(MASTHEAD + SIMPLE + "52nd plenary meeting\n")
    kinds = [line.kind for line in r.masthead.lines]
    assert kinds[:6] == ["publisher", "symbol", "body", "distribution", "date", "session"]
    assert (r.masthead.issued, r.masthead.session, r.masthead.agenda_number, r.masthead.agenda_letter) == (
        "2025-12-03",
        "80",
        "99",
        "j",
    )


def test_meeting_and_date_on_one_line() -> None:
    r = resolution(
        MASTHEAD
        + "\nRecalling its resolutions,\n\n1. Decides to act;\n\n52nd plenary meeting 1 December 2025\n"
    )
    assert (r.conclusion.meeting, r.conclusion.date) == ("52", "2025-12-01")


def test_wrapped_lines_are_joined_and_a_number_alone_takes_its_text() -> None:
    body = (
        "\nRecalling its resolutions on the well-\nknown subject and the\nother subject,\n\n"
        "1.\nDecides to act in\nconcert;\n\n52nd plenary meeting\n1 December 2025\n"
    )
    r = resolution(MASTHEAD + body)
    assert (
        plain(r.body.preamble[0].content)
        == " its resolutions on the well-known subject and the other subject,"
    )
    assert paragraphs(r)[0].num == "1." and plain(paragraphs(r)[0].content) == " to act in concert;"


def test_chinese_lines_join_without_a_space() -> None:
    text = ZH_HEAD + "回顾其各项\n决议，\n\n1. 决定采取\n行动；\n\n第52次全体会议\n\n2025年12月1日\n"
    r = resolution(text, "zh")
    assert plain(r.body.preamble[0].content) == "其各项决议，"


def test_furniture_and_page_split_paragraph_with_notes_between() -> None:
    body = (
        "\nRecalling its resolution 70/1,1 and the\n\n"
        "_______________\n\n1 Resolution 70/1, annex.\n\n25-19432 (E)\n\n*2519432*\n\n2/3\n\n"
        "A/RES/80/99 A made-up resolution\n\n"
        "other resolutions,\n\n1. Decides to act;\n\nPlease recycle\n\n"
        "52nd plenary meeting\n\n1 December 2025\n"
    )
    r = resolution(MASTHEAD + body)
    assert len(r.body.preamble) == 1
    assert plain(r.body.preamble[0].content) == " its resolution 70/1, and the other resolutions,"
    assert markers_of(r.body.preamble[0].content) == ["1"]
    assert r.footer.job_number == "25-19432 (E)" and r.footer.recycle == "Please recycle"
    assert [plain(f.content) for f in r.footnotes] == ["Resolution 70/1, annex."]


def test_bare_markers_glued_spaced_and_after_a_year() -> None:
    body = (
        (
            "\nRecalling the Convention on the Rights of the Child4 and the Covenant, 5 the Agenda of 20156 "
            "and paragraphs 1 to 10 of resolution 53/199 of 15 December 1998,\n\n"
            "4 Treaty Series, vol. 1577.\n\n5 Ibid., vol. 999.\n\n6 Resolution 70/1.\n\n"
            "1. Decides to act;\n\n52nd plenary meeting 1 December 2025\n"
        )
        .replace("4 Treaty", "1 Treaty")
        .replace("5 Ibid", "2 Ibid")
        .replace("6 Resolution", "3 Resolution")
    )
    body = body.replace("Child4", "Child1").replace(", 5 the", ", 2 the").replace("20156", "20153")
    r = resolution(MASTHEAD + body)
    calls = markers_of(r.body.preamble[0].content)
    assert calls == ["1", "2", "3"]
    text = plain(r.body.preamble[0].content)
    assert "paragraphs 1 to 10" in text and "53/199 of 15 December 1998" in text and "of 2015 and" in text


def test_markdown_notes_and_a_broken_definition() -> None:
    body = (
        "\nRecalling the Convention[^1] and the Covenant,[^2]\n\n"
        "1. Decides to act;\n\n52nd plenary meeting\n\n---\n\n"
        "[^1]: Report of the Conference, Cairo, 5–13 September\n[^1994]: (United Nations publication).\n\n"
        "[^2]: Ibid.\n"
    )
    r = resolution(MASTHEAD + body)
    assert [plain(f.content) for f in r.footnotes] == [
        "Report of the Conference, Cairo, 5–13 September 1994 (United Nations publication).",
        "Ibid.",
    ]
    assert r.conclusion.date is None and r.adopted == "2025-12-01"


def test_missing_body_and_uncalled_body_are_located() -> None:
    body = "\nRecalling the Convention,^(7)\n\n1. Decides to act;\n\n(3) A note nobody calls.\n\n"
    body += "52nd plenary meeting\n"
    parsed = parse(MASTHEAD + body, lang="en")
    codes = {(d.code, d.line, d.column) for d in parsed.diagnostics}
    assert ("note-without-body", 15, 26) in codes and ("note-not-called", 19, 5) in codes


def test_run_on_paragraphs_are_split() -> None:
    body = "\nRecalling things,\n\n1. Decides to act. 2. Requests a report;\n\n"
    body += "52nd plenary meeting 1 December 2025\n"
    r = resolution(MASTHEAD + body)
    assert [p.num for p in paragraphs(r)] == ["1.", "2."]


CUT = MASTHEAD.replace(
    "a sub-item", "measures to prevent terrorists from acquiring weapons of mass destruction"
)


def title_of(r: Resolution) -> str:
    return plain(r.title)


def test_a_title_cut_after_a_dangling_word_is_completed_from_the_agenda_item() -> None:
    text = CUT.replace("A made-up resolution", "Measures to prevent terrorists from acquiring weapons of")
    parsed = parse(text + SIMPLE + "52nd plenary meeting\n1 December 2025\n", lang="en")
    assert parsed.resolution is not None
    assert (
        title_of(parsed.resolution)
        == "Measures to prevent terrorists from acquiring weapons of mass destruction"
    )
    (warning,) = [d for d in parsed.diagnostics if d.code == "title-completed"]
    assert (warning.line, warning.column) == (11, 1)  # the number-and-title line


def test_a_short_title_that_can_end_where_it_does_is_not_completed() -> None:
    # a short title that can end where it does (shorter than a printed line): the agenda item's
    # longer wording is not taken
    text = CUT.replace("A made-up resolution", "Measures to prevent terrorists")
    parsed = parse(text + SIMPLE + "52nd plenary meeting\n1 December 2025\n", lang="en")
    assert parsed.resolution is not None
    assert title_of(parsed.resolution) == "Measures to prevent terrorists"
    assert not any(d.code == "title-completed" for d in parsed.diagnostics)


def test_a_cut_title_the_agenda_item_does_not_continue_is_left_as_printed() -> None:
    text = MASTHEAD.replace("A made-up resolution", "Regional Centre for Peace and")
    parsed = parse(text + SIMPLE + "52nd plenary meeting\n1 December 2025\n", lang="en")
    assert parsed.resolution is not None
    assert title_of(parsed.resolution) == "Regional Centre for Peace and"
    assert not any(d.code == "title-completed" for d in parsed.diagnostics)


def test_a_conclusion_run_onto_the_last_paragraph_is_split_off() -> None:
    text = MASTHEAD + "\nRecalling its resolutions,\n\n1. Decides to act;\n\n"
    text += "2. Decides to remain seized of the matter. 52nd plenary meeting 1 December 2025\n"
    r = resolution(text)
    assert (r.conclusion.meeting, r.conclusion.date) == ("52", "2025-12-01")
    assert plain(paragraphs(r)[-1].content).endswith("remain seized of the matter.")


def test_a_meeting_named_inside_a_paragraph_is_not_a_conclusion() -> None:
    text = MASTHEAD + "\nRecalling its resolutions,\n\n1. Decides to act;\n\n"
    text += "2. Recalls what was said at its 52nd plenary meeting 1 December 2025\n\n"
    text += "53rd plenary meeting\n2 December 2025\n"
    r = resolution(text)
    assert (r.conclusion.meeting, r.conclusion.date) == ("53", "2025-12-02")
    assert plain(paragraphs(r)[-1].content).endswith("52nd plenary meeting 1 December 2025")


def test_bare_markers_glued_to_a_symbol_or_a_period() -> None:
    body = (
        "\nTaking note of the report submitted pursuant to resolution 78/2831 and of the report for "
        "2020/212 on decision 79/512 of 2 December 2024,\n\n"
        "1 A/79/100.\n\n2 A/79/200.\n\n"
        "1. Decides to act;\n\n52nd plenary meeting 1 December 2025\n"
    )
    r = resolution(MASTHEAD + body)
    calls = markers_of(r.body.preamble[0].content)
    assert calls == ["1", "2"]
    text = plain(r.body.preamble[0].content)
    assert "resolution 78/283 and" in text and "2020/21 on decision 79/512 of" in text


def test_a_call_glued_to_a_symbol_is_the_last_resort() -> None:
    head = "\nRecalling its resolution 78/172 of 19 December 2023,\n\n"
    notes = "1 A/79/100.\n\n1. Decides to act;\n\n52nd plenary meeting 1 December 2025\n"
    # note 1 has a body and no plausible call: "78/171" is resolution 78/17 and call 1
    r = resolution(MASTHEAD + head.replace("78/172", "78/171") + notes)
    (call,) = markers_of(r.body.preamble[0].content)
    assert call == "1" and "resolution 78/17 of" in plain(r.body.preamble[0].content)
    # a plausible call later wins: the symbol is left whole
    later = head.replace("78/172", "78/171").replace("2023,", "2023, and the Charter,1")
    r = resolution(MASTHEAD + later + notes)
    text = plain(r.body.preamble[0].content)
    assert "resolution 78/171 of" in text
    assert markers_of(r.body.preamble[0].content) == ["1"]


def test_a_chinese_call_before_a_year() -> None:
    text = (
        ZH_HEAD + "回顾人权理事会2011年9月29日第18/6号、1 2016年9月29日第33/3号决议，\n\n"
        "_____\n\n1 见A/71/53/Add.1。\n\n1. 决定采取行动；\n\n第52次全体会议\n\n2025年12月1日\n"
    )
    r = resolution(text, "zh")
    content = r.body.preamble[0].content
    assert markers_of(content) == ["1"]
    assert "第18/6号、2016年9月29日" in plain(content).replace(" ", "")


def test_a_number_in_a_list_is_not_a_call() -> None:
    body = (
        "\nRecalling the decisions on agenda items 3, 1 and 2, 1 for the 2025 session,\n\n"
        "1 CD/2350.\n\n1. Decides to act;\n\n52nd plenary meeting 1 December 2025\n"
    )
    r = resolution(MASTHEAD + body)
    content = r.body.preamble[0].content
    assert markers_of(content) == ["1"]
    text = plain(content)
    assert "agenda items 3, 1 and 2," in text and "1 for" not in text


def test_the_title_alone_after_a_paragraph_ending_with_a_bare_call_is_a_running_header() -> None:
    body = (
        "\nTaking note of the report submitted pursuant to resolution 79/45,1\n\n"
        "A made-up resolution\n\nNoting the work done,\n\n---\n\n1 A/80/124.\n\n"
        "1. Decides to act;\n\n52nd plenary meeting 1 December 2025\n"
    )
    r = resolution(MASTHEAD + body)
    assert [plain(p.content) for p in r.body.preamble] == [
        " of the report submitted pursuant to resolution 79/45,",
        " the work done,",
    ]


def test_the_title_alone_in_the_middle_of_a_sentence_is_a_running_header() -> None:
    """A page broke a sentence ("… purpose and the" / "goal of …"); the next page's running
    header, the title without the symbol, sits between the halves."""
    body = (
        "\nNoting the work done,\n\n1. Welcomes the progress towards its objectives, purpose and the\n\n"
        "A made-up resolution\n\ngoal of a world free from nuclear weapons;\n\n"
        "2. Decides to act.\n\n52nd plenary meeting 1 December 2025\n"
    )
    r = resolution(MASTHEAD + body)
    first = plain(paragraphs(r)[0].content)
    assert first.endswith("purpose and the goal of a world free from nuclear weapons;")
    assert len(paragraphs(r)) == 2


def test_the_title_alone_before_a_paragraph_in_upper_case_stays() -> None:
    """After a block that does not end like a paragraph, the title followed by a paragraph that
    starts in upper case is a heading that repeats the title, not a header."""
    body = (
        "\nNoting the work done,\n\n1. Decides to act;\n\n2. Adopts the following text\n\n"
        "A made-up resolution\n\nThe Parties agree to act.\n\n52nd plenary meeting 1 December 2025\n"
    )
    r = resolution(MASTHEAD + body)
    texts = [plain(getattr(n, "content", ())) for n in r.body.operative]
    assert any("A made-up resolution" in t for t in texts)


def test_of_two_symbols_that_may_hold_a_call_the_one_before_the_body_is_taken() -> None:
    body = (
        "\nRecalling its resolutions 54/21, of 9 November 1999, and 55/20,\n\n"
        "1. Takes note of the report on resolution 77/71;\n\n---\n\n1 A/78/84.\n\n"
        "2. Decides to act.\n\n52nd plenary meeting 1 December 2025\n"
    )
    r = resolution(MASTHEAD + body)
    assert "54/21, of 9 November" in plain(r.body.preamble[0].content)
    first = paragraphs(r)[0]
    assert markers_of(first.content) == ["1"]
    assert "resolution 77/7" in plain(first.content) and "77/71" not in plain(first.content)


def test_a_stretched_arabic_word_still_takes_its_number() -> None:
    text = (
        AR_HEAD + "إذ تضع في اعتبارها أحكـام الفقـرة 1 مـن المـادة 11 من الميثاق،1\n\n"
        "_____\n\n1 انظر القرار 70/1.\n\n1 - تقرر أن تفعل؛\n\nالجلسة العامة 52\n\n1 كانون الأول/ديسمبر 2025\n"
    )
    r = resolution(text, "ar")
    content = r.body.preamble[0].content
    assert markers_of(content) == ["1"]
    assert "الفقـرة 1 مـن" in plain(content)


def test_a_call_after_a_full_stop_before_a_run_on_paragraph_number() -> None:
    body = (
        "\nRecalling its resolutions,\n\n1. Decides to act;\n\n"
        "2. Reaffirms the protocols relevant to trafficking in persons.1 3. Recalls the Compact;\n\n"
        "_____\n\n1 Treaty Series, vol. 2237.\n\n52nd plenary meeting 1 December 2025\n"
    )
    r = resolution(MASTHEAD + body)
    second = paragraphs(r)[1]
    assert markers_of(second.content) == ["1"]
    assert [p.num for p in paragraphs(r)] == ["1.", "2.", "3."]


def test_a_run_on_paragraph_number_is_not_a_call() -> None:
    body = (
        "\nRecalling its resolutions,\n\n1. Decides to act.1\n\n52nd plenary meeting\n\n1 December 2025\n\n"
        "Annex\n\nDeclaration\n\n1. We act under the rules. 2. We commit to the Principles.2\n\n"
        "_____\n\n1 A/80/1.\n\n2 Resolution 48/134, annex.\n"
    )
    r = resolution(MASTHEAD + body)
    (annex,) = r.annexes
    texts = [plain(b) for b in annex.blocks]
    assert any("rules. 2. We commit to the Principles." in t for t in texts), texts
    calls = [marker for b in annex.blocks for marker in markers_of(b)]
    assert calls == ["2"]


def test_a_long_title_the_agenda_item_begins_with_is_completed() -> None:
    masthead = MASTHEAD.replace(
        "Agenda item 99 (j) General and complete disarmament: a sub-item",
        "Agenda item 103 Convention on Prohibitions or Restrictions on the Use of Certain"
        " Conventional Weapons",
    )
    text = masthead.replace(
        "A made-up resolution", "Convention on Prohibitions or Restrictions on the Use of Certain"
    )
    r = resolution(text + SIMPLE + "52nd plenary meeting\n1 December 2025\n")
    assert title_of(r).endswith("Use of Certain Conventional Weapons")


def test_a_title_the_agenda_item_goes_on_from_with_a_colon_is_complete() -> None:
    title = "Prevention of an arms race in outer space and beyond the Earth"
    masthead = MASTHEAD.replace("General and complete disarmament: a sub-item", f"{title}: a sub-item")
    r = resolution(
        masthead.replace("A made-up resolution", title) + SIMPLE + "52nd plenary meeting\n1 December 2025\n"
    )
    assert title_of(r) == title


def test_run_on_preambular_paragraphs_and_the_first_operative_one_are_split() -> None:
    body = (
        "\nRecalling its resolutions, Recognizing that a prohibition contributes to peace, Noting with "
        "regret that the Conference was unable to act, 1. Reiterates its request to the Conference; "
        "2. Requests a report.\n\n52nd plenary meeting 1 December 2025\n"
    )
    r = resolution(MASTHEAD + body)
    assert [p.opening for p in r.body.preamble] == ["Recalling", "Recognizing", "Noting with regret"]
    assert [p.num for p in paragraphs(r)] == ["1.", "2."]


def test_a_capitalised_word_after_a_comma_that_opens_nothing_stays() -> None:
    body = "\nRecalling its resolutions, Geneva Conventions and others,\n\n1. Decides to act;\n\n"
    r = resolution(MASTHEAD + body + "52nd plenary meeting\n1 December 2025\n")
    assert len(r.body.preamble) == 1


def test_a_stray_note_that_continues_the_paragraph_it_follows() -> None:
    body = (
        "\nReaffirming that any use would be a crime, as declared in its resolutions\n\n"
        "1. Decides to act.\n\n52nd plenary meeting 1 December 2025\n\n---\n\n[^1]: A/51/218.\n\n"
    )
    text = MASTHEAD + body.replace("crime,", "crime,[^1]")
    text = text.replace(
        "in its resolutions\n\n1.", "in its resolutions\n\n[^1653]: (XVI) of 24 November 1961,\n\n1."
    )
    r = resolution(text)
    assert plain(r.body.preamble[0].content).endswith(
        "as declared in its resolutions 1653 (XVI) of 24 November 1961,"
    )


def test_a_chinese_number_written_right_after_its_word_is_not_a_call() -> None:
    text = (
        ZH_HEAD + "回顾专题小组1的报告以及其各项决议，1\n\n"
        "_____\n\n1 见A/71/53/Add.1。\n\n1. 决定采取行动；\n\n第52次全体会议\n\n2025年12月1日\n"
    )
    r = resolution(text, "zh")
    content = r.body.preamble[0].content
    assert markers_of(content) == ["1"]
    assert "专题小组1的报告" in plain(content)


def test_an_arabic_decimal_comma_between_western_digits_is_not_a_call() -> None:
    text = (
        AR_HEAD
        + "إذ تشير إلى القرار،1 وإلى التقرير،2 وإذ تلاحظ أن التدفقات بلغت 1,3 تريليون دولار في العالم،3\n\n"
        "_____\n\n1 انظر القرار 70/1.\n\n2 A/80/1.\n\n3 A/80/2.\n\n"
        "1 - تقرر أن تفعل؛\n\nالجلسة العامة 52\n\n1 كانون الأول/ديسمبر 2025\n"
    )
    r = resolution(text, "ar")
    content = r.body.preamble[0].content
    assert markers_of(content) == ["1", "2", "3"]
    assert "1,3 تريليون" in plain(content)


def test_a_two_digit_call_glued_to_a_symbol() -> None:
    calls = "".join(f"Recalling its resolution {n} of 2001,{n}\n\n" for n in range(1, 10))
    body = (
        "\n"
        + calls
        + "Recalling resolutions 5/710 and 5/8 of 2 March 2022,\n\n"
        + "".join(f"{n} A/80/{n}.\n\n" for n in range(1, 11))
        + "1. Decides to act;\n\n52nd plenary meeting 1 December 2025\n"
    )
    r = resolution(MASTHEAD + body)
    last = r.body.preamble[-1].content
    assert markers_of(last) == ["10"]
    assert "resolutions 5/7 and 5/8 of" in plain(last)


def test_a_call_glued_to_a_word_before_the_body_beats_a_spaced_number_before_it() -> None:
    body = (
        "\nRecalling the programme in which 1 fellow of each region takes part every year,\n\n"
        "Noting the work of national institutions1 and of the regions,\n\n"
        "_____\n\n1 See resolution 70/1.\n\n"
        "1. Decides to act;\n\n52nd plenary meeting 1 December 2025\n"
    )
    r = resolution(MASTHEAD + body)
    first, second = (p.content for p in r.body.preamble)
    assert markers_of(first) == []
    assert "which 1 fellow" in plain(first)
    assert markers_of(second) == ["1"]


def test_a_spaced_number_is_still_the_call_when_no_glued_one_comes_before_the_body() -> None:
    body = (
        "\nRecalling the Universal Declaration of Human Rights, 1 the Charter and the Covenants,\n\n"
        "_____\n\n1 Resolution 217 A (III).\n\n"
        "Noting the work of national institutions1 and of the regions,\n\n"
        "1. Decides to act;\n\n52nd plenary meeting 1 December 2025\n"
    )
    r = resolution(MASTHEAD + body)
    first = r.body.preamble[0].content
    assert markers_of(first) == ["1"]


def test_a_number_after_a_superscript_abbreviation_is_not_a_call() -> None:
    text = (
        "Nations Unies\n\nAssemblée générale\n\nDistr. générale\n\n3 décembre 2025\n\n"
        "Quatre-vingtième session\n\n80/99. Titre\n\nL’Assemblée générale,\n\n"
        "Rappelant l’objectif de développement durable n^(o) 1, et notant les efforts des régions1,\n\n"
        "_____\n\n1 Résolution 72/239.\n\n"
        "1. Décide d’agir ;\n\n52e séance plénière\n\n1er décembre 2025\n"
    )
    content = resolution(text, "fr").body.preamble[0].content
    assert markers_of(content) == ["1"]
    assert "durable n 1, et" in plain(content)
    assert plain(content).endswith("des régions,")


def test_a_call_glued_to_a_symbol_before_its_body_beats_a_number_after_the_body() -> None:
    body = (
        "\nRecalling resolutions 5/11 and 5/62 of 2 March 2022,\n\n"
        "_____\n\n1 UNEP/EA.5/Res.1.\n\n2 UNEP/EA.5/Res.6.\n\n"
        "Noting that the Committee held 1 meeting and the Board 2 meetings,\n\n"
        "1. Decides to act;\n\n52nd plenary meeting 1 December 2025\n"
    )
    r = resolution(MASTHEAD + body)
    first, second = (p.content for p in r.body.preamble)
    assert markers_of(first) == ["1", "2"]
    assert "resolutions 5/1 and 5/6 of" in plain(first)
    assert markers_of(second) == []


def test_a_day_before_a_month_name_is_not_a_call() -> None:
    body = (
        "\nRecalling the resolution by which it proclaimed 1 March the day of the event,\n\n"
        "Noting the report of the Secretary-General,1\n\n"
        "_____\n\n1 A/80/1.\n\n"
        "1. Decides to act;\n\n52nd plenary meeting 1 December 2025\n"
    )
    r = resolution(MASTHEAD + body)
    first, second = (p.content for p in r.body.preamble)
    assert "proclaimed 1 March the day" in plain(first)
    assert markers_of(second) == ["1"]


def test_calls_glued_to_the_number_of_an_abbreviation_or_a_name_as_a_last_resort() -> None:
    body = (
        "\nRecalling decision 3/COP.151 of the Conference of the Parties and Agenda 212,\n\n"
        "_____\n\n1 See ICCD/COP(15)/23/Add.1.\n\n2 Resolution S-19/2, annex.\n\n"
        "1. Decides to act;\n\n52nd plenary meeting 1 December 2025\n"
    )
    content = resolution(MASTHEAD + body).body.preamble[0].content
    assert markers_of(content) == ["1", "2"]
    assert "decision 3/COP.15 of the Conference of the Parties and Agenda 21," in plain(content)


def test_a_name_and_its_number_stay_whole_when_the_call_is_found_elsewhere() -> None:
    body = (
        "\nRecalling Agenda 21 and the Programme for the Further Implementation of Agenda 21,1\n\n"
        "_____\n\n1 Resolution S-19/2, annex.\n\n"
        "1. Decides to act;\n\n52nd plenary meeting 1 December 2025\n"
    )
    content = resolution(MASTHEAD + body).body.preamble[0].content
    assert markers_of(content) == ["1"]
    assert plain(content).endswith("Implementation of Agenda 21,")


def test_a_call_glued_to_the_last_number_of_an_enumeration() -> None:
    body = (
        "\nNoting the subsidiary bodies on agenda items 1 to 4 and on items 5, 6 and 71 for 2025,\n\n"
        "_____\n\n1 A/80/27, para. 13.\n\n"
        "1. Decides to act;\n\n52nd plenary meeting 1 December 2025\n"
    )
    content = resolution(MASTHEAD + body).body.preamble[0].content
    assert markers_of(content) == ["1"]
    assert "items 5, 6 and 7 for 2025," in plain(content)


def test_the_number_of_an_arabic_point_is_not_a_call() -> None:
    text = (
        AR_HEAD + "إذ تشير إلى القرار 70/1،\n\n1 - تقرر ما يلي:\n\n(أ) حلقتا نقاش:\n\n"
        "’1‘ حلقة النقاش 1: إحراز تقدم؛1\n\n_____\n\n1 انظر القرار 70/1.\n\n"
        "’2‘ حلقة النقاش 2: المشاركة؛\n\nالجلسة العامة 52\n\n1 كانون الأول/ديسمبر 2025\n"
    )
    (first,) = paragraphs(resolution(text, "ar"))
    (point,) = first.points
    inner = point.points
    assert [p.num for p in inner] == ["’1‘", "’2‘"]
    assert markers_of(inner[0].content) == ["1"]


def test_a_chinese_number_followed_by_a_space_ends_with_a_call() -> None:
    text = (
        ZH_HEAD
        + "重申实现可持续发展目标1 和第五次审议大会决定12 所设小组的工作，"
        + "以及目标14和目标15的重要性，\n\n_____\n\n1 见第70/1号决议。\n\n2 见CCW/CONF.V/10。\n\n"
        + "1. 决定采取行动；\n\n第52次全体会议\n\n2025年12月1日\n"
    )
    content = resolution(text, "zh").body.preamble[0].content
    assert markers_of(content) == ["1", "2"]
    assert "可持续发展目标 和第五次审议大会决定1 所设" in plain(content)
    assert "目标14和目标15的" in plain(content)


def test_a_number_before_a_quantity_word_is_not_a_call() -> None:
    body = (
        "\nNoting that investment needs reached 1 trillion dollars"
        " while aid fell 1 per cent in the regions,1\n\n"
        "_____\n\n1 A/80/1.\n\n1. Decides to act;\n\n52nd plenary meeting 1 December 2025\n"
    )
    content = resolution(MASTHEAD + body).body.preamble[0].content
    assert markers_of(content) == ["1"]
    assert "reached 1 trillion dollars while aid fell 1 per cent in the regions," in plain(content)


def test_a_call_glued_to_the_number_a_word_takes_as_a_last_resort() -> None:
    text = (
        AR_HEAD + "إذ تشير إلى الفصل 17 من جدول أعمال القرن 211، وإلى خطة عام 2030،\n\n"
        "_____\n\n1 انظر القرار S-19/2، المرفق.\n\n"
        "1 - تقرر أن تفعل؛\n\nالجلسة العامة 52\n\n1 كانون الأول/ديسمبر 2025\n"
    )
    content = resolution(text, "ar").body.preamble[0].content
    assert markers_of(content) == ["1"]
    assert "جدول أعمال القرن 21، وإلى خطة عام 2030" in plain(content)


def test_a_chinese_hour_is_not_a_call() -> None:
    text = (
        ZH_HEAD + "回顾上午11时至下午1时30分举行的小组讨论，1\n\n"
        "_____\n\n1 见A/80/1。\n\n1. 决定采取行动；\n\n第52次全体会议\n\n2025年12月1日\n"
    )
    content = resolution(text, "zh").body.preamble[0].content
    assert markers_of(content) == ["1"]
    assert "上午11时至下午1时30分举行的小组讨论" in plain(content)
