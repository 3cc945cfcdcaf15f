"""Document-level type: headlines in sentence case, the headline before the body."""

from __future__ import annotations

from dyadwatch.code.doctype import document_type, gists, headline_sentence, story_type
from tests.code.conftest import code


def test_headline_keeps_names_and_lowers_the_rest():
    assert headline_sentence("Cuba Tightens the Screws on Media Freedoms") == \
        "Cuba tightens the screws on media freedoms."
    assert headline_sentence("Pakistan Arrests 20 in NATO Crackdown") == \
        "Pakistan arrests 20 in NATO crackdown."
    assert headline_sentence("") == ""


def test_headline_in_sentence_case_is_coded():
    roots = {e.cameo_root for e in code(headline_sentence("Russia Expels Two British Diplomats"))}
    assert roots & {"16", "17"}


def test_headline_type_comes_before_the_body():
    body = code("Police arrested dozens of protesters in Tbilisi on Sunday.")
    head = code(headline_sentence("Russia Withdraws Its Troops From the Border With Finland"))
    assert document_type(body) == "COERCE"
    assert document_type(body, head) == "RETREAT"
    assert document_type(body, []) == "COERCE"
    assert document_type([], []) is None


def _story_types(text: str) -> set[str | None]:
    return {story_type(e) for e in code(headline_sentence(text))}


def test_a_promise_to_yield_and_a_ceasefire_are_concession_stories():
    assert _story_types("Mayor of Lima Promises to End Curfew After the Elections") == {"CONCEDE"}
    assert _story_types("Thailand and Cambodia Agree to a Ceasefire") == {"CONCEDE"}
    assert _story_types("Colombia Makes Concessions to Ecuador") == {"CONCEDE"}


def test_sanctions_and_convictions_are_sanction_stories():
    assert "SANCTION" in _story_types("Canada Imposes Sanctions on Iran")
    assert _story_types("Poland Recalls Its Ambassador From Belarus") == {"SANCTION"}


def test_a_headline_without_a_known_actor_still_has_a_gist():
    titles = [headline_sentence(t) for t in (
        "Eight Killed, Over 40 Injured in Bomb Explosion",
        "Nationwide Curfew Imposed Following Recent Protests",
        "Opposition Group Concedes After Meeting With Prime Minister",
        "Police Did Not Fire on the Crowd",
        "Army Urged to Stop Shelling Villages",
        "Administrative Restrictions Lifted on Charity Following Talks",
        "Peaceful Protests Begin Across the Capital",
        "Officials Promise Arrests if Corruption Continues",
        "Emergency Humanitarian Aid Arrives in Famine-Affected Areas",
        "Bilateral Trade Between Chile and Peru Growing Rapidly",
    )]
    types = [[kind for kind, _ in g] for g in gists(titles)]
    assert code(titles[0]) == [] and types[0][0] == "ASSAULT"
    assert types[1][0] == "COERCE"
    assert types[2][0] == "CONCEDE"  # the main clause, not the meeting after which
    assert types[3] == []  # negated: nothing happened
    assert "ASSAULT" not in types[4]  # an appeal to stop is no shelling
    assert types[5][0] == "CONCEDE"  # "lifted": a passive with "are" dropped
    assert types[6] == ["PROTEST"]  # an event noun as subject is the news
    assert types[7][0] == "THREATEN"  # arrests promised are threatened
    assert types[8][0] == "AID"  # the aid, not its arrival
    assert types[9] == ["COOPERATE"]  # no one acts, but trade is the story


def test_the_headline_gist_comes_first_then_its_events_the_body_and_the_lead():
    body = code("Police arrested dozens of protesters in Tbilisi on Sunday.")
    assert document_type(body, [], ["ASSAULT"]) == "ASSAULT"
    assert document_type([], [], [], ["PROTEST"]) == "PROTEST"
    assert document_type(body, [], [], ["PROTEST"]) == "COERCE"
    title = headline_sentence("Workers End Strike After Peru Promises Better Pay")
    head = code(title)
    gist = [kind for kind, _ in gists([title])[0]]
    assert document_type([], head, gist) == "CONCEDE"
    assert document_type(body, head, []) == story_type(head[0])
