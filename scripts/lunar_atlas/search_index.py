"""The site's search index, made from the catalog and split into small files the browser fetches as a query needs them.

Every row page, quote and event is one document: a title, a kind and a one-line summary. Its words carry a weight
for where they come from (a name above a summary, a summary above what other rows say), and each kind a rank
(missions and people above sources and reference pages). Spellings a reader may type for a name are added here,
from the data: without apostrophes, spaces or hyphens ("Change6", "Chang e 6") and one letter short ("Lunokod",
"Chandrayan"). Chinese and Japanese text is indexed by pairs of characters.

Files, all under search/atlas/ (the worker docs/assets/javascripts/atlas-search.js reads them):
  manifest.json       the kinds (label, rank, last document number), the number of buckets, the record file size
  t/<n>.json          bucket n: the words whose key (first two characters; one for CJK) hashes to n (FNV-1a),
                      word -> [first document, weight, gap to the next document, weight, ...]
  d/<n>.json          the records of documents n*SIZE .. (n+1)*SIZE-1: [address, title, summary]
Their names follow from the number of documents alone, so the build can name them before it makes them.

The tokenizer below has a twin in the worker; tests/test_search_index.py keeps them in step.
"""

from __future__ import annotations

import json
import re
import unicodedata
from array import array
from collections import defaultdict
from functools import lru_cache, partial
from typing import Callable, Iterator

from .humanize import date_words, sort_key
from .addresses import url_of
from .views import Views

# (kind, label shown to readers, rank): documents are numbered kind by kind in this order.
KINDS = [("missions", "Mission", 1.0), ("people", "Person", 1.0), ("quotes", "Quote", 0.9),
         ("organizations", "Organization", 0.8), ("places", "Place", 0.8), ("events", "Event", 0.7),
         ("pages", "Page", 0.6), ("sources", "Source", 0.35), ("reference", "Reference", 0.3)]
NAME, ALIAS, QUOTED, NEAR, TAG, TEXT, RELATED = 100, 80, 60, 40, 30, 20, 10
SUMMARY = 60  # a mission's summary and type: what a topic ("far side", "sample return") is looked for in
SHARD_SIZE = 256      # records per record file
POSTINGS_CAP = 4000   # a word in more documents keeps its best; the worker then does not require it
STOP_WORDS = frozenset("a an and are as at be by for from in is it its of on or that the this to was with".split())
APOSTROPHES = re.compile("['\u2019\u02bc\u2018`]")
WORD = re.compile(r"[^\W_]+")
CJK = re.compile(r"([\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+)")
SUMMARY_CHARS = 160
OUTCOME_ORDER = {"success": 0, "partial-success": 0, "in-progress": 0, "planned": 1}  # failures and the rest: 2


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


Fields = Callable[[], list[tuple[int, str]]]


class Document:
    """`order` breaks ties between equal matches of one kind: missions that flew before plans and failures, then by
    launch date; the rest by title.

    Its fields (the texts searched, and their weights) are made only when it is indexed: every document is listed
    and sorted first, and at 100x their fields together would take some hundred megabytes."""

    __slots__ = ("kind", "url", "title", "summary", "fields", "order")

    def __init__(self, kind: str, url: str, title: str, summary: str, fields: Fields, order: str = ""):
        self.kind, self.url, self.title, self.summary, self.fields, self.order = kind, url, title, summary, fields, order

    def weights(self) -> dict[str, int]:
        return _weights(tuple(self.fields()))


