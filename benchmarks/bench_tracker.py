"""What measuring costs: start-up of `footprint run`, CPU overhead on a CPU-bound script, steady-state CPU.

    python benchmarks/bench_tracker.py                  # 60 s CPU-bound script, 10 start-ups, 30 s steady state
    python benchmarks/bench_tracker.py --duration 10    # quicker

1. Start-up [s wall]: from launching ``footprint run --region FR -- python -S -c 'print(time.time())'`` to the
   command's first statement, minus the same for the bare command (its own interpreter start). Median of
   ``--startup-runs``. For reference: codecarbon's ``OfflineEmissionsTracker(...).start()`` in a fresh process.
2. CPU overhead [%]: a fixed amount of CPU-bound work (calibrated to ``--duration`` seconds) run bare and
   under ``footprint run`` (default interval 10 s); overhead = CPU time of the supervisor / CPU time of the
   work (both from getrusage), and the wall-clock difference.
3. Steady state [ms CPU per s]: the supervisor's CPU time (psutil) over ``--steady`` seconds of an idle
   command (``sleep``), after its first 3 s, at the default interval (10 s) and at 1 s.

Not part of the test suite: figures depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

PY = sys.executable
FOOTPRINT = [PY, "-m", "footprint.cli"]


def _env(tmp: str) -> dict:
    e = dict(os.environ)
    e["FOOTPRINT_LEDGER"] = os.path.join(tmp, "bench.db")
    e.pop("LOCAL_RANK", None)
    e.pop("SLURM_LOCALID", None)
    return e


def startup(runs: int, env: dict) -> dict:
    probe = ["python", "-S", "-c", "import time; print(time.time())"]
    wrapped, bare = [], []
    subprocess.run(FOOTPRINT + ["run", "--region", "FR", "--"] + probe, capture_output=True, env=env)  # warm caches
    for _ in range(runs):
        t = time.time()
        out = subprocess.run(probe, capture_output=True, text=True, env=env).stdout
        bare.append(float(out) - t)
        t = time.time()
        out = subprocess.run(FOOTPRINT + ["run", "--region", "FR", "--"] + probe, capture_output=True, text=True, env=env).stdout
        wrapped.append(float(out) - t)
    cc = ("import time; t = time.perf_counter(); from codecarbon import OfflineEmissionsTracker; "
          "tr = OfflineEmissionsTracker(country_iso_code='FRA', save_to_file=False, log_level='error'); tr.start(); "
          "print(time.perf_counter() - t); tr.stop()")
    ccs = [float(subprocess.run([PY, "-c", cc], capture_output=True, text=True).stdout.strip().splitlines()[-1])
           for _ in range(max(1, min(runs, 3)))]
    return {"footprint_run_s": statistics.median(w - b for w, b in zip(wrapped, bare)),
            "bare_python_s": statistics.median(bare), "codecarbon_start_s": statistics.median(ccs)}


WORK = """
import sys, time
n = int(sys.argv[1]); t = time.process_time(); x = 0
for i in range(n):
    x += i * i % 7
print(time.process_time() - t)
"""


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def calibrate(seconds: float) -> int:
    """Iterations of WORK that take ``seconds`` of CPU (timed in a process of its own, as it will run)."""
    n = 3_000_000
    per = float(subprocess.run([PY, "-c", WORK, str(n)], capture_output=True, text=True, check=True).stdout) / n
    return int(seconds / per)


def overhead(seconds: float, env: dict) -> dict:
    n = calibrate(seconds)
    c0, w0 = _children_cpu(), time.perf_counter()
    subprocess.run([PY, "-c", WORK, str(n)], capture_output=True, text=True, env=env, check=True)
    bare_cpu, bare_wall = _children_cpu() - c0, time.perf_counter() - w0
    c0, w0 = _children_cpu(), time.perf_counter()
    r = subprocess.run(FOOTPRINT + ["run", "--region", "FR", "--", PY, "-c", WORK, str(n)], capture_output=True,
                       text=True, env=env, check=True)
    total_cpu, wrapped_wall = _children_cpu() - c0, time.perf_counter() - w0
    work_cpu = float(r.stdout.strip())
    # the work's process also spends CPU starting and ending its interpreter: that is not the supervisor's
    c0 = _children_cpu()
    subprocess.run([PY, "-c", WORK, "1"], capture_output=True, text=True, env=env, check=True)
    interpreter_cpu = _children_cpu() - c0
    supervisor_cpu = total_cpu - work_cpu - interpreter_cpu
    return {"work_cpu_s": work_cpu, "bare_cpu_s": bare_cpu, "wrapped_cpu_s": total_cpu,
            "supervisor_cpu_s": supervisor_cpu, "overhead_pct": 100 * supervisor_cpu / work_cpu,
            "bare_wall_s": bare_wall, "wrapped_wall_s": wrapped_wall}


def steady(seconds: float, interval: float, env: dict) -> dict:
    import psutil

    p = subprocess.Popen(FOOTPRINT + ["run", "--region", "FR", "--interval", str(interval), "--", "sleep", str(seconds + 4)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    proc = psutil.Process(p.pid)

    def cpu_s() -> float:  # /proc/PID/task/*/schedstat: ns on CPU per thread; psutil's 10 ms ticks are coarse
        try:
            total = 0
            for tid in os.listdir(f"/proc/{p.pid}/task"):
                with open(f"/proc/{p.pid}/task/{tid}/schedstat") as fh:
                    total += int(fh.read().split()[0])
            return total / 1e9
        except OSError:
            return sum(proc.cpu_times()[:2])

    time.sleep(3)
    c0 = cpu_s()
    t0 = time.perf_counter()
    time.sleep(seconds)
    c1 = cpu_s()
    dt = time.perf_counter() - t0
    p.wait()
    return {"interval_s": interval, "ms_cpu_per_s": 1000 * (c1 - c0) / dt}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description="Cost of measuring with footprint run")
    ap.add_argument("--duration", type=float, default=60.0, help="seconds of CPU-bound work (default 60)")
    ap.add_argument("--startup-runs", type=int, default=10)
    ap.add_argument("--steady", type=float, default=30.0, help="seconds of steady state measured (default 30)")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        env = _env(tmp)
        s = startup(a.startup_runs, env)
        print(f"start-up before CMD runs: footprint run {s['footprint_run_s']:.3f} s (median of {a.startup_runs}, "
              f"bare python -S itself {s['bare_python_s']:.3f} s); codecarbon OfflineEmissionsTracker.start() "
              f"{s['codecarbon_start_s']:.3f} s", flush=True)
        o = overhead(a.duration, env)
        print(f"CPU-bound work of {o['work_cpu_s']:.1f} s CPU: supervisor used {o['supervisor_cpu_s']:.3f} s CPU = "
              f"{o['overhead_pct']:.2f}% (bare run {o['bare_cpu_s']:.2f} s CPU / {o['bare_wall_s']:.2f} s wall, wrapped "
              f"{o['wrapped_cpu_s']:.2f} s CPU / {o['wrapped_wall_s']:.2f} s wall)", flush=True)
        for interval in (10.0, 1.0):
            st = steady(a.steady, interval, env)
            print(f"steady state, interval {interval:g} s: {st['ms_cpu_per_s']:.3f} ms CPU per second of run", flush=True)


if __name__ == "__main__":
    main()
