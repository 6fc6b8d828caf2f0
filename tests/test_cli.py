"""The `akn` command: output naming, byte-identical output, folders, usage errors, decoding and bad
input (one line naming the file and the reason, exit 1, nothing written, never a traceback)."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from converter import ConversionError, convert, convert_with_diagnostics
from converter.cli import main
from converter.diagnostics import CODES, Diagnostic, Severity

from .conftest import ROOT, SEED

AKN = Path(sys.executable).parent / "akn"
SEED_XML = "000_a273e5295c9f1c03.xml"

# A small English resolution (the seed is Arabic): masthead, number, formula, one preambular and
# two operative paragraphs, conclusion. "Café" makes its Latin-1 bytes invalid UTF-8.
ENGLISH = """\
Distr.: General
12 December 2024

Seventy-ninth session
Agenda item 14

Resolution adopted by the General Assembly on 10 December 2024

[without reference to a Main Committee (A/79/L.30)]

79/77. International Day of Café Workers

The General Assembly,

Recalling its resolution 70/1 of 25 September 2015,

1. Decides to proclaim 3 March as the International Day of Café Workers;

2. Invites all Member States to observe the Day.

50th plenary meeting
10 December 2024
"""


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def seed_xml() -> bytes:
    return convert(SEED.read_text(encoding="utf-8")).encode("utf-8")


def files_under(folder: Path) -> list[str]:
    """Every file under folder (hidden ones included), as sorted relative POSIX paths."""
    if not folder.exists():
        return []
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


# ---- output naming and bytes ----------------------------------------------------------------


def test_convert_creates_out_and_names_the_file(tmp_path: Path) -> None:
    out = tmp_path / "out" / "deeper"
    code, _, _ = run("convert", str(SEED), "-o", str(out))
    assert code == 0
    assert files_under(out) == [SEED_XML]
    written = (out / SEED_XML).read_bytes()
    assert written == seed_xml()
    assert not written.startswith(b"\xef\xbb\xbf")


def test_only_the_last_suffix_is_replaced(tmp_path: Path) -> None:
    source = tmp_path / "A_RES_67_264.v1.0.0.txt"
    shutil.copy(SEED, source)
    assert run("convert", str(source), "-o", str(tmp_path / "out"))[0] == 0
    assert files_under(tmp_path / "out") == ["A_RES_67_264.v1.0.0.xml"]


def test_same_bytes_whatever_the_input_is_called_and_on_every_run(tmp_path: Path) -> None:
    other = tmp_path / "renamed.md"
    shutil.copy(SEED, other)
    run("convert", str(SEED), "-o", str(tmp_path / "a"))
    run("convert", str(other), "-o", str(tmp_path / "b"))
    run("convert", str(other), "-o", str(tmp_path / "c"))
    outputs = {
        (tmp_path / "a" / SEED_XML).read_bytes(),
        (tmp_path / "b" / "renamed.xml").read_bytes(),
        (tmp_path / "c" / "renamed.xml").read_bytes(),
    }
    assert outputs == {seed_xml()}


def test_single_file_to_stdout() -> None:
    code, out, _ = run("convert", str(SEED))
    assert code == 0 and out.encode("utf-8") == seed_xml()


def test_stdin() -> None:
    code, out, _ = run("convert", "-", stdin=SEED.read_bytes())
    assert code == 0 and out.encode("utf-8") == seed_xml()


def test_output_is_written_with_the_usual_permissions_and_no_temporary_file(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        assert run("convert", str(SEED), "-o", str(tmp_path / "out"))[0] == 0
    finally:
        os.umask(previous)
    assert files_under(tmp_path / "out") == [SEED_XML]
    assert stat.S_IMODE((tmp_path / "out" / SEED_XML).stat().st_mode) == 0o644


def test_an_existing_output_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / SEED_XML).write_bytes(b"old")
    assert run("convert", str(SEED), "-o", str(tmp_path / "out"))[0] == 0
    assert (tmp_path / "out" / SEED_XML).read_bytes() == seed_xml()


def test_manifestation_date(tmp_path: Path) -> None:
    code, out, _ = run("convert", str(SEED), "--manifestation-date", "2020-01-31")
    assert code == 0
    assert 'date="2020-01-31"' in out
    assert out.encode("utf-8") != seed_xml()


# ---- folders --------------------------------------------------------------------------------


def test_folder_is_mirrored(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "ar" / "67").mkdir(parents=True)
    (src / ".hidden").mkdir()
    shutil.copy(SEED, src / "ar" / "67" / "a.txt")
    shutil.copy(SEED, src / "b.md")
    shutil.copy(SEED, src / ".hidden" / "c.txt")
    shutil.copy(SEED, src / "ar" / ".d.txt")
    (src / "notes.rst").write_text("ignored", encoding="utf-8")
    code, _, _ = run("convert", str(src), "-o", str(tmp_path / "out"))
    assert code == 0
    assert files_under(tmp_path / "out") == ["ar/67/a.xml", "b.xml"]
    assert (tmp_path / "out" / "ar" / "67" / "a.xml").read_bytes() == seed_xml()


def test_files_and_folders_together(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "x").mkdir(parents=True)
    shutil.copy(SEED, src / "x" / "a.txt")
    other = tmp_path / "b.txt"
    shutil.copy(SEED, other)
    assert run("convert", str(src), str(other), "-o", str(tmp_path / "out"))[0] == 0
    assert files_under(tmp_path / "out") == ["b.xml", "x/a.xml"]


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEED, src / "a.txt")
    (src / "b.txt").write_bytes(b"")
    shutil.copy(SEED, src / "c.txt")
    code, _, err = run("convert", str(src), "-o", str(tmp_path / "out"))
    assert code == 1
    errors = [line for line in err.splitlines() if "error[" in line]
    assert errors == [f"{src / 'b.txt'}:1:1: error[empty-input]: the input is empty or only whitespace"]
    assert files_under(tmp_path / "out") == ["a.xml", "c.xml"]


def test_an_output_that_cannot_be_written_does_not_stop_the_others(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEED, src / "a.txt")
    shutil.copy(SEED, src / "b.txt")
    (tmp_path / "out" / "a.xml").mkdir(parents=True)  # a folder where the output should go
    code, _, err = run("convert", str(src), "-o", str(tmp_path / "out"))
    assert code == 1 and f"{tmp_path / 'out' / 'a.xml'}: error: cannot write" in err
    assert "Traceback" not in err
    assert files_under(tmp_path / "out") == ["b.xml"]


# ---- usage errors: exit 2, nothing written ----------------------------------------------------


def test_two_inputs_to_one_output_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    shutil.copy(SEED, tmp_path / "x" / "a.txt")
    shutil.copy(SEED, tmp_path / "a.md")
    shutil.copy(SEED, tmp_path / "first.txt")
    code, _, err = run(
        "convert",
        str(tmp_path / "first.txt"),
        str(tmp_path / "x" / "a.txt"),
        str(tmp_path / "a.md"),
        "-o",
        str(tmp_path / "out"),
    )
    assert code == 2 and "a.xml" in err
    assert not (tmp_path / "out").exists()


def test_a_collision_inside_folders_is_a_usage_error(tmp_path: Path) -> None:
    for folder in ("one", "two"):
        (tmp_path / folder / "sub").mkdir(parents=True)
        shutil.copy(SEED, tmp_path / folder / "sub" / "a.txt")
    code, _, err = run("convert", str(tmp_path / "one"), str(tmp_path / "two"), "-o", str(tmp_path / "out"))
    assert code == 2 and "sub/a.xml" in err
    assert not (tmp_path / "out").exists()


def test_same_stem_different_suffix_is_a_collision(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    shutil.copy(SEED, tmp_path / "src" / "a.txt")
    shutil.copy(SEED, tmp_path / "src" / "a.md")
    assert run("convert", str(tmp_path / "src"), "-o", str(tmp_path / "out"))[0] == 2
    assert not (tmp_path / "out").exists()


# Arguments with {tmp} (the test's folder, holding folder/a.txt, empty/ and a-file) and {seed}.
USAGE = {
    "several inputs without -o": ["convert", "{seed}", "{seed}"],
    "a folder without -o": ["convert", "{tmp}/folder"],
    "a missing input": ["convert", "{tmp}/nothing.txt", "-o", "{tmp}/out"],
    "a folder with nothing to convert": ["convert", "{tmp}/empty", "-o", "{tmp}/out"],
    "-o is a file": ["convert", "{seed}", "-o", "{tmp}/a-file"],
    "an unknown language": ["convert", "{seed}", "--lang", "de", "-o", "{tmp}/out"],
    "a bad manifestation date": [
        "convert",
        "{seed}",
        "--manifestation-date",
        "17/05/2013",
        "-o",
        "{tmp}/out",
    ],
    "an impossible date": ["convert", "{seed}", "--manifestation-date", "2013-02-30"],
    "an unknown encoding": ["convert", "{seed}", "--encoding", "no-such-codec", "-o", "{tmp}/out"],
    "no input": ["convert", "-o", "{tmp}/out"],
    "text of a missing file": ["text", "{tmp}/nothing.xml"],
    "validate nothing": ["validate"],
}


@pytest.mark.parametrize("case", sorted(USAGE))
def test_usage_errors_exit_2_and_write_nothing(tmp_path: Path, case: str) -> None:
    (tmp_path / "folder").mkdir()
    shutil.copy(SEED, tmp_path / "folder" / "a.txt")
    (tmp_path / "empty").mkdir()
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    args = [arg.format(tmp=tmp_path, seed=SEED) for arg in USAGE[case]]
    code, out, err = run(*args)
    assert code == 2, err
    assert out == "" and "Traceback" not in err
    assert not (tmp_path / "out").exists()


# ---- decoding -------------------------------------------------------------------------------


def test_windows_1256_is_recognised_by_its_arabic_words(tmp_path: Path) -> None:
    # Windows-1256 has no Arabic-Indic digits: a legacy file prints ASCII digits.
    text = SEED.read_text(encoding="utf-8").translate({0x660 + i: str(i) for i in range(10)})
    (tmp_path / "utf8.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "legacy.txt").write_bytes(text.encode("windows-1256"))
    for name in ("utf8.txt", "legacy.txt"):
        assert run("convert", str(tmp_path / name), "-o", str(tmp_path / "out"))[0] == 0
    assert (tmp_path / "out" / "legacy.xml").read_bytes() == (tmp_path / "out" / "utf8.xml").read_bytes()


def test_latin_1_only_when_asked(tmp_path: Path) -> None:
    source = tmp_path / "english.txt"
    source.write_bytes(ENGLISH.encode("latin-1"))
    code, _, err = run("convert", str(source), "-o", str(tmp_path / "refused"))
    assert code == 1 and "error[encoding]" in err and not (tmp_path / "refused").exists()
    code, _, _ = run("convert", str(source), "--encoding", "latin-1", "-o", str(tmp_path / "out"))
    assert code == 0
    assert (tmp_path / "out" / "english.xml").read_bytes() == convert(ENGLISH).encode("utf-8")


def test_a_byte_order_mark_decides(tmp_path: Path) -> None:
    source = tmp_path / "utf16.txt"
    source.write_bytes(SEED.read_text(encoding="utf-8").encode("utf-16"))  # with its BOM
    code, out, _ = run("convert", str(source))
    assert code == 0 and out.encode("utf-8") == seed_xml()


def test_lang_forces_the_language(tmp_path: Path) -> None:
    source = tmp_path / "english.txt"
    source.write_text(ENGLISH, encoding="utf-8")
    assert run("convert", str(source), "--lang", "en")[0] == 0
    code, _, err = run("convert", str(source), "--lang", "ar", "-o", str(tmp_path / "out"))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "error[" in err


# ---- bad input: one line naming the file, exit 1, no output, no traceback --------------------------

NOT_A_RESOLUTION = {
    "no formula": "Distr.: General\n\n79/9. A title\n\n1. Decides to do something;\n",
    "no number": "The General Assembly,\n\nRecalling its resolutions,\n\n1. Decides to do something;\n",
    "no operative paragraph": "79/9. A title\n\nThe General Assembly,\n\nRecalling its resolutions,\n",
    "prose": "Once upon a time there was a resolution.\n",
    "a decision": (
        "Distr.: General\n\n79/501. Scale of assessments\n\nAt its 50th plenary meeting, on 10 December "
        "2024, the General Assembly decided to defer consideration of the item.\n"
    ),
    "a corrigendum": "A/RES/79/77/Corr.1\n\nCorrigendum\n\n1. Paragraph 2\n\nFor 3 March read 4 March\n",
    "arabic prose": "هذا نص عادي وليس قرارا.\n",
    "markdown": "# Notes\n\n- one\n- two\n\n**bold** and *italic*\n",
}

BAD = {
    "empty": (b"", "empty-input"),
    "whitespace": (b" \n\t\n  \r\n\f\n", "empty-input"),
    "a byte-order mark only": (b"\xef\xbb\xbf\n\n", "empty-input"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "binary-input"),
    "NULs": (b"\x00" * 64, "binary-input"),
    "undecodable": (b"Caf\xe9 \xff\xfe\xfd au lait", "encoding"),
    "truncated UTF-8": ("Le café".encode()[:-1] + b" \xc3", "encoding"),
    "no adoption date": (
        b"79/9. A title\n\nThe General Assembly,\n\n1. Decides to do something;\n",
        "no-adoption-date",
    ),
    **{name: (text.encode("utf-8"), "not-a-resolution") for name, text in NOT_A_RESOLUTION.items()},
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input(tmp_path: Path, name: str) -> None:
    data, code_name = BAD[name]
    source = tmp_path / f"{name.replace(' ', '_')}.txt"
    source.write_bytes(data)
    code, out, err = run("convert", str(source), "-o", str(tmp_path / "out"))
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"{source}:") and f"error[{code_name}]" in lines[0]
    assert "Traceback" not in err + out
    assert files_under(tmp_path / "out") == []


def test_bad_input_to_stdout_prints_nothing(tmp_path: Path) -> None:
    source = tmp_path / "empty.txt"
    source.write_bytes(b"")
    code, out, err = run("convert", str(source))
    assert code == 1 and out == "" and err.count("\n") == 1


def test_warnings_go_to_stderr_and_keep_exit_zero() -> None:
    code, _, err = run("convert", str(SEED))
    assert code == 0
    assert f"{SEED}:55:1: warning[unknown-opening]" in err
    assert all(": warning[" in line for line in err.splitlines())


def test_a_control_character_is_a_warning(tmp_path: Path) -> None:
    source = tmp_path / "nul.txt"
    text = SEED.read_text(encoding="utf-8")
    source.write_text(text.replace("إن الجمعية العامة،", "إن الجمعية\x01 العامة،"), encoding="utf-8")
    code, out, err = run("convert", str(source))
    assert code == 0 and "warning[control-character]" in err
    assert out.encode("utf-8") == seed_xml()


# ---- text and validate ------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["convert", "text", "validate"])
def test_help_has_an_example_and_the_exit_codes(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0 and "Example" in out and "Exit codes" in out


def test_main_help_lists_the_commands_and_exit_codes() -> None:
    code, out, _ = run("--help")
    assert code == 0 and all(c in out for c in ("convert", "text", "validate", "Exit codes"))


def test_text_and_validate(tmp_path: Path) -> None:
    # Needs converter.text and converter.akn_reader.
    run("convert", str(SEED), "-o", str(tmp_path))
    xml = tmp_path / SEED_XML
    code, out, _ = run("text", str(xml))
    assert code == 0 and "إن الجمعية العامة،" in out
    code, _, _ = run("text", str(xml), "-o", str(tmp_path / "proof" / "seed.txt"))
    assert code == 0 and (tmp_path / "proof" / "seed.txt").read_text(encoding="utf-8") == out
    assert run("convert", str(tmp_path / "proof" / "seed.txt"))[1].encode("utf-8") == seed_xml()
    assert run("validate", str(xml))[0] == 0


def test_validate_reports_errors_with_exit_1(tmp_path: Path) -> None:
    run("convert", str(SEED), "-o", str(tmp_path))
    good = tmp_path / SEED_XML
    broken = tmp_path / "broken.xml"
    broken.write_text(
        good.read_text(encoding="utf-8").replace('refersTo="#ga"', 'refersTo="#gone"'), encoding="utf-8"
    )
    code, _, err = run("validate", str(good), str(broken))
    assert code == 1 and "#gone" in err
    *problems, last = err.splitlines()
    assert problems and all(line.startswith(f"{broken}:") for line in problems)
    assert last.startswith("1 valid (0 with warnings), 1 with errors in ")


def test_validate_warnings_keep_exit_zero(tmp_path: Path) -> None:
    source = tmp_path / "gap.txt"
    source.write_text(ENGLISH.replace("2. Invites", "3. Invites"), encoding="utf-8")
    code, _, err = run("convert", str(source), "-o", str(tmp_path))
    assert code == 0 and "warning[" in err and "error[" not in err
    code, _, err = run("validate", str(tmp_path / "gap.xml"))
    assert code == 0 and "warning[" in err


NOT_AKN = {
    "text": "The General Assembly,\n",
    "empty": "",
    "other xml": "<html><body/></html>",
    "entity bomb": (
        '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;">]><a>&d;&d;&d;</a>'
    ),
}


@pytest.mark.parametrize("name", sorted(NOT_AKN))
@pytest.mark.parametrize("command", ["text", "validate"])
def test_text_and_validate_refuse_what_is_not_akn(tmp_path: Path, command: str, name: str) -> None:
    source = tmp_path / "input.xml"
    source.write_text(NOT_AKN[name], encoding="utf-8")
    code, out, err = run(command, str(source))
    assert code == 1 and out == ""
    assert err.startswith(f"{source}:") and "error" in err and "Traceback" not in err
    if command == "text":
        assert len(err.strip().splitlines()) == 1


# ---- the installed command, in a real process -------------------------------------------------

needs_akn = pytest.mark.skipif(not AKN.is_file(), reason="the akn script is not installed beside python")


@needs_akn
def test_installed_akn_writes_exactly_the_bytes_of_convert(tmp_path: Path) -> None:
    done = subprocess.run(
        [str(AKN), "convert", str(SEED)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0
    assert done.stdout == seed_xml()


@needs_akn
def test_installed_akn_on_bad_input(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    shutil.copy(SEED, tmp_path / "src" / "good.txt")
    done = subprocess.run(
        [str(AKN), "convert", "src", "-o", "out"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        cwd=tmp_path,
        check=False,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if ": error[" in line]
    assert errors == [f"{Path('src') / 'binary.txt'}:1:1: error[binary-input]: binary data, not text"]
    assert "Traceback" not in done.stderr
    assert files_under(tmp_path / "out") == ["good.xml"]


@needs_akn
def test_installed_akn_usage_error(tmp_path: Path) -> None:
    done = subprocess.run(
        [str(AKN), "convert", str(SEED), str(SEED)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 2 and done.stdout == b""


@needs_akn
@pytest.mark.parametrize("stdout", ["full", "closed"])
def test_an_output_that_cannot_be_written_to_stdout_is_one_line(stdout: str) -> None:
    # (Both ended with a traceback: OSError "No space left on device", and an AttributeError of
    # sys.stdout, None when the descriptor is closed.)
    if stdout == "full" and not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    with open("/dev/full" if stdout == "full" else os.devnull, "wb") as sink:
        done = subprocess.run(
            [str(AKN), "text", "-"],
            input=seed_xml(),
            stdout=sink,
            stderr=subprocess.PIPE,
            check=False,
            timeout=120,
            preexec_fn=(lambda: os.close(1)) if stdout == "closed" else None,
        )
    reason = "No space left on device" if stdout == "full" else "standard output is closed"
    assert (done.returncode, done.stderr.decode()) == (1, f"<stdout>: error: cannot write: {reason}\n")


@needs_akn
@pytest.mark.parametrize("command", ["convert", "text", "validate"])
def test_a_closed_stdin_is_one_line(command: str) -> None:
    # (`akn convert - <&-`: an AttributeError traceback, sys.stdin being None.)
    done = subprocess.run(
        [str(AKN), command, "-"],
        capture_output=True,
        check=False,
        timeout=120,
        preexec_fn=lambda: os.close(0),
    )
    assert (done.returncode, done.stdout) == (1, b"")
    assert done.stderr.decode() == "<stdin>: error: cannot read: standard input is closed\n"


@needs_akn
@pytest.mark.parametrize("stderr", ["full", "closed"])
def test_a_run_goes_on_when_stderr_cannot_be_written(tmp_path: Path, stderr: str) -> None:
    # (A full disk: the first warning ended the run with an OSError, the inputs after it not
    # converted; `2>&1 | head` meets the same once head has gone. Closed: an AttributeError of
    # sys.stderr, None, before anything was converted.)
    if stderr == "full" and not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    src = tmp_path / "src"
    src.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        shutil.copy(SEED, src / name)  # (each with one warning)
    (src / "d.txt").write_text("not a resolution\n", encoding="utf-8")
    report = tmp_path / "run.json"
    with open("/dev/full" if stderr == "full" else os.devnull, "wb") as sink:
        done = subprocess.run(
            [str(AKN), "convert", str(src), "-o", str(tmp_path / "out"), "-j", "1", "--report", str(report)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=sink,
            check=False,
            timeout=120,
            preexec_fn=(lambda: os.close(2)) if stderr == "closed" else None,
        )
    assert (done.returncode, done.stdout) == (1, b"")  # (1: d.txt failed)
    assert files_under(tmp_path / "out") == ["a.xml", "b.xml", "c.xml"]
    statuses = [record["status"] for record in json.loads(report.read_bytes())["files"]]
    assert statuses == ["warnings", "warnings", "warnings", "failed"]


def test_a_reader_gone_from_stdout_ends_the_command_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # (`akn text big.xml | head -1`: the write fails with a broken pipe; Python would print a
    # second complaint at exit, as it flushes stdout.)
    import io

    from converter import cli

    kept = (tmp_path / "kept").open("wb")

    class Gone(io.BytesIO):
        def write(self, data: object) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def fileno(self) -> int:
            return kept.fileno()

    class Stdout:
        buffer = Gone()

    monkeypatch.setattr(sys, "stdout", Stdout())
    with pytest.raises(SystemExit) as exited:
        cli.write_stdout(b"<akomaNtoso/>")
    assert exited.value.code == 1
    assert capsys.readouterr().err == ""
    assert os.path.samestat(os.fstat(kept.fileno()), os.stat(os.devnull))  # (stdout onto devnull)
    kept.close()


# ---- the Python API the command is built on ------------------------------------------------


def test_the_public_names() -> None:
    import converter
    import converter.parse
    import converter.validate

    assert all(hasattr(converter, name) for name in converter.__all__)
    # The verbs share their names with subpackages; importing those must not shadow the verbs.
    assert callable(converter.parse) and callable(converter.validate)
    assert converter.__version__ != "0+unknown"


def _call(name: str, *args: object, **kwargs: object) -> object:
    import converter

    return getattr(converter, name)(*args, **kwargs)


API_MISUSE: list[tuple[str, tuple[object, ...], dict[str, object], type[Exception], str]] = [
    # (what was raised before: a TypeError about bytes for a str, a KeyError for a language, …)
    ("convert", (b"text",), {}, TypeError, "the text of a resolution is a str, not bytes: decode the bytes"),
    ("convert", (None,), {}, TypeError, "the text of a resolution is a str, not NoneType"),
    ("parse", (12,), {}, TypeError, "the text of a resolution is a str, not int"),
    ("convert", (ENGLISH,), {"lang": "EN"}, ValueError, "unknown language 'EN'; expected one of ar, zh, en"),
    ("parse", (ENGLISH,), {"lang": "de"}, ValueError, "unknown language 'de'"),
    ("convert", (ENGLISH,), {"manifestation_date": 20240101}, TypeError, "the manifestation date is a str"),
    ("to_text", (None,), {}, TypeError, "an AKN document is a str or bytes, not NoneType"),
    ("read_akn", (12,), {}, TypeError, "an AKN document is a str or bytes, not int"),
    ("validate", ([],), {}, TypeError, "an AKN document is a str or bytes, not list"),
]


@pytest.mark.parametrize(("name", "args", "kwargs", "error", "message"), API_MISUSE)
def test_a_mistake_in_calling_the_api_is_named(
    name: str, args: tuple[object, ...], kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        _call(name, *args, **kwargs)
    assert type(caught.value) is error and str(caught.value).startswith(message)


def test_options_of_a_batch_are_checked_when_made() -> None:
    # (A bad language failed every input as an internal error.)
    from converter.batch import Options

    with pytest.raises(ValueError, match="unknown language 'xx'"):
        Options(lang="xx")
    with pytest.raises(ValueError, match="is not a date"):
        Options(manifestation_date="2024-02-30")
    with pytest.raises(LookupError):
        Options(encoding="no-such-encoding")
    assert Options(lang="fr", manifestation_date="2024-02-29", encoding="latin-1").lang == "fr"


THREADS = """
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from converter import convert, to_text, validate

