"""Accuracy of the converter against the UN's own AKN (DESIGN §5), with the signature defined by
`../shared/tools/signature.py`, imported unchanged.

Flavours:
  A  every official file → our `to_text` → `convert`, compared with the official file;
  B  the real PDF texts in `../shared/corpus/pdf-text/en/` → `convert`, compared with their
     official files (grouped by extraction version);
  N  noise in every language: each official file → `to_text` → page furniture (job number,
     barcode, recycle line, page counters, running headers, rules) inserted between blocks,
     paragraphs cut in two by a page break with furniture and footnote bodies between the
     halves, footnote bodies stranded mid-text after their first call, in two forms: "^(n)" calls
     with "(n) …" bodies, and bare-digit calls glued to the word ("Child4") with "4 …" bodies
     after a rule → `convert`, compared with the official file (grouped by language and form).

    python benchmarks/accuracy.py [--flavour A|B|N|all] [--lang ar,en,...] [--show N] [--json FILE]
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
FOLDERS = {"ar": "ar", "zh": "zh", "en": "en", "fr": "fr", "ru": "ru", "es": "es"}


def load_signature() -> ModuleType:
    """`signature.py` from ../shared/tools, unchanged."""
    path = SHARED / "tools" / "signature.py"
    spec = importlib.util.spec_from_file_location("signature", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def errata() -> set[str]:
    """Paths (relative to the corpus) of the official files listed in ERRATA.md."""
    text = (CORPUS / "ERRATA.md").read_text(encoding="utf-8")
    return {line.split("`")[1] for line in text.splitlines() if line.startswith("- `")}


@dataclass
class Outcome:
    """The comparison of one document."""

    name: str
    language: str
    group: str
    erratum: bool
    diffs: dict[str, str]
    words_equal: bool
    valid: bool
    error: str | None = None


@dataclass
class Table:
    """Outcomes grouped for the report."""

    rows: dict[tuple[str, str], list[Outcome]] = field(default_factory=lambda: defaultdict(list))

    def add(self, flavour: str, outcome: Outcome) -> None:
        self.rows[(flavour, outcome.group)].append(outcome)


def official_files(languages: list[str]) -> Iterator[tuple[str, Path]]:
    for lang in languages:
        for path in sorted((CORPUS / "official").glob(f"*/{FOLDERS[lang]}/*.xml")):
            yield lang, path


def compare(sig: ModuleType, want: bytes, got: str) -> tuple[dict[str, str], bool]:
    """Differing signature fields and whether the word multisets are equal."""
    expected = sig.signature(io.BytesIO(want))
    actual = sig.signature(io.BytesIO(got.encode("utf-8")))
    words_equal = sig.words(io.BytesIO(want)) == sig.words(io.BytesIO(got.encode("utf-8")))
    return sig.compare(expected, actual), words_equal


def run_one(
    sig: ModuleType, name: str, lang: str, group: str, erratum: bool, want: bytes, make: Callable[[], str]
) -> Outcome:
    from converter.diagnostics import ConversionError

    try:
        got = make()
    except ConversionError as exc:
        return Outcome(name, lang, group, erratum, {"conversion": str(exc)}, False, False, str(exc))
    except Exception as exc:  # a crash is a finding, reported not raised
        return Outcome(name, lang, group, erratum, {"crash": repr(exc)}, False, False, repr(exc))
    diffs, words_equal = compare(sig, want, got)
    return Outcome(name, lang, group, erratum, diffs, words_equal, True)


def flavour_a(sig: ModuleType, languages: list[str], table: Table) -> None:
    from converter import convert, to_text

    skip = errata()
    for lang, path in official_files(languages):
        want = path.read_bytes()
        rel = str(path.relative_to(CORPUS))

        def make(want: bytes = want, lang: str = lang) -> str:
            return convert(to_text(want), lang=lang)

        table.add("A", run_one(sig, rel, lang, lang, rel in skip, want, make))


def flavour_b(sig: ModuleType, table: Table) -> None:
    from converter import convert

    skip = errata()
    official = {p.name.split("-")[0]: p for p in (CORPUS / "official" / "80" / "en").glob("*.xml")}
    for path in sorted((CORPUS / "pdf-text" / "en").glob("*.txt")):
        symbol, version = path.name.split(".", 1)[0], path.name.split(".", 1)[1].rsplit(".", 1)[0]
        target = official.get(symbol)
        if target is None:
            continue
        rel = str(target.relative_to(CORPUS))
        text = path.read_text(encoding="utf-8")

        def make(text: str = text) -> str:
            return convert(text, lang="en")

        table.add("B", run_one(sig, path.name, "en", version, rel in skip, target.read_bytes(), make))


def noisy(text: str, lang: str, form: str, seed: int) -> str:
    """The text form of a document with page furniture, page-split paragraphs and stranded
    footnotes, deterministically from seed."""
    import random

    from converter.languages import load

    rng = random.Random(seed)
    head, _, body = text.partition("\n\n") if text.startswith("---") else ("", "", text)
    blocks = (body if head else text).rstrip("\n").split("\n\n")
    notes = [b for b in blocks if b.startswith("(") and b[1 : b.find(")")].isdecimal()]
    blocks = [b for b in blocks if b not in notes]
    bodies = {b[1 : b.find(")")]: b[b.find(")") + 1 :].strip() for b in notes}
    recycle = load(lang).data["furniture"]["recycle"]
    job = f"{rng.randint(10, 29)}-{rng.randint(10000, 99999)}"
    symbol = next((b for b in blocks if b.startswith("A/RES/")), "")
    out: list[str] = []
    placed: set[str] = set()
    page = 1
    for i, block in enumerate(blocks):
        calls = [m for m in bodies if f"^({m})" in block and m not in placed]
        if form == "bare":
            for m in calls:
                block = block.replace(f"^({m})", m, 1)
        if i > 8 and len(block) > 300 and rng.random() < 0.25 and not calls:
            cut = block.rfind(" ", 0, len(block) // 2)
            if cut > 0 and block[cut - 1] not in ",.;:،؛，。":
                out += [block[:cut], *furniture(rng, job, symbol, page, recycle), block[cut + 1 :]]
                page += 1
                continue
        out.append(block)
        for m in calls:
            placed.add(m)
            out += ["_____", f"{m} {bodies[m]}" if form == "bare" else f"({m}) {bodies[m]}"]
        if i > 8 and rng.random() < 0.08:
            out += furniture(rng, job, symbol, page, recycle)
            page += 1
    rest = [f"({m}) {b}" for m, b in bodies.items() if m not in placed]
    return (head + "\n\n" if head else "") + "\n\n".join(out + rest) + "\n"


def furniture(rng: object, job: str, symbol: str, page: int, recycle: str) -> list[str]:
    """The furniture of a page break: a page counter, the job number, a running header."""
    lines = [f"{page}/{page + 3}", job, f"*{job.replace('-', '')}*"]
    if page == 1:
        lines.append(recycle)
    if symbol:
        lines.append(symbol)
    return lines


def flavour_noise(sig: ModuleType, languages: list[str], table: Table) -> None:
    import zlib

    from converter import convert, to_text

    skip = errata()
    for lang, path in official_files(languages):
        want = path.read_bytes()
        rel = str(path.relative_to(CORPUS))
        text = to_text(want)
        for form in ("paren", "bare"):

            def make(
                text: str = text, lang: str = lang, form: str = form, seed: int = zlib.crc32(rel.encode())
            ) -> str:
                return convert(noisy(text, lang, form, seed), lang=lang)

            table.add("N", run_one(sig, rel, lang, f"{lang}-{form}", rel in skip, want, make))


def share(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def report(table: Table, fields: list[str], show: int) -> list[dict[str, Any]]:
    columns = ("docs", "exact*", "exact", "fields", "words", "valid")
    header = f"{'flavour':7} {'group':8} " + " ".join(f"{c:>7}" for c in columns) + "  most missed"
    print(header)
    print("-" * len(header))
    rows = []
    for (flavour, group), outcomes in sorted(table.rows.items()):
        clean = [o for o in outcomes if not o.erratum]
        exact_clean = sum(1 for o in clean if not o.diffs)
        exact_all = sum(1 for o in outcomes if not o.diffs)
        field_total = len(outcomes) * len(fields)
        field_ok = sum(len(fields) - len([f for f in o.diffs if f in fields]) for o in outcomes if o.valid)
        words = sum(1 for o in outcomes if o.words_equal)
        valid = sum(1 for o in outcomes if o.valid)
        missed = Counter(f for o in clean for f in o.diffs)
        top = ", ".join(f"{f} {n}" for f, n in missed.most_common(4))
        print(
            f"{flavour:7} {group:8} {len(outcomes):7} {share(exact_clean, len(clean)):>7} "
            f"{share(exact_all, len(outcomes)):>7} {share(field_ok, field_total):>7} "
            f"{share(words, len(outcomes)):>7} {share(valid, len(outcomes)):>7}  {top}"
        )
        rows.append(
            {
                "flavour": flavour,
                "group": group,
                "documents": len(outcomes),
                "exact_without_errata": exact_clean / len(clean) if clean else None,
                "exact_all": exact_all / len(outcomes),
                "fields": field_ok / field_total,
                "words": words / len(outcomes),
                "valid": valid / len(outcomes),
                "most_missed": missed.most_common(6),
            }
        )
    print("exact* leaves out the files of ERRATA.md")
    shown = 0
    for outcomes in table.rows.values():
        for o in outcomes:
            if shown >= show:
                break
            if o.diffs and not o.erratum:
                shown += 1
                print(f"\n{o.name}")
                for f, why in o.diffs.items():
                    print(f"  {f}: {why}")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--flavour", default="all", choices=["A", "B", "N", "all"])
    parser.add_argument("--lang", default="ar,zh,en,fr,ru,es")
    parser.add_argument("--show", type=int, default=0, help="print the first N differences")
    parser.add_argument("--json", help="write the table as JSON to this file")
    args = parser.parse_args(argv)
    if not (SHARED / "tools" / "signature.py").is_file():
        print("../shared is not present: nothing to measure", file=sys.stderr)
        return 2
    sig = load_signature()
    table = Table()
    started = time.perf_counter()
    languages = [code for code in args.lang.split(",") if code]
    if args.flavour in ("A", "all"):
        flavour_a(sig, languages, table)
    if args.flavour in ("B", "all"):
        flavour_b(sig, table)
    if args.flavour in ("N", "all"):
        flavour_noise(sig, languages, table)
    rows = report(table, list(sig.FIELDS), args.show)
    print(f"\n{sum(len(v) for v in table.rows.values())} documents in {time.perf_counter() - started:.1f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
