"""Model → a JSON-ready dump for humans and golden tests (spans left out): each node is an
object with its type name under "node" and its fields."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from .model import Resolution


def to_data(value: Any) -> Any:
    """A model value as JSON-ready data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {"node": type(value).__name__}
        for f in dataclasses.fields(value):
            if f.name != "span":
                out[f.name] = to_data(getattr(value, f.name))
        return out
    if isinstance(value, tuple | list):
        return [to_data(v) for v in value]
    return value


def dump(resolution: Resolution) -> str:
    """The model as indented JSON, one stable text per resolution."""
    return json.dumps(to_data(resolution), ensure_ascii=False, indent=1) + "\n"
