"""Every factor row is read by the model for some system a spec can describe, or is marked reference-only with a
reason (footprint/registry/reference.py); and no row marked reference-only is read as a model input."""

import pytest

from footprint.model import resolve
from footprint.model.estimate import point_values
from footprint.registry import load_factors
from footprint.spec import as_spec

REG = load_factors()


def _regions() -> list[str]:
    """Every region of a region-keyed table and every cloud region."""
    codes = set()
    for table in ("grid_intensity", "electricity_impacts", "electricity_water"):
        codes |= {f.keys["region"] for f in REG.rows(table) if f.keys.get("region")}
    codes.discard("WORLD")  # the fallback of a country without a row
    cloud = {f"{f.keys['provider']}:{f.keys['cloud_region']}" for f in REG.rows("cloud_regions")}
    return sorted(codes) + sorted(cloud)


def _specs():
    """Shipped-spec variety: every accelerator x workload x service-life form, every node archetype, every region
    on both grid bases, every provider, every assembly region, with and without radiative forcing."""
    accs = REG.ids("accelerators", "accelerator")
    nodes = REG.ids("nodes", "node")
    provs = sorted({f.keys["provider"] for f in REG.rows("datacenters")})
    origins = sorted({f.keys["origin"] for f in REG.rows("transport") if f.quantity == "distance"})
    regions = _regions()
    lives = ({}, {"lifetime_years": 4}, {"utilization": 0.5}, {"lifetime_years": 4, "utilization": 0.5})
    n = max(2 * len(regions), 2 * len(accs))
    for i in range(n):
        region = regions[i % len(regions)]
        dc = {"region": region, "grid_basis": ("lifecycle", "direct")[(i // len(regions)) % 2],
              **({} if ":" in region else {"provider": provs[i % len(provs)]})}  # a cloud region's operator is its own
        yield {"name": "r", "datacenters": {"dc": dc}, "air_radiative_forcing": bool(i % 2),
               "fleets": {"f": {"accelerator": accs[i % len(accs)], "accelerators": 8, "assembled_in": origins[i % len(origins)],
                                **lives[i % len(lives)]}},
               "training": [{"name": "t", "device_hours": 100, "workload": ("pretraining", "finetuning")[(i // len(accs)) % 2]}],
               "inference": [{"name": "s", "requests": 1e4, "tokens_per_request": 100,
                              "tokens_per_second_per_accelerator": 100, "days": 10}]}
    # phases given by their work: every accelerator with peak FLOP/s at every precision it has, every measured
    # serving configuration (its accelerator, precision, model size and batch), the roofline with a prefill
    for i, acc in enumerate(accs):
        hw = REG.accelerator(acc)
        for q in [k for k in hw.factors if k.startswith("peak_flops_")]:
            precision = q.removeprefix("peak_flops_")
            if precision not in ("bf16", "fp16", "fp8", "tf32", "fp32"):
                continue
            yield {"name": "w", "datacenters": {"dc": {"region": "FR"}},
                   "fleets": {"f": {"accelerator": acc, "accelerators": 4096}},
                   "training": [{"name": "t", "parameters": 7e9, "tokens": 1e12, "precision": precision}]}
    for f in REG.rows("inference_throughput"):
        if f.quantity != "tokens_per_second" or not f.keys.get("parameters"):
            continue
        scen = f.keys["batch_or_scenario"]
        batch = int(scen.split("-")[1]) if scen.startswith("batch-") else 1024
        for b in (batch, None):
            yield {"name": "i", "datacenters": {"dc": {"region": "FR"}},
                   "fleets": {"f": {"accelerator": f.keys["accelerator"], "accelerators": 4096}},
                   "inference": [{"name": "s", "requests": 1e3, "tokens_per_request": 100, "input_tokens_per_request": 500,
                                  "parameters": float(f.keys["parameters"]),
                                  "precision": f.keys["precision"].removeprefix("mx"),
                                  **({"batch_size": b} if b else {})}]}
    for i, acc in enumerate(accs):
        if REG.accelerator(acc).get("memory_bandwidth") is None or REG.accelerator(acc).get("peak_flops_bf16") is None:
            continue  # the roofline needs both (a clear error otherwise: tests/test_work.py)
        yield {"name": "r", "datacenters": {"dc": {"region": "FR"}}, "fleets": {"f": {"accelerator": acc, "accelerators": 4096}},
               "inference": [{"name": "s", "requests": 1e3, "tokens_per_request": 100, "input_tokens_per_request": 500,
                              "parameters": 1e9, **({"batch_size": 64} if i % 2 else {})}]}
    for i, node in enumerate(nodes):
        gpu = any(k == "accelerator" for k, *_ in REG.node(node).components)
        phase = {"name": "t", "hours": 10, **({} if gpu else {"power_w": 500})}
        for life in lives if not gpu else lives[i % len(lives):][:1]:
            yield {"name": node, "datacenters": {"dc": {"region": regions[(i * 7) % len(regions)]}},
                   "fleets": {"f": {"node": node, "nodes": 2, "assembled_in": origins[i % len(origins)], **life}},
                   "training": [phase], **({"inference": [{"name": "s", "requests": 1e3, "tokens_per_request": 10,
                                                          "tokens_per_second_per_accelerator": 50, "days": 2}]}
                                           if gpu else {})}


@pytest.fixture(scope="module")
def read_ids() -> set:
    ids = set()
    for spec in _specs():
        system = resolve(as_spec(spec), REG)
        _, params = point_values(system)
        ids |= {p.name for p in params} | {i for p in params for i in p.info.get("pooled", ())}
        ids |= {p.info["bounded_by"] for p in params if p.info.get("bounded_by")}
        for ph in system.phases:
            model = getattr(ph, "model", None)
            if model is not None and model.share is not None:
                ids |= set(model.share.factor_ids)
    # the labour ledger: every task of labor.csv (with its country rows), every country of wages.csv and ppp_fx.csv
    from footprint.model.labour import labour_params
    from footprint.spec import parse_spec

    def currency(cc):
        row = next((f for t in ("ppp_fx", "wages") for f in REG.rows(t) if f.keys["country"] == cc), None)
        return row.keys["currency"] if row is not None else "USD"

    tasks = sorted({(f.keys["task"], f.keys.get("country", "")) for f in REG.rows("labor")})
    phases = []
    for i, (task, cc) in enumerate(tasks):
        timed = any(f.quantity == "seconds_per_item" and f.keys["task"] == task and f.keys.get("country", "") == cc
                    for f in REG.rows("labor"))
        phases.append({"name": f"a{i}", "items": 10, "task": task, "country": cc or "US", "pay_per_item": 0.1,
                       **({} if timed else {"seconds_per_item": 30})})
    for i, cc in enumerate(sorted({f.keys["country"] for t in ("wages", "ppp_fx") for f in REG.rows(t)})):
        phases.append({"name": f"c{i}", "items": 10, "seconds_per_item": 30, "country": cc, "pay_per_hour": 2.0,
                       "currency": currency(cc)})
    for ph in phases:
        sp = parse_spec({"name": "l", "datacenters": {"dc": {"region": "FR"}},
                         "fleets": {"f": {"accelerator": "nvidia-a100-sxm4-80gb", "accelerators": 1}},
                         "training": [{"name": "t", "device_hours": 1}], "annotation": [ph]})
        ids |= {p.name for p in labour_params(sp, REG)}
    # fleet accounting reads the power of allocated memory and the CPU usage factor of each fleet
    from footprint.fleet.cluster import load_cluster

    cluster = load_cluster({"name": "c", "datacenters": {"dc": {"region": "FR"}},
                            "fleets": {"cpu": {"node": "cpu-server-2s", "nodes": 2}}}, REG)
    ids |= {p.name for f in cluster.fleets.values() for p in (f.memory_power, f.cpu_usage)}
    return ids


def test_every_row_is_read_or_reference(read_ids):
    unread = [f"{f.table}: {f.factor_id}" for f in REG if f.factor_id not in read_ids and REG.reference_only(f) is None]
    assert not unread, f"{len(unread)} factor rows are neither read by the model nor marked reference-only: {unread[:20]}"


def test_no_model_input_is_marked_reference(read_ids):
    from footprint.registry.reference import CATALOGUE, LOOKUP_TABLES

    catalogue = {t for t, *_ in CATALOGUE} | set(LOOKUP_TABLES)
    wrong = [f.factor_id for f in REG if f.factor_id in read_ids and f.table not in catalogue and REG.reference_only(f)]
    assert not wrong, f"rows read by the model but marked reference-only: {wrong}"


def test_the_accelerator_board_term_is_read(read_ids):
    """The review's dead factor: the board term matched none of the accelerators."""
    assert {"mfg.accelerator_board.gwp", "mfg.accelerator_board.pe"} <= read_ids


def test_reference_rows_say_why():
    fab = REG.get("mfg.logic_die.7nm.fab_energy")
    assert "gwp row" in REG.reference_only(fab)
    assert REG.reference_only(REG.get("grid.fr")) is None
    assert "consumption-based" in REG.reference_only(REG.get("grid.us-dc.generation"))
