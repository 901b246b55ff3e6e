"""The measurement engine: energy of the CPU, GPUs and RAM of this machine, and how each was measured.

codecarbon does the measuring; footprint wraps its hardware classes (``codecarbon.external.hardware.CPU``,
``GPU``, ``codecarbon.external.ram.RAM``) and replaces the parts of its ``EmissionsTracker`` that fail the
requirements of a trustworthy ledger:

- start-up: the tracker's hardware probe runs py-cpuinfo in a subprocess and reads codecarbon's CPU table
  with pandas (about 1.5 s here). footprint reads the CPU model from ``/proc/cpuinfo``, asks codecarbon's
  CPU table once, and caches the hardware description (:func:`describe_hardware`) in the user's cache
  directory; the supervisor starts the command first and builds the meter in parallel anyway.
- scheduling, checkpointing and output: the tracker keeps its totals in memory and writes a CSV at the
  end; footprint reads the meter at each checkpoint and writes the ledger (:mod:`.session`).
- geography: the tracker guesses the region from an IP lookup; footprint never uses the network (the region
  comes from the user: :mod:`.region`).

Per component the method is recorded (vocabulary :data:`METHODS`):

- cpu: ``RAPL`` (energy counters of ``/sys/class/powercap/intel-rapl``, when readable), else ``TDP model``:
  codecarbon's load model, TDP [W] x (0.1 + 0.9 x load^3) for the whole machine; for ``scope="process"``
  footprint's own :class:`_ProcessTreeCPU`, TDP x CPU seconds of the process tree / threads (codecarbon's
  process mode loses the CPU time of a child that ends between two readings). TDP from codecarbon's CPU
  table, or 4 W per thread when the CPU is not in it.
- gpu: ``energy counter`` (NVML ``nvmlDeviceGetTotalEnergyConsumption`` deltas, or AMD SMI), ``power
  sampling`` when a GPU has no energy counter, ``none`` when there is no GPU.
- ram: ``constant`` (codecarbon's RAM model: about 5 W per DIMM estimated from the memory size [GB]).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import platform
import socket
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

__all__ = ["METHODS", "HardwareInfo", "describe_hardware", "Meter", "cache_dir"]

METHODS = ("energy counter", "RAPL", "TDP model", "constant", "power sampling", "none")
_HW_CACHE_VERSION = 1


def cache_dir() -> Path:
    """Where footprint caches the hardware description: ``$FOOTPRINT_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/footprint``, else ``~/.cache/footprint``."""
    env = os.environ.get("FOOTPRINT_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "footprint"


@contextmanager
def _quiet_codecarbon():
    """codecarbon logs warnings to stderr, which the supervised command shares: keep them out."""
    lg = logging.getLogger("codecarbon")
    old = lg.level
    lg.setLevel(logging.ERROR)
    try:
        yield
    finally:
        lg.setLevel(old)


@dataclass
class HardwareInfo:
    """What this machine is made of, as far as measurement needs to know.

    ``cpu_tdp_w`` [W] is the thermal design power of all CPU packages as codecarbon's CPU table gives it
    (x the number of sockets), or 4 W x threads when the model is not in the table (``cpu_tdp_generic``).
    ``ram_gb`` [GiB] total memory.
    """

    host: str
    cpu_model: str
    cpu_threads: int
    cpu_tdp_w: float
    cpu_tdp_generic: bool
    ram_gb: float
    cached: bool = False

    def to_dict(self) -> dict:
        return asdict(self)


def _cpu_model_fast() -> str | None:
    """The CPU model from /proc/cpuinfo (Linux), without py-cpuinfo's subprocess."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                key, _, val = line.partition(":")
                if key.strip() in ("model name", "Model", "Hardware", "cpu model") and val.strip():
                    return val.strip()
    except OSError:
        pass
    return None


def _sockets() -> int:
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as fh:
            ids = {line.split(":", 1)[1].strip() for line in fh if line.startswith("physical id")}
        return max(len(ids), 1)
    except OSError:
        return 1


def _hw_key(model: str | None, threads: int, mem: int) -> str:
    import codecarbon

    raw = f"{_HW_CACHE_VERSION}|{socket.gethostname()}|{model}|{threads}|{mem}|{codecarbon.__version__}|{platform.machine()}"
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def describe_hardware(use_cache: bool = True) -> HardwareInfo:
    """The machine's CPU model, threads, TDP [W] and memory [GiB], from the cache when it is valid.

    The cache key is the host name, the CPU model line, thread count, memory size, codecarbon's version
    and the architecture: new hardware or a new codecarbon gives a fresh description.
    """
    import psutil

    model = _cpu_model_fast()
    threads = psutil.cpu_count() or 1
    mem = psutil.virtual_memory().total
    path = cache_dir() / f"hardware-{_hw_key(model, threads, mem)}.json"
    if use_cache:
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
            d["cached"] = True
            return HardwareInfo(**d)
        except (OSError, ValueError, TypeError):
            pass
    with _quiet_codecarbon():
        if model is None:
            from codecarbon.core.util import detect_cpu_model

            model = detect_cpu_model() or "unknown CPU"
        from codecarbon.core import cpu as cc_cpu

        tdp = None
        try:
            probe = cc_cpu.TDP.__new__(cc_cpu.TDP)  # the table lookup only, without the cpuinfo probe
            tdp = probe._get_cpu_power_from_registry(model)
        except Exception:
            tdp = None
    generic = tdp is None
    if generic:
        from codecarbon.core.cpu import DEFAULT_POWER_PER_CORE

        tdp_w = float(DEFAULT_POWER_PER_CORE * threads)
    else:
        tdp_w = float(tdp) * _sockets()
    info = HardwareInfo(socket.gethostname(), model, int(threads), tdp_w, generic, mem / 1024 ** 3)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(info.to_dict()), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # an unwritable cache only costs start-up time
    return info


