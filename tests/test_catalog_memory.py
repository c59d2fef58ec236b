"""The render worker's catalog holds what the pages show once, and still knows where each row lives."""

import platform
import sys

import pytest
from conftest import rewrite

from lunar_atlas.catalog import load_catalog
from lunar_atlas.paths import DEFAULT_PACKAGE
from lunar_atlas.views import Views


def test_an_edit_link_names_the_rows_line_when_a_cell_above_holds_line_breaks(minimal):
    missions = minimal / "missions.csv"
    first = missions.read_text(encoding="utf-8").rstrip("\n").split("\n")[1]
    with missions.open("a", encoding="utf-8") as handle:  # a second row, below the first
        handle.write(first.replace("test-lander,", "test-lander-two,", 1) + "\n")
    rewrite(missions, "A fictional mission for tests.,", '"A fictional mission\nfor tests,\non three lines.",')

    views = Views(load_catalog(minimal / "datapackage.json"), "https://example.org/", "https://github.com/o/r")
    assert views.contribute("missions", "test-lander-two", "a mission")["line"] == 5
    assert views.contribute("missions", "test-lander", "a mission")["line"] == 2


def test_the_catalog_keeps_no_csv_text_behind_its_rows_once_read(minimal):
    catalog = load_catalog(minimal / "datapackage.json")
    assert all(data.records == [] and data.file.records == [] for data in catalog.tables.values())
    assert catalog["missions"].by_id["test-lander"]["summary"] == "A fictional mission for tests."


def test_each_reference_is_the_referenced_rows_own_id(minimal):
    catalog = load_catalog(minimal / "datapackage.json")
    for data in catalog.tables.values():
        for key in data.table.foreign_keys:
            target = catalog[key.resource]
            for row in data.rows:
                for value in (row[key.field] or []) if key.is_list else [row[key.field]]:
                    if value in target.by_id:
                        assert value is target.by_id[value][key.target], f"{data.name}.{key.field} {value}"


@pytest.mark.skipif(platform.python_implementation() != "CPython", reason="key-sharing dicts are CPython's")
def test_a_tables_rows_share_their_keys_and_are_plain_dicts():
    """Rows are ordinary dicts, each holding only its values: dicts with keys of their own take at least half as
    much room again (three times as much for a table of twenty columns)."""
    catalog = load_catalog(DEFAULT_PACKAGE)
    rows = [row for data in catalog.tables.values() for row in data.rows]
    assert all(type(row) is dict for row in rows)
    assert all(list(row) == data.table.field_names for data in catalog.tables.values() for row in data.rows)
    assert sum(map(sys.getsizeof, rows)) * 3 < sum(sys.getsizeof(dict(row)) for row in rows) * 2



@pytest.mark.parametrize("page, part, count", [
    ("sources/reference.md", "entity_pages._index_row", lambda catalog: sum(s["tier"] == "reference" for s in catalog["sources"].rows)),
    ("quotes/1960s.md", "quotes_page._card", lambda catalog: sum((q["said_when"] or "").lstrip("./")[:3] == "196" for q in catalog["quotes"].rows)),
    ("timeline/1960s.md", "timeline_pages.event_item", lambda catalog: sum(e["when"][:3] == "196" for e in catalog["events"].rows)),
])
def test_a_big_list_page_is_written_one_item_at_a_time(page, part, count, monkeypatch, tmp_path):
    """An index, a decade of the quotes and a decade of the timeline are made and written item by item: their rows, cards
    or events (85,000 sources, 4,500 quotes and 13,000 events of the 1960s at 100x) are never all held at once, and
    what is written is the page the template makes."""
    import importlib
    import weakref

    from lunar_atlas.paths import write_inside
    from lunar_atlas.render import Renderer, page_text

    class Item(dict):  # an item a weak set can hold
        __hash__ = object.__hash__

    module_name, name = part.split(".")
    module = importlib.import_module(f"lunar_atlas.{module_name}")
    alive, most, made, real_item = weakref.WeakSet(), [0], [0], getattr(module, name)

    def watched_item(*args, **options):
        most[0] = max(most[0], len(alive))
        made[0] += 1
        item = Item(real_item(*args, **options))
        alive.add(item)
        return item

    monkeypatch.setattr(module, name, watched_item)
    catalog = load_catalog(DEFAULT_PACKAGE)
    renderer = Renderer(catalog)
    maker = dict(renderer.pages())[page]
    written = write_inside(tmp_path, page, maker(page))
    assert made[0] == count(catalog) and most[0] <= 1, f"{most[0]} of {made[0]} items were held at once"
    assert written.read_text(encoding="utf-8") == page_text(maker(page))


def test_views_let_go_of_what_they_worked_out_and_work_it_out_again():
    views = Views(load_catalog(DEFAULT_PACKAGE))
    backrefs = views.backrefs_to("missions", "change-6")
    assert "backrefs" in vars(views) and "claims" not in vars(views)
    views.claims
    views.forget()
    assert not {"backrefs", "claims"} & set(vars(views)), "a view was kept"
    assert views.backrefs_to("missions", "change-6") == backrefs and views.backrefs is not None
