"""Training callbacks: importable without their libraries; a real tiny CPU training where they are installed,
finishing and crashing."""

from __future__ import annotations

import subprocess
import sys

import pytest





WITHOUT_LIBS = r"""
import sys
for m in ("transformers", "lightning", "lightning.pytorch", "pytorch_lightning", "torch"):
    sys.modules[m] = None  # import fails as if not installed
from footprint.tracker.callbacks import FootprintTrainerCallback, FootprintLightningCallback
assert FootprintTrainerCallback.__mro__[-1] is object and len(FootprintTrainerCallback.__mro__) == 4
cb = FootprintTrainerCallback(name="hf-less", region="FR", quiet=True)
cb.on_init_end(None, None, None)
cb.on_step_end(None, None, None)  # any other event is a no-op
cb.on_train_begin(None, None, None)
cb.on_train_end(None, None, None)
lc = FootprintLightningCallback(name="pl-less", region="FR", quiet=True)
lc.on_fit_start(None, None)
lc.on_exception(None, None, RuntimeError("x"))
print(cb.run.id, cb.run.status, lc.run.status)
"""


def test_callbacks_import_and_work_without_their_libraries(ledger):
    r = subprocess.run([sys.executable, "-c", WITHOUT_LIBS], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    rid, hf_status, pl_status = r.stdout.split()
    assert (hf_status, pl_status) == ("finished", "failed")
    assert ledger.get(rid).kind == "callback"


# --- Hugging Face Trainer ----------------------------------------------------------------------------------

def _hf_parts(tmp_path, fail_at=None):
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    pytest.importorskip("accelerate")

    class Tiny(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.lin = torch.nn.Linear(4, 1)
            self.calls = 0

        def forward(self, x, labels=None):
            self.calls += 1
            if fail_at is not None and self.calls >= fail_at:
                raise RuntimeError("loss went NaN")
            out = self.lin(x).squeeze(-1)
            return {"loss": torch.nn.functional.mse_loss(out, labels), "logits": out}

    g = torch.Generator().manual_seed(0)
    x = torch.randn(64, 4, generator=g)
    y = x @ torch.tensor([1.0, -2.0, 0.5, 3.0])
    data = [{"x": x[i], "labels": y[i]} for i in range(64)]
    args = transformers.TrainingArguments(
        output_dir=str(tmp_path / "out"), max_steps=30, per_device_train_batch_size=8, learning_rate=0.05,
        report_to=[], save_strategy="no", logging_strategy="no", disable_tqdm=True, use_cpu=True,
        dataloader_num_workers=0, seed=0)
    return transformers, Tiny(), args, data


def test_hf_trainer_callback_measures_a_real_training(ledger, tmp_path):
    from footprint.tracker.callbacks import FootprintTrainerCallback

    transformers, model, args, data = _hf_parts(tmp_path)
    cb = FootprintTrainerCallback(name="hf-tiny", region="FR", interval_s=0.1, quiet=True)
    trainer = transformers.Trainer(model=model, args=args, train_dataset=data, callbacks=[cb])
    out = trainer.train()
    assert out.global_step == 30 and model.calls == 30
    rec = ledger.get(cb.run.id, samples=True)
    assert rec.status == "finished" and rec.kind == "callback" and rec.name == "hf-tiny"
    assert rec.energy_kwh > 0 and len(rec.samples) >= 1 and rec.region == "FR"
    assert rec.local_rank == 0 and rec.rank_source == "TrainingArguments.local_process_index=0"


def test_hf_trainer_callback_ends_the_run_when_training_crashes(ledger, tmp_path):
    from footprint.tracker.callbacks import FootprintTrainerCallback

    transformers, model, args, data = _hf_parts(tmp_path, fail_at=5)
    cb = FootprintTrainerCallback(name="hf-crash", region="FR", interval_s=0.1, quiet=True)
    trainer = transformers.Trainer(model=model, args=args, train_dataset=data, callbacks=[cb])
    with pytest.raises(RuntimeError, match="loss went NaN"):
        trainer.train()
    rec = ledger.get(cb.run.id)
    assert rec.status == "failed" and rec.ended is not None
    assert any("loss went NaN" in p for p in rec.problems)


# --- PyTorch Lightning ------------------------------------------------------------------------------------

def _pl_parts(fail_at=None):
    torch = pytest.importorskip("torch")
    L = pytest.importorskip("lightning.pytorch")

    class Tiny(L.LightningModule):
        def __init__(self):
            super().__init__()
            self.lin = torch.nn.Linear(4, 1)
            self.steps = 0

        def training_step(self, batch, i):
            self.steps += 1
            if fail_at is not None and self.steps >= fail_at:
                raise RuntimeError("diverged")
            x, y = batch
            return torch.nn.functional.mse_loss(self.lin(x).squeeze(-1), y)

        def configure_optimizers(self):
            return torch.optim.SGD(self.parameters(), lr=0.05)

    g = torch.Generator().manual_seed(0)
    x = torch.randn(64, 4, generator=g)
    y = x @ torch.tensor([1.0, -2.0, 0.5, 3.0])
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, y), batch_size=8)
    trainer_kw = dict(max_epochs=2, accelerator="cpu", devices=1, logger=False, enable_checkpointing=False,
                      enable_progress_bar=False, enable_model_summary=False)
    return L, Tiny(), loader, trainer_kw


