"""Checks on the notebook sources themselves (fast: nothing is executed)."""
from __future__ import annotations

import ast

import nbformat
import pytest

from analysis import config

NOTEBOOKS = sorted(config.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))


def hidden_tables(source: str) -> list[int]:
    """Lines where ``show_table(...)`` is a bare statement that is not the cell's last one.

    ``show_table`` returns a table object, which Jupyter shows only as the cell's
    final expression; anywhere else (inside an ``if``, before other code) it must be
    wrapped in ``display(...)`` or the reader never sees the table.
    """
    tree = ast.parse(source)
    last = tree.body[-1] if tree.body else None
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and node is not last:
            func = node.value.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name == "show_table":
                lines.append(node.lineno)
    return lines


def test_the_rule_sees_a_table_that_would_never_show():
    assert hidden_tables("if x:\n    show_table(df)\nelse:\n    pass") == [2]
    assert hidden_tables("show_table(a)\nsay('b')") == [1]
    assert hidden_tables("display(show_table(a))\nshow_table(b)") == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_table_a_notebook_builds_is_shown(path):
    nb = nbformat.read(str(path), as_version=4)
    hidden = {c.get("id"): hidden_tables(c.source) for c in nb.cells if c.cell_type == "code"}
    assert not {k: v for k, v in hidden.items() if v}, "wrap these show_table calls in display(...)"
