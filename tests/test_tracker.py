"""`footprint run -- CMD`: exit statuses, signals, SIGKILL of the supervisor, unwritable ledgers, bad input.

Every test runs the real supervisor in a subprocess with a small checkpoint interval and its own ledger.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import run_cli

from footprint.tracker.ledger import Ledger

PY = sys.executable


@pytest.fixture()
def env(tmp_path, tmp_path_factory):
    e = dict(os.environ)
    e["FOOTPRINT_LEDGER"] = str(tmp_path / "ledger.db")
    e["FOOTPRINT_CACHE_DIR"] = str(tmp_path_factory.getbasetemp() / "fp-cache")
    e["TMPDIR"] = str(tmp_path)
    for k in ("FOOTPRINT_REGION", "LOCAL_RANK", "SLURM_LOCALID", "FOOTPRINT_RUN_ID"):
        e.pop(k, None)
    return e


def footprint(*args, env, **kw):
    return subprocess.run([PY, "-m", "footprint.cli", *args], capture_output=True, text=True, env=env, **kw)


def start(*args, env):
    return subprocess.Popen([PY, "-m", "footprint.cli", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)


def only_run(env):
    runs = Ledger(env["FOOTPRINT_LEDGER"]).runs()
    assert len(runs) == 1, [r.data for r in runs]
    return runs[0]


def wait_for(pred, timeout=20.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        v = pred()
        if v:
            return v
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


@pytest.mark.parametrize("code", [0, 1, 3])
def test_exit_status_and_output_pass_through(env, code):
    script = f"import sys; print('out'); print('err', file=sys.stderr); sys.exit({code})"
    r = footprint("run", "--region", "FR", "--interval", "0.2", "--name", f"exit{code}", "--", PY, "-c", script, env=env)
    assert r.returncode == code
    assert r.stdout == "out\n"  # the command's stdout, untouched; the summary goes to stderr
    assert r.stderr.startswith("err\n")
    assert "footprint: run" in r.stderr and "cpu" in r.stderr and "gCO2e" in r.stderr
    run = only_run(env)
    assert run.status == ("finished" if code == 0 else "failed")
    assert run.exit_status == code and run.name == f"exit{code}"
    assert run.region == "FR" and run.region_source == "--region"
    assert run.ended is not None and run.ended >= run.started


def test_death_by_signal_gives_128_plus_n(env):
    script = "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"
    r = footprint("run", "--region", "FR", "--interval", "0.2", "--", PY, "-c", script, env=env)
    assert r.returncode == 128 + signal.SIGKILL
    run = only_run(env)
    assert run.status == "failed" and run.exit_status == 137


def test_methods_on_this_machine_are_recorded(env):
    r = footprint("run", "--region", "FR", "--interval", "0.2", "--", PY, "-c", "pass", env=env)
    assert r.returncode == 0
    run = only_run(env)
    assert run.cpu_method in ("RAPL", "TDP model")
    assert run.gpu_method in ("none", "energy counter", "power sampling")
    assert run.ram_method == "constant"
    if not Path("/sys/class/powercap/intel-rapl").exists():
        assert run.cpu_method == "TDP model"
    assert run.rank_source.startswith("no LOCAL_RANK") and run.local_rank == 0


def test_sigterm_to_supervisor_interrupts_cmd_and_records_energy(env, tmp_path):
    marker = tmp_path / "started"
    script = f"import pathlib, time; pathlib.Path({str(marker)!r}).touch(); time.sleep(30)"
    p = start("run", "--region", "FR", "--interval", "0.2", "--", PY, "-c", script, env=env)
    wait_for(marker.exists)
    led = Ledger(env["FOOTPRINT_LEDGER"])
    wait_for(lambda: led.count_samples() >= 2)
    p.send_signal(signal.SIGTERM)
    out, err = p.communicate(timeout=20)
    assert p.returncode == 128 + signal.SIGTERM  # the command died of the forwarded SIGTERM
    run = only_run(env)
    assert run.status == "interrupted" and run.exit_status == 143
    assert run.energy_kwh > 0 and run.duration_s > 0.3
    assert "interrupted" in err


def test_sigkill_of_supervisor_leaves_checkpoints_and_reads_as_lost(env, tmp_path):
    import psutil

    script = "import time; time.sleep(30)"
    p = start("run", "--region", "FR", "--interval", "0.2", "--", PY, "-c", script, env=env)
    led = Ledger(env["FOOTPRINT_LEDGER"])
    wait_for(lambda: led.count_samples() >= 4)
    children = psutil.Process(p.pid).children(recursive=True)
    killed_at = time.time()
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=10)
    for c in children:  # the orphaned command goes on: end it
        c.kill()
    run = Ledger(env["FOOTPRINT_LEDGER"]).get(only_run(env).id, samples=True)
    assert run.status == "lost"  # stored as running, never as finished
    assert run.data["ended"] is None and run.exit_status is None
    assert len(run.samples) >= 4
    assert killed_at - run.last_checkpoint < 0.2 + 1.0  # at most one interval (+ scheduling slack) lost
    total = sum(s["cpu_kwh"] + s["gpu_kwh"] + s["ram_kwh"] for s in run.samples)
    assert run.energy_kwh == pytest.approx(total, rel=1e-9) and total > 0


def test_unwritable_ledger_does_not_stop_cmd(env, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    env["FOOTPRINT_LEDGER"] = str(blocker / "ledger.db")  # its directory cannot be created
    script = "import time; print('trained'); time.sleep(1.0)"
    r = footprint("run", "--region", "FR", "--interval", "0.2", "--", PY, "-c", script, env=env)
    assert r.returncode == 0 and r.stdout == "trained\n"
    assert r.stderr.count("cannot create the directory of the ledger") >= 1
    assert r.stderr.count("footprint: cannot write the ledger") == 1  # warned once
    saved = list(tmp_path.glob("footprint-run-*.json"))
    assert len(saved) == 1 and str(saved[0]) in r.stderr
    data = json.loads(saved[0].read_text())
    assert data["run"]["status"] == "finished" and len(data["samples"]) >= 2
    # the saved run can be brought into a ledger
    good = tmp_path / "good.db"
    r2 = footprint("runs", "import", str(saved[0]), "--ledger", str(good), env=env)
    assert r2.returncode == 0, r2.stderr
    rec = Ledger(good).get(data["run"]["id"], samples=True)
    assert rec.status == "finished" and len(rec.samples) == len(data["samples"])
    assert rec.energy_kwh == pytest.approx(sum(s["cpu_kwh"] + s["gpu_kwh"] + s["ram_kwh"] for s in data["samples"]))


def test_nonzero_local_rank_runs_cmd_without_measuring(env):
    env["LOCAL_RANK"] = "1"
    r = footprint("run", "--region", "FR", "--", PY, "-c", "import sys; print('rank1'); sys.exit(3)", env=env)
    assert r.returncode == 3 and r.stdout == "rank1\n"
    assert "local rank 1 (LOCAL_RANK=1): not measuring" in r.stderr
    assert Ledger(env["FOOTPRINT_LEDGER"]).runs() == []


def test_region_from_environment_and_from_spec(env, tmp_path):
    env["FOOTPRINT_REGION"] = "DE"
    r = footprint("run", "--interval", "0.2", "--", PY, "-c", "pass", env=env)
    assert r.returncode == 0, r.stderr
    assert only_run(env).region == "DE" and only_run(env).region_source == "FOOTPRINT_REGION"


@pytest.mark.parametrize("args, expected", [
    (["run", "--region", "FR"], "give the command to measure"),
    (["run", "--", PY, "-c", "pass"], "no region"),
    (["run", "--region", "XX-NOWHERE", "--", PY, "-c", "pass"], "unknown region"),
    *[(["run", "--region", "FR", "--interval", v, "--", PY, "-c", "pass"],
       "--interval must be a number of seconds > 0, got") for v in ("0", "nan", "inf", "-inf", "1e400", "-1", "3601")],
    *[(["run", "--region", "FR", "--interval", "nan", "--", PY, "-c", "pass"], "from 0.05 to 3600 s")],
    *[(["run", "--region", "FR", *a, "--", PY, "-c", "pass"], "is not a local rank: give an integer from 0 to 65535")
      for a in (["--local-rank", "-1"], ["--local-rank=-2"], ["--local-rank", "65536"])],
    (["run", "--region", "FR", "--", "no-such-command-xyz"], "cannot run 'no-such-command-xyz'"),
    (["run", "--system", "missing.toml", "--", PY, "-c", "pass"], "does not exist"),
    (["run", "--region", "FR", "--phase", "p", "--", PY, "-c", "pass"], "--phase needs --system"),
    (["runs", "show", "feedbeef"], "unknown run 'feedbeef'"),
    (["runs", "export", "--format", "xml"], "unknown export format 'xml'"),
    (["runs", "import", "missing.csv"], "does not exist"),
    (["runs", "export"], "no ledger at"),
])
def test_bad_input_exits_2_with_one_line(env, args, expected):
    r = run_cli(*args, env=env)  # refused before any command starts: in process
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert expected in r.stderr and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    if args[0] == "run":
        assert not Path(env["FOOTPRINT_LEDGER"]).exists()  # nothing started, nothing written


def test_no_region_message_says_how_to_give_one(env):
    r = run_cli("run", "--", PY, "-c", "pass", env=env)
    assert "--region" in r.stderr and "FOOTPRINT_REGION" in r.stderr and "--system" in r.stderr
    assert "network" in r.stderr


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGHUP])
def test_sigint_and_sighup_are_forwarded(env, tmp_path, sig):
    marker = tmp_path / "ready"
    script = (f"import pathlib, signal, sys, time\n"
              f"signal.signal({int(sig)}, lambda s, f: (print('got', s, flush=True), sys.exit(0)))\n"
              f"pathlib.Path({str(marker)!r}).touch()\n"
              "time.sleep(30)\n")
    p = start("run", "--region", "FR", "--interval", "0.2", "--", PY, "-c", script, env=env)
    wait_for(marker.exists)
    p.send_signal(sig)
    out, err = p.communicate(timeout=20)
    assert out == f"got {int(sig)}\n" and p.returncode == 0  # the command handled it and exited 0
    run = only_run(env)
    assert run.status == "interrupted" and run.exit_status == 0


SPEC = """
name = "lab"
[datacenters.dc]
region = "DE"
pue = 1.5
grid_kgco2e_per_kwh = 0.4
[fleets.box]
accelerator = "nvidia-a100-sxm4-80gb"
accelerators = 1
[[training]]
name = "pretrain"
device_hours = 1000
accelerator_power_w = 300
[[training]]
name = "finetune"
hours = 3
"""


def test_system_and_phase_give_region_and_life_cycle_summary(env, tmp_path):
    spec = tmp_path / "lab.toml"
    spec.write_text(SPEC)
    r = footprint("run", "--system", str(spec), "--phase", "finetune", "--interval", "0.2", "--",
                  PY, "-c", "import time; time.sleep(0.5)", env=env)
    assert r.returncode == 0, r.stderr
    run = only_run(env)
    assert run.region == "DE" and "datacenters.dc.region" in run.region_source and run.phase == "finetune"
    assert "life cycle of this run" in r.stderr
    for word in ("operational", "embodied", "water", "materials"):
        assert word in r.stderr
    from footprint.lifecycle import run_estimate

    est = run_estimate(run.id, spec, phase="finetune", ledger=env["FOOTPRINT_LEDGER"])
    use = est.results[(est.results.stage == "use") & (est.results.criterion == "gwp")].value.sum()
    assert use == pytest.approx(run.energy_kwh * 1.5 * 0.4)
    r2 = footprint("run", "--system", str(spec), "--phase", "serve", "--", PY, "-c", "pass", env=env)
    assert r2.returncode == 2 and "no phase 'serve'" in r2.stderr and "'pretrain', 'finetune'" in r2.stderr


def test_track_inside_footprint_run_does_not_measure_twice(env):
    script = ("import footprint\n"
              "with footprint.track(name='inner', region='FR', quiet=True) as run:\n"
              "    pass\n"
              "print(run.measuring, run.outer_run)\n")
    r = footprint("run", "--region", "FR", "--interval", "0.2", "--", PY, "-c", script, env=env)
    assert r.returncode == 0, r.stderr
    run = only_run(env)  # only the supervisor's run is in the ledger
    assert r.stdout.split() == ["False", run.id]


#: A command that runs until its own run has 3 checkpoints in the ledger (at most 60 s): the test does not depend
#: on how fast 8 supervisors start on a loaded machine. It opens the ledger read-only (it never creates it).
UNTIL_3_CHECKPOINTS = """
import os, sqlite3, time
path, rid, end = os.environ["FOOTPRINT_LEDGER"], os.environ["FOOTPRINT_RUN_ID"], time.time() + 60
while time.time() < end:
    try:
        c = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
        n = c.execute("SELECT COUNT(*) FROM samples WHERE run_id = ?", (rid,)).fetchone()[0]
        c.close()
        if n >= 3:
            break
    except sqlite3.Error:
        pass
    time.sleep(0.05)
