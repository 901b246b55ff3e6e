"""Predicting a run's energy from its first epochs: made after 2 epochs (or predict_after), within its range for a
run whose epochs stay within the spread of the first ones, recorded on the run, shown by `runs show` beside the
outcome (energy, and carbon and water with a region or a spec); bad values are recorded problems, never a crash."""

from __future__ import annotations

import json
import math
import time

import pytest
from helpers import run_cli

import footprint
from footprint.tracker.ledger import Ledger

# epoch lengths [s]: the 3 epochs after the prediction lie within the spread of the first 2, so the energy does too
# (the first is the longest: the run's start-up, in the first epoch, only widens the range)
EPOCHS_S = (0.40, 0.20, 0.30, 0.30, 0.30)


def train(run, epochs=EPOCHS_S, start_marks=False):
    for s in epochs:
        if start_marks:
            run.epoch_start()
        time.sleep(s)
        run.epoch_end()


def test_a_five_epoch_run_is_predicted_after_two_within_the_range(ledger, fake_track_meter, capsys):
    with footprint.track(name="fit", region="FR", interval_s=0.05, total_epochs=5) as run:
        train(run)
        pred = dict(run.prediction)
    err = capsys.readouterr().err
    assert "predicted IT energy of the whole run after 2 of 5 epochs" in err and err.count("predicted") == 1
    assert pred["after_epochs"] == 2 and pred["total_epochs"] == 5 and pred["epochs_measured"] == 2
    assert pred["low_kwh"] < pred["energy_kwh"] < pred["high_kwh"]
    assert pred["low_kwh"] <= run.total_kwh <= pred["high_kwh"]
    assert run.total_kwh == pytest.approx(pred["energy_kwh"], rel=0.3)  # the start-up in epoch 1 raises the mean
    # constant power (410 W): each epoch's energy is its length x 410 W
    stored = ledger.get(run.id).prediction
    assert stored["energy_kwh"] == pytest.approx(pred["energy_kwh"]) and stored["epochs"] == 5
    lengths = [e * 3.6e6 / 410 for e in stored["epoch_kwh"]]
    assert lengths[1:] == pytest.approx(EPOCHS_S[1:], abs=0.08) and lengths[0] >= EPOCHS_S[0]  # + the start-up
    assert "least" in stored["method"] and not run.problems


def test_epoch_start_leaves_the_time_between_epochs_out(ledger, fake_track_meter):
    with footprint.track(name="fit", region="FR", interval_s=0.05, total_epochs=4, predict_after=3, quiet=True) as run:
        time.sleep(0.3)  # start-up: in the energy so far, not in an epoch
        train(run, (0.1, 0.1, 0.1, 0.1), start_marks=True)
    p = ledger.get(run.id).prediction
    assert p["after_epochs"] == 3 and p["measured_kwh"] > 4 * max(p["epoch_kwh"][:3])  # start-up counted once
    assert run.total_kwh == pytest.approx(p["energy_kwh"], rel=0.1)  # epochs of one length: the mean is right


@pytest.mark.parametrize("bad", [0, -3, 2.5, "five", math.nan, math.inf, True, 1e12])
def test_a_bad_total_epochs_is_a_recorded_problem_and_no_prediction(ledger, fake_track_meter, bad):
    with footprint.track(name="fit", region="FR", interval_s=0.05, total_epochs=bad, quiet=True) as run:
        train(run, (0.02,) * 3)
    assert run.status == "finished" and run.prediction is None
    assert any(p.startswith("total_epochs must be a whole number of epochs") and repr(bad) in p for p in run.problems)
    assert ledger.get(run.id).problems == run.problems


def test_short_runs_and_extra_epochs_and_bad_predict_after(ledger, fake_track_meter):
    with footprint.track(name="two", region="FR", interval_s=0.05, total_epochs=2, quiet=True) as run:
        train(run, (0.02, 0.02))
    assert run.prediction is None and not run.problems  # nothing left to predict: not a problem
    with footprint.track(name="over", region="FR", interval_s=0.05, total_epochs=3, quiet=True) as run:
        train(run, (0.02,) * 5)
    assert run.prediction is not None and sum("epoch 4 ended, but total_epochs is 3" in p for p in run.problems) == 1
    with footprint.track(name="after", region="FR", interval_s=0.05, total_epochs=5, predict_after=0, quiet=True) as run:
        train(run, (0.02,) * 3)
    assert run.prediction is None and any("predict_after must be" in p for p in run.problems)
    with footprint.track(name="none", region="FR", interval_s=0.05, quiet=True) as run:
        train(run, (0.02,) * 3)  # no total_epochs: the epochs are recorded, nothing is predicted
    assert run.prediction is None and ledger.get(run.id).prediction["epochs"] == 3


