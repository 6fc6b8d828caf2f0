"""Batch conversion: many inputs, worker processes, progress, a report (issue 5, DESIGN §6–7).

`run_batch` converts a list of `Job`s on N worker processes and calls back once per finished input
with a `Record` (status, output, diagnostics, milliseconds), as the inputs finish. Each
worker reads, decodes, converts, validates and writes its own output — through a temporary file in
the target folder and a rename, so that an interrupted run never leaves a partial XML file under
its final name. The process that calls `run_batch` only prints. The same machinery renders AKN
files to text and validates them (`Options.task`: `akn text`, `akn validate`).

Ctrl-C (SIGINT) and SIGTERM stop the run: the workers are stopped, their temporary files removed,
and `Interrupted` is raised carrying the records of what was finished — every output then on disk
is complete, and the same command with `--skip-existing` carries on where it stopped.
"""

from __future__ import annotations

import codecs
import contextlib
import ctypes
import errno
import glob
import hashlib
import multiprocessing
import os
import secrets
import signal
import stat
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import FrameType
from typing import Any, Literal, NamedTuple, NoReturn

from . import check_date, convert_with_diagnostics, to_text, validate
from .akn_reader import ReadError
from .diagnostics import ConversionError, Diagnostic, Severity
from .languages import available, load
from .parse import check_language
from .source import DecodingError, decode

Status = Literal["converted", "warnings", "failed", "skipped"]
Task = Literal["convert", "text", "validate"]
# The language whose formula or masthead words a legacy encoding's text must show (DESIGN §7).
LEGACY_LANGUAGE = {"windows-1256": "ar", "windows-1251": "ru", "gb18030": "zh"}
TEMPORARY = ".{name}.{token}.tmp"


class Job(NamedTuple):
    """One input and where its output goes."""

    source: Path | None
    """The input file; None for stdin (`-`)."""
    target: Path
    """The output path, relative to OUT."""
    data: bytes | None = None
    """The input's bytes when they were read already (stdin, read once by the main process:
    a worker process has no stdin)."""
    found: bool = False
    """Found in a folder walk: read only if it is a regular file (a pipe there would stop the run
    until something wrote to it). A file named on the command line is read whatever it is: a
    pipe (`akn convert <(pdftotext …)`), a device."""
    problem: str | None = None
    """Why the input cannot be read, when that is known before the job runs (a folder the walk
    cannot list, a standard input that cannot be read): the job fails with it."""


@dataclass(frozen=True)
class Options:
    """What every conversion of a run is given."""

    lang: str | None = None
    manifestation_date: str | None = None
    encoding: str | None = None
    task: Task = "convert"
    """"convert": text → validated AKN; "text": AKN (ours or the UN's) → its text form;
    "validate": AKN → the problems the official schema and the profile find, nothing written
    (the three options above are for "convert" only)."""

    def __post_init__(self) -> None:
        # (Refused here, once: in each input's conversion they would fail every input.)
        check_language(self.lang)
        check_date(self.manifestation_date)
        if self.encoding is not None:
            codecs.lookup(self.encoding)  # (LookupError for a name Python does not know)


@dataclass(frozen=True)
class Problem:
    """A problem outside the closed list of diagnostic codes: the file system, or a bug."""

    where: str
    message: str

    def format(self) -> str:
        return f"{self.where}: error: {self.message}"


