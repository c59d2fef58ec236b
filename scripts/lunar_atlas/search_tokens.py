"""How the site's search cuts a text into words, for the index (search_index) and the documents' fields
(search_documents) alike; the worker docs/assets/javascripts/atlas-search.js cuts a query the same way."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

APOSTROPHES = re.compile("['\u2019\u02bc\u2018`]")
WORD = re.compile(r"[^\W_]+")
CJK = re.compile(r"([\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+)")


def fold(text: str) -> str:
    """Lower case, accents and other marks dropped (é is e, and the same in the worker)."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.category(c).startswith("M"))


@lru_cache(maxsize=1 << 16)  # the same names and summaries come back, in every copy of a big catalog
def words(text: str, apostrophe: str = "") -> tuple[str, ...]:
    """The words of a text, as the worker cuts a query: apostrophes dropped, CJK runs cut into pairs."""
    out = []
    for word in WORD.findall(APOSTROPHES.sub(apostrophe, fold(text))):
        for part in CJK.split(word):
            if not part:
                continue
            if CJK.fullmatch(part):
                out += [part] if len(part) == 1 else [part[i:i + 2] for i in range(len(part) - 1)]
            else:
                out.append(part)
    return tuple(out)
