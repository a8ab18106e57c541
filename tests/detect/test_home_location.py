"""Coordinates precise enough to find a house are private next to a word of a home."""

import pytest

from sglang_safekv.detect.home_location import home_location_spans


def found(text: str) -> list[str]:
    return [text[b:e] for b, e in home_location_spans(text, 0, len(text))]


@pytest.mark.parametrize(
    "text, pair",
    [
        # round 21 dev p013, round 20 dev p179 and p175
        (
            "Location: 41.902215, -87.684310 (matches registered garaging address on policy)",
            "41.902215, -87.684310",
        ),
        ("Take-off: 2026-03-07 14:02:11, 51.75201, -1.25773 (back garden)", "51.75201, -1.25773"),
        (
            '"privacy_zone": {"lat": -36.86421, "lon": 174.77631, "radius_m": 200}',
            '"lat": -36.86421, "lon": 174.77631',
        ),
        ('"home_geofence":{"lat":39.961442,"lon":-82.998711}', '"lat":39.961442,"lon":-82.998711'),
        ("Home: 52.52437, 13.41053", "52.52437, 13.41053"),
    ],
)
def test_a_homes_coordinates_are_private(text, pair):
    assert found(text) == [pair]


@pytest.mark.parametrize(
    "text",
    [
        "The Eiffel Tower stands at 48.85837, 2.29448 on the Champ de Mars.",
        "Geocode the address 1600 Amphitheatre Parkway: 37.42248, -122.08425",
        "Home to 2.1 million people, the city centre is at 48.85661, 2.35222",  # "home to"
        "Paris is at 48.9, 2.35; our home office is in Lyon.",  # not precise
        "home\n\nThe summit is at 45.83265, 6.86516.",  # another line
    ],
)
def test_coordinates_without_a_home_stay_public(text):
    assert found(text) == []
