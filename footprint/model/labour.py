"""The hidden labour of the data: worker-hours and effective pay of a system's ``[[annotation]]`` work.

Per annotation phase (factors/labor.csv, wages.csv, ppp_fx.csv):

    worker-hours [h]   = items x seconds per item x redundancy x (1 + review share) / 3600
    working time [h]   = worker-hours / (1 - unpaid share)          (unpaid time on platforms: ILO 2021)
    pay [currency]     = pay per item x items x redundancy, or pay per hour x worker-hours
    effective pay [/h] = pay / working time, in USD, in the local currency (x the exchange rate) and in PPP
                         international dollars (local / the PPP conversion factor of private consumption)
    ratio to minimum   = effective local pay per hour / the legal minimum wage per hour (monthly minimum / its
                         hours basis)
    value share        = pay / (client price per item x items), where the client price is given

factors/labor.csv gives the review share as review time / total time (f): the review share of the labelling time
is f / (1 - f). Ranges: the 5th-95th percentiles of Monte Carlo draws of the cited rows (user inputs are constant).
Health risks of content moderation are cited flags, never a number.
"""

from __future__ import annotations

import numpy as np

from ..errors import SpecError, UnknownKeyError
from ..uncertainty import DrawSource, PointSource
from .system import field_name, from_factor, given

__all__ = ["LABOR_COLUMNS", "labour_table", "labour_params"]

LABOR_COLUMNS = ["phase", "task", "country", "items", "worker_hours", "worker_hours_p5", "worker_hours_p95",
                 "pay_usd_per_hour", "pay_usd_per_hour_p5", "pay_usd_per_hour_p95", "local_currency",
                 "pay_local_per_hour", "pay_ppp_per_hour", "minimum_wage_per_hour", "minimum_wage_basis",
                 "ratio_to_minimum", "ratio_to_minimum_p5", "ratio_to_minimum_p95", "value_share", "health_flags",
                 "notes"]


def _row(reg, table, quantity, **keys):
    rows = [f for f in reg.rows(table) if f.quantity == quantity
            and all(f.keys.get(k, "") == v for k, v in keys.items())]
    return rows[0] if rows else None


def _task_row(reg, task, quantity, country):
    return _row(reg, "labor", quantity, task=task, country=country) or _row(reg, "labor", quantity, task=task, country="")


def _minimum_wage(reg, country, notes, v):
    """(the minimum wage's Params (per hour, or per month and the month's hours) or None, its basis text); ``v``
    records the rows read when no hourly minimum follows from them."""
    none = _row(reg, "wages", "statutory_minimum_exists", country=country)
    if none is not None:
        v(from_factor(none))
        notes.append(f"{country} has no statutory minimum wage (wages.csv): no ratio to a minimum")
        return None, "none (no statutory minimum)"
    rows = [f for f in reg.rows("wages") if f.quantity == "minimum_wage" and f.keys.get("country") == country]
    hourly = next((f for f in rows if f.unit == "LCU/h"), None)
    if hourly is not None:
        return (from_factor(hourly), None), f"{hourly.keys.get('basis')} rate ({hourly.factor_id})"
    monthly = next((f for f in rows if f.unit == "LCU/month"), None)
    if monthly is None:
        notes.append(f"no minimum wage of {country} in wages.csv: no ratio to a minimum")
        return None, ""
    hours = _row(reg, "wages", "hours_basis", country=country)
    if hours is None:
        v(from_factor(monthly))
        notes.append(f"the minimum wage of {country} ({monthly.factor_id}) has no published hours basis: no ratio")
        return None, f"monthly ({monthly.factor_id}), no hours basis"
    return (from_factor(monthly), from_factor(hours)), f"monthly / {hours.value:g} h ({monthly.factor_id})"


def _rates(reg, country, currency, where):
    """(local currency, exchange rate [LCU/USD Param or None], PPP [LCU/intl$ Param or None])."""
    fx = _row(reg, "ppp_fx", "exchange_rate", country=country)
    ppp = _row(reg, "ppp_fx", "ppp_private_consumption", country=country)
    wage = next((f for f in reg.rows("wages") if f.keys.get("country") == country), None)
    local = next((f.keys.get("currency") for f in (fx, ppp, wage) if f is not None and f.keys.get("currency")), None)
    if currency not in ("USD", local):
        raise SpecError(f"{where}.currency = {currency!r}: give USD or the currency of {country}"
                        + (f" ({local})" if local else " (not in wages.csv or ppp_fx.csv: give USD)"))
    return local, (from_factor(fx) if fx else None), (from_factor(ppp) if ppp else None)


