"""The `akn` command's entry point.

It lives outside the `converter` package on purpose: it runs before Python imports the package
(about a third of a second), so that a Ctrl-C or a SIGTERM that comes then ends the command the
way one that comes later does — exit 130 and one line on stderr — instead of with Python's
`KeyboardInterrupt` traceback (or, for SIGTERM, no word at all). Nothing has been written then.

While inputs are being converted, the batch machinery (`converter.batch.run_batch`) handles the
two signals itself and puts these handlers back when it returns; they stay for what comes before
(reading the options, walking the folders) and after it (the summary, the report), where a stop
leaves no partial file either (every file is written to a temporary file and renamed, and a stop
removes it)."""

from __future__ import annotations

import signal
import sys
from types import FrameType

EXIT_INTERRUPTED = 130
STOPS = (signal.SIGINT, signal.SIGTERM)


def stop(signal_number: int, frame: FrameType | None) -> None:
    """End the command: one line, exit 130 (SystemExit unwinds, so a file being written through
    a temporary file is removed; Python prints no traceback for it)."""
    sys.stderr.write("interrupted\n")
    raise SystemExit(EXIT_INTERRUPTED)


def main() -> None:
    """Run `akn` with Ctrl-C and SIGTERM ending it quietly from its first moment."""
    for number in STOPS:
        signal.signal(number, stop)
    from converter.cli import main as command

    command()


if __name__ == "__main__":
    main()
