"""Language data: every `languages/*.toml` is complete (the same tables and keys as the others, every
pattern compiles, 100 session ordinals, 20 emergency ordinals, 12 months, sorted phrase lists), and
the data reads what the UN prints: for every official AKN file of `../shared/corpus/official` (skipped
when absent), the session line, the adoption meeting, the adoption and issuance dates, the other
masthead lines, the number line and the language of the body."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from converter.languages import CODES, PATTERN_KEYS, _alternation, _wrapper, detect, load
from converter.parse.blocks import may_be_digit
from converter.parse.dates import iso_date
from converter.parse.footnotes import CALL_MARK, NOTE_BODY_MARK
from converter.parse.masthead import INVISIBLE, committee_of, match_number, session_of

OFFICIAL = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "official"
NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
DIGITS = regex.compile(r"\d+")

# Official files whose markup or printed text defeats a check for a reason the language data cannot
# fix: (check, language/session/file name) → why. Marked as expected failures (strict), so that a
# corrected file, or a converter that learns the case, is noticed.
UN_ERRATA: dict[tuple[str, str], str] = {
    ("meeting", "es/75/75_1_S.xml"): "the meeting number is printed in words: 'Tercera sesión plenaria'",
    ("date", "ar/75/75_1_A.xml"): "month misspelt in the conclusion: 'أبلول/سبتمبر'",
    ("title", "es/79/A_RES_79_237-2424615S.xml"): "title line dated 2021, adopted 24 December 2024",
    **{
        ("title", f"es/79/A_RES_79_{n}.xml"): "month misspelt in the title line: 'juio'"
        for n in ("298-2510811S", "301-2510825S", "304-2510827S", "307-2510819S", "310-2510830S")
    },
}

# Checks that fail for every file of a language until its data file changes: (check, code) → why.
DATA_PENDING: dict[tuple[str, str], str] = {}


def raw(code: str) -> dict[str, Any]:
    """The parsed TOML of a language, without the loader's compilation."""
    text = resources.files("converter.languages").joinpath(f"{code}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def shape(data: Any) -> Any:
    """The tables and keys of parsed TOML, recursively, in order (values dropped)."""
    if isinstance(data, dict):
        return [(key, shape(value)) for key, value in data.items()]
    return None


# --- completeness ----------------------------------------------------------------------------


def test_all_six_languages_have_data() -> None:
    for code in CODES:
        assert load(code).code == code


@pytest.mark.parametrize("code", [c for c in CODES if c != "en"])
def test_same_tables_and_keys_as_english(code: str) -> None:
    assert shape(raw(code)) == shape(raw("en"))


def test_an_opening_wrapper_is_made_of_b_and_i() -> None:
    assert {tag for code in CODES for tag in load(code).wrapper} <= {"b", "i"}
    with pytest.raises(ValueError, match="b and i"):
        _wrapper("xx", ["b", "u"])


@pytest.mark.parametrize("code", CODES)
def test_every_pattern_compiles(code: str) -> None:
    data = raw(code)
    for table, keys in PATTERN_KEYS.items():
        for key in keys:
            assert isinstance(regex.compile(data[table][key], regex.V1), regex.Pattern), f"{table}.{key}"
    assert set(load(code).patterns) == {f"{t}.{k}" for t, keys in PATTERN_KEYS.items() for k in keys}


@pytest.mark.parametrize("code", CODES)
@given(st.text(st.sampled_from(list("^()0123456789٣ ab")), max_size=12))
def test_a_call_holds_the_call_mark(code: str, text: str) -> None:
    """The parser looks for calls only in texts that hold CALL_MARK ("^"): every call must."""
    if load(code).pattern("footnotes.call").search(text):
        assert CALL_MARK in text


@pytest.mark.parametrize("code", CODES)
def test_ordinals_and_months_are_complete(code: str) -> None:
    data = raw(code)
    lang = load(code)
    assert len(data["sessions"]["ordinals"]) == 100
    assert len(data["sessions"]["emergency_ordinals"]) == 20
    assert len(lang.ordinals) == 100, "two session ordinals are the same after normalisation"
    assert len(lang.emergency_ordinals) == 20, "two emergency ordinals are the same after normalisation"
    assert len(data["dates"]["months"]) == 12
    assert sorted(set(lang.months.values())) == list(range(1, 13))


@pytest.mark.parametrize("code", CODES)
def test_phrase_lists_are_sorted_and_unique(code: str) -> None:
    for kind in ("preamble", "operative"):
        phrases = raw(code)["phrases"][kind]
        assert phrases, kind
        assert phrases == sorted(set(phrases)), kind
        assert all(p == " ".join(p.split()) for p in phrases), kind


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        ("ar", "١٧ أيار/مايو ٢٠١٣", "2013-05-17"),
        ("en", "17 May 2013", "2013-05-17"),
        ("fr", "17 mai 2013", "2013-05-17"),
        ("fr", "1er juillet 2024", "2024-07-01"),
        ("es", "17 de mayo de 2013", "2013-05-17"),
        ("es", "1 de septiembre de 2025", "2025-09-01"),
        ("ru", "17 мая 2013 года", "2013-05-17"),
        ("ru", "3 декабря 2024 года", "2024-12-03"),
        ("zh", "2013年5月17日", "2013-05-17"),
        ("zh", "2024年12月3日", "2024-12-03"),
        ("zh", "2024年09月30日", "2024-09-30"),
        ("zh", "２０２４年１２月３日", "2024-12-03"),
    ],
)
def test_printed_dates(code: str, text: str, expected: str) -> None:
    assert iso_date(load(code), text) == expected


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        ("fr", "Soixante-septième session", "67"),
        ("fr", "Soixante et onzième session", "71"),
        ("fr", "Dixième session extraordinaire d’urgence", "ES-10"),
        ("es", "Sexagésimo séptimo período de sesiones", "67"),
        ("es", "Décimo período extraordinario de sesiones de emergencia", "ES-10"),
        ("ru", "Шестьдесят седьмая сессия", "67"),
        ("ru", "Десятая чрезвычайная специальная сессия", "ES-10"),
        ("zh", "第六十七届会议", "67"),
        ("zh", "第十届紧急特别会议", "ES-10"),
    ],
)
def test_session_lines(code: str, text: str, expected: str) -> None:
    assert session_of(load(code), text) == expected