class _ProcessTreeCPU:
    """CPU energy of this process and its descendants, live or ended: TDP [W] x CPU seconds / threads.

    codecarbon's ``process`` mode sums the CPU times of the live children only, so a command that ends
    between two readings takes its last interval with it (its whole run, when shorter than an interval).
    Here the ended children come from this process's ``children_user`` / ``children_system`` times (the
    children it has reaped), so nothing is lost:

    E [kWh] = TDP [W] x (CPU seconds since the previous reading) / threads / 3.6e6
    """

    def __init__(self, tdp_w: float, threads: int, children_from_start: bool = False):
        import psutil

        self.tdp_w, self.threads = float(tdp_w), max(int(threads), 1)
        self.proc = psutil.Process()
        self.last = self.cpu_s()
        if children_from_start:  # the supervisor: its command's CPU counts from the command's start
            self.last = sum(self.proc.cpu_times()[:2])

    def cpu_s(self) -> float:
        """CPU seconds [s] of the process tree so far."""
        t = self.proc.cpu_times()
        total = t.user + t.system + t.children_user + t.children_system
        for c in self.proc.children(recursive=True):
            try:
                ct = c.cpu_times()
                total += ct.user + ct.system
            except Exception:  # ended meanwhile: its time moves to its parent's children_* times
                pass
        return total

    def measure_power_and_energy(self, last_duration: float):
        now = self.cpu_s()
        delta, self.last = max(now - self.last, 0.0), now
        e_kwh = self.tdp_w * delta / self.threads / 3.6e6
        p_w = e_kwh * 3.6e6 / last_duration if last_duration > 0 else 0.0
        return _Watts(p_w), _KWh(e_kwh)


@dataclass
class _Watts:
    W: float


@dataclass
class _KWh:
    kWh: float


@dataclass
class _Component:
    name: str
    method: str
    detail: str
    hw: object = None
    counter: bool = False  # energy from a counter (not power x time)
    energy_kwh: float = 0.0
    power_w: float = 0.0


