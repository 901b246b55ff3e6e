"""Property tests of the spec (hypothesis): any spec a user could write, with extreme numbers, unicode and
colliding names, either estimates with finite results in every output, or fails with exit status 2 and one line
naming a field, and writes nothing."""

from __future__ import annotations

import json
import math

from helpers import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from footprint import estimate
from footprint.errors import FootprintError

EXTREME = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -1.0, 1e-300, 1e-3, 1e10, 1e12, 1e38, 1e308]),
    st.integers(min_value=-10, max_value=10**30),
)


def num(lo: float, hi: float, extreme: bool = True):
    """Mostly a plausible value of [lo, hi] (about 9 times in 10), else anything (``extreme``)."""
    ok = st.floats(min_value=lo, max_value=hi, allow_nan=False)
    return st.one_of(*[ok] * 9, EXTREME) if extreme else ok


NUMBERS = num(1.0, 1e4)
NAMES = st.one_of(*[st.sampled_from(["t", "s", "train", "serve"])] * 4, st.text(max_size=12))
REGIONS = st.sampled_from(["FR", "US-CA", "aws:us-east-1", "gcp:europe-west4", "TW", "IN", "SE", "CN-GD", "fr",
                           "XX", "", "US-ZZ", "é"])
ACCELERATORS = st.sampled_from(["nvidia-a100-sxm4-80gb", "h100-sxm", "google-tpu-v5p-chip-95gb", "nvidia-v100-sxm2-32gb",
                                "amd-mi250x-oam-128gb", "a100", "nope"])
NODES = st.sampled_from([None, None, None, "dgx-a100", "dgx-h100", "cpu-server-2s", "google-tpu-v6e-host", "dgx-a1000"])


VALID_REGIONS = ["FR", "US-CA", "aws:us-east-1", "gcp:europe-west4", "TW", "IN", "SE", "CN-GD"]
VALID_ACCELERATORS = ["nvidia-a100-sxm4-80gb", "h100-sxm", "google-tpu-v5p-chip-95gb", "nvidia-v100-sxm2-32gb",
                      "amd-mi250x-oam-128gb"]


@st.composite
def specs(draw, extreme: bool = True):
    """A spec as a user could write it; ``extreme=False``: valid names, hardware and regions, plausible numbers."""
    n = lambda lo, hi: num(lo, hi, extreme)  # noqa: E731
    names = NAMES if extreme else st.sampled_from(["t", "s", "train", "serve"])
    count = lambda hi: st.one_of(*[st.integers(1, hi)] * 3, st.integers(-2, 10**9)) if extreme else st.integers(1, hi)
    dc = {"region": draw(REGIONS if extreme else st.sampled_from(VALID_REGIONS))}
    for key, lo, hi in (("pue", 1.0, 2.0), ("grid_kgco2e_per_kwh", 0.0, 1.2), ("wue_l_per_kwh", 0.0, 3.0)):
        if draw(st.integers(0, 3)) == 0:
            dc[key] = draw(n(lo, hi))
    if ":" not in dc["region"] and draw(st.integers(0, 3)) == 0:
        dc["provider"] = draw(st.sampled_from(["google", "aws", "hpc", "meta"] + (["nobody"] if extreme else [])))
    fleet: dict = {}
    node = draw(NODES if extreme else NODES.filter(lambda x: x not in ("dgx-a1000", "cpu-server-2s")))
    if node is not None:
        fleet.update(node=node, nodes=draw(count(64)))
    else:
        fleet.update(accelerator=draw(ACCELERATORS if extreme else st.sampled_from(VALID_ACCELERATORS)),
                     accelerators=draw(count(4096)))
    for key, lo, hi in (("lifetime_years", 1.0, 8.0), ("utilization", 0.1, 1.0)):
        if draw(st.integers(0, 2)) == 0:
            fleet[key] = draw(n(lo, hi))
    if draw(st.integers(0, 3)) == 0:
        fleet["assembled_in"] = draw(st.sampled_from(["TW", "cn", "MX"] + (["XX"] if extreme else [])))
    training = []
    seen: set = set()
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 0]))):
        ph = {"name": draw(names), draw(st.sampled_from(["device_hours", "hours"])): draw(n(1.0, 1e4))}
        power = draw(st.sampled_from([None, "accelerator_power_w", "power_w", "energy_kwh"]))
        if power:
            ph[power] = draw(n(1.0, 1e5))
        if draw(st.integers(0, 3)) == 0:
            ph["repeats"] = draw(count(100))
        if extreme or ph["name"] not in seen:
            training.append(ph)
            seen.add(ph["name"])
    inference = []
    for _ in range(draw(st.integers(0 if training else 1, 1))):
        ph = {"name": draw(names), "requests": draw(n(0.0, 1e12))}
        if draw(st.booleans()):
            ph["energy_wh_per_request"] = draw(n(0.0, 10.0))
        else:
            ph.update(tokens_per_request=draw(n(1.0, 1e4)), tokens_per_second_per_accelerator=draw(n(1.0, 1e4)))
        if draw(st.booleans()):
            ph["days"] = draw(n(0.1, 3650.0))
        if extreme or ph["name"] not in seen:
            inference.append(ph)
    if not training and not inference:
        training.append({"name": "t", "device_hours": 10.0})
    return {"name": draw(names), "datacenters": {"dc": dc}, "fleets": {"f": fleet},
            "training": training, "inference": inference, "air_radiative_forcing": draw(st.booleans())}


