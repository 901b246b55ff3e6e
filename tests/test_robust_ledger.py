"""Robustness of the ledger, its import and export, and the tracker: reads never write, a file that is not a ledger
is never altered, imports are checked whole and written all or nothing, the fallback file is whole or absent,
options are checked at the edge, nested and generator tracks measure the machine once, and what reaches a terminal
is escaped."""

from __future__ import annotations

import csv
import errno
import hashlib
import json
import os
import sqlite3
import time
import tracemalloc
from pathlib import Path

import pytest
from helpers import run_cli

import footprint
from footprint.errors import FootprintError, LedgerError, SpecError, UnknownKeyError
from footprint.tracker import exchange, imports, ledgerfile
from footprint.tracker.exchange import export_runs, import_file, import_files
from footprint.tracker.ledger import APPLICATION_ID, MIGRATIONS, Ledger, NotALedgerError
from footprint.tracker.session import Recording
from footprint.tracker.supervisor import summary_lines

CC_HEADER = ["timestamp", "project_name", "run_id", "experiment_id", "duration", "emissions", "cpu_energy",
             "gpu_energy", "ram_energy", "energy_consumed", "country_iso_code", "cloud_provider", "cloud_region",
             "codecarbon_version", "tracking_mode"]


def cc_row(**kw) -> dict:
    row = {"timestamp": "2025-03-01T12:00:00", "project_name": "proj", "run_id": "", "experiment_id": "exp",
           "duration": "3600", "emissions": "0.05", "cpu_energy": "0.04", "gpu_energy": "0.25", "ram_energy": "0.01",
           "energy_consumed": "0.3", "country_iso_code": "FRA", "cloud_provider": "", "cloud_region": "",
           "codecarbon_version": "3.0.0", "tracking_mode": "machine"}
    row.update({k: str(v) for k, v in kw.items()})
    return row


def write_cc(path: Path, rows) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=CC_HEADER)
        w.writeheader()
        w.writerows(rows)
    return path


def run_row(rid, **kw):
    d = {"id": rid, "name": f"n-{rid}", "status": "finished", "kind": "track", "started": 1_700_000_000.0,
         "ended": 1_700_003_600.0, "last_checkpoint": 1_700_003_600.0, "interval_s": 10.0, "duration_s": 3600.0,
         "cpu_kwh": 0.25, "gpu_kwh": 2.0, "ram_kwh": 0.05, "cpu_method": "TDP model", "gpu_method": "energy counter",
         "ram_method": "constant", "region": "FR", "exit_status": 0, "host": "h", "pid": 42}
    d.update(kw)
    return d


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def strict_json(text: str):
    def refuse(c):
        raise ValueError(f"non-finite number {c} in JSON")

    return json.loads(text, parse_constant=refuse)


SPEC = ('name = "lab"\n[datacenters.dc]\nregion = "FR"\npue = 1.25\ngrid_kgco2e_per_kwh = 0.4\n'
        '[fleets.node]\naccelerator = "nvidia-a100-sxm4-80gb"\naccelerators = 8\n'
        '[[training]]\nname = "finetune"\nrun = "{rid}"\n')


# --- 1. reads never write ------------------------------------------------------------------------------------------

def test_reads_of_a_missing_ledger_create_nothing(tmp_path, monkeypatch):
    monkeypatch.delenv("FOOTPRINT_LEDGER", raising=False)
    path = tmp_path / "no" / "such" / "ledger.db"
    led = Ledger(path)
    assert led.runs() == [] and led.count_samples() == 0 and led.schema_version() == 0
    with pytest.raises(UnknownKeyError, match="does not exist yet"):
        led.get("abc")
    with pytest.raises(LedgerError, match="no ledger at .*nothing to export"):
        export_runs(path, "json")
    spec = tmp_path / "lab.toml"
    spec.write_text(SPEC.format(rid="abc123"))
    with pytest.raises(SpecError, match=r"training.finetune.run: .*does not exist yet"):
        footprint.estimate(spec, ledger=path)
    r = run_cli("runs", "list", "--ledger", path)
    assert r.returncode == 0 and "does not exist yet" in r.stdout
    for args in (["runs", "show", "abc"], ["runs", "export", "--format", "json"], ["estimate", spec]):
        r = run_cli(*args, "--ledger", path)
        assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, (args, r.stderr)
    assert not (tmp_path / "no").exists()


