"""Vectorised conversions shared by the importers: times, integers, memory sizes, GPU counts from TRES strings,
and the Arrow record batch of the job table.

Each converter takes a pandas Series of strings and returns the converted values and a boolean mask of the values
that could not be read (the caller turns the mask into line numbers).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .schema import COLUMNS, arrow_schema

__all__ = ["NULL_TEXT", "check_timezone", "parse_times", "parse_ints", "parse_floats", "parse_elapsed", "mem_mb",
           "tres_mem_mb", "tres_gpus", "split_state", "to_batch"]

#: Texts that mean "no value" in scheduler exports.
NULL_TEXT = ("", "Unknown", "None", "N/A", "(null)", "NaN", "nan", "INVALID")

_EPOCH = r"^\d{9,11}$"
_OFFSET = r"(?:[+-]\d{2}:?\d{2}|Z)$"


def check_timezone(tz: str) -> str:
    """``tz`` as an IANA time zone name; raises ValueError naming it."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {tz!r}; give an IANA name such as UTC or Europe/Zurich") from None
    return tz


def _extract(s: pd.Series, pattern: str) -> pd.DataFrame:
    """The named groups of the first match of ``pattern`` (RE2 syntax) in each string of ``s`` (null: no match),
    with pyarrow's regex engine (C++, far faster than Python's on millions of rows)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(s.astype("object").where(s.notna(), None), type=pa.string(), from_pandas=True)
    got = pc.extract_regex(arr, pattern)
    names = [got.type.field(i).name for i in range(got.type.num_fields)]
    cols = {}
    for n, a in zip(names, got.flatten()):  # flatten: a string is null where its row did not match
        v = a.to_pandas().astype("object")
        cols[n] = v.where(v.notna() & (v != ""), None).to_numpy()  # an optional group that matched nothing: null
    return pd.DataFrame(cols, index=s.index)


def _null(s: pd.Series) -> pd.Series:
    return s.isna() | s.isin(NULL_TEXT)


def parse_times(s: pd.Series, tz: str = "UTC") -> tuple[pd.Series, np.ndarray]:
    """UTC times of ``s``: epoch seconds (``SLURM_TIME_FORMAT=%s``), ISO 8601 with an offset (``%FT%T%z``) or
    without one (read in ``tz``, Slurm's default: the cluster's local time; in the autumn hour that repeats, the
    first of the two readings, daylight time). Returns (datetime64[ns, UTC] series, bad mask)."""
    s = s.astype("string").str.strip()
    null = _null(s).to_numpy()
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns, UTC]")
    todo = ~null
    epoch = todo & s.str.match(_EPOCH).fillna(False).to_numpy()
    if epoch.any():
        out[epoch] = pd.to_datetime(s[epoch].astype("int64"), unit="s", utc=True)
    offset = todo & ~epoch & s.str.contains(_OFFSET, regex=True).fillna(False).to_numpy()
    if offset.any():
        out[offset] = pd.to_datetime(s[offset], format="ISO8601", utc=True, errors="coerce")
    naive = todo & ~epoch & ~offset
    if naive.any():
        t = pd.to_datetime(s[naive], format="%Y-%m-%dT%H:%M:%S", errors="coerce")
        miss = t.isna().to_numpy()
        if miss.any():  # a space instead of the T, fractional seconds ...
            t[miss] = pd.to_datetime(s[naive][miss], format="ISO8601", errors="coerce")
        if tz != "UTC":
            t = t.dt.tz_localize(tz, ambiguous=np.ones(len(t), dtype=bool), nonexistent="shift_forward")
        else:
            t = t.dt.tz_localize("UTC")
        out[naive] = t.dt.tz_convert("UTC")
    bad = todo & out.isna().to_numpy()
    return out, bad


def parse_ints(s: pd.Series, null_ok: bool = True) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Integers of ``s`` (int64; 0 where null), the null mask and the bad mask (not an integer >= 0)."""
    s = s.astype("string").str.strip()
    null = _null(s).to_numpy()
    v = pd.to_numeric(s.where(~null), errors="coerce")
    bad = ~null & (v.isna().to_numpy() | (v.fillna(0).to_numpy() < 0) | (v.fillna(0).to_numpy() % 1 != 0))
    if not null_ok:
        bad |= null
    return np.nan_to_num(v.to_numpy(dtype="float64"), nan=0.0).astype("int64"), null, bad


