"""Characters a reader cannot see that still change what a page or a report shows.

A direction override can make a name read backwards, a zero-width space can split a word so search misses it, and
a line separator breaks a line where none shows in a spreadsheet. The data and the descriptor are untrusted, so the
validator refuses these in any text, and a report writes any it quotes as \\uXXXX.
"""

from __future__ import annotations

import re

import regex

CONTROL_CHARACTER = re.compile("[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc, all of it
# Format characters (Cf) but the two joiners, which shape words in Arabic, Persian and Indic scripts; the line and
# paragraph separators (Zl, Zp); private-use characters (Co), which show as nothing or as a box. Read from the
# Unicode tables of the regex library, so characters Unicode adds to these categories are refused too.
HIDDEN_CLASS = r"[\p{Cf}\p{Zl}\p{Zp}\p{Co}]--[\u200c\u200d]"
HIDDEN = regex.compile(rf"[{HIDDEN_CLASS}]", regex.V1)
UNSEEN = regex.compile(rf"[\p{{Cc}}[{HIDDEN_CLASS}]]", regex.V1)  # what a report never prints as itself


def hidden_text_problem(text: str) -> tuple[str, str] | None:
    """(rule, what is expected) when the text holds a control or hidden character; None when it holds neither."""
    if CONTROL_CHARACTER.search(text):
        return "control-character", "text without control characters (tabs, line breaks, other invisible codes)"
    if HIDDEN.search(text):
        return "invisible-character", ("text without invisible format characters (direction overrides, zero-width "
                                       "spaces, soft hyphens, line separators), which hide or reorder words on a page")
    return None