def test_every_read_opens_the_ledger_read_only_and_leaves_it_unchanged(tmp_path, monkeypatch):
    path = tmp_path / "l.db"
    led = Ledger(path)
    led.write(run_row("5eed00000001"), [{"run_id": "5eed00000001", "seq": 0, "t_start": 1.0, "t_end": 2.0}])
    led.close()
    before = digest(path)
    opened = []
    real = sqlite3.connect
    monkeypatch.setattr(ledgerfile.sqlite3, "connect", lambda db, *a, **k: opened.append(str(db)) or real(db, *a, **k))
    spec = tmp_path / "lab.toml"
    spec.write_text(SPEC.format(rid="5eed00000001"))
    for args in (["runs", "list"], ["runs", "show", "5eed"], ["runs", "show", "5eed", "--json"],
                 ["runs", "export", "--format", "json"], ["runs", "export", "--format", "csv"], ["estimate", spec]):
        r = run_cli(*args, "--ledger", path)
        assert r.returncode == 0, (args, r.stderr)
    assert Ledger(path).get("5eed").energy_kwh == pytest.approx(2.3)
    assert opened and all(db.startswith("file:") and "mode=ro" in db for db in opened), opened
    assert digest(path) == before


@pytest.mark.parametrize("locked", ["directory", "file"])
def test_a_ledger_in_a_read_only_directory_or_file_can_be_read(unprivileged, locked):
    d = unprivileged.dir / "ro"
    path = d / "ledger.db"
    led = Ledger(path)
    led.write(run_row("a1"))
    led.write(run_row("b2", gpu_kwh=1.0))
    led.close()
    before = digest(path)
    path.chmod(0o444)
    if locked == "directory":
        d.chmod(0o555)

    def read():
        led = Ledger(path)
        out = {"ids": [r.id for r in led.runs()], "b2": led.get("b2").energy_kwh,
               "export": [o["id"] for o in json.loads(export_runs(path, "json"))]}
        try:
            led.write(run_row("c3"))
            out["write"] = "written"
        except LedgerError as exc:
            out["write"] = str(exc)
        return out

    out = unprivileged.call(read)
    assert out["ids"] == ["a1", "b2"] == out["export"] and out["b2"] == pytest.approx(1.3)
    assert out["write"].startswith(f"cannot write the ledger {path}")
    assert digest(path) == before


def test_a_read_only_directory_with_unmerged_writes_is_a_clear_error(unprivileged):
    import shutil

    src, d = unprivileged.dir / "src", unprivileged.dir / "ro"
    src.mkdir()
    d.mkdir()
    Ledger(src / "ledger.db").write(run_row("a1"))
    c = sqlite3.connect(src / "ledger.db")  # a writer that has not merged its WAL yet
    c.execute("PRAGMA wal_autocheckpoint = 0")
    c.execute("INSERT INTO runs (id, status, kind, started) VALUES ('b2', 'finished', 'run', 2.0)")
    c.commit()
    for name in ("ledger.db", "ledger.db-wal"):
        shutil.copy(src / name, d / name)
    c.close()
    assert (d / "ledger.db-wal").stat().st_size > 0
    d.chmod(0o555)

    def read():
        try:
            return [r.id for r in Ledger(d / "ledger.db").runs()]
        except LedgerError as exc:
            return str(exc)

    out = unprivileged.call(read)
    assert isinstance(out, str) and "ledger.db-wal holds writes not yet merged" in out, out


OTHER_APP = 0x12345678


def _not_sqlite(p):
    p.write_text("hello, I am a text file\n" * 50)


def _png(p):
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(3000))


def _foreign_sqlite(p):  # another program's database, even with a table called runs
    c = sqlite3.connect(p)
    c.executescript(f"PRAGMA application_id = {OTHER_APP}; CREATE TABLE runs (id TEXT, cpu_kwh REAL);")
    c.close()


def _unmarked_other_tables(p):
    c = sqlite3.connect(p)
    c.executescript("CREATE TABLE photos (path TEXT, taken REAL); INSERT INTO photos VALUES ('a.jpg', 1.0);")
    c.close()


