"""Nothing public lets anyone work out a count under PUBLISH_MIN_CELL, area × age band included.

An attacker who knows the residents per age band of every neighbourhood (census figures) reads
everything a visitor can read — the transparency page with the map's figure JSON, the council
report and the open data — and solves for the answers per age band (tests/support/disclosure.py).

What the attacker can and cannot do: a "survey" figure is a pure function of the neighbourhood's
own counts (and the city's rates per band), so it is solved exactly. A "model" figure also depends
on the fit to every neighbourhood; the attacker is granted that fit (β̂, σ̂²_u, Cov β̂, the
benchmark shift, the city's rates), the standard worst case: a visitor can estimate it closely
from the 200-odd published figures and the public census. It holds the rest of the city fixed
for each candidate. It does not yet use the risk score (one more constraint, 2 decimals in the
map's JSON), so it under-states what can be recovered.

What it found before the public figures were protected: at whole percents it determined 986
cells under the minimum (183 neighbourhoods with 1–17 answers, typically a single candidate
left); at 5- and 10-point rounding still 298 and 127. The interval's width depends on the answers
per band through n_eff and the share on the positives through γ, so rounding alone cannot close
it. Now a neighbourhood with an age band of 1 to minimum − 1 answers is published as the model's
prediction alone ("model only"), which does not depend on its own answers, and the attacker
finds nothing (outreach.stats.small_area, protect).

One language is enough: every language route renders the same cached figures (insights.picture)
through the same rounding; a locale changes labels and digit grouping, never a number. The test
checks that the open data is the same file in English and Japanese.
"""

import csv
import io
import re

import numpy as np
import pytest

from outreach.services import insights, insights_cache, survey, synthetic, tallies
from outreach.services.area_import import import_files
from outreach.services.demo import GEOJSON, STATISTICS
from outreach.services.survey_counts import ResponseFilter
from outreach.stats import fay_herriot
from outreach.stats.direct import direct_arrays
from tests.support import disclosure
from tests.support.charts import map_values
from tests.support.survey_walk import soup

#: Few enough answers that most neighbourhoods have 1–15 of them.
ANSWERS, SEED = 1500, 7
#: The largest answer count the attacker enumerates candidates for (rounded 15 is 13–17).
LARGEST = 17
CHANNELS = ("web", "assisted", "paper", "phone")


@pytest.fixture
def city(app):
    import_files(GEOJSON, STATISTICS, synthetic=True)
    synthetic.generate(ANSWERS, seed=SEED)
    tallies.refresh(survey.instruments())
    insights_cache.clear_cache()
    return insights.picture(ResponseFilter(), app.extensions["outreach_risk"])


def open_data(client, lang: str = "en") -> dict[str, dict]:
    response = client.get(f"/{lang}/transparency/open-data.csv")
    assert response.status_code == 200
    rows = csv.DictReader(io.StringIO(response.data.decode("utf-8-sig")))
    return {r["area_code"]: r for r in rows}


def the_truth(app, result) -> dict:
    """The counts behind the figures, and each measure's fit to the whole city: the model
    knowledge granted to the attacker, and the true counts to check its answer against."""
    instrument = survey.instrument()
    cells = insights.survey_cells(instrument, ResponseFilter())
    pops = insights.population()
    codes = [a.code for a in result.areas]
    population = np.array(
        [[pops.get(c, {}).get(s.population, 0) for s in instrument.strata] for c in codes], float
    )
    truth = {"codes": codes, "population": population, "design": {}, "knowledge": {}}
    for measure in result.measures:
        respondents, positive = (np.zeros_like(population) for _ in range(2))
        for cell in cells[measure]:
            i, h = codes.index(cell.area), [s.id for s in instrument.strata].index(cell.stratum)
            respondents[i, h], positive[i, h] = cell.base, cell.positives
        design = _design(app, measure, pops, codes)
        truth["design"][measure] = design
        truth["knowledge"][measure] = _knowledge(
            result, measure, design, population, respondents, positive
        )
        truth.setdefault("respondents", respondents)
        # The synthetic residents answer every question, so one n serves every measure.
        assert np.array_equal(truth["respondents"], respondents)
    return truth


def _design(app, measure: str, pops: dict, codes: list[str]) -> np.ndarray:
    wanted = app.extensions["outreach_small_area"].auxiliaries(measure)
    rows = []
    for code in codes:
        known = insights._area_indicators(pops.get(code, {}))
        rows.append([1.0, *(known[name] for name in wanted)])
    return np.array(rows, dtype=float)


def _knowledge(result, measure, design, population, respondents, positive):
    reference = (positive.sum(axis=0) + 0.5) / (respondents.sum(axis=0) + 1.0)
    direct = direct_arrays(population, respondents, positive, reference)
    sampled = ~np.isnan(direct.proportion) & (direct.effective_n > 0)
    theta = np.arcsin(np.sqrt(np.clip(direct.proportion[sampled], 0.0, 1.0)))
    psi = 1.0 / (4.0 * direct.effective_n[sampled])
    fit = fay_herriot.fit(theta, psi, design[sampled])
    shares = np.array(
        [result.areas[i].estimates[measure].proportion for i in np.flatnonzero(sampled)]
    )
    inside = (shares > 0) & (shares < 1)
    shifts = np.arcsin(np.sqrt(shares[inside])) - fit.eblup[inside]
    assert np.ptp(shifts) < 1e-9, "the benchmark is one shift for every area"
    v = 1.0 / (fit.sigma2_u + psi)
    return disclosure.ModelKnowledge(
        reference, fit.beta, fit.beta_cov, fit.sigma2_u, 2.0 / np.sum(v**2), float(shifts[0])
    )


