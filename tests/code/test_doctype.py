"""Document-level type: headlines in sentence case, the headline before the body."""

from __future__ import annotations

from dyadwatch.code.doctype import document_type, headline_sentence
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
    head = code(headline_sentence("Thailand and Cambodia Agree to a Ceasefire"))
    assert document_type(body) == "COERCE"
    assert document_type(body, head) == "RETREAT"
    assert document_type(body, []) == "COERCE"
    assert document_type([], []) is None
