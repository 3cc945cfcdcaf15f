"""Places: the gazetteer, resolution preferences, and each event's place."""

from __future__ import annotations

from dyadwatch.code import places
from tests.code.conftest import code


def test_resolution_prefers_the_actors_country_then_size():
    assert places.resolve("Paris").country == "FRA"
    assert places.resolve("Paris", ["USA"]).country == "USA"  # Paris, Texas
    assert places.resolve("Guadalajara", ["MEX"]).country == "MEX"
    assert places.resolve("Narnia") is None


def test_country_place_has_coordinates_of_its_capital():
    mex = places.country_place("MEX")
    assert mex.feature_type == "country" and mex.country == "MEX"
    assert 19 < mex.lat < 20 and -100 < mex.lon < -98


def test_event_place_from_a_locative_phrase():
    [e] = code("Kenyan troops arrested four Somali militants in Mombasa on Sunday.")
    assert e.location.name == "Mombasa" and e.location.country == "KEN"
    assert e.location.feature_type == "city" and e.location.geonames_id
    assert e.sentence[e.location.start:e.location.end] == "Mombasa"


def test_event_place_falls_back_to_the_dateline():
    [e] = code("LIMA, Peru — Chile expelled two Peruvian diplomats on Monday, officials said.")
    assert e.location.name == "Lima" and e.location.country == "PER"


def test_actor_places_are_their_countries():
    [e] = code("Canada condemned the missile test by North Korea.")
    assert e.source_place.country == "CAN" and e.target_place.country == "PRK"
