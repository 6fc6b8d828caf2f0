"""Speed of the converter over the official corpus (../shared/corpus/official), issue 5:

- per stage (parse, render, validate, to_text of our AKN and of the UN's file, language
  detection) and end to end (convert = text → validated AKN, with the language given and
  detected): median and 95th percentile time per document, and documents per second, every
  official file's text form (`to_text` of the official file) being the input;
- every resolution of about 25 KB (22.5-27.5 KB of text): the median over them of each stage;
- the document whose text form is closest to 25 KB, and the seed (examples/), on their own;
- a `to_text` batch of the official files, repeated to 5,000 inputs, on 1 and on 2 worker processes;
- the memory of one worker converting and rendering 10,000 documents, sampled every 1,000;
- Laws.Africa's bluebell-akn (text → AKN in its own markup, no validation) on the same resolutions,
  pure Python and, when bluebell-akn-rs is installed, its Rust parser. It needs Python ≥ 3.12: a
  separate venv (benchmarks/.bluebell-venv) is created on first use from BLUEBELL_PYTHON, a
  `python3.12`/`python3.13` on the PATH or pyenv's; without one, the rest still runs.

    python benchmarks/speed.py [--quick] [--no-bluebell] [--profile FILE] [--json FILE]

`--quick` (under a minute) measures every 8th file once, 1,000 batch inputs and 2,000 documents of
memory; the full run (a few minutes) measures every file three times. `--profile FILE` writes the
top entries of cProfile for `convert` and `to_text` (of our AKN and of the UN's file) on the 25 KB
document and on the seed.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import io
import json
import multiprocessing
import os
import pstats
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "official"
SEED = ROOT / "examples" / "000_a273e5295c9f1c03.txt"
BLUEBELL_VENV = ROOT / "benchmarks" / ".bluebell-venv"
BLUEBELL_RUNNER = ROOT / "benchmarks" / "bluebell_run.py"
BLUEBELL_PACKAGES = ("bluebell-akn", "bluebell-akn-rs")
TYPICAL_BYTES = 25_000
BAND_BYTES = (22_500, 27_500)
"""Every resolution of about 25 KB: the text forms within this many bytes."""


@dataclass(frozen=True)
class Document:
    """One official file and the input made from it."""

    name: str
    """session/lang/file.xml"""
    lang: str
    official: bytes
    """The official AKN."""
    text: str
    """Its text form (`to_text`): the converter's input."""


# --- the corpus -------------------------------------------------------------------------------


def load_corpus() -> list[Document]:
    """Every official file, with its text form."""
    from converter import to_text

    documents = []
    for path in sorted(CORPUS.glob("*/*/*.xml")):
        data = path.read_bytes()
        documents.append(Document(str(path.relative_to(CORPUS)), path.parent.name, data, to_text(data)))
    return documents


def convertible(documents: Sequence[Document]) -> tuple[list[Document], list[str]]:
    """The documents whose text form converts, and the names of those whose does not."""
    from converter import ConversionError, convert

    kept, refused = [], []
    for document in documents:
        try:
            convert(document.text, lang=document.lang)
        except ConversionError:
            refused.append(document.name)
            continue
        kept.append(document)
    return kept, refused


def typical_document(corpus: Sequence[Document]) -> Document:
    """The document whose text form is closest to 25 KB (UTF-8)."""
    return min(corpus, key=lambda d: (abs(len(d.text.encode("utf-8")) - TYPICAL_BYTES), d.name))


def seed_document() -> Document:
    from converter import convert

    text = SEED.read_text(encoding="utf-8")
    return Document(f"examples/{SEED.name}", "ar", convert(text).encode("utf-8"), text)


# --- timing -----------------------------------------------------------------------------------


def timed(function: Callable[[], object], repeat: int) -> list[float]:
    """Seconds of each of `repeat` calls, after one call to warm the caches."""
    function()
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        out.append(time.perf_counter() - started)
    return out


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def row(name: str, seconds: Sequence[float], per_doc: Sequence[float] | None = None) -> dict[str, Any]:
    """Median, 95th percentile (ms) and documents per second of a list of timings.

    `per_doc` (one median per document) gives the distribution over documents; `seconds` (every
    call) gives the throughput."""
    spread = per_doc if per_doc is not None else seconds
    total = sum(seconds)
    return {
        "stage": name,
        "median_ms": statistics.median(spread) * 1000,
        "p95_ms": percentile(spread, 0.95) * 1000,
        "docs_per_s": len(seconds) / total if total else 0.0,
        "n": len(spread),
    }


