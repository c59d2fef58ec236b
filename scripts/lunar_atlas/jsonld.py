"""schema.org JSON-LD: the Dataset (home and data pages) and one entity per row page, every address absolute.

The text goes inside <script type="application/ld+json">: "<", ">" and "&" are written as JSON \\u escapes, so no
value from the data can end the element or start markup, and the JSON still reads the same.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from .dates import parse_date
from .addresses import url_of

WIKIDATA = "https://www.wikidata.org/wiki/"
WIKIPEDIA = "https://en.wikipedia.org/wiki/"
TYPES = {"missions": "Thing", "people": "Person", "organizations": "Organization", "places": "Place", "sources": "CreativeWork"}


def script_text(body: dict) -> str:
    text = json.dumps(body, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def web_page(title: str, base: str, page_url: str) -> str:
    return script_text({"@context": "https://schema.org/", "@type": "WebPage", "url": f"{base}{page_url}", "name": title,
                        "isPartOf": {"@type": "WebSite", "url": base}})


def _iso_day(text: str | None) -> str | None:
    """A schema.org date only where the EDTF date is a plain day, month or year (no qualifier or interval)."""
    if not text or text[-1:] in "~?%" or "/" in text or "X" in text:
        return None
    return text[:10] if "T" in text else text


def entity(table: str, row: dict, key: str, label: str, views, base: str, dataset_url: str) -> str:
    body = {"@context": "https://schema.org/", "@type": TYPES.get(table, "Thing"), "@id": f"{base}{url_of(table, key)}",
            "url": f"{base}{url_of(table, key)}", "name": label, "identifier": key,
            "subjectOf": {"@type": "Dataset", "@id": dataset_url, "url": dataset_url},
            "mainEntityOfPage": f"{base}{url_of(table, key)}"}
    same = []
    if row.get("wikidata_id"):
        same.append(WIKIDATA + row["wikidata_id"])
    if row.get("wikipedia"):
        same.append(WIKIPEDIA + quote(row["wikipedia"].replace(" ", "_"), safe=""))
    if table == "organizations" and str(row.get("website") or "").startswith("https://"):
        same.append(row["website"])
    if same:
        body["sameAs"] = same
    alternates = [row["name_native"]] if row.get("name_native") else []
    alternates += row.get("other_names") or []
    if alternates:
        body["alternateName"] = alternates[0] if len(alternates) == 1 else alternates
    if row.get("summary"):
        body["description"] = row["summary"]
    if table == "places" and row.get("lat") is not None and row.get("lon") is not None:
        body["geo"] = {"@type": "GeoCoordinates", "latitude": row["lat"], "longitude": row["lon"]}
        body["containedInPlace"] = {"@type": "Place", "name": (row.get("body") or "").capitalize() or "Moon"}
    if table == "people" and row.get("organization_id"):
        body["affiliation"] = {"@type": "Organization", "@id": f"{base}{url_of('organizations', row['organization_id'])}",
                               "name": views.label_of("organizations", row["organization_id"])}
    if table == "sources":
        body["name"] = row.get("title") or label
        if str(row.get("url") or "").startswith(("https://", "http://")):
            body["sameAs"] = [row["url"]]
        if _iso_day(row.get("published")):
            body["datePublished"] = _iso_day(row["published"])
        if row.get("publisher_id"):
            body["publisher"] = {"@type": "Organization", "@id": f"{base}{url_of('organizations', row['publisher_id'])}",
                                 "name": views.label_of("organizations", row["publisher_id"])}
    if table == "missions" and row.get("operator_id"):
        body["provider"] = {"@type": "Organization", "@id": f"{base}{url_of('organizations', row['operator_id'])}",
                            "name": views.label_of("organizations", row["operator_id"])}
    return script_text(body)


def dataset(catalog, files, base: str, released: list) -> str:
    """schema.org Dataset, with what Google Dataset Search recommends: url, identifier, version, licence, creator,
    temporal and spatial coverage and every download's absolute contentUrl."""
    meta = catalog.descriptor.data
    spans = [parse_date(e["when"]) for e in catalog["events"].rows]
    years = [span.year for span in spans if not span.open_start]
    body = {
        "@context": "https://schema.org/", "@type": "Dataset", "@id": f"{base}data/",
        "name": meta["title"], "description": meta["description"], "version": meta["version"],
        "url": base, "identifier": [f"{base}data/", *[f"{base}data/{r.version}/" for r in released]],
        "sameAs": meta.get("homepage", base), "datePublished": meta["created"][:10],
        "license": meta["licenses"][0]["path"], "keywords": meta["keywords"], "isAccessibleForFree": True,
        "creator": {"@type": "Organization", "name": "Lunar Atlas contributors", "url": base},
        "publisher": {"@type": "Organization", "name": "Lunar Atlas contributors", "url": base},
        "temporalCoverage": f"{min(years)}/{max(years)}", "dateModified": max(catalog.descriptor.as_of, meta["created"][:10]),
        "spatialCoverage": {"@type": "Place", "name": "The Moon",
                            "description": "Earth's Moon: landing sites in selenographic coordinates (degrees, east-positive longitude)"},
        "citation": f"Lunar Atlas contributors. {meta['title']}, version {meta['version']}. {base}",
        "distribution": [{"@type": "DataDownload", "name": f.name, "encodingFormat": f.media_type,
                          "contentUrl": f"{base}data/{f.name}", "sha256": f.sha256} for f in files],
    }
    return script_text(body)
