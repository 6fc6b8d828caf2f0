"""The command line: `akn convert`, `akn text`, `akn validate` (DESIGN §6, §7).

Bad input gets one line naming the file and the reason (`file:line:col: error[code]: message`),
never a traceback; warnings go to stderr and never change the exit code. Outputs are written to a
temporary file in the target folder and renamed, so no file is ever half-written.

Exit codes: 0 all converted, 1 some input failed, 2 usage error, 130 interrupted (Ctrl-C, SIGTERM).
Batch conversion (worker processes, progress, report, resume) is in `batch.py`; `akn convert` and
`akn text` share it."""

from __future__ import annotations

import codecs
import contextlib
import datetime
import functools
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, NoReturn, TextIO

import click

from . import __version__
from .batch import Interrupted, Job, Options, Record, Status, Task, name_of, run_batch, write_atomically
from .languages import CODES, available

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
EXIT_CODES = (
    "Exit codes: 0 all converted (warnings allowed), 1 some input failed, 2 usage error (nothing "
    "written), 130 interrupted (every output on disk is complete; re-run with --skip-existing)."
)
TEXT_EXIT_CODES = (
    "Exit codes: 0 all rendered, 1 some input failed (not an AKN resolution, or not readable or "
    "writable), 2 usage error (nothing written), 130 interrupted (every output on disk is complete; "
    "re-run with --skip-existing)."
)
VALIDATE_EXIT_CODES = (
    "Exit codes: 0 all valid (warnings allowed), 1 some file has errors (or cannot be read), 2 usage "
    "error, 130 interrupted."
)


@dataclass(frozen=True)
class Kind:
    """What a batch command reads and writes."""

    task: Task
    inputs: tuple[str, ...]
    """The suffixes of the files a folder is walked for."""
    output: str | None
    """The suffix of an output; None when nothing is written."""
    verb: str
    """What it does to an input ("convert"), for messages."""
    done: str
    """What an input it finished is ("converted"), for the summary."""
    failed: str = "failed"
    """What an input it could not finish is, for the summary."""
    warns: bool = True
    """Whether an input may be finished with warnings."""
    unfinished: str = "failed"
    """What `--report` calls an input it could not finish (the status "failed")."""

    def status(self, status: Status) -> str:
        """The name of a status in the report of this command: "converted" is `done`."""
        return self.done if status == "converted" else self.unfinished if status == "failed" else status


CONVERT = Kind("convert", (".txt", ".md"), ".xml", "convert", "converted")
TEXT = Kind("text", (".xml",), ".txt", "render", "rendered", warns=False)
VALIDATE = Kind("validate", (".xml",), None, "validate", "valid", "with errors", unfinished="invalid")


class UsageError(click.UsageError):
    """A usage error: exit 2, nothing written."""


# ---- inputs and outputs -----------------------------------------------------------------------


def collect(sources: tuple[str, ...], kind: Kind = CONVERT) -> list[Job]:
    """Every input with its output path: files as given (only the last suffix replaced), folders
    walked recursively for the kind's inputs (*.txt and *.md to convert; hidden entries skipped)
    and mirrored."""
    jobs: list[Job] = []
    for source in sources:
        path = Path(source)
        if source == "-":
            jobs.append(Job(None, _target(Path("stdin"), kind)))
        elif path.is_dir():
            jobs.extend(_walk(path, kind))
        elif path.exists():  # (a file, or a pipe or device named: read as it is)
            jobs.append(Job(path, _target(Path(path.name), kind)))
        else:
            raise UsageError(f"{source}: no such file or folder")
    return jobs


