"""Places: the gazetteer, resolution preferences, and each event's place."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyadwatch.code import places
from dyadwatch.model import Article
from dyadwatch.pipeline import code_articles
from tests.code.conftest import code


def coded(text: str):
    return next(code_articles([Article.from_text(text)]))


def test_resolution_prefers_the_actors_country_then_size():
    assert places.resolve("Paris").country == "FRA"
    # an actor's country alone does not move Paris to Texas; "Paris, Texas" does
    assert places.resolve("Paris", ["USA"]).country == "FRA"
    texas = places.resolve("Texas")
    assert places.resolve("Paris", clues=places.Clues(container=texas)).country == "USA"
    assert places.resolve("Leon", ["NIC"]).country == "NIC"
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


SEED = Path(__file__).resolve().parents[2].parent / "shared" / "examples" / "seed-article.txt"


@pytest.mark.skipif(not SEED.exists(), reason="../shared/examples/seed-article.txt is missing")
def test_seed_article_events_are_in_mexico_and_its_quote_is_mexgov():
    c = coded(SEED.read_text(encoding="utf-8"))
    assert c.events and all(e.location and e.location.country == "MEX" for e in c.events)
    [q] = [q for q in c.quotes if q.direct and "will not accept the participation" in q.text]
    assert q.speaker.code == "MEXGOV"


def test_town_then_region_resolves_both_together():
    c = coded("Sheriff's deputies in Savannah, Georgia, arrested a man after a shooting.")
    found = {p.text: p for p in c.places}
    assert found["Savannah"].country == "USA" and found["Georgia"].feature_type == "admin1"


def test_region_of_another_country_and_proper_nouns_spacy_missed():
    c = coded("Mexican soldiers clashed with cartel gunmen in Culiacan, the capital of "
              "Sinaloa state.")
    found = {p.text: p for p in c.places}
    assert found["Culiacan"].country == "MEX" and found["Sinaloa"].feature_type == "admin1"
    assert found["Sinaloa"].admin1 == "MX.25"


def test_one_candidate_names_and_clue_free_second_look_give_the_scored_place():
    """Shortcuts (a name with one place skips scoring; a second look with no new clue
    reuses the first) give what full scoring gives."""
    ukraine = places.candidates("Ukraine")
    assert len(ukraine) == 1
    clues = places.Clues(frozenset({"MEX"}), nearby=frozenset({"USA"}), dateline="MEX")
    assert places.resolve("Ukraine", clues=clues) is ukraine[0].place
    many = places.candidates("Washington")
    assert len(many) > 1
    assert places.resolve("Washington", ["USA"]).country == "USA"
    [(_ent, place)] = _places_in("Talks were held in Paris, Texas on Monday.")[:1]
    assert (place.name, place.country) == ("Paris", "USA")


def _places_in(text: str):
    from dyadwatch.analyze import parse

    [doc] = list(parse([text]))
    return [p for s in doc.sents for p in places.sentence_places(s)]
