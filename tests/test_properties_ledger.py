"""Properties of the ledger, its import and its export (hypothesis): random sequences of runs started and ended
through the tracker's public API never lose a row and always export valid JSON; a generated CodeCarbon file (with
extreme, invalid and unicode values) is imported whole and exactly once, or refused with nothing written."""

from __future__ import annotations

import csv
import io
import json
import math
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import footprint
from footprint.tracker.checks import MAX_KG, MAX_KWH, MAX_S
from footprint.tracker.exchange import export_runs, import_files
from footprint.tracker.imports import RunImportError
from footprint.tracker.ledger import Ledger

SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def strict_json(text: str):
    def refuse(c):
        raise ValueError(f"non-finite number {c} in JSON")

    return json.loads(text, parse_constant=refuse)


def check_export(path: Path, n: int) -> list[dict]:
    objs = strict_json(export_runs(path, "json"))
    assert len(objs) == n
    assert len(list(csv.DictReader(io.StringIO(export_runs(path, "csv"), newline="")))) == n
    for o in objs:
        for v in (*o["energy_kwh"].values(), o["duration_s"]):
            assert v is None or (math.isfinite(v) and v >= 0)
    return objs


# --- runs recorded through track() ---------------------------------------------------------------------------------

OPS = st.lists(st.tuples(st.sampled_from(["start", "start", "finished", "failed", "interrupted"]),
                         st.integers(0, 7), st.text(max_size=12)), max_size=10)


@settings(max_examples=12, **SETTINGS)
@given(ops=OPS)
def test_random_sequences_of_runs_lose_no_row(monkeypatch, fake_track_meter, ops):
    for k in ("FOOTPRINT_REGION", "LOCAL_RANK", "SLURM_LOCALID", "FOOTPRINT_RUN_ID"):
        monkeypatch.delenv(k, raising=False)
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "ledger.db"
        open_, ended = [], {}
        for op, i, name in ops:
            if op == "start":
                t = footprint.track(name=name or None, region="FR", ledger=path, interval_s=0.05, quiet=True)
                t.start()
                open_.append(t)
            elif open_:
                t = open_.pop(i % len(open_))
                ended[t.stop(op).id] = op
        for t in open_:
            ended[t.stop("finished").id] = "finished"
        led = Ledger(path)
        runs = led.runs()
        assert {r.id: r.status for r in runs} == ended
        for r in runs:
            s = led.get(r.id, samples=True).samples
            assert r.energy_kwh == pytest.approx(sum(x["cpu_kwh"] + x["gpu_kwh"] + x["ram_kwh"] for x in s), rel=1e-9,
                                                 abs=1e-15)
            assert math.isfinite(r.energy_kwh) and r.energy_kwh >= 0 and r.ended >= r.started
        if ended:
            check_export(path, len(ended))


# --- generated CodeCarbon files ------------------------------------------------------------------------------------

HEADER = ["timestamp", "run_id", "project_name", "duration", "emissions", "cpu_energy", "gpu_energy", "ram_energy"]
LIMITS = {"duration": MAX_S, "emissions": MAX_KG, "cpu_energy": MAX_KWH, "gpu_energy": MAX_KWH, "ram_energy": MAX_KWH}
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=15)
GOOD = st.one_of(st.floats(0, 1e6).map(repr), st.integers(0, 10 ** 6).map(str), st.just(""),
                 st.sampled_from(["0", "1e-300", "5e-324", "1e9"]))
BAD = st.one_of(st.sampled_from(["nan", "inf", "-inf", "1e400", "-1e400", "-1", "-1e-9", "abc", "1e13", "0x1",
                                 "1,5", "NaN", "Infinity"]),
                st.floats(allow_nan=True, allow_infinity=True).map(repr))
ROW = st.fixed_dictionaries({
    "timestamp": st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2035, 1, 1)).map(datetime.isoformat),
    "run_id": st.one_of(st.just(""), st.sampled_from(["a", "b", "run-1", "Ω-ünï"]), TEXT.map(lambda s: "id" + s)),
    "project_name": TEXT,
    **{k: GOOD for k in LIMITS},
})
# one cell of the files made extreme (nan, inf, 1e400, negative, above its bound, not a number, or a valid extreme)
CORRUPT = st.one_of(st.none(), st.tuples(st.integers(0, 10 ** 6), st.sampled_from(sorted(LIMITS)), BAD))


def valid(value: str, limit: float) -> bool:
    if not value.strip():
        return True
    try:
        x = float(value)
    except ValueError:
        return False
    return math.isfinite(x) and 0 <= x <= limit


