"""Modality: proposed, future, hypothetical, threatened and reported events."""

from __future__ import annotations

import pytest

from tests.code.conftest import code, triples


def modalities(text: str) -> set[tuple[str, str]]:
    return {(e.cameo_root, e.modality) for e in code(text)}


def test_proposal_sets_proposed():
    events = code("Mexico proposed talks with the United States on migration.")
    assert any(e.modality == "proposed" or e.cameo_root == "03" for e in events)
    assert all(e.source.code == "MEXGOV" for e in events)


def test_plans_to_sets_future_and_codes_intent():
    [e] = code("Japan plans to send humanitarian aid to Ukraine.")
    assert e.modality == "future" and e.cameo_root == "03"


def test_threatened_attack_is_a_threat_not_an_assault():
    events = code("North Korea threatened to attack South Korea.")
    assert [(e.source.code, e.target.code, e.cameo_root) for e in events] == [
        ("PRKGOV", "KORGOV", "13")]


def test_would_sets_hypothetical():
    events = code("Officials said Chile would expel the Peruvian ambassador if talks failed.")
    assert events and all(e.modality in ("hypothetical", "future") for e in events)


def test_plain_past_is_asserted():
    [e] = code("Canada expelled two Russian diplomats on Friday.")
    assert e.modality == "asserted" and not e.negated


@pytest.mark.parametrize("text", [
    "Israel insisted that Hamas disarm completely.",  # a demand, not a disarmament
    "Western diplomats said they expected North Korea to carry out a nuclear test.",  # a guess
    "Russia would talk provided that Kyiv stopped targeting Russian refineries.",  # an end
    "Denmark was ready to sit down with Washington to discuss Arctic security.",  # an aim
])
def test_clauses_that_report_no_event_of_their_own(text):
    roots = {root for _, _, root in triples(text)}
    assert not roots & {"04", "08", "15", "19"}, roots


def test_an_actor_expecting_to_act_is_still_an_intent():
    assert ("MEXGOV", "CANGOV", "03") in triples("Mexico expects to sign a trade deal with Canada.")


def test_an_inserted_phrase_does_not_hide_the_governing_verb():
    # "to host" parses as an adverbial clause after "on Monday"; it is still the offer's
    assert modalities("Turkey offered on Monday to host a meeting between Russian and "
                      "Ukrainian negotiators.") == {("03", "future")}


@pytest.mark.parametrize("text, expected", [
    ("Israel insisted that Hamas disarm completely.", ("ISRGOV", "PSEREB", "10")),
    ("The EU insisted that Serbia recognise Kosovo.", ("IGOEUR", "SRBGOV", "10")),
    ("The United States insisted that Iran halt enrichment.", ("USAGOV", "IRNGOV", "10")),
])
def test_insisting_that_someone_act_is_a_demand(text, expected):
    assert triples(text) == {expected}


def test_insisting_on_a_fact_is_no_demand():
    assert not {r for _, _, r in triples("Russia insisted that its troops had not crossed "
                                          "the border into Ukraine.")} & {"10"}


@pytest.mark.parametrize("text", [
    "In 1982, Argentina invaded the Falkland Islands.",
    "On March 3, 2019, India struck a camp in Pakistan.",
])
def test_an_event_set_in_an_earlier_year_is_history(text):
    assert code(text, date="2025-06-01") == []


def test_an_event_set_in_the_articles_year_is_news():
    assert code("In 2025, India struck a camp in Pakistan.", date="2025-06-01")


def test_officials_warning_of_their_own_country_code_no_self_event():
    assert triples("Israel could launch strikes on Iranian nuclear sites within weeks, "
                   "officials warned.") == set()


@pytest.mark.parametrize("text, expected", [
    ("Germany said it had no plans to send Taurus missiles to Ukraine.", ("DEUGOV", "UKRGOV")),
    ("Iran has no intention of negotiating with the United States.", ("IRNGOV", "USAGOV")),
])
def test_no_plans_or_intention_to_cooperate_is_a_refusal(text, expected):
    assert {(s, t) for s, t, r in triples(text) if r == "12"} == {expected}


def test_plans_to_act_are_an_intent():
    assert modalities("Germany has plans to send air defence systems to Ukraine.") == {
        ("03", "future")}


def test_the_content_of_a_denied_report_is_denied():
    assert [e.cameo[:2] for e in code(
        "Egypt denied reports that it had supplied weapons to the Sudanese army.")] == ["01"]


@pytest.mark.parametrize("text", [
    "The Pentagon would not comment on reports of a new deployment.",
    "The Pentagon did not comment on the reports.",
])
def test_not_commenting_is_declining_to_comment(text):
    assert [e.cameo for e in code(text)] == ["011"]


@pytest.mark.parametrize("text, expected", [
    ("Canada plans to station a battalion in Latvia next year.", {("CANGOV", "LVAGOV", "0312")}),
    ("North Korea will send more troops to Russia, Seoul said.", {("PRKGOV", "RUSGOV", "0312")}),
])
def test_forces_promised_to_a_host_country_are_military_cooperation(text, expected):
    assert {(e.source.code, e.target.code if e.target else None, e.cameo)
            for e in code(text)} == expected


@pytest.mark.parametrize("text", [
    "Venezuela will move more troops to its border with Guyana.",
    "China said it would deploy warships near the Philippines.",
    "Russia threatened to deploy nuclear missiles in Belarus.",
    "Peru plans to send soldiers to Lima to fight extortion gangs.",
])
def test_forces_sent_to_a_border_a_town_or_as_a_threat_stay_mobilisation(text):
    assert [e.cameo[:2] for e in code(text)] == ["15"]


def test_an_act_inside_a_condition_reached_through_a_verb_is_no_event():
    events = code("Algeria warned Spain that it would suspend the treaty if Madrid continued "
                  "to support Morocco's plan.")
    assert [(e.source.code, e.cameo[:2]) for e in events] == [("DZAGOV", "13")]


@pytest.mark.parametrize("text, expected", [
    # a report nobody here confirms is no event; a confirmed one is
    ("Egypt declined to comment on reports that it had received a delegation from Hamas.",
     ["011"]),
    ("Israel confirmed reports that it had struck a Hezbollah commander in Beirut.", ["190"]),
    # dismissing a report or a claim denies it, and says nothing of its content
    ("Russia dismissed reports that it had deployed troops to Belarus.", ["016"]),
])
def test_the_content_of_a_report_is_an_event_only_when_confirmed(text, expected):
    assert [e.cameo for e in code(text)] == expected


def test_a_denied_claim_answers_the_one_named_as_making_it():
    [e] = code("Iran denied U.S. claims that it was enriching uranium to weapons grade.")
    assert (e.source.code, e.target.code, e.cameo) == ("IRNGOV", "USAGOV", "016")


def test_what_a_demand_asks_is_not_done():
    assert [e.cameo[:2] for e in code("Hamas rejected Israel's demand that it disarm.")] == [
        "12"]


def test_a_threat_answers_the_one_whose_act_it_is_conditioned_on():
    assert [(e.source.code, e.target.code if e.target else None) for e in code(
        "China threatened countermeasures if the Netherlands blocked chip exports.")] == [
        ("CHNGOV", "NLDGOV")]