@lru_cache(maxsize=1 << 14)  # the copies of a big catalog repeat their rows' words
def _weights(fields: tuple[tuple[int, str], ...]) -> dict[str, int]:
    """Each word's weight: the best of the fields it is in; a name's words weigh more the shorter the name."""
    best: dict[str, int] = {}

    def add(word: str, weight: int) -> None:
        if word not in STOP_WORDS and best.get(word, 0) < weight:
            best[word] = weight

    for weight, text in fields:
        if not text:
            continue
        if weight == NAME:
            exact, joined, near = name_forms(text)
            bonus = 30 // max(1, len([w for w in words(text) if w not in STOP_WORDS]))
            for word in exact:
                add(word, NAME + bonus)
            for word in joined:
                add(word, ALIAS + bonus)
            for word in near:
                add(word, NEAR + bonus // 2)
        else:
            for word in set(words(text)) | set(words(text, " ")):
                add(word, weight)
            if weight >= SUMMARY:  # two words side by side ("far side"): a bonus when a query has them so
                plain = [w for w in words(text) if w.isascii()]
                for a, b in zip(plain, plain[1:]):
                    add(a + b, weight)
    return best


def _line(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= SUMMARY_CHARS else text[:SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + " …"


def _label(value) -> str:
    return str(value or "").replace("-", " ")


def documents(views: Views) -> Iterator[Document]:
    """One document per row page, quote and event, and per section page."""
    for kind in (_missions, _people, _quotes, _organizations_and_places, _events, _sources, _pages):
        yield from kind(views)


def _missions(views: Views) -> Iterator[Document]:
    for m in views.catalog["missions"].rows:
        launched = f"launched {date_words(m['launch_date'])}" if m["launch_date"] else ""
        kind = views.word("missions", "mission_type", m["mission_type"]) if m["mission_type"] else ""
        summary = m["summary"] or " ".join(filter(None, [kind.capitalize(), launched]))
        yield Document("missions", url_of("missions", m["mission_id"]), m["name"], summary, partial(_mission_fields, views, m, kind),
                       order=f"{OUTCOME_ORDER.get(m['outcome'], 2)}{sort_key(m['launch_date'])}")


def _mission_fields(views: Views, m: dict, kind: str) -> list[tuple[int, str]]:
    name_of = views.label_of
    return [(NAME, m["name"]), (NAME, m["name_native"]), (TAG, m["program"]), (SUMMARY, kind),
            (TAG, views.word("missions", "country", m["country"]) if m["country"] else ""),
            (TAG, "crewed" if m["crewed"] else ""), (SUMMARY, m["summary"]),
            (RELATED, name_of("places", m["landing_site_id"]) if m["landing_site_id"] else ""),
            (RELATED, name_of("organizations", m["operator_id"]) if m["operator_id"] else "")]


def _people(views: Views) -> Iterator[Document]:
    catalog = views.catalog
    quotes_of = defaultdict(list)
    for q in catalog["quotes"].rows:
        quotes_of[q["person_id"]].append(q["text"])
    for p in catalog["people"].rows:
        organization = views.label_of("organizations", p["organization_id"]) if p["organization_id"] else ""
        yield Document("people", url_of("people", p["person_id"]), p["name"], p["role"] or organization,
                       partial(_person_fields, p, organization, quotes_of[p["person_id"]]))


def _person_fields(p: dict, organization: str, quotes: list[str]) -> list[tuple[int, str]]:
    return [(NAME, p["name"]), (NAME, p["name_native"]), (TEXT, p["role"]), (RELATED, organization), (RELATED, " ".join(quotes))]


def _quotes(views: Views) -> Iterator[Document]:
    for q in views.catalog["quotes"].rows:
        speaker = views.speaker(q).text
        said = f", {date_words(q['said_when'])}" if q["said_when"] else ""
        yield Document("quotes", url_of("quotes", q["quote_id"]), f"“{_line(q['text'])}”", f"{speaker}{said}",
                       partial(_quote_fields, views, q, speaker))


def _quote_fields(views: Views, q: dict, speaker: str) -> list[tuple[int, str]]:
    return [(QUOTED, q["text"]), (TAG, speaker),
            (RELATED, views.label_of("missions", q["mission_id"]) if q["mission_id"] else ""), (RELATED, q["setting"])]


def _organizations_and_places(views: Views) -> Iterator[Document]:
    catalog = views.catalog
    for o in catalog["organizations"].rows:
        yield Document("organizations", url_of("organizations", o["organization_id"]), o["name"],
                       _label(o["kind"]).capitalize(), partial(_organization_fields, o))
    for p in catalog["places"].rows:
        parent = views.label_of("places", p["parent_id"]) if p["parent_id"] else ""
        where = f"in {parent}" if parent else f"on {'the Moon' if p['body'] == 'moon' else 'Earth'}"
        yield Document("places", url_of("places", p["place_id"]), p["name"], f"{_label(p['kind']).capitalize()} {where}",
                       partial(_place_fields, p, parent))


def _organization_fields(o: dict) -> list[tuple[int, str]]:
    return [(NAME, o["name"]), (NAME, o["name_native"]), (NAME, o["acronym"])]


def _place_fields(p: dict, parent: str) -> list[tuple[int, str]]:
    return [(NAME, p["name"]), (TAG, _label(p["kind"])), (RELATED, parent)]


def _events(views: Views) -> Iterator[Document]:
    for e in views.catalog["events"].rows:
        mission = views.label_of("missions", e["mission_id"]) if e["mission_id"] else ""
        summary = " · ".join(filter(None, [date_words(e["when"]), _line(e["description"] or "")]))
        yield Document("events", url_of("events", e["event_id"]), e["title"], summary,
                       partial(_event_fields, e, mission))


def _event_fields(e: dict, mission: str) -> list[tuple[int, str]]:
    return [(TEXT * 2, e["title"]), (TEXT, e["description"]), (RELATED, mission)]


def _sources(views: Views) -> Iterator[Document]:
    for s in views.catalog["sources"].rows:
        publisher = views.label_of("organizations", s["publisher_id"]) if s["publisher_id"] else ""
        by = " · ".join(filter(None, [_label(s["kind"]).capitalize(), publisher, date_words(s["published"])]))
        yield Document("sources", url_of("sources", s["source_id"]), s["title"], by, partial(_source_fields, s, publisher))


def _source_fields(s: dict, publisher: str) -> list[tuple[int, str]]:
    return [(NAME, s["title"]), (RELATED, publisher), (RELATED, " ".join(s["authors"] or []))]


def _pages(views: Views) -> Iterator[Document]:
    catalog = views.catalog
    for table in INDEXED_TABLES:
        resource = catalog[table].table.resource
        yield Document("pages", f"{table}/", resource["title"], _line(resource["description"]), partial(_fields, (NAME, resource["title"])))
    for url, title, summary in SECTIONS:
        yield Document("pages", url, title, summary, partial(_fields, (NAME, title), (TEXT, summary)))
    for name, table in catalog.descriptor.tables.items():
        yield Document("reference", f"reference/{name}/", f"Table: {name}", _line(table.resource["description"]),
                       partial(_fields, (NAME, name), (TEXT, table.resource["description"])))


def _fields(*fields: tuple[int, str]) -> list[tuple[int, str]]:
    return list(fields)


INDEXED_TABLES = ("missions", "people", "organizations", "places", "sources")  # their index pages
SECTIONS = [("timeline/", "Timeline", "Every dated event of lunar exploration in the catalog."),
            ("quotes/", "Quotes", "What people said about missions to the Moon, verbatim, with sources."),
            ("map/", "Map of landing sites", "Where missions landed on or hit the Moon, on the near and far sides."),
            ("data/", "Data", "Download the data: CSV, JSON, SQLite, a zip of the package, a calendar and a feed."),
            ("reference/", "Reference", "The data dictionary of the package."),
            ("disputes/", "Disputed facts", "Facts on which the catalog's sources disagree.")]
PARENTS = {"quotes/": "Quotes", "timeline/": "Timeline"}  # the pages that hold anchored documents


def search_files(views: Views) -> Iterator[tuple[str, bytes]]:
    """Every file of the index, as (path under the site, content)."""
    order = {kind: rank for rank, (kind, _, _) in enumerate(KINDS)}
    docs = sorted(documents(views), key=lambda d: (order[d.kind], d.order, fold(d.title)))
    ids: dict[str, array] = defaultdict(lambda: array("i"))
    weights: dict[str, bytearray] = defaultdict(bytearray)
    for number, doc in enumerate(docs):
        for word, weight in doc.weights().items():
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
                                               "parents": PARENTS, "stop": sorted(STOP_WORDS)})


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