# --- the official corpus ---------------------------------------------------------------------


def official_files() -> Iterator[Any]:
    """One parameter per official file: (language code, path), or one skip when absent."""
    files = sorted(OFFICIAL.glob("*/*/*.xml")) if OFFICIAL.is_dir() else []
    found = False
    for path in files:
        code = path.parent.name
        if code in CODES:
            found = True
            yield pytest.param(code, path, id=f"{code}/{path.parent.parent.name}/{path.name}")
    if not found:
        yield pytest.param("en", OFFICIAL, marks=pytest.mark.skip(reason="../shared/corpus is not present"))


FILES = list(official_files())


@lru_cache(maxsize=4)
def tree(path: Path) -> etree._ElementTree:
    return etree.parse(str(path))


def find(path: Path, xpath: str) -> list[etree._Element]:
    found = tree(path).xpath(xpath, namespaces=NS)
    assert isinstance(found, list)
    return [e for e in found if isinstance(e, etree._Element)]


def text_of(element: etree._Element) -> str:
    return " ".join("".join(t for t in element.itertext() if isinstance(t, str)).split())


def line_of(element: etree._Element) -> str:
    """The text of a masthead line as the masthead reader sees it (invisible marks ignored)."""
    return INVISIBLE.sub("", text_of(element))


