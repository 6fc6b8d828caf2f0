"""The command line: `akn convert`, `akn text`, `akn validate`. Bad input gets one line per
problem (`file:line:col: severity[code]: message`), never a traceback; outputs are written to a
temporary file and renamed, so nothing is ever half-written.

Exit codes: 0 all converted, 1 some input failed, 2 usage error."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import click

from . import convert_with_diagnostics, to_text, validate
from .akn_reader import ReadError
from .diagnostics import ConversionError, Diagnostic, Severity
from .languages import CODES, load
from .source import LEGACY, DecodingError, decode

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
SUFFIXES = (".txt", ".md")
# Which language's words a legacy encoding must show to be accepted.
LEGACY_LANGUAGE = dict(zip(LEGACY, ("ar", "ru", "zh"), strict=True))


class UsageError(click.UsageError):
    """A usage error (exit 2)."""


def probe(encoding: str, text: str) -> bool:
    """Whether text decoded with a legacy encoding reads as that encoding's language."""
    code = LEGACY_LANGUAGE.get(encoding)
    if code is None:
        return False
    try:
        lang = load(code)
    except (KeyError, FileNotFoundError):
        return False
    lines = [line.strip() for line in text.splitlines()]
    body = lang.pattern("masthead.body")
    return any(lang.formula.match(line) or body.match(line) for line in lines)


def read_input(path: Path | None, encoding: str | None) -> str:
    """The text of an input file (or of stdin when path is None)."""
    data = sys.stdin.buffer.read() if path is None else path.read_bytes()
    return decode(data, encoding, probe)


def inputs(sources: tuple[str, ...]) -> Iterator[tuple[Path | None, Path]]:
    """(input path, output path relative to OUT) for every source: files as given, folders
    walked recursively for *.txt and *.md, hidden entries skipped."""
    for source in sources:
        if source == "-":
            yield None, Path("stdin.xml")
            continue
        path = Path(source)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                rel = found.relative_to(path)
                if (
                    found.is_file()
                    and found.suffix in SUFFIXES
                    and not any(p.startswith(".") for p in rel.parts)
                ):
                    yield found, rel.with_suffix(".xml")
        elif path.is_file():
            yield path, Path(path.name).with_suffix(".xml")
        else:
            raise UsageError(f"{source}: no such file or folder")


def write_atomically(target: Path, text: str) -> None:
    """Write text to target through a temporary file in the same folder and a rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(text.encode("utf-8"))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def report(name: str, diagnostics: list[Diagnostic], *, errors_only: bool = False) -> None:
    """Diagnostics on stderr, one line each."""
    for d in diagnostics:
        if errors_only and d.severity is not Severity.ERROR:
            continue
        click.echo(d.format(name), err=True)


def convert_one(path: Path | None, lang: str | None, date: str | None, encoding: str | None) -> str | None:
    """The AKN of one input, or None after reporting why it failed."""
    name = "<stdin>" if path is None else str(path)
    try:
        text = read_input(path, encoding)
    except DecodingError as exc:
        click.echo(Diagnostic(exc.code, str(exc)).format(name), err=True)
        return None
    except OSError as exc:
        click.echo(f"{name}: error: cannot read: {exc.strerror}", err=True)
        return None
    try:
        xml, warnings = convert_with_diagnostics(text, lang=lang, manifestation_date=date)
    except ConversionError as exc:
        errors = [d for d in exc.diagnostics if d.severity is Severity.ERROR]
        report(name, errors[:1] or exc.diagnostics[:1])
        return None
    report(name, warnings)
    return xml


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="un-akn")
def main() -> None:
    """Convert UN General Assembly resolutions to Akoma Ntoso 3.0 (AKN4UN) and back.

    \b
    Exit codes: 0 all converted, 1 some input failed, 2 usage error.
    """


@main.command("convert")
@click.argument("sources", nargs=-1, required=True)
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), help="Output folder.")
@click.option("--lang", type=click.Choice(CODES), help="Force the language instead of detecting it.")
@click.option(
    "--manifestation-date", "date", help="Manifestation date (YYYY-MM-DD); default: the issuance date."
)
@click.option(
    "--encoding", help="Encoding of the inputs (default: BOM, UTF-8, or a detected legacy encoding)."
)
def convert_command(
    sources: tuple[str, ...], out: Path | None, lang: str | None, date: str | None, encoding: str | None
) -> None:
    """Convert resolution texts to AKN.

    A file x.txt becomes OUT/x.xml (only the last suffix is replaced); a folder is walked
    recursively for *.txt and *.md and mirrored under OUT. Without -o, a single input is written
    to stdout. "-" reads stdin.

    \b
    Example:
      akn convert examples/000_a273e5295c9f1c03.txt -o out/
      akn convert corpus/ -o out/ --lang ar

    \b
    Exit codes: 0 all converted, 1 some input failed, 2 usage error.
    """
    jobs = list(inputs(sources))
    if out is None and len(jobs) != 1:
        raise UsageError("several inputs need an output folder (-o OUT)")
    targets: dict[Path, Path | None] = {}
    for path, rel in jobs:
        if rel in targets:
            raise UsageError(f"{path} and {targets[rel]} would both be written to {rel}")
        targets[rel] = path
    failed = 0
    for path, rel in jobs:
        xml = convert_one(path, lang, date, encoding)
        if xml is None:
            failed += 1
        elif out is None:
            sys.stdout.buffer.write(xml.encode("utf-8"))
        else:
            write_atomically(out / rel, xml)
    sys.exit(EXIT_FAILED if failed else EXIT_OK)


@main.command("text")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), help="Write to this file.")
def text_command(file: Path, out: Path | None) -> None:
    """Render an AKN resolution (ours or the UN's) as text (docs/text-format.md).

    \b
    Example:
      akn text out/000_a273e5295c9f1c03.xml
    """
    try:
        text = to_text(file.read_bytes())
    except ReadError as exc:
        click.echo(Diagnostic("invalid-xml", str(exc)).format(str(file)), err=True)
        sys.exit(EXIT_FAILED)
    if out is None:
        sys.stdout.buffer.write(text.encode("utf-8"))
    else:
        write_atomically(out, text)


@main.command("validate")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
def validate_command(files: tuple[Path, ...]) -> None:
    """Check AKN files against the official AKN 3.0 schema and the AKN4UN profile.

    \b
    Example:
      akn validate out/*.xml
    """
    failed = 0
    for file in files:
        problems = validate(file.read_bytes())
        report(str(file), problems)
        failed += any(p.severity is Severity.ERROR for p in problems)
    sys.exit(EXIT_FAILED if failed else EXIT_OK)
