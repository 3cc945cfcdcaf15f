"""Who is acted on: targets found through possessors, cargo, vehicles, places and the
people a pattern names."""

from __future__ import annotations

import pytest

from tests.code.conftest import triples


@pytest.mark.parametrize("text, expected", [
    # the possessor of a demand or proposal is the one answered
    ("Serbia accepted the protesters' demands.", ("SRBGOV", "SRBCVL", "08")),
    ("Iran rejected the EU's proposal.", ("IRNGOV", "IGOEUR", "12")),
    # cargo behind a quantity, a vehicle or a participle names what is sent
    ("Japan sent 200 tonnes of rice and medical supplies to Pakistan.",
     ("JPNGOV", "PAKGOV", "07")),
    ("Mexico sent two navy ships carrying food and fuel to Cuba.", ("MEXGOV", "CUBGOV", "07")),
    ("Turkey sent three planes loaded with tents to Syria.", ("TURGOV", "SYRGOV", "07")),
    # a product's origin is the target of a tariff on it
    ("Canada imposed a 25 percent tariff on steel imported from the United States.",
     ("CANGOV", "USAGOV", "16")),
    # the people a pattern names are acted on when no one else is
    ("Venezuelan police dispersed protesters in Caracas with tear gas.",
     ("VENCOP", "VENCVL", "17")),
    # a role with no country takes the one country the sentence's places lie in
    ("Cartel gunmen killed the mayor of Uruapan.", ("MEXCRM", "MEXGOV", "18")),
])
def test_target_is_found(text, expected):
    assert expected in triples(text)


@pytest.mark.parametrize("text, expected", [
    ("China warned the Philippines of consequences if it continued the missions.",
     ("CHNGOV", "PHLGOV", "13")),
    ("Armenia handed over four villages to Azerbaijan.", ("ARMGOV", "AZEGOV", "08")),
    ("The M23 rebels vacated the town of Sake.", ("CODREB", None, "08")),
    ("Egypt freed 30 political prisoners.", ("EGYGOV", None, "08")),
])
def test_verb_pattern_codes_the_event(text, expected):
    assert expected in triples(text)


def test_own_vehicles_are_not_a_target():
    assert not any(t == "MIL" for _, t, _ in triples("Mexico sent navy ships with food to Cuba."))
