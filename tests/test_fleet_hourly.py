"""Fleet accounting, hourly intensity (issue #15): the shipped modelled profiles, the zone of a data center, the
overlap-weighted ratio of a job and the what-ifs, on series whose answers are written as arithmetic."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from footprint.hourly import HourlySeries, build_series, hourly_dir, load_hourly, zone_of
from footprint.registry import load_factors

ZONES = {"AZPS", "BPAT", "CISO", "ERCO", "MISO", "NYIS", "PJM", "SOCO"}


def test_the_shipped_profiles_are_complete_and_licensed():
    data = load_hourly()
    assert set(data.ratios) == {(z, b) for z in ZONES for b in ("lifecycle", "direct")}
    for key, r in data.ratios.items():
        assert r.shape == (12, 24) and np.isfinite(r).all() and (r > 0).all()
        assert data.zones[key]["kind"] == "modelled" and "public-domain" in data.zones[key]["licence"]
    with open(hourly_dir() / "profiles_eia930_2022.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for z in ZONES:  # the ratios average 1 over the hours of 2022
        mine = [r for r in rows if r["zone"] == z and r["basis"] == "lifecycle"]
        w = sum(float(r["ratio_to_annual_mean"]) * int(r["n_hours"]) for r in mine) / sum(int(r["n_hours"]) for r in mine)
        assert w == pytest.approx(1.0, abs=2e-3)
    assert {r["zone"] for r in data.zone_map} <= ZONES  # no zone without data


class _Site:
    def __init__(self, region, location, basis="lifecycle"):
        self.key, self.region, self.location, self.grid_basis = "dc", region, location, basis


def test_zone_of_regions_and_cloud_regions():
    reg = load_factors()
    z, why = zone_of(_Site("aws:us-east-1", "US-VA"), reg)
    assert (z.zone, z.via, z.confidence) == ("PJM", "aws:us-east-1", "high") and "modelled" in why
    z, _ = zone_of(_Site("US-TX", "US-TX", "direct"), reg)
    assert (z.zone, z.basis, z.confidence) == ("ERCO", "direct", "medium")
    assert zone_of(_Site("FR", "FR"), reg)[0] is None
    z, why = zone_of(_Site("US-VA", "US-VA", "as given"), reg)
    assert z is None and "given in the spec" in why


def test_an_hour_takes_its_month_and_hour_cell():
    data = load_hourly()
    z, _ = zone_of(_Site("US-CA", "US-CA"), load_factors())
    t0 = int(np.datetime64("2025-03-03T00", "h").astype(np.int64))
    s = build_series([z], t0, t0 + 48)
    assert s.r[0, 12] == data.ratios[("CISO", "lifecycle")][2, 12]  # 2025-03-03 12:00 UTC: March, hour 12
    assert s.cum[0, 48] == pytest.approx(s.r[0].sum())


def series(r) -> HourlySeries:
    r = np.asarray([r], dtype=float)
    cum = np.concatenate([[[0.0]], np.cumsum(r, axis=1)], axis=1)
    return HourlySeries((), 0, r, cum)


def test_overlap_weighted_ratio():
    s = series([1.0, 2.0, 4.0, 1.0, 1.0])
    z = np.array([0, 0, 0, -1])
    # 0.5 h of hour 0 (ratio 1) and 1.5 h... : [0.5, 2.5) covers 0.5 x 1 + 1 x 2 + 0.5 x 4 = 4.5 over 2 h
    got = s.ratio(z, np.array([0.5, 1.0, 2.25, 0.0]), np.array([2.0, 1.0, 0.0, 3.0]))
    assert got.tolist() == [4.5 / 2.0, 2.0, 4.0, 1.0]


def test_flexible_start_and_pause_and_resume():
    s = series([5.0, 1.0, 3.0, 1.0, 5.0, 5.0, 5.0, 5.0])
    z = np.array([0])
    fs, pr = s.whatif(z, np.array([0.0]), np.array([2.0]), 2)
    base = (5.0 + 1.0) / 2  # hours 0-1
    assert fs[0] == pytest.approx(base - (1.0 + 3.0) / 2)  # best start: hour 1 (1, 3) or hour 2 (3, 1)
    assert pr[0] == pytest.approx(base - (1.0 + 1.0) / 2)  # run in hours 1 and 3 of hours 0-3
    fs, pr = s.whatif(z, np.array([0.0]), np.array([2.0]), 0)
    assert fs[0] == pr[0] == 0.0
    fs, pr = s.whatif(np.array([-1]), np.array([0.0]), np.array([2.0]), 2)
    assert fs[0] == pr[0] == 0.0


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=60, deadline=None)
@given(r=st.lists(st.floats(0.1, 10.0), min_size=30, max_size=30), start=st.floats(0.0, 20.0),
       dur=st.one_of(st.just(0.0), st.integers(1, 9 * 3600).map(lambda s: s / 3600)), window=st.integers(0, 8))
def test_ratios_stay_within_the_hours_they_cover_and_savings_are_never_negative(r, start, dur, window):
    """(durations are whole seconds, as ElapsedRaw)"""
    s = series(r)
    z = np.array([0])
    got = s.ratio(z, np.array([start]), np.array([dur]))[0]
    lo, hi = int(np.floor(start)), int(np.floor(start + dur))
    cover = r[lo:hi + 1]
    assert min(cover) - 1e-9 <= got <= max(cover) + 1e-9
    fs, pr = s.whatif(z, np.array([start]), np.array([dur]), window)
    assert fs[0] >= 0 and pr[0] >= fs[0] - 1e-9  # pausing in the dirtiest hours saves at least a later start


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["nid", "gpu-a", "c"]), st.integers(0, 500), st.integers(0, 20),
                          st.integers(1, 4)), min_size=1, max_size=4))
def test_host_list_count_is_the_length_of_its_expansion(parts):
    from footprint.fleet import hostlist

    text = ",".join(f"{p}[{a:0{w}d}-{a + n:0{w}d}]" for p, a, n, w in parts)
    assert hostlist.count(text) == len(hostlist.expand(text))