def expected_runs(rows: list[dict]) -> dict:
    """{key: row} as the import must keep them: one per run_id (the longest duration, the last of equals), one per
    distinct row without a run_id."""
    out: dict = {}
    for r in rows:
        rid = r["run_id"].strip()
        key = ("id", rid) if rid else ("row", tuple(sorted(r.items())))
        dur = float(r["duration"] or 0)
        if key not in out or dur >= float(out[key]["duration"] or 0):
            out[key] = r
    return out


@settings(max_examples=60, **SETTINGS)
@given(files=st.lists(st.lists(ROW, min_size=1, max_size=6), min_size=1, max_size=3), corrupt=CORRUPT,
       preexisting=st.booleans())
def test_generated_codecarbon_imports_are_whole_once_or_nothing(files, corrupt, preexisting):
    if corrupt is not None:
        where, column, value = corrupt
        flat = [r for f in files for r in f]
        flat[where % len(flat)][column] = value
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        paths = []
        for i, rows in enumerate(files):
            paths.append(d / f"emissions-{i}.csv")
            with open(paths[-1], "w", newline="", encoding="utf-8") as fh:
                w = csv.DictWriter(fh, fieldnames=HEADER)
                w.writeheader()
                w.writerows(rows)
        path = d / "ledger.db"
        if preexisting:
            Ledger(path).write({"id": "kept", "status": "finished", "kind": "run", "started": 1.0, "cpu_kwh": 1.0})
        before = [r.data for r in Ledger(path).runs()]
        rows = [r for f in files for r in f]
        ok = all(valid(r[k], lim) for r in rows for k, lim in LIMITS.items()) and all(
            datetime.fromisoformat(r["timestamp"]).timestamp() >= float(r["duration"] or 0) for r in rows)
        event("valid files" if ok else "an invalid value")
        if not ok:
            with pytest.raises(RunImportError, match=r"emissions-\d+\.csv:\d+ \[\w+\] is .*nothing was imported"):
                import_files(paths, path)
            assert [r.data for r in Ledger(path).runs()] == before and path.exists() == preexisting
            return
        want = expected_runs(rows)
        res = import_files(paths, path)
        assert (res.imported, res.skipped, res.files) == (len(want), 0, len(paths))
        led = Ledger(path)
        got = {r.id: r for r in led.runs() if r.id != "kept"}
        assert len(got) == len(want)
        total = sum(float(r[f"{c}_energy"] or 0) for r in want.values() for c in ("cpu", "gpu", "ram"))
        assert sum(r.energy_kwh for r in got.values()) == pytest.approx(total, rel=1e-9, abs=1e-300)
        named = {k[1] for k in want if k[0] == "id"}
        assert named <= set(got) and all(i.startswith("cc-") for i in set(got) - named)
        again = import_files(list(reversed(paths)), path)
        assert (again.imported, again.skipped) == (0, len(want)) and len(led.runs()) == len(got) + preexisting
        check_export(path, len(got) + preexisting)


# --- exports of whatever a ledger holds ----------------------------------------------------------------------------

ANY_FLOAT = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.none())


@settings(max_examples=40, **SETTINGS)
@given(rows=st.lists(st.fixed_dictionaries({"cpu_kwh": ANY_FLOAT, "gpu_kwh": ANY_FLOAT, "duration_s": ANY_FLOAT,
                                            "ended": ANY_FLOAT, "interval_s": ANY_FLOAT, "name": TEXT}), max_size=6))
def test_export_is_valid_json_whatever_numbers_a_legacy_ledger_holds(rows):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "ledger.db"
        Ledger(path).write({"id": "seed", "status": "finished", "kind": "run", "started": 1.0})
        c = sqlite3.connect(path)
        for i, r in enumerate(rows):  # written behind footprint's back, as an older version could have
            c.execute("INSERT INTO runs (id, status, kind, started, name, cpu_kwh, gpu_kwh, duration_s, ended, "
                      "interval_s) VALUES (?, 'finished', 'run', 1.0, ?, ?, ?, ?, ?, ?)",
                      (f"r{i}", r["name"], *(0.0 if r[k] is None or r[k] != r[k] else r[k]
                                             for k in ("cpu_kwh", "gpu_kwh", "duration_s")), r["ended"], r["interval_s"]))
        c.commit()
        c.close()
        objs = strict_json(export_runs(path, "json"))
        assert sorted(o["id"] for o in objs) == sorted(["seed"] + [f"r{i}" for i in range(len(rows))])
        assert len(list(csv.DictReader(io.StringIO(export_runs(path, "csv"), newline="")))) == len(rows) + 1
