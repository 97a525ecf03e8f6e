"""Figures described in words, from what they draw and the data they show.

``describe_figure(fig, data)`` writes the alternative text of a figure: its
title, the panels and axes, how many bars, points or cells it draws, for how
many articles, and the extreme values of the data table beside it. Nothing in
it is typed by hand, so it stays true when the corpus changes.

``analysis.io.save_figure`` stores that text in the PNG (the standard
``Description`` text chunk); ``show_figure`` saves a figure and shows the saved
PNG in the notebook with the same text as its alt text, which the HTML pages
and the front page (``analysis.report``) then carry.
"""
from __future__ import annotations

import base64
from pathlib import Path

import pandas as pd

# Which column names a row in the description, in order of preference.
_ROW_LABELS = ("word", "article_label", "label", "article_id", "target")
_MAX_NUMERIC = 4
_MAX_CATEGORIES = 6


def _number(value) -> str:
    if isinstance(value, (bool,)) or pd.isna(value):
        return str(value)
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{float(value):.3g}"


def _words(name: str) -> str:
    name = str(name)
    if name.startswith("n_"):
        name = "number of " + name[2:]
    return name.replace("_", " ")


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def _no_line(style) -> bool:
    return style in (None, "None", "", " ")


def _marks(ax) -> list[str]:
    """What one panel draws: bars, points, lines, a grid of cells, and the legend's entries."""
    from matplotlib.collections import PathCollection, QuadMesh
    from matplotlib.container import BarContainer, ErrorbarContainer
    from matplotlib.image import AxesImage
    from matplotlib.patches import Rectangle

    marks = []
    bar_patches = {id(p) for c in ax.containers if isinstance(c, BarContainer) for p in c.patches}
    bars = sum(1 for c in ax.containers if isinstance(c, BarContainer) for p in c.patches
               if p.get_width() != 0 and p.get_height() != 0)
    if bars:
        marks.append(_plural(bars, "bar"))
    # Error-bar caps are drawn as markers; they are not data points.
    caps = {id(ln) for c in ax.containers if isinstance(c, ErrorbarContainer) for ln in (c.lines[1] or ())}
    points = sum(len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection))
    points += sum(len(ln.get_xdata()) for ln in ax.get_lines()
                  if id(ln) not in caps and not _no_line(ln.get_marker()) and _no_line(ln.get_linestyle()))
    if points:
        marks.append(_plural(points, "point"))
    lines = sum(1 for ln in ax.get_lines() if not _no_line(ln.get_linestyle()) and len(ln.get_xdata()) > 2)
    if lines:
        marks.append(_plural(lines, "line"))
    for artist in [*ax.images, *(c for c in ax.collections if isinstance(c, QuadMesh))]:
        shape = artist.get_array().shape if isinstance(artist, AxesImage) else artist.get_coordinates().shape
        rows, cols = (shape[0], shape[1]) if isinstance(artist, AxesImage) else (shape[0] - 1, shape[1] - 1)
        marks.append(f"a grid of {_plural(rows, 'row')} by {_plural(cols, 'column')}")
    # Rectangles drawn one by one (a heat map of patches); a lone one is a shaded band, not data.
    cells = [p for p in ax.patches if isinstance(p, Rectangle) and id(p) not in bar_patches]
    if len(cells) > 1:
        xs, ys = {round(p.get_x(), 6) for p in cells}, {round(p.get_y(), 6) for p in cells}
        if len(xs) * len(ys) == len(cells):
            marks.append(f"a grid of {_plural(len(ys), 'row')} by {_plural(len(xs), 'column')}")
        else:
            marks.append(_plural(len(cells), "shape"))
    legend = ax.get_legend()
    if legend is not None:
        entries = [t.get_text() for t in legend.get_texts() if t.get_text()]
        if entries:
            marks.append("legend: " + ", ".join(entries))
    return marks


def _title(ax) -> str:
    return ax.get_title() or ax.get_title(loc="left") or ax.get_title(loc="right")


def _panel(ax, with_title: bool = True) -> str:
    bits = []
    title = _title(ax)
    if title and with_title:
        bits.append(f"“{title}”")
    marks = _marks(ax)
    if marks:
        bits.append(", ".join(marks))
    if ax.get_xlabel():
        bits.append(f"x axis: {ax.get_xlabel()}")
    if ax.get_ylabel():
        bits.append(f"y axis: {ax.get_ylabel()}")
    return "; ".join(bits)


def _is_text(column: pd.Series) -> bool:
    return not pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def _row_label(data: pd.DataFrame) -> str | None:
    for name in _ROW_LABELS:
        if name in data.columns:
            return name
    text = [c for c in data.columns if _is_text(data[c])]
    return text[0] if text else None


