"""The index's indicators, directions, components and weights, read from a TOML file."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from outreach.declared_files import read_toml

#: minmax: 0–10 across the areas compared; zscore; fixed: 0–10 between each indicator's bounds.
METHODS = ("minmax", "zscore", "fixed")


class RiskConfigError(ValueError):
    """A broken risk configuration; the message names the file and the problem."""


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    component: str
    weight: float
    #: True when a higher value means more risk; False when lower is riskier (e.g. help delivered).
    higher_is_riskier: bool
    #: (low, high): the values scored 0 and 10 under method "fixed", the same in every period.
    bounds: tuple[float, float] | None = None


@dataclass(frozen=True)
class Component:
    id: str
    name: str
    weight: float


@dataclass(frozen=True)
class RiskConfig:
    method: str
    components: tuple[Component, ...]
    indicators: tuple[Indicator, ...]
    #: The survey measure whose residents count as "in need" for unmet need (None: not computed).
    need: str | None = None

    def with_weights(self, weights: dict[str, float]) -> "RiskConfig":
        """A copy with some weights changed (ids of components or indicators): for "what if"."""
        return RiskConfig(
            self.method,
            tuple(Component(c.id, c.name, weights.get(c.id, c.weight)) for c in self.components),
            tuple(
                Indicator(
                    i.id,
                    i.name,
                    i.component,
                    weights.get(i.id, i.weight),
                    i.higher_is_riskier,
                    i.bounds,
                )
                for i in self.indicators
            ),
            self.need,
        )

    def check(self, known: set[str], where: str) -> None:
        """Raise RiskConfigError naming any indicator that is not a figure Outreach computes."""
        for indicator in self.indicators:
            if indicator.id not in known:
                raise RiskConfigError(
                    f"{where}: indicator {indicator.id!r} is not a known figure "
                    f"(known: {', '.join(sorted(known))})"
                )
        if self.need is not None and self.need not in known:
            raise RiskConfigError(f"{where}: need_measure {self.need!r} is not a known figure")


def load(path: Path) -> RiskConfig:
    data = read_toml(path, RiskConfigError)
    return parse(data, str(path))


def parse(data: dict[str, Any], where: str = "risk config") -> RiskConfig:
    method = data.get("method", "minmax")
    if method not in METHODS:
        raise RiskConfigError(
            f"{where}: method must be one of {', '.join(METHODS)}, not {method!r}"
        )
    components = tuple(
        Component(str(c["id"]), str(c["name"]), _weight(where, c))
        for c in data.get("components", [])
    )
    known = {c.id for c in components}
    indicators = []
    for item in data.get("indicators", []):
        if item.get("component") not in known:
            raise RiskConfigError(
                f"{where}: indicator {item.get('id')!r} names unknown component {item.get('component')!r}"
            )
        if item.get("direction") not in ("higher_is_riskier", "lower_is_riskier"):
            raise RiskConfigError(
                f"{where}: indicator {item.get('id')!r} needs direction higher_is_riskier or lower_is_riskier"
            )
        indicators.append(
            Indicator(
                str(item["id"]),
                str(item["name"]),
                item["component"],
                _weight(where, item),
                item["direction"] == "higher_is_riskier",
                _bounds(where, item, method),
            )
        )
    if not indicators:
        raise RiskConfigError(f"{where}: no indicators")
    need = data.get("need_measure")
    return RiskConfig(method, components, tuple(indicators), str(need) if need else None)


def _bounds(where: str, item: dict[str, Any], method: str) -> tuple[float, float] | None:
    raw = item.get("bounds")
    if raw is None:
        if method == "fixed":
            raise RiskConfigError(
                f"{where}: indicator {item.get('id')!r} needs bounds = [low, high]"
            )
        return None
    valid = isinstance(raw, list) and len(raw) == 2 and all(isinstance(v, int | float) for v in raw)
    if not valid or raw[0] >= raw[1]:
        raise RiskConfigError(
            f"{where}: indicator {item.get('id')!r}: bounds must be [low, high] with low < high"
        )
    return (float(raw[0]), float(raw[1]))


def _weight(where: str, item: dict[str, Any]) -> float:
    weight = item.get("weight", 1)
    if not isinstance(weight, int | float) or weight < 0:
        raise RiskConfigError(f"{where}: {item.get('id')!r} needs a weight of 0 or more")
    return float(weight)
