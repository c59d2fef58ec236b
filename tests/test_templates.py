"""The page templates only display what Python prepared: they loop, test whether a value is there and escape.

Whatever a page decides (what to show, in what order, in what words) is decided in the context its Python side
prepares, where it can be read and tested; a template that computes, compares, formats or calls back into
Python fails here, naming the template, the line and what it does.
"""

from __future__ import annotations

import jinja2
import pytest
from jinja2 import nodes

from lunar_atlas.paths import TEMPLATES
from lunar_atlas.templating import FILTERS, make_environment

# What a template may not do: compute, compare, choose inline, build strings or collections, pick by index or
# slice, or set variables of its own.
FORBIDDEN = {
    nodes.Compare: "compares", nodes.CondExpr: "chooses inline", nodes.Test: "tests a value with `is`",
    nodes.Concat: "joins strings", nodes.BinExpr: "computes", nodes.UnaryExpr: "computes", nodes.Getitem: "picks an item",
    nodes.Slice: "slices", nodes.Assign: "sets a variable", nodes.AssignBlock: "sets a variable",
    nodes.Dict: "builds a dict", nodes.List: "builds a list", nodes.Tuple: "builds a tuple",
    nodes.Keyword: "passes a keyword argument",
}
# Whether a value is there, read the other way or of two values at once.
PRESENCE = (nodes.Not, nodes.And, nodes.Or)


def _macros(environment: jinja2.Environment) -> set[str]:
    """The names of every macro the templates define: calling one of those is displaying, not deciding."""
    found = set()
    for name in environment.list_templates():
        source = environment.loader.get_source(environment, name)[0]
        found |= {macro.name for macro in environment.parse(source).find_all(nodes.Macro)}
    return found


def decisions(source: str, environment: jinja2.Environment, macros: set[str]) -> list[str]:
    """Each place in a template's source where it does more than loop, test presence and escape."""
    found = []
    for node in environment.parse(source).find_all(nodes.Node):
        kind = next((words for cls, words in FORBIDDEN.items() if isinstance(node, cls)), None)
        if kind and not isinstance(node, PRESENCE) and not (isinstance(node, nodes.Tuple) and node.ctx == "store"):
            found.append(f"line {node.lineno}: {kind}")
        elif isinstance(node, nodes.Filter) and node.name not in FILTERS:
            found.append(f"line {node.lineno}: applies the filter {node.name}")
        elif isinstance(node, nodes.Call) and _called(node.node) not in macros:
            found.append(f"line {node.lineno}: calls {_called(node.node)}")
    return found


def _called(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return node.attr if isinstance(node.node, nodes.Name) and node.node.name == "m" else f"{_called(node.node)}.{node.attr}"
    return type(node).__name__


ENVIRONMENT = make_environment()
MACROS = _macros(ENVIRONMENT)


@pytest.mark.parametrize("name", ENVIRONMENT.list_templates())
def test_the_template_only_loops_tests_presence_and_escapes(name):
    source = (TEMPLATES / name).read_text(encoding="utf-8")
    assert decisions(source, ENVIRONMENT, MACROS) == []


def test_the_guard_sees_a_template_that_decides():
    source = """{{ views.word("missions", "country", row.country) }}
{% if row.kind == "paraphrase" %}{{ row.text | lower }}{% endif %}
{{ rows | length }} {{ 'data/' ~ name }} {{ items[0] }} {{ a if b else c }} {{ n + 1 }}
{% set d = views.decades %}{{ m.quote_card(quote, show_speaker=false) }}{{ m.quote_card(quote) }}
{% for a, b in pairs %}{{ a }}{% endfor %}{% if kind in ("direct", "partial") %}{% endif %}"""
    assert decisions(source, ENVIRONMENT, MACROS) == [
        "line 1: calls views.word",
        "line 2: compares",
        "line 2: applies the filter lower",
        "line 3: applies the filter length",
        "line 3: joins strings",
        "line 3: picks an item",
        "line 3: chooses inline",
        "line 3: computes",
        "line 4: sets a variable",
        "line 4: passes a keyword argument",
        "line 5: compares",
        "line 5: builds a tuple",
    ]


def test_templates_are_given_no_helpers_to_call():
    """Nothing of the project's Python is within a template's reach but the filters."""
    assert set(ENVIRONMENT.globals) == set(jinja2.Environment().globals)