def errata(request: pytest.FixtureRequest, check: str, code: str, path: Path) -> None:
    """Mark a known UN erratum of this check as an expected failure."""
    reason = UN_ERRATA.get((check, f"{code}/{path.parent.parent.name}/{path.name}")) or DATA_PENDING.get(
        (check, code)
    )
    if reason:
        request.applymarker(pytest.mark.xfail(reason=reason, strict=True))


@pytest.mark.parametrize(("code", "path"), FILES)
def test_session_line(code: str, path: Path, request: pytest.FixtureRequest) -> None:
    errata(request, "session", code, path)
    sessions = find(path, "//a:coverPage//a:session")
    if not sessions:
        pytest.skip("no session line in the coverPage")
    for session in sessions:
        assert session_of(load(code), text_of(session)) == session.get("value")


def meetings(path: Path) -> list[etree._Element]:
    return find(path, "//a:conclusions//a:location | //a:conclusions//a:inline[@name='adoptionMeeting']")


@pytest.mark.parametrize(("code", "path"), FILES)
def test_adoption_meeting(code: str, path: Path, request: pytest.FixtureRequest) -> None:
    errata(request, "meeting", code, path)
    found = meetings(path)
    if not found:
        pytest.skip("no conclusions in the UN file")
    for element in found:
        text = text_of(element)
        number = DIGITS.search(element.get("title") or "") or DIGITS.search(text)
        assert number is not None
        match = load(code).pattern("conclusion.meeting").match(text)
        assert match is not None, text
        assert int(match.group("number")) == int(number.group())


@pytest.mark.parametrize(("code", "path"), FILES)
def test_adoption_date(code: str, path: Path, request: pytest.FixtureRequest) -> None:
    errata(request, "date", code, path)
    dates = find(path, "//a:conclusions//a:docDate")
    if not dates:
        pytest.skip("no conclusions in the UN file")
    for element in dates:
        assert iso_date(load(code), text_of(element)) == element.get("date"), text_of(element)


@pytest.mark.parametrize(("code", "path"), FILES)
def test_issuance_date(code: str, path: Path, request: pytest.FixtureRequest) -> None:
    errata(request, "issued", code, path)
    lang = load(code)
    english = load(lang.data["masthead"]["date_language"])
    for element in find(path, "//a:coverPage//a:docDate"):
        text = text_of(element)
        assert (iso_date(english, text) or iso_date(lang, text)) == element.get("date"), text


@pytest.mark.parametrize(("code", "path"), FILES)
def test_masthead_words(code: str, path: Path, request: pytest.FixtureRequest) -> None:
    errata(request, "masthead", code, path)
    lang = load(code)
    keys = {"#publisher": "masthead.publisher", "#issuingBody": "masthead.body"}
    for element in find(path, "//a:coverPage//a:docAuthority"):
        assert lang.pattern(keys[element.get("refersTo") or ""]).match(line_of(element)), line_of(element)
    for element in find(path, "//a:coverPage//a:docStatus"):
        assert lang.pattern("masthead.distribution").match(line_of(element)), line_of(element)


@pytest.mark.parametrize(("code", "path"), FILES)
def test_agenda_item(code: str, path: Path, request: pytest.FixtureRequest) -> None:
    errata(request, "agenda", code, path)
    items = find(path, "//a:coverPage//a:inline[@name='agenda item'][normalize-space()]")
    if not items:
        pytest.skip("no agenda item in the coverPage")
    for element in items:
        text = line_of(element)
        match = load(code).pattern("masthead.agenda").match(text)
        assert match is not None, text
        number = DIGITS.search(element.get("title") or "") or DIGITS.search(text)
        assert number is not None
        assert int(match.group("number")) == int(number.group())


@pytest.mark.parametrize(("code", "path"), FILES)
def test_title_line(code: str, path: Path, request: pytest.FixtureRequest) -> None:
    errata(request, "title", code, path)
    lang = load(code)
    adopted = {e.get("date") for e in find(path, "//a:conclusions//a:docDate")}
    for element in find(path, "//a:coverPage//a:docTitle[normalize-space()]"):
        match = lang.pattern("masthead.title").match(line_of(element))
        assert match is not None, line_of(element)
        if match.group("date") and adopted:
            assert iso_date(lang, match.group("date")) in adopted, match.group("date")


