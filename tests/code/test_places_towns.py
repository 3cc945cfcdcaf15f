"""Small towns, short town names, regions named by their offices, places owning a local
body, and the per-Doc reading of words that finding place names relies on."""

from __future__ import annotations

from dyadwatch.analyze.nlp import parse
from dyadwatch.code import places
from dyadwatch.model import Article
from dyadwatch.pipeline import code_articles


def coded(text: str):
    return next(code_articles([Article.from_text(text)]))


def found(text: str) -> dict[str, object]:
    return {p.text: p for p in coded(text).places}


def test_a_small_town_after_a_place_noun_or_preposition_is_found():
    # neither town has 15,000 people: they come from the small-town list
    assert places.candidates("Medyka") == ()
    p = found("Polish border guards stopped migrants near the village of Medyka.")
    assert p["Medyka"].country == "POL" and p["Medyka"].geonames_id
    assert found("Icelandic police evacuated the town of Grindavik.")["Grindavik"].country \
        == "ISL"


def test_a_small_town_abroad_from_the_sentences_countries_is_no_guess():
    # Moura exists in Portugal and Australia, not in the list for Mali: better nothing
    assert places.resolve("Moura", ["MLI"]) is None
    assert places.resolve("Moura", ["PRT"]).country == "PRT"


def test_a_small_town_is_not_read_into_a_sea_or_a_region():
    p = found("The United States sent more warships to the Middle East and the Atlantic.")
    assert "Middle East" not in p or p["Middle East"].country != "USA"
    assert "Atlantic" not in p


def test_a_short_town_name_is_the_towns_own_name():
    p = found("Dominican police arrested smugglers near Santiago, the country's second city.")
    assert p["Santiago"].country == "DOM"
    assert found("Chilean police fired tear gas at students in Santiago.")["Santiago"].country \
        == "CHL"
    # "Mexico" stays the country, not Mexico City
    assert places.resolve("Mexico").feature_type == "country"


def test_the_governor_of_a_state_names_the_state_not_its_city():
    p = found("The governor of New York declared an emergency as snow buried Buffalo.")
    assert p["New York"].feature_type == "admin1" and p["New York"].admin1 == "US.NY"


def test_a_town_owning_the_police_at_the_start_of_a_sentence():
    events = coded("Austin police arrested a man who drove into a crowd of protesters.").events
    assert events and events[0].location is not None
    assert (events[0].location.name, events[0].location.country) == ("Austin", "USA")


def test_doc_word_table_agrees_with_spacy_tokens():
    texts = ["Police in Paris, Texas, arrested two men near Lake Tawakoni.",
             "Sent troops to Djibo in eastern Mali. Santiago de los Caballeros is calm.", ""]
    for doc in parse(texts):
        table = places._tokens(doc)
        assert [table.lower(t.i) for t in doc] == [t.lower_ for t in doc]
        assert table.starts == [t.idx for t in doc]
        assert table.ends == [t.idx + len(t) for t in doc]
        assert table.ents == [(e.start, e.end) for e in doc.ents if e.label_ in ("GPE", "LOC")]
        assert places._tokens(doc) is table  # read once per Doc


def test_a_name_before_district_is_a_place_and_kashmir_is_no_iranian_town():
    p = found("Indian troops killed three militants in Kashmir's Kupwara district.")
    assert p["Kashmir"].country == "IND"
    assert p["Kupwara"].country == "IND"


def test_another_spelling_counts_in_the_countries_the_sentence_names():
    # GeoNames spells it Kupyansk; "Ukrainian officials" say where to look
    p = found("Kupiansk came under heavy shelling overnight, Ukrainian officials said.")
    assert p["Kupiansk"].country == "UKR"
    # but an actor word is no place, whatever it is spelt like
    p = found("Iranian officials said Chilean diplomats had left Tehran.")
    assert "Iranian" not in p and "Chilean" not in p and p["Tehran"].country == "IRN"


def test_a_name_the_next_words_call_a_town():
    p = found("Gunmen attacked Ngala, a town in Borno state near the border with Cameroon.")
    assert p["Ngala"].country == "NGA"