def _name_row(data: pd.DataFrame, label: str | None, i) -> str:
    if label is None:
        return ""
    value = data.at[i, label]
    if label == "article_id":
        from .claims import short_id

        return f" (article {short_id(value)})"
    return f" ({value})"


def _data_summary(data: pd.DataFrame) -> list[str]:
    sentences = []
    count = f"The data has {len(data):,} row{'s' if len(data) != 1 else ''}"
    if "article_id" in data.columns:
        n = data["article_id"].nunique()
        count += f" for {n} article{'s' if n != 1 else ''}"
    sentences.append(count + ".")
    if data.empty:
        return sentences
    label = _row_label(data)
    numeric = [c for c in data.columns if pd.api.types.is_numeric_dtype(data[c]) and not pd.api.types.is_bool_dtype(data[c])
               and not str(c).endswith(("_low", "_high")) and data[c].notna().any()]
    for column in numeric[:_MAX_NUMERIC]:
        values = data[column]
        lo, hi = values.idxmin(), values.idxmax()
        total = ""
        if (column == "n" or str(column).startswith(("n_", "count"))) and pd.api.types.is_integer_dtype(values):
            total = f"; {_number(values.sum())} in all"
        if values[lo] == values[hi]:
            sentences.append(f"{_words(column).capitalize()} is {_number(values[lo])} throughout{total}.")
        else:
            sentences.append(f"{_words(column).capitalize()} runs from {_number(values[lo])}{_name_row(data, label, lo)} "
                             f"to {_number(values[hi])}{_name_row(data, label, hi)}{total}.")
    if len(numeric) > _MAX_NUMERIC:
        more = len(numeric) - _MAX_NUMERIC
        sentences.append(f"{_plural(more, 'more numeric column')} {'is' if more == 1 else 'are'} in the CSV.")
    categorical = [c for c in data.columns if c != label and not str(c).endswith("_id")
                   and (_is_text(data[c]) or pd.api.types.is_bool_dtype(data[c]))
                   and 2 <= data[c].nunique() <= _MAX_CATEGORIES]
    for column in categorical[:2]:
        counts = data[column].value_counts()
        counts = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
        sentences.append(f"{_words(column).capitalize()}: " + ", ".join(f"{n} {v}" for v, n in counts) + ".")
    return sentences


def describe_figure(fig, data: pd.DataFrame) -> str:
    """Alternative text for ``fig``, computed from what it draws and from ``data`` (see the module docstring)."""
    suptitle = fig._suptitle.get_text() if getattr(fig, "_suptitle", None) is not None else ""
    axes = [ax for ax in fig.axes if ax.get_visible() and getattr(ax, "_colorbar", None) is None]
    sentences = []
    if suptitle:
        sentences.append(f"Figure: {suptitle}.")
    elif len(axes) == 1 and _title(axes[0]):
        sentences.append(f"Figure: {_title(axes[0])}.")
    else:
        sentences.append("Figure.")
    panels = [p for p in (_panel(ax, with_title=len(axes) > 1 or bool(suptitle)) for ax in axes) if p]
    if len(panels) == 1:
        sentences.append(panels[0][0].upper() + panels[0][1:] + ".")
    elif panels:
        sentences.append(f"{len(panels)} panels: " + " | ".join(panels) + ".")
    sentences.extend(_data_summary(data))
    return " ".join(sentences)


def figure_description(png: str | Path) -> str:
    """The description stored in a PNG written by ``save_figure`` (a clear error when it has none)."""
    from PIL import Image

    with Image.open(png) as image:
        text = image.text.get("Description", "") if hasattr(image, "text") else ""
    if not text.strip():
        raise ValueError(f"{png} has no stored description: save it with analysis.io.save_figure (rerun `make`)")
    return text


def show_figure(fig, data: pd.DataFrame, name: str, figures_dir: str | Path) -> None:
    """Save ``fig`` and its data (``save_figure``) and show the saved PNG with its description as alt text.

    Replaces ``save_figure(...); plt.show()`` in a notebook: the page then shows
    exactly the saved file, described. Returns nothing, so a cell that ends with
    it shows the figure only.
    """
    import matplotlib.pyplot as plt
    from IPython.display import display

    from .io import save_figure

    png = save_figure(fig, data, name, figures_dir)
    plt.close(fig)
    alt = figure_description(png)
    encoded = base64.b64encode(png.read_bytes()).decode("ascii")
    display({"image/png": encoded, "text/plain": alt}, raw=True, metadata={"image/png": {"alt": alt}})
