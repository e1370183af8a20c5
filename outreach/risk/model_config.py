"""Which neighbourhood figures predict each survey measure in the small-area model, read from
forms/lists/small-area.toml and checked against the figures that exist when the app starts."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from outreach.declared_files import read_toml


class ModelConfigError(ValueError):
    """A broken small-area configuration; the message names the file, the entry and the problem."""


@dataclass(frozen=True)
class ModelConfig:
    default: tuple[str, ...]
    #: measure id -> auxiliaries, where it differs from the default
    by_measure: dict[str, tuple[str, ...]]

    def auxiliaries(self, measure: str) -> tuple[str, ...]:
        return self.by_measure.get(measure, self.default)

    def check(self, measures: set[str], figures: set[str], where: str) -> None:
        """Raise ModelConfigError for an unknown measure or auxiliary figure."""
        for measure in self.by_measure:
            if measure not in measures:
                raise ModelConfigError(f"{where}: [measures.{measure}]: no such survey measure")
        for name, names in [("auxiliaries", self.default), *self.by_measure.items()]:
            unknown = sorted(set(names) - figures)
            if unknown:
                raise ModelConfigError(
                    f"{where}: {name}: {', '.join(unknown)} is not a neighbourhood figure "
                    f"(known: {', '.join(sorted(figures))})"
                )


def load(path: Path) -> ModelConfig:
    data = read_toml(path, ModelConfigError)
    return parse(data, str(path))


def parse(data: dict[str, Any], where: str) -> ModelConfig:
    default = _names(where, "auxiliaries", data.get("auxiliaries", []))
    by_measure = {
        str(measure): _names(where, f"[measures.{measure}]", item.get("auxiliaries", []))
        for measure, item in data.get("measures", {}).items()
    }
    return ModelConfig(default, by_measure)


def _names(where: str, entry: str, raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(n, str) for n in raw):
        raise ModelConfigError(f"{where}: {entry}: auxiliaries must be a list of figure names")
    return tuple(raw)
