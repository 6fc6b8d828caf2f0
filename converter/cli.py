"""The command line: `akn convert`, `akn text`, `akn validate` (DESIGN §6, §7).

Bad input gets one line naming the file and the reason (`file:line:col: error[code]: message`),
never a traceback; warnings go to stderr and never change the exit code. Outputs are written to a
temporary file in the target folder and renamed, so no file is ever half-written.

Exit codes: 0 all converted, 1 some input failed, 2 usage error."""

from __future__ import annotations

import codecs
import datetime
import os
import secrets
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import click

from . import convert_with_diagnostics, to_text, validate
from .akn_reader import ReadError
from .diagnostics import ConversionError, Diagnostic, Severity
from .languages import CODES, available, load
from .source import DecodingError, decode

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_CODES = "Exit codes: 0 all converted, 1 some input failed, 2 usage error (nothing written)."
TEXT_EXIT_CODES = "Exit codes: 0 rendered, 1 the file is not an AKN resolution, 2 usage error."
VALIDATE_EXIT_CODES = "Exit codes: 0 valid (warnings allowed), 1 some file has errors, 2 usage error."
SUFFIXES = (".txt", ".md")
# The language whose formula or masthead words a legacy encoding's text must show (DESIGN §7).
LEGACY_LANGUAGE = {"windows-1256": "ar", "windows-1251": "ru", "gb18030": "zh"}


class UsageError(click.UsageError):
    """A usage error: exit 2, nothing written."""


class Job(NamedTuple):
    """One input and where its output goes."""

    source: Path | None
    """The input file; None for stdin (`-`)."""
    target: Path
    """The output path, relative to OUT."""


@dataclass(frozen=True)
class Options:
    """What `akn convert` passes to every conversion."""

    lang: str | None
    manifestation_date: str | None
    encoding: str | None


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


def read_input(source: Path | None, encoding: str | None) -> str:
    """The text of an input file (stdin when source is None); raises DecodingError or OSError."""
    data = sys.stdin.buffer.read() if source is None else source.read_bytes()
    return decode(data, encoding, probe)


# ---- inputs and outputs -----------------------------------------------------------------------


def collect(sources: tuple[str, ...]) -> list[Job]:
    """Every input with its output path: files as given (only the last suffix replaced), folders
    walked recursively for *.txt and *.md (hidden entries skipped) and mirrored."""
    jobs: list[Job] = []
    for source in sources:
        path = Path(source)
        if source == "-":
            jobs.append(Job(None, Path("stdin.xml")))
        elif path.is_dir():
            jobs.extend(_walk(path))
        elif path.is_file():
            jobs.append(Job(path, Path(path.name).with_suffix(".xml")))
        else:
            raise UsageError(f"{source}: no such file or folder")
    return jobs


def _walk(folder: Path) -> Iterator[Job]:
    for found in sorted(folder.rglob("*")):
        rel = found.relative_to(folder)
        if found.suffix in SUFFIXES and _visible(rel) and found.is_file():
            yield Job(found, rel.with_suffix(".xml"))


def _visible(rel: Path) -> bool:
    return not any(part.startswith(".") for part in rel.parts)


def check_jobs(sources: tuple[str, ...], jobs: list[Job], out: Path | None) -> None:
    """Usage errors, found before anything is converted or written."""
    if out is None and (len(sources) != 1 or Path(sources[0]).is_dir()):
        raise UsageError("only a single file can be written to stdout: give an output folder with -o OUT")
    if out is not None and out.exists() and not out.is_dir():
        raise UsageError(f"{out}: the output must be a folder, and this is a file")
    if not jobs:
        patterns = " or ".join("*" + suffix for suffix in SUFFIXES)
        raise UsageError(f"nothing to convert: no {patterns} file in {', '.join(sources)}")
    seen: dict[Path, Job] = {}
    for job in jobs:
        if job.target in seen:
            first = _name(seen[job.target].source)
            raise UsageError(f"{first} and {_name(job.source)} would both be written to {job.target}")
        seen[job.target] = job


