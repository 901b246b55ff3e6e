"""The SQLite ledger: schema and migrations, concurrent writers, lost runs, locked ledgers, export, import."""

from __future__ import annotations

import csv
import json
import socket
import sqlite3
import subprocess
import sys
import time

import pytest
from helpers import run_cli

from footprint.errors import FootprintError, UnknownKeyError
from footprint.tracker.ledger import (APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, Ledger, LedgerError, NotALedgerError,
                                      effective_status, stale_after_s)
from footprint.tracker.session import Recording

PY = sys.executable


def run_row(rid, **kw):
    d = {"id": rid, "name": f"n-{rid}", "status": "finished", "kind": "track", "started": 1_700_000_000.0,
         "ended": 1_700_003_600.0, "last_checkpoint": 1_700_003_600.0, "interval_s": 10.0, "duration_s": 3600.0,
         "cpu_kwh": 0.25, "gpu_kwh": 2.0, "ram_kwh": 0.05, "cpu_method": "TDP model", "gpu_method": "energy counter",
         "ram_method": "constant", "region": "FR", "exit_status": 0}
    d.update(kw)
    return d


def test_new_ledger_has_current_schema_in_wal_mode(tmp_path):
    led = Ledger(tmp_path / "sub" / "l.db")
    led.write(run_row("a1"), [{"run_id": "a1", "seq": 0, "t_start": 1.0, "t_end": 2.0, "cpu_kwh": 0.1}])
    assert led.schema_version() == SCHEMA_VERSION == 2  # 2: the job and prediction columns
    conn = sqlite3.connect(led.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"runs", "samples"} <= tables


def test_legacy_ledger_is_adopted_another_database_refused_and_newer_one_refused(tmp_path):
    # a ledger made before the marker: our tables, schema version 1, application_id 0 -> adopted when written
    legacy = tmp_path / "legacy.db"
    c = sqlite3.connect(legacy)
    c.executescript(MIGRATIONS[0] + "; PRAGMA user_version = 1;")
    c.close()
    assert Ledger(legacy).runs() == []  # read as it is, not adopted by a read
    assert sqlite3.connect(legacy).execute("PRAGMA application_id").fetchone()[0] == 0
    led = Ledger(legacy)
    led.write(run_row("b1"))
    assert led.schema_version() == SCHEMA_VERSION and led.get("b1").energy_kwh == pytest.approx(2.3)
    assert sqlite3.connect(legacy).execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    # another program's SQLite file (no marker, other tables): refused and left as it was (was: tables added to it)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE unrelated (x)").connection.commit()
    before = other.read_bytes()
    with pytest.raises(NotALedgerError, match="not a footprint ledger .*unrelated.*--ledger PATH"):
        Ledger(other).write(run_row("b2"))
    assert other.read_bytes() == before
    newer = tmp_path / "newer.db"
    c = sqlite3.connect(newer)
    c.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    c.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    c.close()
    with pytest.raises(LedgerError, match="newer than this footprint knows"):
        Ledger(newer).runs()
    with pytest.raises(LedgerError, match="newer than this footprint knows"):
        Ledger(newer).write(run_row("b3"))


def test_not_a_database_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_text("hello, I am a text file" * 100)
    with pytest.raises(LedgerError, match="not a footprint ledger"):
        Ledger(bad).runs()


def test_rewriting_a_run_keeps_its_samples(tmp_path):
    led = Ledger(tmp_path / "l.db")
    for i in range(5):
        led.write(run_row("c1", status="running"), [{"run_id": "c1", "seq": i, "t_start": i, "t_end": i + 1, "cpu_kwh": 1.0}])
    led.write(run_row("c1"), [])
    assert led.count_samples("c1") == 5 and led.get("c1").status == "finished"


WRITER = r"""
import sys
from footprint.tracker.ledger import Ledger
path, who, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
led = Ledger(path)
for i in range(n):
    run = {"id": who, "name": who, "status": "running" if i < n - 1 else "finished", "kind": "track",
           "started": 0.0, "last_checkpoint": float(i), "interval_s": 0.01, "cpu_kwh": 0.001 * (i + 1)}
    led.write(run, [{"run_id": who, "seq": i, "t_start": float(i), "t_end": i + 1.0, "cpu_kwh": 0.001}])
"""


def test_eight_concurrent_writers_lose_no_row(tmp_path):
    path, n = tmp_path / "shared.db", 40
    procs = [subprocess.Popen([PY, "-c", WRITER, str(path), f"w{k}", str(n)], stderr=subprocess.PIPE, text=True)
             for k in range(8)]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    led = Ledger(path)
    runs = led.runs()
    assert sorted(r.id for r in runs) == [f"w{k}" for k in range(8)]
    assert led.count_samples() == 8 * n
    for r in runs:
        assert r.status == "finished" and r.cpu_kwh == pytest.approx(0.001 * n)
        assert led.count_samples(r.id) == n


