"""Store fixtures: every test taking `store` runs on a DuckDB file and on PostgreSQL.

Events are built directly from the data model (`make_event`), so these tests do not
depend on the coding engine.
"""

from __future__ import annotations

from datetime import datetime, timezone

import psycopg
import pytest
from pg import postgres_server, postgres_url  # noqa: F401  (fixtures)

from dyadwatch.code.cameo import lookup
from dyadwatch.model import Actor, Article, Event, Evidence, Place, Quote, Span
from dyadwatch.store import open_store

COUNTRIES = {"MEX": "Mexico", "USA": "United States", "CAN": "Canada", "CHN": "China"}
ROLE_NAMES = {"GOV": "government", "MIL": "military", "": ""}


def actor(code: str) -> Actor:
    country, role = code[:3], code[3:6]
    name = f"{COUNTRIES.get(country, country)} {ROLE_NAMES.get(role, role)}".strip()
    return Actor(code, name, country, [role] if role else [], text=name, start=0,
                 end=len(name))


def make_article(article_id: str, *, outlet: str | None = "Reuters",
                 day: str = "2025-02-22", text: str = "Mexico rejected the US proposal.",
                 tone: float | None = -1.5) -> Article:
    return Article(id=article_id, text=text, url=f"https://news.example/{article_id}",
                   source=outlet, title=f"Story {article_id}",
                   published=datetime.fromisoformat(day + "T10:30:00+00:00"), language="en",
                   ingested_at=datetime(2025, 3, 1, 8, 0, tzinfo=timezone.utc), tone=tone)


def make_event(article_id: str, source: str = "MEXGOV", target: str | None = "USAGOV",
               cameo: str = "111", *, day: str | None = "2025-02-22", sentence: int = 0,
               index: int = 0, text: str | None = None, tone: float | None = -2.0,
               outlet: str | None = "Reuters", modality: str = "asserted",
               negated: bool = False, place: bool = False) -> Event:
    """One mention, with CAMEO-consistent root, QuadClass, Goldstein and PLOVER."""
    c = lookup(cameo)
    text = text or f"{actor(source).name} acted towards {target or 'nobody'} (cameo {cameo})."
    location = Place("Ciudad Juarez", 4013708, "MEX", "06", 31.72, -106.46, "city",
                     "Juarez", 5, 11) if place else None
    return Event(
        id=Event.make_id(article_id, sentence, index), article_id=article_id,
        sentence_index=sentence, event_index=index, sentence=text, date=day,
        source=actor(source), target=actor(target) if target else None, cameo=cameo,
        cameo_root=c.root, quad_class=c.quad_class, goldstein=c.goldstein,
        plover_type=c.plover_type, plover_mode=c.plover_mode, plover_context=c.plover_context,
        negated=negated, modality=modality,
        evidence=Evidence(verb=Span("rejected", 7, 15), rule=f"verb:{cameo}",
                          source=Span("Mexico", 0, 6), target=Span("US", 20, 22),
                          quote=None),
        confidence=0.8, location=location, source_place=location, tone=tone,
        is_root=sentence == 0, url=f"https://news.example/{article_id}", outlet=outlet,
    )


def make_quote(article_id: str, speaker: str = "MEXGOV", text: str = "We will not permit it",
               sentence: int = 1) -> Quote:
    return Quote(actor(speaker), text, "said", 40, 61, True, article_id, sentence)


@pytest.fixture(scope="session")
def postgres_store_db(request) -> str:
    """One PostgreSQL database with the store schema, emptied before each test using it."""
    url = request.getfixturevalue("postgres_server").create_database("store_suite")
    open_store(url).close()
    return url


@pytest.fixture(params=["duckdb", "postgres"])
def store_url(request, tmp_path) -> str:
    """A URL for an empty store: a DuckDB file in tmp_path, or an emptied PostgreSQL
    database (tests that need a brand-new database use `postgres_url`)."""
    if request.param == "duckdb":
        return str(tmp_path / "events.duckdb")
    url = request.getfixturevalue("postgres_store_db")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("TRUNCATE articles, mentions, quotes")
        conn.execute("ALTER SEQUENCE mention_seq RESTART")
    return url


@pytest.fixture
def store(store_url):
    s = open_store(store_url)
    yield s
    s.close()


def corpus() -> list[tuple[Article, list[Event], list[Quote]]]:
    """Five articles, with one happening (MEXGOV criticises USAGOV on 2025-02-22) told
    by three of them, two outlets and one article of unknown outlet."""
    a1, a2, a3, a4, a5 = "a1", "a2", "a3", "a4", "a5"
    return [
        (make_article(a1), [
            make_event(a1, "MEXGOV", "USAGOV", "111", text="Mexico criticised Washington."),
            make_event(a1, "USAGOV", "MEXGOV", "1212", sentence=1, tone=-4.0,
                       text="The US rejected military help at the border wall.", place=True),
        ], [make_quote(a1)]),
        (make_article(a2, outlet="AP"), [
            make_event(a2, "MEXGOV", "USAGOV", "111", outlet="AP", tone=-1.0),
            make_event(a2, "MEXMIL", "USAMIL", "190", sentence=2, outlet="AP", tone=-6.0),
        ], []),
        (make_article(a3, day="2025-03-05"), [
            make_event(a3, "MEXGOV", "USAGOV", "111", day="2025-03-05"),
            make_event(a3, "CANGOV", "USAGOV", "057", day="2025-03-05", sentence=1, tone=3.0,
                       modality="future"),
        ], [make_quote(a3, "CANGOV", "We will sign", 1)]),
        (make_article(a4, outlet=None), [
            make_event(a4, "MEXGOV", "USAGOV", "111", outlet=None, tone=None),
        ], []),
        (make_article(a5, day="2024-12-30"), [
            make_event(a5, "USAGOV", "MEXGOV", "138", day="2024-12-30", negated=True,
                       text="Washington did not threaten Mexico's cartels with force."),
            make_event(a5, "CHNGOV", None, "010", day="2024-12-30", sentence=3, index=1),
        ], []),
    ]


@pytest.fixture
def filled(store):
    """The store holding `corpus()`."""
    store.put_many(corpus())
    return store
