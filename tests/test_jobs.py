"""A multi-node training job measured as one job: job ids, hosts and local ranks from the environment; a ledger
directory of one file per host, merged when read (and never written by a read); `runs list/show/export` per job;
`run = "JOB"` in a spec; several real `footprint run` supervisors into one directory, one of them killed."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import run_cli

import footprint
from footprint.tracker.identity import host_name, job_id, local_rank
from footprint.tracker.jobs import find, group_jobs
from footprint.tracker.ledger import APPLICATION_ID, Ledger

PY = sys.executable


def run_row(rid, host, job="J1", **kw):
    d = {"id": rid, "name": "train", "status": "finished", "kind": "run", "started": 1_750_000_000.0,
         "ended": 1_750_003_600.0, "last_checkpoint": 1_750_003_600.0, "interval_s": 10.0, "duration_s": 3600.0,
         "cpu_kwh": 1.0, "gpu_kwh": 8.0, "ram_kwh": 0.5, "cpu_method": "RAPL", "gpu_method": "energy counter",
         "ram_method": "constant", "region": "FR", "exit_status": 0, "host": host, "job": job}
    d.update(kw)
    return d


def digest(directory: Path) -> dict:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted(directory.iterdir())}


# --- 1. who measures: job id, host, local rank ----------------------------------------------------------------------

@pytest.mark.parametrize("env, want", [
    ({"TORCHELASTIC_RUN_ID": "te-1", "SLURM_JOB_ID": "4242"}, ("te-1", "TORCHELASTIC_RUN_ID")),
    ({"TORCHELASTIC_RUN_ID": "none", "SLURM_JOB_ID": "4242"}, ("4242", "SLURM_JOB_ID")),  # torchrun's default id
    ({"SLURM_JOB_ID": "4242", "OMPI_MCA_orte_ess_jobid": "77", "PBS_JOBID": "9.pbs"}, ("4242", "SLURM_JOB_ID")),
    ({"OMPI_MCA_orte_ess_jobid": "77", "PBS_JOBID": "9.pbs"}, ("77", "OMPI_MCA_orte_ess_jobid")),
    ({"PMIX_NAMESPACE": "prterun-h-1@1", "PBS_JOBID": "9.pbs"}, ("prterun-h-1@1", "PMIX_NAMESPACE")),
    ({"PBS_JOBID": "9.pbs"}, ("9.pbs", "PBS_JOBID")),
    ({"FOOTPRINT_JOB": "mine", "TORCHELASTIC_RUN_ID": "te-1"}, ("mine", "FOOTPRINT_JOB")),
    ({}, (None, "no job id (a run of its own)")),
])
def test_job_id_precedence(env, want):
    assert job_id(None, env)[:2] == want
    assert job_id("explicit", env)[:2] == ("explicit", "explicit option")


def test_a_bad_explicit_job_or_host_is_a_problem_and_the_environment_is_used():
    jid, src, problem = job_id("", {"SLURM_JOB_ID": "4242"})
    assert (jid, src) == ("4242", "SLURM_JOB_ID") and "job must not be empty" in problem
    host, src, problem = host_name("a\x1bb", {})
    assert host == socket.gethostname() and "control characters" in problem
    assert host_name(None, {"FOOTPRINT_HOST": "node-7"})[:2] == ("node-7", "FOOTPRINT_HOST")
    assert host_name("node-8", {"FOOTPRINT_HOST": "node-7"})[:2] == ("node-8", "explicit option")


@pytest.mark.parametrize("env, want", [
    ({"LOCAL_RANK": "1", "SLURM_LOCALID": "0"}, (1, "LOCAL_RANK=1")),  # srun + torchrun: SLURM_LOCALID=0 everywhere
    ({"LOCAL_RANK": "0", "SLURM_LOCALID": "3"}, (0, "LOCAL_RANK=0")),
    ({"OMPI_COMM_WORLD_LOCAL_RANK": "2", "SLURM_LOCALID": "0"}, (2, "OMPI_COMM_WORLD_LOCAL_RANK=2")),
    ({"LOCAL_RANK": "1", "OMPI_COMM_WORLD_LOCAL_RANK": "0"}, (1, "LOCAL_RANK=1")),
    ({"SLURM_LOCALID": "3"}, (3, "SLURM_LOCALID=3")),
])
def test_local_rank_precedence(env, want):
    assert local_rank(None, env) == want


def test_track_records_the_launchers_job_and_the_host_override(ledger, fake_track_meter, monkeypatch):
    monkeypatch.setenv("SLURM_JOB_ID", "4242")
    monkeypatch.setenv("TORCHELASTIC_RUN_ID", "te-77")
    monkeypatch.setenv("FOOTPRINT_HOST", "container-3")
    with footprint.track(name="t", region="FR", quiet=True) as run:
        pass
    rec = ledger.get(run.id)
    assert (run.job, run.host) == ("te-77", "container-3") and (rec.job, rec.host) == ("te-77", "container-3")
    with footprint.track(name="t", region="FR", quiet=True, job="J9", host="h9") as run2:
        pass
    assert (ledger.get(run2.id).job, ledger.get(run2.id).host) == ("J9", "h9")
    monkeypatch.setenv("LOCAL_RANK", "1")
    monkeypatch.setenv("SLURM_LOCALID", "0")
    with footprint.track(name="t", region="FR", quiet=True) as other:
        assert other.epoch_end() is None  # a rank that does not measure: the hooks do nothing
    assert not other.measuring and other.job == "te-77"


# --- 2. a ledger directory: one file per host, merged on reading --------------------------------------------------

def test_a_ledger_directory_holds_one_marked_file_per_host_and_reads_merge_them(ledger_dir, fake_track_meter):
    for host in ("node-a", "node-b", "weird/host name"):
        with footprint.track(name="train", region="FR", interval_s=0.05, quiet=True, job="J1", host=host) as run:
            time.sleep(0.1)
    d = ledger_dir.path
    files = sorted(p.name for p in d.iterdir() if p.suffix == ".db")
    assert files[:2] == ["node-a.db", "node-b.db"] and files[2].startswith("weird_host_name-") and len(files) == 3
    for f in files:
        c = sqlite3.connect(d / f)
        assert c.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # no WAL on a shared filesystem
        assert c.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 1
        c.close()
    runs = Ledger(d).runs()  # an existing directory is a ledger directory, with or without the /
    assert len(runs) == 3 and {r.host for r in runs} == {"node-a", "node-b", "weird/host name"}
    (job,) = group_jobs(runs)
    assert job.id == "J1" and job.nodes == 3 and job.status == "finished"
    assert job.energy_kwh == pytest.approx(sum(r.energy_kwh for r in runs))
    assert job.duration_s == pytest.approx(max(r.duration_s for r in runs))
    assert find(Ledger(d), run.id).id == run.id and find(Ledger(d), "J1").nodes == 3
    assert Ledger(d).count_samples() == sum(Ledger(d).count_samples(r.id) for r in runs) > 0


@pytest.mark.parametrize("mode", ["file", "directory"])
def test_jobs_merge_in_a_single_file_and_in_a_directory(tmp_path, mode):
    led = Ledger(tmp_path / "l.db") if mode == "file" else Ledger(f"{tmp_path / 'dir'}/")
    led.write(run_row("a1", "node-a"))
    led.write(run_row("b1", "node-b", duration_s=4000.0, gpu_kwh=9.0))
    led.write(run_row("solo", "node-a", job=None, started=1_760_000_000.0))
    assert len(led.files()) == (1 if mode == "file" else 2)
    jobs = group_jobs(led.runs())
    assert [(j.id, j.nodes, j.has_job) for j in jobs] == [("J1", 2, True), ("solo", 1, False)]
    j = jobs[0]
    assert j.components == pytest.approx({"cpu": 2.0, "gpu": 17.0, "ram": 1.0}) and j.duration_s == 4000.0
    r = run_cli("runs", "list", "--ledger", led.path)
    assert r.returncode == 0 and "2 jobs (3 runs)" in r.stdout
    line = next(x for x in r.stdout.splitlines() if "J1" in x)
    assert " 2 " in line and "20" in line  # two hosts, 20 kWh


def test_a_path_ending_with_a_slash_is_a_directory_created_by_the_first_write(tmp_path):
    target = tmp_path / "shared" / "ledger"
    led = Ledger(f"{target}/")
    assert led.is_dir and led.runs() == [] and not target.exists()  # a read creates nothing
    led.write(run_row("a1", "node-a"))
    assert (target / "node-a.db").is_file()
    assert not Ledger(str(tmp_path / "plain.db")).is_dir


# --- 3. the CLI: runs list / show / export per job -----------------------------------------------------------------

@pytest.fixture()
def job_ledger(tmp_path):
    led = Ledger(f"{tmp_path / 'ledger'}/")
    led.write(run_row("a1", "node-a"), [{"run_id": "a1", "seq": i, "t_start": 1_750_000_000.0 + 1800 * i,
                                          "t_end": 1_750_001_800.0 + 1800 * i, "cpu_kwh": 0.5, "gpu_kwh": 4.0,
                                          "ram_kwh": 0.25} for i in range(2)])
    led.write(run_row("b1", "node-b", duration_s=4000.0, gpu_kwh=9.0))
    led.write(run_row("c1", "node-c", status="running", ended=None, last_checkpoint=1_750_000_600.0))
    return led


def test_runs_show_job_sums_the_hosts_and_marks_the_lost_one(job_ledger):
    cli = lambda *a: run_cli(*a, "--ledger", job_ledger.path)  # noqa: E731
    r = cli("runs", "show", "J1", "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["job"] == "J1" and d["nodes"] == 3 and d["hosts"] == ["node-a", "node-b", "node-c"]
    assert d["energy_kwh"]["total"] == pytest.approx(3 * 9.5 + 1.0) and d["energy_kwh"]["gpu"] == pytest.approx(25.0)
    assert d["duration_s"] == 4000.0 and d["status"] == "lost" and d["lost_hosts"] == ["node-c"]
    assert [r["id"] for r in d["runs"]] == ["a1", "b1", "c1"]
    r = cli("runs", "show", "J1", "--hosts")
    assert r.returncode == 0 and "lost (1 of 3 hosts)" in r.stdout and "per host" in r.stdout
    assert "node-c" in r.stdout and "summed over 3 hosts" in r.stdout
    assert "kgCO2e" in r.stdout  # PUE 1 and the grid of FR, applied to the sum
    r = cli("runs", "show", "b1")  # one host's run: as a run, saying which job it is part of
    assert r.returncode == 0 and "run b1" in r.stdout and "part of job J1" in r.stdout
    r = cli("runs", "list")
    assert r.returncode == 0 and "1 jobs (3 runs)" in r.stdout and "J1" in r.stdout and "a1" not in r.stdout
    r = cli("runs", "show", "nope")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "unknown run 'nope'" in r.stderr


def test_runs_export_keeps_one_row_per_host_run_with_job_and_host(job_ledger):
    import csv
    import io

    r = run_cli("runs", "export", "--format", "csv", "--ledger", job_ledger.path)
    rows = list(csv.DictReader(io.StringIO(r.stdout, newline="")))
    assert [(x["id"], x["job"], x["host"]) for x in rows] == [("a1", "J1", "node-a"), ("b1", "J1", "node-b"),
                                                             ("c1", "J1", "node-c")]
    objs = json.loads(run_cli("runs", "export", "--format", "json", "--ledger", job_ledger.path).stdout)
    assert [o["job"] for o in objs] == ["J1"] * 3


def test_a_training_phase_with_run_job_uses_the_summed_energy_and_the_node_count(job_ledger, tmp_path):
    from footprint.lifecycle import read_runs

    spec = {"name": "lab", "datacenters": {"dc": {"region": "FR", "pue": 1.25, "grid_kgco2e_per_kwh": 0.4}},
            "fleets": {"node": {"accelerator": "nvidia-a100-sxm4-80gb", "accelerators": 64}},
            "training": [{"name": "pretrain", "run": "J1"}]}
    m = read_runs(spec, ledger=job_ledger)["J1"]
    assert m.energy_kwh == pytest.approx(29.5) and m.nodes == 3 and m.duration_h == pytest.approx(4000 / 3600)
    assert m.components["gpu"] == pytest.approx(25.0) and m.status == "lost" and "node-c" in m.note
    est = footprint.estimate(spec, ledger=job_ledger)
    use = est.results[(est.results.stage == "use") & (est.results.criterion == "energy")].value.sum()
    assert use == pytest.approx(29.5 * 1.25)  # PUE applied once, to the sum
    assert read_runs({**spec, "training": [{"name": "p", "run": "b1"}]}, ledger=job_ledger)["b1"].nodes == 1
    path = tmp_path / "lab.toml"
    path.write_text('name = "lab"\n[datacenters.dc]\nregion = "FR"\npue = 1.25\n[fleets.node]\naccelerator = '
                    '"nvidia-a100-sxm4-80gb"\naccelerators = 64\n[[training]]\nname = "pretrain"\nrun = "J1"\n')
    r = run_cli("runs", "show", "J1", "--system", path, "--ledger", job_ledger.path)
    assert r.returncode == 0, r.stderr
    assert "life cycle of this run" in r.stdout and "embodied" in r.stdout


def test_a_jobs_embodied_share_is_that_of_the_nodes_it_used(job_ledger):
    fleet = {"node": {"accelerator": "nvidia-a100-sxm4-80gb", "accelerators": 64}}  # 8 nodes of 8
    spec = {"name": "lab", "datacenters": {"dc": {"region": "FR"}}, "fleets": fleet}
    job = footprint.estimate({**spec, "training": [{"name": "p", "run": "J1"}]}, ledger=job_ledger)
    same = footprint.estimate({**spec, "training": [{"name": "p", "device_hours": 3 * 8 * 4000 / 3600,
                                                    "energy_kwh": 29.5}]})
    emb = lambda e: e.results[e.results.stage != "use"].groupby("criterion").value.sum().to_dict()  # noqa: E731
    assert emb(job) == pytest.approx(emb(same))


# --- 4. reading a ledger directory writes nothing ------------------------------------------------------------------

def test_reading_a_ledger_directory_writes_nothing(job_ledger, tmp_path, monkeypatch):
    spec = tmp_path / "lab.toml"
    spec.write_text('name = "lab"\n[datacenters.dc]\nregion = "FR"\n[fleets.node]\naccelerator = '
                    '"nvidia-a100-sxm4-80gb"\naccelerators = 8\n[[training]]\nname = "t"\nrun = "J1"\n')
    d = job_ledger.path
    before = digest(d)
    opened = []
    real = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda db, *a, **k: (opened.append(str(db)), real(db, *a, **k))[1])
    for args in (["runs", "list"], ["runs", "show", "J1", "--hosts"], ["runs", "show", "a1", "--json"],
                 ["runs", "export", "--format", "json"], ["runs", "export", "--format", "csv"],
                 ["runs", "export", "--format", "if-manifest"], ["estimate", spec]):
        r = run_cli(*args, "--ledger", d)
        assert r.returncode == 0, (args, r.stderr)
    assert opened and all(db.startswith("file:") and "mode=ro" in db for db in opened), opened
    assert digest(d) == before  # no file added, none changed (no -journal, -wal or -shm either)
    assert not (tmp_path / "no").exists()
    assert "does not exist yet" in run_cli("runs", "list", "--ledger", f"{tmp_path / 'no'}/").stdout
    assert not (tmp_path / "no").exists()


def test_a_write_cut_short_is_read_as_last_committed_and_left_for_the_next_writer(tmp_path):
    d = tmp_path / "ledger"
    Ledger(f"{d}/").write(run_row("a1", "node-a"))
    script = (f"import os, sqlite3; c = sqlite3.connect({str(d / 'node-a.db')!r}, isolation_level=None); "
              "c.execute('PRAGMA cache_size = 1'); c.execute('BEGIN IMMEDIATE'); "
              "[c.execute('INSERT INTO samples (run_id, seq, t_start, t_end) VALUES (?, ?, 1, 2)', ('a1', i)) "
              "for i in range(20000)]; os.kill(os.getpid(), 9)")
    subprocess.run([PY, "-c", script])
    assert (d / "node-a.db-journal").stat().st_size > 0  # a hot journal: SIGKILL inside a transaction
    before = digest(d)
    led = Ledger(d)
    assert [r.id for r in led.runs()] == ["a1"] and led.count_samples() == 0  # the committed state
    assert digest(d) == before
    led.write(run_row("a2", "node-a"))  # the next writer rolls it back
    assert not (d / "node-a.db-journal").exists() and Ledger(d).count_samples() == 0


def test_importing_into_a_ledger_directory_writes_this_hosts_file(tmp_path, monkeypatch):
    from footprint.tracker.exchange import import_files
    from footprint.tracker.imports import RunImportError

    d = tmp_path / "ledger"
    led = Ledger(f"{d}/")
    led.write(run_row("b1", "node-b", status="running", ended=None))
    f = tmp_path / "footprint-run-x1.json"
    f.write_text(json.dumps({"run": run_row("x1", "node-x"), "samples": []}))
    monkeypatch.setenv("FOOTPRINT_HOST", "login-1")
    assert import_files([f], led).imported == 1 and (d / "login-1.db").is_file()
    assert Ledger(d).get("x1").job == "J1"
    g = tmp_path / "footprint-run-b1.json"
    g.write_text(json.dumps({"run": run_row("b1", "node-b"), "samples": []}))
    with pytest.raises(RunImportError, match=r"already in .*node-b\.db, the file of another host.*FOOTPRINT_HOST"):
        import_files([g], led)
    monkeypatch.setenv("FOOTPRINT_HOST", "node-b")
    assert import_files([g], led).completed == 1 and Ledger(d).get("b1").status == "finished"


# --- 5. real supervisors: several hosts of one job, one of them killed ----------------------------------------------

@pytest.fixture()
def env(tmp_path, tmp_path_factory):
    e = {k: v for k, v in os.environ.items() if k not in ("FOOTPRINT_REGION", "LOCAL_RANK", "SLURM_LOCALID",
                                                          "FOOTPRINT_RUN_ID", "FOOTPRINT_LEDGER", "FOOTPRINT_HOST")}
    e["FOOTPRINT_CACHE_DIR"] = str(tmp_path_factory.getbasetemp() / "fp-cache")
    e["TMPDIR"] = str(tmp_path)
    return e


def supervisor(ledger: str, host: str, script: str, env: dict) -> subprocess.Popen:
    return subprocess.Popen([PY, "-m", "footprint.cli", "run", "--job", "train-7", "--host", host, "--ledger", ledger,
                             "--region", "FR", "--interval", "0.2", "--", PY, "-c", script],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_concurrent_supervisors_of_one_job_merge_into_one_job(tmp_path, env):
    ledger = f"{tmp_path / 'shared'}/"
    hosts = ["node-a", "node-b", "node-c"]
    procs = [supervisor(ledger, h, "import time; time.sleep(1.5)", env) for h in hosts]
    for p in procs:
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
        assert "job  train-7" in err
    assert sorted(f.name for f in (tmp_path / "shared").glob("*.db")) == [f"{h}.db" for h in hosts]
    runs = json.loads(run_cli("runs", "export", "--format", "json", "--ledger", ledger).stdout)
    assert sorted(r["host"] for r in runs) == hosts and {r["job"] for r in runs} == {"train-7"}
    r = run_cli("runs", "show", "train-7", "--json", "--ledger", ledger)
    d = json.loads(r.stdout)
    assert d["nodes"] == 3 and d["status"] == "finished" and d["lost_hosts"] == []
    assert d["energy_kwh"]["total"] == pytest.approx(sum(x["energy_kwh"]["total"] for x in runs), rel=1e-12)
    assert d["energy_kwh"]["total"] > 0
    assert d["duration_s"] == pytest.approx(max(x["duration_s"] for x in runs))
    listed = run_cli("runs", "list", "--ledger", ledger).stdout
    assert "1 jobs (3 runs)" in listed and "train-7" in listed


def test_a_host_killed_with_sigkill_is_lost_inside_a_job_that_otherwise_finished(tmp_path, env):
    import psutil

    ledger = f"{tmp_path / 'shared'}/"
    here = socket.gethostname()  # the killed host is this machine: its recorder's pid is known to be gone
    done = [supervisor(ledger, h, "import time; time.sleep(1.0)", env) for h in ("node-a", "node-b")]
    victim = supervisor(ledger, here, "import time; time.sleep(30)", env)
    led = Ledger(ledger)
    end = time.monotonic() + 30
    while time.monotonic() < end and not any(r.host == here and led.count_samples(r.id) >= 2 for r in led.runs()):
        time.sleep(0.05)
    children = psutil.Process(victim.pid).children(recursive=True)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=10)
    for c in children:  # the orphaned command goes on: end it
        c.kill()
    for p in done:
        p.communicate(timeout=60)
        assert p.returncode == 0
    d = json.loads(run_cli("runs", "show", "train-7", "--json", "--ledger", ledger).stdout)
    assert d["nodes"] == 3 and d["status"] == "lost" and d["lost_hosts"] == [here]
    assert sorted(h["status"] for h in d["per_host"]) == ["finished", "finished", "lost"]
    lost = next(h for h in d["per_host"] if h["host"] == here)
    assert lost["energy_kwh"] > 0  # its energy up to the last checkpoint is counted
    text = run_cli("runs", "show", "train-7", "--hosts", "--ledger", ledger).stdout
    assert "lost (1 of 3 hosts)" in text and "stopped checkpointing" in text


@pytest.mark.parametrize("args, msg", [
    (["--job", ""], "--job must not be empty"),
    (["--job", "x" * 200], "--job"),
    (["--host", "a\x1bb"], "--host"),
    (["--ledger", ""], "--ledger"),
])
def test_bad_job_host_or_ledger_exit_2_with_one_line(tmp_path, args, msg):
    r = run_cli("run", *args, "--region", "FR", "--", PY, "-c", "pass", env={"FOOTPRINT_LEDGER": str(tmp_path / "l.db")})
    assert r.returncode == 2 and msg in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert not (tmp_path / "l.db").exists()


# --- 6. an Impact Framework manifest of the ledger -----------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


def if_run() -> str | None:
    """The Impact Framework's if-run: on PATH, else .ci/node (what .ci/run installs), else $FOOTPRINT_IF_RUN."""
    import shutil

    for cand in (shutil.which("if-run"), str(ROOT / ".ci" / "node" / "node_modules" / ".bin" / "if-run"),
                 os.environ.get("FOOTPRINT_IF_RUN")):
        if cand and Path(cand).exists():
            return cand
    return None