def print_rows(title: str, rows: Sequence[dict[str, Any]]) -> None:
    print(f"\n{title}")
    print(f"  {'':38} {'median ms':>10} {'p95 ms':>10} {'docs/s':>10} {'docs':>6}")
    for r in rows:
        print(
            f"  {r['stage']:38} {r['median_ms']:10.2f} {r['p95_ms']:10.2f} "
            f"{r['docs_per_s']:10.1f} {r['n']:6d}"
        )


STAGES = {
    "parse": "parse (text → model)",
    "render": "render (model → AKN)",
    "validate": "validate (XSD + profile)",
    "to_text": "to_text (AKN → text)",
    "to_text_official": "to_text of the UN's own file",
    "detect": "detect the language",
    "convert": "convert, language given",
    "convert_detected": "convert, language detected",
}
"""Stage keys and their labels; convert is text → validated AKN, end to end (the CLI detects the
language unless --lang names it); to_text reads the AKN convert wrote, to_text_official the UN's
file the text form was made from (its markup is fuller: indentation, wrappers, styles), for the
seed its own AKN again."""


def stage_calls(document: Document) -> dict[str, Callable[[], object]]:
    """The call of each stage on one document (inputs of each stage prepared beforehand)."""
    from converter import convert, parse, to_akn, to_text, validate
    from converter.languages import detect

    resolution = parse(document.text, lang=document.lang).resolution
    assert resolution is not None
    xml = to_akn(resolution)
    return {
        "parse": functools.partial(parse, document.text, lang=document.lang),
        "render": functools.partial(to_akn, resolution),
        "validate": functools.partial(validate, xml),
        "to_text": functools.partial(to_text, xml),
        "to_text_official": functools.partial(to_text, document.official),
        "detect": functools.partial(detect, document.text),
        "convert": functools.partial(convert, document.text, lang=document.lang),
        "convert_detected": functools.partial(convert, document.text),
    }


def stages(
    corpus: Sequence[Document], repeat: int
) -> tuple[list[dict[str, Any]], dict[str, dict[str, float]]]:
    """One row per stage; and, per stage, the median time of each document (for the side-by-side)."""
    every: dict[str, list[float]] = {stage: [] for stage in STAGES}
    medians: dict[str, dict[str, float]] = {stage: {} for stage in STAGES}
    for document in corpus:
        for stage, call in stage_calls(document).items():
            seconds = timed(call, repeat)
            every[stage] += seconds
            medians[stage][document.name] = statistics.median(seconds)
    rows = [
        {**row(label, every[stage], list(medians[stage].values())), "key": stage}
        for stage, label in STAGES.items()
    ]
    return rows, medians


def band_names(corpus: Sequence[Document]) -> set[str]:
    """The resolutions of about 25 KB of text (BAND_BYTES)."""
    low, high = BAND_BYTES
    return {d.name for d in corpus if low <= len(d.text.encode("utf-8")) <= high}


def band(corpus: Sequence[Document], medians: dict[str, dict[str, float]]) -> list[dict[str, Any]]:
    """Per stage, over every resolution of about 25 KB (BAND_BYTES): the distribution of the
    documents' median times, and the share of documents at most 3 ms."""
    names = band_names(corpus)
    rows = []
    for stage, label in STAGES.items():
        values = [seconds for name, seconds in medians[stage].items() if name in names]
        if values:
            share = sum(v <= 0.003 for v in values) / len(values)
            rows.append({**row(label, values, values), "key": stage, "share_within_3ms": share})
    return rows


def single(document: Document, repeat: int) -> list[dict[str, Any]]:
    """convert and to_text of one document, many times."""
    calls = stage_calls(document)
    size = len(document.text.encode("utf-8"))
    return [
        {
            **row(label, timed(calls[stage], repeat)),
            "key": stage,
            "document": document.name,
            "text_bytes": size,
        }
        for stage, label in STAGES.items()
    ]


# --- batch on 1 and 2 workers -----------------------------------------------------------------

_INPUTS: list[bytes] = []


def _set_inputs(inputs: list[bytes]) -> None:
    global _INPUTS
    _INPUTS = inputs


def _render_range(bounds: tuple[int, int]) -> int:
    """to_text of inputs[start:end] in a worker; the number of characters written."""
    from converter import to_text

    return sum(len(to_text(_INPUTS[i])) for i in range(*bounds))


