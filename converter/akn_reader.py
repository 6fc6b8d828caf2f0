"""AKN (ours or the UN's) → model."""

from __future__ import annotations

from .model import Resolution


def read_akn(xml: str | bytes) -> Resolution:
    """The resolution an AKN document holds (work in progress)."""
    raise NotImplementedError
