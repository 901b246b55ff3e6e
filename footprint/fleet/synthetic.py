"""Synthetic job tables and sacct exports (no real jobs): what the tests, the benchmarks and the notebook use.

:func:`synthetic_jobs` draws a year of jobs on a cluster of GPU and CPU partitions: start times uniform over the
year, run times lognormal (median 40 minutes, at most a week), mostly one node, about half the jobs on whole nodes,
measured energy on a share of the exclusive jobs (a plausible power per node), 80% completed, the rest failed,
timed out or cancelled. :func:`write_sacct` writes the same kind of jobs as a ``sacct -P`` export, each job followed
by its ``.batch`` and ``.extern`` steps.
"""

from __future__ import annotations

import numpy as np

__all__ = ["synthetic_jobs", "write_jobs", "write_sacct", "PARTITIONS"]

#: partition -> (GPUs per node, CPUs per node, memory per node [MiB], measured power per node [W]).
PARTITIONS = {"gpu": (4, 64, 512_000, 2_400.0), "cpu": (0, 128, 256_000, 450.0)}

_STATES = np.array(["COMPLETED", "FAILED", "TIMEOUT", "CANCELLED", "OUT_OF_MEMORY"])
_P_STATES = np.array([0.80, 0.08, 0.04, 0.07, 0.01])


def synthetic_jobs(n: int, seed: int = 0, year: int = 2025, partitions=None, measured_share: float = 0.5,
                   users: int = 400, first_id: int = 0) -> dict:
    """``n`` synthetic jobs as {column: numpy array} in the job table's columns."""
    parts = partitions or PARTITIONS
    names = list(parts)
    rng = np.random.default_rng(seed)
    p = rng.choice(len(names), size=n, p=[0.35, 0.65] if len(names) == 2 else None)
    gpn = np.array([parts[k][0] for k in names])[p]
    cpn = np.array([parts[k][1] for k in names])[p]
    mpn = np.array([parts[k][2] for k in names])[p].astype(float)
    wpn = np.array([parts[k][3] for k in names])[p]
    t0 = np.datetime64(f"{year}-01-01T00:00:00", "s").astype(np.int64)
    t1 = np.datetime64(f"{year + 1}-01-01T00:00:00", "s").astype(np.int64)
    start = rng.integers(t0, t1 - 3600, size=n)
    elapsed = np.minimum(np.exp(rng.normal(np.log(2400.0), 1.4, size=n)), 7 * 86400).astype(np.int64)
    nodes = np.where(rng.random(n) < 0.85, 1, rng.integers(2, 17, size=n))
    whole = rng.random(n) < 0.5
    frac = np.where(whole, 1.0, rng.choice([0.125, 0.25, 0.5], size=n))
    cpus = np.maximum(1, (cpn * frac).astype(np.int64)) * nodes
    gpus = np.where(gpn > 0, np.maximum(1, (gpn * frac).astype(np.int64)) * nodes, 0)
    mem = mpn * frac * nodes
    measured = whole & (rng.random(n) < measured_share)
    energy = np.where(measured, wpn * nodes * elapsed * rng.uniform(0.6, 1.1, size=n), np.nan)
    state = _STATES[rng.choice(len(_STATES), size=n, p=_P_STATES)]
    user = rng.integers(0, users, size=n)
    uid = np.char.add("u", user.astype(str))
    account = np.char.add("acct", (user % max(users // 5, 1)).astype(str))
    return {"job_id": np.char.add("j", np.arange(first_id, first_id + n).astype(str)), "user": uid,
            "account": account, "partition": np.array(names)[p], "state": state,
            "submit": (start - rng.integers(0, 3600, size=n)).astype("datetime64[s]"),
            "start": start.astype("datetime64[s]"), "end": (start + elapsed).astype("datetime64[s]"),
            "elapsed_s": elapsed, "nodes": nodes.astype(np.int32), "cpus": cpus.astype(np.int32), "mem_mb": mem,
            "gpus": gpus.astype(np.int32), "gpu_type": np.where(gpus > 0, "h100", None), "energy_j": energy,
            "energy_source": np.where(measured, "slurm ConsumedEnergyRaw", None),
            "energy_scope": np.where(measured, "node", None)}


def _batch(cols: dict):
    import pyarrow as pa

    from .schema import COLUMNS, arrow_schema

    schema = arrow_schema()
    arrays = []
    n = len(cols["job_id"])
    for name, _, _, _ in COLUMNS:
        typ = schema.field(name).type
        if name not in cols:
            arrays.append(pa.nulls(n, type=typ))
        elif pa.types.is_timestamp(typ):
            arrays.append(pa.array(cols[name], type=pa.timestamp("s")).cast(typ))
        else:
            v = cols[name]
            arrays.append(pa.array(v, type=typ, from_pandas=True) if v.dtype != object else pa.array(v.tolist(), typ))
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def write_jobs(path, n: int, seed: int = 0, batch: int = 1_000_000, row_group: int = 250_000, **kw) -> int:
    """Write ``n`` synthetic jobs to a Parquet job table, drawn ``batch`` at a time, in row groups of ``row_group``
    jobs (as ``footprint fleet import`` writes them); returns ``n``."""
    import pyarrow.parquet as pq

    from .schema import arrow_schema

    with pq.ParquetWriter(str(path), arrow_schema(), compression="zstd") as w:
        for i, a in enumerate(range(0, n, batch)):
            w.write_batch(_batch(synthetic_jobs(min(batch, n - a), seed=seed + i, first_id=a, **kw)),
                          row_group_size=row_group)
    return n


def write_sacct(path, lines: int, seed: int = 0, batch: int = 200_000) -> int:
    """Write a sacct -P export of about ``lines`` lines (each job and its .batch and .extern steps); returns the
    number of jobs."""
    from .sacct import FIELDS

    jobs = 0
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("|".join(FIELDS) + "\n")
        written = 1
        i = 0
        while written < lines:
            n = min(batch, max(1, (lines - written) // 3))
            c = synthetic_jobs(n, seed=seed + i, first_id=jobs)
            i += 1
            ts = lambda a: np.datetime_as_string(a, unit="s")
            sub, st, en = ts(c["submit"]), ts(c["start"]), ts(c["end"])
            out = []
            for k in range(n):
                g = int(c["gpus"][k])
                tres = f"billing={c['cpus'][k]},cpu={c['cpus'][k]}," + (f"gres/gpu:h100={g},gres/gpu={g}," if g else "") \
                    + f"mem={int(c['mem_mb'][k])}M,node={c['nodes'][k]}"
                e = c["energy_j"][k]
                e = "0" if e != e else str(int(e))
                nl = f"n[{1:05d}-{int(c['nodes'][k]):05d}]" if c["nodes"][k] > 1 else "n00001"
                jid = c["job_id"][k]
                common = f"{sub[k]}|{st[k]}|{en[k]}|{c['elapsed_s'][k]}|{c['nodes'][k]}|{nl}|{c['cpus'][k]}|" \
                         f"{int(c['mem_mb'][k])}M|{tres}"
                out.append(f"{jid}|{c['user'][k]}|{c['account'][k]}|{c['partition'][k]}|{c['state'][k]}|{common}|{e}")
                out.append(f"{jid}.batch||{c['account'][k]}||{c['state'][k]}|{common}|{e}")
                out.append(f"{jid}.extern||{c['account'][k]}||COMPLETED|{common}|{e}")
            fh.write("\n".join(out) + "\n")
            written += 3 * n
            jobs += n
    return jobs
