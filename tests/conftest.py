"""Shared fixtures and the `--update-golden` flag."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, settings

# Property tests: `default` (make test, CI) explores a fixed set of examples, so that a run on a
# fresh clone is reproducible; `thorough` (HYPOTHESIS_PROFILE=thorough) explores new ones each run.
BASE = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("default", BASE, max_examples=120, derandomize=True)
settings.register_profile("thorough", BASE, max_examples=2000, derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "examples" / "000_a273e5295c9f1c03.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden files from the output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is not present")
    return SHARED


def load_module(name: str, path: Path) -> ModuleType:
    """A module loaded from a file outside the package (registered under `name`, where
    dataclasses look their module up)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def load_signature() -> ModuleType:
    """`../shared/tools/signature.py`, unchanged (DESIGN §5)."""
    return load_module("signature", SHARED / "tools" / "signature.py")