def test_runs_show_puts_the_prediction_beside_the_outcome(ledger, fake_track_meter, tmp_path):
    with footprint.track(name="fit", region="FR", interval_s=0.05, total_epochs=5, quiet=True) as run:
        train(run)
    r = run_cli("runs", "show", run.id)
    assert r.returncode == 0, r.stderr
    assert "prediction after 2 of 5 epochs, and the outcome (5 epochs ran)" in r.stdout
    assert "inside its range" in r.stdout and "carbon, operational (PUE 1) [kgCO2e]" in r.stdout
    d = json.loads(run_cli("runs", "show", run.id, "--json").stdout)
    c = d["prediction_check"]
    assert c["inside_range"] and abs(c["relative_error"]) < 0.3
    rows = c["rows"]
    assert rows["IT energy"]["measured"] == pytest.approx(run.total_kwh)
    ratio = rows["carbon, operational (PUE 1)"]["predicted"] / rows["IT energy"]["predicted"]
    assert ratio == pytest.approx(0.05604, rel=1e-3)  # the grid of FR
    spec = tmp_path / "lab.toml"
    spec.write_text('name = "lab"\n[datacenters.dc]\nregion = "FR"\npue = 1.5\ngrid_kgco2e_per_kwh = 0.1\n'
                    '[fleets.node]\naccelerator = "nvidia-a100-sxm4-80gb"\naccelerators = 8\n'
                    '[[training]]\nname = "other"\ndevice_hours = 1\nenergy_kwh = 1\n')
    r = run_cli("runs", "show", run.id, "--system", spec, "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    rows = d["prediction_check"]["rows"]
    assert rows["carbon, operational"]["predicted"] == pytest.approx(rows["IT energy"]["predicted"] * 1.5 * 0.1)
    assert "water, operational" in rows


def test_a_jobs_prediction_is_the_sum_of_its_hosts(tmp_path):
    led = Ledger(f"{tmp_path / 'ledger'}/")
    for host, e in (("node-a", 1.0), ("node-b", 2.0)):
        led.write({"id": f"r-{host}", "status": "finished", "kind": "track", "started": 1.75e9, "duration_s": 100.0,
                   "gpu_kwh": 5 * e, "host": host, "job": "J", "region": "FR",
                   "prediction": {"total_epochs": 5, "after_epochs": 2, "energy_kwh": 5 * e, "low_kwh": 4 * e,
                                  "high_kwh": 6 * e, "measured_kwh": 2 * e, "epochs": 5, "method": "m"}})
    d = json.loads(run_cli("runs", "show", "J", "--json", "--ledger", led.path).stdout)
    assert d["prediction"]["energy_kwh"] == pytest.approx(15.0) and d["prediction"]["hosts"] == 2
    assert d["prediction_check"]["rows"]["IT energy"]["low"] == pytest.approx(12.0)
    assert d["prediction_check"]["relative_error"] == pytest.approx(0.0)
    assert "prediction after 2 of 5 epochs" in run_cli("runs", "show", "J", "--ledger", led.path).stdout


def test_the_prediction_survives_an_unwritable_ledger_and_is_imported(tmp_path, fake_track_meter, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with footprint.track(name="fit", region="FR", ledger=blocker / "l.db", interval_s=0.05, total_epochs=4,
                         quiet=True) as run:
        train(run, (0.05,) * 4)
    saved = list(tmp_path.glob("footprint-run-*.json"))
    assert len(saved) == 1 and json.loads(saved[0].read_text())["run"]["prediction"]["epochs"] == 4
    r = run_cli("runs", "import", saved[0], "--ledger", tmp_path / "l.db")
    assert r.returncode == 0, r.stderr
    assert Ledger(tmp_path / "l.db").get(run.id).prediction["after_epochs"] == 2