@pytest.mark.parametrize("make", [_not_sqlite, _png, _foreign_sqlite, _unmarked_other_tables])
def test_a_file_that_is_not_a_ledger_is_refused_and_never_altered(tmp_path, make, capsys):
    path = tmp_path / "thing.db"
    make(path)
    before, names = digest(path), sorted(os.listdir(tmp_path))
    for action in (lambda: Ledger(path).runs(), lambda: Ledger(path).write(run_row("x1")),
                   lambda: Ledger(path).get("x1"), lambda: export_runs(path, "csv")):
        with pytest.raises(NotALedgerError) as ei:
            action()
        msg = str(ei.value)
        assert "\n" not in msg and str(path) in msg and "not a footprint ledger" in msg and "--ledger PATH" in msg
    good = write_cc(tmp_path / "emissions.csv", [cc_row()])
    for args in (["runs", "list"], ["runs", "import", good], ["runs", "export"]):
        r = run_cli(*args, "--ledger", path)
        assert r.returncode == 2 and "not a footprint ledger" in r.stderr and len(r.stderr.splitlines()) == 1
    # a run recorded to it goes to the fallback file beside it; the file itself is untouched
    with footprint.track(name="t", region="FR", ledger=path, quiet=True) as run:
        pass
    assert run.status == "finished" and (tmp_path / f"footprint-run-{run.id}.json").is_file()
    assert digest(path) == before
    assert sorted(os.listdir(tmp_path)) == sorted(names + ["emissions.csv", f"footprint-run-{run.id}.json"])


def test_a_new_ledger_carries_the_marker_and_an_empty_file_is_a_new_ledger(tmp_path):
    path = tmp_path / "l.db"
    Ledger(path).write(run_row("m1"))
    c = sqlite3.connect(path)
    assert c.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID == int.from_bytes(b"FTPR", "big")
    assert c.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    empty = tmp_path / "empty.db"
    empty.touch()
    assert Ledger(empty).runs() == [] and empty.stat().st_size == 0  # read: nothing, and not initialised
    Ledger(empty).write(run_row("m2"))
    assert [r.id for r in Ledger(empty).runs()] == ["m2"]


def test_a_legacy_ledger_is_read_read_only_without_adoption(tmp_path):
    path = tmp_path / "legacy.db"
    c = sqlite3.connect(path)
    c.executescript(MIGRATIONS[0] + "; PRAGMA user_version = 1; PRAGMA journal_mode = WAL;")
    c.execute("INSERT INTO runs (id, status, kind, started, cpu_kwh) VALUES ('old1', 'finished', 'run', 1.0, 2.0)")
    c.commit()
    c.close()
    before = digest(path)
    assert [r.id for r in Ledger(path).runs()] == ["old1"] and digest(path) == before
    assert sqlite3.connect(path).execute("PRAGMA application_id").fetchone()[0] == 0


# --- 2. imports ----------------------------------------------------------------------------------------------------

BAD_VALUES = ["nan", "NaN", "inf", "-inf", "Infinity", "1e400", "-1", "-0.5", "abc", "1e13", "0x10"]


@pytest.mark.parametrize("column", ["cpu_energy", "gpu_energy", "ram_energy", "duration", "emissions",
                                    "energy_consumed"])
@pytest.mark.parametrize("value", BAD_VALUES)
def test_an_invalid_number_is_refused_naming_file_line_column_and_value(tmp_path, column, value):
    path = tmp_path / "l.db"
    Ledger(path).write(run_row("keep"))
    before = [r.data for r in Ledger(path).runs()]
    f = write_cc(tmp_path / "emissions.csv", [cc_row(run_id="r1"), cc_row(run_id="r2"), cc_row(run_id="r3",
                                                                                               **{column: value})])
    with pytest.raises(imports.RunImportError) as ei:
        import_file(f, path)
    msg = str(ei.value)
    assert f"emissions.csv:4 [{column}] is {value!r}" in msg and "give a finite number of" in msg
    assert "nothing was imported" in msg and "\n" not in msg
    assert [r.data for r in Ledger(path).runs()] == before
    # into a ledger that does not exist yet: it is not even created
    with pytest.raises(imports.RunImportError):
        import_file(f, tmp_path / "new.db")
    assert not (tmp_path / "new.db").exists()


def test_ids_without_run_id_never_collide_and_reimport_is_idempotent(tmp_path):
    path = tmp_path / "l.db"
    a = write_cc(tmp_path / "a.csv", [cc_row(duration=100), cc_row(duration=200)])
    b = write_cc(tmp_path / "b.csv", [cc_row(duration=300), cc_row(duration=400)])
    first = import_files([a, b], path)
    assert (first.imported, first.skipped, first.files) == (4, 0, 2)
    ids = {r.id for r in Ledger(path).runs()}
    assert len(ids) == 4 and all(i.startswith("cc-") and len(i) == 19 for i in ids)
    again = import_files([b, a], path)
    assert (again.imported, again.skipped) == (0, 4) and again.summary().startswith(
        "imported 0 runs from 2 files, skipped 4 already imported")
    write_cc(a, [cc_row(duration=100), cc_row(duration=200), cc_row(duration=250)])  # CodeCarbon appended a row
    assert len(import_file(a, path)) == 1 and len(Ledger(path).runs()) == 5


