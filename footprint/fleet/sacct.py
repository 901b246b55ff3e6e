"""Slurm accounting: read the output of

    sacct -a -P --noconvert --format JobID,User,Account,Partition,State,Submit,Start,End,ElapsedRaw,NNodes,NodeList,NCPUS,ReqMem,AllocTRES,ConsumedEnergyRaw

in chunks of lines (bounded memory whatever the file's size) into record batches of the job table
(:mod:`.schema`).

Required fields: ``JobID`` (or ``JobIDRaw``), ``Partition``, ``State``, ``Start``, ``ElapsedRaw`` (or
``Elapsed``), ``NNodes``, ``NCPUS``. Optional: ``User``, ``Account``, ``Submit``, ``End``, ``NodeList``, ``ReqMem``,
``AllocTRES`` (GPUs and allocated memory), ``ConsumedEnergyRaw`` (measured energy). Other fields are ignored.
``-P`` (``|``, no trailing ``|``) and ``-p`` (a trailing ``|``) both read; without a header line the fields must be
the 15 above, in that order.

The pitfalls of the format (scripts/factor_builders/fleet/sacct_format.md), each handled here:

- step lines (``1234.batch``, ``1234.extern``, ``1234.0``) repeat the job's resources and energy (``.extern`` the
  job's total, ``.batch`` its first node): only job lines are kept;
- ``gres/gpu=4`` and ``gres/gpu:h100=4`` are the same 4 GPUs (:func:`~.convert.tres_gpus`);
- ``CANCELLED by 1234`` is the state CANCELLED, the uid kept in ``cancelled_by``;
- running, pending (one line for a whole pending array) and other unfinished jobs are skipped with a count;
- ``ConsumedEnergyRaw`` is in joules; 0 or empty means not measured (null); it is node-level energy (scope
  ``node``), the job's own only when the job held its nodes alone, which the report decides;
- times without an offset are the cluster's local time (``--timezone``); the run time is ``ElapsedRaw``, never
  End - Start (End prints before Start across the autumn clock change);
- ``ReqMem`` of Slurm < 21.08 is per CPU (``4000Mc``) or per node (``250Gn``); AllocTRES ``mem=`` is used first;
- host lists (``nid[001002,001004-001006]``) are kept compact; one whose node count differs from NNodes is counted.

A line with the wrong number of fields or a value that is not of its type is a bad line (its number kept).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import numpy as np
import pandas as pd

from . import hostlist
from .convert import (parse_elapsed, parse_floats, parse_ints, parse_times, mem_mb, split_state, to_batch,
                      tres_gpus, tres_mem_mb)
from .errors import JobFileError
from .schema import UNFINISHED
from .stats import ImportStats

__all__ = ["FIELDS", "REQUIRED_FIELDS", "SACCT_COMMAND", "read_sacct", "looks_like_sacct"]

#: The fields of the recommended command, in its order (the order assumed for a file without a header line).
FIELDS = ("JobID", "User", "Account", "Partition", "State", "Submit", "Start", "End", "ElapsedRaw", "NNodes",
          "NodeList", "NCPUS", "ReqMem", "AllocTRES", "ConsumedEnergyRaw")

#: Fields an export must have (``JobIDRaw`` may stand for ``JobID``, ``Elapsed`` for ``ElapsedRaw``).
REQUIRED_FIELDS = ("JobID", "Partition", "State", "Start", "ElapsedRaw", "NNodes", "NCPUS")

SACCT_COMMAND = "sacct -a -P --noconvert --format " + ",".join(FIELDS)

#: Job lines converted at once [lines].
CHUNK_LINES = 250_000


def looks_like_sacct(first_line: str) -> bool:
    """Whether a file's first line is a sacct -P / -p header."""
    names = {f.strip().lower() for f in first_line.rstrip("\r\n").split("|")}
    return "|" in first_line and ("jobid" in names or "jobidraw" in names)