def test_the_if_manifest_has_a_child_per_host_run_and_an_observation_per_sample(job_ledger, tmp_path):
    import yaml

    job_ledger.write(run_row("solo", "node-a", job=None, cpu_kwh=0.5, gpu_kwh=0.0, ram_kwh=0.0, duration_s=60.0))
    out = tmp_path / "m.yaml"
    r = run_cli("runs", "export", "--format", "if-manifest", "-o", out, "--ledger", job_ledger.path)
    assert r.returncode == 0, r.stderr
    doc = yaml.safe_load(out.read_text())
    kids = doc["tree"]["children"]
    assert set(kids) == {"J1/node-a", "J1/node-b", "J1/node-c", "solo"}
    a = kids["J1/node-a"]["inputs"]
    assert [o["duration"] for o in a] == [1800.0, 1800.0] and a[0]["timestamp"] == "2025-06-15T15:06:40.000Z"
    assert sum(o["gpu/energy"] for o in a) == pytest.approx(8.0)
    assert len(kids["solo"]["inputs"]) == 2 and kids["solo"]["inputs"][1]["duration"] == 0.0  # padded: adds nothing
    total = sum(o[k] for c in kids.values() for o in c["inputs"] for k in ("cpu/energy", "gpu/energy", "memory/energy"))
    assert total == pytest.approx(3 * 9.5 + 1.0 + 0.5)
    r = run_cli("runs", "export", "--format", "if-manifesto", "--ledger", job_ledger.path)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "if-manifest" in r.stderr


