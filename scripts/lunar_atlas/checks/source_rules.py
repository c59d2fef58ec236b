"""Rules on how far a fact's sources can be trusted: tiers, copies beside the works they reproduce, why a claim lost.

A source's `tier` says how far it can be trusted (primary, reference, press, unreliable). A fact's preferred claim comes
from a primary or reference source; a news report is allowed only where the claim's `source_gap` says why nothing
better backs the value. An unreliable source is never preferred: a fact resting only on unreliable sources is
reported on the fact's own cell, whatever its source_gap says. A source whose address is on
one of the hosts listed in the descriptor (`x-copyHosts` on the sources resource) names the work's own address in
`url` and the copy's in `copy_url`. A claim that is not preferred says why in `reason`.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

from ..catalog import Catalog
from ..claims import CLAIMS, Claims, backed_fields
from ..problems import Problem
from ..tiers import TIERS, TRUSTED

SOURCES = "sources"
TIER_ORDER = {tier: rank for rank, tier in enumerate(TIERS)}


def copy_hosts(catalog: Catalog) -> tuple[str, ...]:
    """The listed copy hosts, lower case; a host also covers its subdomains."""
    table = catalog.descriptor.tables.get(SOURCES)
    hosts = table.resource.get("x-copyHosts", []) if table else []
    return tuple(h.lower().rstrip(".") for h in hosts if isinstance(h, str) and h.strip())


# The plain form nearly every address takes, whose host needs no parsing; anything else (a user name, an IPv6
# address, a backslash) goes through urlsplit, which reads the host as a browser would.
PLAIN_HOST = re.compile(r"https?://([A-Za-z0-9.-]+)(?::[0-9]*)?(?:[/?#]|$)", re.ASCII)


def host_of(url: str | None) -> str:
    plain = PLAIN_HOST.match(url or "")
    if plain:
        return plain.group(1).lower().rstrip(".")
    try:  # a browser reads a backslash in a web address as a slash; urlsplit would read it into a user name
        return (urlsplit((url or "").replace("\\", "/")).hostname or "").rstrip(".")
    except ValueError:
        return ""


def listed_host(url: str | None, hosts: frozenset[str]) -> str | None:
    """The listed host that an address is on (the host itself or a domain above it), or None."""
    labels = host_of(url).split(".") if url else []
    return next((domain for domain in (".".join(labels[i:]) for i in range(len(labels))) if domain in hosts), None)


def copy_problems(catalog: Catalog) -> list[Problem]:
    """A source on a listed copy host names the work's own address; one work read at one place is one source."""
    if SOURCES not in catalog.tables:
        return []
    data = catalog[SOURCES]
    if "copy_url" not in data.table.by_name:
        return []
    hosts = frozenset(copy_hosts(catalog))
    problems, seen = [], {}
    for index, source in enumerate(data.rows):
        row, url, copy = data.row_number(index), source["url"], source["copy_url"]
        host = listed_host(url, hosts)
        if host:
            problems.append(Problem(data.file.shown, row, "url", "copy-host", url or "",
                                    f"the work's own address (the Wikipedia article, the NSSDCA record, the publisher's page): "
                                    f"{host} only reproduces it, so its address goes in copy_url"))
        if copy and not source.get("copy_accessed"):
            problems.append(Problem(data.file.shown, row, "copy_accessed", "copy-date", "",
                                    "the date the copy in copy_url was read"))
        key = (url, copy)
        if url and key in seen:
            problems.append(Problem(data.file.shown, row, "url", "duplicate-source", url,
                                    f"one row per work read at one place: source {seen[key]} already has this address"
                                    + (" and copy" if copy else "")))
        else:
            seen.setdefault(key, source["source_id"])
    return problems


def _tier(catalog: Catalog, source_id: str | None) -> str | None:
    source = catalog.get(SOURCES, source_id)
    return source.get("tier") if source else None


