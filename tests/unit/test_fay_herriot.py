"""The Fay–Herriot fit against R's sae package on the milk data, and its refusals."""

import csv
from pathlib import Path

import numpy as np
import pytest

from outreach.stats.fay_herriot import ModelError, fit, synthetic

DATA = Path(__file__).parent / "data" / "sae_milk"


def _read(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def milk() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rows = _read("milk.csv")
    y = np.array([float(r["yi"]) for r in rows])
    psi = np.array([float(r["SD"]) ** 2 for r in rows])
    major = np.array([int(r["MajorArea"]) for r in rows])
    # R's model.matrix for as.factor(MajorArea): intercept, then indicators of areas 2, 3, 4
    design = np.column_stack([np.ones(y.size)] + [(major == k) * 1.0 for k in (2, 3, 4)])
    return y, psi, design


@pytest.fixture(scope="module")
def expected() -> dict[str, np.ndarray]:
    rows = _read("expected-milk.csv")
    return {key: np.array([float(r[key]) for r in rows]) for key in rows[0] if key != "SmallArea"}


@pytest.mark.parametrize(("method", "sigma2_u"), [("reml", 0.0185502223), ("fh", 0.0164202704)])
def test_matches_sae_on_milk(milk, expected, method, sigma2_u):
    result = fit(*milk, method=method)
    assert result.converged
    assert result.sigma2_u == pytest.approx(sigma2_u, abs=1e-9)
    assert result.eblup == pytest.approx(expected[f"eblup_{method}"], abs=1e-6)
    assert result.mse == pytest.approx(expected[f"mse_{method}"], abs=1e-6)


def test_reml_coefficients_match_sae(milk):
    beta = fit(*milk).beta
    assert beta == pytest.approx([0.9681890, 0.1327801, 0.2269462, -0.2413011], abs=1e-6)


def test_eblup_shrinks_by_gamma(milk):
    y, psi, design = milk
    result = fit(*milk)
    assert result.gamma == pytest.approx(result.sigma2_u / (result.sigma2_u + psi))
    fitted = design @ result.beta
    assert result.eblup == pytest.approx(fitted + result.gamma * (y - fitted))


def test_synthetic_adds_area_variance_to_beta_error(milk):
    result = fit(*milk)
    estimates, mse = synthetic(result, np.array([[1.0, 0, 1, 0]]))
    # Major area 3 with no sample: intercept + its coefficient, MSE above σ²_u
    assert estimates[0] == pytest.approx(0.9681890 + 0.2269462, abs=1e-6)
    assert result.sigma2_u < mse[0] < result.sigma2_u + 0.01


def test_no_area_variation_gives_zero_sigma_and_finite_mse():
    design = np.column_stack([np.ones(30), np.linspace(0, 1, 30)])
    result = fit(np.zeros(30), np.full(30, 0.01), design)
    assert result.sigma2_u == 0.0
    assert np.all(result.eblup == 0.0)
    assert np.all(np.isfinite(result.mse)) and np.all(result.mse > 0)


def _good(m: int = 20) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(1)
    design = np.column_stack([np.ones(m), rng.normal(size=m)])
    return rng.normal(size=m), np.full(m, 0.1), design


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda y, v, x: (y, v, np.column_stack([x, 2 * x[:, 1]])), "singular"),
        (lambda y, v, x: (y[:2], v[:2], x[:2]), "cannot fit"),
        (lambda y, v, x: (np.where(np.arange(y.size) == 3, np.nan, y), v, x), "non-finite"),
        (lambda y, v, x: (y, v, np.where(x == 1.0, np.inf, x)), "non-finite"),
        (lambda y, v, x: (y, np.where(np.arange(v.size) == 0, 0.0, v), x), "positive"),
        (lambda y, v, x: (y, -v, x), "positive"),
        (lambda y, v, x: (y[:5], v, x), "same areas"),
    ],
)
def test_bad_inputs_raise_model_error(change, message):
    with pytest.raises(ModelError, match=message):
        fit(*change(*_good()))


def test_unknown_method_is_refused():
    with pytest.raises(ModelError, match="method"):
        fit(*_good(), method="ml")
    assert issubclass(ModelError, ValueError)


def test_non_convergence_is_reported(monkeypatch):
    monkeypatch.setattr("outreach.stats.fay_herriot.MAX_ITERATIONS", 1)
    with pytest.raises(ModelError, match="did not converge"):
        fit(*_good())
