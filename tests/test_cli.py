"""The `akn` command: output naming, byte-identical output, folders, usage errors and bad input
(one line naming the file and the reason, exit 1, nothing written, never a traceback)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from converter import convert
from converter.cli import main
from converter.diagnostics import CODES

from .conftest import ROOT, SEED


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_convert_creates_out_and_names_the_file(tmp_path: Path) -> None:
    out = tmp_path / "out" / "deeper"
    code, _, _ = run("convert", str(SEED), "-o", str(out))
    assert code == 0
    written = out / "000_a273e5295c9f1c03.xml"
    assert written.read_bytes() == convert(SEED.read_text(encoding="utf-8")).encode("utf-8")
    assert not written.read_bytes().startswith(b"\xef\xbb\xbf")


def test_only_the_last_suffix_is_replaced(tmp_path: Path) -> None:
    source = tmp_path / "A_RES_67_264.v1.0.0.txt"
    shutil.copy(SEED, source)
    assert run("convert", str(source), "-o", str(tmp_path / "out"))[0] == 0
    assert (tmp_path / "out" / "A_RES_67_264.v1.0.0.xml").is_file()


def test_same_bytes_whatever_the_input_is_called(tmp_path: Path) -> None:
    other = tmp_path / "renamed.md"
    shutil.copy(SEED, other)
    run("convert", str(SEED), "-o", str(tmp_path / "a"))
    run("convert", str(other), "-o", str(tmp_path / "b"))
    run("convert", str(other), "-o", str(tmp_path / "c"))
    first = (tmp_path / "a" / "000_a273e5295c9f1c03.xml").read_bytes()
    assert (
        first
        == (tmp_path / "b" / "renamed.xml").read_bytes()
        == (tmp_path / "c" / "renamed.xml").read_bytes()
    )


def test_single_file_to_stdout() -> None:
    code, out, _ = run("convert", str(SEED))
    assert code == 0 and out == convert(SEED.read_text(encoding="utf-8"))


def test_stdin() -> None:
    code, out, _ = run("convert", "-", stdin=SEED.read_bytes())
    assert code == 0 and out.startswith("<?xml")


def test_folder_is_mirrored(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "ar" / "67").mkdir(parents=True)
    (src / ".hidden").mkdir()
    shutil.copy(SEED, src / "ar" / "67" / "a.txt")
    shutil.copy(SEED, src / "b.md")
    shutil.copy(SEED, src / ".hidden" / "c.txt")
    (src / "notes.rst").write_text("ignored", encoding="utf-8")
    code, _, _ = run("convert", str(src), "-o", str(tmp_path / "out"))
    assert code == 0
    found = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.xml"))
    assert found == ["ar/67/a.xml", "b.xml"]


def test_two_inputs_to_one_output_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    shutil.copy(SEED, tmp_path / "x" / "a.txt")
    shutil.copy(SEED, tmp_path / "a.md")
    code, _, err = run(
        "convert", str(tmp_path / "x" / "a.txt"), str(tmp_path / "a.md"), "-o", str(tmp_path / "out")
    )
    assert code == 2 and "a.xml" in err
    assert not (tmp_path / "out").exists()


def test_several_inputs_without_output_is_a_usage_error(tmp_path: Path) -> None:
    assert run("convert", str(SEED), str(SEED))[0] == 2


def test_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    assert run("convert", str(tmp_path / "nothing.txt"), "-o", str(tmp_path))[0] == 2


NOT_A_RESOLUTION = {
    "no formula": "Distr.: General\n\n79/9. A title\n\n1. Decides to do something;\n",
    "no number": "The General Assembly,\n\nRecalling its resolutions,\n\n1. Decides to do something;\n",
    "no operative paragraph": "79/9. A title\n\nThe General Assembly,\n\nRecalling its resolutions,\n",
    "prose": "Once upon a time there was a resolution.\n",
}

BAD = {
    "empty": (b"", "empty-input"),
    "whitespace": (b" \n\t\n  \n", "empty-input"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary-input"),
    "undecodable": (b"Caf\xe9 \xff\xfe\xfd au lait", "encoding"),
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
    assert len(lines) == 1 and lines[0].startswith(f"{source}:") and f"error[{code_name}]" in lines[0]
    assert "Traceback" not in err + out
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SEED, src / "a.txt")
    (src / "b.txt").write_bytes(b"")
    shutil.copy(SEED, src / "c.txt")
    code, _, err = run("convert", str(src), "-o", str(tmp_path / "out"))
    assert code == 1 and "b.txt" in err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.xml", "c.xml"]


def test_warnings_go_to_stderr_and_keep_exit_zero() -> None:
    code, _, err = run("convert", str(SEED))
    assert code == 0 and "warning[unknown-opening]" in err and ":55:1:" in err


@pytest.mark.parametrize("command", ["convert", "text", "validate"])
def test_help_has_an_example(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0 and "Example" in out


def test_text_and_validate(tmp_path: Path) -> None:
    run("convert", str(SEED), "-o", str(tmp_path))
    xml = tmp_path / "000_a273e5295c9f1c03.xml"
    code, out, _ = run("text", str(xml))
    assert code == 0 and "إن الجمعية العامة،" in out
    assert run("validate", str(xml))[0] == 0
    broken = tmp_path / "broken.xml"
    broken.write_text(
        xml.read_text(encoding="utf-8").replace('refersTo="#ga"', 'refersTo="#gone"'), encoding="utf-8"
    )
    code, _, err = run("validate", str(broken))
    assert code == 1 and "#gone" in err


def test_diagnostics_doc_lists_every_code() -> None:
    doc = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    listed = {line.split("`")[1] for line in doc.splitlines() if line.startswith("| `")}
    assert listed == set(CODES)
