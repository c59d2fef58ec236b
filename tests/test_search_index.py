"""The prebuilt search index: the spellings it adds, the files it names, and its tokenizer's twin in the worker."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PACKAGE
from lunar_atlas.addresses import url_of
from lunar_atlas.catalog import load_catalog
from lunar_atlas.search_documents import TAG
from lunar_atlas.search_index import KINDS, bucket, documents, name_forms, search_files, shard_key, words
from lunar_atlas.views import Views

WORKER = Path(__file__).resolve().parents[1] / "docs" / "assets" / "javascripts" / "atlas-search.js"


@pytest.fixture(scope="module")
def views() -> Views:
    return Views(load_catalog(PACKAGE))


def test_a_name_is_found_without_its_apostrophe_space_or_hyphen():
    exact, joined, _ = name_forms("Chang'e-6")
    assert {"change", "6", "chang", "e"} <= exact
    assert "change6" in joined


def test_a_long_word_of_a_name_is_found_one_letter_short():
    _, _, near = name_forms("Luna 17/Lunokhod 1")
    assert {"lunokod", "lunkhod"} <= near
    assert "luna" not in near and "17" not in near


def test_a_roman_numeral_in_a_name_is_also_found_as_its_digits():
    from lunar_atlas.search_index import with_digits

    assert with_digits("Artemis II") == "Artemis 2" and with_digits("GSLV Mk III-M1") == "GSLV Mk 3-M1"
    assert with_digits("Xi Jinping") == "Xi Jinping" and with_digits("SMBC x HAKUTO-R") == "SMBC x HAKUTO-R"
    assert with_digits("IIII MIX") == "IIII MIX", "only numerals written as numerals are, and only I to XXXIX"


def test_the_worker_reads_the_roman_numerals_the_build_writes(real_server, page):
    from lunar_atlas.search_index import ROMAN_NUMERALS

    page.goto(real_server.url)
    page.add_script_tag(path=str(WORKER))
    assert dict(page.evaluate("[...ROMAN]")) == {numeral.lower(): digits for numeral, digits in ROMAN_NUMERALS.items()}


def test_chinese_is_cut_into_pairs_of_characters_and_accents_are_dropped():
    assert words("嫦娥六号") == ("嫦娥", "娥六", "六号")
    assert words("Von Kármán") == ("von", "karman")


def test_every_document_has_a_title_a_known_kind_and_a_summary(views):
    kinds = {kind for kind, _, _ in KINDS}
    for doc in documents(views):
        assert doc.kind in kinds
        assert doc.title.strip() and doc.summary.strip(), doc.url


def test_the_worker_cuts_words_and_finds_buckets_as_the_build_does(views, real_server, page):
    texts = ["Chang'e-6", "嫦娥六号", "Луна-25", "Von Kármán", "चंद्रयान-3", "다누리", "かぐや", "小型月着陸実証機",
             "it’s 3-D", "Pontécoulant G", "ＳＬＩＭ", "Mandel'shtam"]
    texts += [doc.title for doc in documents(views)][:400]
    page.goto(real_server.url)
    page.add_script_tag(path=str(WORKER))
    page.evaluate("manifest = {buckets: 997}")
    found = page.evaluate("texts => texts.map(t => [words(t), words(t).map(w => bucket(shardKey(w)))])", texts)
    for text, (js_words, js_buckets) in zip(texts, found):
        assert tuple(js_words) == words(text), text
        assert js_buckets == [bucket(shard_key(w), 997) for w in words(text)], text


def test_the_manifest_counts_every_document(views):
    manifest = json.loads(dict(search_files(views))["search/atlas/manifest.json"])
    assert manifest["kinds"][-1][2] == sum(1 for _ in documents(views))


def test_an_event_is_listed_under_its_decades_page_by_that_pages_title(views):
    manifest = json.loads(dict(search_files(views))["search/atlas/manifest.json"])
    pages = {doc.url.partition("#")[0] for doc in documents(views) if "#" in doc.url}
    assert "timeline/2020s/" in pages and set(manifest["parents"]) == pages
    assert manifest["parents"]["timeline/2020s/"] == "Timeline: the 2020s"
    assert all(title != page for page, title in manifest["parents"].items()), "a result group titled by its address"


def test_every_craft_left_out_is_a_document_leading_to_the_list_that_says_why(views):
    left_out = [doc for doc in documents(views) if doc.kind == "exclusions"]
    names = sorted(row["name"] for row in views.catalog["exclusions"].rows)
    assert names and sorted(doc.title for doc in left_out) == names
    assert {doc.url for doc in left_out} == {"about/#left-out"}
    assert all(doc.summary.startswith("Not in the catalog. ") for doc in left_out)
    manifest = json.loads(dict(search_files(views))["search/atlas/manifest.json"])
    assert "Left out" in [label for label, _, _ in manifest["kinds"]] and manifest["parents"]["about/"] == "Methodology"


def test_the_index_is_the_same_bytes_whatever_the_order_of_pythons_sets():
    script = ("import hashlib, sys; from pathlib import Path; from lunar_atlas.catalog import load_catalog; "
              "from lunar_atlas.views import Views; from lunar_atlas.search_index import search_files; h = hashlib.sha256(); "
              "[h.update(p.encode() + c) for p, c in search_files(Views(load_catalog(Path(sys.argv[1]))))]; print(h.hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", script, str(PACKAGE)], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert len(digests) == 1


def test_a_documents_fields_are_made_only_once_every_document_is_listed(views, monkeypatch):
    """Every document is listed and sorted before any is indexed; each one's searched texts are made when it is
    indexed, once, and not held by the rest meanwhile (at 100x, some hundred megabytes)."""
    from lunar_atlas import search_index

    listed, made_when = [], []

    def watched_documents(views):
        for doc in documents(views):
            assert callable(doc.fields), f"{doc.url}: its fields were made as it was listed"
            doc.fields = lambda made=doc.fields: made_when.append(len(listed)) or made()
            listed.append(doc)
            yield doc

    monkeypatch.setattr(search_index, "documents", watched_documents)
    files = dict(search_files(views))
    assert made_when == [len(listed)] * len(listed), "each made once, after every document was listed"
    assert all(doc.fields is None for doc in listed), "an indexed document lets its fields go"
    assert json.loads(files["search/atlas/manifest.json"])["kinds"][-1][2] == len(listed)


@pytest.mark.parametrize("kind", ["organizations", "places", "sources"])
def test_a_result_names_a_rows_kind_in_words_as_its_page_does(views, kind):
    """A search result's line begins with the kind's label from the descriptor ("Polar region"), never its code."""
    rows = {url_of(kind, row[views.catalog[kind].table.primary_key]): row for row in views.catalog[kind].rows}
    results = [doc for doc in documents(views) if doc.kind == kind]
    assert len(results) == len(rows)
    for doc in results:
        label = views.word(kind, "kind", rows[doc.url]["kind"])
        assert doc.summary.startswith(label), f"{doc.url}: {doc.summary!r} does not begin with {label!r}"
        if kind == "places":
            assert (TAG, label.lower()) in doc.fields(), f"{doc.url}: its kind is not searched in words"
    if kind == "places":
        assert any(doc.summary.startswith("Polar region") for doc in results)