@dataclass(frozen=True)
class Record:
    """What became of one input."""

    source: str
    """The input as named on the command line (`<stdin>` for `-`)."""
    output: str | None
    """The output file written (None when nothing was written)."""
    status: Status
    diagnostics: list[Diagnostic] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    milliseconds: float = 0.0
    content: str | None = None
    """The output itself (AKN, or text for `akn text`), only when it is not written to a file
    (stdout)."""

    def lines(self, *, errors_only: bool = False) -> list[str]:
        """What to print on stderr for this input: `file:line:col: severity[code]: message`."""
        shown = [d for d in self.diagnostics if not errors_only or d.severity is Severity.ERROR]
        return [d.format(self.source) for d in shown] + [p.format() for p in self.problems]

    def as_json(self, name: Callable[[Status], str] = str) -> dict[str, Any]:
        """The record of `--report`; `name` names its status (for `akn text`: "rendered" for
        "converted")."""
        return {
            "input": self.source,
            "output": self.output,
            "status": name(self.status),
            "milliseconds": round(self.milliseconds, 3),
            "diagnostics": [
                {
                    "severity": d.severity.value,
                    "code": d.code,
                    "line": d.line,
                    "column": d.column,
                    "message": d.message,
                    "text": d.format(self.source),
                }
                for d in self.diagnostics
            ]
            + [
                {
                    "severity": "error",
                    "code": None,
                    "line": None,
                    "column": None,
                    "message": p.message,
                    "text": p.format(),
                }
                for p in self.problems
            ],
        }


class Interrupted(Exception):
    """The run was stopped by Ctrl-C or SIGTERM; carries the records of the finished inputs."""

    def __init__(self, records: list[Record], signal_number: int) -> None:
        super().__init__(f"interrupted by signal {signal_number}")
        self.records = records
        self.signal_number = signal_number


# ---- decoding ---------------------------------------------------------------------------------


def probe(encoding: str, text: str) -> bool:
    """Whether text decoded with a legacy encoding reads as that encoding's language: one of its
    lines is the language's formula or its masthead body ("General Assembly")."""
    code = LEGACY_LANGUAGE.get(encoding)
    if code is None or code not in available():
        return False
    lang = load(code)
    body = lang.pattern("masthead.body")
    lines = (line.strip() for line in text.splitlines())
    return any(lang.formula.match(line) or body.match(line) for line in lines)


def read_bytes(source: Path | None, data: bytes | None = None, *, regular: bool = False) -> bytes:
    """The bytes of an input: `data` if given, else the file, else stdin when source is None;
    raises OSError, also when `regular` and the file is not a regular file."""
    if data is not None:
        return data
    if source is None:
        return sys.stdin.buffer.read()
    if not regular:
        return source.read_bytes()
    # (Opened without waiting: a pipe's open waits for a writer. Then checked on the open file.)
    handle = os.open(source, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a pipe, socket or device)")
        os.set_blocking(handle, True)
        return stream.read()


def read_input(
    source: Path | None, encoding: str | None, data: bytes | None = None, *, regular: bool = False
) -> str:
    """The text of an input (`read_bytes`, decoded); raises DecodingError or OSError."""
    return decode(read_bytes(source, data, regular=regular), encoding, probe)


# ---- writing ----------------------------------------------------------------------------------


def temporary_for(target: Path) -> Path:
    """A fresh temporary name beside target (hidden, so that folder walks skip it)."""
    return target.with_name(TEMPORARY.format(name=_temporary_stem(target), token=secrets.token_hex(6)))


# A file name has at most 255 bytes (NAME_MAX) on the usual file systems; a temporary name adds
# 18 to its target's: ".", ".", 12 hexadecimal digits and ".tmp".
NAME_MAX = 255
TEMPORARY_ROOM = NAME_MAX - len(TEMPORARY.format(name="", token="0" * 12))


def _temporary_stem(target: Path) -> str:
    """The part of target's temporary names that comes from target's name: the name itself, or,
    when the temporary name would be too long for the file system, its start and a digest of
    it (a name that fits was refused as too long for its temporary file)."""
    name = target.name
    if len(os.fsencode(name)) <= TEMPORARY_ROOM:
        return name
    digest = "~" + hashlib.sha256(os.fsencode(name)).hexdigest()[:16]
    stem = name
    while len(os.fsencode(stem + digest)) > TEMPORARY_ROOM:
        stem = stem[:-1]
    return stem + digest


_WRITING: Path | None = None
"""The temporary file this process is writing, for a worker stopped by SIGTERM to remove."""