"""


def test_eight_concurrent_supervisors_share_one_ledger(env):
    procs = [start("run", "--region", "FR", "--interval", "0.05", "--name", f"p{k}", "--",
                   PY, "-c", UNTIL_3_CHECKPOINTS, env=env) for k in range(8)]
    for p in procs:
        p.communicate(timeout=60)
        assert p.returncode == 0
    led = Ledger(env["FOOTPRINT_LEDGER"])
    runs = led.runs()
    assert sorted(r.name for r in runs) == [f"p{k}" for k in range(8)]
    for r in runs:
        rec = led.get(r.id, samples=True)
        assert rec.status == "finished" and len(rec.samples) >= 3
        assert [s["seq"] for s in rec.samples] == list(range(len(rec.samples)))  # no checkpoint missing
        assert rec.energy_kwh == pytest.approx(sum(s["cpu_kwh"] + s["gpu_kwh"] + s["ram_kwh"] for s in rec.samples))


CTRL_C = r"""
import os, pty, select, sys, time
script = ("import signal, time\n"
          "n = [0]\n"
          "signal.signal(signal.SIGINT, lambda s, f: n.__setitem__(0, n[0] + 1))\n"
          "print('ready', flush=True)\n"
          "time.sleep(1.0)\n"
          "print('sigints', n[0], flush=True)\n")
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.executable, [sys.executable, "-m", "footprint.cli", "run", "--region", "FR", "--", sys.executable, "-c", script])
out, end = b"", time.time() + 30
while time.time() < end:
    if select.select([fd], [], [], 0.1)[0]:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        if b"ready" in chunk and b"ready" not in out:
            os.write(fd, b"\x03")  # Ctrl-C typed in the terminal
        out += chunk
