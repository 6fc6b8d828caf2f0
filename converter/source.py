"""The input text: bytes → str (DESIGN §7 decoding), characters illegal in XML dropped,
and offsets in the cleaned text mapped back to `line:column` of the original."""

from __future__ import annotations

import bisect
import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .diagnostics import Diagnostic
from .model import Span

# Characters XML 1.0 cannot carry (tab, newline and carriage return excepted), lone surrogates
# and the non-characters U+FFFE/U+FFFF. A form feed is a page break and becomes a blank line.
# (Plain code points: the standard `re` finds them three times faster than `regex`.)
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
NEWLINE = re.compile("\n")


@dataclass
class Source:
    """A cleaned input text with a map back to the original's lines and columns."""

    text: str
    """The text the parser reads: LF line ends, no characters illegal in XML."""
    removed: list[int] = field(default_factory=list)
    """Offsets (in the original) of the characters dropped, sorted."""
    original: str = ""
    """The text before cleaning (after decoding)."""
    _starts: list[int] = field(default_factory=list)

    @property
    def _line_starts(self) -> list[int]:
        """The offset of each line of the original (found when a position is first asked for)."""
        if not self._starts:
            self._starts = [0] + [m.end() for m in NEWLINE.finditer(self.original)]
        return self._starts

    def original_offset(self, offset: int) -> int:
        """Offset in the original text of a cleaned-text offset."""
        shift = 0
        for _ in range(3):  # a fixed point: removed characters before the shifted offset
            new = bisect.bisect_right(self.removed, offset + shift)
            if new == shift:
                break
            shift = new
        return offset + shift

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a cleaned-text offset."""
        orig = self.original_offset(offset)
        line = bisect.bisect_right(self._line_starts, orig)
        return line, orig - self._line_starts[line - 1] + 1

    def diagnostic(self, code: str, message: str, span: Span | None) -> Diagnostic:
        """A diagnostic located at span."""
        if span is None:
            return Diagnostic(code, message)
        line, column = self.position(span.start)
        return Diagnostic(code, message, span, line, column)


def clean(text: str) -> tuple[Source, list[Diagnostic]]:
    """Normalise line ends and page breaks, drop characters illegal in XML (with a warning)."""
    original = text
    if "\r" in original:
        original = original.replace("\r\n", "\n").replace("\r", "\n")
    if "\f" in original:
        original = original.replace("\f", "\n\n")
    if original.startswith("\ufeff"):
        original = original[1:]
    removed = [m.start() for m in ILLEGAL.finditer(original)]
    cleaned = ILLEGAL.sub("", original) if removed else original
    source = Source(cleaned, removed, original)
    diagnostics = []
    if removed:
        line = bisect.bisect_right(source._line_starts, removed[0])
        column = removed[0] - source._line_starts[line - 1] + 1
        char = original[removed[0]]
        diagnostics.append(
            Diagnostic(
                "control-character",
                f"{len(removed)} character(s) illegal in XML dropped (first: U+{ord(char):04X})",
                None,
                line,
                column,
            )
        )
    return source, diagnostics


class DecodingError(ValueError):
    """The bytes are not text the converter can read; the message says why."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Legacy encodings tried when strict UTF-8 fails, each accepted only when the decoded text reads
# as its language (the probe is given by the caller from the language data).
LEGACY = ("windows-1256", "windows-1251", "gb18030")


# Control bytes other than tab, line feed, vertical tab, form feed and carriage return.
CONTROL_BYTES = bytes([*range(9), *range(14, 32)])


def looks_binary(data: bytes) -> bool:
    """NUL bytes outside a UTF-16/32 BOM, or mostly control bytes, mean binary data."""
    sample = data[:4096]
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(None, CONTROL_BYTES))  # (counted in C)
    return b"\x00" in sample or controls > len(sample) // 10


def decode(
    data: bytes,
    encoding: str | None = None,
    probe: Callable[[str, str], bool] | None = None,
) -> str:
    """Bytes → text: an explicit encoding; else a BOM; else strict UTF-8; else a legacy encoding
    whose decoded text `probe(encoding, text)` accepts (exactly one must qualify)."""
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise DecodingError("encoding", f"cannot decode as {encoding}: {exc}") from None
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name)
            except UnicodeDecodeError as exc:
                raise DecodingError("encoding", f"invalid {name} after its byte-order mark: {exc}") from None
    if looks_binary(data):
        raise DecodingError("binary-input", "binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    candidates = []
    for name in LEGACY:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if probe is not None and probe(name, text):
            candidates.append(text)
    if len(candidates) == 1:
        return candidates[0]
    raise DecodingError(
        "encoding",
        f"not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) and not recognisably "
        "Windows-1256, Windows-1251 or GB18030; name the encoding with --encoding",
    )
