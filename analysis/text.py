"""Text cleaning: encoding repair, boilerplate rules, paragraphs, sentences, tokens.

Every function takes plain strings or pandas objects and returns new ones; the
raw files are never touched.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd

from . import config

# --------------------------------------------------------------------------
# Encoding repair
# --------------------------------------------------------------------------
# Seed 001 was damaged like this: its UTF-8 bytes were decoded one byte at a
# time, bytes 0x80-0x9F as cp1252 and bytes 0xA0-0xFF as ISO-8859-13, and the
# five bytes cp1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) were dropped.
# ftfy does not reverse this mix, so we do: map each suspicious character back
# to its byte, choosing by position in the UTF-8 sequence where a character
# could stand for two bytes, then decode.

_DROPPED_BYTES = frozenset({0x81, 0x8D, 0x8F, 0x90, 0x9D})


def _byte_candidates() -> dict[str, tuple[int, ...]]:
    table: dict[str, list[int]] = {}
    for b in range(0x80, 0xA0):
        if b in _DROPPED_BYTES:
            continue
        table.setdefault(bytes([b]).decode("cp1252"), []).append(b)
    for b in range(0xA0, 0x100):
        table.setdefault(bytes([b]).decode("iso8859_13"), []).append(b)
    return {ch: tuple(sorted(bs)) for ch, bs in table.items()}


_CANDIDATES = _byte_candidates()
_SUSPECT_RUN = re.compile("[" + re.escape("".join(_CANDIDATES)) + "]{2,}")


def _seq_length(lead: int) -> int:
    """Length of the UTF-8 sequence a lead byte opens (0 if not a lead byte)."""
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


def _is_cont(b: int) -> bool:
    return 0x80 <= b <= 0xBF


def _repair_run(run: str, open_quote: bool) -> tuple[str, int, int, bool]:
    """Repair one run of suspect characters.

    Returns (text, characters repaired, sequences dropped, quote still open).
    Characters that do not form part of a UTF-8 sequence are kept as they are:
    a lone "’" or "—" in the run is genuine text, not damage.
    """
    out: list[str] = []
    repaired = dropped = 0
    i = 0
    while i < len(run):
        ch = run[i]
        leads = [b for b in _CANDIDATES[ch] if _seq_length(b)]
        if not leads:
            out.append(ch)  # a genuine character, e.g. a curly apostrophe
            open_quote = open_quote if ch not in "“”" else ch == "“"
            i += 1
            continue
        lead = leads[-1]
        need = _seq_length(lead) - 1
        seq = [lead]
        j = i + 1
        while j < len(run) and len(seq) <= need:
            conts = [b for b in _CANDIDATES[run[j]] if _is_cont(b)]
            if not conts:
                break
            seq.append(conts[0])
            j += 1
        if len(seq) == need + 1:
            try:
                decoded = bytes(seq).decode("utf-8")
            except UnicodeDecodeError:
                out.append(ch)
                i += 1
                continue
            out.append(decoded)
            repaired += 1
            if decoded in "“”":
                open_quote = decoded == "“"
            i = j
            continue
        if len(seq) == 1:
            # a lead byte with no continuation: genuine text such as "Ł" in "Łódź"
            out.append(ch)
            i += 1
            continue
        # An incomplete sequence: one of its bytes was dropped.
        if seq == [0xE2, 0x80] and open_quote:
            # E2 80 xx with xx dropped can only be U+2001, ZWJ, RLM, U+2010 or
            # the closing quote U+201D (xx = 9D); after an opening quote the
            # closing quote is the only reading that fits.
            out.append("”")
            repaired += 1
            open_quote = False
        else:
            dropped += 1  # e.g. an emoji that lost a byte: unrecoverable
        i = j
    return "".join(out), repaired, dropped, open_quote


@dataclass(frozen=True)
class RepairReport:
    """What :func:`repair_mojibake` changed in one text."""

    repaired: int  # characters restored (quotes, dashes, emoji, ...)
    dropped: int  # damaged sequences removed because a byte was lost


def repair_mojibake(text: str) -> tuple[str, RepairReport]:
    """Undo the cp1252 / ISO-8859-13 mojibake described above.

    Clean text passes through unchanged: only runs of two or more characters
    that decode as valid UTF-8 are replaced, so curly quotes, dashes and
    accented letters in a healthy file are left alone.
    """
    repaired = dropped = 0
    lines = []
    for line in text.split("\n"):
        pieces: list[str] = []
        pos = 0
        open_quote = False
        for m in _SUSPECT_RUN.finditer(line):
            before = line[pos : m.start()]
            pieces.append(before)
            for ch in before:
                if ch in "“”":
                    open_quote = ch == "“"
            fixed, r, d, open_quote = _repair_run(m.group(), open_quote)
            pieces.append(fixed)
            repaired += r
            dropped += d
            pos = m.end()
        pieces.append(line[pos:])
        new = "".join(pieces)
        if new != line:
            # a dropped sequence can leave doubled or edge spaces behind
            new = re.sub(r"[ \u00a0]{2,}", " ", new).strip()
        lines.append(new)
    return "\n".join(lines), RepairReport(repaired, dropped)


# --------------------------------------------------------------------------
# Boilerplate
# --------------------------------------------------------------------------

def load_boilerplate_rules(path: str | Path = config.BOILERPLATE_RULES_CSV) -> pd.DataFrame:
    """Read the editable boilerplate rules: one regular expression per row.

    Columns: ``rule`` (a name), ``pattern`` (a Python regex matched against the
    whole stripped line, case-insensitive), ``description``.
    """
    rules = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"rule", "pattern", "description"} - set(rules.columns)
    if missing:
        raise ValueError(f"{path}: boilerplate rules need columns {sorted(missing)}")
    for row in rules.itertuples():
        try:
            re.compile(row.pattern)
        except re.error as exc:
            raise ValueError(f"{path}: rule {row.rule!r} has a bad pattern: {exc}") from exc
    return rules


def compile_boilerplate_rules(rules: pd.DataFrame) -> tuple[tuple[str, re.Pattern], ...]:
    """``(rule name, compiled pattern)`` pairs of a rules table, for matching many lines."""
    return tuple((r.rule, re.compile(r.pattern, re.IGNORECASE)) for r in rules.itertuples())




_SYMBOL_CATEGORIES = frozenset({"So", "Sk", "Cn"})


class _DropTable(dict):
    """A ``str.translate`` table deleting the characters ``drop(ch)`` selects; each character is classified once."""

    def __init__(self, drop):
        super().__init__()
        self._drop = drop

    def __missing__(self, code: int):
        value = None if self._drop(chr(code)) else code
        self[code] = value
        return value


_DROP_SYMBOLS = _DropTable(lambda c: unicodedata.category(c) in _SYMBOL_CATEGORIES)
_DROP_SYMBOLS_AND_ASTRAL = _DropTable(lambda c: unicodedata.category(c) in _SYMBOL_CATEGORIES or ord(c) > 0xFFFF)


def _symbol_count(line: str) -> int:
    """Characters of ``line`` that are symbols (So, Sk, Cn) or outside the Basic Multilingual Plane."""
    return len(line) - len(line.translate(_DROP_SYMBOLS_AND_ASTRAL))


def match_boilerplate(line: str, rules, *, title: str = "", outlet: str = "") -> str | None:
    """Return the name of the first rule that drops ``line``, or None to keep it.

    Besides the regex rules from the data file, structural rules apply to any
    story: a line repeating the article's title (``title_line``) or outlet
    (``masthead``), both kept as metadata; a strip of five or more emoji or
    symbols (``emoji_strip``: social or music promos); and a line that is
    mostly hashtags (``hashtags``). ``rules`` is the rules table or its
    :func:`compile_boilerplate_rules` (compile once when matching many lines).
    """
    s = line.strip()
    if not s:
        return None
    norm = _normalise_for_compare(s)
    if title and norm == _normalise_for_compare(title):
        return "title_line"
    if outlet and norm == _normalise_for_compare(outlet):
        return "masthead"
    bare = _strip_symbols(s)
    if isinstance(rules, pd.DataFrame):
        rules = compile_boilerplate_rules(rules)
    for rule, rx in rules:
        if rx.fullmatch(s) or rx.fullmatch(bare):
            return rule
    if _symbol_count(s) >= 5:
        return "emoji_strip"
    words = s.split()
    tags = sum(w.startswith("#") and len(w) > 1 for w in words)
    if tags >= 2 and tags >= 0.4 * len(words):
        return "hashtags"
    return None


def _strip_symbols(s: str) -> str:
    """``s`` without emoji and other symbols (so 'Technology🚀' reads 'Technology')."""
    return s.translate(_DROP_SYMBOLS).strip()


_NON_WORD_RUN = re.compile(r"\W+")


@lru_cache(maxsize=1024)  # a pure function of the string: an article's title and outlet are compared with every line
def _normalise_for_compare(s: str) -> str:
    return _NON_WORD_RUN.sub(" ", s).strip().casefold()


# --------------------------------------------------------------------------
# Structure: paragraphs, headings, sentences, tokens
# --------------------------------------------------------------------------

_TERMINAL = tuple(".!?:;…\"”’)")


def is_heading(line: str) -> bool:
    """Guess whether a line is a heading: short and without final punctuation.

    Plain-text articles lose their markup, so this is a heuristic: at most 14
    words, no sentence-ending punctuation, and not a list item.
    """
    s = line.strip()
    if not s or s.startswith(("-", "•", "*")):
        return False
    words = s.split()
    return len(words) <= 14 and not s.endswith(_TERMINAL)


_LEADING_SYMBOLS = re.compile(r"^[^\w\"“‘'(\[$#-]+")


def strip_leading_symbols(line: str) -> str:
    """Remove emoji and other symbols that decorate the start of a line."""
    return _LEADING_SYMBOLS.sub("", line).strip()


# The characters outside ASCII that a case-insensitive regex matches to an ASCII letter.
_ASCII_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold_for_prefilter(text: str) -> str:
    """``text`` lower-cased so that a plain substring test can rule out a case-insensitive match.

    If a case-insensitive regex matches a lower-case ASCII string ``s`` in
    ``text``, then ``s in fold_for_prefilter(text)``. Lexicon matchers use it
    to skip, in one cheap test, the patterns whose required words a sentence
    does not contain (the answer is the same, only faster).
    """
    if "\u0130" in text or "\u0131" in text or "\u017f" in text:  # lower() alone maps the Kelvin sign
        text = text.translate(_ASCII_FOLD)
    return text.lower()


TINY_INDEX = 8  # up to this many anchors, testing each one is the cheapest lookup
SMALL_INDEX = 64  # without pyahocorasick, up to this many anchors are tested one by one


class AnchorIndex:
    """Items (regexes of a lexicon), each with anchors: every match of the item contains one of them.

    An item's anchors are one string or a tuple of strings (any of them);
    "" or () means the item is always a candidate. ``candidates(folded)``
    returns, in their original order, the items with an anchor in ``folded``
    (a text passed through :func:`fold_for_prefilter`), so a matcher runs only
    the regexes that can match. Large indexes use an Aho–Corasick automaton
    (pyahocorasick: one pass over the text finds every anchor); without that
    package, anchors are looked up by their first three characters. Small
    ones test each anchor. All three give the same candidates.
    """

    def __init__(self, anchored, engine: str = "auto"):
        self._items = []
        pairs: list[tuple[str, int]] = []
        for i, (anchors, item) in enumerate(anchored):
            self._items.append(item)
            pairs += [(a, i) for a in ((anchors,) if isinstance(anchors, str) else tuple(anchors) or ("",))]
        if engine == "auto":
            engine = ("loop" if len(pairs) <= TINY_INDEX else "automaton" if _ahocorasick()
                      else "loop" if len(pairs) <= SMALL_INDEX else "grams")
        self.engine = engine
        self._pairs = pairs
        self._always = sorted({i for a, i in pairs if not a})
        self._short = [(a, i) for a, i in pairs if 0 < len(a) < 3]  # for "grams"
        self._by_gram: dict[str, list[tuple[str, int]]] = {}
        for a, i in pairs:
            if len(a) >= 3:
                self._by_gram.setdefault(a[:3], []).append((a, i))
        if engine == "automaton":
            by_anchor: dict[str, list[int]] = {}
            for a, i in pairs:
                if a:
                    by_anchor.setdefault(a, []).append(i)
            self._automaton = _ahocorasick().Automaton()
            for a, ids in by_anchor.items():
                self._automaton.add_word(a, tuple(ids))
            if by_anchor:
                self._automaton.make_automaton()
            else:
                self.engine = "loop"

    def __len__(self) -> int:
        return len(self._items)

    def candidates(self, folded: str) -> list:
        if self.engine == "loop":
            hits = {i for a, i in self._pairs if a in folded}
        elif self.engine == "automaton":
            hits = set(self._always)
            for _, ids in self._automaton.iter(folded):
                hits.update(ids)
        else:
            hits = set(self._always)
            hits.update(i for a, i in self._short if a in folded)
            by_gram = self._by_gram
            for gram in {folded[k:k + 3] for k in range(len(folded) - 2)}.intersection(by_gram):
                hits.update(i for a, i in by_gram[gram] if a in folded)
        return [self._items[i] for i in sorted(hits)]


@lru_cache(maxsize=1)
def _ahocorasick():
    """The pyahocorasick module, or None when it is not installed."""
    try:
        import ahocorasick
    except ImportError:
        return None
    return ahocorasick


def required_texts(pattern: str) -> tuple[str, ...]:
    """Lower-case ASCII texts one of which every match of the regex ``pattern`` contains; () if none found.

    A conservative reading of the parsed pattern: runs of literal characters
    in a sequence, in groups, in groups repeated at least once, and the
    alternatives of an alternation whose every branch has such a text
    (``announced|allocated`` gives both words). Character classes,
    lookarounds and anything unusual contribute nothing, so the answer may be
    weaker than a human would see, never wrong.
    """
    try:
        from re import _parser as parser  # Python >= 3.11
    except ImportError:  # pragma: no cover
        import sre_parse as parser
    try:
        parsed = parser.parse(pattern)
    except Exception:
        return ()

    def quality(texts: frozenset) -> tuple:
        return (min(map(len, texts)), -len(texts)) if texts else (0, 0)

    def best(seq) -> frozenset:
        found: list[frozenset] = []
        run = ""
        for op, av in seq:
            name = str(op)
            if name == "LITERAL" and av < 128:
                run += chr(av).lower()
                continue
            if run:
                found.append(frozenset([run]))
            run = ""
            if name == "SUBPATTERN":
                found.append(best(av[-1]))
            elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
                found.append(best(av[2]))
            elif name == "ATOMIC_GROUP":
                found.append(best(av))
            elif name == "BRANCH":
                branches = [best(b) for b in av[1]]
                if all(branches):
                    found.append(frozenset().union(*branches))
        if run:
            found.append(frozenset([run]))
        return max(found, key=quality, default=frozenset())

    return tuple(sorted(best(parsed)))


_TOKEN = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*", re.UNICODE)


def word_tokens(text: str) -> list[str]:
    """Word tokens: letters and digits, keeping inner hyphens, apostrophes and dots.

    "U.S.", "co-design", "Foxconn’s" and "1.4" each stay one token; punctuation
    and emoji are not counted as words.
    """
    return _TOKEN.findall(text)


def inflections(word: str, past_only: bool = False, irregular: Iterable[str] = ()) -> list[str]:
    """Regular inflections of an English word, longest first (framing cues, reporting verbs).

    A superset is harmless: a form must also occur in the text to match.
    ``past_only`` keeps only the -ed/-ing forms (for verbs whose bare form is
    a common noun: "projects"); ``irregular`` forms ("said") are added as given.
    """
    forms = {word + "ed", word + "d", word + "ing"}
    if not past_only:
        forms |= {word, word + "s", word + "es"}
    if word.endswith("e"):
        forms |= {word[:-1] + "ing", word[:-1] + "ed"}
    if len(word) > 2 and word.endswith("y") and word[-2] not in "aeiou":
        forms |= {word[:-1] + "ied"} | (set() if past_only else {word[:-1] + "ies"})
    if (len(word) >= 3 and word[-1] in "bdgklmnprt" and word[-2] in "aeiou"
            and word[-3] not in "aeiou"):
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}  # stop -> stopped, rival -> rivalled
    forms |= set(irregular)
    return sorted(forms, key=lambda f: (-len(f), f))


MIN_QUOTE_WORDS = 3  # shorter quoted spans are scare quotes or titles (the AI “middle layer”), not speech


def quote_spans(text: str, min_words: int = MIN_QUOTE_WORDS) -> list[tuple[int, int]]:
    """Character spans of direct quotations: “…” or "…" holding at least ``min_words`` words.

    The one quote rule, shared by framing (cues inside a quote are the
    speaker's, not the writer's) and claims (a quote is a claim). An opening
    quote that is never closed runs to the end of the text: the sentence
    splitter cuts a quotation that goes on into the next sentence.
    """
    spans = []
    for pattern in (r"“[^”]*(?:”|$)", r'"[^"]*(?:"|$)'):
        for m in re.finditer(pattern, text):
            if len(word_tokens(m.group())) >= min_words:
                spans.append((m.start(), m.end()))
    return sorted(spans)


def sentences(text: str, *, data_checked: bool = False) -> list[str]:
    """Split a paragraph into sentences with NLTK's English Punkt model.

    ``data_checked=True`` skips the check that the model is installed (a
    caller splitting many paragraphs checks once).
    """
    from nltk.tokenize import sent_tokenize

    from .nltk_data import require_nltk_data

    if not data_checked:
        require_nltk_data()
    return [s.strip() for s in sent_tokenize(text, language="english") if s.strip()]
