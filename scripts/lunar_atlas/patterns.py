"""Patterns from the descriptor, run with a time bound, and the code's own rule for IDs.

A pattern in datapackage.json is untrusted: `(a|aa)+` against a 50-character cell backtracks for minutes with
Python's `re`. The `regex` library stops a match after a timeout; a pattern that times out on a cell is reported
once and not tried on the rest of its column.
"""

from __future__ import annotations

from functools import lru_cache

import regex

TIMEOUT_SECONDS = 0.05
MAX_PATTERN_CHARS = 500
MAX_ID_CHARS = 100
# IDs become file names and addresses: this rule is the code's, whatever the descriptor says.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_WORDS = f"a lowercase slug of at most {MAX_ID_CHARS} characters (a-z, 0-9, single hyphens)"


class BadPattern(ValueError):
    pass


class SlowPattern(TimeoutError):
    pass


@lru_cache(maxsize=256)
def compiled(pattern: str) -> regex.Pattern:
    if len(pattern) > MAX_PATTERN_CHARS:
        raise BadPattern(f"a pattern of at most {MAX_PATTERN_CHARS} characters")
    try:
        return regex.compile(pattern, regex.VERSION0)
    except (regex.error, ValueError, OverflowError) as err:
        raise BadPattern(f"a pattern that compiles ({err})") from None


def matches(pattern: str, text: str) -> bool:
    """The whole text matches (a trailing newline does not slip past `$`). Raises BadPattern or SlowPattern."""
    try:
        return compiled(pattern).fullmatch(text, timeout=TIMEOUT_SECONDS) is not None
    except TimeoutError:
        raise SlowPattern(pattern) from None


def is_id(text: str) -> bool:
    return len(text) <= MAX_ID_CHARS and matches(ID_PATTERN, text)


ID_BATCH = 2048  # texts matched at once by all_ids
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"  # ID_PATTERN without its anchors; it cannot backtrack: a hyphen starts each part


def all_ids(texts: list[str], delimiter: str | None = None) -> bool:
    """Whether every text is an ID (or, with a delimiter, a list of IDs), decided a few thousand texts to a match.

    The texts must hold no line break (a column that passed the control-character rule): they are joined by one.
    False means only that some text is not; the caller then finds which, text by text."""
    if delimiter is not None and (len(delimiter) != 1 or regex.fullmatch(r"[a-z0-9\-\n]", delimiter)):
        return False
    separator = "\n" if delimiter is None else f"[\n{regex.escape(delimiter)}]"
    items = texts if delimiter is None else [item for text in texts for item in text.split(delimiter)]
    if items and max(map(len, items)) > MAX_ID_CHARS:
        return False
    joined = regex.compile(f"{SLUG}(?:{separator}{SLUG})*")
    # In parts: one match over a whole column keeps a record of every repetition, some hundred megabytes at 100x.
    return all(joined.fullmatch("\n".join(texts[start:start + ID_BATCH])) for start in range(0, len(texts), ID_BATCH))
