"""Native names as whole words for the search index's Chinese segmenter.

Material's search splits Chinese text with jieba at build time; without help it cuts 嫦娥六号 into
pieces that every Chang'e page shares, and the right mission does not come first.
"""

from __future__ import annotations

from .catalog import Catalog


def native_names(catalog: Catalog) -> list[str]:
    names = []
    for data in catalog.tables.values():
        if "name_native" in data.table.field_names:
            names += [row["name_native"] for row in data.rows if row.get("name_native")]
    return names


def teach_segmenter(catalog: Catalog) -> None:
    try:
        import jieba
    except ImportError:  # search then indexes Chinese text unsegmented
        return
    for name in native_names(catalog):
        jieba.add_word(name, freq=1_000_000)
