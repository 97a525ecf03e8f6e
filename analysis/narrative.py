"""Prose and tables for notebooks, safe for any article text.

Article text is data: a new article may contain ``<script>`` or other markup.
Everything here escapes text before it reaches HTML or Markdown output, so
rendered notebooks show it as text, never as live markup.
"""
from __future__ import annotations

import html
import re
from typing import Any

import pandas as pd

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~$])")  # not parentheses: MathJax reads \( as maths


def escape_text(value: Any) -> str:
    """Escape a value for Markdown *and* HTML: markup shows as literal text."""
    text = html.escape(str(value), quote=False)  # <, >, & only: prose never lands inside an attribute
    return _MD_SPECIAL.sub(r"\\\1", text)


def render(template: str, **values: Any) -> str:
    """Fill ``{name}`` placeholders with escaped, formatted values.

    Numbers keep Python's format specs (``{x:.3f}``, ``{n:,}``, ``{p:.0%}``);
    everything else is escaped with :func:`escape_text`. The template
    itself is trusted Markdown written by the notebook's author.
    """
    safe = {}
    for key, value in values.items():
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            safe[key] = value
        else:
            safe[key] = _Escaped(value)
    return template.format(**safe)


class _Escaped:
    def __init__(self, value: Any):
        self.value = value

    def __format__(self, spec: str) -> str:
        return escape_text(format(self.value, spec) if spec else self.value)


def say(template: str, **values: Any) -> None:
    """Display :func:`render`'s Markdown in a notebook."""
    from IPython.display import Markdown, display

    display(Markdown(render(template, **values)))


class SafeTable:
    """Wraps a Styler for display: HTML from the Styler, a stable plain-text form.

    A bare Styler's plain-text form contains its memory address, which would
    make every executed notebook differ from the last run. ``note_html`` (a
    capped table's sentence and link, :mod:`analysis.sizing`) is shown above it.
    """

    def __init__(self, styler, plain: str, note_html: str = ""):
        self.styler = styler
        self._plain = plain
        self.note_html = note_html

    def _repr_html_(self) -> str:
        table = self.styler.to_html()
        return f"<p>{self.note_html}</p>\n{table}" if self.note_html else table

    def __repr__(self) -> str:
        return self._plain


def styled(styler) -> SafeTable:
    """Wrap any Styler (built with ``escape="html"``!) for reproducible display."""
    df = styler.data
    return SafeTable(styler, f"<table: {len(df)} rows x {len(df.columns)} columns>")


def escaped_styler(df: pd.DataFrame, precision: int | None = None, id_text: str = ""):
    """A Styler with every cell and header HTML-escaped and a table id derived from the content.

    The one content-hashed styling (``show_table`` and the claim matrix):
    ``pandas.Styler`` neither escapes nor keeps its id stable by default.
    ``id_text`` (a caption, say) also goes into the id.
    """
    import hashlib

    from pandas.io.formats.style import Styler

    digest = hashlib.sha1(pd.util.hash_pandas_object(df.astype(str), index=True).values.tobytes()
                          + str(list(df.columns)).encode() + id_text.encode()).hexdigest()[:10]
    styler = Styler(df, uuid=f"t{digest}", cell_ids=False, precision=precision)
    styler = styler.format(escape="html", precision=precision).format_index(escape="html", axis=0)
    return styler.format_index(escape="html", axis=1)


def show_table(df: pd.DataFrame, caption: str | None = None, precision: int = 3, hide_index: bool = True):
    """Display ``df`` with every cell and header HTML-escaped.

    ``pandas.Styler`` does not escape by default; this does. Its table id is
    derived from the content rather than random, and the result is a
    :class:`SafeTable`, so renders are reproducible. Use ``.styler`` to add
    styling, then :func:`styled` to display it again.

    A table longer or wider than the notebook's ``max_rows`` shows its first and
    last rows (or columns) with a sentence and a link to the full CSV
    (:func:`analysis.sizing.cap_table`).
    """
    from .sizing import cap_table

    cap = cap_table(df, caption)
    df = cap.shown
    styler = escaped_styler(df, precision, id_text=str(caption))
    text_columns = [c for c in df.columns if df[c].dtype == object or pd.api.types.is_string_dtype(df[c])]
    if text_columns:
        styler = styler.set_properties(subset=text_columns, **{"text-align": "left"})
    if caption:
        styler = styler.set_caption(html.escape(caption))
    table = styled(styler.hide(axis="index") if hide_index else styler)
    if cap.note:
        table.note_html = cap.note_html
        table._plain = f"{table._plain} {cap.note}"
    return table
