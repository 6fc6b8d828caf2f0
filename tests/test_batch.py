"""Batch conversion: worker processes, summary, JSON report, --fail-fast, --skip-existing, --quiet,
the progress bar, and runs stopped by Ctrl-C or SIGTERM (no partial XML; resumable)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from converter import batch, convert, to_text, validate
from converter.batch import Job, Options, run_batch
from converter.cli import CONVERT, TEXT, VALIDATE, Kind, Progress, report_chunks, summary
from converter.diagnostics import CODES, Diagnostic

from .conftest import SEED, SHARED
from .test_cli import ENGLISH, files_under, run

AKN = Path(sys.executable).parent / "akn"
SEED_TEXT = SEED.read_text(encoding="utf-8")


def seed_bytes() -> bytes:
    return convert(SEED_TEXT).encode("utf-8")


def english_bytes() -> bytes:
    return convert(ENGLISH).encode("utf-8")


def seed_copies(tmp_path: Path, count: int, *, width: int) -> Path:
    """A source folder of `count` copies of the seed, docNN.txt (NN `width` digits)."""
    src = tmp_path / "src"
    src.mkdir()
    for i in range(count):
        shutil.copy(SEED, src / f"doc{i:0{width}}.txt")
    return src


def tree(tmp_path: Path, good: int = 4, bad: tuple[str, ...] = ("c/empty.txt",)) -> Path:
    """A source folder: `good` copies of the seed alternating with the English text, and the bad
    inputs named (empty files)."""
    src = tmp_path / "src"
    for i in range(good):
        target = src / ("a" if i % 2 else "b") / f"doc{i:03}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(SEED_TEXT if i % 2 else ENGLISH, encoding="utf-8")
    for name in bad:
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_bytes(b"")
    return src


def expected(i: int) -> bytes:
    return seed_bytes() if i % 2 else english_bytes()


# ---- workers ----------------------------------------------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "2", "3"])
def test_same_outputs_on_any_number_of_workers(tmp_path: Path, jobs: str) -> None:
    src = tree(tmp_path, good=6)
    code, _, err = run("convert", str(src), "-o", str(tmp_path / "out"), "--jobs", jobs)
    assert code == 1  # the empty input
    assert files_under(tmp_path / "out") == sorted(f"{'a' if i % 2 else 'b'}/doc{i:03}.xml" for i in range(6))
    for i in range(6):
        assert (tmp_path / "out" / ("a" if i % 2 else "b") / f"doc{i:03}.xml").read_bytes() == expected(i)
    assert f"{src / 'c' / 'empty.txt'}:1:1: error[empty-input]" in err
    assert "Traceback" not in err


def test_run_batch_gives_records_in_input_order(tmp_path: Path) -> None:
    src = tree(tmp_path, good=5)
    jobs = [Job(p, p.relative_to(src).with_suffix(".xml")) for p in sorted(src.rglob("*.txt"))]
    seen: list[str] = []
    records = run_batch(
        jobs, tmp_path / "out", Options(), workers=2, on_record=lambda r: seen.append(r.source)
    )
    assert [r.source for r in records] == [str(job.source) for job in jobs]
    assert sorted(seen) == sorted(str(job.source) for job in jobs)
    statuses = {Path(r.source).name: r.status for r in records}
    assert statuses["empty.txt"] == "failed"
    assert statuses["doc001.txt"] == "warnings"  # the seed's typo
    assert statuses["doc000.txt"] == "converted"
    assert all(r.milliseconds > 0 for r in records)


DYING_WORKER = """
import os, signal, sys, json
from pathlib import Path
import converter.batch as batch
from converter.batch import Job, Options, run_batch

real = batch.convert_job

def crashing(job, out, options):
    if job.source is not None and job.source.name == "doc17.txt":
        os.kill(os.getpid(), signal.SIGKILL)  # what the OOM killer or a crash in C code does
    return real(job, out, options)

batch.convert_job = crashing  # the workers inherit it by fork
src, out = Path(sys.argv[1]), Path(sys.argv[2])
jobs = [Job(p, Path(p.name).with_suffix(".xml")) for p in sorted(src.iterdir())]
records = run_batch(jobs, out, Options(), workers=2)
print(json.dumps([r.as_json() for r in records]))
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the workers inherit the patched function by fork")
def test_a_worker_that_dies_fails_its_input_and_the_others_go_on(tmp_path: Path) -> None:
    src = seed_copies(tmp_path, 40, width=2)
    script = tmp_path / "dying.py"
    script.write_text(DYING_WORKER, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), str(src), str(tmp_path / "out")],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,  # a pool that waits for the dead worker's task never ends
    )
    assert done.returncode == 0, done.stderr
    records = json.loads(done.stdout)
    assert [Path(r["input"]).name for r in records] == [f"doc{i:02}.txt" for i in range(40)]
    failed = [r for r in records if r["status"] == "failed"]
    assert [Path(r["input"]).name for r in failed] == ["doc17.txt"]
    assert "died (killed by signal 9)" in failed[0]["diagnostics"][0]["message"]
    assert files_under(tmp_path / "out") == [f"doc{i:02}.xml" for i in range(40) if i != 17]


class _Exited(Exception):
    pass


