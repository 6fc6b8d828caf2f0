"""Golden folders: tests/golden/{lang}/{document}/ holds input.txt and the expected model dump
(model.json), AKN (akn.xml) and text (text.txt). `pytest --update-golden` rewrites them; review
the diff before committing."""

from __future__ import annotations

from pathlib import Path

import pytest

from converter import convert, parse, to_text
from converter.dump import dump

GOLDEN = Path(__file__).parent / "golden"
FOLDERS = sorted(p.parent for p in GOLDEN.glob("*/*/input.txt"))


def outputs(folder: Path) -> dict[str, str]:
    text = (folder / "input.txt").read_text(encoding="utf-8")
    lang = folder.parent.name
    parsed = parse(text, lang=lang)
    assert parsed.resolution is not None, [d.format() for d in parsed.diagnostics]
    xml = convert(text, lang=lang)
    return {"model.json": dump(parsed.resolution), "akn.xml": xml, "text.txt": to_text(xml)}


@pytest.mark.parametrize("folder", FOLDERS, ids=[f"{p.parent.name}/{p.name}" for p in FOLDERS])
def test_golden(folder: Path, update_golden: bool) -> None:
    for name, got in outputs(folder).items():
        path = folder / name
        if update_golden:
            path.write_text(got, encoding="utf-8")
            continue
        assert path.exists(), f"{path} is missing (run with --update-golden to create it)"
        assert got == path.read_text(encoding="utf-8"), f"{path} differs (run with --update-golden to accept)"


def test_golden_folders_exist() -> None:
    assert FOLDERS, "no golden folder found"
