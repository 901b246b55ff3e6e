"""Fleet accounting: the footprint of everything a cluster ran, from its scheduler's accounting.

- :func:`import_jobs` (``footprint fleet import``): sacct, Kepler, CSV or Parquet exports -> one Parquet job table
  (:mod:`.schema`), streamed in bounded memory, written whole or not at all;
- :func:`fleet_report` (``footprint fleet report``): the job table on a cluster (an ordinary system spec whose
  fleets serve partitions) -> a :class:`FleetReport` per user, account, partition and month, with ranges, the share
  of measured and modelled energy, failed and cancelled jobs, hourly intensity where the region has it, and what
  carbon-aware scheduling could have saved; on DuckDB (default), pandas or Dask.

See docs/fleet.md.
"""

from __future__ import annotations

from .importer import ImportSummary, import_jobs
from .report import FleetReport, fleet_report
from .schema import COLUMNS, arrow_schema

__all__ = ["import_jobs", "ImportSummary", "fleet_report", "FleetReport", "COLUMNS", "arrow_schema"]
