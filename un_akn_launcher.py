"""The `akn` command's entry point.

It lives outside the `converter` package on purpose: it runs before Python imports the package
(about a third of a second), so that a Ctrl-C or a SIGTERM that comes then ends the command the
way one that comes later does — exit 130 and one line on stderr — instead of with Python's
`KeyboardInterrupt` traceback (or, for SIGTERM, no word at all). Nothing has been written then.

While inputs are being converted, the batch machinery (`converter.batch.run_batch`) handles the
two signals itself and puts these handlers back when it returns; they stay for what comes before
(reading the options, walking the folders) and after it (the summary, the report). Once the
command has returned, everything is written: the two signals are ignored while Python exits, so
that the exit code stays the command's (Python would otherwise put the default handlers back as
it finishes, and a Ctrl-C then would end the process by the signal)."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from types import FrameType

EXIT_INTERRUPTED = 130
STDERR = 2
STOPS = (signal.SIGINT, signal.SIGTERM)


def stop(signal_number: int, frame: FrameType | None) -> None:
    """End the command at once: one line, exit 130. Nothing is raised: an exception raised by a
    signal handler that comes while Python runs a __del__ (while it imports the package, say) is
    printed and dropped, and the command would go on."""
    # (Straight to the descriptor: the handler may run inside a write to sys.stderr.)
    with contextlib.suppress(OSError):
        os.write(STDERR, b"interrupted\n")
    # Once the package is imported, a file being written (the report) goes first: its temporary
    # file is removed. (Looked up, not imported: an import here could meet the one under way.)
    end_now = getattr(sys.modules.get("converter.batch"), "end_now", None)
    if end_now is not None:
        end_now(EXIT_INTERRUPTED)
    os._exit(EXIT_INTERRUPTED)


def main() -> None:
    """Run `akn` with Ctrl-C and SIGTERM ending it quietly from its first moment."""
    for number in STOPS:
        signal.signal(number, stop)
    from converter.cli import main as command

    try:
        command()  # (click ends it with SystemExit and the exit code)
    finally:
        for number in STOPS:
            signal.signal(number, signal.SIG_IGN)


if __name__ == "__main__":
    main()
