"""Centroids and distances against figures worked out by hand and a published distance."""

import pytest

from outreach.geo import centroid, distance_km


def test_centroid_of_a_square_and_of_two_squares():
    square = {"type": "Polygon", "coordinates": [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]]}
    assert centroid(square) == pytest.approx((1.0, 1.0))
    # Twice the area on the right: the centroid moves two thirds of the way there.
    two = {
        "type": "MultiPolygon",
        "coordinates": [
            [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
            [[[3, 0], [5, 0], [5, 1], [3, 1], [3, 0]]],
        ],
    }
    assert centroid(two) == pytest.approx(((0.5 * 1 + 4 * 2) / 3, 0.5))
    assert centroid({"type": "Point", "coordinates": [1, 2]}) is None


def test_distances_on_a_meridian_and_along_the_equator():
    # One degree of a great circle is 2πR/360 = 111.195 km for the mean radius 6371.0088 km.
    assert distance_km((135.6, 34.0), (135.6, 35.0)) == pytest.approx(111.195, abs=0.001)
    assert distance_km((0.0, 0.0), (1.0, 0.0)) == pytest.approx(111.195, abs=0.001)
    # Along a parallel the degree shrinks with cos(latitude): at 60° it is half.
    assert distance_km((0.0, 60.0), (0.001, 60.0)) == pytest.approx(0.0555975, rel=1e-4)
    assert distance_km((135.6, 34.8), (135.6, 34.8)) == 0.0
