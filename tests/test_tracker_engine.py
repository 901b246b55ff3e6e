"""The measurement engine: hardware description and its cache, the method recorded per component (RAPL and
NVML paths with stand-ins for the devices this machine lacks), and the arithmetic of a recording."""

from __future__ import annotations

import time

import pytest

from footprint.tracker import engine
from footprint.tracker.ledger import Ledger
from footprint.tracker.session import Recording


class _Energy:
    def __init__(self, kwh):
        self.kWh = kwh


class _Power:
    def __init__(self, w):
        self.W = w


class FakeCounterDevice:
    """Stands in for codecarbon's RAPL CPU or NVML GPU: an energy counter that adds ``watts`` x time."""

    def __init__(self, watts):
        self.watts = watts
        self.devices = type("AllDevices", (), {})()  # codecarbon's AllGPUDevices: .devices and static info
        self.devices.devices = [type("D", (), {"_use_power_fallback": False})()]
        self.devices.get_gpu_static_info = lambda: [{"name": "NVIDIA H100 80GB HBM3"}] * 2

    def start(self):
        self.t = time.monotonic()

    def measure_power_and_energy(self, last_duration):
        now = time.monotonic()
        e = self.watts * (now - self.t) / 3.6e6
        self.t = now
        return _Power(self.watts), _Energy(e)


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("FOOTPRINT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_hardware_description_is_cached(cache):
    first = engine.describe_hardware()
    assert not first.cached and first.cpu_threads >= 1 and first.ram_gb > 0 and first.cpu_tdp_w > 0
    if first.cpu_tdp_generic:
        assert first.cpu_tdp_w == 4 * first.cpu_threads  # codecarbon's 4 W per thread
    files = list(cache.glob("hardware-*.json"))
    assert len(files) == 1
    second = engine.describe_hardware()
    assert second.cached and second.to_dict() | {"cached": False} == first.to_dict()
    t = time.perf_counter()
    engine.describe_hardware()
    assert time.perf_counter() - t < 1.0  # no py-cpuinfo subprocess (a sanity bound, not a benchmark)


def test_methods_with_rapl_and_nvml(cache, monkeypatch):
    from codecarbon.core import cpu as cc_cpu
    from codecarbon.core import gpu as cc_gpu
    from codecarbon.external import hardware as cc_hw

    monkeypatch.setattr(cc_cpu, "is_rapl_available", lambda *a, **k: True)
    monkeypatch.setattr(cc_hw.CPU, "from_utils", classmethod(lambda cls, *a, **k: FakeCounterDevice(60.0)))
    monkeypatch.setattr(cc_gpu, "is_nvidia_system", lambda: True)
    monkeypatch.setattr(cc_hw.GPU, "from_utils", classmethod(lambda cls, *a, **k: FakeCounterDevice(700.0)))
    m = engine.Meter()
    assert m.methods == {"cpu": "RAPL", "gpu": "energy counter", "ram": "constant"}
    assert "2 x NVIDIA H100 80GB HBM3" in m.details["gpu"]
    assert m.components["cpu"].counter and m.components["gpu"].counter and not m.components["ram"].counter
    time.sleep(0.2)
    r = m.read()
    assert r["gpu"][1] == pytest.approx(700.0, rel=0.05)  # mean power from the counter delta
    assert r["gpu"][0] == pytest.approx(r["cpu"][0] * 700 / 60, rel=0.05)


def test_gpu_without_energy_counter_is_power_sampling(cache, monkeypatch):
    from codecarbon.core import gpu as cc_gpu
    from codecarbon.external import hardware as cc_hw

    dev = FakeCounterDevice(300.0)
    dev.devices.devices[0]._use_power_fallback = True
    monkeypatch.setattr(cc_gpu, "is_nvidia_system", lambda: True)
    monkeypatch.setattr(cc_hw.GPU, "from_utils", classmethod(lambda cls, *a, **k: dev))
    m = engine.Meter()
    assert m.methods["gpu"] == "power sampling" and not m.components["gpu"].counter


def test_no_gpu_is_recorded_as_none(cache, monkeypatch):
    from codecarbon.core import gpu as cc_gpu

    monkeypatch.setattr(cc_gpu, "is_nvidia_system", lambda: False)
    monkeypatch.setattr(cc_gpu, "is_rocm_system", lambda: False)
    m = engine.Meter()
    assert m.methods["gpu"] == "none" and m.read(1.0)["gpu"] == (0.0, 0.0)
    assert m.methods["ram"] == "constant"
    # RAM: codecarbon's constant power x time, exactly
    p_w = m.components["ram"].hw.total_power().W
    assert m.read(3600.0)["ram"] == (pytest.approx(p_w / 1000), pytest.approx(p_w))



def test_recording_energy_is_power_times_duration_and_samples_add_up(tmp_path, fake_meter):
    import functools

    meter = functools.partial(fake_meter, watts=(50.0, 0.0, 5.0), methods=("TDP model", "none", "constant"))
    rec = Recording(name="arith", ledger=tmp_path / "l.db", interval_s=0.05, meter_factory=meter,
                    warn=lambda m: None)
    rec.start()
    time.sleep(0.5)
    rec.stop("finished", 0)
    stored = Ledger(tmp_path / "l.db").get(rec.id, samples=True)
    d = stored.duration_s
    assert stored.cpu_kwh == pytest.approx(50 * d / 3.6e6, rel=1e-6)
    assert stored.ram_kwh == pytest.approx(5 * d / 3.6e6, rel=1e-6)
    assert stored.energy_kwh == pytest.approx(sum(s["cpu_kwh"] + s["ram_kwh"] for s in stored.samples))
    assert len(stored.samples) >= 5
    # consecutive samples tile the run: no gap, no overlap
    for a, b in zip(stored.samples, stored.samples[1:]):
        assert a["t_end"] == b["t_start"]
    assert stored.samples[0]["t_start"] == stored.started and stored.samples[-1]["t_end"] == stored.ended


def test_process_scope_counts_a_child_that_ended_between_readings(cache):
    import subprocess
    import sys

    m = engine.Meter(scope="process")
    assert m.methods["cpu"] == "TDP model" and "process tree" in m.details["cpu"]
    busy = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.6: pass\n"
    subprocess.run([sys.executable, "-c", busy], check=True)  # starts and ends before the reading
    e_kwh, _ = m.read(1.0)["cpu"]
    hw = m.hardware
    cpu_s = e_kwh * 3.6e6 * hw.cpu_threads / hw.cpu_tdp_w  # back to CPU seconds
    # at least the child's 0.6 s, to the 10 ms clock tick the OS counts CPU time in (+ interpreter start and this
    # process's other threads), not 0
    assert 0.6 - 0.01 <= cpu_s < 10.0
