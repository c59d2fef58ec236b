"""What the data page is given: every download with its size, rows and checksum, every released version with its
own files, the ways to load and cite the data, prepared so that its template only loops and escapes."""

from __future__ import annotations

from dataclasses import dataclass

from .downloads import Summary
from .humanize import date_words
from .releases import Release
from .snippets import snippets
from .views import Views


@dataclass(frozen=True)
class Download:
    """A file as the data page lists it: its address, what it holds, its rows (empty where rows mean nothing),
    size in words and checksum."""

    name: str
    url: str
    what: str
    rows: str
    size: str
    sha256: str


def data_context(views: Views, downloads: list[Summary], releases: list[Release], site_url: str) -> dict:
    shown = [Download(f.name, f"data/{f.name}", f.what, _rows_words(f.rows), _size_words(f.size), f.sha256) for f in downloads]
    return dict(title="Data", kind="data", files=shown, releases=[release_shown(r, site_url) for r in releases],
                local=not site_url, bibtex=bibtex(views, site_url), snippets=snippets(views.catalog),
                cite=views.cite(views.catalog.descriptor.data["title"], ""),
                description="Download the Lunar Atlas data: CSV, JSON, Parquet, SQLite, a zip of the package, a calendar and a feed.")


def release_shown(release: Release, site_url: str) -> dict:
    """A released version as the data page lists it: its dates in words, its address where the site has one, its files."""
    folder = f"data/{release.version}/"
    return {"version": release.version, "released": date_words(release.released), "as_of": date_words(release.as_of),
            "year": release.released[:4], "address": f"{site_url}{folder}" if site_url else "",
            "files": [Download(f.name, f"{folder}{f.name}", "", _rows_words(f.rows), _size_words(len(f.content)), f.sha256)
                      for f in release.files]}


def bibtex(views: Views, site_url: str) -> str:
    meta = views.catalog.descriptor.data
    lines = ["@misc{lunar_atlas,", "  author = {{Lunar Atlas contributors}},", f"  title = {{{meta['title']}}},",
             f"  year = {{{meta['created'][:4]}}},", f"  version = {{{meta['version']}}},",
             f"  note = {{Data as of {views.catalog.descriptor.as_of}}},"]
    if site_url:
        lines.append(f"  url = {{{site_url}}},")
    return "\n".join(lines + ["}"])


def _rows_words(rows: int | None) -> str:
    return "" if rows is None else str(rows)


def _size_words(count: int) -> str:
    return f"{count:,} bytes" if count < 1024 else f"{count / 1024:,.1f} KiB"