def test_lost_status_is_derived_when_read():
    now = 1_800_000_000.0
    here = socket.gethostname()
    dead = {"status": "running", "host": here, "pid": 2 ** 22 + 12345, "last_checkpoint": now - 1, "interval_s": 10}
    assert effective_status(dead, now) == "lost"  # its process is gone
    elsewhere = {"status": "running", "host": "other-host", "pid": 1, "interval_s": 10}
    assert effective_status({**elsewhere, "last_checkpoint": now - 5}, now) == "running"
    assert effective_status({**elsewhere, "last_checkpoint": now - stale_after_s(10) - 1}, now) == "lost"
    assert stale_after_s(10) == 70 and stale_after_s(100) == 300
    assert effective_status({"status": "finished", "host": here, "pid": 1}, now) == "finished"


def test_locked_ledger_keeps_samples_in_memory_and_writes_them_later(tmp_path, fake_meter):
    path = tmp_path / "l.db"
    Ledger(path).write(run_row("x0"))  # create it
    warnings = []
    rec = Recording(name="locked", ledger=Ledger(path, busy_timeout_s=0.05, retries=1), interval_s=0.1,
                    meter_factory=fake_meter, warn=warnings.append)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process holds the write lock
    rec.start()
    time.sleep(0.8)
    assert rec._pending, "checkpoints should wait in memory"
    holder.execute("COMMIT")
    holder.close()
    time.sleep(0.4)
    rec.stop("finished")
    stored = Ledger(path).get(rec.id, samples=True)
    assert stored.status == "finished" and len(stored.samples) == rec._seq >= 5
    assert stored.energy_kwh == pytest.approx(rec.total_kwh)
    # power x time: 410 W over the run's duration
    assert stored.energy_kwh == pytest.approx(410 * stored.duration_s / 3.6e6, rel=0.02)
    assert sum(w.startswith("cannot write the ledger") for w in warnings) == 1  # warned once
    assert any("unwritable for" in p and "written afterwards" in p for p in stored.problems)


def test_resolve_prefix_and_unknown_id_names_the_ledger(tmp_path):
    led = Ledger(tmp_path / "l.db")
    led.write(run_row("abc123"))
    led.write(run_row("abd456"))
    assert led.get("abc").id == "abc123"
    with pytest.raises(UnknownKeyError, match="prefix matches 2 runs"):
        led.get("ab")
    with pytest.raises(UnknownKeyError) as ei:
        led.get("zzz")
    assert "zzz" in str(ei.value) and str(led.path) in str(ei.value)


def test_export_json_and_csv_contract(tmp_path):
    from footprint.tracker.exchange import export_runs

    path = tmp_path / "l.db"
    led = Ledger(path)
    led.write(run_row("e1"))
    led.write(run_row("e2", status="failed", exit_status=1, gpu_kwh=0.0, gpu_method="none"))
    objs = json.loads(export_runs(path, "json"))
    assert [o["id"] for o in objs] == ["e1", "e2"]
    o = objs[0]
    for k in ("id", "name", "status", "started", "ended", "exit_status", "energy_kwh"):
        assert k in o
    assert o["energy_kwh"] == {"cpu": 0.25, "gpu": 2.0, "ram": 0.05, "total": pytest.approx(2.3)}
    assert o["started"] == "2023-11-14T22:13:20Z" and o["method"]["gpu"] == "energy counter"
    assert objs[1]["status"] == "failed" and objs[1]["exit_status"] == 1
    rows = list(csv.DictReader(export_runs(path, "csv").splitlines()))
    assert len(rows) == 2 and float(rows[0]["energy_kwh"]) == pytest.approx(2.3) and rows[1]["gpu_method"] == "none"
    out = tmp_path / "runs.json"
    assert export_runs(path, "json", out) is None and json.loads(out.read_text()) == objs


def test_parquet_export(tmp_path):
    from footprint.tracker.exchange import export_runs

    path = tmp_path / "l.db"
    Ledger(path).write(run_row("p1"))
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        with pytest.raises(FootprintError, match="needs pyarrow"):
            export_runs(path, "parquet", tmp_path / "r.parquet")
        return
    import pandas as pd

    export_runs(path, "parquet", tmp_path / "r.parquet")
    df = pd.read_parquet(tmp_path / "r.parquet")
    assert list(df.id) == ["p1"] and df.energy_kwh.iloc[0] == pytest.approx(2.3)


CC_HEADER = ("timestamp,project_name,run_id,experiment_id,duration,emissions,emissions_rate,cpu_power,gpu_power,"
             "ram_power,cpu_energy,gpu_energy,ram_energy,energy_consumed,water_consumed,country_name,country_iso_code,"
             "region,cloud_provider,cloud_region,os,python_version,codecarbon_version,cpu_count,cpu_model,gpu_count,"
             "gpu_model,longitude,latitude,ram_total_size,tracking_mode,cpu_utilization_percent,"
             "gpu_utilization_percent,ram_utilization_percent,ram_used_gb,on_cloud,pue,wue")