def test_rows_of_one_run_id_give_one_run_the_longest(tmp_path):
    f = write_cc(tmp_path / "e.csv", [cc_row(run_id="u1", duration=10, cpu_energy=0.1),
                                      cc_row(run_id="u1", duration=30, cpu_energy=0.3),
                                      cc_row(run_id="u1", duration=20, cpu_energy=0.2)])
    assert import_file(f, tmp_path / "l.db") == ["u1"]
    r = Ledger(tmp_path / "l.db").get("u1")
    assert r.duration_s == 30 and r.cpu_kwh == pytest.approx(0.3) and "e.csv line 3" in r.problems[0]


@pytest.mark.parametrize("content, expected", [
    (b"timestamp,run_id,duration,cpu_energy,gpu_energy,ram_energy\n2025-03-01T12:00:00,caf\xe9,1,1,1,1\n",
     r"f:2: not UTF-8 text \(byte 0xe9"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), r"f:1: not UTF-8 text"),
    (b"timestamp,run_id,duration,cpu_energy,gpu_energy,ram_energy\n2025-03-01T12:00:00,r,1,1,1,1\n2025-03-01,r2\n",
     r"f:3: the row has 2 fields and the header 6"),
    (b"timestamp,run_id,duration,cpu_energy,gpu_energy,ram_energy\n2025-03-01T12:00:00,r,1,1,1,1,1\n",
     r"f:2: the row has 7 fields and the header 6"),
    (b"timestamp,run_id,duration,cpu_energy,gpu_energy,ram_energy\n2025-03-01T12:00:00," + b"x" * 200_000 + b",1,1,1,1\n",
     r"f:2: not a readable CSV record \(field larger than field limit"),
    (b"timestamp,run_id,duration,cpu_energy,gpu_energy,ram_energy\n2025-03-01T12:00:00," + b"x" * 129 + b",1,1,1,1\n",
     r"f:2 \[run_id\] is 129 characters long: at most 128"),
    (b"timestamp,run_id,duration,cpu_energy,gpu_energy,ram_energy\nyesterday,r,1,1,1,1\n",
     r"f:2 \[timestamp\] is not an ISO 8601 time \('yesterday'\)"),
    (b"", r"f is empty"),
    (b"a,b\n1,2\n", r"f is not a CodeCarbon emissions.csv: no column timestamp"),
])
def test_unreadable_csv_files_give_one_line_errors(tmp_path, content, expected):
    f = tmp_path / "f"
    f.write_bytes(content)
    r = run_cli("runs", "import", f, "--ledger", tmp_path / "l.db")
    assert r.returncode == 2 and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    import re

    assert re.search(expected, r.stderr), r.stderr
    assert not (tmp_path / "l.db").exists()


JSON_RUN = {"id": "f00d00000001", "name": "n", "status": "finished", "kind": "track", "started": 1_700_000_000.0,
            "ended": 1_700_000_010.0, "last_checkpoint": 1_700_000_010.0, "duration_s": 10.0, "cpu_kwh": 0.001,
            "host": "h", "pid": 42}