def write_atomically(target: Path, data: bytes | Iterable[bytes]) -> None:
    """Write data (bytes, or chunks of bytes written as they come) to target through a temporary
    file in the same folder and a rename; the file gets the usual permissions (0666 less the
    umask)."""
    global _WRITING
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = temporary_for(target)
    # Named before it is made: a signal that comes while os.open runs is handled as soon as it
    # returns, and a stopped worker must find the file then.
    _WRITING = temporary
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(handle, "wb") as stream:
                if isinstance(data, bytes):
                    stream.write(data)
                else:
                    stream.writelines(data)
            os.replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    finally:
        _WRITING = None


def remove_temporaries(targets: Sequence[Path]) -> None:
    """Remove what a stopped worker may have left beside these targets."""
    for target in targets:
        if target.parent.is_dir():
            # (Escaped: a name may hold * ? [; the token is 12 hexadecimal digits, so that the
            # pattern does not meet another target's temporary, "a.xml" that of "a.xml.2.xml".)
            pattern = TEMPORARY.format(name=glob.escape(_temporary_stem(target)), token="[0-9a-f]" * 12)
            for stale in target.parent.glob(pattern):
                stale.unlink(missing_ok=True)


# ---- one input --------------------------------------------------------------------------------


def name_of(source: Path | None) -> str:
    return "<stdin>" if source is None else str(source)


def convert_job(job: Job, out: Path | None, options: Options) -> Record:
    """Read, convert (or render as text, or validate: `options.task`) and write one input; never
    raises for anything an input can do."""
    started = time.perf_counter()
    if job.problem is not None:
        name = name_of(job.source)
        return _timed(Record(name, None, "failed", problems=[Problem(name, job.problem)]), started)
    record = JOBS[options.task](job, out, options)
    return _timed(record, started)


def _timed(record: Record, started: float) -> Record:
    return replace(record, milliseconds=(time.perf_counter() - started) * 1000)


def _convert_job(job: Job, out: Path | None, options: Options) -> Record:
    name = name_of(job.source)
    try:
        text = read_input(job.source, options.encoding, job.data, regular=job.found)
    except DecodingError as exc:
        return Record(name, None, "failed", [Diagnostic(exc.code, str(exc))])
    except OSError as exc:
        return _unreadable(name, exc)
    try:
        xml, warnings = convert_with_diagnostics(
            text, lang=options.lang, manifestation_date=options.manifestation_date
        )
    except ConversionError as exc:
        errors = [d for d in exc.diagnostics if d.severity is Severity.ERROR]
        return Record(name, None, "failed", (errors or exc.diagnostics)[:1])
    except Exception as exc:  # one input's bug must not stop the others (DESIGN §6)
        return _internal(name, exc)
    return _written(name, xml, "warnings" if warnings else "converted", warnings, job, out)


def _text_job(job: Job, out: Path | None, options: Options) -> Record:
    def render(name: str, data: bytes) -> Record:
        try:
            text = to_text(data)
        except ReadError as exc:
            return Record(name, None, "failed", [Diagnostic("invalid-xml", str(exc))])
        return _written(name, text, "converted", [], job, out)

    return _akn_job(job, render)


def _validate_job(job: Job, out: Path | None, options: Options) -> Record:
    """Every problem of one AKN file; "failed" when one is an error, nothing written."""

    def check(name: str, data: bytes) -> Record:
        problems = validate(data)
        errors = any(problem.severity is Severity.ERROR for problem in problems)
        return Record(name, None, "failed" if errors else "warnings" if problems else "converted", problems)

    return _akn_job(job, check)


def _akn_job(job: Job, work: Callable[[str, bytes], Record]) -> Record:
    """Read an AKN input and do `work` on it (given its name and bytes): a file that cannot be
    read, or a bug, fails this input only."""
    name = name_of(job.source)
    try:
        data = read_bytes(job.source, job.data, regular=job.found)
    except OSError as exc:
        return _unreadable(name, exc)
    try:
        return work(name, data)
    except Exception as exc:  # one input's bug must not stop the others (DESIGN §6)
        return _internal(name, exc)