def batch(corpus: Sequence[Document], total: int, rounds: int, chunk: int = 50) -> dict[str, Any]:
    """to_text over the official files repeated to `total` inputs, on 1 and 2 worker processes,
    `rounds` times; beside each round, what the machine itself gains from a second process.

    Each worker holds the inputs (given once, when it starts) and is sent index ranges, so that
    the parent's pickling does not compete with the workers for the two cores."""
    inputs = [d.official for d in corpus] * (total // len(corpus) + 1)
    inputs = inputs[:total]
    ranges = [(start, min(start + chunk, total)) for start in range(0, total, chunk)]
    print(f"\nto_text batch of {total} official files on 1 and 2 worker processes (target: x1.5)")
    print(f"  {'round':>5} {'1 worker':>10} {'2 workers':>10} {'speed-up':>9} {'machine':>8}   (docs/s)")
    out = []
    for number in range(1, rounds + 1):
        rates = {}
        for workers in (1, 2):
            with multiprocessing.get_context("fork").Pool(workers, _set_inputs, (inputs,)) as pool:
                pool.map(_render_range, [(0, 20)] * workers * 2, chunksize=1)  # import and warm up
                started = time.perf_counter()
                pool.map(_render_range, ranges, chunksize=1)
                rates[workers] = total / (time.perf_counter() - started)
        machine = spin_speed_up()
        out.append(
            {
                "one_worker": rates[1],
                "two_workers": rates[2],
                "speed_up": rates[2] / rates[1],
                "machine": machine,
            }
        )
        print(f"  {number:>5} {rates[1]:10.0f} {rates[2]:10.0f} {rates[2] / rates[1]:8.2f}x {machine:7.2f}x")
    speed_up = statistics.median(r["speed_up"] for r in out)
    best = max(r["speed_up"] for r in out)
    print(
        f"  speed-up: median x{speed_up:.2f}, best x{best:.2f}. 'machine': what a CPU-bound loop (no memory,"
        " no I/O) gained from a second process right after: the two cores are shared with the host's"
        " other load, which moves from second to second"
    )
    return {"inputs": total, "rounds": out, "speed_up": speed_up, "best_speed_up": best}


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def spin_speed_up(tasks: int = 8, n: int = 2_000_000) -> float:
    """How much more a pure-Python CPU-bound loop gets done on 2 processes than on 1."""
    rates = {}
    for workers in (1, 2):
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            pool.map(_spin, [1000] * workers, chunksize=1)
            started = time.perf_counter()
            pool.map(_spin, [n] * tasks, chunksize=1)
            rates[workers] = tasks / (time.perf_counter() - started)
    return rates[2] / rates[1]


# --- memory of a worker -----------------------------------------------------------------------


def _rss_kib() -> int:
    """The current resident size of this process (KiB)."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def _memory(items: list[tuple[str, str]], total: int, every: int) -> list[dict[str, int]]:
    """In a fresh worker: convert and to_text `total` documents, sampling the peak and current
    resident size every `every` documents."""
    from converter import convert, to_text

    samples = []
    for i in range(total):
        lang, text = items[i % len(items)]
        to_text(convert(text, lang=lang))
        if (i + 1) % every == 0:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
            samples.append({"documents": i + 1, "peak_rss_kib": peak, "rss_kib": _rss_kib()})
    return samples


def memory(corpus: Sequence[Document], total: int, every: int = 1000) -> dict[str, Any]:
    """Peak resident size of one worker (a fresh process), every `every` documents."""
    items = [(d.lang, d.text) for d in corpus]
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        samples = pool.apply(_memory, (items, total, every))
    first, last = samples[0]["peak_rss_kib"], samples[-1]["peak_rss_kib"]
    growth = last - first
    # Flat: after the first sample (every document of the corpus seen once), the peak grows by
    # less than 2 % or 2 MiB, whichever is more.
    flat = growth <= max(2048, first // 50)
    print(f"\nworker memory over {total} documents (convert + to_text), every {every}:")
    print(f"  {'documents':>10} {'peak RSS MiB':>13} {'RSS MiB':>9}")
    for s in samples:
        print(f"  {s['documents']:>10} {s['peak_rss_kib'] / 1024:13.1f} {s['rss_kib'] / 1024:9.1f}")
    verdict = "flat" if flat else "GROWS"
    print(
        f"  peak after {samples[0]['documents']} → {samples[-1]['documents']} documents: "
        f"{growth / 1024:+.1f} MiB: {verdict}"
    )
    return {"documents": total, "samples": samples, "growth_kib": growth, "flat": flat}


# --- bluebell-akn side by side ----------------------------------------------------------------

# Words that open a line with a meaning in bluebell's markup: such a line is escaped.
BLUEBELL_KEYWORDS = re.compile(
    r"(?:[A-Z]+(?:[ .{]|$))",
)
# A run that bluebell's inline grammar would read as markup: escaped with a backslash.
BLUEBELL_SPECIAL = re.compile(r"\\|\*\*|//|__|\{\{")


def _bluebell_escape(text: str) -> str:
    return BLUEBELL_SPECIAL.sub(lambda m: "\\" + m.group(0), " ".join(text.split()))


def _bluebell_inline(nodes: Sequence[Any]) -> str:
    from converter import Emphasis, NoteCall, Superscript, Text

    out = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(_bluebell_escape(node.text))
        elif isinstance(node, Emphasis):
            mark = "**" if node.kind == "b" else "//"
            out.append(f"{mark}{_bluebell_inline(node.children)}{mark}")
        elif isinstance(node, NoteCall):
            out.append(f"{{{{FOOTNOTE {node.marker}}}}}")
        elif isinstance(node, Superscript):
            out.append(f"{{{{^{_bluebell_escape(node.text)}}}}}")
    return "".join(out)


class _Markup:
    """A resolution of the model in bluebell's markup for a `statement`: PREFACE (masthead, number
    and title), PREAMBLE (formula and preambular paragraphs), BODY (PARA with SUBPARA points,
    SECTION, CROSSHEADING, TABLE; PART for resolutions in parts), CONCLUSIONS, ATTACHMENT per annex;
    footnote calls as {{FOOTNOTE n}} and each body as a FOOTNOTE block after the block that first
    calls it."""

    def __init__(self, resolution: Any) -> None:
        self.lines: list[str] = []
        self.notes = {note.marker: note for note in resolution.footnotes}
        self.placed: set[str] = set()

    def line(self, depth: int, text: str) -> None:
        if not text.strip():
            return
        if BLUEBELL_KEYWORDS.match(text):
            text = "\\" + text
        self.lines.append("  " * depth + text)

    def block(self, depth: int, nodes: Sequence[Any]) -> None:
        """A line of inlines, followed by the bodies of the footnotes it calls first."""
        from converter import Emphasis, NoteCall

        self.line(depth, _bluebell_inline(nodes))
        stack = list(nodes)
        while stack:
            node = stack.pop(0)
            if isinstance(node, Emphasis):
                stack[:0] = node.children
            elif isinstance(node, NoteCall) and node.marker in self.notes and node.marker not in self.placed:
                self.placed.add(node.marker)
                self.lines.append("  " * depth + f"FOOTNOTE {node.marker}")
                self.block(depth + 1, self.notes[node.marker].content)

    def points(self, depth: int, points: Sequence[Any]) -> None:
        for point in points:
            self.lines.append("  " * depth + f"SUBPARA {_bluebell_escape(point.num)}")
            self.block(depth + 1, point.content)
            self.points(depth + 1, point.points)
            self.block(depth + 1, point.wrap_up)

    def nodes(self, depth: int, nodes: Sequence[Any]) -> None:
        from converter import CrossHeading, OperativeParagraph, Section, Table, Text

        for node in nodes:
            if isinstance(node, OperativeParagraph):
                self.lines.append(
                    "  " * depth + ("PARA " + _bluebell_escape(node.num) if node.num else "PARA")
                )
                self.block(depth + 1, (Text(node.opening), *node.content))
                self.points(depth + 1, node.points)
                self.block(depth + 1, node.wrap_up)
            elif isinstance(node, CrossHeading):
                self.lines.append("  " * depth + f"CROSSHEADING {_bluebell_inline(node.content)}")
            elif isinstance(node, Section):
                heading = _bluebell_inline(node.heading)
                self.lines.append("  " * depth + f"SECTION {_bluebell_escape(node.num)} - {heading}")
                self.nodes(depth + 1, node.children)
            elif isinstance(node, Table):
                self.lines.append("  " * depth + "TABLE")
                for row_number, cells in enumerate(node.rows):
                    self.lines.append("  " * (depth + 1) + "TR")
                    for cell in cells:
                        tag = "TH" if row_number < node.header_rows else "TC"
                        self.lines.append("  " * (depth + 2) + tag)
                        self.block(depth + 3, cell)

    def body(self, depth: int, body: Any) -> None:
        self.line(depth, _bluebell_escape(body.formula + body.formula_tail))
        for paragraph in body.preamble:
            self.block(
                depth, (*((_text(paragraph.opening),) if paragraph.opening else ()), *paragraph.content)
            )

    def render(self, r: Any) -> str:
        self.lines.append("PREFACE")
        for masthead_line in r.masthead.lines:
            self.line(1, _bluebell_escape(masthead_line.text))
        self.block(1, (_text(r.number_text + r.title_separator), *r.title))
        if r.parts:
            self.lines.append("BODY")
            for part in r.parts:
                self.lines.append(f"  PART {_bluebell_escape(part.label)} - {_bluebell_escape(part.title)}")
                self.body(2, part.body)
                self.nodes(2, part.body.operative)
                for text in (part.conclusion.meeting_text, part.conclusion.date_text):
                    self.line(2, _bluebell_escape(text or ""))
        else:
            self.lines.append("PREAMBLE")
            self.body(1, r.body)
            self.lines.append("BODY")
            self.nodes(1, r.body.operative)
        body, self.lines = self.lines, []
        for annex in r.annexes:
            heading = _bluebell_escape(" ".join(annex.heading[:1]))
            self.lines.append(f"ATTACHMENT {heading}")
            for extra in annex.heading[1:]:
                self.line(1, _bluebell_escape(extra))
            for block in annex.blocks:
                self.block(1, block)
        annexes, self.lines = self.lines, body
        unplaced = [marker for marker in self.notes if marker not in self.placed]
        if r.conclusion.meeting_text or r.conclusion.date_text or unplaced:
            self.lines.append("CONCLUSIONS")
            for text in (r.conclusion.meeting_text, r.conclusion.date_text):
                self.line(1, _bluebell_escape(text or ""))
            for marker in unplaced:  # bodies that nothing calls
                self.lines.append(f"  FOOTNOTE {marker}")
                self.block(2, self.notes[marker].content)
        self.lines += annexes
        return "\n".join(line for line in self.lines if line) + "\n"


def _text(value: str) -> Any:
    from converter import Text

    return Text(value)


def bluebell_job(document: Document) -> dict[str, str]:
    """The resolution of an official file in bluebell's markup, with a work FRBR URI for it."""
    from converter import read_akn

    resolution = read_akn(document.official)
    uri = f"/akn/un/statement/deliberation/unga/{resolution.adopted}/{resolution.session}-{resolution.number}"
    return {"name": document.name, "frbr_uri": uri, "markup": _Markup(resolution).render(resolution)}


