"""Language data: `languages/*.toml` → compiled `Language` objects (cached), and language
detection from a text. No language fact lives in code."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal, cast

import regex

CODES = ("ar", "zh", "en", "fr", "ru", "es")
"""The six UN languages, in the UN's order."""


def _compile(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern, regex.V1)


def _alternation(phrases: list[str], end: str) -> regex.Pattern[str] | None:
    """An anchored pattern matching the longest of the phrases that `end` follows (a space in a
    phrase matches any run of spaces).

    The phrases are merged into a tree of their common beginnings ("Re(?:affirm…|call(?:ing|s))"):
    the regex engine then reads each character once instead of trying hundreds of phrases one after
    the other, two to six times faster. At each branch the longer phrases are tried before the one
    that ends there, so the match is the one a list ordered from the longest phrase would give."""
    if not phrases:
        return None
    return regex.compile(rf"^(?:{_phrase_tree(phrases)}){end}", regex.V1)


def _phrase_tree(phrases: list[str]) -> str:
    """The pattern of `_alternation` without its anchor and end."""
    tree: dict[str, Any] = {}
    for phrase in phrases:
        node = tree
        for character in phrase:
            node = node.setdefault(character, {})
        node[""] = {}  # a phrase ends here
    return _branches(tree)


def _branches(node: dict[str, Any]) -> str:
    """The pattern of a phrase tree's node: its continuations, then the end of a phrase."""
    branches = [
        (r"\s+" if character == " " else regex.escape(character)) + _branches(child)
        for character, child in sorted(node.items())
        if character
    ]
    if "" in node:
        branches.append("")
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


@dataclass(frozen=True)
class Language:
    """One language's data, with its patterns compiled."""

    code: str
    frbr: str
    name: str
    script: regex.Pattern[str]
    join: str
    wrapper: tuple[Literal["b", "i"], ...]
    number_order: str
    data: dict[str, Any]
    patterns: dict[str, regex.Pattern[str]]
    preamble: regex.Pattern[str] | None
    operative: regex.Pattern[str] | None
    unnumbered: regex.Pattern[str] | None
    formula: regex.Pattern[str]
    months: dict[str, int]
    date: regex.Pattern[str]
    ordinals: dict[str, int]
    emergency_ordinals: dict[str, int]
    committees: tuple[tuple[str, str], ...]
    letters: tuple[str, ...]
    reads_as: regex.Pattern[str]
    """A line that reads as this language: its formula, masthead words, or an opening phrase
    (after any paragraph number); used to detect the language."""

    def pattern(self, key: str) -> regex.Pattern[str]:
        """A compiled pattern by its `section.key` name."""
        return self.patterns[key]


# Keys of each table that hold patterns (compiled at load time).
PATTERN_KEYS = {
    "language": ("phrase_end",),
    "masthead": (
        "distribution",
        "body",
        "publisher",
        "session",
        "emergency_session",
        "agenda",
        "title",
        "proponent",
        "symbol",
        "document_separator",
    ),
    "number": ("pattern", "emergency", "title_cut"),
    "formula": ("tail",),
    "operative": ("numbered", "preambular_ending"),
    "points": ("level1", "level2"),
    "sections": ("numbered", "annex", "part"),
    "conclusion": ("meeting",),
    "footnotes": ("call", "body", "number_follows", "year_follows_call", "number_after"),
}


def _normal(text: str) -> str:
    """Key for a look-up of printed words: whitespace collapsed, case folded."""
    return " ".join(text.split()).casefold()