@pytest.mark.parametrize("where", ["open", "replace"])
def test_a_worker_stopped_while_writing_removes_its_temporary_file_before_it_ends(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, where: str
) -> None:
    # SIGTERM reaches a worker in the middle of writing an output: as the temporary file's
    # os.open returns (Python runs a signal's handler right after a call that it came during),
    # or just before the rename. It ends at once (os._exit: nothing unwinds), so the file must be
    # gone by then.
    def exit_(code: int) -> None:
        assert list(tmp_path.iterdir()) == []
        raise _Exited(code)

    real_open = os.open

    def open_(*args: Any) -> int:
        handle = real_open(*args)
        if where == "open":
            os.close(handle)
            batch._worker_stop(signal.SIGTERM, None)
        return handle

    def replace(source: object, target: object) -> None:
        batch._worker_stop(signal.SIGTERM, None)

    monkeypatch.setattr(os, "_exit", exit_)
    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(_Exited) as exited:
        batch.write_atomically(tmp_path / "doc.xml", b"<akomaNtoso/>")
    assert exited.value.args == (128 + signal.SIGTERM,)


AWKWARD_NAMES = ["res[1].xml", "a*?.xml", "a.xml", "n" * 251 + ".xml", "\u0642" * 125 + ".xml"]


@pytest.mark.parametrize("name", AWKWARD_NAMES)
def test_temporary_files_of_any_name_are_found_and_removed(tmp_path: Path, name: str) -> None:
    # (A name of up to 255 bytes, as file systems allow, had a temporary name too long to be made;
    # a name holding [ * ? was read as a pattern when a stopped worker's temporary files were
    # removed, and "a.xml"'s pattern met the temporary file of "a.xml.2.xml".)
    target = tmp_path / name
    mine, neighbour = batch.temporary_for(target), batch.temporary_for(tmp_path / f"{name}.2.xml")
    for temporary in (mine, neighbour):
        assert temporary.parent == tmp_path and temporary.name.startswith(".")
        assert len(os.fsencode(temporary.name)) <= 255
        temporary.write_bytes(b"")
    batch.remove_temporaries([target])
    assert list(tmp_path.iterdir()) == [neighbour]
    batch.write_atomically(target, b"<akomaNtoso/>")
    assert sorted(tmp_path.iterdir()) == sorted([neighbour, target])


def test_an_input_named_as_long_as_the_file_system_allows_converts(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / ("n" * 251 + ".txt")).write_text(SEED_TEXT, encoding="utf-8")
    code, _, err = run("convert", str(src), "-o", str(tmp_path / "out"), "-q")
    assert (code, err) == (0, "")
    assert files_under(tmp_path / "out") == ["n" * 251 + ".xml"]


def test_a_file_written_in_chunks_is_all_or_nothing(tmp_path: Path) -> None:
    target = tmp_path / "run.json"
    batch.write_atomically(target, iter([b"{", b"}"]))
    assert target.read_bytes() == b"{}"

    def stopped() -> Iterator[bytes]:
        yield b'{"files": ['
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        batch.write_atomically(target, stopped())
    assert files_under(tmp_path) == ["run.json"] and target.read_bytes() == b"{}"


def test_a_stop_dropped_by_python_still_stops_the_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # An exception raised by a signal handler while Python runs a __del__ is printed and dropped;
    # the run must stop all the same, after the input it was on.
    class Dropping:
        def __del__(self) -> None:
            batch._raise_stop(signal.SIGTERM, None)

    def on_record(record: batch.Record) -> None:
        Dropping()

    monkeypatch.setattr(sys, "unraisablehook", lambda unraisable: None)
    jobs = [Job(SEED, Path(f"doc{i}.xml")) for i in range(3)]
    with pytest.raises(batch.Interrupted) as stop:
        run_batch(jobs, tmp_path, Options(), workers=1, on_record=on_record)
    assert stop.value.signal_number == signal.SIGTERM
    assert [Path(r.output or "").name for r in stop.value.records] == ["doc0.xml"]
    assert files_under(tmp_path) == ["doc0.xml"]


# ---- summary and report -----------------------------------------------------------------------


def test_a_batch_ends_with_a_one_line_summary(tmp_path: Path) -> None:
    src = tree(tmp_path, good=4)
    code, _, err = run("convert", str(src), "-o", str(tmp_path / "out"), "--jobs", "2")
    last = err.strip().splitlines()[-1]
    assert code == 1
    assert last.startswith("4 converted (2 with warnings), 1 failed in ") and last.endswith(" s")


def test_a_single_file_has_no_summary(tmp_path: Path) -> None:
    code, _, err = run("convert", str(SEED), "-o", str(tmp_path / "out"))
    assert code == 0 and "converted" not in err