@pytest.mark.parametrize(("code", "path"), FILES)
def test_proponent_committee(code: str, path: Path, request: pytest.FixtureRequest) -> None:
    errata(request, "committee", code, path)
    for element in find(path, "//a:coverPage//a:docProponent[@refersTo]"):
        expected = (element.get("refersTo") or "").lstrip("#")
        assert committee_of(load(code), line_of(element)) == expected, line_of(element)


@pytest.mark.parametrize(("code", "path"), FILES)
def test_number_line(code: str, path: Path, request: pytest.FixtureRequest) -> None:
    errata(request, "number", code, path)
    lang = load(code)
    for number in find(path, "/a:akomaNtoso/*/a:preface//a:docNumber"):
        titles = find(path, "/a:akomaNtoso/*/a:preface//a:docTitle")
        line = " ".join([line_of(number), *(line_of(t) for t in titles[:1])])
        match = match_number(lang, line)
        assert match is not None, line
        assert f"{match.group('first')}/{match.group('second')}" == line_of(number).rstrip(".")


def body_text(path: Path) -> str:
    """The body as lines of text: the formula and the paragraphs of the preamble and main body."""
    blocks = find(path, "//a:preamble//a:p | //a:mainBody//a:p")
    return "\n".join(text_of(b) for b in blocks)


@pytest.mark.parametrize(("code", "path"), FILES)
def test_detected_language(code: str, path: Path, request: pytest.FixtureRequest) -> None:
    errata(request, "detect", code, path)
    assert detect(body_text(path)) == code


def test_a_script_only_one_language_writes_decides_when_it_dominates() -> None:
    from converter.languages import detect

    russian = "Distr.: General\n3 December 2025\n\n" + "Генеральная Ассамблея, учитывая доклад,\n" * 20
    assert detect(russian) == "ru"
    # Latin dominates: the shared script goes to the words, and a Russian quotation does not decide
    english = "The General Assembly,\n\nRecalling its resolutions,\n\n1. Decides to act;\n" * 10
    assert detect(english + "«Генеральная Ассамблея»\n") == "en"


@pytest.mark.parametrize("code", CODES)
def test_the_detection_patterns_are_the_languages_own(code: str) -> None:
    from converter.languages import dates_of, reads_as, script

    lang = load(code)
    assert lang.script is script(code) and lang.reads_as is reads_as(code)
    assert lang.date is dates_of(code).date and lang.months is dates_of(code).months


LOADED = """
import sys
from converter import to_text
from converter.languages import detect, load
what, arg = sys.argv[1:]
found = detect(open(arg, encoding="utf-8").read()) if what == "detect" else to_text(open(arg, "rb").read())
print(load.cache_info().currsize)
"""