def _python_312() -> str | None:
    """A Python ≥ 3.12 to run bluebell with."""
    candidates = [
        os.environ.get("BLUEBELL_PYTHON", ""),
        shutil.which("python3.13"),
        shutil.which("python3.12"),
    ]
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    candidates += [str(p / "bin" / "python3") for p in sorted(pyenv.glob("3.1[2-9]*"), reverse=True)]
    for candidate in candidates:
        if candidate and Path(candidate).exists():
            check = subprocess.run(
                [candidate, "-c", "import sys; sys.exit(sys.version_info < (3, 12))"], capture_output=True
            )
            if check.returncode == 0:
                return candidate
    return None


def bluebell_python() -> tuple[str | None, str]:
    """The venv's Python with bluebell-akn installed (created on first use), or None and why not."""
    python = BLUEBELL_VENV / "bin" / "python"
    if (
        python.exists()
        and subprocess.run([python, "-c", "import bluebell"], capture_output=True).returncode == 0
    ):
        return str(python), "installed"
    base = _python_312()
    if base is None:
        return None, "no Python ≥ 3.12 found (set BLUEBELL_PYTHON, or put python3.12 on the PATH)"
    print(
        f"\ncreating {BLUEBELL_VENV.relative_to(ROOT)} with {base} "
        f"and installing {' '.join(BLUEBELL_PACKAGES)} …"
    )
    made = subprocess.run([base, "-m", "venv", str(BLUEBELL_VENV)], capture_output=True, text=True)
    if made.returncode != 0:
        return None, f"cannot create the venv: {made.stderr.strip()[-300:]}"
    for packages in (BLUEBELL_PACKAGES, BLUEBELL_PACKAGES[:1]):  # the Rust parser is optional
        pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *packages]
        try:
            installed = subprocess.run(pip, capture_output=True, text=True, timeout=600)
        except subprocess.TimeoutExpired:
            return None, "pip install bluebell-akn timed out (is a package registry reachable?)"
        if installed.returncode == 0:
            return str(python), "installed now"
        reason = installed.stderr.strip().splitlines()[-1:] or ["no message"]
    return None, f"pip install bluebell-akn failed (is a package registry reachable?): {reason[0]}"


