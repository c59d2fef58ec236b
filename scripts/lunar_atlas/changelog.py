"""The changelog as pages: what is not yet released on the changelog's own page, each released version on a page of
its own that the first links to. One page of every version would outgrow the weight a page may have, release after
release.
"""

from __future__ import annotations

import json
import re

from .humanize import date_words

PAGE = "about/changelog.md"
VERSION = re.compile(r"^## (?P<version>[0-9]+\.[0-9]+\.[0-9]+)\b(?P<rest>.*)$", re.M)
RELEASED_ON = re.compile(r" — ([0-9]{4}-[0-9]{2}-[0-9]{2})$")


def version_page(version: str) -> str:
    return f"about/changelog/{version}.md"


def changelog_pages(text: str) -> list[tuple[str, str]]:
    """The changelog's pages as (path, Markdown): its first page, then a page per released version, newest first."""
    found = list(VERSION.finditer(text))
    if not found:
        return [(PAGE, text)] if text else []
    first = text[:found[0].start()].rstrip("\n")
    versions = []
    for number, match in enumerate(found):
        end = found[number + 1].start() if number + 1 < len(found) else len(text)
        # "1.0.0 — 2026-12-01" as a reader says it: "1.0.0, 1 December 2026".
        heading = match["version"] + RELEASED_ON.sub(lambda day: f", {date_words(day[1])}", match["rest"])
        # The version's own heading becomes its page's title, so its sections move up a level.
        body = re.sub(r"^###", "##", text[match.end():end].strip("\n"), flags=re.M)
        back = "[The changelog](../changelog.md) lists every version and what has changed since the last."
        # MkDocs names a page outside the navigation from its front matter; without it the header reads "None".
        front = f"---\ntitle: {json.dumps('Changelog: ' + heading, ensure_ascii=False)}\n---\n"
        versions.append((match["version"], heading, f"{front}# Changelog: {heading}\n\n{back}\n\n{body}\n"))
    listed = "\n".join(f"- [{heading}](changelog/{version}.md)" for version, heading, _ in versions)
    return [(PAGE, f"{first}\n\n## Released versions\n\n{listed}\n")] + [(version_page(v), page) for v, _, page in versions]
