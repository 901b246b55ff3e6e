"""Scenarios as overrides of a base spec, written as dotted paths into the spec.

``datacenters.main.region``, ``fleets.gpus.accelerator``, ``fleets.gpus.lifetime_years``,
``training.pretraining.device_hours`` (a phase by name, or by index: ``training.0.device_hours``). Variants are a
dict ``{scenario name: {dotted path: value}}`` or a list of ``{dotted path: value}`` (each named ``path=value, ...``);
:func:`parse_vary` turns ``--vary PATH=V1,V2`` options into the cartesian product of their values.
"""

from __future__ import annotations

import itertools
import types
import typing
from typing import Any, Iterable

from ..errors import SpecError
from ..spec import SystemSpec, as_spec, parse_spec

__all__ = ["resolve_path", "coerce", "set_path", "parse_vary", "scenarios", "scenario_specs", "parse_scenario",
           "copy_data"]


def _field_type(model, name: str):
    fields = getattr(model, "model_fields", {})
    if name not in fields:
        return None
    return fields[name].annotation


def _unwrap(tp):
    """The non-None, non-Annotated types of an annotation."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        out = []
        for a in typing.get_args(tp):
            if a is not type(None):
                out += _unwrap(a)
        return out
    return [tp]


def resolve_path(base: SystemSpec, path: str) -> tuple[tuple, Any]:
    """The location of a dotted path in the spec's data and the type of its field.

    Returns ``(keys, type)`` where ``keys`` index into ``base.model_dump()`` (phase names become list
    indices). Raises :class:`SpecError` naming the path and what is valid there.
    """
    parts = [p for p in path.strip().split(".")]
    if not parts or any(not p for p in parts):
        raise SpecError(f"--vary path {path!r} is not a dotted path such as datacenters.main.region")
    model: Any = SystemSpec
    obj: Any = base
    keys: list = []
    i = 0
    while i < len(parts):
        part = parts[i]
        tp = _field_type(model, part)
        if tp is None:
            valid = ", ".join(getattr(model, "model_fields", {}))
            raise SpecError(f"--vary path {path!r}: {'.'.join(parts[:i + 1])!r} is not in the spec; valid here: {valid}")
        keys.append(part)
        value = getattr(obj, part, None)
        origin = typing.get_origin(tp)
        if origin is dict:
            if i + 1 >= len(parts):
                raise SpecError(f"--vary path {path!r} names a table; give a field, e.g. {path}.{next(iter(value), 'name')}.<field>")
            key = parts[i + 1]
            if key not in value:
                raise SpecError(f"--vary path {path!r}: {part}.{key} is not in the spec; defined: {', '.join(value)}")
            keys.append(key)
            obj, model = value[key], typing.get_args(tp)[1]
            i += 2
            continue
        if origin is list:
            if i + 1 >= len(parts):
                raise SpecError(f"--vary path {path!r} names a list; give a phase and a field, e.g. {path}.0.<field>")
            key = parts[i + 1]
            names = [getattr(ph, "name", str(j)) for j, ph in enumerate(value)]
            if key.isdigit() and int(key) < len(value):
                idx = int(key)
            elif key in names:
                idx = names.index(key)
            else:
                raise SpecError(f"--vary path {path!r}: {part}.{key} is not in the spec; phases: {', '.join(names) or 'none'}")
            keys.append(idx)
            obj, model = value[idx], typing.get_args(tp)[0]
            i += 2
            continue
        if i != len(parts) - 1:
            raise SpecError(f"--vary path {path!r}: {'.'.join(parts[:i + 1])} is a value, not a table")
        return tuple(keys), tp
    raise SpecError(f"--vary path {path!r} names a table; give a field")


def coerce(path: str, tp, value):
    """``value`` (a string from the command line, or any Python value) as the field's type: numbers
    for numeric fields, strings otherwise; pydantic validates the result."""
    if not isinstance(value, str):
        return value
    kinds = _unwrap(tp)
    text = value.strip()
    if str in kinds or any(typing.get_origin(k) is typing.Literal for k in kinds):
        return text
    try:
        if float in kinds:
            return float(text)
        if int in kinds:
            x = float(text)
            if not x.is_integer():
                raise ValueError
            return int(x)
    except ValueError:
        raise SpecError(f"--vary {path}={value!r}: not a number; this field takes a number") from None
    return text


def set_path(data: dict, keys: tuple, value) -> None:
    """Set ``value`` at ``keys`` (from :func:`resolve_path`) in a spec's data."""
    obj = data
    for k in keys[:-1]:
        obj = obj[k]
    obj[keys[-1]] = value


def parse_vary(options: Iterable[str]) -> list[dict]:
    """``["PATH=V1,V2", ...]`` -> the cartesian product as a list of ``{path: value}`` dicts (values as
    strings; :func:`compare` converts them to the field's type)."""
    axes = []
    for opt in options:
        path, sep, values = opt.partition("=")
        if not sep or not path.strip() or not values.strip():
            raise SpecError(f"--vary {opt!r}: write PATH=V1,V2,... e.g. datacenters.main.region=FR,PL")
        vals = [v.strip() for v in values.split(",") if v.strip()]
        if not vals:
            raise SpecError(f"--vary {opt!r}: no value after '='; write PATH=V1,V2,... e.g. datacenters.main.region=FR,PL")
        axes.append([(path.strip(), v) for v in vals])
    paths = [a[0][0] for a in axes]
    if len(set(paths)) != len(paths):
        raise SpecError(f"--vary: a path is given twice ({', '.join(paths)}); give each path once with all its values")
    return [dict(combo) for combo in itertools.product(*axes)]


def scenarios(variants) -> list[tuple[str, dict]]:
    """``[(scenario name, {dotted path: value})]`` of a dict or a list of variants."""
    if isinstance(variants, dict):
        out = []
        for name, ov in variants.items():
            if not isinstance(ov, dict):
                raise SpecError(f"scenario {name!r}: give a dict of dotted path -> value, got {type(ov).__name__}")
            out.append((str(name), dict(ov)))
        return out
    variants = list(variants)
    for ov in variants:
        if not isinstance(ov, dict):
            raise SpecError(f"a variant is a dict of dotted path -> value, got {type(ov).__name__}")
    paths = list(dict.fromkeys(p for ov in variants for p in ov))
    last = [p.rsplit(".", 1)[-1] for p in paths]
    short = {p: (s if last.count(s) == 1 else p) for p, s in zip(paths, last)}
    return [(", ".join(f"{short[k]}={v}" for k, v in ov.items()) or "base", dict(ov)) for ov in variants]


def scenario_specs(base_spec, variants) -> list[tuple[str, SystemSpec]]:
    """Each scenario as a validated :class:`SystemSpec` (the simple, one-by-one path)."""
    base = as_spec(base_spec)
    data = base.model_dump(exclude_none=True)
    out = []
    for name, ov in scenarios(variants):
        d = copy_data(data)
        for path, value in ov.items():
            keys, tp = resolve_path(base, path)
            set_path(d, keys, coerce(path, tp, value))
        out.append((name, parse_scenario(name, d)))
    return out


def parse_scenario(name: str, data: dict) -> SystemSpec:
    """A scenario's data validated as a spec; an error names the scenario."""
    try:
        return parse_spec(data)
    except SpecError as exc:
        raise SpecError(f"scenario {name!r}: {exc}") from None


def copy_data(d):
    """A deep copy of a spec's data (dicts and lists)."""
    if isinstance(d, dict):
        return {k: copy_data(v) for k, v in d.items()}
    if isinstance(d, list):
        return [copy_data(v) for v in d]
    return d