@cache
def _data(code: str) -> dict[str, Any]:
    """A language's data file, read (nothing compiled: `load` compiles all of it, about 50 ms a
    language, which detection and the AKN reader need not wait for)."""
    if code not in CODES:
        raise KeyError(f"unknown language {code!r}; expected one of {', '.join(CODES)}")
    raw = resources.files(__package__).joinpath(f"{code}.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)


@cache
def script(code: str) -> regex.Pattern[str]:
    """The characters that identify a language's script (`Language.script`)."""
    return _compile(_data(code)["language"]["script"])


def _formula(data: dict[str, Any]) -> str:
    return "^(?:" + "|".join(regex.escape(p).replace(r"\ ", r"\s+") for p in data["formula"]["phrases"]) + ")"


@cache
def reads_as(code: str) -> regex.Pattern[str]:
    """A line that reads as a language (`Language.reads_as`)."""
    data = _data(code)
    parts = [f"(?:{_formula(data)})", f"(?:{data['masthead']['body']})", f"(?:{data['masthead']['title']})"]
    openings = [_phrase_tree(p) for p in (data["phrases"]["preamble"], data["phrases"]["operative"]) if p]
    if openings:
        end = data["language"]["phrase_end"]
        parts.append(f"(?:{data['operative']['numbered']})?(?:{'|'.join(openings)}){end}")
    return _compile("|".join(parts))


def code_of_frbr(frbr: str | None) -> str | None:
    """The code of the available language whose FRBR language code (FRBRlanguage) this is."""
    return next((code for code in available() if _data(code)["language"]["frbr"] == frbr), None)


@dataclass(frozen=True)
class Dates:
    """How a language prints dates (`Language.date`, `Language.months`): all `iso_date` needs,
    compiled alone for the languages whose dates a masthead may print (DESIGN §2)."""

    date: regex.Pattern[str]
    months: dict[str, int]


@cache
def dates_of(code: str) -> Dates:
    """A language's dates, without compiling the rest of its data."""
    data = _data(code)
    months: dict[str, int] = {}
    for index, names in enumerate(data["dates"]["months"], start=1):
        for name in names:
            months[_normal(name)] = index
    month_alt = "|".join(
        regex.escape(n).replace(r"\ ", r"\s*").replace("/", r"\s*/\s*")
        for n in sorted({n for names in data["dates"]["months"] for n in names}, key=lambda n: (-len(n), n))
    )
    return Dates(_compile(data["dates"]["pattern"].replace("{month}", month_alt)), months)


@cache
def load(code: str) -> Language:
    """The language with this ISO 639-1 code (ar, zh, en, fr, ru, es)."""
    data = _data(code)
    lang = data["language"]
    dates = dates_of(code)
    patterns = {
        f"{table}.{key}": _compile(data[table][key]) for table, keys in PATTERN_KEYS.items() for key in keys
    }
    end = lang["phrase_end"]
    return Language(
        code=lang["code"],
        frbr=lang["frbr"],
        name=lang["name"],
        script=script(code),
        join=lang["join"],
        wrapper=_wrapper(code, lang["wrapper"]),
        number_order=lang["number_order"],
        data=data,
        patterns=patterns,
        preamble=_alternation(data["phrases"]["preamble"], end),
        operative=_alternation(data["phrases"]["operative"], end),
        unnumbered=_alternation(data["operative"]["unnumbered"], end),
        formula=_compile(_formula(data)),
        months=dates.months,
        date=dates.date,
        ordinals={_normal(o): i for i, o in enumerate(data["sessions"]["ordinals"], start=1)},
        emergency_ordinals={
            _normal(o): i for i, o in enumerate(data["sessions"]["emergency_ordinals"], start=1)
        },
        committees=tuple((_normal(p), k) for p, k in data["masthead"]["committees"]),
        letters=tuple(data["points"]["level1_letters"].split()),
        reads_as=reads_as(code),
    )


def _wrapper(code: str, tags: list[str]) -> tuple[Literal["b", "i"], ...]:
    """The emphasis an opening phrase is printed in, outermost first: "b" and "i" only."""
    if not all(tag in ("b", "i") for tag in tags):
        raise ValueError(f"{code}.toml: the wrapper of an opening phrase is made of b and i, not {tags}")
    return cast(tuple[Literal["b", "i"], ...], tuple(tags))


def normal(text: str) -> str:
    """Key for looking printed words up in language data."""
    return _normal(text)


@cache
def available() -> tuple[str, ...]:
    """Codes of the languages whose data file exists (looked for once: the files are the
    package's own, and detection asks for them at every call)."""
    files = resources.files(__package__)
    return tuple(c for c in CODES if files.joinpath(f"{c}.toml").is_file())


def detect(text: str) -> str | None:
    """The language of a text: the script first, then formula, masthead words and opening phrases
    (of the first 80 lines: enough for a masthead, a formula and a preamble)."""
    sample = text[:6000]
    lines = [line.strip() for line in text[:20000].splitlines() if line.strip()][:80]
    scripts: list[tuple[int, str]] = []
    counts: dict[tuple[str, int], int] = {}  # languages of one script count its characters once
    for code in available():
        pattern = script(code)
        key = (pattern.pattern, pattern.flags)
        count = counts[key] if key in counts else counts.setdefault(key, _script_count(pattern, sample))
        if count:
            scripts.append((count, code))
    # A script that only one language writes, with far more characters than any other script
    # (Arabic, Chinese, Russian beside a masthead's Latin symbols and dates), decides alone.
    ranked = sorted(scripts, reverse=True)
    if ranked and (len(ranked) == 1 or ranked[0][0] >= 4 * ranked[1][0]):
        top = script(ranked[0][1])
        if sum((script(c).pattern, script(c).flags) == (top.pattern, top.flags) for c in available()) == 1:
            return ranked[0][1]
    # Score: script + 1000 × lines that read as the language. Languages with the most characters of
    # their script go first; a language is left as soon as even all its remaining lines could not
    # bring it up to the best score so far (it could neither win nor tie).
    scores: list[tuple[int, str]] = []
    best = -1
    for count, code in sorted(scripts, reverse=True):
        reads = reads_as(code)
        words = 0
        for k, line in enumerate(lines):
            if count + 1000 * (words + len(lines) - k) < best:
                break
            words += reads.match(line) is not None
        else:
            scores.append((count + 1000 * words, code))
            best = max(best, scores[-1][0])
    scores.sort(reverse=True)
    if not scores or scores[0][0] == 0:
        return None
    return scores[0][1]


# A pattern that matches one character at a time: a property or a plain set.
ONE_CHARACTER = regex.compile(r"\\[pP]\{[\w=:. -]+\}|\[[^\[\]]*\]")


def _script_count(script: regex.Pattern[str], sample: str) -> int:
    """How many characters of the sample the script pattern matches: summed over runs when it
    matches one character at a time (the same count, without a string per character; ignoring
    case, a set may match two characters: "ß" and "ss")."""
    if ONE_CHARACTER.fullmatch(script.pattern) and not script.flags & regex.IGNORECASE:
        return sum(map(len, _runs(script.pattern, script.flags).findall(sample)))
    return len(script.findall(sample))


@cache
def _runs(pattern: str, flags: int) -> regex.Pattern[str]:
    return regex.compile(f"(?:{pattern})+", flags)
