"""A job table given as CSV or Parquet with the schema's columns (:mod:`.schema`), e.g. built from a cloud billing
export or another scheduler's accounting: read in batches, checked and converted to the schema.

Required columns: ``job_id``, ``partition``, ``state``, ``elapsed_s``, ``nodes``, ``cpus``, ``gpus``; the others
are optional (null when absent). Times: ISO 8601 with an offset, epoch seconds, or without an offset (read in
``--timezone``); Parquet timestamps as they are (naive ones in ``--timezone``). ``state`` may be a Slurm state with
``by <uid>``; ``exclusive`` true/false/1/0/yes/no. A value that is not of its column's type is a bad row (its line
number kept: the header is line 1).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from .convert import parse_floats, parse_ints, parse_times, split_state, to_batch
from .errors import JobFileError
from .schema import COLUMNS, REQUIRED, UNFINISHED
from .stats import ImportStats

__all__ = ["read_table", "check_job_table", "BATCH_ROWS"]

#: Rows converted at once.
BATCH_ROWS = 250_000

_INT = {"elapsed_s", "nodes", "cpus", "gpus", "cancelled_by"}
_FLOAT = {"mem_mb", "energy_j"}
_TIME = {"submit", "start", "end"}
_TEXT = {"job_id", "user", "account", "partition", "node_list", "gpu_type", "energy_source", "energy_scope"}
_TRUE = {"true", "1", "yes", "y", "t"}
_FALSE = {"false", "0", "no", "n", "f"}


def _batches(path, fmt: str) -> Iterator[tuple[pd.DataFrame, int]]:
    """(frame of the file's columns, line number of its first row)."""
    import pyarrow as pa
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    if fmt == "parquet":
        try:
            pf = pq.ParquetFile(path)
        except (pa.ArrowInvalid, OSError) as exc:
            raise JobFileError(path, f"not a Parquet file ({exc})") from None
        first = 1
        for b in pf.iter_batches(batch_size=BATCH_ROWS):
            df = b.to_pandas()
            yield df, first
            first += len(df)
        return
    import csv

    with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
        names = next(csv.reader(fh), None)
    if not names:
        raise JobFileError(path, "the file is empty (a job table needs a header line)")
    try:
        reader = pcsv.open_csv(path, read_options=pcsv.ReadOptions(block_size=1 << 24),
                               convert_options=pcsv.ConvertOptions(column_types={n: pa.string() for n in names},
                                                                   strings_can_be_null=True))
        first = 2
        for b in reader:
            df = b.to_pandas()
            yield df, first
            first += len(df)
    except pa.ArrowInvalid as exc:
        raise JobFileError(path, f"cannot be read as CSV: {exc}") from None


def _check_columns(path, columns) -> None:
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise JobFileError(path, f"the job table has no column {', '.join(missing)}; its columns are the job table's "
                                 f"(footprint.fleet.schema): {', '.join(c for c, *_ in COLUMNS)}")


def read_table(path, stats: ImportStats, fmt: str, tz: str = "UTC") -> Iterator:
    """Record batches of a CSV or Parquet job table."""
    seen = False
    for df, first in _batches(path, fmt):
        if not seen:
            _check_columns(path, df.columns)
            extra = [c for c in df.columns if c not in {c for c, *_ in COLUMNS}]
            if extra:
                stats.note(f"columns ignored: {', '.join(map(str, extra[:8]))}")
            seen = True
        batch = _convert(df, first, stats, tz)
        if batch is not None:
            yield batch
    if not seen:
        raise JobFileError(path, "the file holds no job table (no column header)")


def _convert(df: pd.DataFrame, first: int, stats: ImportStats, tz: str):
    n = len(df)
    stats.lines += n
    lines = first + np.arange(n)
    bad = np.zeros(n, dtype=bool)

    def mark(mask, reason):
        new = mask & ~bad
        if new.any():
            stats.bad_rows(lines[new], reason)
        bad[:] |= mask

    out: dict = {}
    for name in _TEXT:
        if name in df:
            s = df[name].astype("object").where(df[name].notna(), None)
            s = s.map(lambda x: None if x is None or str(x).strip() == "" else str(x).strip())
            out[name] = s
            if name in REQUIRED:
                mark(s.isna().to_numpy(), f"{name} is empty")
    state, uid = split_state(df["state"].astype("string"))
    mark(state.isna().to_numpy(), "state is not a job state")
    out["state"] = state.astype("object")
    unfinished = state.isin(UNFINISHED).to_numpy()
    for s, k in state[unfinished].value_counts().items():
        stats.unfinished[s] += int(k)
    for name in _INT:
        if name in df:
            v, null, b = parse_ints(df[name].astype("string"), null_ok=name not in REQUIRED)
            mark(b, f"{name} is not a whole number >= 0")
            out[name] = pd.Series(v).where(~null).astype("Int64") if name == "cancelled_by" else v
    if "cancelled_by" not in out:
        out["cancelled_by"] = pd.Series(uid).where(uid >= 0).astype("Int64")
    for name in _FLOAT:
        if name in df:
            v, b = parse_floats(df[name].astype("string"))
            mark(b, f"{name} is not a number >= 0")
            out[name] = v
    for name in _TIME:
        if name in df:
            col = df[name]
            if str(col.dtype).startswith("datetime64"):
                t = col if getattr(col.dt, "tz", None) is not None else col.dt.tz_localize(tz)
                out[name] = t.dt.tz_convert("UTC")
            else:
                out[name], b = parse_times(col.astype("string"), tz)
                mark(b, f"{name} is not a time")
    if "exclusive" in df:
        text = df["exclusive"].astype("string").str.strip().str.lower()
        val = text.isin(_TRUE)
        null = text.isna() | (text == "")
        mark((~val & ~text.isin(_FALSE) & ~null).to_numpy(), "exclusive is not true or false")
        out["exclusive"] = pd.Series(np.where(null, None, val.to_numpy()), dtype="object")
    if "energy_j" in out:
        e = out["energy_j"]
        if "energy_source" not in out:
            out["energy_source"] = np.where(np.isnan(e), None, "given in the job table")
        if "energy_scope" not in out:
            out["energy_scope"] = np.where(np.isnan(e), None, "node")
    if "energy_scope" in out:
        scope = pd.Series(out["energy_scope"], dtype="object")
        mark((scope.notna() & ~scope.isin(("node", "job"))).to_numpy(), "energy_scope is not node or job")
    keep = ~bad & ~unfinished
    if not keep.any():
        return None
    sel = np.flatnonzero(keep)
    res = {k: (v.iloc[sel].reset_index(drop=True) if isinstance(v, pd.Series) else np.asarray(v)[sel])
           for k, v in out.items()}
    for name in ("nodes", "cpus", "gpus"):
        res[name] = np.asarray(res[name]).astype("int32")
    stats.jobs += len(sel)
    return to_batch(res)


def check_job_table(path) -> Path:
    """``path`` as a Parquet job table the engines can read: it exists, is Parquet, and has the columns they read
    with types they accept. Raises :class:`JobFileError` naming what is wrong."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .plan import COLUMNS_READ, PREPASS_COLUMNS

    p = Path(path)
    if not p.is_file():
        raise JobFileError(p, "does not exist; make a job table with: footprint fleet import FILE... -o jobs.parquet")
    try:
        schema = pq.read_schema(p)
    except (pa.ArrowInvalid, OSError) as exc:
        raise JobFileError(p, f"is not a Parquet job table ({exc}); make one with: footprint fleet import") from None
    need = sorted(set(COLUMNS_READ) | set(PREPASS_COLUMNS))
    missing = [c for c in need if c not in schema.names]
    if missing:
        raise JobFileError(p, f"is not a job table: no column {', '.join(missing)} (make one with: footprint fleet import)")
    kinds = {"elapsed_s": pa.types.is_integer, "nodes": pa.types.is_integer, "cpus": pa.types.is_integer,
             "gpus": pa.types.is_integer, "energy_j": lambda t: pa.types.is_floating(t) or pa.types.is_integer(t),
             "mem_mb": lambda t: pa.types.is_floating(t) or pa.types.is_integer(t) or pa.types.is_null(t),
             "start": lambda t: pa.types.is_timestamp(t) or pa.types.is_null(t),
             "submit": lambda t: pa.types.is_timestamp(t) or pa.types.is_null(t)}
    for col, ok in kinds.items():
        t = schema.field(col).type
        if not ok(t) and not pa.types.is_null(t):
            raise JobFileError(p, f"column {col} is {t}, not the job table's type (make the table with: footprint fleet "
                                  "import)")
    return p
