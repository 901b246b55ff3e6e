"""Lookups return values with provenance; unknown keys suggest; fallbacks are marked."""

from __future__ import annotations

import pytest

from footprint import AmbiguousKeyError, UnknownKeyError


def test_country_codes_alpha2_alpha3_and_name_agree(registry):
    fr = registry.grid_intensity("FR")
    assert registry.grid_intensity("FRA").value == fr.value
    assert registry.grid_intensity("fr").value == fr.value
    assert fr.factor_id == "grid.fr" and fr.fallback_level == "country" and fr.note == ""
    assert fr.source and fr.year >= 2019 and fr.low < fr.value < fr.high
    assert "ISO country FR" in registry.grid_intensity("FRA").note


def test_subdivision_exact_and_fallback_to_country(registry):
    ca = registry.grid_intensity("US-CA")
    assert ca.factor_id == "grid.us-ca" and ca.fallback_level == "subdivision" and not ca.is_fallback
    idf = registry.grid_intensity("FR-IDF")  # a valid ISO 3166-2 code with no row of its own
    assert idf.factor_id == "grid.fr" and idf.fallback_level == "country"
    assert "no grid intensity for FR-IDF" in idf.note


def test_country_without_row_falls_back_to_world(registry):
    # Antarctica is a valid ISO country with no electricity statistics
    aq = registry.grid_intensity("AQ")
    assert aq.factor_id == "grid.world" and aq.fallback_level == "world" and aq.is_fallback
    assert 0.4 < aq.value < 0.55


def test_cloud_region_and_its_location(registry):
    aws = registry.grid_intensity("aws:us-east-1")
    assert aws.fallback_level == "cloud_region" and aws.keys["location"] == "US-VA"
    # AWS and Azure rows copy the grid of their location exactly
    assert aws.value == registry.grid_intensity("US-VA").value
    water = registry.electricity_water_intensity("aws:us-east-1")
    assert water.fallback_level in ("subdivision", "country") and "US-VA" in water.note
    assert registry.location_of("aws:us-east-1") == "US-VA"
    assert registry.location_of("gcp:europe-west1") == "BE"
    assert registry.location_of("fra") == "FR" and registry.location_of("us-ca") == "US-CA"
    with pytest.raises(UnknownKeyError):
        registry.location_of("aws:mars-1")


def test_unknown_region_suggests(registry):
    with pytest.raises(UnknownKeyError) as exc:
        registry.grid_intensity("XY")
    assert "'XY'" in str(exc.value)
    with pytest.raises(UnknownKeyError) as exc:
        registry.grid_intensity("aws:us-east-9")
    assert "aws:us-east-1" in exc.value.suggestions or "aws:us-east-2" in exc.value.suggestions


def test_unknown_factor_id_suggests(registry):
    with pytest.raises(UnknownKeyError) as exc:
        registry.get("grid.frr")
    assert "grid.fr" in exc.value.suggestions


def test_accelerator_alias_resolves_with_note(registry):
    h = registry.accelerator("h100-sxm")
    assert h.id == "nvidia-h100-sxm5-80gb" and "resolved" in h.note
    assert h["tdp"].value == 700 and h["memory"].value == 80
    assert h.attributes["memory_type"].startswith("HBM3")
    assert registry.accelerator("nvidia-h100-sxm5-80gb").note == ""


def test_ambiguous_alias_lists_choices(registry):
    with pytest.raises(AmbiguousKeyError) as exc:
        registry.accelerator("a100")
    assert "nvidia-a100-sxm4-80gb" in exc.value.choices and "nvidia-a100-pcie-40gb" in exc.value.choices
    assert registry.accelerator("a10").id == "nvidia-a10-pcie-24gb"  # exact token beats prefix
    # a fully named SKU beats its variant; the variant is named by its own token; a partial name stays ambiguous
    assert registry.accelerator("a100-sxm4-80gb").id == "nvidia-a100-sxm4-80gb"
    assert registry.accelerator("a100-sxm4-80gb-500w").id == "nvidia-a100-sxm4-80gb-500w"
    with pytest.raises(AmbiguousKeyError) as exc:
        registry.accelerator("a100-80gb")
    assert {"nvidia-a100-sxm4-80gb", "nvidia-a100-pcie-80gb"} <= set(exc.value.choices)


def test_unknown_accelerator_suggests(registry):
    with pytest.raises(UnknownKeyError) as exc:
        registry.accelerator("nvidia-h100-sxm5-8gb")
    assert exc.value.suggestions[0] == "nvidia-h100-sxm5-80gb"


def test_node_components_reference_hardware(registry):
    node = registry.node("dgx-h100")
    accs = [(cid, f.value) for kind, cid, q, f in node.components if kind == "accelerator" and q == "count"]
    assert accs == [("nvidia-h100-sxm5-80gb", 8)]


def test_datacenter_lookup(registry):
    assert registry.datacenter("google", "pue").value == pytest.approx(1.10, abs=0.01)
    with pytest.raises(UnknownKeyError):
        registry.datacenter("gooogle-cloud-x", "pue")


def test_frame(registry):
    df = registry.frame("datacenters")
    assert {"factor_id", "value", "unit", "low", "high", "source", "provider"} <= set(df.columns)
    assert len(df) == len(registry.rows("datacenters"))


def test_factors_are_immutable(registry):
    f = registry.grid_intensity("FR")
    with pytest.raises(TypeError):
        f.keys["region"] = "DE"
    with pytest.raises(Exception):
        f.value = 1.0
    assert registry.grid_intensity("FR").keys["region"] == "FR"


def test_a_table_edited_after_loading_is_read_again(factors_copy):
    import os

    from footprint import load_factors

    first = load_factors(factors_copy)
    assert load_factors(factors_copy) is first  # cached while nothing changes
    path = factors_copy / "datacenters.csv"
    text = path.read_text()
    path.write_text(text.replace("dc.google.pue,pue,google,fleet,1.1,", "dc.google.pue,pue,google,fleet,1.12,", 1))
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    again = load_factors(factors_copy)
    assert again is not first and again.get("dc.google.pue").value == 1.12 != first.get("dc.google.pue").value
