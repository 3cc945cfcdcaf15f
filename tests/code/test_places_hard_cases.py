"""Place names that trip a resolver: namesakes, seas and rivers, hyphenated towns, other
names, villages no gazetteer has, people's names that are regions, police at home, parts
of towns, and where an event happened when the words around the place are unusual."""

from __future__ import annotations

from dyadwatch.code import places
from dyadwatch.model import Article
from dyadwatch.pipeline import code_articles


def coded(text: str):
    return next(code_articles([Article.from_text(text, id="t")]))


def found(text: str) -> dict[str, object]:
    return {p.text: p for p in coded(text).places}


def where(text: str) -> set[str | None]:
    return {e.location.name if e.location else None for e in coded(text).events}


def test_a_state_and_the_town_named_after_it_in_one_sentence():
    text = ("The Chihuahua state attorney general said gunmen killed three men in the city of "
            "Chihuahua.")
    state, town = [p for p in coded(text).places if p.text == "Chihuahua"]
    assert (state.feature_type, state.country) == ("admin1", "MEX")
    assert (town.feature_type, town.admin1) == ("city", state.admin1)


def test_a_sea_or_a_river_is_no_place_of_that_name():
    assert found("Iranian boats harassed a tanker in the Red Sea on Sunday.") == {}
    assert places.resolve("Red Sea") is None
    # unless the text calls it a state
    p = found("Sudanese officials met aid agencies in Port Sudan, the capital of Red Sea state.")
    assert (p["Red Sea"].feature_type, p["Red Sea"].country) == ("admin1", "SDN")
    # the town across the river, not the city named like the river
    text = "Russian troops shelled Nikopol from across the Dnipro river."
    assert "Dnipro" not in found(text) and where(text) == {"Nikopol"}


def test_hyphenated_town_names_are_one_name():
    assert found("Police fired tear gas at protesters in Aix-en-Provence.")[
        "Aix-en-Provence"].country == "FRA"
    assert found("Haitian police fought gangs in Port-au-Prince.")["Port-au-Prince"].country \
        == "HTI"
    # "Mexico-based" is still Mexico
    assert found("A Mexico-based company said its workers were kidnapped.")["Mexico"].country \
        == "MEX"


def test_areas_written_as_one_word_or_two():
    assert places.resolve("Northwest", ["CMR"]).country == "CMR"
    assert places.resolve("North-West", ["CMR"]).country == "CMR"


def test_an_old_name_given_next_to_the_new_one():
    p = found("Police in Kolkata, formerly Calcutta, arrested 30 protesters.")
    assert p["Calcutta"].geonames_id == p["Kolkata"].geonames_id


def test_a_village_no_gazetteer_has_takes_the_place_named_next_to_it():
    text = "Gunmen burned homes in the village of Ungwan Dorawa in Kaduna state."
    village = found(text)["Ungwan Dorawa"]
    assert (village.country, village.feature_type, village.name) == ("NGA", "admin1",
                                                                     "Kaduna State")
    assert found("Settlers attacked the hamlet of Khirbet Zanuta near Hebron.")[
        "Khirbet Zanuta"].name == "Hebron"
    # a country's adjective describing it
    assert found("Rebels seized Kadabaye, a Somali farming village.")["Kadabaye"].country \
        == "SOM"
    # not the capital speaking after it, nor a town after a comma
    assert "Dorozhnianka" not in found("Ukrainian troops held the village of Dorozhnianka, "
                                       "Kyiv said.")


def test_a_peoples_name_is_not_the_region_named_like_it():
    assert "Somali" not in found("Rebels seized Kadabaye, a Somali farming village.")
    assert found("Ethiopian troops were deployed in the Somali region.")["Somali"].country \
        == "ETH"


def test_police_act_at_home_a_small_town_there_beats_a_big_one_abroad():
    assert found("Colombian police arrested a gang leader in Trujillo.")["Trujillo"].country \
        == "COL"
    assert found("Peruvian police arrested a gang leader in Trujillo.")["Trujillo"].country \
        == "PER"
    # a region abroad stays abroad
    p = found("Mexican police found two bodies near the border with California.")
    assert p["California"].country == "USA"


def test_a_part_of_a_town_named_like_another_town_is_in_the_town():
    p = found("Clashes broke out in Damascus's Old City on Friday.")
    assert p["Old City"].name == "Damascus"


def test_a_misspelt_look_alike_is_no_place():
    assert places.candidates("Caribbean") == ()
    assert places.candidates("Hodeidah")[0].place.country == "YEM"


def test_islands_news_names():
    assert found("The coast guard rescued 40 migrants off Samos.")["Samos"].feature_type \
        == "island"


def test_event_place_through_between_and_not_where_things_came_from():
    assert where("Protesters marched through Lyon against the pension reform.") == {"Lyon"}
    assert where("Iraqi forces intercepted drones launched from Syria over Mosul.") == {"Mosul"}


def test_event_place_behind_a_noun_of_space():
    assert where("Soldiers clashed with smugglers in the mountains of Sinaloa.") == {"Sinaloa"}
    assert where("Haitian police clashed with gangs on the outskirts of Port-au-Prince.") \
        == {"Port-au-Prince"}


def test_a_town_named_in_the_story_beats_the_dateline():
    text = "NAIROBI — Somali troops shelled Kismayo after militants seized a checkpoint."
    assert where(text) == {"Kismayo"}


def test_the_parties_between_which_one_mediates_and_a_dispute_named_are_no_site():
    assert where("Egypt offered to mediate between Ethiopia and Sudan.") == {None}
    assert where("India suspended trade with Pakistan over the Kashmir dispute.") == {None}
    # towns between which something happens are
    assert where("Workers blocked the road between Kisumu and Kericho.") == {"Kisumu"}


def test_a_month_is_no_town():
    # March is also a town in England; "in March" is the month
    assert where("Mexico and the United States agreed to hold security talks in March.") \
        == {None}