def test_the_report_has_one_record_per_input(tmp_path: Path) -> None:
    src = tree(tmp_path, good=3)
    report = tmp_path / "reports" / "run.json"
    code, _, _ = run("convert", str(src), "-o", str(tmp_path / "out"), "--report", str(report), "-j", "2")
    assert code == 1
    document = json.loads(report.read_text(encoding="utf-8"))
    assert document["summary"] == {"converted": 2, "warnings": 1, "failed": 1, "skipped": 0}
    assert document["command"] == "convert"
    assert document["interrupted"] is False and document["jobs"] == 2
    files = {Path(record["input"]).name: record for record in document["files"]}
    assert sorted(files) == ["doc000.txt", "doc001.txt", "doc002.txt", "empty.txt"]
    seed = files["doc001.txt"]
    assert seed["status"] == "warnings"
    assert seed["output"] == str(tmp_path / "out" / "a" / "doc001.xml")
    assert seed["milliseconds"] > 0
    warning = seed["diagnostics"][0]
    assert (warning["severity"], warning["code"], warning["line"], warning["column"]) == (
        "warning",
        "unknown-opening",
        55,
        1,
    )
    empty = files["empty.txt"]
    assert empty["status"] == "failed" and empty["output"] is None
    assert [(d["code"], d["line"], d["column"]) for d in empty["diagnostics"]] == [("empty-input", 1, 1)]
    assert (files["doc000.txt"]["status"], files["doc000.txt"]["diagnostics"]) == ("converted", [])


def test_the_report_counts_agree_with_the_summary(tmp_path: Path) -> None:
    src = tree(tmp_path, good=5)
    report = tmp_path / "run.json"
    _, _, err = run("convert", str(src), "-o", str(tmp_path / "out"), "--report", str(report))
    document = json.loads(report.read_text(encoding="utf-8"))
    counts = document["summary"]
    assert counts == {"converted": 3, "warnings": 2, "failed": 1, "skipped": 0}
    assert err.strip().splitlines()[-1].startswith("5 converted (2 with warnings), 1 failed")


def test_the_report_names_a_file_whose_name_is_not_utf8(tmp_path: Path) -> None:
    # (Linux allows any bytes in a name; the report's UTF-8 encoding failed with a traceback.)
    src = tmp_path / "src"
    src.mkdir()
    try:
        (src / os.fsdecode(b"r\xe9solution.txt")).write_text(SEED_TEXT, encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system takes UTF-8 names only")
    report = tmp_path / "run.json"
    convert_it = ["convert", str(src), "-o", str(tmp_path / "out")]
    for command, suffix in ((convert_it, b".txt"), (["validate", str(tmp_path / "out")], b".xml")):
        code, _, err = run(*command, "-q", "--report", str(report))
        assert code == 0 and err == ""
        (record,) = json.loads(report.read_bytes().decode("utf-8"))["files"]
        assert os.fsencode(record["input"]).endswith(b"r\xe9solution" + suffix)
        assert record["status"] in ("warnings", "valid")


def test_a_report_to_stdout(tmp_path: Path) -> None:
    # (`--report -` wrote a file named "-".)
    src = tree(tmp_path, good=2)
    code, stdout, _ = run("convert", str(src), "-o", str(tmp_path / "out"), "-q", "--report", "-")
    assert code == 1 and not Path("-").exists()
    document = json.loads(stdout)
    assert document["summary"] == {"converted": 1, "warnings": 1, "failed": 1, "skipped": 0}
    assert len(document["files"]) == 3
    code, stdout, _ = run("validate", str(tmp_path / "out"), "-q", "--report", "-")
    assert code == 0 and json.loads(stdout)["summary"]["warnings"] == 0
    # without -o, stdout is the output's
    code, stdout, err = run("convert", str(SEED), "--report", "-")
    assert (code, stdout) == (2, "") and "--report - writes the report to stdout" in err


RECORD_TEXT = st.text(st.characters(codec="utf-8"), max_size=12)
# A file name that is not UTF-8 is read with lone surrogates for its bytes (surrogateescape).
ESCAPED_BYTES = st.text(st.sampled_from([chr(code) for code in range(0xDC80, 0xDD00)]), max_size=2)
FILE_NAME = st.tuples(RECORD_TEXT, ESCAPED_BYTES, RECORD_TEXT).map("".join)
DIAGNOSTICS = st.lists(
    st.builds(
        Diagnostic,
        st.sampled_from(sorted(CODES)),
        RECORD_TEXT,
        st.none(),
        st.integers(0, 10_000),
        st.integers(0, 500),
    ),
    max_size=3,
)
RECORDS = st.lists(
    st.builds(
        batch.Record,
        FILE_NAME,
        st.none() | FILE_NAME,
        st.sampled_from(["converted", "warnings", "failed", "skipped"]),
        DIAGNOSTICS,
        st.lists(st.builds(batch.Problem, RECORD_TEXT, RECORD_TEXT), max_size=2),
        st.floats(0, 1e6),
    ),
    max_size=6,
)


@given(records=RECORDS, interrupted=st.booleans(), kind=st.sampled_from([CONVERT, TEXT, VALIDATE]))
def test_the_report_is_written_record_by_record_as_one_json_document(
    records: list[batch.Record], interrupted: bool, kind: Kind
) -> None:
    # (It is streamed, not built whole in memory; the bytes are those of the whole document.)
    head = {"tool": "un-akn", "interrupted": interrupted, "summary": {"converted": len(records)}}
    files = [r.as_json(kind.status) for r in records]
    written = b"".join(report_chunks(head, records, kind))
    assert json.loads(written.decode("utf-8")) == {**head, "files": files}  # (strict UTF-8)
    whole = json.dumps({**head, "files": files}, ensure_ascii=False, indent=1)
    if not any("\ud800" <= c <= "\udfff" for c in whole):
        assert written == (whole + "\n").encode("utf-8")
    named = {"converted": kind.done, "failed": "invalid" if kind is VALIDATE else "failed"}
    assert [f["status"] for f in files] == [named.get(r.status, r.status) for r in records]


# ---- fail-fast, skip-existing, quiet ----------------------------------------------------------


def test_fail_fast_stops_at_the_first_failure(tmp_path: Path) -> None:
    src = tree(tmp_path, good=0, bad=())
    src.mkdir()
    (src / "1.txt").write_text(ENGLISH, encoding="utf-8")
    (src / "2.txt").write_bytes(b"")
    (src / "3.txt").write_text(ENGLISH, encoding="utf-8")
    code, _, err = run("convert", str(src), "-o", str(tmp_path / "out"), "--fail-fast", "-j", "1")
    assert code == 1
    assert files_under(tmp_path / "out") == ["1.xml"]
    assert "error[empty-input]" in err
    # without it, the third is converted
    assert run("convert", str(src), "-o", str(tmp_path / "all"), "-j", "1")[0] == 1
    assert files_under(tmp_path / "all") == ["1.xml", "3.xml"]


def test_fail_fast_on_workers_leaves_only_complete_files(tmp_path: Path) -> None:
    src = tree(tmp_path, good=20, bad=("a/000.txt",))
    code, _, _ = run("convert", str(src), "-o", str(tmp_path / "out"), "--fail-fast", "-j", "2")
    assert code == 1
    for name in files_under(tmp_path / "out"):
        assert name.endswith(".xml")
        i = int(Path(name).stem[3:])
        assert (tmp_path / "out" / name).read_bytes() == expected(i)


def test_skip_existing_leaves_outputs_that_are_there(tmp_path: Path) -> None:
    src = tree(tmp_path, good=3, bad=())
    out = tmp_path / "out"
    (out / "a").mkdir(parents=True)
    (out / "a" / "doc001.xml").write_bytes(b"kept")
    report = tmp_path / "run.json"
    code, _, err = run("convert", str(src), "-o", str(out), "--skip-existing", "--report", str(report))
    assert code == 0
    assert (out / "a" / "doc001.xml").read_bytes() == b"kept"
    assert (out / "b" / "doc000.xml").read_bytes() == expected(0)
    assert err.strip().splitlines()[-1].startswith("2 converted (0 with warnings), 0 failed, 1 skipped")
    statuses = {Path(r["input"]).name: r["status"] for r in json.loads(report.read_bytes())["files"]}
    assert statuses == {"doc000.txt": "converted", "doc001.txt": "skipped", "doc002.txt": "converted"}
    # without the flag the output is replaced
    assert run("convert", str(src), "-o", str(out))[0] == 0
    assert (out / "a" / "doc001.xml").read_bytes() == expected(1)


def test_quiet_prints_errors_only(tmp_path: Path) -> None:
    src = tree(tmp_path, good=2)
    code, _, err = run("convert", str(src), "-o", str(tmp_path / "out"), "-q")
    assert code == 1
    assert err.strip().splitlines() == [
        f"{src / 'c' / 'empty.txt'}:1:1: error[empty-input]: the input is empty or only whitespace"
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--jobs", "0"], "0 is not in the range x>=1"),
        (["--jobs", "x"], "'x' is not a valid integer"),
        (["-", "-"], '"-" (stdin) can be given only once'),
    ],
)
def test_batch_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    code, _, err = run("convert", *args, "-o", str(tmp_path / "out"))
    assert code == 2 and message in err, err
    assert not (tmp_path / "out").exists()


