"""Model → the text format of docs/text-format.md: the one text renderer."""

from __future__ import annotations

from .model import Resolution


def render_text(resolution: Resolution) -> str:
    """The text form of a resolution (work in progress)."""
    raise NotImplementedError