_, status = os.waitpid(pid, 0)
print(out.decode(errors="replace"))
print("exit", os.waitstatus_to_exitcode(status))
"""


def test_ctrl_c_in_a_terminal_reaches_the_command_once(env):
    r = subprocess.run([PY, "-c", CTRL_C], capture_output=True, text=True, env=env, timeout=60)
    assert "sigints 1" in r.stdout, r.stdout  # delivered by the terminal, not forwarded a second time
    assert "exit 0" in r.stdout
    assert only_run(env).status == "interrupted"


def test_locked_ledger_does_not_stretch_the_run(env, tmp_path):
    """A ledger locked by another process while the command runs and ends: the run lasts as long as the
    command (not as long as the supervisor waited for the lock) and is written once the lock is gone."""
    import sqlite3
    import threading

    path = env["FOOTPRINT_LEDGER"]
    Ledger(path).write({"id": "seed0000", "status": "finished", "kind": "import", "started": 0.0}, ())
    conn = sqlite3.connect(path, timeout=5, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN EXCLUSIVE")
    released = threading.Timer(7.0, lambda: conn.execute("ROLLBACK"))  # > one write attempt (2 s x 3)
    released.start()
    try:
        t = time.monotonic()
        r = footprint("run", "--region", "FR", "--interval", "0.3", "--", PY, "-c", "import time; time.sleep(1.0)",
                      env=env)
        wall = time.monotonic() - t
    finally:
        released.join()
        conn.close()
    assert r.returncode == 0, r.stderr
    assert "cannot write the ledger" in r.stderr
    run = next(x for x in Ledger(path).runs() if x.id != "seed0000")
    assert run.status == "finished"
    # the command's 1 s plus start-up (seconds on a loaded machine), not the 7 s wait for the lock
    assert wall >= 6.0 and 1.0 <= run.duration_s < wall - 3.0, (run.duration_s, wall)
    assert run.ram_kwh == pytest.approx(run.duration_s * 20 / 3.6e6, rel=0.3) or run.ram_method != "constant"


def test_a_signal_delivered_to_another_thread_still_reaches_the_command(tmp_path, monkeypatch, capfd):
    """A process-directed signal can land on any thread (the meter's, under load). The supervisor's main thread
    must not sit in a blocking ``waitpid`` then: it would run the forwarding handler only after the command had
    ended on its own. Here the signal is sent to a helper thread on purpose; the command must get it at once."""
    import threading

    from footprint.tracker.supervisor import supervise

    for k in ("FOOTPRINT_REGION", "LOCAL_RANK", "SLURM_LOCALID", "FOOTPRINT_RUN_ID"):
        monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv("FOOTPRINT_CACHE_DIR", str(tmp_path / "cache"))  # the hardware description: not in ~/.cache
    marker = tmp_path / "ready"
    script = ("import pathlib, signal, sys, time\n"
              "signal.signal(signal.SIGTERM, lambda s, f: (print('got', s, flush=True), sys.exit(0)))\n"
              f"pathlib.Path({str(marker)!r}).touch()\n"
              "time.sleep(15)\n")

    def send():
        wait_for(marker.exists)
        time.sleep(0.3)  # the supervisor's main thread is waiting for the command by now
        signal.pthread_kill(threading.get_ident(), signal.SIGTERM)  # the handler runs on this thread's behalf

    helper = threading.Thread(target=send, daemon=True)
    helper.start()
    t0 = time.monotonic()
    code = supervise([PY, "-c", script], region="FR", interval_s=0.2, ledger=tmp_path / "ledger.db")
    elapsed_s = time.monotonic() - t0
    helper.join(5)
    assert code == 0 and elapsed_s < 10, elapsed_s  # not the command's own 15 s
    assert f"got {int(signal.SIGTERM)}" in capfd.readouterr().out
    run = Ledger(tmp_path / "ledger.db").runs()[0]
    assert run.status == "interrupted" and run.exit_status == 0