def test_a_report_that_is_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    code, _, _ = run("convert", str(SEED), "-o", str(tmp_path / "out"), "--report", str(tmp_path))
    assert code == 2
    assert not (tmp_path / "out").exists()


def test_help_documents_the_exit_codes_and_options() -> None:
    _, out, _ = run("convert", "--help")
    for words in ("--jobs", "--report", "--fail-fast", "--skip-existing", "130 interrupted", "1 some input"):
        assert words in " ".join(out.split())


# ---- progress ---------------------------------------------------------------------------------


def test_progress_line() -> None:
    now = [100.0]
    progress = Progress(200, enabled=True, clock=lambda: now[0])
    for _ in range(50):
        progress.advance()
    assert progress.line(10.0) == f"[{'#' * 6}{' ' * 18}] 50/200 files  5.0 files/s  ETA 0:30"
    assert progress.line(0.0).endswith("ETA --:--")
    progress.done = 200
    assert progress.line(4000.0).startswith(f"[{'#' * 24}] 200/200")


def test_no_progress_when_not_a_terminal(tmp_path: Path) -> None:
    src = tree(tmp_path, good=3, bad=())
    _, _, err = run("convert", str(src), "-o", str(tmp_path / "out"))
    assert "\r" not in err and "files/s" not in err


def test_summary_words() -> None:
    assert summary([], 0.04) == "0 converted (0 with warnings), 0 failed in 0.0 s"
    assert summary([], 0.04, kind=TEXT) == "0 rendered, 0 failed in 0.0 s"


# ---- akn text on many inputs ------------------------------------------------------------------


def akn_tree(tmp_path: Path) -> Path:
    """A folder of AKN files: ours (the seed, the English text) in subfolders, the UN's own
    file, a file that is not AKN, and entries that are not inputs (hidden, not *.xml)."""
    src = tmp_path / "akn"
    for name, data in {
        "a/seed.xml": seed_bytes(),
        "b/english.xml": english_bytes(),
        "b/c/official.xml": OFFICIAL.read_bytes(),
        "bad.xml": b"<html><body/></html>",
        ".hidden/seed.xml": seed_bytes(),
        "a/.seed.xml": seed_bytes(),
        "a/seed.txt": SEED_TEXT.encode("utf-8"),
    }.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_bytes(data)
    return src