folders = sorted(Path(sys.argv[1]).glob("*/*"))
def check(folder):
    text = (folder / "input.txt").read_text(encoding="utf-8")
    xml = convert(text)
    return (
        xml == (folder / "akn.xml").read_text(encoding="utf-8")
        and to_text(xml) == (folder / "text.txt").read_text(encoding="utf-8")
        and validate(xml, numbering=False) == []
    )
with ThreadPoolExecutor(16) as pool:  # (from the first call: every cache is built under way)
    same = list(pool.map(check, folders * 8))
print(len(same), all(same))
"""


def test_the_api_may_be_called_from_many_threads_at_once(tmp_path: Path) -> None:
    # (A publishing system's server calls it from its threads: the compiled schema, profile,
    # templates and language data are shared.)
    script = tmp_path / "threads.py"
    script.write_text(THREADS, encoding="utf-8")
    golden = ROOT / "tests" / "golden"
    done = subprocess.run(
        [sys.executable, str(script), str(golden)], capture_output=True, text=True, check=False, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(8 * len(list(golden.glob("*/*")))), "True"]


def test_conversion_error_carries_every_diagnostic() -> None:
    with pytest.raises(ConversionError) as caught:
        convert("Once \x01upon a time.\n")
    assert [d.code for d in caught.value.diagnostics] == ["control-character", "not-a-resolution"]


def test_convert_with_diagnostics_returns_the_warnings() -> None:
    xml, warnings = convert_with_diagnostics(SEED.read_text(encoding="utf-8"))
    assert xml.encode("utf-8") == seed_xml()
    assert [(d.code, d.line) for d in warnings] == [("unknown-opening", 55)]


def test_validation_problems_of_the_output_are_located_in_their_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import converter

    found = Diagnostic("profile-warning", "something to say", None, 63, 7)
    monkeypatch.setattr(converter, "validate", lambda xml, numbering=True: [found])
    _, warnings = convert_with_diagnostics(ENGLISH)
    assert [d.format("x.txt") for d in warnings] == [
        "x.txt:1:1: warning[profile-warning]: the generated AKN, line 63, column 7: something to say"
    ]


@pytest.mark.parametrize("date", ["17/05/2013", "2013-5-17", "20130517", "2013-02-30"])
def test_a_bad_manifestation_date_is_a_value_error(date: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        convert(SEED.read_text(encoding="utf-8"), manifestation_date=date)


# ---- docs -------------------------------------------------------------------------------------


def diagnostics_table() -> list[tuple[str, str, str]]:
    """(code, severity, meaning) rows of docs/diagnostics.md."""
    doc = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    rows = [line.strip("|").split("|") for line in doc.splitlines() if line.startswith("| `")]
    return [(code.strip().strip("`"), severity.strip(), meaning.strip()) for code, severity, meaning in rows]


def test_diagnostics_doc_lists_exactly_the_codes() -> None:
    rows = diagnostics_table()
    assert [code for code, _, _ in rows] == list(CODES)
    for code, severity, meaning in rows:
        assert (Severity(severity), meaning) == CODES[code], code


def test_readme_opens_with_the_two_commands() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# ") and lines[1] == "" and lines[2] and lines[3] == ""
    fence = lines.index("```sh")
    assert fence == 4
    commands = [line.split("#")[0].strip() for line in lines[fence + 1 : lines.index("```", fence)]]
    assert commands == ["make run", "make test"]