def _written(
    name: str, content: str, status: Status, warnings: list[Diagnostic], job: Job, out: Path | None
) -> Record:
    """The record of an input converted: its output written under `out`, or kept in the record
    (for stdout) when there is no `out`."""
    if out is None:
        return Record(name, None, status, warnings, content=content)
    target = out / job.target
    try:
        write_atomically(target, content.encode("utf-8"))
    except OSError as exc:
        problem = Problem(str(target), f"cannot write: {exc.strerror or exc}")
        return Record(name, None, "failed", warnings, [problem])
    return Record(name, str(target), status, warnings)


def _unreadable(name: str, exc: OSError) -> Record:
    return Record(name, None, "failed", problems=[Problem(name, f"cannot read: {exc.strerror or exc}")])


def _internal(name: str, exc: Exception) -> Record:
    message = f"internal error, please report it ({type(exc).__name__}: {exc})"
    return Record(name, None, "failed", problems=[Problem(name, message)])


JOBS: dict[Task, Callable[[Job, Path | None, Options], Record]] = {
    "convert": _convert_job,
    "text": _text_job,
    "validate": _validate_job,
}


def skipped(job: Job, out: Path) -> Record:
    return Record(name_of(job.source), str(out / job.target), "skipped")


# ---- many inputs ------------------------------------------------------------------------------


class _Stop(BaseException):
    """Raised in the main process by Ctrl-C or SIGTERM during a run."""

    def __init__(self, signal_number: int) -> None:
        super().__init__(signal_number)
        self.signal_number = signal_number


_STOPPING: int | None = None
"""The signal that stopped the run, kept: an exception raised by a signal handler while Python
runs a __del__ (a collected regex, say) is printed and dropped, and the run would go on."""


def _raise_stop(signal_number: int, frame: FrameType | None) -> None:
    global _STOPPING
    _STOPPING = signal_number
    raise _Stop(signal_number)


def _check_stop() -> None:
    """Raise the stop again if its first raise was dropped."""
    if _STOPPING is not None:
        raise _Stop(_STOPPING)


_WORK: tuple[Path | None, Options] | None = None
_STARTED: Any = None
"""Shared with the main process: the pid of the worker that started item k of a round."""
_FINISHED: Any = None
"""Shared with the main process: 1 when item k of a round was converted (its result may still be
on its way: a chunk's results travel together)."""


def _worker_start(out: Path | None, options: Options, started: Any, finished: Any, parent: int) -> None:
    # The main process decides about Ctrl-C; SIGTERM (the pool stopped) ends a worker at once.
    global _WORK, _STARTED, _FINISHED
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_stop)
    _WORK = (out, options)
    _STARTED, _FINISHED = started, finished
    _end_with(parent)
    _restore_stops(set())


PR_SET_PDEATHSIG = 1
_FORKED_BY_MAIN_THREAD = True
"""Set in the process that forks, just before (os.register_at_fork): whether its main thread
forks. A pool forks a worker to replace one that died from a thread of its own."""


def _note_forking_thread() -> None:
    global _FORKED_BY_MAIN_THREAD
    _FORKED_BY_MAIN_THREAD = _main_thread()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_note_forking_thread)


def _end_with(parent: int) -> None:
    """Have the kernel send this worker SIGTERM when the main process ends (Linux's prctl
    PR_SET_PDEATHSIG), so that a main process killed outright (kill -9, the out-of-memory killer)
    does not leave its workers converting their inputs, each printing a traceback when it reports
    to a process that is gone. Elsewhere, nothing; nor in a worker the pool forked from a thread
    of its own to replace one that died: the signal comes when the forking *thread* ends, and that
    one ends while the pool is stopped, when a worker must not die holding the pool's queue (the
    pool's stop waited for ever)."""
    if not _FORKED_BY_MAIN_THREAD:
        return
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # (no prctl: not Linux)
        return
    if prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) == 0 and os.getppid() != parent:
        end_now(128 + signal.SIGTERM)  # (it ended before the request was made)


def _worker_stop(signal_number: int, frame: FrameType | None) -> None:
    """SIGTERM in a worker: remove the temporary file it is writing, if any, and end. Nothing is
    raised: an exception would have to unwind through whatever the worker was doing, and it may
    be dropped (in a __del__) or escape the pool's task as a printed traceback."""
    end_now(128 + signal_number)


