"""Fleet accounting, import (issue #15): every pitfall of a sacct export is a test, and an import writes its job
table whole or not at all."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from footprint.errors import FootprintError
from footprint.fleet import hostlist, import_jobs
from footprint.fleet.convert import tres_gpus
from footprint.fleet.errors import JobFileError
from footprint.fleet.schema import arrow_schema, state_class

DATA = Path(__file__).resolve().parent / "data" / "fleet"
SACCT = DATA / "sacct_sample.txt"
HEADER = ("JobID|User|Account|Partition|State|Submit|Start|End|ElapsedRaw|NNodes|NodeList|NCPUS|ReqMem|AllocTRES|"
          "ConsumedEnergyRaw")


def jobs_of(path) -> dict:
    df = pq.read_table(path).to_pandas()
    df = df.astype(object).where(df.notna(), None)
    return {r["job_id"]: r for r in df.to_dict(orient="records")}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    out = tmp_path_factory.mktemp("imp") / "jobs.parquet"
    summary = import_jobs([SACCT], out, tz="Europe/Zurich")
    return summary, jobs_of(out), out


def test_the_table_has_the_documented_schema(sample):
    _, _, out = sample
    schema = pq.read_schema(out)
    assert schema.names == arrow_schema().names
    assert schema.metadata[b"footprint:table"] == b"fleet jobs v1"


def test_gpus_counted_once_with_their_type_from_both_tres_forms(sample):
    import pandas as pd

    n, kind = tres_gpus(pd.Series(["billing=64,cpu=64,gres/gpu:h100=4,gres/gpu=4,mem=512000M",
                                   "cpu=32,gres/gpu=2,mem=240000M",
                                   "gres/gpu:a100=2,gres/gpu:v100=1",
                                   "cpu=8,gres/gpumem=40G,gres/gpuutil=90", ""]))
    assert n.tolist() == [4, 2, 3, 0, 0]
    assert kind.tolist() == ["h100", None, "a100,v100", None, None]
    _, jobs, _ = sample
    assert (jobs["4410021"]["gpus"], jobs["4410021"]["gpu_type"]) == (4, "h100")
    assert jobs["4410023"]["gpus"] == 8 and jobs["4410151"]["gpus"] == 2 and jobs["4410151"]["gpu_type"] is None


def test_step_lines_do_not_repeat_the_jobs_energy(sample):
    summary, jobs, _ = sample
    job_lines = {"4410021": 39802466, "4410022": 7669873, "4410023": 249506210, "4410100_1": 1622400,
                 "4410100_2": 1584120, "4410152": 2206, "4410154": 144000000, "4410300+0": 149780817,
                 "4410300+1": 75185010, "4410400": 2777040}
    assert {j: r["energy_j"] for j, r in jobs.items() if r["energy_j"] is not None} == job_lines
    assert not any("." in j for j in jobs)
    assert summary.inputs[0].steps == 21
    assert {r["energy_source"] for j, r in jobs.items() if j in job_lines} == {"slurm ConsumedEnergyRaw"}
    assert {r["energy_scope"] for j, r in jobs.items() if j in job_lines} == {"node"}


def test_zero_energy_means_not_measured(sample):
    _, jobs, _ = sample
    assert jobs["4410151"]["energy_j"] is None  # ConsumedEnergyRaw 0
    assert jobs["4410151"]["energy_source"] is None


def test_cancelled_by_uid(sample):
    _, jobs, _ = sample
    assert (jobs["4410022"]["state"], jobs["4410022"]["cancelled_by"]) == ("CANCELLED", 51234)
    assert jobs["4410401"]["state"] == "CANCELLED" and jobs["4410401"]["start"] is None
    assert state_class("CANCELLED") == "cancelled" and state_class("TIMEOUT") == "failed"
    assert state_class("OUT_OF_MEMORY") == "failed" and state_class("COMPLETED") == "completed"


def test_running_and_pending_jobs_are_skipped_with_a_count(sample):
    summary, jobs, _ = sample
    st = summary.inputs[0]
    assert dict(st.unfinished) == {"PENDING": 1, "RUNNING": 1}
    assert "4410150" not in jobs and "4410100_[3-20]" not in jobs
    assert st.jobs == len(jobs) == 14
    assert "skipped unfinished jobs: 1 PENDING, 1 RUNNING" in st.summary()


def test_host_lists_with_ranges_and_padding():
    assert hostlist.expand("nid[001002,001004-001006]") == ["nid001002", "nid001004", "nid001005", "nid001006"]
    assert hostlist.expand("gpu-a[020,022],cpu-b101") == ["gpu-a020", "gpu-a022", "cpu-b101"]
    assert hostlist.count("nid[001300-001315]") == 16 and hostlist.count("None assigned") == 0
    with pytest.raises(ValueError):
        hostlist.count("nid[9-1]")


def test_a_host_list_that_does_not_match_nnodes_is_counted(tmp_path):
    f = tmp_path / "s.txt"
    f.write_text(HEADER + "\n7|u|a|p|COMPLETED|2025-01-01T00:00:00|2025-01-01T00:00:00|2025-01-01T01:00:00|3600|3|"
                 "n[1-2]|8|1000M|cpu=8|0\n")
    s = import_jobs([f], tmp_path / "o.parquet")
    assert s.inputs[0].counts["host lists whose node count differs from NNodes"] == 1
    assert jobs_of(tmp_path / "o.parquet")["7"]["node_list"] == "n[1-2]"


def test_local_times_dst_and_elapsed(sample):
    import pandas as pd

    _, jobs, _ = sample
    j = jobs["4410400"]  # Europe/Zurich, 2025-10-26: End prints before Start; ElapsedRaw is the run time
    assert j["start"] == pd.Timestamp("2025-10-26T00:40:11Z") and j["elapsed_s"] == 2394
    assert jobs["4410021"]["start"] == pd.Timestamp("2025-03-03T08:14:02Z")  # CET = UTC+1


def test_old_reqmem_per_cpu_and_per_node(tmp_path):
    f = tmp_path / "old.txt"
    f.write_text("JobID|Partition|State|Start|ElapsedRaw|NNodes|NCPUS|ReqMem\n"
                 "1|p|COMPLETED|2021-05-12T12:00:02|60|1|32|4000Mc\n2|p|COMPLETED|2021-05-12T12:00:02|60|2|96|250Gn\n"
                 "3|p|COMPLETED|2021-05-12T12:00:02|60|1|8|2252800K\n")
    jobs = jobs_of(import_jobs([f], tmp_path / "o.parquet").path)
    assert [jobs[k]["mem_mb"] for k in "123"] == [128000, 2 * 256000, 2200]
    assert jobs["1"]["gpus"] == 0 and jobs["1"]["user"] is None


def test_time_formats_epoch_offset_and_trailing_pipe_without_header(tmp_path):
    import pandas as pd

    f = tmp_path / "p.txt"  # sacct -p -n: a trailing | and no header (the documented 15 fields in order)
    f.write_text("9|u|a|p|COMPLETED|1735689600|1735689600|1735693200|3600|1|n1|4|100M|cpu=4|0|\n"
                 "10|u|a|p|COMPLETED|2023-02-21T15:48:20+0100|2023-02-21T15:48:20+0100|Unknown|60|1|n1|4|100M||0|\n")
    jobs = jobs_of(import_jobs([f], tmp_path / "o.parquet").path)
    assert jobs["9"]["start"] == pd.Timestamp("2025-01-01T00:00:00Z")
    assert jobs["10"]["start"] == pd.Timestamp("2023-02-21T14:48:20Z") and jobs["10"]["end"] is None


def test_streaming_in_chunks_gives_the_same_table(tmp_path):
    from footprint.fleet.sacct import read_sacct
    from footprint.fleet.stats import ImportStats
    import pyarrow as pa

    whole = pa.Table.from_batches(list(read_sacct(SACCT, ImportStats("s", "sacct"), tz="Europe/Zurich")))
    parts = list(read_sacct(SACCT, ImportStats("s", "sacct"), tz="Europe/Zurich", chunk_lines=3))
    assert len(parts) > 3
    assert pa.Table.from_batches(parts).equals(whole)


def bad_file(tmp_path, n_bad=12):
    lines = [HEADER]
    good = "{i}|u|a|p|COMPLETED|2025-01-01T00:00:00|2025-01-01T00:00:00|2025-01-01T01:00:00|3600|1|n1|4|100M|cpu=4|0"
    for i in range(30):
        lines.append(good.format(i=i))
    bad_at = []
    for k in range(n_bad):  # alternate: a missing field, a non-numeric ElapsedRaw, a bad time
        i = 3 + 2 * k
        lines[i] = ["x|y", good.format(i=100 + k).replace("|3600|", "|1h|"),
                    good.format(i=200 + k).replace("2025-01-01T00:00:00|2025-01-01T01", "yesterday|2025-01-01T01")][k % 3]
        bad_at.append(i + 1)
    f = tmp_path / "bad.txt"
    f.write_text("\n".join(lines) + "\n")
    return f, bad_at


def test_bad_lines_are_counted_with_their_first_numbers_and_nothing_is_written(tmp_path):
    f, bad_at = bad_file(tmp_path)
    out = tmp_path / "jobs.parquet"
    with pytest.raises(JobFileError) as e:
        import_jobs([f], out)
    msg = str(e.value)
    assert "12 bad line(s)" in msg and ", ".join(str(n) for n in bad_at[:10]) in msg
    assert e.value.lines == bad_at[:10] and e.value.count == 12
    assert not out.exists() and list(tmp_path.iterdir()) == [f]  # no temporary file left


def test_skip_bad_writes_the_good_lines_and_reports_the_bad(tmp_path):
    f, bad_at = bad_file(tmp_path)
    s = import_jobs([f], tmp_path / "jobs.parquet", skip_bad=True)
    assert s.rows == 30 - 12 and s.inputs[0].bad == 12 and s.inputs[0].bad_lines == bad_at[:10]
    assert "ElapsedRaw is not a whole number of seconds" in s.inputs[0].reasons


def test_a_failed_import_leaves_the_previous_output_untouched(tmp_path):
    out = tmp_path / "jobs.parquet"
    import_jobs([SACCT], out)
    before = out.read_bytes()
    f, _ = bad_file(tmp_path)
    with pytest.raises(FootprintError):
        import_jobs([SACCT, f], out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt", "jobs.parquet"]


def test_a_job_exported_in_two_files_is_kept_once(tmp_path):
    lines = SACCT.read_text().splitlines()
    a, b = tmp_path / "march.txt", tmp_path / "all.txt"
    a.write_text("\n".join(lines[:9]) + "\n")  # jobs 4410021 and 4410022 again in the second file
    b.write_text("\n".join(lines) + "\n")
    s = import_jobs([a, b], tmp_path / "jobs.parquet")
    assert s.duplicates == 2 and s.rows == 14
    assert len(jobs_of(tmp_path / "jobs.parquet")) == 14


def test_not_a_sacct_export_is_one_clear_error(tmp_path):
    f = tmp_path / "x.txt"
    f.write_text("JobID|State\n1|COMPLETED\n")
    with pytest.raises(JobFileError, match="no Partition, Start, ElapsedRaw, NNodes, NCPUS field"):
        import_jobs([f], tmp_path / "o.parquet", fmt="sacct")
    with pytest.raises(JobFileError, match="does not exist"):
        import_jobs([tmp_path / "missing.txt"], tmp_path / "o.parquet")
    with pytest.raises(JobFileError, match="unknown time zone"):
        import_jobs([SACCT], tmp_path / "o.parquet", tz="Mars/Olympus")
    assert not (tmp_path / "o.parquet").exists()


def test_csv_job_table(tmp_path):
    s = import_jobs([DATA / "jobs.csv"], tmp_path / "jobs.parquet")
    jobs = jobs_of(s.path)
    assert s.rows == 4 and jobs["g-2"]["state"] == "CANCELLED" and jobs["g-2"]["cancelled_by"] == 1001
    assert jobs["c-2"]["exclusive"] is False and jobs["c-1"]["exclusive"] is None
    assert jobs["g-1"]["energy_j"] == 576e6 and jobs["g-1"]["energy_scope"] == "node"
    assert jobs["g-1"]["node_list"] == "g[01-02]"


def test_csv_bad_values_and_missing_columns(tmp_path):
    f = tmp_path / "t.csv"
    f.write_text("job_id,partition,state,elapsed_s,nodes,cpus,gpus,energy_j\n1,p,COMPLETED,10,1,1,0,inf\n"
                 "2,p,COMPLETED,-5,1,1,0,\n3,p,COMPLETED,10,1,1,0,nan\n")
    with pytest.raises(JobFileError) as e:
        import_jobs([f], tmp_path / "o.parquet")
    assert e.value.count == 2 and e.value.lines == [2, 3]  # inf, and a negative elapsed_s; 'nan' is a null
    g = tmp_path / "u.csv"
    g.write_text("job_id,state\n1,COMPLETED\n")
    with pytest.raises(JobFileError, match="no column partition, elapsed_s, nodes, cpus, gpus"):
        import_jobs([g], tmp_path / "o.parquet")


def test_parquet_round_trip(tmp_path):
    a = import_jobs([SACCT], tmp_path / "a.parquet", tz="Europe/Zurich").path
    b = import_jobs([a], tmp_path / "b.parquet").path
    assert pq.read_table(a).equals(pq.read_table(b))


def test_cli_import(tmp_path):
    from typer.testing import CliRunner

    from footprint.cli import app

    out = tmp_path / "jobs.parquet"
    r = CliRunner().invoke(app, ["fleet", "import", str(SACCT), "-o", str(out), "--timezone", "Europe/Zurich"])
    assert r.exit_code == 0, r.output
    assert "14 job(s)" in r.output and out.exists()
    f, _ = bad_file(tmp_path)
    r = CliRunner().invoke(app, ["fleet", "import", str(f), "-o", str(tmp_path / "x.parquet")])
    assert r.exit_code == 2 and "12 bad line(s)" in r.output and not (tmp_path / "x.parquet").exists()
    assert len([ln for ln in r.output.strip().splitlines() if ln.startswith("error:")]) == 1


def test_a_real_public_sacct_export(tmp_path):
    """slurm2sql's test data (MIT): 51 fields, Elapsed rather than ElapsedRaw, KiB memory, steps."""
    s = import_jobs([DATA / "slurm2sql_test-data1.csv"], tmp_path / "j.parquet", tz="Europe/Helsinki")
    assert s.inputs[0].format == "sacct" and s.inputs[0].steps == 3 and s.rows == 2
    jobs = jobs_of(s.path)
    a, b = jobs["43974388"], jobs["43977780"]
    assert (a["state"], a["cancelled_by"], a["elapsed_s"]) == ("CANCELLED", 1300204, 3 * 3600 + 33 * 60 + 25)
    assert a["mem_mb"] == 2252800 / 1024 and a["partition"] == "jupyter-long" and a["user"] == "user1"
    assert a["energy_j"] == 54156 and b["energy_j"] == 999 and b["end"] is None and b["elapsed_s"] == 17


def test_concatenated_exports_with_a_bom_and_repeated_headers(tmp_path):
    text = SACCT.read_text()
    f = tmp_path / "cat.txt"
    f.write_text("\ufeff" + text + text.splitlines()[0] + "\n" + "\n".join(text.splitlines()[1:5]) + "\r\n",
                 encoding="utf-8")
    s = import_jobs([f], tmp_path / "j.parquet", tz="Europe/Zurich")
    assert s.inputs[0].counts["header lines repeated (skipped)"] == 1 and s.inputs[0].bad == 0
    assert s.rows == 14 and s.duplicates == 1  # job 4410021 again: the same job_id and submit, kept once
