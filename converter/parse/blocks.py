"""Source text → blocks: the front matter set aside, then one block per non-empty line, each
knowing the source offset of every character (so that joined blocks keep exact spans)."""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from operator import itemgetter

import regex

from ..model import Span

# A YAML front-matter block at the very start: "---", key: value lines, "---".
FRONT_MATTER = regex.compile(r"\A\s*---[ \t]*\n(?P<body>(?:.*\n)*?)---[ \t]*(?:\n|\Z)")
# Whitespace that is not a single space: it collapses, so offsets need segments.
SPACE_RUN = regex.compile(r"\s\s|[^\S ]")
# Runs of non-space characters of a line.
WORDS = regex.compile(r"\S+")
# A leading backslash that escapes an inline character, not the block.
BLOCK_ESCAPE_EXCEPT = regex.compile(r"^\\[\\*^]")
FRONT_MATTER_ITEM = regex.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*?)\s*$")


@cache
def at_end(pattern: regex.Pattern[str]) -> regex.Pattern[str]:
    """`pattern` where it ends a text (before a final newline, as "$" allows), for `match`: a
    reverse pattern matches from the end of the text, so a text it does not end fails at once,
    where a search would try every position."""
    return regex.compile(f"(?:{pattern.pattern})\\n?", pattern.flags | regex.REVERSE)


def may_be_digit(char: str) -> bool:
    """Whether `\\d` can match a character (or an empty string: no): a guard that lets a pattern
    starting or ending with a digit be skipped cheaply. A digit to str.isdigit, or a character
    Python's Unicode database does not know: the regex module's is newer (it has digits Python
    does not, such as U+1CCF0)."""
    return char.isdigit() or (char > "\x7f" and unicodedata.category(char) == "Cn")


segment_index = itemgetter(0)
"""The index in its text where a block's segment starts (a block's segments are in its order)."""


@dataclass(frozen=True)
class Block:
    """A run of text with the source offset of each of its segments."""

    text: str
    """The text, stripped."""
    segments: tuple[tuple[int, int], ...]
    """(index in text, source offset) where each joined piece starts."""
    escaped: bool = False
    """The block started with `\\`: never structural."""
    after_blank: bool = True
    """A blank line (or the start) comes before it: it does not continue the line above."""

    def __init__(
        self,
        text: str,
        segments: tuple[tuple[int, int], ...],
        escaped: bool = False,
        after_blank: bool = True,
    ) -> None:
        d = self.__dict__  # (see FAST_INIT in converter/model.py)
        d["text"], d["segments"], d["escaped"], d["after_blank"] = text, segments, escaped, after_blank

    @property
    def start(self) -> int:
        return self.segments[0][1]

    def offset(self, index: int) -> int:
        """The source offset of text[index]."""
        segments = self.segments
        best = segments[0]
        if len(segments) > 1:  # (the last piece starting at or before index, by bisection)
            best = segments[max(bisect_right(segments, index, key=segment_index) - 1, 0)]
        return best[1] + index - best[0]

    def span(self, start: int = 0, end: int | None = None) -> Span:
        """The source span of text[start:end]."""
        end = len(self.text) if end is None else end
        if len(self.segments) == 1:  # (one piece, the usual block: offsets are a shift)
            shift = self.segments[0][1] - self.segments[0][0]
            return Span(shift + start, shift + end if end > start else shift + start)
        return Span(
            self.offset(start), self.offset(max(start, end - 1)) + 1 if end > start else self.offset(start)
        )

    def slice(self, start: int, end: int | None = None) -> Block:
        """A sub-block of text[start:end], stripped, keeping offsets."""
        end = len(self.text) if end is None else end
        piece = self.text[start:end]
        lead = len(piece) - len(piece.lstrip())
        text = piece.strip()
        first = start + lead
        segments = [(0, self.offset(first))]
        for index, offset in self.segments:
            if first < index < first + len(text):
                segments.append((index - first, offset))
        return Block(text, tuple(segments), self.escaped, self.after_blank)

    def join(self, other: Block, separator: str) -> Block:
        """This block followed by another, with separator between (none next to an empty one: a
        point's number alone on its line leaves its text empty)."""
        if not other.text:
            return self
        if not self.text:
            return Block(other.text, other.segments, self.escaped, self.after_blank)
        shift = len(self.text) + len(separator)
        segments = self.segments + tuple((i + shift, o) for i, o in other.segments)
        return Block(self.text + separator + other.text, segments, self.escaped, self.after_blank)


def front_matter(text: str) -> tuple[dict[str, str], int]:
    """The extractor's YAML front matter (flat key: value pairs) and where the content starts."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, 0
    items = {}
    for line in match.group("body").splitlines():
        item = FRONT_MATTER_ITEM.match(line)
        if item:
            items[item.group("key")] = item.group("value").strip().strip("\"'")
    return items, match.end()


def split_lines(text: str, start: int = 0) -> list[Block]:
    """One block per non-empty line of text[start:]; a leading `\\` marks a literal block."""
    blocks = []
    offset = start
    blank = True
    for line in text[start:].split("\n"):
        if not line or line.isspace():  # (a blank line, as _line_block finds, without the call)
            blank = True
        else:
            block = _line_block(line, offset, blank)
            if block is not None:
                blocks.append(block)
            blank = block is None
        offset += len(line) + 1
    return blocks


def _space_run(text: str) -> bool:
    """Whether SPACE_RUN is in text. str.isprintable() is false for every whitespace character but
    " ", so in a printable text it is "  " (found without the slower search)."""
    if text.isprintable():
        return "  " in text
    return bool(SPACE_RUN.search(text))


def _line_block(line: str, offset: int, after_blank: bool = True) -> Block | None:
    """The block of one line: runs of whitespace collapsed to one space, offsets kept."""
    stripped = line.strip()
    if not stripped:
        return None  # (a blank line: no words)
    if not stripped.startswith("\\") and not _space_run(stripped):
        return Block(stripped, ((0, offset + len(line) - len(line.lstrip())),), False, after_blank)
    words = list(WORDS.finditer(line))
    if not words:
        return None
    escaped = words[0].group().startswith("\\") and not BLOCK_ESCAPE_EXCEPT.match(words[0].group())
    parts: list[str] = []
    segments: list[tuple[int, int]] = []
    length = 0
    previous_end = -1
    for i, word in enumerate(words):
        text, at = word.group(), word.start()
        if i == 0 and escaped:
            text, at = text[1:], at + 1
            if not text:
                continue
        if parts:
            length += 1
        if not segments or at != previous_end + 1:
            segments.append((length, offset + at))
        parts.append(text)
        length += len(text)
        previous_end = word.end()
    if not parts:
        return None
    return Block(" ".join(parts), tuple(segments), escaped, after_blank)
