"""Confidence intervals for proportions."""

import math

Z_95 = 1.959963984540054


def wilson(proportion: float, n: float, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval; with weights, pass the Kish effective sample size as n."""
    if n <= 0:
        return (0.0, 1.0)
    z2 = z * z
    centre = (proportion + z2 / (2 * n)) / (1 + z2 / n)
    half = z * math.sqrt(proportion * (1 - proportion) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return (max(0.0, centre - half), min(1.0, centre + half))