def parse_floats(s: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Finite non-negative floats of ``s`` (NaN where null) and the bad mask."""
    s = s.astype("string").str.strip()
    null = _null(s).to_numpy()
    v = pd.to_numeric(s.where(~null), errors="coerce").to_numpy(dtype="float64")
    bad = ~null & ~(np.isfinite(v) & (np.nan_to_num(v, nan=-1.0) >= 0))
    return np.where(bad, np.nan, v), bad


def parse_elapsed(s: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Seconds of Slurm ``Elapsed`` (``[DD-]HH:MM:SS``, ``MM:SS``) and the bad mask."""
    s = s.astype("string").str.strip()
    m = _extract(s, r"^(?:(?P<d>\d+)-)?(?:(?P<h>\d+):)?(?P<m>\d+):(?P<s>\d+)$")
    bad = m["s"].isna().to_numpy() & ~_null(s).to_numpy()
    parts = m.apply(pd.to_numeric, errors="coerce").fillna(0.0)
    sec = parts["d"] * 86400 + parts["h"] * 3600 + parts["m"] * 60 + parts["s"]
    return sec.to_numpy().astype("int64"), bad


_UNIT_MB = {"": 1.0, "K": 1 / 1024, "M": 1.0, "G": 1024.0, "T": 1024.0 ** 2, "P": 1024.0 ** 3}


def mem_mb(s: pd.Series, cpus: np.ndarray, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Memory of the whole job [MiB] from Slurm ``ReqMem``: ``512000M`` (Slurm >= 21.08: the job's), or the older
    per-CPU ``4000Mc`` (x CPUs) and per-node ``250Gn`` (x nodes). NaN where not given; the bad mask."""
    s = s.astype("string").str.strip()
    m = _extract(s, r"^(?P<v>[\d.]+)(?P<u>[KMGTP]?)(?P<per>[cn]?)$")
    null = _null(s).to_numpy()
    bad = ~null & m["v"].isna().to_numpy()
    v = pd.to_numeric(m["v"], errors="coerce").to_numpy(dtype="float64") * m["u"].map(_UNIT_MB).to_numpy(dtype="float64")
    per = m["per"].fillna("").to_numpy()
    v = np.where(per == "c", v * cpus, np.where(per == "n", v * nodes, v))
    return v, bad


def tres_mem_mb(tres: pd.Series) -> np.ndarray:
    """``mem=`` of an AllocTRES string [MiB] (NaN where absent)."""
    m = _extract(tres, r"(?:^|,)mem=(?P<v>[\d.]+)(?P<u>[KMGTP]?)(?:,|$)")
    return (pd.to_numeric(m["v"], errors="coerce").to_numpy(dtype="float64")
            * m["u"].map(_UNIT_MB).to_numpy(dtype="float64"))


def tres_gpus(tres: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """GPUs of an AllocTRES string and their type.

    ``gres/gpu=4`` and ``gres/gpu:h100=4`` name the same 4 GPUs (Slurm tracks both when ``AccountingStorageTRES``
    lists both): the untyped count is the total; the typed counts are summed only when there is no untyped one.
    ``gres/gpumem`` and ``gres/gpuutil`` are not GPUs. The type is the typed name (several sorted, joined by ``,``).
    """
    t = tres.astype("string").fillna("")
    untyped = pd.to_numeric(_extract(t, r"(?:^|,)gres/gpu=(?P<n>\d+)(?:,|$)")["n"], errors="coerce")
    first = _extract(t, r"(?:^|,)gres/gpu:(?P<t>[^=,]+)=(?P<n>\d+)")
    typed_n = pd.to_numeric(first["n"], errors="coerce")
    kind = first["t"].astype("object")
    several = (t.str.count(r"(?:^|,)gres/gpu:[^=,]+=") > 1).to_numpy()
    if several.any():  # rare: several typed entries (several GPU types in one job)
        many = t[several].str.extractall(r"(?:^|,)gres/gpu:([^=,]+)=(\d+)")
        many[1] = many[1].astype("int64")
        by_row = many.groupby(level=0)
        typed_n[several] = by_row[1].sum().reindex(t.index[several]).to_numpy()
        kind[several] = by_row[0].agg(lambda x: ",".join(sorted(set(x)))).reindex(t.index[several]).to_numpy()
    n = untyped.fillna(typed_n).fillna(0).to_numpy().astype("int64")
    return n, kind.where(kind.notna(), None)


def split_state(s: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """``CANCELLED by 1234`` -> (``CANCELLED``, 1234); other states as they are (upper case), uid -1 when absent."""
    s = s.astype("string").str.strip()
    parts = _extract(s, r"^(?P<s>[A-Za-z_]+)\+?(?:\s+by\s+(?P<u>\d+))?")
    state = parts["s"].astype("string").str.upper()
    uid = pd.to_numeric(parts["u"], errors="coerce").fillna(-1).to_numpy().astype("int64")
    return state, uid


def _arrow(values, typ):
    import pyarrow as pa

    if isinstance(values, pd.Series) and str(values.dtype).startswith("datetime64"):
        return pa.array(values, type=pa.timestamp("ns", tz="UTC")).cast(typ, safe=False)
    return pa.array(values, type=typ, from_pandas=True)


def to_batch(cols: dict):
    """A record batch of the job table from ``{column: values}`` (columns left out are null)."""
    import pyarrow as pa

    schema = arrow_schema()
    n = len(next(iter(cols.values())))
    arrays = []
    for name, _, _, _ in COLUMNS:
        typ = schema.field(name).type
        arrays.append(_arrow(cols[name], typ) if name in cols else pa.nulls(n, type=typ))
    return pa.RecordBatch.from_arrays(arrays, schema=schema)