def _header(path, first: str) -> tuple[dict[str, int], int, bool, bool]:
    """({field: index}, number of fields, trailing '|', whether the first line is a header)."""
    text = first.rstrip("\r\n")
    parts = text.split("|")
    trailing = len(parts) > 1 and parts[-1] == ""
    if trailing:
        parts = parts[:-1]
    if looks_like_sacct(first):
        index = {p.strip(): i for i, p in enumerate(parts)}
        lower = {k.lower(): v for k, v in index.items()}
        index = {f: lower[f.lower()] for f in (*FIELDS, "JobIDRaw", "Elapsed") if f.lower() in lower}
        if "JobID" not in index and "JobIDRaw" in index:
            index["JobID"] = index["JobIDRaw"]
        if "ElapsedRaw" not in index and "Elapsed" in index:
            index["ElapsedRaw"] = -1 - index["Elapsed"]  # marks Elapsed ([DD-]HH:MM:SS) instead of seconds
        missing = [f for f in REQUIRED_FIELDS if f not in index]
        if missing:
            raise JobFileError(path, f"the sacct export has no {', '.join(missing)} field; export it with: {SACCT_COMMAND}")
        return index, len(parts), trailing, True
    if len(parts) == len(FIELDS):
        return {f: i for i, f in enumerate(FIELDS)}, len(FIELDS), trailing, False
    raise JobFileError(path, f"not a sacct -P export: the first line is neither a header naming JobID nor a line of the "
                             f"{len(FIELDS)} fields of: {SACCT_COMMAND}", [1], 1)


def read_sacct(path, stats: ImportStats, tz: str = "UTC", chunk_lines: int = CHUNK_LINES) -> Iterator:
    """Record batches of the job table from a sacct export, ``chunk_lines`` job lines at a time; counts go to
    ``stats``."""
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
        first = fh.readline()
        if not first.strip():
            raise JobFileError(path, "the file is empty; export it with: " + SACCT_COMMAND)
        index, n, trailing, has_header = _header(path, first)
        if tz == "UTC":
            stats.note("times without an offset were read as UTC (give --timezone with the cluster's time zone)")
        job = index["JobID"]
        header = first.rstrip("\r\n") if has_header else None
        rows: list[list[str]] = []
        nums: list[int] = []
        numbered = enumerate(fh, start=2)
        if not has_header:
            numbered = itertools.chain([(1, first)], numbered)
        for no, line in numbered:
            line = line.rstrip("\r\n")
            if not line:
                continue
            if line == header:  # exports concatenated with their headers
                stats.counts["header lines repeated (skipped)"] += 1
                continue
            stats.lines += 1
            parts = line.split("|")
            if trailing and parts and parts[-1] == "":
                parts.pop()
            if len(parts) != n:
                stats.bad_line(no, f"{len(parts)} fields where the header has {n}")
                continue
            if "." in parts[job]:
                stats.steps += 1
                continue
            rows.append(parts)
            nums.append(no)
            if len(rows) >= chunk_lines:
                batch = _convert(rows, nums, index, stats, tz)
                rows, nums = [], []
                if batch is not None:
                    yield batch
        if rows:
            batch = _convert(rows, nums, index, stats, tz)
            if batch is not None:
                yield batch


def _field(cols, index, name, n) -> pd.Series:
    i = index.get(name)
    if i is None:
        return pd.Series([""] * n, dtype="object")
    return pd.Series(cols[i if i >= 0 else -1 - i], dtype="object")


def _node_counts(lists: pd.Series, nodes: np.ndarray, stats: ImportStats) -> None:
    """Count the host lists whose number of names differs from NNodes (or that are not host lists)."""
    uniq = pd.unique(lists.dropna())
    counts = {}
    for text in uniq:
        try:
            counts[text] = hostlist.count(text)
        except ValueError:
            counts[text] = -1
    got = lists.map(counts).to_numpy(dtype="float64")
    known = ~np.isnan(got)
    unreadable = int((got[known] < 0).sum())
    mismatch = int(((got[known] >= 0) & (got[known] != nodes[known])).sum())
    if unreadable:
        stats.counts["host lists not readable"] += unreadable
    if mismatch:
        stats.counts["host lists whose node count differs from NNodes"] += mismatch