@pytest.mark.skipif(if_run() is None, reason="the Impact Framework's if-run is not installed (not on PATH, not in "
                                             ".ci/node/node_modules/.bin, no $FOOTPRINT_IF_RUN); .ci/run installs it")
def test_the_impact_framework_runs_the_manifest_and_sums_the_job(job_ledger, tmp_path):
    import yaml

    out = tmp_path / "m.yaml"
    assert run_cli("runs", "export", "--format", "if-manifest", "-o", out, "--ledger", job_ledger.path).returncode == 0
    r = subprocess.run([if_run(), "--manifest", str(out), "--output", str(tmp_path / "out")], capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    doc = yaml.safe_load((tmp_path / "out.yaml").read_text())
    assert doc["tree"]["aggregated"]["energy"] == pytest.approx(3 * 9.5 + 1.0, rel=1e-9)
    assert doc["tree"]["children"]["J1/node-b"]["aggregated"]["energy"] == pytest.approx(10.5, rel=1e-9)


# --- 7. torch.distributed: the hosts' energies gathered to rank 0 ----------------------------------------------------

DIST_SCRIPT = r"""
import json, os, sys, time
import torch.distributed as dist
import footprint
import footprint.tracker.engine as engine
import footprint.tracker.gather as gather

class Fake:  # 100 W of CPU, whatever the machine
    methods = {"cpu": "TDP model", "gpu": "none", "ram": "constant"}
    details, components, problems = {}, {}, []
    def read(self, elapsed_s=None):
        return {"cpu": (100.0 * elapsed_s / 3.6e6, 100.0), "gpu": (0.0, 0.0), "ram": (0.0, 0.0)}

engine.Meter = lambda **kw: Fake()
gather.GATHER_TIMEOUT_S = float(os.environ["GATHER_S"])
rank = int(os.environ["RANK"])
dist.init_process_group("gloo", init_method="file://" + os.environ["STORE"], rank=rank, world_size=2)
if os.environ.get("SKIP") == str(rank):  # this rank never ends a track(): rank 0 must not hang
    time.sleep(float(os.environ["GATHER_S"]) + 4)
    print(json.dumps({"rank": rank}))
    sys.exit(0)
t0 = time.monotonic()
with footprint.track(region="FR", interval_s=0.05, job="dist-1", host=f"node-{rank}", ledger=os.environ["LEDGER"],
                    gather=True) as run:
    time.sleep(0.3 + 0.2 * rank)
print(json.dumps({"rank": rank, "total": run.job_total, "problems": run.problems, "id": run.id,
                  "s": time.monotonic() - t0}))
"""


def dist_ranks(tmp_path, skip=None, gather_s=30):
    pytest.importorskip("torch.distributed")
    base = {**os.environ, "LOCAL_RANK": "0", "STORE": str(tmp_path / "store"), "LEDGER": f"{tmp_path / 'ledger'}/",
            "GATHER_S": str(gather_s), "SKIP": "" if skip is None else str(skip)}
    procs = [subprocess.Popen([PY, "-c", DIST_SCRIPT], env={**base, "RANK": str(r)}, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for r in (0, 1)]
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        outs.append((json.loads(out.strip().splitlines()[-1]), err))
    return outs


def test_the_hosts_energies_are_gathered_to_rank_0(tmp_path):
    (r0, err0), (r1, err1) = dist_ranks(tmp_path)
    led = Ledger(tmp_path / "ledger")
    runs = {r.host: r for r in led.runs()}
    assert set(runs) == {"node-0", "node-1"} and {r.job for r in runs.values()} == {"dist-1"}
    total = r0["total"]
    assert total["hosts"] == ["node-0", "node-1"] and total["ranks"] == 2
    assert total["energy_kwh"]["total"] == pytest.approx(sum(r.energy_kwh for r in runs.values()), rel=1e-9)
    assert r1["total"] is None and not r0["problems"] and not r1["problems"]
    assert "job dist-1: 2 hosts" in err0 and "job dist-1" not in err1
    assert find(led, "dist-1").energy_kwh == pytest.approx(total["energy_kwh"]["total"], rel=1e-9)


def test_a_rank_that_never_comes_costs_the_timeout_not_a_hang(tmp_path):
    (r0, _), _ = dist_ranks(tmp_path, skip=1, gather_s=3)
    assert r0["total"] is None and r0["s"] < 3 + 15
    assert any("could not be gathered to rank 0" in p for p in r0["problems"])
    rec = Ledger(tmp_path / "ledger").get(r0["id"])
    assert rec.status == "finished" and any("could not be gathered" in p for p in rec.problems)