@pytest.mark.parametrize("text, expected", [
    ('{"run": {"id": "a",\n "status": "finished",,}}', r"f.json:2: not valid JSON"),
    ("[1, 2]", r"f.json is not a footprint-run-\*.json file"),
    ('{"run": {"status": "finished"}}', r"its 'run' has no 'id'"),
    (json.dumps({"run": {**JSON_RUN, "status": "done"}}), r"\[run.status\] is 'done': give one of running"),
    (json.dumps({"run": JSON_RUN}).replace('"cpu_kwh": 0.001', '"cpu_kwh": NaN'), r"\[run.cpu_kwh\] is nan, not finite"),
    (json.dumps({"run": JSON_RUN}).replace('"cpu_kwh": 0.001', '"cpu_kwh": 1e400'), r"\[run.cpu_kwh\] is inf, not finite"),
    (json.dumps({"run": JSON_RUN}).replace('"duration_s": 10.0', '"duration_s": -Infinity'), r"\[run.duration_s\]"),
    (json.dumps({"run": {**JSON_RUN, "pid": "42"}}), r"\[run.pid\] is '42': give an integer"),
    (json.dumps({"run": {**JSON_RUN, "hardware": {"w": float("nan")}}}), r"\[run.hardware\] holds a number that is not"),
    (json.dumps({"run": JSON_RUN, "samples": [{"seq": 0, "t_start": 1.0, "t_end": 2.0, "gpu_kwh": -1}]}),
     r"\[samples\[0\].gpu_kwh\] is -1, negative"),
    (json.dumps({"run": JSON_RUN, "samples": [{"run_id": "other", "seq": 0, "t_start": 1, "t_end": 2}]}),
     r"\[samples\[0\]\] is not a sample of run"),
])
def test_malformed_fallback_json_gives_one_line_errors(tmp_path, text, expected):
    import re

    f = tmp_path / "f.json"
    f.write_text(text)
    r = run_cli("runs", "import", f, "--ledger", tmp_path / "l.db")
    assert r.returncode == 2 and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert re.search(expected, r.stderr), r.stderr
    assert not (tmp_path / "l.db").exists()


def test_a_latin1_fallback_json_names_its_line(tmp_path):
    f = tmp_path / "f.json"
    f.write_bytes(json.dumps({"run": JSON_RUN}, indent=1).encode("utf-8").replace(b'"n"', b'"caf\xe9"'))
    with pytest.raises(imports.RunImportError, match=r"f.json:4: not UTF-8 text \(byte 0xe9\)"):
        import_file(f, tmp_path / "l.db")


def test_an_import_is_all_or_nothing_across_files(tmp_path):
    path = tmp_path / "l.db"
    good = write_cc(tmp_path / "good.csv", [cc_row(run_id=f"g{i}") for i in range(5)])
    fallback = tmp_path / "footprint-run-f00d00000001.json"
    fallback.write_text(json.dumps({"run": JSON_RUN, "samples": []}))
    bad = write_cc(tmp_path / "bad.csv", [cc_row(run_id="b1"), cc_row(run_id="b2", ram_energy="inf")])
    with pytest.raises(imports.RunImportError, match=r"bad.csv:3 \[ram_energy\]"):
        import_files([good, fallback, bad], path)
    assert not path.exists()
    res = import_files([good, fallback], path)
    assert (res.imported, res.skipped) == (6, 0) and len(Ledger(path).runs()) == 6


def test_a_fallback_json_never_replaces_a_measured_run(tmp_path):
    path = tmp_path / "l.db"
    led = Ledger(path)
    f = tmp_path / "footprint-run-f00d00000001.json"
    samples = [{"run_id": JSON_RUN["id"], "seq": i, "t_start": 1.0 * i, "t_end": i + 1.0, "cpu_kwh": 0.0005}
               for i in range(2)]
    f.write_text(json.dumps({"run": JSON_RUN, "samples": samples}))
    # the ledger holds the beginning of that run (written at its start, then unwritable): the file completes it
    led.write({**JSON_RUN, "status": "running", "ended": None, "last_checkpoint": JSON_RUN["started"], "cpu_kwh": 0.0})
    res = import_files([f], path)
    assert (res.completed, res.imported, res.skipped) == (1, 0, 0) and "completed 1 run" in res.summary()
    got = led.get(JSON_RUN["id"], samples=True)
    assert got.status == "finished" and got.cpu_kwh == pytest.approx(0.001) and len(got.samples) == 2
    # the same file again, or a copy of it: recognised and skipped
    assert import_file(f, path) == [] and import_files([f, f], path).skipped == 1
    # another run with the same id: refused, nothing changes
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"run": {**JSON_RUN, "cpu_kwh": 5.0, "name": "imposter"}}))
    before = led.get(JSON_RUN["id"]).data
    with pytest.raises(imports.RunImportError, match=r"already in .* as another run .*never replaced"):
        import_file(other, path)
    assert led.get(JSON_RUN["id"]).data == before
    # a CodeCarbon row with the id of a measured run: refused too
    clash = write_cc(tmp_path / "e.csv", [cc_row(run_id=JSON_RUN["id"])])
    with pytest.raises(imports.RunImportError, match="as a run measured by footprint"):
        import_file(clash, path)