def end_now(code: int) -> NoReturn:
    """End this process at once with `code`, first removing the temporary file it is writing, if
    any: what a signal handler does outside a run (the `akn` command's, un_akn_launcher.py) or in
    a worker, where an exception it raised could be dropped."""
    if _WRITING is not None:
        with contextlib.suppress(OSError):
            _WRITING.unlink()
    os._exit(code)


def _worker_job(item: tuple[int, Job]) -> tuple[int, Record]:
    assert _WORK is not None
    k, job = item
    _STARTED[k] = os.getpid()
    record = convert_job(job, *_WORK)
    _FINISHED[k] = 1
    return k, record


def _worker_chunk(chunk: list[tuple[int, Job]]) -> list[tuple[int, Record]]:
    return [_worker_job(item) for item in chunk]


def _context() -> Any:
    """Fork where the platform has it (the workers start warm and fast), else spawn."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run_batch(
    jobs: Sequence[Job],
    out: Path | None,
    options: Options,
    *,
    workers: int,
    skip_existing: bool = False,
    fail_fast: bool = False,
    on_record: Callable[[Record], None] = lambda record: None,
) -> list[Record]:
    """Convert every job; the records in the order of `jobs`. Calls `on_record` for each input
    as soon as it is finished (skipped ones first; in order with one worker). Raises
    `Interrupted` on Ctrl-C or SIGTERM. With `fail_fast`, stops at the first failed input (the
    records then cover only what was finished)."""
    records: dict[int, Record] = {}
    pending: list[tuple[int, Job]] = []
    # stdin is read here, once: worker processes have none of their own
    jobs = [_with_stdin(job) if job.source is None and job.data is None else job for job in jobs]
    for index, job in enumerate(jobs):
        if skip_existing and out is not None and job.problem is None and (out / job.target).exists():
            records[index] = skipped(job, out)
            on_record(records[index])
        else:
            pending.append((index, job))
    global _STOPPING
    _STOPPING = None
    stops = (signal.SIGINT, signal.SIGTERM)
    previous = [signal.signal(number, _raise_stop) for number in stops] if _main_thread() else []
    try:
        with contextlib.closing(_results(pending, out, options, workers)) as results:
            for index, record in results:
                records[index] = record
                on_record(record)
                _check_stop()
                if fail_fast and record.status == "failed":
                    break
        _check_stop()
    except (KeyboardInterrupt, _Stop) as exc:
        number = exc.signal_number if isinstance(exc, _Stop) else signal.SIGINT
        if out is not None:
            remove_temporaries([out / job.target for _, job in pending])
        raise Interrupted([records[i] for i in sorted(records)], number) from None
    finally:
        for number, handler in zip(stops, previous, strict=False):
            signal.signal(number, handler)
    return [records[i] for i in sorted(records)]


def _with_stdin(job: Job) -> Job:
    """The job of `-` with the bytes of standard input, or the reason they cannot be read."""
    try:
        if sys.stdin is None:  # (its descriptor closed: `akn convert - <&-`)
            raise OSError(errno.EBADF, "standard input is closed")
        return job._replace(data=sys.stdin.buffer.read())
    except OSError as exc:
        return job._replace(problem=f"cannot read: {exc.strerror or exc}")


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def _results(
    pending: list[tuple[int, Job]], out: Path | None, options: Options, workers: int
) -> Generator[tuple[int, Record], None, None]:
    """(index, record) as inputs finish: in this process for one worker or one input, else on a
    pool of worker processes.

    A worker process that dies (killed, out of memory, a crash in a C library) takes its task
    with it, and a pool would wait for that task for ever: the pool is watched, and when a worker
    is gone the input it was converting is recorded as failed, the pool stopped and the inputs
    not finished yet given to a new one."""
    if workers <= 1 or len(pending) <= 1:
        for index, job in pending:
            yield index, convert_job(job, out, options)
        return
    remaining = pending
    while remaining:
        lost: list[tuple[int, Job]] = []
        yield from _round(remaining, out, options, workers, lost)
        remaining = lost


def _round(
    items: list[tuple[int, Job]],
    out: Path | None,
    options: Options,
    workers: int,
    lost: list[tuple[int, Job]],
) -> Generator[tuple[int, Record], None, None]:
    """One pool over items; when a worker dies, the records of its input and what was finished,
    and the inputs left over in `lost`."""
    context = _context()
    started = context.Array("i", len(items), lock=False)
    finished = context.Array("b", len(items), lock=False)
    # Small chunks keep the progress live and the workers evenly loaded.
    chunksize = max(1, min(16, len(items) // (workers * 8)))
    # A worker takes the main process's signal handlers with it until its initializer has set
    # its own: the signals wait, blocked, until then (and in this process until the pool is
    # there to stop).
    mask = _block_stops()
    try:
        initargs = (out, options, started, finished, os.getpid())
        pool = context.Pool(workers, initializer=_worker_start, initargs=initargs)
    except BaseException:
        _restore_stops(mask)
        raise
    # The pool's processes (it has no public list of them), to see which one died.
    processes = {process.pid: process for process in pool._pool}
    done: set[int] = set()
    complete = False
    try:
        _restore_stops(mask)
        numbered = [(k, job) for k, (_, job) in enumerate(items)]
        chunks = [numbered[at : at + chunksize] for at in range(0, len(numbered), chunksize)]
        # Chunks of our own: the pool's own chunking gives an iterator without a timeout.
        results = pool.imap_unordered(_worker_chunk, chunks)
        while len(done) < len(items):
            try:
                chunk = results.next(timeout=WATCH_SECONDS)
            except multiprocessing.TimeoutError:
                processes.update((process.pid, process) for process in pool._pool)
                dead = {pid: p.exitcode for pid, p in processes.items() if p.exitcode is not None}
                if not dead:
                    _check_stop()
                    continue
                for k, (index, job) in enumerate(items):
                    if k in done:
                        continue
                    if started[k] in dead and not finished[k]:
                        yield index, _died(job, dead[started[k]])
                    else:
                        lost.append((index, job))
                return
            for k, record in chunk:
                done.add(k)
                yield items[k][0], record
        complete = True
    finally:
        if complete:
            pool.close()
        else:  # stopped early (a worker died, fail-fast, Ctrl-C, SIGTERM): the workers unwind
            _terminate(pool)
        pool.join()


_STOPS = {signal.SIGINT, signal.SIGTERM}


def _block_stops() -> set[int | signal.Signals]:
    """Block Ctrl-C and SIGTERM in this thread; the signals blocked before."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows
        return set()
    return signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)