OFFICIAL = next(iter(sorted((SHARED / "corpus" / "official").glob("80/en/*.xml"))), SEED)
needs_official = pytest.mark.skipif(OFFICIAL.suffix != ".xml", reason="../shared is not present")


@needs_official
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_text_of_a_folder_mirrors_it_on_any_number_of_workers(tmp_path: Path, jobs: str) -> None:
    src = akn_tree(tmp_path)
    out, report = tmp_path / "out", tmp_path / "run.json"
    code, stdout, err = run("text", str(src), "-o", str(out), "--jobs", jobs, "--report", str(report))
    assert code == 1 and stdout == ""
    assert files_under(out) == ["a/seed.txt", "b/c/official.txt", "b/english.txt"]
    for name in files_under(out):
        source = src / Path(name).with_suffix(".xml")
        assert (out / name).read_text(encoding="utf-8") == to_text(source.read_bytes())
    lines = err.strip().splitlines()
    assert lines[0] == f"{src / 'bad.xml'}:1:1: error[invalid-xml]: not an Akoma Ntoso document"
    assert lines[-1].startswith("3 rendered, 1 failed in ")
    document = json.loads(report.read_text(encoding="utf-8"))
    assert document["command"] == "text"
    assert document["summary"] == {"rendered": 3, "warnings": 0, "failed": 1, "skipped": 0}
    statuses = {Path(r["input"]).name: (r["status"], r["output"]) for r in document["files"]}
    assert statuses["bad.xml"] == ("failed", None)
    assert statuses["seed.xml"] == ("rendered", str(out / "a" / "seed.txt"))


def test_text_of_one_file_goes_to_stdout_to_a_file_or_into_a_folder(tmp_path: Path) -> None:
    source = tmp_path / "seed.xml"
    source.write_bytes(seed_bytes())
    text = to_text(seed_bytes())
    assert run("text", str(source)) == (0, text, "")
    assert run("text", "-", stdin=seed_bytes()) == (0, text, "")
    # -o names a file (created with its folder), an existing folder, or a folder ending with "/"
    (tmp_path / "existing").mkdir()
    for output, written in [
        (tmp_path / "proof" / "a.txt", tmp_path / "proof" / "a.txt"),
        (tmp_path / "existing", tmp_path / "existing" / "seed.txt"),
        (f"{tmp_path / 'new'}/", tmp_path / "new" / "seed.txt"),
    ]:
        code, stdout, err = run("text", str(source), "-o", str(output))
        assert (code, stdout, err) == (0, "", "")
        assert written.read_text(encoding="utf-8") == text
    assert files_under(tmp_path / "proof") == ["a.txt"]
    assert run("text", "-", "-o", str(tmp_path / "in.txt"), stdin=seed_bytes())[0] == 0
    assert (tmp_path / "in.txt").read_text(encoding="utf-8") == text


def test_text_skip_existing_and_fail_fast(tmp_path: Path) -> None:
    src = tmp_path / "akn"
    src.mkdir()
    (src / "1.xml").write_bytes(seed_bytes())
    (src / "2.xml").write_bytes(b"not xml")
    (src / "3.xml").write_bytes(english_bytes())
    out = tmp_path / "out"
    code, _, err = run("text", str(src), "-o", str(out), "--fail-fast", "-j", "1")
    assert code == 1 and files_under(out) == ["1.txt"] and "2.xml:1:1: error[invalid-xml]" in err
    (out / "1.txt").write_text("kept", encoding="utf-8")
    code, _, err = run("text", str(src), "-o", str(out), "--skip-existing")
    assert code == 1 and err.strip().splitlines()[-1].startswith("1 rendered, 1 failed, 1 skipped")
    assert (out / "1.txt").read_text(encoding="utf-8") == "kept"
    assert (out / "3.txt").read_text(encoding="utf-8") == to_text(english_bytes())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["text", "{src}"], "only a single file can be written to stdout"),
        (["text", "{seed}", "{seed}"], "only a single file can be written to stdout"),
        (["text", "{empty}", "-o", "{tmp}/out"], "nothing to render: no *.xml file in"),
        (["text", "{src}", "-o", "{seed}"], "the output must be a folder, and this is a file"),
        (["validate", "{empty}"], "nothing to validate: no *.xml file in"),
    ],
)
def test_text_and_validate_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    src = tmp_path / "src"
    src.mkdir()
    seed = src / "seed.xml"
    seed.write_bytes(seed_bytes())
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("x", encoding="utf-8")
    values = {"src": src, "seed": seed, "empty": tmp_path / "empty", "tmp": tmp_path}
    code, out, err = run(*[arg.format(**values) for arg in args])
    assert code == 2 and out == "" and message in err, err
    assert not (tmp_path / "out").exists()
    assert seed.read_bytes() == seed_bytes()