def _finite(x) -> bool:
    return x is None or (isinstance(x, (int, float)) and math.isfinite(x))


def _check(spec, must_work: bool):
    try:
        est = estimate(spec, samples=64, seed=0)
    except FootprintError as exc:
        msg = str(exc)
        assert msg and "\n" not in msg.strip()
        # a plausible spec may still contradict itself across fields (more serving work than its days hold)
        assert not must_work or any(w in msg for w in ("raise days or accelerators", "power_draw.csv has no measured")), msg
        return
    doc = est.to_dict() if hasattr(est, "to_dict") else None
    for df in (est.total, est.results, est.materials, est.water, est.by_stage):
        for col in ("value", "p5", "p50", "p95", "kg"):
            if col in df:
                assert df[col].map(_finite).all(), (col, df)
    if doc is not None:
        json.loads(json.dumps(doc, allow_nan=False))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs())
def test_a_spec_estimates_finitely_or_fails_naming_a_field(spec):
    _check(spec, must_work=False)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(specs(extreme=False))
def test_a_plausible_spec_always_estimates_finitely(spec):
    _check(spec, must_work=True)


def _toml(spec: dict) -> str:
    """TOML of a generated spec (JSON string escapes are TOML's too; nan and inf as TOML writes them)."""
    def val(v):
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, float):
            return "nan" if v != v else ("inf" if v == math.inf else "-inf" if v == -math.inf else repr(v))
        if isinstance(v, int):
            return str(v)
        return json.dumps(v)
    out = [f"name = {val(spec['name'])}", f"air_radiative_forcing = {val(spec['air_radiative_forcing'])}"]
    for table in ("datacenters", "fleets"):
        for key, body in spec[table].items():
            out.append(f"[{table}.{key}]")
            out += [f"{k} = {val(v)}" for k, v in body.items()]
    for kind in ("training", "inference"):
        for ph in spec[kind]:
            out.append(f"[[{kind}]]")
            out += [f"{k} = {val(v)}" for k, v in ph.items()]
    return "\n".join(out) + "\n"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(specs())
def test_the_cli_writes_all_or_nothing(tmp_path_factory, spec):
    d = tmp_path_factory.mktemp("p")
    path = d / "spec.toml"
    path.write_text(_toml(spec), encoding="utf-8", errors="surrogatepass")
    out = d / "out.json"
    r = run_cli("report", path, "-f", "json", "-o", out, "-n", "64", "--seed", "0", "--no-sensitivity", cwd=d)
    assert "Traceback" not in r.stderr
    if r.returncode == 0:
        doc = json.loads(out.read_text(), parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
        assert all(_finite(t.get(k)) for t in doc["total"].values() for k in ("value", "p5", "p50", "p95"))
    else:
        assert r.returncode == 2, r.stderr
        assert r.stderr.strip().startswith("error:") and len(r.stderr.strip().splitlines()) == 1, r.stderr
        assert not out.exists()
        assert sorted(p.name for p in d.iterdir()) == ["spec.toml"]
