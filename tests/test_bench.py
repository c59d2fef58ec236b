"""The benchmark's own judgements: what counts as a request to another host."""

from lunar_atlas.bench import requests_elsewhere


def lighthouse_report(*urls: str) -> dict:
    """The part of a Lighthouse JSON report that lists every request the page made."""
    return {"audits": {"network-requests": {"details": {"items": [{"url": url} for url in urls]}}}}


def test_a_request_to_another_host_is_reported_and_the_sites_own_are_not():
    report = lighthouse_report("http://127.0.0.1:8123/", "http://127.0.0.1:8123/assets/stylesheets/atlas.css",
                               "data:image/svg+xml;charset=utf-8,<svg/>", "https://fonts.gstatic.com/s/roboto.woff2",
                               "http://127.0.0.1:9999/elsewhere.js")
    assert requests_elsewhere(report, "http://127.0.0.1:8123/") == ["http://127.0.0.1:9999/elsewhere.js",
                                                                     "https://fonts.gstatic.com/s/roboto.woff2"]


def test_a_page_that_loads_only_its_own_files_has_no_request_elsewhere():
    assert requests_elsewhere(lighthouse_report("http://localhost:8000/", "http://localhost:8000/search/search_index.json"),
                              "http://localhost:8000/") == []
