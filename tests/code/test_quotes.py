"""Quotations and their speakers; quotes as evidence."""

from __future__ import annotations

from dyadwatch.model import Article
from dyadwatch.pipeline import code_articles


def coded(text: str):
    return next(code_articles([Article.from_text(text)]))


def test_direct_quote_speaker_is_resolved_through_references():
    c = coded("The Mexican foreign ministry issued a statement on Monday.\n"
              "\"Mexico will not accept the participation of foreign troops in our territory,\" "
              "the ministry said.")
    direct = [q for q in c.quotes if q.direct]
    assert len(direct) == 1
    q = direct[0]
    assert q.speaker.code == "MEXGOV" and q.verb == "said"
    assert q.text.startswith("Mexico will not accept")
    assert c.article.text[q.start:q.end].startswith("Mexico will not accept")
    [event] = [e for e in c.events if e.cameo_root == "12"]
    assert event.evidence.quote and event.evidence.quote.startswith("Mexico will not accept")


def test_indirect_quote_has_its_speaker():
    c = coded("Japan's prime minister said that Tokyo would send more aid to the Philippines.")
    [q] = c.quotes
    assert not q.direct and q.speaker.code == "JPNGOV"
    assert "send more aid" in q.text


def test_unattributed_quote_has_no_speaker():
    c = coded("\"This is a dark day for the region,\" read a banner at the rally.")
    assert all(q.speaker is None for q in c.quotes)
