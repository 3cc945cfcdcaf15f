"""Place and quote accuracy against labelled data: `dyadwatch eval --places/--quotes`.

A places file holds one item a line: {"id", "split", "text", "places": [{"name",
"country", "lat", "lon", "type", "role"}]}: every place mention in the text with the
place it truly is (ISO3 country, coordinates, feature type) and its role for the events
(action: where the sentence's event happened; dateline; actor: a place naming an actor;
mention). A quotes file holds {"id", "split", "text", "quotes": [{"text", "speaker",
"direct"}]}: a stretch of each quotation as written and the speaker's actor code.

Items are coded with the same `code_articles` call as everything else. Figures are
reported for all items and separately for the held-out split (items whose "split" is
"heldout"), which is measured, never tuned against.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyadwatch.analyze.text import DATELINE, split_article
from dyadwatch.code.places import dateline_place, fold, km
from dyadwatch.evaluate.gold import GoldError
from dyadwatch.evaluate.match import same_actor
from dyadwatch.model import Article, Place

NEAR_KM = 161.0  # GDELT's usual "correct place" radius (100 miles)
AREAS = ("country", "admin1")


# --- loading ---


def load_items(path: str | Path, key: str, fields: tuple[str, ...]) -> list[dict[str, Any]]:
    """Items of a places or quotes file; a malformed line is an error naming its line."""
    items = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"E064 {where}: not JSON ({exc.msg})") from None
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) \
                or not isinstance(item.get(key), list):
            raise GoldError(f'E064 {where}: expected {{"id", "text", "{key}": [...]}}')
        for g in item[key]:
            missing = [f for f in fields if not isinstance(g, dict) or f not in g]
            if missing:
                raise GoldError(f"E064 {where}: a {key} entry lacks {', '.join(missing)}")
        item.setdefault("id", f"line-{n}")
        items.append(item)
    if not items:
        raise GoldError(f"E064 {path}: no items")
    return items


def _coded(items: list[dict[str, Any]], workers: int, dictionaries: Iterable[str]) -> list[Any]:
    from dyadwatch.pipeline import code_articles

    articles = [Article.from_text(i["text"], id=str(i["id"])) for i in items]
    return list(code_articles(articles, workers=workers, dictionaries=tuple(dictionaries)))


def _spans(text: str, names: list[str], begin: int = 0) -> list[tuple[int, int]]:
    """Character span of each name, in order (a repeated name takes its next occurrence),
    looked for from `begin` on."""
    out, seen = [], {}
    for name in names:
        start = text.find(name, seen.get(name, begin))
        seen[name] = start + len(name)
        out.append((start, start + len(name)))
    return out


# --- places ---


def _dateline_end(text: str) -> int:
    m = DATELINE.match(text)
    return m.end() if m else 0


def place_near(gold: dict[str, Any], pred: Place | None) -> bool:
    """The right place: within 161 km, or the same area when the gold is an area (a
    country or an admin-1 region is not a point: its "coordinates" are a convention)."""
    if pred is None or pred.country != gold["country"]:
        return False
    if gold["type"] in AREAS and pred.feature_type == gold["type"]:
        return gold["type"] == "country" or fold(gold["name"]) in fold(pred.name) or \
            pred.lat is None or km(gold["lat"], gold["lon"], pred.lat, pred.lon) <= NEAR_KM
    return pred.lat is not None and km(gold["lat"], gold["lon"], pred.lat, pred.lon) <= NEAR_KM


@dataclass
class Tally:
    """Counts behind one row of the table."""

    total: int = 0
    country: int = 0
    near: int = 0
    found: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok_country: bool, ok_near: bool, found: bool, miss: str) -> None:
        self.total += 1
        self.country += ok_country
        self.near += ok_near
        self.found += found
        if not ok_near:
            self.misses.append(miss)


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f}%" if d else "    -"


def predicted_place(item: dict[str, Any], coded: Any, gold: dict[str, Any],
                    span: tuple[int, int]) -> Place | None:
    """What dyadwatch made of one gold mention: the dateline's place, the action place of
    the events of its sentence, or the place resolved from the words themselves."""
    if gold["role"] == "dateline":
        return dateline_place(split_article(item["text"]).dateline)
    s, e = span
    return next((p for p in coded.places if p.start is not None and p.start < e and s < p.end),
                None)


def action_of(coded: Any, span: tuple[int, int]) -> tuple[bool, Place | None]:
    """(whether an event was coded in the mention's sentence, the first such event's place).
    Sentences where nothing was coded measure event recall, not places: they are left
    out of the action rows."""
    for ev in coded.events:
        start = coded.article.text.find(ev.sentence)
        if start <= span[0] < start + len(ev.sentence):
            return True, ev.location
    return False, None


def run_places(path: str | Path, *, workers: int = 1,
               dictionaries: Iterable[str] = ()) -> dict[str, Tally]:
    items = load_items(path, "places", ("name", "country", "lat", "lon", "type", "role"))
    rows: dict[str, Tally] = {k: Tally() for k in ("dev", "heldout", "all", "action dev",
                                                    "action heldout", "action all")}
    for item, coded in zip(items, _coded(items, workers, dictionaries)):
        golds = item["places"]
        # a name in the dateline and again in the story: the story's is the mention
        body = [g for g in golds if g["role"] != "dateline"]
        spans = dict(zip(map(id, body), _spans(item["text"], [g["name"] for g in body],
                                               _dateline_end(item["text"]))))
        for gold in golds:
            span = spans.get(id(gold), (0, 0))
            pred = predicted_place(item, coded, gold, span)
            miss = f"{item['id']} {gold['name']} ({gold['country']}) -> " + \
                (f"{pred.name} ({pred.country}, {pred.feature_type})" if pred else "nothing")
            ok = (pred is not None and pred.country == gold["country"], place_near(gold, pred))
            keys = ["all", "heldout" if item.get("split") == "heldout" else "dev"]
            for k in keys:
                rows[k].add(*ok, pred is not None, miss)
            has_event, loc = action_of(coded, span) if gold["role"] == "action" else (False, None)
            if has_event:
                for k in keys:
                    rows["action " + k].add(loc is not None and loc.country == gold["country"],
                                            place_near(gold, loc), loc is not None,
                                            miss.split(" -> ")[0] + " -> " +
                                            (loc.name if loc else "no event place"))
    return rows


def render_places(path: str, rows: dict[str, Tally]) -> str:
    note = ("Every place mention; then (action rows) the place of the events of sentences "
            "labelled with where they happened, when an event was coded there.")
    lines = [f"Places: {path}", "", note, "",
             f"{'mentions':<16}{'n':>5}  {'country':>8}  {'<=161 km':>8}  {'resolved':>8}"]
    for name, t in rows.items():
        lines.append(f"{name:<16}{t.total:>5}  {_pct(t.country, t.total):>8}  "
                     f"{_pct(t.near, t.total):>8}  {_pct(t.found, t.total):>8}")
    lines += ["", "Wrong or missing (dev items only; the held-out ones are for measuring):"]
    lines += [f"  {m}" for m in rows["dev"].misses + rows["action dev"].misses]
    return "\n".join(lines)


# --- quotes ---


def run_quotes(path: str | Path, *, workers: int = 1,
               dictionaries: Iterable[str] = ()) -> dict[str, Tally]:
    items = load_items(path, "quotes", ("text", "speaker"))
    rows = {"dev": Tally(), "heldout": Tally(), "all": Tally()}
    for item, coded in zip(items, _coded(items, workers, dictionaries)):
        golds = item["quotes"]
        for gold, (s, e) in zip(golds, _spans(item["text"], [g["text"] for g in golds])):
            pred = next((q for q in coded.quotes if q.start < e and s < q.end
                         and min(e, q.end) - max(s, q.start) >= (e - s) / 2), None)
            said = pred.speaker.code if pred is not None and pred.speaker else None
            ok = pred is not None and same_actor(gold["speaker"], said)
            miss = f"{item['id']} {gold['text'][:40]!r} {gold['speaker']} -> " + \
                (said or "no speaker" if pred else "not found")
            for k in ["all", "heldout" if item.get("split") == "heldout" else "dev"]:
                rows[k].add(ok, ok, pred is not None, miss)
    return rows


def render_quotes(path: str, rows: dict[str, Tally]) -> str:
    lines = [f"Quotes: {path}", "",
             f"{'quotes':<10}{'n':>5}  {'found':>8}  {'speaker':>8}  {'speaker|found':>13}"]
    for name, t in rows.items():
        lines.append(f"{name:<10}{t.total:>5}  {_pct(t.found, t.total):>8}  "
                     f"{_pct(t.country, t.total):>8}  {_pct(t.country, t.found):>13}")
    lines += ["", "Wrong or missing (dev items only; the held-out ones are for measuring):"]
    lines += [f"  {m}" for m in rows["dev"].misses[:40]]
    return "\n".join(lines)


def _ratio(n: int, d: int) -> float | None:
    return round(n / d, 4) if d else None


def geo_output(places: str | Path | None, quotes: str | Path | None, *, workers: int = 1,
               dictionaries: Iterable[str] = (), as_json: bool = False) -> str:
    """The places and quotes tables (or their figures as JSON)."""
    parts: list[str] = []
    figures: dict[str, Any] = {}
    if places is not None:
        rows = run_places(places, workers=workers, dictionaries=dictionaries)
        figures["places"] = {k: {"n": t.total, "country": _ratio(t.country, t.total),
                                 "within_161km": _ratio(t.near, t.total),
                                 "resolved": _ratio(t.found, t.total)} for k, t in rows.items()}
        parts.append(render_places(str(places), rows))
    if quotes is not None:
        rows = run_quotes(quotes, workers=workers, dictionaries=dictionaries)
        figures["quotes"] = {k: {"n": t.total, "recall": _ratio(t.found, t.total),
                                 "speaker": _ratio(t.country, t.total),
                                 "speaker_of_found": _ratio(t.country, t.found)}
                             for k, t in rows.items()}
        parts.append(render_quotes(str(quotes), rows))
    return json.dumps(figures, indent=2) if as_json else "\n\n".join(parts)


# --- stored quotes ---


def quotes_output(db: str | None = None, actor: str | None = None, *, limit: int = 100,
                  as_json: bool = False) -> str:
    """What `dyadwatch quotes` prints: stored quotations, newest articles first, one a line
    (speaker, direct or reported, the words), or JSON Lines."""
    from dyadwatch.store import open_store

    store = open_store(db, read_only=True)
    try:
        found = store.quotes(actor.upper() if actor else None, limit=limit)
    finally:
        store.close()
    if as_json:
        return "\n".join(json.dumps(q.to_dict(), ensure_ascii=False) for q in found)
    return "\n".join(f"{q.speaker.code if q.speaker else '-':<10} "
                     f"{'direct ' if q.direct else 'reported'} {q.text}" for q in found)
