"""make bench-paint's pure parts: the median ratio's interval, what it allows to be
judged, the report and the control page. Nothing is loaded or timed here."""

import random
import statistics

import pytest

from benchmarks.host_pages import (
    CONTROLS,
    EMPTY_SCRIPT,
    EMPTY_SCRIPT_PATH,
    EMPTY_SCRIPT_SAME_SITE,
    NONE,
    OUR_VARIANTS,
    VANILLA,
)
from benchmarks.page_servers import Origins, host_files, vendor_files
from benchmarks.paint_report import MIN_LOADS, PAINT_VARIANTS, judge, section
from benchmarks.stats import Ratio, median_ratio

ORIGINS = Origins(host="http://localhost:1", consent="http://127.0.0.1:2", vendor="http://v:3")


def loads(centre: float, count: int, seed: int) -> list[float]:
    draw = random.Random(seed)
    return [centre + draw.gauss(0, centre * 0.1) for _ in range(count)]


def test_the_interval_holds_the_median_of_the_rounds_ratios_and_is_reproducible():
    ours, base = loads(220, 60, 1), loads(200, 60, 2)
    found = median_ratio(ours, base)
    assert found.low < found.estimate < found.high
    assert found.estimate == statistics.median(o / b for o, b in zip(ours, base, strict=True))
    assert found.pairs == 60
    assert median_ratio(ours, base) == found  # seeded: the same loads give the same report


def test_pairing_takes_out_what_both_loads_of_a_round_shared():
    drift = [100 * (n % 10) for n in range(60)]  # the machine's load, round by round
    ours = [d + t for d, t in zip(drift, loads(210, 60, 9), strict=True)]
    base = [d + t for d, t in zip(drift, loads(200, 60, 10), strict=True)]
    paired = median_ratio(ours, base)
    shuffled = median_ratio(ours, random.Random(11).sample(base, len(base)))
    assert paired.high - paired.low < (shuffled.high - shuffled.low) / 2


def test_a_round_with_a_failed_load_is_left_out_and_one_round_gives_no_interval():
    ours, base = loads(220, 40, 1), loads(200, 40, 2)
    ours[3] = base[7] = None
    assert median_ratio(ours, base).pairs == 38
    assert median_ratio([210.0, None], [200.0, 200.0]) is None


def test_a_clear_difference_lies_outside_the_interval_and_none_inside_it():
    assert median_ratio(loads(260, 60, 3), loads(200, 60, 4)).low > 1.05
    same = median_ratio(loads(200, 60, 5), loads(200, 60, 6))
    assert same.low < 1 < same.high


def test_more_loads_narrow_the_interval():
    few = median_ratio(loads(200, 20, 7), loads(200, 20, 8))
    many = median_ratio(loads(200, 200, 7), loads(200, 200, 8))
    assert many.high - many.low < (few.high - few.low) / 2


@pytest.mark.parametrize(
    ("ratio", "verdict"),
    [
        (Ratio(1.00, 0.97, 1.05, MIN_LOADS), "met"),
        (Ratio(1.10, 1.051, 1.14, MIN_LOADS), "**not met**"),
        (Ratio(1.03, 0.99, 1.08, MIN_LOADS), "not resolved (the interval spans the limit)"),
    ],
)
def test_a_target_is_judged_only_as_far_as_its_interval_allows(ratio, verdict):
    assert judge(ratio) == verdict


def test_a_few_loads_are_not_judged_at_all():
    assert judge(Ratio(1.0, 0.99, 1.01, MIN_LOADS - 1)).startswith("not judged")


def samples(count: int) -> dict:
    return {
        (variant, rate): {"dcl": loads(100 * rate, count, n), "fcp": loads(200 * rate, count, n)}
        for n, variant in enumerate(PAINT_VARIANTS)
        for rate in (1, 4)
    }


def test_the_report_has_every_row_every_target_and_the_control():
    text = section(["about"], samples(MIN_LOADS), (1, 4))
    rows = [line for line in text.splitlines() if line.startswith("| ") and "×" in line]
    assert len(rows) == len(PAINT_VARIANTS) * 2
    targets = [line for line in text.splitlines() if "≤ 1.05× no banner:" in line]
    assert len(targets) == len(OUR_VARIANTS) * 2 * 2  # sites × rates × (DCL, FCP)
    assert not any("not measured" in line or "not judged" in line for line in targets)
    controls = [line for line in text.splitlines() if "÷ an empty async script" in line]
    assert len(controls) == len(targets)
    pairs = (
        "- this banner ÷ an empty async script, ",
        "- this banner, same site ÷ an empty async script, same site, ",
    )
    assert [sum(line.startswith(pair) for line in controls) for pair in pairs] == [4, 4]


def test_a_variant_without_loads_is_not_measured_rather_than_judged():
    found = samples(MIN_LOADS)
    found[(OUR_VARIANTS[0], 4)] = {"dcl": [], "fcp": []}
    text = section(["about"], found, (1, 4))
    missing = [line for line in text.splitlines() if "not measured" in line]
    assert len(missing) == 2 and all("4× CPU" in line for line in missing)


def test_the_controls_are_the_bare_page_with_an_empty_async_script_from_each_place():
    files = host_files(ORIGINS, {"revision": 1})
    bare = files[f"/{NONE}"].body.decode()
    for control, src in (
        (EMPTY_SCRIPT, ORIGINS.vendor + EMPTY_SCRIPT_PATH),  # another site, as ours is
        (EMPTY_SCRIPT_SAME_SITE, EMPTY_SCRIPT_PATH),
    ):
        tag = f'<script src="{src}" async></script>'
        assert files[f"/{control}"].body.decode().replace(tag, "") == bare
    assert files[EMPTY_SCRIPT_PATH] is vendor_files({})[EMPTY_SCRIPT_PATH]
    assert b"function" not in files[EMPTY_SCRIPT_PATH].body
    assert {f"/{v}" for v in (NONE, VANILLA, *OUR_VARIANTS)} <= files.keys()
    assert set(CONTROLS) == set(OUR_VARIANTS)
