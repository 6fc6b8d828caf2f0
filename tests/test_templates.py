"""The templates read the view-model's dicts as `n.key`, which the environment looks up as a key
first (converter/akn.py): no template may name an attribute that a dict also has as a method."""

from __future__ import annotations

from jinja2 import nodes

from converter.akn import environment


def test_no_template_reads_a_dict_method_as_an_attribute() -> None:
    env = environment()
    assert env.loader is not None
    methods = {name for name in dir(dict) if not name.startswith("_")}
    for name in env.list_templates():
        source = env.loader.get_source(env, name)[0]
        read = {node.attr for node in env.parse(source).find_all(nodes.Getattr)}
        assert read, f"{name}: no attribute read (is the check still looking?)"
        assert not read & methods, f"{name} reads {sorted(read & methods)}"
