"""The templates read the view-model's dicts as `n.key`, which the environment looks up as a key
first (converter/akn.py): no template may name an attribute that a dict also has as a method."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import markupsafe
import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import nodes

from converter import akn, parse, to_akn
from converter.akn import environment, escape_output


def test_no_template_reads_a_dict_method_as_an_attribute() -> None:
    env = environment()
    assert env.loader is not None
    methods = {name for name in dir(dict) if not name.startswith("_")}
    for name in env.list_templates():
        source = env.loader.get_source(env, name)[0]
        read = {node.attr for node in env.parse(source).find_all(nodes.Getattr)}
        assert read, f"{name}: no attribute read (is the check still looking?)"
        assert not read & methods, f"{name} reads {sorted(read & methods)}"


# --- escaping (converter/akn.py: escape_output) ------------------------------------------------

MARKUP_CHARS = st.text(st.sampled_from(list("&<>\"'; amp#3a大\u200f")), max_size=20)


@given(st.one_of(MARKUP_CHARS, st.text()))
def test_escape_output_writes_what_markupsafe_escape_writes(text: str) -> None:
    assert escape_output(text) == str(markupsafe.escape(text))
    assert escape_output(markupsafe.Markup(text)) == text  # a macro's output is not escaped again


def test_escape_output_without_markupsafe_s_c_function(monkeypatch: pytest.MonkeyPatch) -> None:
    for value in ("a & <b> \"c\" 'd'", markupsafe.Markup("<b>&amp;</b>"), 12):
        fast = escape_output(value)
        monkeypatch.setattr(akn, "ESCAPE_STR", None)
        assert escape_output(value) == fast == str(markupsafe.escape(value))
        monkeypatch.undo()


def test_every_output_of_the_templates_is_escaped_by_escape_output() -> None:
    env = environment()
    assert env.loader is not None
    for name in env.list_templates():
        code = env.compile(env.loader.get_source(env, name)[0], raw=True)
        assert "environment.escape_output(" in code, name
        assert not regex.search(r"(?<![\w.])escape\(", code), f"{name}: an output escaped by markupsafe"


def stock_environment() -> jinja2.Environment:
    """Jinja as it comes, with the settings of ours: its own escape and attribute look-up."""
    env = environment()
    return jinja2.Environment(
        loader=env.loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


GOLDEN = sorted((Path(__file__).parent / "golden").glob("*/*/input.txt"))


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}")
def test_the_templates_render_as_stock_jinja_renders_them(path: Path) -> None:
    # With every character autoescape changes put into the texts.
    text = path.read_text(encoding="utf-8")
    for original, changed in ((" the ", " <the> & \"the\" 'the' "), (" في ", " <في> & \"في\" 'في' ")):
        text = text.replace(original, changed)
    resolution = parse(text).resolution
    assert resolution is not None
    assert "&amp;" in to_akn(resolution) and "&lt;" in to_akn(resolution)
    view = akn._Builder(resolution, None).build()
    name = "collection.xml" if resolution.parts else "resolution.xml"
    ours = environment().get_template(name).render(doc=view)
    assert ours == stock_environment().get_template(name).render(doc=view)


def test_every_macro_call_of_the_templates_is_made_straight(monkeypatch: pytest.MonkeyPatch) -> None:
    """converter/akn.py's context calls the templates' macros itself (the test above checks the
    output is what Jinja's own calls give): none goes through Jinja's `Context.call`."""
    generic: list[object] = []
    original = jinja2.runtime.Context.call

    def counted(self: jinja2.runtime.Context, obj: Any, *args: Any, **kwargs: Any) -> Any:
        generic.append(obj)
        return original(self, obj, *args, **kwargs)

    monkeypatch.setattr(jinja2.runtime.Context, "call", counted)
    for path in GOLDEN:
        resolution = parse(path.read_text(encoding="utf-8")).resolution
        assert resolution is not None
        view = akn._Builder(resolution, None).build()
        name = "collection.xml" if resolution.parts else "resolution.xml"
        environment().get_template(name).render(doc=view)
        assert generic == [], path
        stock_environment().get_template(name).render(doc=view)
        assert generic, "the count no longer sees Jinja's calls"
        generic.clear()