@pytest.mark.parametrize(("what", "compiled"), [("detect", 0), ("text", 1)])
def test_detecting_a_language_or_reading_akn_compiles_no_other_language(
    tmp_path: Path, what: str, compiled: int
) -> None:
    """Compiling a language's data takes about 50 ms: a single `akn` call on an Arabic text or a
    Spanish AKN file must not wait for the other five."""
    import subprocess
    import sys

    from converter import convert

    from .conftest import SEED

    source = SEED if what == "detect" else tmp_path / "seed.xml"
    if what == "text":
        source.write_text(convert(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", LOADED, what, str(source)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert done.stdout.split() == [str(compiled)]


# ---- phrase alternations ----------------------------------------------------------------------

PHRASE_WORDS = st.lists(
    st.sampled_from(["Re", "call", "ing", "s", "also", "Not", "ing ", " ", "é"]), max_size=4
)


@settings(max_examples=300)
@given(
    phrases=st.lists(
        PHRASE_WORDS.map("".join).filter(lambda p: p.strip() == p and p), min_size=1, max_size=8
    ),
    text=PHRASE_WORDS.map("".join),
    tail=st.sampled_from(["", " x", ",", "x", "  also", ";"]),
)
def test_phrase_tree_matches_as_the_longest_phrase_first(phrases: list[str], text: str, tail: str) -> None:
    """The phrase tree finds the match a plain alternation ordered from the longest phrase finds."""
    end = r"(?=[\s,;:.]|$)"
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    plain = regex.compile(
        "^(?:" + "|".join(regex.escape(p).replace(r"\ ", r"\s+") for p in ordered) + ")" + end, regex.V1
    )
    tree = _alternation(phrases, end)
    assert tree is not None
    got, want = tree.match(text + tail), plain.match(text + tail)
    assert (got and got.group()) == (want and want.group())


@pytest.mark.parametrize("code", CODES)
def test_reads_as_is_formula_masthead_or_opening(code: str) -> None:
    """The one pattern detection uses accepts a line exactly when it starts with the formula, is
    the masthead's body or title, or starts with an opening phrase after any paragraph number: on
    every line of the golden inputs and of the language's phrases."""
    lang = load(code)
    numbered = lang.pattern("operative.numbered")

    def reads_as(line: str) -> bool:
        if lang.formula.match(line) or lang.pattern("masthead.body").match(line):
            return True
        if lang.pattern("masthead.title").match(line):
            return True
        number = numbered.match(line)
        rest = line[number.end() :] if number else line
        return any(p is not None and p.match(rest) for p in (lang.preamble, lang.operative))

    golden = Path(__file__).parent / "golden"
    lines = [
        line.strip()
        for path in sorted(golden.glob("*/*/input.txt"))
        for line in path.read_text("utf-8").splitlines()
    ]
    lines += lang.data["phrases"]["operative"] + lang.data["formula"]["phrases"]
    accepted = 0
    for line in filter(None, lines):
        assert (lang.reads_as.match(line) is not None) == reads_as(line), line
        accepted += reads_as(line)
    assert accepted >= len(lang.data["phrases"]["operative"])


# What the parser checks before running a pattern on a block (converter/parse/body.py,
# converter/parse/footnotes.py): no match may start otherwise. Texts: a start that matches in some
# language, after a few characters of any kind (quotes and brackets first), or none.
# (U+1CCF1: a digit to the regex module, unknown to Python 3.11's Unicode database.)
STARTS = ["1. a", "12.a", "1 - a", "١ - أ", "1、a", "(1) a", "(١)a", "(a) a", "67/264. a", "I. A"]
STARTS += ["\U0001ccf1. a"]
GUARDED = st.builds(
    lambda before, start: before + start,
    st.text(st.one_of(st.sampled_from(list('"“„«([ -–.1١')), st.characters()), max_size=3),
    st.sampled_from(STARTS),
)


@pytest.mark.parametrize("code", CODES)
@given(GUARDED)
def test_a_numbered_paragraph_starts_with_a_digit(code: str, text: str) -> None:
    if load(code).pattern("operative.numbered").match(text):
        assert may_be_digit(text[:1])


@pytest.mark.parametrize("code", CODES)
@given(GUARDED)
def test_a_note_body_starts_with_the_body_mark(code: str, text: str) -> None:
    if load(code).pattern("footnotes.body").match(text):
        assert text.startswith(NOTE_BODY_MARK)


@pytest.mark.parametrize("code", CODES)
def test_the_guarded_patterns_match_starts_of_the_texts_above(code: str) -> None:
    """(So that the two properties above are not vacuous.)"""
    lang = load(code)
    assert any(lang.pattern("operative.numbered").match(start) for start in STARTS)
    assert any(lang.pattern("footnotes.body").match(start) for start in STARTS)