def _restore_stops(mask: set[int | signal.Signals]) -> None:
    """Unblock Ctrl-C and SIGTERM, unless they were blocked in `mask`; one that came while they
    were blocked is handled now."""
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS - mask)


STOP_GRACE_SECONDS = 5.0
"""How long the workers have to end after SIGTERM before they are killed."""


def _terminate(pool: Any) -> None:
    """pool.terminate(): SIGTERM to the workers (each removes the temporary file it is writing,
    if any, and ends), then it joins them. A worker that the signal reached just before it
    blocked on a lock of the pool's queues, held by a worker already gone, would wait for ever,
    and the join with it (seen about once in 30 fail-fast runs): after the grace period, the
    workers still there are killed."""
    stopper = threading.Thread(target=pool.terminate, daemon=True)
    stopper.start()
    stopper.join(STOP_GRACE_SECONDS)
    if stopper.is_alive():
        for process in list(pool._pool):
            if process.exitcode is None:
                process.kill()
        stopper.join()


WATCH_SECONDS = 0.5
"""How long the main process waits for a result before it looks whether a worker died."""


def _died(job: Job, exitcode: int | None) -> Record:
    """The record of an input whose worker process died while converting it."""
    name = name_of(job.source)
    how = (
        f"killed by signal {-exitcode}" if exitcode is not None and exitcode < 0 else f"exit code {exitcode}"
    )
    message = f"the worker process converting this input died ({how}); the other inputs went on"
    return Record(name, None, "failed", problems=[Problem(name, message)])
