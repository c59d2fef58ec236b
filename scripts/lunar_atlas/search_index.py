"""The site's search index, made from the catalog and split into small files the browser fetches as a query needs them.

Every row page, quote and event is one document (see search_documents): a title, a kind and a one-line summary. Its
words carry a weight for where they come from (a name above a summary, a summary above what other rows say), and each
kind a rank (missions and people above sources and reference pages). Spellings a reader may type for a name are added
here, from the data: without apostrophes, spaces or hyphens ("Change6", "Chang e 6"), one letter short ("Lunokod",
"Chandrayan") and with Roman numerals as digits ("Artemis 2"). Chinese and Japanese text is indexed by pairs of
characters.

Files, all under search/atlas/ (the worker docs/assets/javascripts/atlas-search.js reads them):
  manifest.json       the kinds (label, rank, last document number), the number of buckets, the record file size
  t/<n>.json          bucket n: the words whose key (first two characters; one for CJK) hashes to n (FNV-1a),
                      word -> [first document, weight, gap to the next document, weight, ...]
  d/<n>.json          the records of documents n*SIZE .. (n+1)*SIZE-1: [address, title, summary]
Their names follow from the number of documents alone, so the build can name them before it makes them.

The tokenizer (search_tokens.py) has a twin in the worker; tests/test_search_index.py keeps them in step.
"""

from __future__ import annotations

import json
import re
from array import array
from collections import defaultdict
from functools import lru_cache
from typing import Iterator

from .search_documents import KIND, LEAD, NAME, SUMMARY, documents
from .search_tokens import fold, words
from .views import Views

# (kind, label shown to readers, rank): documents are numbered kind by kind in this order.
KINDS = [("missions", "Mission", 1.0), ("people", "Person", 1.0), ("quotes", "Quote", 0.9),
         ("organizations", "Organization", 0.8), ("places", "Place", 0.8), ("events", "Event", 0.7), ("exclusions", "Left out", 0.7),
         ("pages", "Page", 0.6), ("sources", "Source", 0.35), ("reference", "Reference", 0.3)]
ALIAS, NEAR = 80, 40  # a name's words run together, and one letter short: below the name's own (see NAME)
SHARD_SIZE = 256      # records per record file
POSTINGS_CAP = 4000   # a word in more documents keeps its best; the worker then does not require it
STOP_WORDS = frozenset("a an and are as at be by for from in is it its of on or that the this to was with".split())
def shard_key(word: str) -> str:
    return word[:1] if word[:1] > "\x7f" else word[:2]


def bucket(key: str, buckets: int) -> int:
    """FNV-1a of the key's UTF-8 bytes, modulo the number of buckets (the worker computes the same)."""
    value = 0x811C9DC5
    for byte in key.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value % buckets


