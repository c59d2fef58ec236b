"""The methodology page's coverage table, made from the catalog so that it stays true: what the catalog holds, what
the lists of lunar missions hold that it leaves out, with the rule that leaves each craft out, and how many rows
carry each identifier that links to another catalog.

`lunar-atlas readme` writes it between the page's coverage markers; a test fails when the page is out of date.
"""

from __future__ import annotations

from pathlib import Path

from .addresses import LEFT_OUT, is_link_template
from .catalog import Catalog
from .humanize import date_words
from .labels import categories, value_label
from .markdown_cells import markdown_cell as _cell

START = "<!-- coverage: written by `lunar-atlas readme` from the data; do not edit by hand -->"
END = "<!-- /coverage -->"
NOT_FLOWN = {"planned", "cancelled"}


def _count(rows: list[dict]) -> str:
    planned = sum(r["outcome"] == "planned" for r in rows)
    cancelled = sum(r["outcome"] == "cancelled" for r in rows)
    counts = [(len(rows) - planned - cancelled, "launched"), (planned, "planned"), (cancelled, "cancelled")]
    return ", ".join(f"{count} {word}" for count, word in counts if count)


def coverage_table(catalog: Catalog) -> str:
    """Markdown: the catalog's rows by level and kind, every exclusion with its list, rule and reason, then the
    identifiers that link to other catalogs."""
    missions = catalog["missions"]
    kinds = missions.table.by_name["mission_type"]
    top = [m for m in missions.rows if not m.get("parent_id")]
    parts = [m for m in missions.rows if m.get("parent_id")]
    lines = ["| the catalog holds | rows | of which |", "| --- | ---: | --- |",
             f"| missions launched, or planned, on their own | {len(top)} | {_count(top)} |"]
    for kind in categories(kinds):
        rows = [m for m in parts if m["mission_type"] == kind]
        if rows:
            lines.append(f"| craft that flew as part of another mission: {_cell(value_label(kinds, kind).lower())} | {len(rows)} | {_count(rows)} |")
    lines.append(f"| in all | {len(missions.rows)} | {_count(missions.rows)} |")
    if "exclusions" not in catalog.tables:
        return "\n".join([*lines, "", *identifier_lines(catalog)]) + "\n"
    exclusions = catalog["exclusions"]
    rule = exclusions.table.by_name["rule"]
    lines += ["", f"Left out: {len(exclusions.rows)} craft that a list the catalog is checked against holds.",
              f"{{: #{LEFT_OUT.partition('#')[2]} }}", "",
              "| craft | launched | listed in | left out because | why |", "| --- | --- | --- | --- | --- |"]
    for row in sorted(exclusions.rows, key=lambda r: (r["launch_date"] or "", r["exclusion_id"])):
        source = catalog.get("sources", row["listed_in"])
        listed = _cell(source["title"] if source else row["listed_in"])
        lines.append(f"| {_cell(row['name'])} | {_cell(date_words(row['launch_date']))} | {listed} | "
                     f"{_cell(value_label(rule, row['rule']))} | {_cell(row['reason'])} |")
    return "\n".join([*lines, "", *identifier_lines(catalog)]) + "\n"


def identifier_lines(catalog: Catalog) -> list[str]:
    """Markdown: for every column that links to another catalog (it has an x-linkTemplate), the rows that carry one."""
    lines = ["Links to other catalogs: the rows that carry each identifier. An identifier is filled only where a "
             "source read gives it, so an empty cell means not yet confirmed, not that none exists.",
             "", "| table | identifier | rows with one | rows in all |", "| --- | --- | ---: | ---: |"]
    for name, data in catalog.tables.items():
        title = data.table.resource.get("title") or name
        for spec in data.table.fields:
            if is_link_template(spec.get("x-linkTemplate")):
                filled = sum(1 for row in data.rows if row.get(spec["name"]))
                lines.append(f"| {_cell(title)} | {_cell(spec.get('title') or spec['name'])} | {filled} | {len(data.rows)} |")
    return lines


def with_coverage(page: str, table: str) -> str:
    """The page with the text between its coverage markers replaced by the table."""
    head, found, rest = page.partition(START)
    if not found or END not in rest:
        raise ValueError(f"the page has no coverage markers ({START} … {END})")
    return head + START + "\n\n" + table + "\n" + END + rest.split(END, 1)[1]


def methodology_page(package: Path) -> Path:
    """The methodology page of the project that holds this package folder."""
    return package.resolve().parent.parent / "docs" / "about" / "index.md"


def write_coverage(package: Path, catalog: Catalog) -> Path | None:
    """Rewrite the coverage table on the project's methodology page, where there is one; None where there is not."""
    page = methodology_page(package)
    if not page.is_file() or START not in page.read_text(encoding="utf-8"):
        return None
    page.write_text(with_coverage(page.read_text(encoding="utf-8"), coverage_table(catalog)), encoding="utf-8")
    return page
