"""The one date model: what an EDTF cell means, and how a reader sees it."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from edtf import parse_edtf
from edtf.parser.edtf_exceptions import EDTFParseException

from lunar_atlas.cells import cell_text, parse_cell
from lunar_atlas.dates import MAX, MIN, DateError, parse_date, span_or_none
from lunar_atlas.humanize import date_words, local_time_words, sort_key, year_of

UTC = timezone.utc


@pytest.mark.parametrize("text, precision, words, first_day, last_day", [
    ("2024", "year", "2024", date(2024, 1, 1), date(2024, 12, 31)),
    ("2024-02", "month", "February 2024", date(2024, 2, 1), date(2024, 2, 29)),
    ("2024-06-25", "day", "25 June 2024", date(2024, 6, 25), date(2024, 6, 25)),
    ("2019~", "year", "about 2019", date(2019, 1, 1), date(2019, 12, 31)),
    ("2024-06?", "month", "possibly June 2024", date(2024, 6, 1), date(2024, 6, 30)),
    ("2024-06-25T06:07:00Z", "minute", "25 June 2024, 06:07 UTC", date(2024, 6, 25), date(2024, 6, 25)),
    ("2024-06-25T06:07:31Z", "second", "25 June 2024, 06:07:31 UTC", date(2024, 6, 25), date(2024, 6, 25)),
    ("19XX", "unspecified", "19XX", date(1900, 1, 1), date(1999, 12, 31)),
    ("2024/2026-03", "interval", "2024 to March 2026", date(2024, 1, 1), date(2026, 3, 31)),
    ("../2030", "interval", "by 2030", None, date(2030, 12, 31)),
    ("2026/..", "interval", "2026 or later", date(2026, 1, 1), None),
])
def test_a_span_knows_its_precision_words_and_days(text, precision, words, first_day, last_day):
    span = parse_date(text)
    assert (span.precision, span.words, span.days) == (precision, words, (first_day, last_day))
    assert date_words(text) == words


def test_a_time_known_to_the_minute_means_that_whole_minute():
    span = parse_date("2024-06-25T06:07:00Z")
    assert (span.lower, span.upper) == (datetime(2024, 6, 25, 6, 7, tzinfo=UTC), datetime(2024, 6, 25, 6, 7, 59, tzinfo=UTC))
    assert span.has_time and span.one_day


def test_an_open_start_is_anchored_sorted_and_counted_by_its_latest_instant():
    span = parse_date("../2030")
    assert span.open_start and not span.open_end and span.lower == MIN
    assert span.anchor == datetime(2030, 12, 31, 23, 59, 59, tzinfo=UTC)
    assert (span.year, year_of("../2030")) == (2030, 2030)
    assert sort_key("2029-06") < sort_key("../2030") < sort_key("2031")
    assert parse_date("2026/..").upper == MAX and parse_date("2026/..").year == 2026


def test_only_a_day_or_a_moment_without_a_qualifier_is_one_day():
    assert [parse_date(t).one_day for t in ("2024-06-25", "2024-06-25T06:07:00Z", "2024-06-25~", "2024-06", "2024-06-25/2024-06-26")] \
        == [True, True, False, False, False]


def test_spans_that_share_an_instant_overlap():
    day, moment, later = parse_date("2024-06-25"), parse_date("2024-06-25T06:07:00Z"), parse_date("2024-06-26")
    assert day.overlaps(moment) and moment.overlaps(day)
    assert not moment.overlaps(later)


def test_local_words_need_a_time_and_a_zone():
    assert local_time_words("2024-06-25T06:07:00Z", "Asia/Shanghai") == "25 June 2024, 14:07 CST (Asia/Shanghai)"
    assert local_time_words("2024-06-25", "Asia/Shanghai") == ""
    assert local_time_words("2024-06-25T06:07:00Z", None) == ""


@pytest.mark.parametrize("text", ["2024-13", "2023-02-29", "June 2024", "2024-06-25T25:00:00Z", ""])
def test_what_is_not_a_real_edtf_date_is_refused(text):
    with pytest.raises(DateError):
        parse_date(text)
    assert span_or_none(text) is None


@pytest.mark.parametrize("text", ["2024-06-25/2024-06-26", "../2019-01-03", "2026/..", "2026-07/..", "2029/2030",
                                  "2024~/2025", "2024/2023", "2024-13/..", "2024-02-30/2024-03", "../..", "/2024",
                                  "2024/", "2024-06-25T06:07:00Z/2024-06-26", "2024/2025/2026", "../2024-06-25?"])
def test_an_interval_is_judged_as_the_edtf_library_judges_it(text):
    """Everyday intervals are checked without the library's parser (ten milliseconds each), with the same verdict."""
    try:
        parse_edtf(text)
        library = True
    except EDTFParseException:
        library = False
    assert (span_or_none(text) is not None) == library


def test_empty_cells_read_as_nothing_and_sort_last():
    assert (date_words(None), date_words(""), local_time_words(None, "UTC")) == ("", "", "")
    assert sort_key(None) > sort_key("9998")


@pytest.mark.parametrize("field, text", [
    ({"type": "boolean"}, "true"), ({"type": "boolean"}, "false"), ({"type": "list", "delimiter": ";"}, "a;b"),
    ({"type": "integer"}, "1731"), ({"type": "string"}, "Chang'e-6"), ({"type": "string"}, ""),
])
def test_a_cell_read_and_written_back_is_its_csv_text(field, text):
    assert cell_text(parse_cell(text, field), field) == text


def test_sort_keys_are_short_and_keep_the_order_of_the_moments():
    values = ["2022-12-11", "2022-12-11T05:00:00Z", "2022-12-11T00:00:01Z", "2022-12-10T23:59:59Z", "2022-12", "2022",
              "../2022", "2021~", "1959-01-02T16:41:21Z", "2026/..", "2022-12-12"]
    assert sorted(values, key=sort_key) == sorted(values, key=lambda v: (parse_date(v).anchor, v))
    assert sort_key("2022-12-11") == "2022-12-11"
    assert sort_key("2022-12-11T05:00:00Z") == "2022-12-11T05:00:00"


@pytest.mark.parametrize("value,axis,words", [(-41.6385, "lat", "41.64° S"), (-153.9852, "lon", "153.99° W"),
                                              (8.35, "lat", "8.35° N"), (-36.1, "lat", "36.1° S"), (180.0, "lon", "180° E"),
                                              (0.0, "lon", "0°"), (-0.004, "lat", "0°")])
def test_a_position_reads_in_degrees_north_south_east_or_west_no_more_precise_than_its_value(value, axis, words):
    from lunar_atlas.humanize import coordinate_words

    assert coordinate_words(value, axis) == words
