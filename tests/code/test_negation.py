"""Negation: refused or negated cooperation is rejection; negated conflict is no event."""

from __future__ import annotations

import pytest

from dyadwatch.code import negation
from dyadwatch.code.cameo import cameo_table
from tests.code.conftest import code, triples


def test_every_code_the_rules_produce_is_a_cameo_code():
    table = cameo_table()
    for mapping in (negation.NEGATED_COOPERATION, negation.INTENT, negation.THREAT):
        assert set(mapping.values()) <= set(table)


@pytest.mark.parametrize("sentence, expected", [
    ("Mexico will not permit the presence of American soldiers on its territory.",
     ("MEXGOV", "USAMIL", "12")),
    ("Brazil refused to meet the Argentine delegation.", ("BRAGOV", "ARGGOV", "12")),
    ("Poland will not accept German troops on its soil.", ("POLGOV", "DEUMIL", "12")),
])
def test_negated_cooperation_is_rejection(sentence, expected):
    found = triples(sentence)
    assert expected in found
    assert not any(r in ("03", "04", "05", "06", "07", "08") for _, _, r in found)


def test_negated_military_cooperation_is_coded_1212():
    [e] = code("Mexico will not permit the presence of American soldiers on its territory.")
    assert e.cameo == "1212" and e.plover_type == "REJECT" and "negated-cooperation" in e.evidence.rule


def test_negated_attack_yields_no_assault():
    assert not any(r in ("18", "19", "20")
                   for _, _, r in triples("Turkish forces did not attack the Syrian army."))


def test_negated_attack_is_kept_marked_when_asked():
    from dyadwatch.code.engine import Coder
    from dyadwatch.model import Article

    coder = Coder(keep_negated=True)
    [coded] = coder.code_batch([Article.from_text("Turkish forces did not attack the Syrian army.")])
    assert [(e.cameo_root, e.negated) for e in coded.events] == [("19", True)]


def test_denied_attack_is_no_event():
    assert not any(r in ("18", "19") for _, _, r in
                   triples("Moscow denied that its troops attacked the Ukrainian army."))
