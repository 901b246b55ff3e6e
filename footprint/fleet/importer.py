"""``footprint fleet import``: scheduler exports -> one Parquet job table, written whole or not at all.

:func:`import_jobs` streams each input (:mod:`.sacct`, :mod:`.kepler`, :mod:`.tables`) in record batches into a
temporary Parquet file beside the output, then renames it over the output: memory stays bounded whatever the size
of the exports, and a failure (a bad line, a full disk, Ctrl-C) leaves no output and no temporary file. With several
inputs or one, a job exported twice (the same ``job_id`` and ``submit``: sacct returns a job in every window it ran
in; exports get concatenated) is kept once, its last row (from the last file that has it).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import JobFileError
from .kepler import looks_like_kepler, read_kepler
from .sacct import looks_like_sacct, read_sacct
from .schema import arrow_schema
from .stats import ImportStats
from .tables import read_table

__all__ = ["FORMATS", "ImportSummary", "import_jobs", "detect_format"]

#: Input formats.
FORMATS = ("sacct", "kepler", "csv", "parquet")

#: Jobs per row group of the job table (a Dask partition, a pandas batch).
ROW_GROUP = 250_000


@dataclass
class ImportSummary:
    """What an import wrote: ``rows`` jobs to ``path``, ``duplicates`` dropped, the stats of each input."""

    path: Path
    rows: int
    duplicates: int = 0
    inputs: list[ImportStats] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [s.summary() for s in self.inputs]
        for s in self.inputs:
            out += [f"{s.path}: {n:,} {what}" for what, n in s.counts.items()]
            out += [f"{s.path}: {note}" for note in s.notes]
        if self.duplicates:
            out.append(f"{self.duplicates:,} job(s) exported more than once (same job_id and submit) kept once (the last)")
        out.append(f"wrote {self.rows:,} job(s) to {self.path}")
        return out


def detect_format(path) -> str:
    """The format of an input from its suffix and first line."""
    p = Path(path)
    if p.suffix.lower() in (".parquet", ".pq"):
        return "parquet"
    try:
        with open(p, encoding="utf-8-sig", errors="replace") as fh:
            first = fh.readline()
    except OSError as exc:
        raise JobFileError(p, f"cannot be read: {exc.strerror or exc}") from None
    if looks_like_sacct(first):
        return "sacct"
    if looks_like_kepler(first):
        return "kepler"
    if p.suffix.lower() == ".csv":
        return "csv"
    if "|" in first:
        return "sacct"
    raise JobFileError(p, "cannot tell its format (give --format sacct, kepler, csv or parquet)")


def _batches(path: Path, fmt: str, stats: ImportStats, tz: str, partition: str):
    if fmt == "sacct":
        return read_sacct(path, stats, tz=tz)
    if fmt == "kepler":
        return iter(read_kepler(path, stats, partition=partition))
    return read_table(path, stats, fmt, tz=tz)


def _duplicates(tmp: str) -> list[int]:
    """Row numbers of the jobs exported more than once, but for their last row (DuckDB, out of core)."""
    import duckdb

    con = duckdb.connect()
    try:
        con.execute("SET preserve_insertion_order = false")
        rows = con.execute(
            "SELECT file_row_number FROM (SELECT file_row_number, row_number() OVER (PARTITION BY job_id, submit "
            "ORDER BY file_row_number DESC) AS k FROM read_parquet(?, file_row_number = true)) WHERE k > 1",
            [tmp]).fetchall()
    finally:
        con.close()
    return sorted(r[0] for r in rows)


def _drop_rows(src: str, dst: str, drop: list[int], schema) -> int:
    import numpy as np
    import pyarrow.parquet as pq

    drop_arr = np.asarray(drop, dtype=np.int64)
    n = 0
    offset = 0
    pf = pq.ParquetFile(src)
    with pq.ParquetWriter(dst, pf.schema_arrow, compression="zstd") as w:
        for b in pf.iter_batches(batch_size=250_000):
            idx = np.arange(offset, offset + b.num_rows)
            keep = ~np.isin(idx, drop_arr)
            offset += b.num_rows
            if keep.any():
                t = b.filter(keep)
                w.write_batch(t, row_group_size=ROW_GROUP)
                n += t.num_rows
    return n


def import_jobs(paths, output, fmt: str | None = None, tz: str = "UTC", skip_bad: bool = False,
                partition: str = "kubernetes") -> ImportSummary:
    """Import scheduler exports into one Parquet job table at ``output``.

    Parameters
    ----------
    paths : list of path
        sacct -P exports, Kepler exports (CSV or text exposition), CSV or Parquet job tables.
    output : path
        The Parquet file to write (replaced whole, only when every input reads).
    fmt : {"sacct", "kepler", "csv", "parquet"}, optional
        The format of every input (default: each input's, from its suffix and first line).
    tz : str
        The time zone of times printed without an offset (sacct's default: the cluster's local time).
    skip_bad : bool
        Skip bad lines (counted, their first numbers named) instead of refusing the input.
    partition : str
        The partition of Kubernetes pods (Kepler inputs).

    Raises
    ------
    JobFileError
        An input that does not exist, cannot be read or has bad lines (unless ``skip_bad``): nothing is written.
    """
    import pyarrow.parquet as pq

    from .convert import check_timezone

    if fmt is not None and fmt not in FORMATS:
        raise JobFileError(fmt, f"is not an input format; valid: {', '.join(FORMATS)}")
    try:
        check_timezone(tz)
    except ValueError as exc:
        raise JobFileError("--timezone", str(exc)) from None
    paths = [Path(p) for p in paths]
    if not paths:
        raise JobFileError("import", "give at least one input file")
    for p in paths:
        if not p.is_file():
            raise JobFileError(p, "does not exist (give the path of a sacct, Kepler, CSV or Parquet export)")
    out = Path(output)
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise JobFileError(out, f"cannot be written: directory {str(parent)!r} does not exist")
    schema = arrow_schema()
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=parent)
    os.close(fd)
    tmp2 = None
    summary = ImportSummary(out, 0)
    try:
        with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
            for p in paths:
                kind = fmt or detect_format(p)
                stats = ImportStats(str(p), kind)
                for batch in _batches(p, kind, stats, tz, partition):
                    writer.write_batch(batch, row_group_size=ROW_GROUP)
                if stats.bad and not skip_bad:
                    raise JobFileError(p, stats.bad_summary() + "; fix them or give --skip-bad to skip them",
                                       stats.bad_lines, stats.bad)
                summary.inputs.append(stats)
                summary.rows += stats.jobs
        if summary.rows == 0:
            raise JobFileError(paths[0] if len(paths) == 1 else "inputs",
                               "no finished job to write (" + "; ".join(s.summary() for s in summary.inputs) + ")")
        drop = _duplicates(tmp)  # a job exported twice (adjacent windows, concatenated exports): kept once
        if drop:
            fd, tmp2 = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=parent)
            os.close(fd)
            summary.rows = _drop_rows(tmp, tmp2, drop, schema)
            summary.duplicates = len(drop)
            os.replace(tmp2, tmp)
            tmp2 = None
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, out)
    except BaseException:
        for t in (tmp, tmp2):
            if t and os.path.exists(t):
                os.unlink(t)
        raise
    return summary