def _is_quotes_own_report(catalog: Catalog, claim: dict) -> bool:
    """A quote's date given by the report that published the words: that report is the record of them, so no
    better source is missing (a later reference work would only repeat it)."""
    quote = catalog.get("quotes", claim["row_id"]) if claim["table"] == "quotes" else None
    return bool(quote) and quote.get("source_id") == claim["source_id"]


def _words(tier: str | None) -> str:
    return {"primary": "a primary source", "reference": "a reference work", "press": "a news report",
            "unreliable": "an unreliable source"}.get(tier or "", "an unknown source")


def preferred_tier_problems(catalog: Catalog, claims: Claims, flagged: set) -> list[Problem]:
    """A preferred claim comes from a primary or reference source, or says in source_gap why it does not."""
    if CLAIMS not in catalog.tables or SOURCES not in catalog.tables or "source_gap" not in catalog[CLAIMS].table.by_name:
        return []
    data = catalog[CLAIMS]
    found = (_claim_tier_problem(catalog, claims, flagged, data.file.shown, data.row_number(index), claim)
             for index, claim in enumerate(data.rows))
    return [problem for problem in found if problem]


def _claim_tier_problem(catalog: Catalog, claims: Claims, flagged: set, shown: str, row: int, claim: dict) -> Problem | None:
    tier = _tier(catalog, claim["source_id"])
    if tier not in TIER_ORDER or claim["preferred"] is None:
        return None  # a missing source, an unknown tier, a preferred neither true nor false: reported by the schema
    gap = claim.get("source_gap")
    if not claim["preferred"]:
        return Problem(shown, row, "source_gap", "source-gap", gap,
                       "empty: only a preferred claim says why no better source backs its value") if gap else None
    if tier in TRUSTED:
        return Problem(shown, row, "source_gap", "source-gap", gap, f"empty: the source is a {tier} source") if gap else None
    better = _better_claims(catalog, claims, claim, tier)
    if tier == "unreliable":
        return _unreliable_problem(catalog, flagged, shown, row, claim, better)
    if gap or _is_quotes_own_report(catalog, claim):
        return None
    return Problem(shown, row, "source_gap", "weak-preferred", claim["source_id"],
                   f"a preferred claim from a primary or reference source{_hint(catalog, better)}; or, where none "
                   f"gives the value, source_gap saying why a news report is the best source found")


def _better_claims(catalog: Catalog, claims: Claims, claim: dict, tier: str) -> list[dict]:
    """The other claims on the same fact from a more trusted source, most trusted first."""
    others = [c for c in claims.about(claim["table"], claim["row_id"], claim["column"]) if c is not claim]
    return sorted((c for c in others if TIER_ORDER.get(_tier(catalog, c["source_id"]), 9) < TIER_ORDER[tier]),
                  key=lambda c: (TIER_ORDER.get(_tier(catalog, c["source_id"]), 9), c["claim_id"]))


def _hint(catalog: Catalog, better: list[dict]) -> str:
    return "".join(f"; {c['claim_id']} ({_words(_tier(catalog, c['source_id']))}) gives {c['value']}" for c in better[:1])


def _unreliable_problem(catalog: Catalog, flagged: set, shown: str, row: int, claim: dict, better: list[dict]) -> Problem | None:
    """An unreliable source never backs a fact, whatever its source_gap says: a better claim is preferred instead, or,
    where no better source gives the value, the cell stays empty until one is found."""
    if better:
        return Problem(shown, row, "preferred", "weak-preferred", claim["source_id"],
                       f"a preferred claim from a better source{_hint(catalog, better)}: an unreliable source is never "
                       f"preferred")
    cell = _fact_cell(catalog, claim)
    if not cell or cell in flagged:
        return None
    return Problem(*cell, "unreliable-only", claim["value"] or "",
                   f"a claim from a primary or reference source (the agency's page, NSSDCA, the LROC team, a paper), "
                   f"or a news report: its only source, {claim['source_id']}, is unreliable; until one is found, leave "
                   f"the cell empty and say why in the row's notes")