def test_import_codecarbon_emissions_csv(tmp_path):
    from footprint.tracker.exchange import import_file

    f = tmp_path / "emissions.csv"
    rows = [
        "2025-03-01T12:00:00,proj,11111111-aaaa,exp,3600,0.05,1e-5,42.5,250,10,0.0425,0.25,0.01,0.3025,0,France,FRA,"
        ",,,Linux,3.11,3.0.0,8,Intel Xeon,1,1 x A100,2.3,48.8,64,machine,50,90,20,10,N,1.0,0",
        "2025-03-02T08:00:00,proj,22222222-bbbb,exp,7200,0.1,1e-5,42.5,0,10,0.085,0,0.02,0.105,0,,,"
        ",aws,us-east-1,Linux,3.11,3.0.0,8,Intel Xeon,0,,,,64,machine,50,0,20,10,Y,1.2,0",
    ]
    f.write_text(CC_HEADER + "\n" + "\n".join(rows) + "\n")
    led = Ledger(tmp_path / "l.db")
    assert import_file(f, led.path) == ["11111111-aaaa", "22222222-bbbb"]
    assert import_file(f, led.path) == []  # idempotent: already imported, nothing new
    runs = led.runs()
    assert len(runs) == 2
    a = led.get("1111")
    assert a.status == "finished" and a.kind == "import" and a.duration_s == 3600
    assert a.energy_kwh == pytest.approx(0.0425 + 0.25 + 0.01) and a.region == "FRA"
    assert a.cpu_method == "unknown (CodeCarbon import)" and "IP lookup" in a.region_source
    assert a.ended - a.started == 3600
    assert led.get("2222").region == "aws:us-east-1"


def test_import_never_overwrites_a_measured_run_and_writes_nothing_on_a_bad_row(tmp_path):
    from footprint.tracker.exchange import import_file

    led = Ledger(tmp_path / "l.db")
    led.write(run_row("d6cd33363840"))
    before = led.get("d6cd33363840").data
    row = ("2025-03-01T12:00:00,proj,{rid},exp,3600,0.05,1e-5,42.5,250,10,0.0425,0.25,0.01,0.3025,0,France,FRA,"
           ",,,Linux,3.11,3.0.0,8,Intel Xeon,1,1 x A100,2.3,48.8,64,machine,50,90,20,10,N,1.0,0")
    f = tmp_path / "emissions.csv"
    f.write_text(CC_HEADER + "\n" + row.format(rid="new-run-1") + "\n" + row.format(rid="d6cd33363840") + "\n")
    with pytest.raises(FootprintError, match="'d6cd33363840' is already in .* as a run measured by footprint"):
        import_file(f, led.path)
    assert [r.id for r in led.runs()] == ["d6cd33363840"] and led.get("d6cd33363840").data == before
    bad = tmp_path / "bad.csv"
    bad.write_text(CC_HEADER + "\n" + row.format(rid="new-run-2") + "\n"
                   + row.format(rid="new-run-3").replace("2025-03-01T12:00:00", "yesterday", 1) + "\n")
    with pytest.raises(FootprintError, match=r"bad.csv:3 \[timestamp\] is not an ISO 8601 time"):
        import_file(bad, led.path)
    assert [r.id for r in led.runs()] == ["d6cd33363840"]  # the good row before the bad one was not written


def test_import_rejects_other_csv(tmp_path):
    from footprint.tracker.exchange import import_file

    f = tmp_path / "other.csv"
    f.write_text("a,b\n1,2\n")
    with pytest.raises(FootprintError, match="not a CodeCarbon emissions.csv: no column timestamp, run_id"):
        import_file(f, tmp_path / "l.db")


def test_runs_list_show_export_commands(tmp_path):
    path = tmp_path / "l.db"
    Ledger(path).write(run_row("f00dcafe0001"))
    cli = lambda *a: run_cli(*a, "--ledger", path)
    r = cli("runs", "list")
    assert r.returncode == 0 and "f00dcafe0001" in r.stdout and "finished" in r.stdout
    r = cli("runs", "show", "f00d")
    assert r.returncode == 0 and "energy counter" in r.stdout and "2.3" in r.stdout and "kgCO2e" in r.stdout
    r = cli("runs", "show", "f00d", "--json")
    assert json.loads(r.stdout)["energy_kwh"]["total"] == pytest.approx(2.3)
    r = cli("runs", "export", "--format", "json")
    assert r.returncode == 0 and json.loads(r.stdout)[0]["id"] == "f00dcafe0001"