def test_validate_walks_a_folder(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "good.xml").write_bytes(seed_bytes())
    broken = seed_bytes().replace(b'refersTo="#ga"', b'refersTo="#gone"')
    (tmp_path / "b" / "c").mkdir(parents=True)
    (tmp_path / "b" / "c" / "broken.xml").write_bytes(broken)
    (tmp_path / "b" / ".hidden.xml").write_bytes(broken)
    assert run("validate", str(tmp_path / "a"))[0] == 0
    code, _, err = run("validate", str(tmp_path), "-q")
    assert code == 1 and "#gone" in err
    assert {line.split(":")[0] for line in err.splitlines()} == {str(tmp_path / "b" / "c" / "broken.xml")}
    # on worker processes, with a report of every problem
    report = tmp_path / "run.json"
    code, stdout, err = run("validate", str(tmp_path), "--jobs", "2", "--report", str(report))
    assert code == 1 and stdout == ""
    assert err.strip().splitlines()[-1].startswith("1 valid (0 with warnings), 1 with errors in ")
    document = json.loads(report.read_bytes())
    assert document["command"] == "validate"
    assert document["summary"] == {"valid": 1, "warnings": 0, "invalid": 1, "skipped": 0}
    records = {Path(r["input"]).name: r for r in document["files"]}
    assert (records["good.xml"]["status"], records["good.xml"]["diagnostics"]) == ("valid", [])
    assert records["broken.xml"]["status"] == "invalid" and records["broken.xml"]["output"] is None
    gone = seed_bytes().count(b'refersTo="#ga"')
    assert [d["code"] for d in records["broken.xml"]["diagnostics"]] == ["profile"] * gone
    assert run("validate", "-", stdin=seed_bytes()) == (0, "", "")


# ---- interrupted runs -------------------------------------------------------------------------

needs_akn = pytest.mark.skipif(not AKN.is_file(), reason="the akn script is not installed beside python")


