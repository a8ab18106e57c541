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
        (
            '{"user": "k.hansen", "home": {"lat": 55.67594, "lng": 12.56553}}',
            '"lat": 55.67594, "lng": 12.56553',
        ),
        (
            "Dad's house coordinates are 39.73915, -104.99025 if the ambulance needs them.",
            "39.73915, -104.99025",
        ),
        # found in review (stop 40): keyed pairs, other languages
        ("Lat 34.05221 Lon -118.24371 — that's home", "Lat 34.05221 Lon -118.24371"),
        ("home_lat: 37.33182, home_lon: -122.03118", "home_lat: 37.33182, home_lon: -122.03118"),
        ("Meine Wohnung: 52.51631, 13.37770 — bitte Paket dort abgeben", "52.51631, 13.37770"),
        ("自宅: 35.68950, 139.69171", "35.68950, 139.69171"),
        # a person's tracked position (stop 43, round 25)
        (
            "the app shows Dad's last location at 40.74213, -73.98861 at 3:12am",
            "40.74213, -73.98861",
        ),
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
        # found in review (stop 40): landmarks, a town's, a feature's example, statistics
        "The White House is located at 38.89768, -77.03653 in Washington, D.C.",
        "Graceland, Elvis Presley's former home in Memphis, sits at 35.04615, -90.02600.",
        "GPS collar data show the pack's home range is centred on 44.56120, -110.50010.",
        "PX4 SITL: the default home position is 47.39774, 8.54561 (Zurich).",
        "Model output (Home/Draw/Away): 0.4821, 0.2633, 0.2546 for Arsenal v Chelsea.",
        "Privacy zones hide activities, for example a 200 m zone around 37.77490, -122.41940.",
        "Parking garage P3 at Frankfurt Airport: 50.05121, 8.57109; 2,400 spaces.",
        "Hotel Residence Villa Maria, Rome (41.90278, 12.49637) - 4-star, from 140 EUR.",
        '{"name": "Sydney Opera House", "lat": -33.85681, "lon": 151.21529}',
        "Insured losses from Hurricane Ian were concentrated near 26.64060, -81.87230.",
        "Telematics API docs: trips return points such as 41.90221, -87.68431; the garaging"
        " address is stored separately.",
        "ArduPilot SITL starts at the CMAC home location -35.36326, 149.16524.",
        # second review (stop 40): a map's home, gardens, a museum, a nursing home
        "Home: 40.7128, -74.0060 is the fallback map centre when the browser denies geolocation.",
        "Home location of the weather station: 64.13548, -21.89541 (Reykjavik airport)",
        "Community garden plots at Riverside Park (40.80130, -73.97190) are allocated by lottery.",
        "Madison Square Garden: 40.75052, -73.99339 - home of the Knicks and Rangers.",
        "Shakespeare's birthplace (his family home) at 52.19424, -1.70798 is a museum.",
        "Our nursing home partners: Sunrise Care Center, 39.95258, -75.16522.",
    ],
)
def test_coordinates_without_a_home_stay_public(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # a business's or an app's location, a ship's position (the stop 43 review)
        "Find us - our location: 40.74844, -73.98566, across from the Empire State Building.",
        "The user's location 48.85837, 2.29448 is sent to the weather API for a forecast.",
        "Ship log, MV Explorer: our position 12.34567, -45.67890 at 0800 UTC, course 270.",
    ],
)
def test_a_location_that_is_no_relatives_stays_public(text):
    assert found(text) == []


def test_a_drivers_home_without_the_article_is_a_home():
    # stop 47, round 38: a telematics alert
    text = "Unit 212 parked overnight at 41.49932,-81.69436 (driver's home)."
    assert found(text) == ["41.49932,-81.69436"]
    assert found("The depot is at 41.49932,-81.69436 (driver's lounge on site).") == []
    # a racing driver's home race, a place in a queue (the stop 47 review)
    assert found("Monza (45.62056, 9.28111), the Ferrari driver's home race") == []
    assert found("A customer's place in the queue at JFK (40.64130, -73.77810)") == []