def test_the_import_command_prints_one_summary_line(tmp_path):
    f = write_cc(tmp_path / "e.csv", [cc_row(run_id=f"r{i:03d}") for i in range(30)])
    r = run_cli("runs", "import", f, f, "--ledger", tmp_path / "l.db")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines() == [f"imported 30 runs from 2 files, skipped 0 already imported "
                                             f"(ledger: {tmp_path / 'l.db'})"]
    r = run_cli("runs", "import", f, "--ledger", tmp_path / "l.db")
    assert r.stdout.startswith("imported 0 runs from 1 file, skipped 30 already imported")


def test_a_20k_row_import_streams_and_keeps_every_row(tmp_path):
    n = 20_000
    f = tmp_path / "big.csv"
    with open(f, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(CC_HEADER)
        base = cc_row()
        for i in range(n):
            w.writerow([base[k] if k not in ("run_id", "cpu_energy") else (f"run-{i}" if k == "run_id" else i / 1000)
                        for k in CC_HEADER])
    path = tmp_path / "l.db"
    tracemalloc.start()
    try:
        res = import_files([f], path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (res.imported, res.skipped) == (n, 0)
    assert peak < 16 * 2 ** 20, f"{peak / 2 ** 20:.0f} MiB of Python memory for {n} rows: rows are not streamed"
    c = sqlite3.connect(path)
    count, total = c.execute("SELECT COUNT(*), SUM(cpu_kwh) FROM runs").fetchone()
    assert count == n and total == pytest.approx(sum(i / 1000 for i in range(n)))
    assert import_files([f], path).skipped == n


def test_export_json_never_holds_nan_or_infinity(tmp_path):
    path = tmp_path / "l.db"
    Ledger(path).write(run_row("fine"))
    c = sqlite3.connect(path)  # what an older footprint could leave: infinities, a NaN in a JSON column
    c.execute("INSERT INTO runs (id, status, kind, started, ended, duration_s, cpu_kwh, interval_s, hardware) "
              "VALUES ('bad', 'finished', 'import', 1.0, 9e999, 9e999, 9e999, -9e999, '{\"w\": NaN, \"x\": Infinity}')")
    c.commit()
    c.close()
    objs = strict_json(export_runs(path, "json"))
    bad = next(o for o in objs if o["id"] == "bad")
    assert bad["energy_kwh"]["cpu"] is None and bad["energy_kwh"]["total"] is None and bad["ended"] is None
    assert bad["duration_s"] is None and bad["interval_s"] is None and bad["hardware"] == {"w": None, "x": None}
    r = run_cli("runs", "show", "bad", "--json", "--ledger", path)
    assert r.returncode == 0 and strict_json(r.stdout)["id"] == "bad"
    assert run_cli("runs", "list", "--ledger", path).returncode == 0
    assert len(list(csv.DictReader(export_runs(path, "csv").splitlines()))) == 2


def test_export_to_a_file_is_atomic(tmp_path, monkeypatch):
    path = tmp_path / "l.db"
    Ledger(path).write(run_row("e1"))
    out = tmp_path / "runs.json"
    out.write_text("previous export")
    monkeypatch.setattr(exchange, "write_atomic", lambda p, data: (_ for _ in ()).throw(FootprintError("disk full")))
    with pytest.raises(FootprintError, match="disk full"):
        export_runs(path, "json", out)
    assert out.read_text() == "previous export"


# --- 3. the fallback file ------------------------------------------------------------------------------------------

class _FailingWrites:
    """``os`` for footprint.files, whose file objects write half of what they are given, then fail: a full disk."""

    def __init__(self):
        self.calls = 0

    def __getattr__(self, name):
        return getattr(os, name)

    def fdopen(self, fd, mode="r", *a, **k):
        fh = os.fdopen(fd, mode, *a, **k)
        outer = self

        class Half:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                fh.close()
                return False

            def write(self, data):
                outer.calls += 1
                fh.write(data[: len(data) // 2])
                fh.flush()
                raise OSError(errno.ENOSPC, "No space left on device")

            def __getattr__(self, name):
                return getattr(fh, name)

        return Half()


def test_the_fallback_file_is_whole_or_absent(tmp_path, monkeypatch, fake_meter):
    import tempfile

    import footprint.files as files

    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmpdir))
    foreign = tmp_path / "not-a-ledger.db"
    _not_sqlite(foreign)  # every write of the run fails: it ends in the fallback file
    failing = _FailingWrites()
    monkeypatch.setattr(files, "os", failing)
    warnings = []
    rec = Recording(name="full disk", ledger=foreign, interval_s=0.05, meter_factory=fake_meter, warn=warnings.append,
                    final_write_s=0.1)
    rec.start()
    time.sleep(0.2)
    rec.stop("finished")
    assert failing.calls == 2  # beside the ledger, then in the temporary directory
    leftovers = [p for d in (tmp_path, tmpdir) for p in d.iterdir() if p.name.startswith((".footprint-run", "footprint-run"))]
    assert leftovers == [] and rec.fallback_file is None
    assert any("could not be written, even at the end; the run is lost" in w for w in warnings)
    monkeypatch.setattr(files, "os", os)
    rec2 = Recording(name="disk ok", ledger=foreign, interval_s=0.05, meter_factory=fake_meter, warn=warnings.append,
                     final_write_s=0.1)
    rec2.start()
    time.sleep(0.2)
    rec2.stop("finished")
    assert rec2.fallback_file == tmp_path / f"footprint-run-{rec2.id}.json"
    data = strict_json(rec2.fallback_file.read_text())
    assert data["run"]["status"] == "finished" and len(data["samples"]) >= 2
    assert import_file(rec2.fallback_file, tmp_path / "good.db") == [rec2.id]


# --- 4. options and measuring --------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf"), 0, -1, 1e400, 0.01, 1e5, "abc", None,
                                   True, [5]])