def test_lightning_callback_measures_a_real_training(ledger):
    from footprint.tracker.callbacks import FootprintLightningCallback

    L, model, loader, kw = _pl_parts()
    cb = FootprintLightningCallback(name="pl-tiny", region="FR", interval_s=0.1, quiet=True)
    L.Trainer(callbacks=[cb], **kw).fit(model, loader)
    assert model.steps == 16
    rec = ledger.get(cb.run.id)
    assert rec.status == "finished" and rec.energy_kwh > 0 and rec.local_rank == 0
    assert rec.rank_source == "Trainer.local_rank=0"


def test_lightning_callback_ends_the_run_when_training_crashes(ledger):
    from footprint.tracker.callbacks import FootprintLightningCallback

    L, model, loader, kw = _pl_parts(fail_at=3)
    cb = FootprintLightningCallback(name="pl-crash", region="FR", interval_s=0.1, quiet=True)
    with pytest.raises(RuntimeError, match="diverged"):
        L.Trainer(callbacks=[cb], **kw).fit(model, loader)
    rec = ledger.get(cb.run.id)
    assert rec.status == "failed" and any("diverged" in p for p in rec.problems)


def test_hf_callback_added_after_init_detects_the_crash_from_the_stack(ledger, tmp_path):
    import time

    from footprint.tracker.callbacks import FootprintTrainerCallback

    transformers, model, args, data = _hf_parts(tmp_path, fail_at=5)
    trainer = transformers.Trainer(model=model, args=args, train_dataset=data)
    cb = FootprintTrainerCallback(name="hf-late", region="FR", interval_s=0.1, quiet=True)
    trainer.add_callback(cb)  # no on_init_end: the recorder watches Trainer.train on the stack instead
    with pytest.raises(RuntimeError, match="loss went NaN"):
        trainer.train()
    end = time.monotonic() + 10
    while cb.run._rec.ended is None and time.monotonic() < end:
        time.sleep(0.05)
    rec = ledger.get(cb.run.id)
    assert rec.status == "failed"
    assert any("without on_train_end" in p for p in rec.problems)


# --- the prediction from the first epochs, with the epoch count from the trainer --------------------------------------

def test_lightning_callback_predicts_from_the_trainers_max_epochs(ledger):
    from footprint.tracker.callbacks import FootprintLightningCallback

    L, model, loader, kw = _pl_parts()
    cb = FootprintLightningCallback(name="pl-predict", region="FR", interval_s=0.1, quiet=True)
    L.Trainer(callbacks=[cb], **{**kw, "max_epochs": 5}).fit(model, loader)
    p = ledger.get(cb.run.id).prediction
    assert p["total_epochs"] == 5 and p["after_epochs"] == 2 and p["epochs"] == 5 and len(p["epoch_kwh"]) == 5
    assert 0 < p["low_kwh"] <= p["energy_kwh"] <= p["high_kwh"]


def test_hf_callback_predicts_from_the_trainer_state(ledger, tmp_path):
    from footprint.tracker.callbacks import FootprintTrainerCallback

    transformers, model, args, data = _hf_parts(tmp_path)  # 30 steps of 8 per epoch: 4 epochs
    cb = FootprintTrainerCallback(name="hf-predict", region="FR", interval_s=0.1, quiet=True)
    transformers.Trainer(model=model, args=args, train_dataset=data, callbacks=[cb]).train()
    p = ledger.get(cb.run.id).prediction
    assert p["total_epochs"] == 4 and p["after_epochs"] == 2 and p["epochs"] == 4


def test_a_bad_total_epochs_on_a_callback_is_a_problem_and_training_goes_on(ledger):
    from footprint.tracker.callbacks import FootprintLightningCallback

    L, model, loader, kw = _pl_parts()
    cb = FootprintLightningCallback(name="pl-bad", region="FR", interval_s=0.1, quiet=True, total_epochs=-4)
    L.Trainer(callbacks=[cb], **kw).fit(model, loader)
    rec = ledger.get(cb.run.id)
    assert model.steps == 16 and rec.status == "finished" and "energy_kwh" not in rec.prediction  # epochs only
    assert any("total_epochs must be a whole number of epochs" in p and "-4" in p for p in rec.problems)
