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
