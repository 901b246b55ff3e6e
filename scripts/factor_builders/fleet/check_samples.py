#!/usr/bin/env python3
"""Check that the composed samples exercise the pitfalls of sacct_format.md and kepler_format.md.

    python scripts/factor_builders/fleet/check_samples.py

A reference reading of the two formats (stdlib only), not the project's parser: each rule below is one pitfall
of the notes, and each assert pins what a correct reader must get from the samples.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import os
import re
from zoneinfo import ZoneInfo

HERE = os.path.dirname(os.path.abspath(__file__))
CLUSTER_TZ = ZoneInfo("Europe/Zurich")      # the sample cluster's local time (sacct prints local time, no offset)

GPU_UNTYPED = re.compile(r"(?:^|,)gres/gpu=(\d+)")
GPU_TYPED = re.compile(r"(?:^|,)gres/gpu:[^=,]+=(\d+)")
STEP = re.compile(r"^(?P<job>[^.]+)(?:\.(?P<step>.+))?$")


def expand_nodelist(s: str) -> list[str]:
    """'nid[001002,001004-001006],gpu-a012' -> names; zero padding kept; 'None assigned' -> []."""
    if not s or s == "None assigned":
        return []
    out = []
    parts = re.findall(r"([^,\[]+)(?:\[([^\]]+)\])?,?", s)
    for prefix, ranges in parts:
        if not ranges:
            out.append(prefix)
            continue
        for r in ranges.split(","):
            a, _, b = r.partition("-")
            for n in range(int(a), int(b or a) + 1):
                out.append(f"{prefix}{n:0{len(a)}d}")
    return out


def gpus(alloc_tres: str) -> int:
    """Untyped gres/gpu is the total; typed counts are a breakdown of the same GPUs (never add both)."""
    m = GPU_UNTYPED.search(alloc_tres)
    if m:
        return int(m.group(1))
    return sum(int(x) for x in GPU_TYPED.findall(alloc_tres))


def req_mem_mb(req_mem: str, ncpus: int, nnodes: int) -> float | None:
    """ReqMem -> MB for the whole job; old Slurm (<21.08) suffix c = per CPU, n = per node."""
    m = re.fullmatch(r"([\d.]+)([KMGTP]?)([cn]?)", req_mem)
    if not m:
        return None
    scale = {"": 1, "K": 1 / 1024, "M": 1, "G": 1024, "T": 1024 ** 2, "P": 1024 ** 3}[m.group(2)]
    v = float(m.group(1)) * scale
    return v * ncpus if m.group(3) == "c" else v * nnodes if m.group(3) == "n" else v


def local_to_utc(s: str, fold: int = 0) -> dt.datetime | None:
    if s in ("Unknown", "None", ""):
        return None
    return dt.datetime.fromisoformat(s).replace(tzinfo=CLUSTER_TZ, fold=fold).astimezone(dt.UTC)


def check_sacct() -> None:
    with open(os.path.join(HERE, "sample_sacct.txt"), encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="|"))
    jobs = {}
    for r in rows:
        m = STEP.match(r["JobID"])
        if m.group("step") is None:
            jobs[r["JobID"]] = r
    # 1. energy: job line only (the .extern step repeats it, .batch is the first node only)
    e_all = sum(int(r["ConsumedEnergyRaw"] or 0) for r in rows)
    e_jobs = sum(int(r["ConsumedEnergyRaw"] or 0) for r in jobs.values())
    assert e_all > 2 * e_jobs, "steps must repeat energy in the sample"
    extern = next(r for r in rows if r["JobID"] == "4410022.extern")
    assert jobs["4410022"]["ConsumedEnergyRaw"] == extern["ConsumedEnergyRaw"]
    # 2. GPUs: gres/gpu=4 and gres/gpu:h100=4 are the same 4 GPUs
    assert gpus(jobs["4410021"]["AllocTRES"]) == 4 and gpus(jobs["4410151"]["AllocTRES"]) == 2
    # 3. states: 'CANCELLED by <uid>' is CANCELLED; PENDING and RUNNING are not finished jobs
    states = {j: r["State"].split(" by ")[0] for j, r in jobs.items()}
    assert states["4410022"] == "CANCELLED" and jobs["4410022"]["State"].endswith("by 51234")
    unfinished = [j for j, s in states.items() if s in ("PENDING", "RUNNING")]
    assert sorted(unfinished) == ["4410100_[3-20]", "4410150"]
    # 4. node lists: ranges and zero padding
    assert expand_nodelist("nid[001002,001004-001006]") == ["nid001002", "nid001004", "nid001005", "nid001006"]
    assert expand_nodelist("gpu-a[020,022],cpu-b101") == ["gpu-a020", "gpu-a022", "cpu-b101"]
    for j, r in jobs.items():
        if r["NodeList"] != "None assigned":
            assert len(expand_nodelist(r["NodeList"])) == int(r["NNodes"]), j
    # 5. ReqMem: old per-CPU / per-node suffixes
    assert req_mem_mb("4000Mc", 32, 1) == 128000 and req_mem_mb("250Gn", 96, 1) == 256000
    # 6. time: local time without offset; End < Start across the October DST change; ElapsedRaw is the truth
    j = jobs["4410400"]
    start, end = local_to_utc(j["Start"]), local_to_utc(j["End"], fold=1)
    assert j["End"] < j["Start"] and (end - start).total_seconds() == int(j["ElapsedRaw"])
    assert jobs["4410150"]["End"] == "Unknown" and jobs["4410401"]["Start"] == "Unknown"
    # 7. energy plausibility: 0 means "not measured"; > 5 kW per node is flagged
    flagged = [j for j, r in jobs.items() if int(r["ConsumedEnergyRaw"] or 0) > 0 and int(r["ElapsedRaw"]) > 0
               and int(r["ConsumedEnergyRaw"]) / int(r["ElapsedRaw"]) / int(r["NNodes"]) > 5000]
    assert flagged == ["4410154"], flagged
    gpu_h = sum(gpus(r["AllocTRES"]) * int(r["ElapsedRaw"]) for r in jobs.values() if states[r["JobID"]]
                not in ("PENDING", "RUNNING")) / 3600
    print(f"sacct: {len(rows)} lines, {len(jobs)} jobs, job-level energy {e_jobs / 3.6e6:.1f} kWh "
          f"(all lines summed: {e_all / 3.6e6:.1f} kWh), {gpu_h:.1f} GPU-hours of finished jobs")


def parse_exposition(path: str) -> dict[tuple, float]:
    series = {}
    with open(path, encoding="utf-8") as fh:
        lines = fh.readlines()
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        m = re.match(r"([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)", line)
        labels = tuple(sorted(re.findall(r'(\w+)="([^"]*)"', m.group(2) or "")))
        series[(m.group(1), labels)] = float(m.group(3))
    return series


def check_kepler() -> None:
    s = parse_exposition(os.path.join(HERE, "sample_kepler.txt"))
    def get(name: str, **kw: str) -> float:
        return sum(v for (n, lab), v in s.items() if n == name and all(dict(lab).get(k) == x for k, x in kw.items()))

    # zones overlap: filter one zone; node total = active + idle
    for zone in ("package", "dram"):
        tot = get("kepler_node_cpu_joules_total", zone=zone)
        assert abs(tot - get("kepler_node_cpu_active_joules_total", zone=zone)
                   - get("kepler_node_cpu_idle_joules_total", zone=zone)) < 1
        # workloads share ACTIVE energy only: containers sum to at most the node's active energy
        assert get("kepler_container_cpu_joules_total", zone=zone) <= get("kepler_node_cpu_active_joules_total",
                                                                          zone=zone)
    # pods = sum of their containers (running and terminated kept apart by the state label)
    pod = "5f0e6a7c-1111-4c2b-9d3e-aaaaaaaaaaaa"
    assert get("kepler_pod_cpu_joules_total", pod_id=pod, zone="package") == get(
        "kepler_container_cpu_joules_total", pod_id=pod, zone="package")
    gpu_gap = get("kepler_node_gpu_active_joules_total") - get("kepler_container_gpu_joules_total")
    assert abs(gpu_gap) < 2e3
    # CSV export: increase() with a counter reset (Kepler restart) at the 5th sample
    with open(os.path.join(HERE, "sample_kepler.csv"), encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    ser = [float(r["value"]) for r in rows if r["pod_name"] == "llm-ft-0" and r["metric"].endswith("cpu_joules_total")]
    inc = sum((b - a) if b >= a else b for a, b in itertools.pairwise(ser))
    # the reset interval counts from 0: 5 normal minutes at 151.3 W plus the 9020 J read after the restart
    assert abs(inc - (5 * 151.3 * 60 + 9020)) < 1, inc
    print(f"kepler: {len(s)} series; pod llm-ft-0 package energy over the CSV window {inc / 3600:.2f} Wh "
          f"(naive last-first would give {(ser[-1] - ser[0]) / 3600:.1f} Wh)")


if __name__ == "__main__":
    check_sacct()
    check_kepler()