def _convert(rows, nums, index, stats: ImportStats, tz: str):
    cols = list(zip(*rows))
    n = len(rows)
    nums = np.asarray(nums)
    f = lambda name: _field(cols, index, name, n)
    bad = np.zeros(n, dtype=bool)

    def mark(mask, reason):
        new = mask & ~bad
        if new.any():
            stats.bad_rows(nums[new], reason)
        bad[:] |= mask

    state, uid = split_state(f("State"))
    unfinished = state.isin(UNFINISHED).to_numpy()
    for s, k in state[unfinished].value_counts().items():
        stats.unfinished[s] += int(k)
    mark(state.isna().to_numpy(), "State is not a Slurm state")
    job_id = f("JobID").str.strip()
    mark((job_id == "").to_numpy(), "JobID is empty")
    partition = f("Partition").str.strip()
    mark((partition == "").to_numpy() & ~unfinished, "Partition is empty")
    if index["ElapsedRaw"] >= 0:
        elapsed, _, ebad = parse_ints(f("ElapsedRaw"))
    else:
        elapsed, ebad = parse_elapsed(f("ElapsedRaw"))
    mark(ebad, "ElapsedRaw is not a whole number of seconds")
    nodes, _, nbad = parse_ints(f("NNodes"), null_ok=False)
    mark(nbad & ~unfinished, "NNodes is not a whole number")
    cpus, _, cbad = parse_ints(f("NCPUS"), null_ok=False)
    mark(cbad & ~unfinished, "NCPUS is not a whole number")
    times = {}
    for col, name in (("submit", "Submit"), ("start", "Start"), ("end", "End")):
        times[col], tbad = parse_times(f(name), tz)
        mark(tbad & ~unfinished, f"{name} is not a time")
    tres = f("AllocTRES")
    gpus, gpu_type = tres_gpus(tres)
    mem = tres_mem_mb(tres)
    req, rbad = mem_mb(f("ReqMem"), cpus, nodes)
    mark(rbad & ~unfinished, "ReqMem is not a memory size")
    mem = np.where(np.isnan(mem), req, mem)
    if "ConsumedEnergyRaw" in index:
        energy, ebad = parse_floats(f("ConsumedEnergyRaw"))
        mark(ebad & ~unfinished, "ConsumedEnergyRaw is not a number of joules")
    else:
        energy = pd.to_numeric(tres.astype("string").str.extract(r"(?:^|,)energy=(\d+)")[0],
                               errors="coerce").to_numpy(dtype="float64")
    energy = np.where(energy > 0, energy, np.nan)  # 0: no energy was recorded, not zero energy
    keep = ~bad & ~unfinished
    if not keep.any():
        return None
    node_list = f("NodeList").str.strip()
    node_list = node_list.where(~node_list.isin(("", "None assigned", "(null)")), None)
    _node_counts(node_list[keep], nodes[keep], stats)
    has_e = ~np.isnan(energy)
    text = lambda s: s.where(s != "", None)
    cols_out = {
        "job_id": job_id, "user": text(f("User").str.strip()), "account": text(f("Account").str.strip()),
        "partition": partition, "state": state.astype("object"),
        "cancelled_by": pd.Series(uid).where(uid >= 0).astype("Int64"),
        "submit": times["submit"], "start": times["start"], "end": times["end"], "elapsed_s": elapsed,
        "nodes": nodes.astype("int32"), "node_list": node_list, "cpus": cpus.astype("int32"), "mem_mb": mem,
        "gpus": gpus.astype("int32"), "gpu_type": gpu_type, "energy_j": energy,
        "energy_source": np.where(has_e, "slurm ConsumedEnergyRaw", None),
        "energy_scope": np.where(has_e, "node", None),
    }
    sel = np.flatnonzero(keep)
    out = {}
    for k, v in cols_out.items():
        if isinstance(v, pd.Series):
            out[k] = v.iloc[sel].reset_index(drop=True)
        else:
            out[k] = v[sel]
    stats.jobs += len(sel)
    return to_batch(out)
