"""Synthetic residents for the demo and the benchmarks: how they answer, declared in
forms/lists/demo-residents.toml and checked against the instrument. Pure: takes a random source."""

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from outreach.declared_files import read_toml
from outreach.instrument.instrument import PREFER_NOT, Instrument, Question

Answers = dict[str, list[str]]
#: What a rule may say for either kind of resident.
KINDS = ("online", "offline", "both")


class ResidentsError(ValueError):
    """A broken residents file: the message names the file, the entry and the problem."""


@dataclass(frozen=True)
class Band:
    age_band: str
    #: The population figure of the band's stratum, which `weight` multiplies.
    population: str
    weight: float
    online: float


@dataclass(frozen=True)
class Rule:
    question: Question
    online: dict[str, float]
    offline: dict[str, float]
    by_band: dict[str, dict[str, float]]
    if_none: dict[str, float]


@dataclass(frozen=True)
class Residents:
    #: The survey version they answer (a new version needs its own residents file).
    survey: Instrument
    bands: tuple[Band, ...]
    rules: dict[str, Rule]

    def band_weights(self, population: dict[str, int]) -> list[float]:
        """How likely each band is among a neighbourhood's answers (its residents, weighted)."""
        return [b.weight * max(population.get(b.population, 1), 1) for b in self.bands]


def load(path: Path, instruments: list[Instrument]) -> Residents:
    """The residents of `path`, answering the instrument version it names."""
    data = read_toml(path, ResidentsError)
    where = str(path)
    wanted = (data.get("instrument"), data.get("version"))
    survey = next((i for i in instruments if (i.id, i.version) == wanted), None)
    if survey is None:
        known = ", ".join(f"{i.id} version {i.version}" for i in instruments)
        raise ResidentsError(
            f"{where}: no instrument {wanted[0]!r} version {wanted[1]!r} ({known})"
        )
    strata = {band: s.population for s in survey.strata for band in s.age_bands}
    bands = tuple(
        _band(f"{where}: [[bands]] #{n}", b, strata) for n, b in enumerate(data["bands"], 1)
    )
    rules = [
        _rule(f"{where}: [[answers]] #{n}", r, survey, strata)
        for n, r in enumerate(data.get("answers", []), 1)
    ]
    return Residents(survey, bands, {r.question.id: r for r in rules})


def _band(where: str, raw: dict[str, Any], strata: dict[str, str]) -> Band:
    band = raw.get("age_band")
    if band not in strata:
        raise ResidentsError(f"{where}: age_band {band!r} is in no [[strata]] of the instrument")
    return Band(band, strata[band], float(raw.get("weight", 1)), _chance(where, "online", raw))


def _chance(where: str, name: str, raw: dict[str, Any]) -> float:
    value = raw.get(name)
    if not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ResidentsError(f"{where}: {name} must be a chance between 0 and 1, not {value!r}")
    return float(value)


def _rule(where: str, raw: dict[str, Any], survey: Instrument, strata: dict[str, str]) -> Rule:
    question = survey.find(str(raw.get("question")))
    if question is None:
        raise ResidentsError(f"{where}: no question {raw.get('question')!r} in the instrument")
    where = f"{where} ({question.id})"
    tables = {k: _options(f"{where}: {k}", raw.get(k, {}), question) for k in (*KINDS, "if_none")}
    by_band = {
        option: {band: _chance(f"{where}: by_band.{option}", band, chances) for band in chances}
        for option, chances in raw.get("by_band", {}).items()
    }
    for option, chances in by_band.items():
        _options(f"{where}: by_band", {option: 1}, question)
        unknown = sorted(set(chances) - set(strata))
        if unknown:
            raise ResidentsError(f"{where}: by_band.{option}: no age band {', '.join(unknown)}")
    if question.type == "multiple":
        for kind in KINDS:
            for option in tables[kind]:
                _chance(f"{where}: {kind}", option, tables[kind])
    both = tables["both"]
    return Rule(
        question, tables["online"] or both, tables["offline"] or both, by_band, tables["if_none"]
    )


def _options(where: str, raw: Any, question: Question) -> dict[str, float]:
    if not isinstance(raw, dict):
        raise ResidentsError(f"{where}: must be a table of option = number")
    unknown = sorted(set(raw) - set(question.option_ids()))
    if unknown:
        raise ResidentsError(f"{where}: {', '.join(unknown)} is not an option of {question.id!r}")
    return {str(k): float(v) for k, v in raw.items()}


def answers(residents: Residents, rng: random.Random, area: str, band: Band) -> Answers:
    """One resident's answers, in the instrument's order and under its skip logic."""
    survey = residents.survey
    online = rng.random() < band.online
    given: Answers = {}
    for question in survey.questions:
        if question.show_if is not None and not question.show_if.holds(given):
            continue
        found = _answer(residents, survey, question, rng, (area, band.age_band, online))
        if found:
            given[question.id] = found
    return given


def _answer(
    residents: Residents,
    survey: Instrument,
    question: Question,
    rng: random.Random,
    resident: tuple[str, str, bool],
) -> list[str]:
    area, band, online = resident
    if question.id == survey.roles.get("area"):
        return [area]
    if question.id == survey.roles.get("age_band"):
        return [band]
    rule = residents.rules.get(question.id)
    if rule is not None:
        return _by_rule(rule, rng, band, online)
    return _at_random(question, rng) if question.required else []


def _by_rule(rule: Rule, rng: random.Random, band: str, online: bool) -> list[str]:
    table = dict(rule.online if online else rule.offline)
    for option, chances in rule.by_band.items():
        if band in chances:
            table[option] = chances[band]
    if rule.question.type != "multiple":
        return _draw(rng, table)
    chosen = [option for option, chance in table.items() if rng.random() < chance]
    return chosen or _draw(rng, rule.if_none)


def _draw(rng: random.Random, weights: dict[str, float]) -> list[str]:
    if not weights:
        return []
    return rng.choices(list(weights), list(weights.values()))


def _at_random(question: Question, rng: random.Random) -> list[str]:
    if question.type == "number":
        low = question.min if question.min is not None else 0
        return [str(rng.randint(low, question.max if question.max is not None else low + 9))]
    exclusive = question.exclusive_ids()
    options = [o for o in question.option_ids() if o != PREFER_NOT and o not in exclusive]
    return [rng.choice(options)] if options else []