def bluebell(documents: Sequence[Document], repeat: int) -> dict[str, Any]:
    """bluebell-akn's parse to AKN XML, timed in its own venv on the same resolutions."""
    python, status = bluebell_python()
    if python is None:
        print(f"\nbluebell-akn: NOT RUN: {status}")
        return {"ran": False, "reason": status}
    jobs = [bluebell_job(d) for d in documents]
    with tempfile.TemporaryDirectory() as folder:
        given, taken = Path(folder) / "in.json", Path(folder) / "out.json"
        given.write_text(json.dumps(jobs), encoding="utf-8")
        run = subprocess.run(
            [python, str(BLUEBELL_RUNNER), str(given), str(taken), "--repeat", str(repeat)],
            capture_output=True,
            text=True,
        )
        if run.returncode != 0:
            reason = f"the bluebell run failed: {run.stderr.strip()[-500:]}"
            print(f"\nbluebell-akn: NOT RUN: {reason}")
            return {"ran": False, "reason": reason}
        result: dict[str, Any] = json.loads(taken.read_text(encoding="utf-8"))
    result["ran"] = True
    result["markup_bytes_median"] = statistics.median(len(j["markup"].encode("utf-8")) for j in jobs)
    return result


def side_by_side(
    ours: dict[str, dict[str, float]],
    theirs: dict[str, Any],
    typical: Document,
    ours_typical: dict[str, float],
    typical_band: set[str],
) -> list[dict[str, Any]]:
    """Median time per document, ours and bluebell's parsers, on the documents both ran; the
    median over the resolutions of about 25 KB (`typical_band`) of each one's median; and on the
    25 KB document."""
    names = [name for name in (theirs.get("python") or {}) if name in ours["convert"]]
    if not names:
        print("\nbluebell-akn: no document to compare")
        return []
    mine = {
        "ours: convert (lang given, validated)": {n: ours["convert"][n] for n in names},
        "ours: parse + render (no validation)": {n: ours["parse"][n] + ours["render"][n] for n in names},
    }
    in_band = [name for name in names if name in typical_band]
    rows = []
    for label, per_doc in mine.items():
        rows.append(row(label, list(per_doc.values()), list(per_doc.values())))
        rows[-1]["typical_ms"] = ours_typical[label] * 1000
        if in_band:
            rows[-1]["band_ms"] = statistics.median(per_doc[name] for name in in_band) * 1000
    for parser in ("python", "rust"):
        times: dict[str, list[float]] = theirs.get(parser) or {}
        if not times:
            continue
        medians = {name: statistics.median(times[name]) for name in names}
        every = [t for name in names for t in times[name]]
        rows.append(row(f"bluebell {parser} parser", every, list(medians.values())))
        if in_band:
            rows[-1]["band_ms"] = statistics.median(medians[name] for name in in_band) * 1000
        if typical.name in times:
            rows[-1]["typical_ms"] = statistics.median(times[typical.name]) * 1000
    print_rows(
        f"side by side with bluebell-akn {theirs.get('version', '?')} "
        f"on Python {theirs.get('python_version')} (text → AKN; bluebell does not validate)",
        rows,
    )
    low, high = BAND_BYTES
    for r in rows:
        if "band_ms" in r:
            where = f"median over the {len(in_band)} resolutions of {low:,}-{high:,} bytes"
            print(f"  {r['stage']:38} {r['band_ms']:8.2f} ms, {where}")
    for r in rows:
        if "typical_ms" in r:
            print(f"  {r['stage']:38} {r['typical_ms']:8.2f} ms on {typical.name}")
    if theirs.get("failed"):
        print(f"  bluebell refused {len(theirs['failed'])} documents: {theirs['failed'][:5]}")
    return rows


