"""The model (and the parser's blocks): the classes that write their own __init__ (for speed,
FAST_INIT in model.py) take what the dataclass would, and stay frozen."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from converter import model
from converter.parse.blocks import Block

CLASSES = [
    c
    for c in vars(model).values()
    if isinstance(c, type) and dataclasses.is_dataclass(c) and c.__module__ == model.__name__
] + [Block]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_init_takes_the_fields_in_order_with_their_defaults(cls: type) -> None:
    fields = dataclasses.fields(cls)
    parameters = list(inspect.signature(cls).parameters.values())
    assert [p.name for p in parameters] == [f.name for f in fields]
    for p, f in zip(parameters, fields, strict=True):
        default = f.default if f.default is not dataclasses.MISSING else inspect.Parameter.empty
        assert p.default == default, f.name
        assert p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_init_stores_every_field_and_the_instance_stays_frozen(cls: type) -> None:
    fields = dataclasses.fields(cls)
    values = [object() for _ in fields]
    node = cls(*values)
    assert [getattr(node, f.name) for f in fields] == values
    assert node == cls(**{f.name: v for f, v in zip(fields, values, strict=True)})
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(node, fields[0].name, None)


def test_spans_are_left_out_of_equality() -> None:
    assert model.Text("a", model.Span(0, 1)) == model.Text("a")
    assert model.OperativeParagraph("1.", "Decides", (), span=model.Span(0, 9)) == model.OperativeParagraph(
        "1.", "Decides", ()
    )
