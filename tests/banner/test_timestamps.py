from datetime import UTC, datetime

import pytest

from banner.timestamps import iso_from_ms, ms_from_iso


@pytest.mark.parametrize(
    "moment",
    [
        datetime(1970, 1, 1, tzinfo=UTC),
        datetime(2000, 2, 29, 23, 59, 59, 999000, tzinfo=UTC),
        datetime(2026, 11, 24, 19, 38, 39, 123000, tzinfo=UTC),
        datetime(2100, 3, 1, 0, 0, 0, tzinfo=UTC),
        datetime(1969, 12, 31, 23, 59, 59, tzinfo=UTC),
    ],
)
def test_matches_javascript_to_iso_string(moment):
    ms = round(moment.timestamp() * 1000)
    expected = moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    assert iso_from_ms(ms) == expected
    assert ms_from_iso(expected) == ms


@pytest.mark.parametrize(
    "text",
    [
        None,
        5,
        "",
        "2026-11-24",
        "2026-11-24T19:38:39+01:00",
        "2026-13-01T00:00:00Z",
        "2026-11-24T25:00:00.000Z",
        "2026-1x-24T19:38:39.000Z",
        "2026-11-24 19:38:39.000Z",
    ],
)
def test_rejects_what_is_not_a_utc_timestamp(text):
    assert ms_from_iso(text) is None


def test_seconds_without_fraction():
    assert ms_from_iso("2026-11-24T19:38:39Z") == ms_from_iso("2026-11-24T19:38:39.000Z")