# --- profile ----------------------------------------------------------------------------------


def profile(documents: Sequence[Document], path: Path, calls: int = 100) -> None:
    """cProfile of convert, of to_text of what it wrote and of to_text of the UN's own file (for
    the seed, its own AKN again) on each document: top 15 by cumulative and by own time."""
    from converter import convert, to_text

    out = io.StringIO()
    for document in documents:
        xml = convert(document.text, lang=document.lang)
        for label, call in (
            ("convert", functools.partial(convert, document.text)),  # language detected, as by the CLI
            ("to_text", functools.partial(to_text, xml)),
            ("to_text of the UN's file", functools.partial(to_text, document.official)),
        ):
            call()
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(calls):
                call()
            profiler.disable()
            for key in ("cumulative", "tottime"):
                text = io.StringIO()
                pstats.Stats(profiler, stream=text).strip_dirs().sort_stats(key).print_stats(15)
                lines = [line for line in text.getvalue().splitlines() if line.strip()]
                out.write(f"== {label}({document.name}), {calls} calls, by {key}\n")
                out.write(
                    "\n".join(line for line in lines if not line.lstrip().startswith(("Ordered", "List")))
                )
                out.write("\n\n")
    path.write_text(out.getvalue(), encoding="utf-8")
    print(f"\nprofile written to {path}")


