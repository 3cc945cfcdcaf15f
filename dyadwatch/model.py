"""The data model: the one contract between stages.

Every stage (ingest, analyze, code, store, export, alerts, web, spark) passes these
types and nothing else. They are plain dataclasses with `to_dict`/`from_dict` so that
they travel as JSON, Arrow rows or database rows without loss.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any

MODALITIES = ("asserted", "future", "proposed", "hypothetical", "reported", "denied")


def _hash(text: str, length: int = 16) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def normalise_text(text: str) -> str:
    """Text as compared for identity: NFKC, lower case, single spaces."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().lower()


def article_id_for(url: str | None = None, text: str | None = None) -> str:
    """A stable article id: the hash of the canonical URL, else of the normalised text.

    >>> article_id_for(text="Hello  World") == article_id_for(text="hello world")
    True
    """
    if url:
        return "u" + _hash(url.strip())
    return "t" + _hash(normalise_text(text or ""))


@dataclass
class Span:
    """Where a piece of evidence sits: character offsets into the sentence."""

    text: str
    start: int
    end: int


@dataclass
class Place:
    name: str
    geonames_id: int | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature_type: str | None = None  # country | admin1 | city
    text: str | None = None  # the words it was found from
    start: int | None = None
    end: int | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Place | None:
        return cls(**d) if d else None


@dataclass
class Actor:
    """A coded actor: `MEXGOV` is Mexico (country) in its government role."""

    code: str
    name: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3, or None for IGOs and unknowns
    roles: list[str] = field(default_factory=list)
    text: str | None = None  # the words it was found from
    start: int | None = None  # character offsets into the sentence
    end: int | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Actor | None:
        if not d:
            return None
        return cls(
            code=d["code"],
            name=d.get("name"),
            country=d.get("country"),
            roles=list(d.get("roles") or []),
            text=d.get("text"),
            start=d.get("start"),
            end=d.get("end"),
        )


@dataclass
class Quote:
    speaker: Actor | None
    text: str
    verb: str | None = None  # the introducing verb: said, stated, warned
    start: int | None = None  # offsets into the article text
    end: int | None = None
    direct: bool = True
    article_id: str | None = None
    sentence_index: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quote:
        d = dict(d)
        d["speaker"] = Actor.from_dict(d.get("speaker"))
        return cls(**d)


@dataclass
class Evidence:
    verb: Span | None
    rule: str  # id of the verb pattern or engine rule that fired
    source: Span | None = None
    target: Span | None = None
    quote: str | None = None  # the quotation this event came from, if any


@dataclass
class Article:
    id: str
    text: str
    url: str | None = None
    source: str | None = None  # outlet
    title: str | None = None
    published: datetime | None = None
    language: str | None = None
    ingested_at: datetime | None = None
    author: str | None = None
    duplicate_of: str | None = None  # id of the first copy of a near-duplicate story
    tone: float | None = None

    @classmethod
    def from_text(cls, text: str, **kw: Any) -> Article:
        url = kw.get("url")
        return cls(id=kw.pop("id", None) or article_id_for(url, text), text=text, **kw)

    @property
    def date(self) -> str | None:
        return self.published.date().isoformat() if self.published else None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for key in ("published", "ingested_at"):
            if d[key] is not None:
                d[key] = d[key].isoformat()
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        d = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        for key in ("published", "ingested_at"):
            if isinstance(d.get(key), str):
                d[key] = parse_datetime(d[key])
        return cls(**d)


@dataclass
class Event:
    """One coded event mention: who did what to whom, in one sentence of one article."""

    id: str
    article_id: str
    sentence_index: int
    sentence: str
    date: str | None  # YYYY-MM-DD
    source: Actor
    target: Actor | None
    cameo: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover_type: str | None
    plover_mode: str | None
    plover_context: str | None
    negated: bool
    modality: str
    evidence: Evidence
    confidence: float
    event_index: int = 0
    location: Place | None = None
    source_place: Place | None = None
    target_place: Place | None = None
    tone: float | None = None
    is_root: bool = False  # in the lead paragraph (GDELT IsRootEvent)
    url: str | None = None
    outlet: str | None = None

    @staticmethod
    def make_id(article_id: str, sentence_index: int, event_index: int) -> str:
        return f"{article_id}-{sentence_index}-{event_index}"

    def to_dict(self) -> dict[str, Any]:
        """The JSON Lines record (the `dyadwatch code` output contract)."""
        return {
            "id": self.id,
            "article_id": self.article_id,
            "sentence_index": self.sentence_index,
            "event_index": self.event_index,
            "sentence": self.sentence,
            "date": self.date,
            "source": asdict(self.source),
            "target": asdict(self.target) if self.target else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": {
                "type": self.plover_type,
                "mode": self.plover_mode,
                "context": self.plover_context,
            },
            "negated": self.negated,
            "modality": self.modality,
            "evidence": asdict(self.evidence),
            "confidence": self.confidence,
            "location": asdict(self.location) if self.location else None,
            "source_place": asdict(self.source_place) if self.source_place else None,
            "target_place": asdict(self.target_place) if self.target_place else None,
            "tone": self.tone,
            "is_root": self.is_root,
            "url": self.url,
            "outlet": self.outlet,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        ev = d["evidence"] or {}
        plover = d.get("plover") or {}

        def span(x: dict[str, Any] | None) -> Span | None:
            return Span(**x) if x else None

        source = Actor.from_dict(d["source"])
        assert source is not None
        return cls(
            id=d["id"],
            article_id=d["article_id"],
            sentence_index=d["sentence_index"],
            event_index=d.get("event_index", 0),
            sentence=d["sentence"],
            date=d.get("date"),
            source=source,
            target=Actor.from_dict(d.get("target")),
            cameo=d["cameo"],
            cameo_root=d["cameo_root"],
            quad_class=d["quad_class"],
            goldstein=d["goldstein"],
            plover_type=plover.get("type"),
            plover_mode=plover.get("mode"),
            plover_context=plover.get("context"),
            negated=d.get("negated", False),
            modality=d.get("modality", "asserted"),
            evidence=Evidence(
                verb=span(ev.get("verb")),
                rule=ev.get("rule", ""),
                source=span(ev.get("source")),
                target=span(ev.get("target")),
                quote=ev.get("quote"),
            ),
            confidence=d.get("confidence", 0.0),
            location=Place.from_dict(d.get("location")),
            source_place=Place.from_dict(d.get("source_place")),
            target_place=Place.from_dict(d.get("target_place")),
            tone=d.get("tone"),
            is_root=d.get("is_root", False),
            url=d.get("url"),
            outlet=d.get("outlet"),
        )


def parse_datetime(value: str) -> datetime:
    """ISO date or date-time; naive values are taken as UTC."""
    dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)