def _walk(folder: Path, kind: Kind) -> list[Job]:
    """The inputs in a folder, in the order of their paths: every entry with an input suffix but
    folders (links to folders are not followed), so that one that cannot be read (a link to
    nothing, a pipe) fails with its reason instead of going unseen; and a job that fails for each
    folder that cannot be listed (its inputs would be missing without a word)."""
    found: list[tuple[Path, Job]] = []

    def unlisted(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename is not None else folder
        problem = f"cannot read this folder: {exc.strerror or exc}"
        found.append((where, Job(where, where.relative_to(folder), found=True, problem=problem)))

    for top, folders, files in os.walk(folder, onerror=unlisted):
        folders[:] = [name for name in folders if _visible(Path(name))]
        for name in files:
            path = Path(top, name)
            if path.suffix in kind.inputs and _visible(Path(name)):
                found.append((path, Job(path, _target(path.relative_to(folder), kind), found=True)))
    return [job for _, job in sorted(found, key=lambda item: item[0])]


def _target(rel: Path, kind: Kind) -> Path:
    """Where the output of an input goes, relative to OUT: its last suffix replaced."""
    return rel if kind.output is None else rel.with_suffix(kind.output)


def _visible(rel: Path) -> bool:
    return not any(part.startswith(".") for part in rel.parts)


def check_jobs(
    sources: tuple[str, ...],
    jobs: list[Job],
    out: Path | None,
    kind: Kind = CONVERT,
    report_path: Path | None = None,
) -> None:
    """Usage errors, found before anything is converted or written."""
    writes = kind.output is not None
    if writes and out is None and (len(sources) != 1 or Path(sources[0]).is_dir()):
        raise UsageError("only a single file can be written to stdout: give an output folder with -o OUT")
    if out is not None and out.exists() and not out.is_dir():
        raise UsageError(f"{out}: the output must be a folder, and this is a file")
    if not jobs:
        patterns = " or ".join("*" + suffix for suffix in kind.inputs)
        raise UsageError(f"nothing to {kind.verb}: no {patterns} file in {', '.join(sources)}")
    if sum(job.source is None for job in jobs) > 1:
        raise UsageError('"-" (stdin) can be given only once')
    seen: dict[Path, Job] = {}
    for job in jobs if writes else ():
        if job.target in seen:
            first = name_of(seen[job.target].source)
            raise UsageError(f"{first} and {name_of(job.source)} would both be written to {job.target}")
        seen[job.target] = job
    # Nothing written over an input (folders resolved once each: resolving every file's path took
    # 58 µs a file).
    written = [out / job.target for job in jobs] if out is not None else []
    if report_path is not None and report_path.parent.is_dir():
        written.append(report_path)
    if written:
        folder = functools.cache(Path.resolve)
        inputs = {(folder(job.source.parent), job.source.name) for job in jobs if job.source is not None}
        for path in written:
            if (folder(path.parent), path.name) in inputs:
                raise UsageError(f"{path} is an input: it would be written over")
        # Nor the report over an output (written after it).
        if report_path is not None and out is not None and writes:
            report = (folder(report_path.parent), report_path.name)
            if any((folder(path.parent), path.name) == report for path in written[: len(jobs)]):
                raise UsageError(f"{report_path} is an output: the report would be written over it")


def cores() -> int:
    """The CPUs this process may run on (its affinity, where the platform tells it: a container or
    `taskset` may give it fewer than the machine has), the default number of workers."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # (no sched_getaffinity: macOS, Windows)
        return os.cpu_count() or 1


def write_stdout(data: bytes | Iterable[bytes]) -> None:
    """Bytes (or chunks of bytes) to stdout as they are (no newline added, no re-encoding). Ends
    the command (exit 1) when they cannot be written: silently when the reader has gone
    (`akn text x.xml | head`), else with the reason (a full disk, stdout closed)."""
    stream = sys.stdout.buffer if sys.stdout is not None else None
    if stream is None:
        fail("<stdout>", "cannot write: standard output is closed")
        sys.exit(EXIT_FAILED)
    try:
        if isinstance(data, bytes):
            stream.write(data)
        else:
            stream.writelines(data)
        stream.flush()
    except OSError as exc:
        if not isinstance(exc, BrokenPipeError):  # (the reader gone: nothing to say)
            fail("<stdout>", f"cannot write: {exc.strerror or exc}")
        _onto_devnull(stream)
        sys.exit(EXIT_FAILED)


def _onto_devnull(stream: IO[Any] | None) -> None:
    """Point a standard stream that cannot be written at devnull (Python's advice): what is left
    in its buffer would fail again at exit, and Python would then exit 120."""
    if stream is None:  # (its descriptor closed already)
        return
    with contextlib.suppress(OSError, AttributeError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())


# ---- reporting --------------------------------------------------------------------------------


def fail(name: str, message: str) -> None:
    """One line on stderr for a problem outside the closed list of codes (the file system, a bug)."""
    say(f"{name}: error: {message}")


_SILENCED = False
"""stderr could not be written: nothing more is said there."""


def _terminal(stream: TextIO | None) -> bool:
    """Whether a stream is a terminal (None when its descriptor is closed: `2>&-`)."""
    return stream is not None and stream.isatty()


def say(text: str, *, nl: bool = True) -> None:
    """Text on stderr. When stderr cannot be written (its reader gone, `akn … 2>&1 | head`; a
    full disk), the command goes on without it: what it would say is dropped, its outputs and
    its exit code are the same."""
    global _SILENCED
    if _SILENCED:
        return
    try:
        click.echo(text, err=True, nl=nl)
    except OSError:
        _SILENCED = True
        _onto_devnull(sys.stderr)


class Progress:
    """A one-line progress bar on a terminal (files done, rate, ETA), redrawn at most ten times a
    second; silent when stderr is not a terminal. Lines printed through `echo` appear above it."""

    def __init__(self, total: int, *, enabled: bool, clock: Callable[[], float] = time.monotonic) -> None:
        self.total = total
        self.enabled = enabled
        self.clock = clock
        self.started = clock()
        self.done = 0
        self.drawn = 0.0
        self.shown = False

    def echo(self, line: str) -> None:
        self.clear()
        say(line)

    def advance(self) -> None:
        self.done += 1
        now = self.clock()
        if self.enabled and (now - self.drawn >= 0.1 or self.done == self.total):
            self.drawn = now
            say("\r" + self.line(now - self.started)[: _columns() - 1], nl=False)
            self.shown = True

    def line(self, elapsed: float) -> str:
        """`[#####     ] 120/2000 files  85.1 files/s  ETA 0:22`"""
        width = 24
        filled = width * self.done // self.total if self.total else width
        rate = self.done / elapsed if elapsed > 0 else 0.0
        eta = _clock_time((self.total - self.done) / rate) if rate else "--:--"
        bar = "#" * filled + " " * (width - filled)
        return f"[{bar}] {self.done}/{self.total} files  {rate:.1f} files/s  ETA {eta}"

    def clear(self) -> None:
        if self.shown:
            say("\r\x1b[K", nl=False)
            self.shown = False


def _columns() -> int:
    """The width of the terminal stderr is on, read at each redraw (it may be resized): a line
    longer than it would wrap, and each redraw would leave a line behind."""
    try:
        return os.get_terminal_size(sys.stderr.fileno()).columns or 80
    except (AttributeError, OSError, ValueError):
        return 80


def _clock_time(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def summary(records: list[Record], seconds: float, *, interrupted: bool = False, kind: Kind = CONVERT) -> str:
    """The one-line summary of a run."""
    count = Counter(record.status for record in records)
    done = f"{count['converted'] + count['warnings']} {kind.done}"
    if kind.warns:
        done += f" ({count['warnings']} with warnings)"
    parts = [done, f"{count['failed']} {kind.failed}"]
    if count["skipped"]:
        parts.append(f"{count['skipped']} skipped (already there)")
    head = "interrupted: " if interrupted else ""
    return f"{head}{', '.join(parts)} in {seconds:.1f} s"


STDOUT = Path("-")
"""`--report -`: the report goes to stdout."""


def write_report(
    path: Path, records: list[Record], seconds: float, workers: int, interrupted: bool, kind: Kind = CONVERT
) -> None:
    """The JSON report of `--report`: a summary and one record per input, its statuses named
    for the command (`kind.status`); to stdout when `path` is `-`."""
    count = Counter(record.status for record in records)
    statuses: tuple[Status, ...] = ("converted", "warnings", "failed", "skipped")
    head = {
        "tool": "un-akn",
        "version": __version__,
        "command": kind.task,
        "interrupted": interrupted,
        "jobs": workers,
        "seconds": round(seconds, 3),
        "summary": {kind.status(status): count[status] for status in statuses},
    }
    chunks = report_chunks(head, records, kind)
    if path == STDOUT:
        write_stdout(chunks)
    else:
        write_atomically(path, chunks)


def report_chunks(head: dict[str, Any], records: list[Record], kind: Kind = CONVERT) -> Iterator[bytes]:
    """The bytes of `json.dumps({**head, "files": [r.as_json(kind.status) for r in records]},
    indent=1)` and a newline, record by record: the whole document at once, for tens of
    thousands of inputs, took twice the memory of the run itself."""
    if not records:
        yield _utf8(json.dumps({**head, "files": []}, ensure_ascii=False, indent=1) + "\n")
        return
    opening = json.dumps({**head, "files": [None]}, ensure_ascii=False, indent=1)
    before, _, after = opening.rpartition("null")  # (the one null: a record's place)
    yield _utf8(before)
    for i, record in enumerate(records):
        # (JSON strings hold no newline: every one is a line break of the indented record.)
        text = json.dumps(record.as_json(kind.status), ensure_ascii=False, indent=1).replace("\n", "\n  ")
        yield _utf8(text if i == 0 else ",\n  " + text)
    yield _utf8(after + "\n")


def _utf8(json_text: str) -> bytes:
    """JSON text as UTF-8. A file name that is not UTF-8 (Linux allows any bytes) reaches it as
    lone surrogates (Python's surrogateescape), which UTF-8 cannot encode: each is written as its
    JSON escape (\\udcff), which reads back as the same name (`os.fsencode` gives its bytes)."""
    return json_text.encode("utf-8", "backslashreplace")


# ---- option checks ----------------------------------------------------------------------------


def _iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        if datetime.date.fromisoformat(value).isoformat() == value:
            return value
    except ValueError:
        pass
    raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD")


def _encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        codecs.lookup(value)
    except LookupError:
        raise click.BadParameter(f"unknown encoding {value!r}") from None
    return value


def _language(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and value not in available():
        raise click.BadParameter(f"no language data for {value!r} in this installation")
    return value


# ---- commands ---------------------------------------------------------------------------------


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES)
@click.version_option(package_name="un-akn")
def main() -> None:
    """Convert UN General Assembly resolutions to Akoma Ntoso 3.0 (AKN4UN) and back.

    \b
    Example:
      akn convert examples/000_a273e5295c9f1c03.txt -o out/
    """


@dataclass(frozen=True)
class BatchSettings:
    """The options of a command that runs on many inputs (`convert`, `text`, `validate`)."""

    jobs: int | None
    report_path: Path | None
    fail_fast: bool
    skip_existing: bool
    quiet: bool


def batch_options(*, outputs: bool = True) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Give a command the options of BatchSettings, passed to it as `settings` (without
    --skip-existing for a command that writes no `outputs`)."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(command)
        def with_settings(
            *args: Any,
            jobs: int | None,
            report_path: Path | None,
            fail_fast: bool,
            quiet: bool,
            skip_existing: bool = False,
            **kwargs: Any,
        ) -> Any:
            settings = BatchSettings(jobs, report_path, fail_fast, skip_existing, quiet)
            return command(*args, settings=settings, **kwargs)

        skip_existing = click.option(
            "--skip-existing",
            is_flag=True,
            help="Leave inputs whose output already exists (to resume a run).",
        )
        options = [
            click.option(
                "-j",
                "--jobs",
                type=click.IntRange(min=1),
                default=None,
                help="Worker processes (default: the number of CPU cores this process may use).",
            ),
            click.option(
                "--report",
                "report_path",
                metavar="FILE.json",
                type=click.Path(dir_okay=False, path_type=Path),
                help="Write a JSON report: one record per input (status, output, diagnostics, "
                "milliseconds); - writes it to stdout.",
            ),
            click.option("--fail-fast", is_flag=True, help="Stop at the first input that fails."),
            *([skip_existing] if outputs else []),
            click.option(
                "-q", "--quiet", is_flag=True, help="Print errors only: no warnings, progress or summary."
            ),
        ]
        for option in reversed(options):
            with_settings = option(with_settings)
        return with_settings

    return decorate


@main.command("convert", epilog=EXIT_CODES)
@click.argument("sources", nargs=-1, required=True, metavar="SRC...")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), help="Output folder (created).")
@click.option(
    "--lang",
    type=click.Choice(CODES),
    callback=_language,
    help="Force the language instead of detecting it.",
)
@click.option(
    "--manifestation-date",
    metavar="YYYY-MM-DD",
    callback=_iso_date,
    help="Date of the manifestation (default: the issuance date).",
)
@click.option(
    "--encoding",
    metavar="NAME",
    callback=_encoding,
    help="Encoding of the inputs (default: a BOM, else UTF-8, else a recognised "
    "Windows-1256, Windows-1251 or GB18030 text).",
)
@batch_options()
def convert_command(
    sources: tuple[str, ...],
    out: Path | None,
    lang: str | None,
    manifestation_date: str | None,
    encoding: str | None,
    settings: BatchSettings,
) -> None:
    """Convert resolution texts to validated AKN.

    A file x.txt becomes OUT/x.xml (only the last suffix is replaced: A_RES_80_10.v1.0.0.txt gives
    A_RES_80_10.v1.0.0.xml). A folder is walked recursively for *.txt and *.md (hidden entries
    skipped) and mirrored under OUT. Without -o, a single file is written to stdout; "-" reads
    stdin. An input that cannot be converted gets one line on stderr and no output; the others
    are still converted. Warnings go to stderr and do not change the exit code.

    Many inputs are converted on --jobs worker processes, with a progress bar when stderr is a
    terminal and a one-line summary at the end. Every output is written to a temporary file and
    renamed, so an interrupted run (Ctrl-C, kill) leaves no partial XML: run the same command
    with --skip-existing to carry on.

    \b
    Example:
      akn convert examples/000_a273e5295c9f1c03.txt -o out/
      akn convert corpus/ -o out/ --jobs 4 --report out/report.json
      akn convert corpus/ -o out/ --skip-existing
      akn convert - < A_RES_67_264.txt > A_RES_67_264.xml
    """
    jobs_list = collect(sources, CONVERT)
    options = Options(lang, manifestation_date, encoding)
    run_command(CONVERT, sources, jobs_list, out, options, settings)


@main.command("text", epilog=TEXT_EXIT_CODES)
@click.argument("sources", nargs=-1, required=True, metavar="SRC...")
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(),
    help="Output file for a single input; output folder (created) for several inputs or a folder, "
    "or when it is an existing folder or ends with /.",
)
@batch_options()
def text_command(
    sources: tuple[str, ...],
    output: str | None,
    settings: BatchSettings,
) -> None:
    """Render AKN resolutions (ours or the UN's) as text (docs/text-format.md).

    A single file is written to stdout, or to the file -o names. A folder is walked recursively
    for *.xml (hidden entries skipped) and mirrored under the folder -o names, x.xml becoming
    x.txt; "-" reads stdin. A file that is not an AKN resolution gets one line on stderr and no
    output; the others are still rendered.

    Many inputs are rendered on --jobs worker processes, with a progress bar when stderr is a
    terminal, a one-line summary, --report, --fail-fast and --skip-existing as for convert; every
    output is written to a temporary file and renamed.

    \b
    Example:
      akn text out/000_a273e5295c9f1c03.xml
      akn text out/000_a273e5295c9f1c03.xml -o proof/000_a273e5295c9f1c03.txt
      akn text official/ -o proof/ --report proof/report.json
    """
    jobs_list = collect(sources, TEXT)
    out = None if output is None else Path(output)
    single = len(sources) == 1 and (sources[0] == "-" or Path(sources[0]).is_file())
    if output is not None and single and not output.endswith(("/", os.sep)) and not Path(output).is_dir():
        # one input and a file named (not a folder): that file is the output
        file = Path(output)
        jobs_list, out = [jobs_list[0]._replace(target=Path(file.name))], file.parent
    options = Options(task=TEXT.task)
    run_command(TEXT, sources, jobs_list, out, options, settings)


def run_command(
    kind: Kind,
    sources: tuple[str, ...],
    jobs_list: list[Job],
    out: Path | None,
    options: Options,
    settings: BatchSettings,
) -> NoReturn:
    """Run a batch command over its inputs: outputs, lines on stderr, summary, report, exit code."""
    jobs, report_path, quiet = settings.jobs, settings.report_path, settings.quiet
    if report_path == STDOUT and kind.output is not None and out is None:
        raise UsageError("--report - writes the report to stdout, where the output goes: give -o OUT")
    check_jobs(sources, jobs_list, out, kind, None if report_path == STDOUT else report_path)
    if report_path is not None and report_path.exists() and report_path.is_dir():
        raise UsageError(f"{report_path}: the report must be a file, and this is a folder")
    workers = jobs or cores()
    batch = len(jobs_list) > 1
    progress = Progress(len(jobs_list), enabled=batch and not quiet and _terminal(sys.stderr))
    started = time.perf_counter()

    def on_record(record: Record) -> None:
        for line in record.lines(errors_only=quiet):
            progress.echo(line)
        if record.content is not None:
            write_stdout(record.content.encode("utf-8"))
        progress.advance()

    interrupted: Interrupted | None = None
    try:
        records = run_batch(
            jobs_list,
            out,
            options,
            workers=workers,
            skip_existing=settings.skip_existing,
            fail_fast=settings.fail_fast,
            on_record=on_record,
        )
    except Interrupted as stop:
        interrupted, records = stop, stop.records
    progress.clear()
    seconds = time.perf_counter() - started
    if (batch and not quiet) or interrupted:
        say(summary(records, seconds, interrupted=interrupted is not None, kind=kind))
    if report_path is not None:
        try:
            write_report(report_path, records, seconds, workers, interrupted is not None, kind)
        except OSError as exc:
            fail(str(report_path), f"cannot write the report: {exc.strerror or exc}")
            sys.exit(EXIT_FAILED)
    if interrupted is not None:
        sys.exit(EXIT_INTERRUPTED)
    failed = any(record.status == "failed" for record in records)
    sys.exit(EXIT_FAILED if failed or len(records) < len(jobs_list) else EXIT_OK)


@main.command("validate", epilog=VALIDATE_EXIT_CODES)
@click.argument("sources", nargs=-1, required=True, metavar="FILE...")
@batch_options(outputs=False)
def validate_command(sources: tuple[str, ...], settings: BatchSettings) -> None:
    """Check AKN files against the official AKN 3.0 schema and the AKN4UN profile; print every
    problem as file:line:col: severity[code]: message. A folder is walked recursively for *.xml
    (hidden entries skipped); "-" reads stdin. Many files are checked on --jobs worker processes,
    with a progress bar when stderr is a terminal and a one-line summary.

    \b
    Example:
      akn validate out/000_a273e5295c9f1c03.xml
      akn validate out/ --report out/validation.json
    """
    jobs_list = collect(sources, VALIDATE)
    run_command(VALIDATE, sources, jobs_list, None, Options(task=VALIDATE.task), settings)
