"""`footprint.track()`: context manager, decorator, never raising into user code, rank awareness."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

import footprint




def test_import_footprint_does_not_load_codecarbon_or_numpy():
    code = "import sys, footprint; print('codecarbon' in sys.modules, 'numpy' in sys.modules, 'pandas' in sys.modules)"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.stdout.split() == ["False", "False", "False"]
    assert "track" in footprint.__all__ and callable(footprint.track)


def test_context_manager_records_a_finished_run(ledger):
    with footprint.track(name="block", region="FR", interval_s=0.1, quiet=True) as run:
        sum(i * i for i in range(200_000))
        end = time.monotonic() + 20
        while run._rec._seq < 3 and time.monotonic() < end:  # the meter builds in the background first
            time.sleep(0.05)
    assert run.measuring and run.status == "finished"
    rec = ledger.get(run.id, samples=True)
    assert rec.status == "finished" and rec.name == "block" and rec.kind == "track"
    assert rec.region == "FR" and rec.region_source == "region="
    assert len(rec.samples) >= 3 and rec.energy_kwh > 0
    assert rec.energy_kwh == pytest.approx(run.total_kwh)
    assert rec.cpu_method in ("TDP model", "RAPL") and rec.ram_method == "constant"
    assert rec.local_rank == 0


def test_exception_passes_through_and_run_fails(ledger):
    with pytest.raises(ZeroDivisionError):
        with footprint.track(name="boom", region="FR", interval_s=0.1, quiet=True) as run:
            1 / 0
    rec = ledger.get(run.id)
    assert rec.status == "failed"
    assert any("ZeroDivisionError" in p for p in rec.problems)


def test_keyboard_interrupt_ends_as_interrupted(ledger):
    with pytest.raises(KeyboardInterrupt):
        with footprint.track(name="ctrl-c", region="FR", quiet=True) as run:
            raise KeyboardInterrupt
    assert ledger.get(run.id).status == "interrupted"


def test_decorator_makes_one_run_per_call(ledger):
    @footprint.track(region="FR", interval_s=0.1, quiet=True)
    def epoch(n):
        return n * 2

    assert epoch(2) == 4 and epoch(3) == 6
    runs = ledger.runs()
    assert len(runs) == 2 and all(r.status == "finished" for r in runs)
    assert runs[0].name.endswith("epoch")

    @footprint.track
    def bare():
        return "ok"

    assert bare() == "ok"


def test_problems_are_recorded_never_raised(ledger, capsys):
    with footprint.track(name="no-region", interval_s=0.1, quiet=True) as run:
        pass
    rec = ledger.get(run.id)
    assert rec.status == "finished" and rec.region is None
    assert any("no region" in p for p in rec.problems)
    err = capsys.readouterr().err
    assert err.count("no region") == 1  # reported once
    with footprint.track(name="bad-region", region="Atlantis", quiet=True) as run:
        pass
    assert any("unknown region 'Atlantis'" in p for p in ledger.get(run.id).problems)
    with footprint.track(name="bad-interval", region="FR", interval_s=-1, quiet=True) as run:
        pass
    rec = ledger.get(run.id)
    assert rec.interval_s == 10.0 and any("interval_s must be a number of seconds > 0, got -1" in p for p in rec.problems)


def test_unwritable_ledger_never_raises(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with footprint.track(name="nowhere", region="FR", ledger=blocker / "l.db", interval_s=0.1, quiet=True) as run:
        time.sleep(0.3)
    assert run.status == "finished" and run.total_kwh > 0
    err = capsys.readouterr().err
    assert err.count("cannot write the ledger") == 1
    assert list(tmp_path.glob("footprint-run-*.json"))


@pytest.mark.parametrize("how", ["LOCAL_RANK", "SLURM_LOCALID", "explicit"])
def test_only_local_rank_zero_measures(ledger, monkeypatch, how):
    kw = {}
    if how == "explicit":
        kw["local_rank"] = 2
    else:
        monkeypatch.setenv(how, "2")
    with footprint.track(name="rank", region="FR", quiet=True, **kw) as run:
        pass
    assert not run.measuring and run.id is None and run.local_rank == 2
    assert run.rank_source == ("explicit option" if how == "explicit" else f"{how}=2")
    assert ledger.runs() == []
    monkeypatch.setenv("LOCAL_RANK", "0")
    with footprint.track(name="rank0", region="FR", quiet=True) as run0:
        pass
    assert ledger.get(run0.id).rank_source == "LOCAL_RANK=0"