@dataclass
class Meter:
    """Reads the energy [kWh] of each component since the previous read.

    Parameters
    ----------
    scope : {"machine", "process"}
        ``machine``: the whole machine (codecarbon's default); ``process``: this process and its children
        (for the CPU load model and the RAM model; energy counters always see the whole device).
    gpu_ids : list of int, optional
        Only these GPUs (default: all that NVML/AMD SMI sees, or ``CUDA_VISIBLE_DEVICES``).
    hardware : HardwareInfo, optional
        A description from :func:`describe_hardware` (found or cached when not given).
    children_from_start : bool
        ``scope="process"`` only: count the CPU time of the children that already run from their start
        (the supervisor builds its meter just after starting the command).
    """

    scope: str = "machine"
    gpu_ids: list | None = None
    hardware: HardwareInfo | None = None
    children_from_start: bool = False
    components: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    _last: float | None = None

    def __post_init__(self) -> None:
        if self.scope not in ("machine", "process"):
            from ..errors import FootprintError

            raise FootprintError(f"scope must be 'machine' or 'process', got {self.scope!r}")
        if self.hardware is None:
            self.hardware = describe_hardware()
        with _quiet_codecarbon():
            self._setup_cpu()
            self._setup_gpu()
            self._setup_ram()
        self._last = time.monotonic()

    # --- set-up ------------------------------------------------------------------------------------

    def _setup_cpu(self) -> None:
        from codecarbon.core import cpu as cc_cpu
        from codecarbon.external.hardware import CPU, MODE_CPU_LOAD

        hw = self.hardware
        try:
            if cc_cpu.is_rapl_available():
                dev = CPU.from_utils(output_dir=str(cache_dir()), mode="intel_rapl", model=hw.cpu_model,
                                     tdp=hw.cpu_tdp_w, tracking_mode="machine")
                dev.start()
                self.components["cpu"] = _Component(
                    "cpu", "RAPL", f"{hw.cpu_model}: RAPL package energy counters (whole machine)", dev, counter=True)
                return
        except Exception as exc:
            self.problems.append(f"cpu: RAPL is present but could not be read ({exc}); used the TDP model")
        if self.scope == "process":
            dev = _ProcessTreeCPU(hw.cpu_tdp_w, hw.cpu_threads, self.children_from_start)
        else:
            dev = CPU.from_utils(str(cache_dir()), MODE_CPU_LOAD, hw.cpu_model, hw.cpu_tdp_w, tracking_mode="machine")
            dev.start()
        src = (f"generic TDP {hw.cpu_tdp_w:g} W (4 W x {hw.cpu_threads} threads: model not in codecarbon's CPU table)"
               if hw.cpu_tdp_generic else f"TDP {hw.cpu_tdp_w:g} W from codecarbon's CPU table")
        curve = ("TDP x (0.1 + 0.9 x load^3), machine load" if self.scope == "machine"
                 else "TDP x CPU seconds of the process tree / threads (footprint's process model)")
        self.components["cpu"] = _Component("cpu", "TDP model", f"{hw.cpu_model}: no readable RAPL; {src}; {curve}", dev)

    def _setup_gpu(self) -> None:
        try:
            from codecarbon.core import gpu as cc_gpu

            present = cc_gpu.is_nvidia_system() or cc_gpu.is_rocm_system()
        except Exception as exc:
            present = False
            self.problems.append(f"gpu: could not query NVML/AMD SMI ({exc})")
        if not present:
            self.components["gpu"] = _Component("gpu", "none", "no NVIDIA or AMD GPU found (NVML / AMD SMI)")
            return
        try:
            from codecarbon.external.hardware import GPU

            dev = GPU.from_utils(self.gpu_ids)
            dev.start()
            infos = dev.devices.get_gpu_static_info()
            names: dict[str, int] = {}
            for i in infos:
                names[i["name"]] = names.get(i["name"], 0) + 1
            fallback = any(getattr(d, "_use_power_fallback", False) for d in dev.devices.devices)
            method = "power sampling" if fallback else "energy counter"
            how = "power readings x time (no energy counter)" if fallback else "total-energy counter deltas"
            desc = ", ".join(f"{n} x {k}" for k, n in names.items())
            self.components["gpu"] = _Component("gpu", method, f"{desc}: {how}", dev, counter=not fallback)
        except Exception as exc:
            self.problems.append(f"gpu: a GPU is present but could not be measured ({exc})")
            self.components["gpu"] = _Component("gpu", "none", f"GPU present but not measurable: {exc}")

    def _setup_ram(self) -> None:
        from codecarbon.external.ram import RAM

        dev = RAM(tracking_mode=self.scope)
        p = dev.total_power().W
        what = f"{self.hardware.ram_gb:.0f} GiB" if self.scope == "machine" else "the process tree's memory"
        self.components["ram"] = _Component("ram", "constant", f"codecarbon's RAM model: {p:.3g} W for {what}", dev)

    # --- reading -----------------------------------------------------------------------------------

    @property
    def methods(self) -> dict:
        """Component -> method."""
        return {k: c.method for k, c in self.components.items()}

    @property
    def details(self) -> dict:
        """Component -> how it was measured, in words."""
        return {k: c.detail for k, c in self.components.items()}

    def read(self, elapsed_s: float | None = None) -> dict:
        """Energy [kWh] and mean power [W] of each component since the previous read.

        Parameters
        ----------
        elapsed_s : float, optional
            Seconds the read should cover (default: since the previous read). Power-based components
            give mean power x ``elapsed_s``; counters give their delta.

        Returns
        -------
        dict component -> (energy_kwh, power_w)
        """
        now = time.monotonic()
        dt = now - self._last if elapsed_s is None else float(elapsed_s)
        self._last = now
        out = {}
        with _quiet_codecarbon():
            for name, c in self.components.items():
                if c.hw is None or dt <= 0:
                    out[name] = (0.0, 0.0)
                    continue
                try:
                    if name == "ram" and self.scope == "machine":
                        p_w = c.power_w or c.hw.total_power().W
                        c.power_w = p_w
                        e_kwh = p_w * dt / 3.6e6
                    elif name == "ram":  # process tree: the power read at the start of the interval (a
                        now_w = c.hw.total_power().W  # command that just ended has no memory left to read)
                        p_w = c.power_w or now_w
                        c.power_w = now_w
                        e_kwh = p_w * dt / 3.6e6
                    else:
                        power, energy = c.hw.measure_power_and_energy(last_duration=dt)
                        e_kwh, p_w = float(energy.kWh), float(power.W)
                        if c.counter and dt > 0:
                            p_w = e_kwh * 3.6e6 / dt
                except Exception as exc:
                    msg = f"{name}: a reading failed ({type(exc).__name__}: {exc}); counted as 0 for that interval"
                    if msg not in self.problems:
                        self.problems.append(msg)
                    e_kwh, p_w = 0.0, 0.0
                out[name] = (e_kwh, p_w)
        return out