def test_track_with_an_invalid_interval_records_a_problem_and_uses_10_s(ledger, fake_track_meter, value):
    with footprint.track(name="iv", region="FR", interval_s=value, quiet=True) as run:
        pass
    rec = ledger.get(run.id)
    assert run.status == "finished" == rec.status and rec.interval_s == 10.0
    assert any(p.startswith(f"interval_s must be a number of seconds > 0, got {value!r}") and "0.05 to 3600 s" in p
               and "used the default 10 s" in p for p in rec.problems), rec.problems


@pytest.mark.parametrize("how", ["env", "explicit"])
def test_a_negative_local_rank_is_measured_as_rank_0(ledger, fake_track_meter, monkeypatch, how):
    if how == "env":
        monkeypatch.setenv("LOCAL_RANK", "-1")
    with footprint.track(name="r", region="FR", quiet=True, **({"local_rank": -1} if how == "explicit" else {})) as run:
        pass
    rec = ledger.get(run.id)
    assert run.measuring and rec.local_rank == 0 and "negative: not distributed" in rec.rank_source


def test_a_nested_track_reads_the_outer_meter_and_measures_the_machine_once(ledger, fake_track_meter):
    watts = 410.0  # FakeMeter: 100 + 300 + 10 W

    @footprint.track(name="step", region="FR", interval_s=0.05, quiet=True)
    def step():
        time.sleep(0.15)

    with footprint.track(name="outer", region="FR", interval_s=0.05, quiet=True) as outer:
        time.sleep(0.2)
        with footprint.track(name="inner", region="FR", interval_s=0.05, quiet=True) as inner:
            time.sleep(0.3)
        step()
        time.sleep(0.1)
    assert len(fake_track_meter) == 1  # one meter, the outer run's
    o, i = ledger.get(outer.id, samples=True), ledger.get(inner.id, samples=True)
    s = next(r for r in ledger.runs() if r.name == "step")
    assert inner.parent == outer.id and any(f"inside run {outer.id}" in p and "not measured twice" in p
                                            for p in i.problems)
    assert o.energy_kwh == pytest.approx(watts * o.duration_s / 3.6e6, rel=1e-6)
    assert o.energy_kwh == pytest.approx(sum(x["cpu_kwh"] + x["gpu_kwh"] + x["ram_kwh"] for x in o.samples), rel=1e-9)
    for r in (i, s):
        assert r.energy_kwh == pytest.approx(watts * r.duration_s / 3.6e6, rel=0.05), r.name
        assert r.cpu_method == "TDP model" and r.started >= o.started and r.ended <= o.ended
    assert i.energy_kwh + s.energy_kwh < o.energy_kwh


def test_an_inner_run_that_outlives_its_outer_run_says_so(ledger, fake_track_meter):
    outer = footprint.track(name="outer", region="FR", interval_s=0.05, quiet=True)
    inner = footprint.track(name="inner", region="FR", interval_s=0.05, quiet=True)
    outer.start()
    inner.start()
    time.sleep(0.15)
    outer.stop()
    time.sleep(0.15)
    run = inner.stop()
    assert any("ended first" in p for p in ledger.get(run.id).problems)


