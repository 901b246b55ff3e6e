"""Bad input: exit status 2, one short message naming the field and what is valid, no traceback,
nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_cli

GOOD = """
name = "x"
[datacenters.main]
region = "FR"
[fleets.gpus]
accelerator = "nvidia-a100-sxm4-80gb"
accelerators = 8
[[training]]
name = "t"
fleet = "gpus"
device_hours = 100
accelerator_power_w = 400
"""


def run_spec(tmp_path: Path, text: str, *extra):
    spec = tmp_path / "spec.toml"
    spec.write_text(text)
    before = set(tmp_path.iterdir())
    r = run_cli("estimate", spec, "--json", *extra, cwd=tmp_path)
    assert set(tmp_path.iterdir()) == before  # nothing written
    return r


def test_good_spec_works(tmp_path):
    r = run_spec(tmp_path, GOOD)
    assert r.returncode == 0, r.stderr
    assert '"total"' in r.stdout


CASES = [
    ("unknown accelerator", ('accelerator = "nvidia-a100-sxm4-80gb"', 'accelerator = "nvidia-a1000-sxm4-80gb"'),
     ["fleets.gpus.accelerator", "nvidia-a100-sxm4-80gb"]),
    ("ambiguous alias", ('accelerator = "nvidia-a100-sxm4-80gb"', 'accelerator = "a100"'),
     ["fleets.gpus.accelerator", "ambiguous", "nvidia-a100-pcie-40gb"]),
    ("unknown region", ('region = "FR"', 'region = "FRX"'), ["datacenters.main.region", "FRX"]),
    ("unknown cloud region", ('region = "FR"', 'region = "aws:eu-west-9"'), ["datacenters.main.region", "aws:eu-west-"]),
    ("unknown node", ('accelerators = 8', 'node = "dgx-a1000"\nnodes = 2'), ["fleets.gpus.node", "'dgx-a100'"]),
    ("accelerators and nodes", ('accelerators = 8', 'accelerators = 8\nnode = "dgx-a100"\nnodes = 2'), ["fleets.gpus", "accelerators or nodes"]),
    ("hours and device_hours", ("device_hours = 100", "device_hours = 100\nhours = 3"), ["training[0]", "hours"]),
    ("negative", ("device_hours = 100", "device_hours = -100"), ["training[0].device_hours", "greater than 0"]),
    ("nan", ("device_hours = 100", "device_hours = nan"), ["training[0].device_hours", "finite"]),
    ("zero lifetime", ("accelerators = 8", "accelerators = 8\nlifetime_years = 0"), ["fleets.gpus.lifetime_years"]),
    ("zero accelerators", ("accelerators = 8", "accelerators = 0"), ["fleets.gpus.accelerators"]),
    ("zero hours", ("device_hours = 100", "device_hours = 0"), ["training[0].device_hours"]),
    ("utilisation above 1", ("accelerators = 8", "accelerators = 8\nutilization = 1.5"), ["fleets.gpus.utilization", "1"]),
    ("string for number", ("accelerator_power_w = 400", 'accelerator_power_w = "400"'), ["training[0].accelerator_power_w", "number"]),
    ("typo key", ("accelerators = 8", "acelerators = 8"), ["fleets.gpus.acelerators", "unknown field"]),
    ("undefined fleet", ('fleet = "gpus"', 'fleet = "tpus"'), ["training[0].fleet", "'tpus'", "gpus"]),
    ("undefined data center", ("accelerators = 8", 'accelerators = 8\ndatacenter = "east"'), ["fleets.gpus.datacenter", "'east'"]),
    ("pue below 1", ('region = "FR"', 'region = "FR"\npue = 0.9'), ["datacenters.main.pue"]),
    ("overflowing hours", ("device_hours = 100", "device_hours = 1e308"), ["training[0].device_hours", "at most 1e+10 h"]),
    ("overflowing power", ("accelerator_power_w = 400", "accelerator_power_w = 1e308"),
     ["training[0].accelerator_power_w", "at most"]),
    ("overflowing grid", ('region = "FR"', 'region = "FR"\ngrid_kgco2e_per_kwh = 1e308'),
     ["datacenters.main.grid_kgco2e_per_kwh", "at most 5"]),
    ("401-digit count", ("accelerators = 8", "accelerators = " + "9" * 401), ["fleets.gpus.accelerators", "at most", "characters"]),
    ("401-digit repeats", ("device_hours = 100", "device_hours = 100\nrepeats = " + "9" * 401), ["training[0].repeats", "at most"]),
    ("lifetime in a denominator", ("accelerators = 8", "accelerators = 8\nlifetime_years = 1e-300"),
     ["fleets.gpus.lifetime_years", "at least 0.01 year"]),
    ("node and accelerator disagree", ("accelerator = \"nvidia-a100-sxm4-80gb\"\naccelerators = 8",
                                       "accelerator = \"nvidia-h100-sxm5-80gb\"\nnode = \"dgx-a100\"\nnodes = 1"),
     ["fleets.gpus", "dgx-a100", "nvidia-h100-sxm5-80gb"]),
    ("node and accelerators_per_node disagree", ("accelerator = \"nvidia-a100-sxm4-80gb\"\naccelerators = 8",
                                                 "node = \"dgx-a100\"\nnodes = 1\naccelerators_per_node = 4"),
     ["fleets.gpus.accelerators_per_node = 4", "holds 8"]),
    ("provider of another cloud", ('region = "FR"', 'region = "aws:us-east-1"\nprovider = "google"'),
     ["datacenters.main.provider", "aws"]),
    ("unknown assembly region", ("accelerators = 8", "accelerators = 8\nassembled_in = \"XX\""),
     ["fleets.gpus.assembled_in", "CN, MX, TW"]),
    ("a 300-character name", ('name = "t"', 'name = "' + "n" * 300 + '"'), ["training[0].name", "at most 200 characters"]),
]


@pytest.mark.parametrize("label,edit,words", CASES, ids=[c[0] for c in CASES])
def test_bad_spec(tmp_path, label, edit, words):
    r = run_spec(tmp_path, GOOD.replace(*edit, 1))
    assert r.returncode == 2, (label, r.stdout[:200], r.stderr)
    assert r.stdout == ""
    assert "Traceback" not in r.stderr
    msg = r.stderr.strip()
    assert msg.startswith("error:") and len(msg.splitlines()) == 1, msg
    for w in words:
        assert w in msg, (label, w, msg)


def test_every_bound_is_enforced_and_named():
    """Each bound of spec.BOUNDS: the bound itself is accepted, ten times it is an error naming the field."""
    from footprint import estimate
    from footprint.errors import SpecError
    from footprint.spec import BOUNDS

    where = {"datacenters.dc": ("pue", "wue_l_per_kwh", "grid_kgco2e_per_kwh", "electricity_water_l_per_kwh"),
             "fleets.f": ("accelerators", "embodied_kgco2e_per_accelerator", "embodied_kgco2e_per_node",
                          "lifetime_years"),
             "training[0]": ("device_hours", "accelerator_power_w", "repeats", "parameters", "tokens"),
             "inference[0]": ("requests", "energy_wh_per_request", "days")}
    base = lambda: {"name": "b", "datacenters": {"dc": {"region": "FR"}},
                    "fleets": {"f": {"accelerator": "nvidia-a100-sxm4-80gb", "accelerators": 8}},
                    "training": [{"name": "t", "device_hours": 10}],
                    "inference": [{"name": "s", "requests": 10, "energy_wh_per_request": 1}]}
    seen = set()
    for table, fields in where.items():
        for field in fields:
            limit = BOUNDS[field][0]
            for value, ok in ((limit, True), (limit * 10, False)):
                spec = base()
                node = spec[table.split("[")[0].split(".")[0]]
                node = node[0] if "[" in table else node[table.split(".")[1]]
                node[field] = int(value) if field in ("accelerators", "repeats") else float(value)
                try:
                    est = estimate(spec)
                    assert ok, (field, value)
                    assert est.total.value.map(lambda x: x == x and abs(x) < float("inf")).all()
                except SpecError as exc:
                    assert not ok, (field, value, str(exc))
                    assert field in str(exc) and "at most" in str(exc)
            seen.add(field)
    assert len(seen) >= 15


def test_zero_wue_is_valid_for_closed_loop(tmp_path):
    r = run_spec(tmp_path, GOOD.replace('region = "FR"', 'region = "FR"\nwue_l_per_kwh = 0', 1))
    assert r.returncode == 0, r.stderr


def test_not_toml(tmp_path):
    r = run_spec(tmp_path, "name = \n[[[")
    assert r.returncode == 2 and "not a valid TOML file" in r.stderr and "Traceback" not in r.stderr


def test_missing_file(tmp_path):
    r = run_cli("estimate", tmp_path / "none.toml")
    assert r.returncode == 2 and "does not exist" in r.stderr


def test_an_unreadable_spec_is_a_clear_error(tmp_path, monkeypatch):
    """A spec that exists but cannot be read (permissions: as root, chmod does not stop reading, so the read fails
    by hand here) is a SpecError naming the file and why, not a traceback."""
    from pathlib import Path as P

    from footprint.errors import SpecError
    from footprint.spec import read_toml

    f = tmp_path / "lab.toml"
    f.write_text(GOOD)

    def refuse(self, *a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(P, "read_text", refuse)
    with pytest.raises(SpecError, match=r"spec file '.*lab.toml' cannot be read: Permission denied"):
        read_toml(f)
    with pytest.raises(SpecError, match=r"cluster spec '.*' does not exist; give the path of a TOML cluster spec"):
        read_toml(tmp_path / "none.toml", "cluster spec")


@pytest.mark.parametrize("args", [("estimate", "{d}"), ("run", "--system", "{d}", "--", "true"),
                                  ("runs", "show", "abc", "--system", "{d}")])
def test_a_directory_given_as_the_spec_is_named_a_directory(tmp_path, args):
    r = run_cli(*[a.format(d=tmp_path) for a in args])
    assert r.returncode == 2 and f"spec file '{tmp_path}' is a directory" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr


def test_negative_samples_rejected(tmp_path):
    r = run_spec(tmp_path, GOOD, "--samples", "-5")
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_the_readme_states_every_bound():
    from footprint.spec import BOUNDS, LOWER_BOUNDS

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for field, (limit, unit, _) in {**BOUNDS, **LOWER_BOUNDS}.items():
        assert f"| `{field}` | {limit:g} | {unit} |" in readme, field
