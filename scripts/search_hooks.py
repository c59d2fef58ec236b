"""MkDocs hook: Material's own search indexes no page; the site's index is prebuilt (lunar_atlas.search_index).

Material's search plugin stays enabled for its dialog and keyboard handling; its worker is replaced by
docs/assets/javascripts/atlas-search.js (see docs/overrides/main.html), which reads search/atlas/.
Left out, the plugin's search_index.json holds no document and costs neither build time nor bytes.
"""


def on_page_markdown(markdown, page, config, files):
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return markdown