def _bucket_count(documents: int) -> int:
    return min(2048, max(64, documents // 32))


@lru_cache(maxsize=1 << 14)
def name_forms(name: str) -> tuple[set[str], set[str], set[str]]:
    """The words of a name (apostrophes dropped, and as spaces); the name's words run together and each pair of
    neighbours run together ("change6", "luna9"); and each long word one letter short ("lunokod")."""
    exact = set(words(name)) | set(words(name, " "))
    joined: set[str] = set()
    for parts in (words(name), words(name, " ")):
        ascii_parts = [p for p in parts if p.isascii()]
        if len(ascii_parts) > 1:
            joined.add("".join(ascii_parts))
            joined.update(a + b for a, b in zip(ascii_parts, ascii_parts[1:]))
    near = {w[:i] + w[i + 1:] for w in exact if w.isascii() and len(w) >= 5 and not w.isdigit() for i in range(len(w))}
    return exact, joined - exact, near - exact - joined


def _roman(number: int) -> str:
    tens, ones = divmod(number, 10)
    return "X" * tens + ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"][ones]


ROMAN_NUMERALS = {_roman(n): str(n) for n in range(1, 40)}  # I to XXXIX: the numbers of craft and rockets
UPPER_WORD = re.compile(r"\b[IVX]+\b")  # upper case only: "Xi" and "x" in a name are words, not numbers


def with_digits(name: str) -> str:
    """A name with its Roman numerals as digits ("Artemis II" -> "Artemis 2"): how it is often typed."""
    return UPPER_WORD.sub(lambda m: ROMAN_NUMERALS.get(m.group(), m.group()), name)


def _brevity(text: str) -> tuple[list[str], int]:
    """A text's words that count, and the bonus each earns: the fewer the words, the more each says."""
    counted = [w for w in words(text) if w not in STOP_WORDS]
    return counted, 30 // max(1, len(counted))


@lru_cache(maxsize=1 << 14)  # the copies of a big catalog repeat their rows' words
def _weights(fields: tuple[tuple[int, str], ...]) -> dict[str, int]:
    """Each word's weight: the best of the fields it is in; a name's and a type's words weigh more the shorter it is."""
    best: dict[str, int] = {}
    for weight, text in fields:
        if text:
            found = _name_weights(text) if weight == NAME else _text_weights(weight, text)
            for word, value in found:
                if word not in STOP_WORDS and best.get(word, 0) < value:
                    best[word] = value
    return best


def _name_weights(text: str) -> Iterator[tuple[str, int]]:
    exact, joined, near = name_forms(text)
    bonus = _brevity(text)[1]
    yield from ((word, NAME + bonus) for word in exact)
    yield from ((word, ALIAS + bonus) for word in joined)
    yield from ((word, NEAR + bonus // 2) for word in near)
    digits = with_digits(text)
    if digits != text:
        spelled, spelled_joined, _ = name_forms(digits)
        yield from ((word, ALIAS + bonus) for word in (spelled | spelled_joined) - exact)


def _text_weights(weight: int, text: str) -> Iterator[tuple[str, int]]:
    if weight == KIND:
        counted, bonus = _brevity(text)
        yield from ((word, SUMMARY + bonus) for word in counted)
    if weight == LEAD:  # "The first soft landing on the Moon's far side" says more of each of its words than a long summary
        counted, bonus = _brevity(text)
        yield from ((word, SUMMARY + bonus // 3) for word in counted)
        weight = SUMMARY
    yield from ((word, weight) for word in set(words(text)) | set(words(text, " ")))
    if weight >= SUMMARY:  # two words side by side ("far side"): a bonus when a query has them so
        plain = [w for w in words(text) if w.isascii()]
        yield from ((a + b, weight) for a, b in zip(plain, plain[1:]))


def parent_titles(docs: list) -> dict[str, str]:
    """The page each anchored document (an event, a craft left out) is listed under in results, with its title."""
    return dict(sorted({doc.url.partition("#")[0]: doc.page_title for doc in docs if doc.page_title}.items()))


def search_files(views: Views) -> Iterator[tuple[str, bytes]]:
    """Every file of the index, as (path under the site, content)."""
    order = {kind: rank for rank, (kind, _, _) in enumerate(KINDS)}
    docs = sorted(documents(views), key=lambda d: (order[d.kind], d.order, fold(d.title)))
    ids: dict[str, array] = defaultdict(lambda: array("i"))
    weights: dict[str, bytearray] = defaultdict(bytearray)
    for number, doc in enumerate(docs):
        for word, weight in _weights(tuple(doc.fields())).items():
            ids[word].append(number)
            weights[word].append(weight)
        doc.fields = None  # indexed: only its record (address, title, summary) is written from here on
    buckets = _bucket_count(len(docs))
    in_bucket: list[list[str]] = [[] for _ in range(buckets)]
    for word in sorted(ids):  # the same bytes in every build, whatever the order of Python's sets
        in_bucket[bucket(shard_key(word), buckets)].append(word)
    for n, bucket_words in enumerate(in_bucket):  # one bucket's postings in memory at a time
        yield f"search/atlas/t/{n}.json", _json({word: _postings(ids.pop(word), weights.pop(word)) for word in bucket_words})
    for start in range(0, len(docs), SHARD_SIZE):
        yield f"search/atlas/d/{start // SHARD_SIZE}.json", _json([[d.url, d.title, d.summary] for d in docs[start:start + SHARD_SIZE]])
    ends, count = [], 0
    for kind, label, rank in KINDS:
        count += sum(1 for d in docs if d.kind == kind)
        ends.append([label, rank, count])
    yield "search/atlas/manifest.json", _json({"kinds": ends, "size": SHARD_SIZE, "buckets": buckets,
                                               "parents": parent_titles(docs), "stop": sorted(STOP_WORDS)})


def _postings(ids: array, weights: bytearray) -> list:
    """A word's documents and weights as a bucket file holds them: gaps between document numbers, each followed by
    the weight; a word in too many documents keeps its best, marked as cut."""
    pairs = list(zip(ids, weights))
    cut = len(pairs) > POSTINGS_CAP
    if cut:
        pairs = sorted(sorted(pairs, key=lambda p: -p[1])[:POSTINGS_CAP])
    gaps = [pairs[0][0]] + [b[0] - a[0] for a, b in zip(pairs, pairs[1:])]
    flat = [x for gap, (_, weight) in zip(gaps, pairs) for x in (gap, weight)]
    return [flat, 1] if cut else flat


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