def _bounds(row: dict, minimum: int) -> tuple[int, int]:
    """The answers a neighbourhood can have, from its rounded (or suppressed) counts."""
    if row["answers"] == "x":
        low, high = 1, minimum - 1
    else:
        low, high = max(int(row["answers"]) - 2, minimum), int(row["answers"]) + 2
    channels = [row[f"answers_{c}"] for c in CHANNELS]
    low = max(low, sum(1 if c == "x" else max(int(c) - 2, 0) for c in channels))
    return low, high


def _constant(triple: tuple):
    def simulate(respondents: np.ndarray, positive: np.ndarray) -> np.ndarray:
        return np.tile(np.array(triple, dtype=float), (len(respondents), 1))

    return simulate


def _attack(row: dict, i: int, truth: dict, measures, minimum: int):
    low, high = _bounds(row, minimum)
    population = truth["population"][i]
    candidates = disclosure.band_counts(low, high)
    candidates = candidates[np.all(candidates <= population, axis=1)]
    seen, simulated = {}, {}
    for measure in measures:
        knowledge = truth["knowledge"][measure]
        triple = tuple(float(row[f"{measure}{s}"]) for s in ("", "_low95", "_high95"))
        x = truth["design"][measure][i]
        kind = row[f"{measure}_kind"]
        if kind == "model_only":
            # The prediction alone: the same whatever the neighbourhood's own answers are.
            simulated[measure] = _constant(triple)
        elif kind == "survey_and_model":
            simulated[measure] = knowledge.model(population, x)
        else:
            simulated[measure] = knowledge.survey(population)
        seen[measure] = (triple, simulated[measure])

    def prefilter(measure, rows):
        if row[f"{measure}_kind"] != "survey_and_model":
            return np.ones(len(rows), dtype=bool)
        knowledge = truth["knowledge"][measure]
        return knowledge.plausible(population, truth["design"][measure][i], rows, seen[measure][0])

    return disclosure.solve(candidates, seen, prefilter)


def test_no_small_cell_is_determined_from_what_is_published(app, client, city):
    data = open_data(client)
    assert open_data(client, "ja") == data, "every language publishes the same numbers"
    truth = the_truth(app, city)
    recovered, attacked = [], 0
    for i, code in enumerate(truth["codes"]):
        row = data[code]
        if not truth["respondents"][i].sum():
            continue  # no answers, nothing to find
        if _bounds(row, city.minimum)[1] > LARGEST:
            continue
        attacked += 1
        solution = _attack(row, i, truth, city.measures, city.minimum)
        real = tuple(int(v) for v in truth["respondents"][i])
        assert real in solution.respondents, f"{code}: the attacker must not rule out the truth"
        found = disclosure.leaks(solution, real, city.minimum)
        recovered += [f"{code} {real}: {leak}" for leak in found]
    assert attacked >= 100, "the sample leaves many neighbourhoods with 1–15 answers"
    assert not recovered, f"{len(recovered)} cells determined, e.g. {recovered[:5]}"


def test_a_visitor_reads_whole_percents_and_rounded_counts(client, city):
    for row in open_data(client).values():
        for measure in city.measures:
            for suffix in ("", "_low95", "_high95"):
                value = float(row[f"{measure}{suffix}"])
                assert round(value * 100, 9) == round(value * 100), (measure, suffix, value)
        for column in ("answers", *(f"answers_{c}" for c in CHANNELS)):
            assert row[column] == "x" or int(row[column]) % 5 == 0, (column, row[column])
    page = soup(client.get("/en/transparency/"))
    scores = {r["area_code"]: r["risk_score"] for r in open_data(client).values()}
    for code, z in map_values(page).items():
        assert abs(z - float(scores[code])) <= 0.05 + 1e-9, "the map shows the published score"
    for path in ("/en/transparency/", "/en/transparency/report"):
        text = soup(client.get(path)).get_text(" ")
        assert not re.search(r"\d[.,]\d+\s*%", text), f"{path}: a share finer than whole percents"
    api = client.get("/api/v1/figures").get_json()  # the read API publishes the same, no more
    for area in api["neighbourhoods"]:
        counts = [area["answers"], *area["answers_by_channel"].values()]
        assert all(c is None or c % 5 == 0 for c in counts), area
        for figure in filter(None, area["estimates"].values()):
            for key in ("share", "low95", "high95"):
                assert round(figure[key] * 100, 9) == round(figure[key] * 100), (key, figure)


@pytest.mark.parametrize(
    "path",
    [
        "/en/insights/",
        "/en/insights/export.csv",
        "/en/insights/export.xlsx",
        "/en/insights/export.geojson",
        "/en/insights/priorities.csv",
    ],
)
def test_staff_exports_with_unrounded_figures_need_a_login(client, city, path):
    response = client.get(path, expect={302, 401, 403, 404})
    assert b"area_code" not in response.data
