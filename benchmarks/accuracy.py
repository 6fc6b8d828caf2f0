"""Accuracy of the converter against the UN's own AKN (DESIGN §5), with the signature defined by
`../shared/tools/signature.py`, imported unchanged.

Flavours:
  A  every official file → our `to_text` → `convert`, compared with the official file;
  B  the real PDF texts in `../shared/corpus/pdf-text/en/` → `convert`, compared with their
     official files (grouped by extraction version).

    python benchmarks/accuracy.py [--flavour A|B|all] [--lang ar,en,...] [--show N] [--json FILE]
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
    parser.add_argument("--flavour", default="all", choices=["A", "B", "all"])
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
    rows = report(table, list(sig.FIELDS), args.show)
    print(f"\n{sum(len(v) for v in table.rows.values())} documents in {time.perf_counter() - started:.1f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
