"""The changelog as pages: what is not yet released on the changelog's own page, each released version on a page of
its own that the first links to. One page of every version would outgrow the weight a page may have, release after
release; so would one version that changed a great deal, whose sections (Data, Tools, Site) then get a page each.
"""

from __future__ import annotations

import json
import re

from .humanize import date_words

PAGE = "about/changelog.md"
VERSION = re.compile(r"^## (?P<version>[0-9]+\.[0-9]+\.[0-9]+)\b(?P<rest>.*)$", re.M)
RELEASED_ON = re.compile(r" — ([0-9]{4}-[0-9]{2}-[0-9]{2})$")
SECTION = re.compile(r"^### (?P<title>.+)$", re.M)
BUDGET = 40_000  # characters of Markdown a version's notes may take on one page (about 15 KB of HTML, gzip)


def unreleased_data(text: str) -> bool:
    """Whether the changelog's Unreleased section lists a change to the data: a build then holds data that no
    released version has, and a citation of it must not name the last version alone."""
    found = VERSION.search(text)
    notes = re.search(r"^### Data\n(?P<changes>.*?)(?=^##|\Z)", text[:found.start()] if found else text, re.M | re.S)
    return bool(notes and notes["changes"].strip())


def version_page(version: str) -> str:
    return f"about/changelog/{version}.md"


def changelog_pages(text: str) -> list[tuple[str, str]]:
    """The changelog's pages as (path, Markdown): its first page, then a page per released version, newest first,
    and a page per section of a version whose notes are over the budget."""
    found = list(VERSION.finditer(text))
    first, extra = _paged(text[:found[0].start()].rstrip("\n") if found else text, "Unreleased", "about/changelog/unreleased", "changelog/unreleased")
    if not found:
        return [(PAGE, first)] + extra if text else []
    versions = []
    for number, match in enumerate(found):
        end = found[number + 1].start() if number + 1 < len(found) else len(text)
        # "1.0.0 — 2026-12-01" as a reader says it: "1.0.0, 1 December 2026".
        heading = match["version"] + RELEASED_ON.sub(lambda day: f", {date_words(day[1])}", match["rest"])
        notes, pages = _paged(text[match.end():end].strip("\n"), heading, f"about/changelog/{match['version']}", match["version"])
        # The version's own heading becomes its page's title, so its sections move up a level.
        body = re.sub(r"^###", "##", notes, flags=re.M)
        back = "[The changelog](../changelog.md) lists every version and what has changed since the last."
        versions.append((match["version"], heading, _page(f"Changelog: {heading}", f"{back}\n\n{body}")))
        extra += pages
    listed = "\n".join(f"- [{heading}](changelog/{version}.md)" for version, heading, _ in versions)
    return ([(PAGE, f"{first}\n\n## Released versions\n\n{listed}\n")] + [(version_page(v), page) for v, _, page in versions]
            + extra)


def _paged(notes: str, heading: str, folder: str, link: str) -> tuple[str, list[tuple[str, str]]]:
    """Notes within the budget as they are; past it, each ### section on a page of its own under `folder`, the notes
    keeping what comes before the first section and a list of the sections (linked by `link`) with their counts."""
    sections = list(SECTION.finditer(notes))
    if len(notes) <= BUDGET or not sections:
        return notes, []
    kept, pages = [notes[:sections[0].start()].rstrip("\n"), ""], []
    for number, match in enumerate(sections):
        end = sections[number + 1].start() if number + 1 < len(sections) else len(notes)
        body = notes[match.end():end].strip("\n")
        slug = re.sub(r"[^a-z0-9]+", "-", match["title"].lower()).strip("-")
        count = len(re.findall(r"^- ", body, flags=re.M))
        kept.append(f"- [{match['title']}]({link}/{slug}.md): {count} change{'s' * (count != 1)}")
        back = "[The changelog](" + "../" * folder.count("/") + "changelog.md) lists every version and what has changed since the last."
        pages.append((f"{folder}/{slug}.md", _page(f"Changelog: {heading} — {match['title']}", f"{back}\n\n{body}")))
    return "\n".join(kept), pages


def _page(title: str, body: str) -> str:
    # MkDocs names a page outside the navigation from its front matter; without it the header reads "None".
    front = f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n"
    return f"{front}# {title}\n\n{body}\n"