def test_a_decorated_generator_is_measured_over_its_iteration(ledger, fake_track_meter):
    @footprint.track(name="batches", region="FR", interval_s=0.05, quiet=True)
    def batches(n):
        for k in range(n):
            time.sleep(0.1)
            yield k

    gen = batches(3)
    time.sleep(1.5)
    assert ledger.runs() == []  # creating the generator starts nothing
    assert list(gen) == [0, 1, 2]
    r = ledger.runs()[0]
    assert r.status == "finished" and 0.29 < r.duration_s < 1.5  # the 3 x 0.1 s of iteration, not the 1.5 s before
    early = batches(10)
    next(early)
    early.close()  # the consumer stops early: the run ends, finished (not 10 x 0.1 s)
    assert ledger.runs()[-1].status == "finished" and ledger.runs()[-1].duration_s < 0.9


def test_decorated_coroutines_and_async_generators_are_measured_while_they_run(ledger, fake_track_meter):
    import asyncio

    @footprint.track(name="co", region="FR", interval_s=0.05, quiet=True)
    async def co(x):
        await asyncio.sleep(0.2)
        return x * 2

    @footprint.track(name="agen", region="FR", interval_s=0.05, quiet=True)
    async def agen():
        got = yield 1
        await asyncio.sleep(0.2)
        yield got

    async def main():
        g = agen()
        first = await g.__anext__()
        second = await g.asend("sent")
        await g.aclose()
        return await co(21), first, second

    assert asyncio.run(main()) == (42, 1, "sent")
    by_name = {r.name: r for r in ledger.runs()}
    for name in ("co", "agen"):
        assert by_name[name].status == "finished" and by_name[name].duration_s >= 0.19, name
        assert by_name[name].energy_kwh > 0


def test_a_meter_reading_that_is_not_finite_counts_as_zero_with_a_note(tmp_path, fake_meter):
    class Broken(fake_meter):
        def read(self, elapsed_s=None):
            out = super().read(elapsed_s)
            out["gpu"] = (float("nan"), float("inf"))
            return out

    rec = Recording(name="nan", ledger=tmp_path / "l.db", interval_s=0.05, meter_factory=Broken, warn=lambda m: None)
    rec.start()
    time.sleep(0.2)
    rec.stop("finished")
    got = Ledger(tmp_path / "l.db").get(rec.id, samples=True)
    assert got.gpu_kwh == 0 and got.cpu_kwh > 0 and all(s["gpu_kwh"] == 0 for s in got.samples)
    assert any(p.startswith("gpu: the meter read nan kWh") for p in got.problems)
    assert strict_json(export_runs(tmp_path / "l.db", "json"))[0]["energy_kwh"]["gpu"] == 0


# --- 5. what reaches a terminal ------------------------------------------------------------------------------------

EVIL = "\x1b[31mred\x1b[0m\x07\r\x1b]0;title\x07"


def test_control_characters_from_the_ledger_are_escaped(tmp_path):
    path = tmp_path / "l.db"
    Ledger(path).write(run_row("e1" + EVIL, name=EVIL, region=EVIL, cpu_method=EVIL, status="finished",
                               problems=[EVIL], command=["python", EVIL], host=EVIL, source=EVIL))
    Ledger(path).write(run_row("e2", status=EVIL))
    for args in (["runs", "list"], ["runs", "show", "e1"], ["runs", "show", "e2"]):
        r = run_cli(*args, "--ledger", path)
        assert r.returncode == 0, r.stderr
        out = r.stdout + r.stderr
        assert not any(c in out for c in "\x1b\x07\r"), (args, out)
        assert "\\x1b" in out


def test_the_run_summary_and_import_messages_escape_control_characters(tmp_path, fake_meter):
    rec = Recording(name=EVIL, ledger=tmp_path / "l.db", interval_s=0.05, meter_factory=fake_meter,
                    warn=lambda m: None)
    rec.start()
    rec.problem(f"note {EVIL}")
    rec.stop("finished", 0)
    lines = summary_lines(rec)
    assert not any(c in line for line in lines for c in "\x1b\x07\r") and "\\x1b" in lines[0]
    f = write_cc(tmp_path / "e.csv", [cc_row(run_id=EVIL, cpu_energy="x" + EVIL)])
    r = run_cli("runs", "import", f, "--ledger", tmp_path / "l2.db")
    assert r.returncode == 2 and not any(c in r.stderr for c in "\x1b\x07") and "\\x1b" in r.stderr