def _one(reg, ph, v_of, notes):
    """The quantities of one annotation phase under a parameter source ``v_of``."""
    where = f"annotation.{ph.name}"
    tasks = sorted({f.keys["task"] for f in reg.rows("labor")})
    if ph.task is not None and ph.task not in tasks:
        raise SpecError(f"{where}.task = {ph.task!r}: not a task of factors/labor.csv; give one of {', '.join(tasks)}, "
                        "or leave it out and give seconds_per_item")
    try:
        level, code, _ = reg.resolve_region(ph.country)
    except UnknownKeyError:  # the message below names the field
        level, code = "", ""
    if level != "country" or len(code) != 2:
        raise SpecError(f"{where}.country = {ph.country!r}: give the ISO 3166-1 alpha-2 code of the country where the "
                        "work is done (KE, PH, IN, US ...)")
    country = code.upper()
    f = lambda name, unit: given(field_name("annotation", ph.name, name), getattr(ph, name), unit)  # noqa: E731
    if ph.seconds_per_item is not None:
        t = f("seconds_per_item", "s")
    else:
        row = _task_row(reg, ph.task, "seconds_per_item", country)
        if row is None:
            hint = ""
            if _task_row(reg, ph.task, "reading_seconds_per_word", country) is not None:
                w = _task_row(reg, ph.task, "reading_seconds_per_word", country)
                hint = (f" (reading takes {w.value:g} s per word, {w.factor_id}: words shown x {w.value:g} s plus the "
                        "time to decide)")
            raise SpecError(f"{where}: task {ph.task!r} has no published time per item in factors/labor.csv; give "
                            f"seconds_per_item{hint}")
        t = from_factor(row)
    red_row = _task_row(reg, ph.task, "redundancy", country) if ph.task else None
    red = f("redundancy", "count") if ph.redundancy is not None else (from_factor(red_row) if red_row else None)
    qa_row = _task_row(reg, ph.task, "qa_share", country) if ph.task else None
    unpaid = (f("unpaid_share", "fraction") if ph.unpaid_share is not None
              else from_factor(_row(reg, "labor", "unpaid_share", task="crowd-microtask", country="")))
    v = v_of
    qa = v(f("qa_share", "ratio")) if ph.qa_share is not None else (
        v(from_factor(qa_row)) / (1 - v(from_factor(qa_row))) if qa_row else 0.0)
    hours = ph.items * v(t) * (v(red) if red else 1.0) * (1 + qa) / 3600.0
    working = hours / (1 - v(unpaid))
    pay = (ph.pay_per_item * ph.items * (v(red) if red else 1.0) if ph.pay_per_item is not None
           else ph.pay_per_hour * hours)
    local, fx, ppp = _rates(reg, country, ph.currency.upper(), where)
    per_hour = np.where(working > 0, pay / np.maximum(working, 1e-300), 0.0)
    if ph.currency.upper() == "USD":
        usd = per_hour
        loc = per_hour * v(fx) if fx else None
    else:
        loc = per_hour
        usd = per_hour / v(fx) if fx else None
    out = dict(hours=hours, usd=usd, local=loc, ppp=(loc / v(ppp) if loc is not None and ppp else None),
               value=(pay / (ph.client_price_per_item * ph.items) if ph.client_price_per_item and ph.items else None))
    mw, basis = _minimum_wage(reg, country, notes, v) if local else (None, "")
    if mw is not None and loc is not None:
        per_h = v(mw[0]) / (v(mw[1]) if mw[1] is not None else 1.0)
        out.update(minimum=per_h, ratio=loc / per_h)
    out.update(basis=basis, local_currency=local, task=ph.task or "", country=country)
    if fx is None:
        notes.append(f"no exchange rate of {country} in ppp_fx.csv: pay shown in {ph.currency.upper()} only")
    if ppp is None:
        notes.append(f"no PPP conversion factor of {country} in ppp_fx.csv: no pay in international dollars")
    if ph.unpaid_share is None:
        notes.append(f"unpaid share: the microtask platforms' {unpaid.value:.0%} (ILO 2021, {unpaid.name}); give "
                     "unpaid_share for this work")
    return out


def _pct(x, q):
    return None if x is None else float(np.percentile(np.asarray(x, dtype=float), q)) if np.ndim(x) else float(x)


def _flags(reg, ph) -> list:
    """The health findings (labor.csv ``health_flag`` rows) of a phase's task: its country's and the general ones."""
    return [f for f in reg.rows("labor") if f.quantity == "health_flag" and f.keys.get("task") == (ph.task or "")
            and f.keys.get("country", "") in ("", ph.country.upper())]


def labour_params(spec, registry) -> list:
    """The parameters (cited rows and user inputs) the annotation phases of ``spec`` read, for the assumptions."""
    src = PointSource()
    for ph in getattr(spec, "annotation", []) or []:
        _one(registry, ph, src, [])
        for f in _flags(registry, ph):
            src(from_factor(f))
    return list(src.params.values())


def labour_table(spec, registry, samples: int = 0, seed=None):
    """One row per ``[[annotation]]`` phase of ``spec``: :data:`LABOR_COLUMNS` (worker-hours [h], effective pay per
    hour in USD, local currency and PPP international dollars, the minimum wage per hour, their ratio, the value
    share, cited health flags and notes). Empty (same columns) for a spec without annotation."""
    import pandas as pd

    recs = []
    for ph in getattr(spec, "annotation", []) or []:
        notes: list[str] = []
        point = _one(registry, ph, PointSource(), notes)
        draws = _one(registry, ph, DrawSource(samples, np.random.default_rng(seed)), []) if samples else point
        flags = [f"{f.notes} ({f.source})" for f in _flags(registry, ph)]
        get = lambda d, k: d.get(k)  # noqa: E731
        recs.append(dict(
            phase=ph.name, task=point["task"], country=point["country"], items=ph.items,
            worker_hours=float(point["hours"]), worker_hours_p5=_pct(draws["hours"], 5),
            worker_hours_p95=_pct(draws["hours"], 95), pay_usd_per_hour=_pct(point["usd"], 50),
            pay_usd_per_hour_p5=_pct(get(draws, "usd"), 5), pay_usd_per_hour_p95=_pct(get(draws, "usd"), 95),
            local_currency=point["local_currency"], pay_local_per_hour=_pct(point["local"], 50),
            pay_ppp_per_hour=_pct(point["ppp"], 50), minimum_wage_per_hour=_pct(point.get("minimum"), 50),
            minimum_wage_basis=point["basis"], ratio_to_minimum=_pct(point.get("ratio"), 50),
            ratio_to_minimum_p5=_pct(get(draws, "ratio"), 5), ratio_to_minimum_p95=_pct(get(draws, "ratio"), 95),
            value_share=_pct(point["value"], 50), health_flags=flags, notes=notes))
    return pd.DataFrame.from_records(recs, columns=LABOR_COLUMNS)
