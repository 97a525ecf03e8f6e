"""Character spans: the one rule for choosing among overlapping matches.

Claims (money, dates, counts, names, cues) and framing cues are all found as
``(start, end)`` spans of a sentence, and several finders can match the same
words. :func:`non_overlapping` keeps the first span in priority order that
does not overlap one already kept; by default the priority is longest first,
then earliest, so "West Virginia" beats "Virginia" and "no doubt" beats "no".
"""
from __future__ import annotations

from typing import Callable, Iterable, Sequence, TypeVar

T = TypeVar("T")
Span = Sequence[int]


def overlaps(a: Span, b: Span) -> bool:
    """True if the half-open spans ``a`` and ``b`` share a character."""
    return a[0] < b[1] and b[0] < a[1]


def is_free(span: Span, taken: Iterable[Span]) -> bool:
    """True if ``span`` overlaps none of ``taken``."""
    return not any(overlaps(span, t) for t in taken)


def longest_first(span: Span) -> tuple[int, int]:
    """The default priority: longer spans first, then the earlier one."""
    return (-(span[1] - span[0]), span[0])


def non_overlapping(
    items: Iterable[T],
    span: Callable[[T], Span] = lambda x: x,
    priority: Callable[[T], object] | None = None,
) -> list[T]:
    """The items whose spans do not overlap, choosing greedily in ``priority`` order.

    ``span`` gives an item's ``(start, end)``; ``priority`` is a sort key
    (default: :func:`longest_first` on the span), or ``False`` to keep the
    input order (file order of a cue list, gazetteer before places). Returns
    the kept items in the order they were chosen; callers sort them as needed.
    """
    items = list(items)
    if priority is None:
        items.sort(key=lambda x: longest_first(span(x)))
    elif priority is not False:
        items.sort(key=priority)
    kept: list[T] = []
    taken: list[Span] = []
    for item in items:
        s = span(item)
        if is_free(s, taken):
            kept.append(item)
            taken.append(s)
    return kept