# --- main -------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="every 8th file, fewer repetitions (< 1 minute)")
    parser.add_argument("--no-bluebell", action="store_true", help="skip the side-by-side with bluebell-akn")
    parser.add_argument("--profile", metavar="FILE", help="write cProfile's top entries to FILE")
    parser.add_argument("--json", metavar="FILE", help="write the figures as JSON to FILE")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"{CORPUS} is not present: nothing to measure", file=sys.stderr)
        return 2
    started = time.perf_counter()
    corpus = load_corpus()
    typical, seed = typical_document(corpus), seed_document()
    sample, refused = convertible(corpus[::8] if args.quick else corpus)
    if typical not in sample:
        sample.append(typical)
    repeat = 1 if args.quick else 3
    print(
        f"{len(corpus)} official files; measuring the {len(sample)} whose text form converts "
        f"({len(refused)} refused: {', '.join(refused)}), {repeat} time(s) each"
    )
    results: dict[str, Any] = {"mode": "quick" if args.quick else "full", "documents": len(sample)}
    results["refused"] = refused
    results["load_average_start"] = os.getloadavg()
    results["stages"], per_document = stages(sample, repeat)
    print_rows("per stage, over the official files' text forms (ms per document)", results["stages"])
    results["band"] = band(sample, per_document)
    low, high = BAND_BYTES
    print_rows(
        f"every resolution of {low:,}-{high:,} bytes of text (median over documents of each one's median)",
        results["band"],
    )
    for r in results["band"]:
        if r["key"].startswith("convert"):
            print(f"  {r['stage']}: {r['share_within_3ms']:.0%} of these documents within 3 ms")
    for key, document in (("typical", typical), ("seed", seed)):
        size = len(document.text.encode("utf-8"))
        results[key] = single(document, 50 if args.quick else 300)
        print_rows(f"{document.name}, {size} bytes of text ({document.lang})", results[key])
    print("  targets: convert ≤ 3 ms, to_text ≤ 1 ms for a 25 KB resolution on one core")
    results["batch"] = batch(corpus, 1000 if args.quick else 5000, 1 if args.quick else 3)
    results["memory"] = memory(sample, 2000 if args.quick else 10_000)
    if not args.no_bluebell:
        results["bluebell"] = bluebell(sample, repeat)
        if results["bluebell"]["ran"]:
            typical_ms = {r["key"]: r["median_ms"] / 1000 for r in results["typical"]}
            ours_typical = {
                "ours: convert (lang given, validated)": typical_ms["convert"],
                "ours: parse + render (no validation)": typical_ms["parse"] + typical_ms["render"],
            }
            results["side_by_side"] = side_by_side(
                per_document, results["bluebell"], typical, ours_typical, band_names(sample)
            )
    if args.profile:
        profile([typical, seed], Path(args.profile))
    results["wall_s"] = time.perf_counter() - started
    results["load_average_end"] = os.getloadavg()
    print(
        f"\nwall time {results['wall_s']:.0f} s; load average (1, 5, 15 min) at the start "
        f"{' '.join(f'{x:.2f}' for x in results['load_average_start'])}, at the end "
        f"{' '.join(f'{x:.2f}' for x in results['load_average_end'])} (on {os.cpu_count()} cores)"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