def write_atomically(target: Path, data: bytes) -> None:
    """Write data to target through a temporary file in the same folder and a rename; the file
    gets the usual permissions (0666 less the umask)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_stdout(data: bytes) -> None:
    """Bytes to stdout as they are (no newline added, no re-encoding)."""
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


# ---- reporting --------------------------------------------------------------------------------


def _name(source: Path | None) -> str:
    return "<stdin>" if source is None else str(source)


def report(name: str, diagnostics: list[Diagnostic]) -> None:
    """Diagnostics on stderr, one line each: `file:line:col: severity[code]: message`."""
    for diagnostic in diagnostics:
        click.echo(diagnostic.format(name), err=True)


def fail(name: str, message: str) -> None:
    """One line on stderr for a problem outside the closed list of codes (the file system, a bug)."""
    click.echo(f"{name}: error: {message}", err=True)


def internal(name: str, exc: Exception) -> None:
    """A bug met on one input: reported in one line so that the other inputs still run."""
    fail(name, f"internal error, please report it ({type(exc).__name__}: {exc})")


# ---- converting -------------------------------------------------------------------------------


def convert_one(job: Job, options: Options) -> str | None:
    """The AKN of one input with its warnings reported, or None after one line saying why not."""
    name = _name(job.source)
    text = read_one(job, options, name)
    if text is None:
        return None
    try:
        xml, warnings = convert_with_diagnostics(
            text, lang=options.lang, manifestation_date=options.manifestation_date
        )
    except ConversionError as exc:
        errors = [d for d in exc.diagnostics if d.severity is Severity.ERROR]
        report(name, (errors or exc.diagnostics)[:1])
    except Exception as exc:  # one input's bug must not stop the others (DESIGN §6)
        internal(name, exc)
    else:
        report(name, warnings)
        return xml
    return None


def read_one(job: Job, options: Options, name: str) -> str | None:
    """The decoded text of one input, or None after one line saying why not."""
    try:
        return read_input(job.source, options.encoding)
    except DecodingError as exc:
        report(name, [Diagnostic(exc.code, str(exc))])
    except OSError as exc:
        fail(name, f"cannot read: {exc.strerror or exc}")
    return None


def deliver(job: Job, xml: str, out: Path | None) -> bool:
    """Write one output (to stdout without OUT); False after reporting a file-system error."""
    data = xml.encode("utf-8")
    if out is None:
        write_stdout(data)
        return True
    try:
        write_atomically(out / job.target, data)
    except OSError as exc:
        fail(str(out / job.target), f"cannot write: {exc.strerror or exc}")
        return False
    return True


def run_job(job: Job, out: Path | None, options: Options) -> bool:
    """Convert and write one input; whether it succeeded."""
    xml = convert_one(job, options)
    return xml is not None and deliver(job, xml, out)


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
def convert_command(
    sources: tuple[str, ...],
    out: Path | None,
    lang: str | None,
    manifestation_date: str | None,
    encoding: str | None,
) -> None:
    """Convert resolution texts to validated AKN.

    A file x.txt becomes OUT/x.xml (only the last suffix is replaced: A_RES_80_10.v1.0.0.txt gives
    A_RES_80_10.v1.0.0.xml). A folder is walked recursively for *.txt and *.md (hidden entries
    skipped) and mirrored under OUT. Without -o, a single file is written to stdout; "-" reads
    stdin. An input that cannot be converted gets one line on stderr and no output; the others
    are still converted. Warnings go to stderr and do not change the exit code.

    \b
    Example:
      akn convert examples/000_a273e5295c9f1c03.txt -o out/
      akn convert corpus/ -o out/ --lang ar
      akn convert A_RES_67_264.txt > A_RES_67_264.xml
    """
    jobs = collect(sources)
    check_jobs(sources, jobs, out)
    options = Options(lang, manifestation_date, encoding)
    failed = sum(not run_job(job, out, options) for job in jobs)
    sys.exit(EXIT_FAILED if failed else EXIT_OK)


@main.command("text", epilog=TEXT_EXIT_CODES)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), help="Write to this file.")
def text_command(file: Path, out: Path | None) -> None:
    """Render an AKN resolution (ours or the UN's) as text (docs/text-format.md).

    \b
    Example:
      akn text out/000_a273e5295c9f1c03.xml
      akn text out/000_a273e5295c9f1c03.xml -o proof/000_a273e5295c9f1c03.txt
    """
    text = render(file)
    if text is None:
        sys.exit(EXIT_FAILED)
    if out is None:
        write_stdout(text.encode("utf-8"))
        return
    try:
        write_atomically(out, text.encode("utf-8"))
    except OSError as exc:
        fail(str(out), f"cannot write: {exc.strerror or exc}")
        sys.exit(EXIT_FAILED)


def render(file: Path) -> str | None:
    """The text form of an AKN file, or None after one line saying why not."""
    try:
        return to_text(file.read_bytes())
    except ReadError as exc:
        report(str(file), [Diagnostic("invalid-xml", str(exc))])
    except OSError as exc:
        fail(str(file), f"cannot read: {exc.strerror or exc}")
    except Exception as exc:  # a bug: one line, not a traceback
        internal(str(file), exc)
    return None


@main.command("validate", epilog=VALIDATE_EXIT_CODES)
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
def validate_command(files: tuple[Path, ...]) -> None:
    """Check AKN files against the official AKN 3.0 schema and the AKN4UN profile; print every
    problem as file:line:col: severity[code]: message.

    \b
    Example:
      akn validate out/000_a273e5295c9f1c03.xml
      akn validate out/*.xml
    """
    failed = sum(not check(file) for file in files)
    sys.exit(EXIT_FAILED if failed else EXIT_OK)


def check(file: Path) -> bool:
    """Report the problems of one AKN file; whether it has no error."""
    try:
        problems = validate(file.read_bytes())
    except OSError as exc:
        fail(str(file), f"cannot read: {exc.strerror or exc}")
        return False
    report(str(file), problems)
    return not any(p.severity is Severity.ERROR for p in problems)
