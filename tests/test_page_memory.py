"""Between reading a page and writing it, MkDocs keeps little of it, and writes it exactly as it read it."""

import logging

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page

from lunar_atlas import html_pages, page_memory

GENERATED = '---\ntitle: "Apollo 11"\ndescription: "The first landing"\nhide:\n  - toc\n---\n\n<div class="la-page">\n<h1>Apollo 11</h1>\n</div>\n'


def read_page(docs, name: str, text: str, in_nav: bool = False) -> Page:
    """A page as MkDocs has it once read: its source read from a real file, its HTML made."""
    (docs / name).write_text(text, encoding="utf-8")
    config = MkDocsConfig()
    config.load_dict({"site_name": "test", "docs_dir": str(docs)})
    config.validate()
    file = File(name, str(docs), str(docs.parent / "site"), use_directory_urls=True,
                inclusion=InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV)
    page = Page(None, file, config)
    page.read_source(config)
    return page


def test_a_generated_page_keeps_neither_its_html_nor_its_front_matter_until_it_is_written(tmp_path):
    page = read_page(tmp_path, "apollo-11.md", GENERATED)
    meta = dict(page.meta)
    html = page.markdown.strip()  # what lunar_atlas.html_pages makes of it

    assert page_memory.park(page, html) == ""
    assert page_memory._parked["apollo-11.md"].html is None
    assert page.meta == {"title": "Apollo 11"}  # what its neighbours and the navigation show
    page_memory.unpark(page)
    assert (page.content, page.meta) == (html, meta)
    page_memory.release(page)
    assert (page.content, page.meta) == (None, {"title": "Apollo 11"})


def test_a_page_whose_html_is_not_its_source_is_kept_compressed_and_given_back_whole(tmp_path):
    page = read_page(tmp_path, "about.md", "---\ntitle: About\n---\n\n# About\n\nSome *words*.\n", in_nav=True)
    html = "<h1>About</h1>\n<p>Some <em>words</em>.</p>"

    page_memory.park(page, html)
    assert page_memory._parked["about.md"].html is not None
    assert page.meta == {"title": "About"}
    page_memory.unpark(page)
    assert page.content == html


def test_a_page_in_the_navigation_keeps_its_front_matter(tmp_path):
    page = read_page(tmp_path, "index.md", GENERATED, in_nav=True)
    meta = dict(page.meta)
    page_memory.park(page, page.markdown.strip())
    assert page.meta == meta
    page_memory.unpark(page)
    page_memory.release(page)
    assert page.meta == meta


def test_a_source_changed_between_reading_and_writing_stops_the_build_naming_the_page(tmp_path):
    page = read_page(tmp_path, "apollo-11.md", GENERATED)
    page_memory.park(page, page.markdown.strip())
    (tmp_path / "apollo-11.md").write_text(GENERATED.replace("Apollo 11</h1>", "Apollo 12</h1>"), encoding="utf-8")
    with pytest.raises(PluginError, match="apollo-11.md: the page's source changed"):
        page_memory.unpark(page)


def test_only_the_anchors_another_page_links_to_are_kept(tmp_path):
    linked, alone, linking = (read_page(tmp_path, f"{name}.md", GENERATED) for name in ("linked", "alone", "linking"))
    for page in (linked, alone, linking):
        page.present_anchor_ids, page.links_to_anchors = {"crew"}, {}
    linking.links_to_anchors = {linked.file: {"crew": "linked.md#crew"}}
    page_memory.keep_linked_anchors([linked, alone, linking])
    assert (linked.present_anchor_ids, alone.present_anchor_ids, linking.present_anchor_ids) == ({"crew"}, None, None)


def test_a_generated_page_gets_its_anchors_only_when_another_page_links_into_it_and_mkdocs_checks_them(tmp_path, caplog):
    with_anchors = GENERATED.replace("<h1>Apollo 11</h1>", '<h1 id="top">Apollo 11</h1><h2 id="crew">Crew</h2>')
    linked, alone = (read_page(tmp_path, f"{name}.md", with_anchors) for name in ("linked", "alone"))
    for page in (linked, alone):
        page.file.generated_by = "lunar-atlas"  # as gen-files marks the pages it adds
        html_pages.skip_markdown(page, page.markdown)
        assert isinstance(page, html_pages.HtmlPage)
        page.render(None, None)
        assert page.present_anchor_ids is None, "worked out while every page is being read"
        page_memory.park(page, page.content)
    linking = read_page(tmp_path, "linking.md", "# Links\n", in_nav=True)
    linking.present_anchor_ids = set()
    linking.links_to_anchors = {linked.file: {"crew": "linked.md#crew", "launch": "linked.md#launch"}}
    page_memory.keep_linked_anchors([linked, alone, linking])
    assert (linked.present_anchor_ids, alone.present_anchor_ids) == ({"top", "crew"}, None)

    linking.validate_anchor_links(files=None, log_level=logging.WARNING)
    assert [r.getMessage() for r in caplog.records if "anchor" in r.getMessage()] == [
        "Doc file 'linking.md' contains a link 'linked.md#launch', but the doc 'linked.md' does not contain an anchor '#launch'."]