def _fact_cell(catalog: Catalog, claim: dict) -> tuple[str, int, str] | None:
    target = catalog.tables.get(claim["table"])
    if target is None or claim["row_id"] not in target.by_id or claim["column"] not in target.table.by_name:
        return None
    return target.file.shown, target.row_number_of(claim["row_id"]), claim["column"]


def reason_problems(catalog: Catalog) -> list[Problem]:
    """A claim that is not preferred says why it lost; a preferred one has no such reason."""
    if CLAIMS not in catalog.tables or "reason" not in catalog[CLAIMS].table.by_name:
        return []
    data = catalog[CLAIMS]
    field = data.table.by_name["reason"]
    allowed = ", ".join(field.get("constraints", {}).get("enum", []))
    problems = []
    for index, claim in enumerate(data.rows):
        if (index, "preferred") in data.bad_cells:
            continue
        reason = claim.get("reason")
        if claim["preferred"] and reason:
            problems.append(Problem(data.file.shown, data.row_number(index), "reason", "loss-reason", reason,
                                    "empty: the preferred claim did not lose"))
        elif claim["preferred"] is False and not reason:
            problems.append(Problem(data.file.shown, data.row_number(index), "reason", "loss-reason", "",
                                    f"why this value lost to the preferred claim: one of {allowed}"))
    return problems


def unknown_tier_problems(catalog: Catalog, flagged: set) -> list[Problem]:
    """A tier the code does not know: the descriptor's allowed values can add one, but no list of sources would
    show it and no rule could judge it."""
    if SOURCES not in catalog.tables or "tier" not in catalog[SOURCES].table.by_name:
        return []
    data = catalog[SOURCES]
    return [Problem(data.file.shown, data.row_number(index), "tier", "unknown-tier", source["tier"],
                    f"one of the tiers the site lists and judges sources by: {', '.join(TIERS)}")
            for index, source in enumerate(data.rows)
            if source["tier"] is not None and source["tier"] not in TIERS and (data.file.shown, data.row_number(index), "tier") not in flagged]


def source_problems(catalog: Catalog, claims: Claims, flagged: set) -> list[Problem]:
    """`flagged` holds the (file, row, column) cells already reported, whose facts are not judged again."""
    return (copy_problems(catalog) + unknown_tier_problems(catalog, flagged) + preferred_tier_problems(catalog, claims, flagged)
            + reason_problems(catalog))


# --- the summary the validator prints --------------------------------------------------------------------------


def tier_summary(catalog: Catalog, claims: Claims) -> list[str]:
    """Sources by tier, and facts by the tier of their preferred claim's source (with how many say why)."""
    if SOURCES not in catalog.tables or "tier" not in catalog[SOURCES].table.by_name:
        return []
    sources = Counter(row.get("tier") for row in catalog[SOURCES].rows)
    facts, gaps = Counter(), Counter()
    for table, fields in backed_fields(catalog).items():
        data = catalog[table]
        for row in data.rows:
            key = row[data.table.primary_key]
            for field in fields:
                if row.get(field["name"]) is None:
                    continue
                preferred = next((c for c in claims.about(table, key, field["name"]) if c["preferred"]), None)
                tier = _tier(catalog, preferred["source_id"]) if preferred else None
                facts[tier or "none"] += 1
                if preferred and preferred.get("source_gap"):
                    gaps[tier] += 1
    lines = ["Sources by tier: " + ", ".join(f"{tier} {sources[tier]:,}" for tier in TIERS) + f" ({sum(sources.values()):,} in all)."]
    parts = []
    for tier in TIERS + ("none",):
        if facts[tier] or tier != "none":
            part = f"{tier} {facts[tier]:,}"
            if gaps[tier]:
                part += f" ({gaps[tier]:,} saying why no better source)"
            parts.append(part)
    lines.append("Facts by the tier of their preferred claim's source: " + ", ".join(parts) + f" ({sum(facts.values()):,} in all).")
    return lines
