"""Article text into codable paragraphs: the dateline, headlines and the publisher's
footer are recognised and kept out of coding."""

from __future__ import annotations

import re
from dataclasses import dataclass

# "MEXICO CITY, Mexico —", "Mexico City (Reuters) -", "KYIV, March 3 (AP) --"
DATELINE = re.compile(
    r"""^\s*
    (?P<place>[A-Z][A-Za-z.'\-]*(?:[ ][A-Z][A-Za-z.'\-]*){0,3}
      (?:,[ ][A-Z][A-Za-z.'\-]*(?:[ ][A-Za-z.'\-]+){0,3})?)
    (?:[ ]\([^)]{1,40}\))?
    \s*(?:—|–|--|-)\s+""",
    re.VERBOSE,
)

# Lines a publisher adds around the story: never news, never actors.
BOILERPLATE = re.compile(
    r"""^\s*(?:discover[ ]more[ ]from|subscribe\b|sign[ ]up\b|follow[ ]us\b|share[ ]this\b
    |click[ ]here\b|read[ ]more\b|related:|advertisement\b|all[ ]rights[ ]reserved
    |copyright\b|©|\(c\)[ ]\d{4}|reporting[ ]by\b|editing[ ]by\b|writing[ ]by\b
    |this[ ]story[ ]has[ ]been|get[ ]the[ ]latest|newsletter\b|contact[ ]us\b)""",
    re.VERBOSE | re.IGNORECASE,
)
SENTENCE_END = re.compile(r"""[.!?]["'’”)\]]*\s*$""")


@dataclass
class Paragraph:
    text: str
    start: int  # character offset into the article text
    kind: str  # body | headline | boilerplate


@dataclass
class SplitArticle:
    dateline: str | None
    paragraphs: list[Paragraph]


def split_article(text: str) -> SplitArticle:
    """Split on line breaks; label each paragraph; cut a leading dateline off the first.

    >>> s = split_article("KYIV, Ukraine — Troops withdrew.\\nSubscribe to our newsletter.")
    >>> s.dateline, [p.kind for p in s.paragraphs]
    ('KYIV, Ukraine', ['body', 'boilerplate'])
    """
    dateline = None
    paragraphs: list[Paragraph] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        start = offset
        offset += len(line)
        body = line.strip()
        if not body:
            continue
        start += line.index(body[0])
        if not paragraphs and dateline is None:
            m = DATELINE.match(body)
            if m and len(body) > m.end() + 20:
                dateline = m.group("place").strip()
                start += m.end()
                body = body[m.end():]
        paragraphs.append(Paragraph(body, start, _kind(body)))
    return SplitArticle(dateline, paragraphs)


def _kind(body: str) -> str:
    if BOILERPLATE.match(body):
        return "boilerplate"
    if not SENTENCE_END.search(body) and len(body.split()) <= 16:
        return "headline"
    return "body"