@needs_akn
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
@pytest.mark.parametrize("task", ["convert", "text"])
def test_an_interrupted_run_leaves_no_partial_file_and_resumes(
    tmp_path: Path, task: str, stop: signal.Signals
) -> None:
    src = tmp_path / "src"
    src.mkdir()
    # (rendering text is about three times as fast: more inputs, for the stop to come mid-run)
    count, data = (400, SEED.read_bytes()) if task == "convert" else (1500, seed_bytes())
    suffix, output = (".txt", ".xml") if task == "convert" else (".xml", ".txt")
    for i in range(count):
        (src / f"doc{i:04}{suffix}").write_bytes(data)
    expected = seed_bytes() if task == "convert" else to_text(data).encode("utf-8")
    out = tmp_path / "out"
    command = [str(AKN), task, str(src), "-o", str(out), "--jobs", "2"]
    with (tmp_path / "stderr").open("w") as stderr:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stderr=stderr, start_new_session=True)
        deadline = time.monotonic() + 60
        while not any(out.rglob("*" + output)) and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.2)
        # Ctrl-C reaches the whole foreground process group; kill reaches the main process
        if stop is signal.SIGINT:
            os.killpg(process.pid, stop)
        else:
            process.send_signal(stop)
        code = process.wait(timeout=60)
    err = (tmp_path / "stderr").read_text(encoding="utf-8")
    assert code == 130, err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("interrupted: ")
    written = files_under(out)
    assert 0 < len(written) < count
    assert all(name.endswith(output) and not name.startswith(".") for name in written)
    for name in written:
        assert (out / name).read_bytes() == expected
    # the same command again, with --skip-existing, finishes the job
    done = subprocess.run(
        [*command, "--skip-existing", "-q"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert files_under(out) == [f"doc{i:04}{output}" for i in range(count)]
    assert all((out / f"doc{i:04}{output}").read_bytes() == expected for i in range(count))


EARLY_STOP = """
import os, signal, sys
from pathlib import Path

stop = getattr(signal, sys.argv[1])
where, argv = sys.argv[2], sys.argv[3:]


class Collected:
    def __del__(self):
        os.kill(os.getpid(), stop)
        for _ in range(1000):  # (the handler runs here, in the __del__)
            pass


class StopWhileImporting:
    \"\"\"Sends the signal while Python imports the package (what a Ctrl-C in the first third of
    a second of `akn` meets); with "collect", while Python runs a __del__ there, which drops an
    exception the handler raises.\"\"\"

    def find_spec(self, name, path=None, target=None):
        if name == "converter.parse":
            if where == "collect":
                Collected()
            else:
                os.kill(os.getpid(), stop)
        return None


if where in ("import", "collect"):
    sys.meta_path.insert(0, StopWhileImporting())
elif where in ("atexit", "teardown"):
    pass
elif where == "walk":  # while the command walks its folders, before any input is read
    import converter.cli as cli

    walk = cli.collect
    cli.collect = lambda *args: (os.kill(os.getpid(), stop), walk(*args))[1]
else:  # after the run, while the report is being written
    import converter.cli as cli

    chunks = cli.report_chunks

    def stopping(head, records, kind):
        written = chunks(head, records, kind)
        yield next(written)
        os.kill(os.getpid(), stop)
        for _ in range(1000):  # (the handler runs here)
            pass
        yield from written

    cli.report_chunks = stopping
if where == "atexit":  # after the run, in Python's exit handlers
    import atexit

    atexit.register(lambda: (os.kill(os.getpid(), stop), [None for _ in range(1000)]))
elif where == "teardown":  # later still, when Python has put the default handlers back

    class Last:
        def __del__(self, kill=os.kill, pid=os.getpid(), number=stop):
            kill(pid, number)
            for _ in range(1000):
                pass

    _last = Last()  # (dropped when the interpreter clears this module)

import un_akn_launcher

sys.argv = ["akn", *argv]
un_akn_launcher.main()
"""


@pytest.mark.parametrize("stop", ["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("where", ["import", "collect", "walk", "report", "atexit", "teardown"])
def test_a_stop_outside_the_run_ends_the_command_quietly(tmp_path: Path, where: str, stop: str) -> None:
    # (Python printed a KeyboardInterrupt traceback for a Ctrl-C while it imported the package,
    # click "Aborted!" and exit 1 for one while the folders were walked; SIGTERM ended the
    # process without a word. A handler that raised SystemExit had it dropped in a __del__.)
    script = tmp_path / "early.py"
    script.write_text(EARLY_STOP, encoding="utf-8")
    out, report = tmp_path / "out", tmp_path / "reports" / "run.json"
    command = ["convert", str(SEED.parent), "-o", str(out), "-q", "--report", str(report)]
    done = subprocess.run(
        [sys.executable, str(script), stop, where, *command],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    if where in ("atexit", "teardown"):  # the run is over, everything written: it changes nothing
        assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
        assert files_under(out) == [SEED.with_suffix(".xml").name]
        assert json.loads(report.read_bytes())["summary"]["warnings"] == 1
        return
    assert (done.returncode, done.stdout, done.stderr) == (130, "", "interrupted\n")
    if where == "report":  # the outputs are complete; of the report, not even its temporary file
        assert files_under(out) == [SEED.with_suffix(".xml").name]
        assert (out / SEED.with_suffix(".xml").name).read_bytes() == seed_bytes()
        assert files_under(report.parent) == []
    else:
        assert not out.exists() and not report.parent.exists()


def test_a_folder_the_walk_cannot_list_fails_and_the_others_go_on(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # (Its inputs were missing without a word: the walk passed over a folder it could not list.
    # Denied here by a stand-in for os.scandir: the tests may run as root, whom nothing is denied.)
    src = tree(tmp_path, good=4, bad=())  # a/doc001, a/doc003, b/doc000, b/doc002
    out = tmp_path / "out"
    (out / "a").mkdir(parents=True)  # (an output folder there already: not a reason to skip)
    scandir = os.scandir

    def denied(path: Any = ".") -> Any:
        if Path(path) == src / "a":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", denied)
    for _ in range(2):
        code, _, err = run("convert", str(src), "-o", str(out), "-q", "-j", "1", "--skip-existing")
        assert code == 1
        assert err.splitlines() == [f"{src / 'a'}: error: cannot read this folder: Permission denied"]
    assert files_under(out) == ["b/doc000.xml", "b/doc002.xml"]


@needs_akn
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_what_a_walk_finds_but_cannot_read_fails_with_its_reason(tmp_path: Path) -> None:
    # (A link to nothing and a pipe named *.txt were passed over without a word; a pipe read as
    # a file would stop the run until something wrote to it.)
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEED, src / "good.txt")
    os.mkfifo(src / "pipe.txt")
    (src / "link.txt").symlink_to(tmp_path / "nowhere.txt")
    (src / "folder.txt").mkdir()  # (a folder: walked, not read)
    shutil.copy(SEED, src / "folder.txt" / "inner.txt")
    done = subprocess.run(
        [str(AKN), "convert", str(src), "-o", str(tmp_path / "out"), "-q"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"{src / 'link.txt'}: error: cannot read: No such file or directory",
        f"{src / 'pipe.txt'}: error: cannot read: not a regular file (a pipe, socket or device)",
    ]
    assert files_under(tmp_path / "out") == ["folder.txt/inner.xml", "good.xml"]


@needs_akn
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_named_on_the_command_line_is_read(tmp_path: Path) -> None:
    # (`akn convert <(pdftotext …)`: it was "no such file or folder".)
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    writer = subprocess.Popen(["sh", "-c", 'cat "$0" > "$1"', str(SEED), str(pipe)])
    try:
        done = subprocess.run(
            [str(AKN), "convert", str(pipe), "-q"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
            timeout=60,
        )
    finally:
        writer.kill()  # (done writing by then, unless the pipe was never opened)
        writer.wait()
    assert (done.returncode, done.stdout, done.stderr) == (0, seed_bytes(), b"")


@needs_akn
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers end with the main process on Linux")
def test_workers_end_with_a_main_process_killed_outright(tmp_path: Path) -> None:
    # (kill -9 of the main process: its workers went on converting, then each printed two
    # BrokenPipeError tracebacks as it reported to a process that was gone.)
    src = seed_copies(tmp_path, 200, width=3)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [str(AKN), "convert", str(src), "-o", str(out), "-q", "--jobs", "2"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # (its process group: the command and its workers)
    )
    deadline = time.monotonic() + 60
    while not (out.exists() and any(out.glob("*.xml"))) and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    while time.monotonic() < deadline:  # the workers follow
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail("the workers outlived the main process")
    assert process.stderr is not None and process.stderr.read() == b""
    written = files_under(out)
    assert 0 < len(written) < 200 and all(name.endswith(".xml") for name in written)  # (no temporary)
    assert all((out / name).read_bytes() == seed_bytes() for name in written)


@needs_akn
@pytest.mark.parametrize("columns", [None, 40])
def test_a_progress_bar_on_a_terminal(tmp_path: Path, columns: int | None) -> None:
    import fcntl
    import pty
    import struct
    import termios

    src = seed_copies(tmp_path, 30, width=2)
    leader, follower = pty.openpty()
    if columns is not None:  # (a narrow terminal: a longer line wrapped, each redraw left one behind)
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    process = subprocess.Popen(
        [str(AKN), "convert", str(src), "-o", str(tmp_path / "out"), "--jobs", "2"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=follower,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=60) == 0
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert "30 converted (30 with warnings), 0 failed in " in shown
    bars = [part for part in shown.split("\r") if part.startswith("[")]
    assert bars and bars[-1].startswith(f"[{'#' * 24}] 30/30 files")
    if columns is None:
        assert "files/s" in shown and "ETA" in shown
    else:
        assert max(len(bar) for bar in bars) == columns - 1


@needs_akn
def test_stdin_beside_files_on_worker_processes(tmp_path: Path) -> None:
    shutil.copy(SEED, tmp_path / "a.txt")
    done = subprocess.run(
        [str(AKN), "convert", "-", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--jobs", "2", "-q"],
        input=SEED.read_bytes(),
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "stdin.xml").read_bytes() == seed_bytes()
    assert (tmp_path / "out" / "a.xml").read_bytes() == seed_bytes()


@pytest.mark.parametrize("task", ["text", "validate"])
def test_a_bug_on_one_akn_input_fails_it_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, task: Literal["text", "validate"]
) -> None:
    for name in ("1.xml", "2.xml"):
        (tmp_path / name).write_bytes(seed_bytes())
    real = to_text if task == "text" else validate

    def buggy(data: bytes) -> Any:
        if data.endswith(b"<!-- bug -->"):
            raise RuntimeError("a bug")
        return real(data)

    monkeypatch.setattr(batch, "to_text" if task == "text" else "validate", buggy)
    (tmp_path / "2.xml").write_bytes(seed_bytes() + b"<!-- bug -->")
    jobs = [Job(tmp_path / name, Path(name).with_suffix(".txt")) for name in ("1.xml", "2.xml", "3.xml")]
    records = run_batch(jobs, tmp_path / "out", Options(task=task), workers=1)
    assert [r.status for r in records] == ["converted", "failed", "failed"]
    assert [p.message for p in records[1].problems] == [
        "internal error, please report it (RuntimeError: a bug)"
    ]
    assert records[2].problems[0].message.startswith("cannot read: ")
    assert files_under(tmp_path / "out") == (["1.txt"] if task == "text" else [])


INPUT_OVER = "is an input: it would be written over"
OUTPUT_OVER = "is an output: the report would be written over it"  # (it was: the output, then the report)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["convert", "{tmp}/a.xml", "-o", "{tmp}"], INPUT_OVER),
        (["text", "{tmp}/a.xml", "-o", "{tmp}/a.xml"], INPUT_OVER),
        (["text", "{tmp}/b.txt", "{tmp}/a.xml", "-o", "{tmp}"], INPUT_OVER),
        (["convert", "{tmp}/a.xml", "-o", "{tmp}/link"], INPUT_OVER),  # the same folder through a link
        (["validate", "{tmp}/b.txt", "--report", "{tmp}/b.txt"], INPUT_OVER),
        (["convert", "{tmp}/a.xml", "-o", "{tmp}/out", "--report", "{tmp}/link/a.xml"], INPUT_OVER),
        (["convert", "{tmp}/a.xml", "-o", "{tmp}/out", "--report", "{tmp}/out/a.xml"], OUTPUT_OVER),
        (["convert", "{tmp}/a.xml", "-o", "{tmp}/out", "--report", "{tmp}/link/out/a.xml"], OUTPUT_OVER),
        (["text", "{tmp}/b.txt", "-o", "{tmp}/out/b.txt", "--report", "{tmp}/out/b.txt"], OUTPUT_OVER),
    ],
)
def test_writing_over_an_input_or_the_report_over_an_output_is_a_usage_error(
    tmp_path: Path, args: list[str], message: str
) -> None:
    (tmp_path / "a.xml").write_bytes(SEED.read_bytes())
    (tmp_path / "b.txt").write_bytes(seed_bytes())
    (tmp_path / "link").symlink_to(tmp_path, target_is_directory=True)
    code, out, err = run(*[arg.format(tmp=tmp_path) for arg in args])
    assert code == 2 and out == "" and message in err
    assert (tmp_path / "a.xml").read_bytes() == SEED.read_bytes()
    assert (tmp_path / "b.txt").read_bytes() == seed_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xml", "b.txt", "link"]


def test_the_default_number_of_workers_is_the_cores_this_process_may_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tree(tmp_path, good=2, bad=())
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {3}, raising=False)
    report = tmp_path / "run.json"
    assert run("convert", str(src), "-o", str(tmp_path / "out"), "--report", str(report))[0] == 0
    assert json.loads(report.read_bytes())["jobs"] == 1
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    assert run("convert", str(src), "-o", str(tmp_path / "out2"), "--report", str(report))[0] == 0
    assert json.loads(report.read_bytes())["jobs"] == 3
