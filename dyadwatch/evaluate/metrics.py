"""The figures of an evaluation run: per-label rows and the headline metrics."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyadwatch.evaluate.gold import PLOVER_TYPES, GoldEvent, GoldItem, load_gold
from dyadwatch.evaluate.match import (
    ItemResult,
    match_item,
    pred_key,
    same_actor,
    same_country,
    target_code,
)
from dyadwatch.model import Article, Event, parse_datetime


@dataclass
class Row:
    label: str
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float | None:
        return self.tp / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.support if self.support else None

    @property
    def f1(self) -> float | None:
        if not self.support and not self.predicted:
            return None
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "precision": self.precision, "recall": self.recall,
                "f1": self.f1, "support": self.support, "predicted": self.predicted}


def _ratio(hits: int, total: int) -> float | None:
    return hits / total if total else None


@dataclass
class Report:
    """The results of one evaluation run, and every metric derived from them."""

    gold_path: str
    results: list[ItemResult]
    seconds: float = 0.0

    @property
    def pairs(self) -> list[tuple[GoldEvent, Event]]:
        return [pair for r in self.results for pair in r.pairs]

    def rows(self, label_of: Callable[[GoldEvent | Event], str | None]) -> dict[str, Row]:
        """True/false positives and misses per label (PLOVER type, CAMEO root, ...)."""
        rows: dict[str, Row] = {}

        def row(label: str | None) -> Row | None:
            return rows.setdefault(label, Row(label)) if label else None

        for result in self.results:
            for gold, pred in result.pairs:
                g_label, p_label = label_of(gold), label_of(pred)
                if g_label == p_label and (r := row(g_label)):
                    r.tp += 1
                    continue
                if r := row(g_label):
                    r.fn += 1
                if r := row(p_label):
                    r.fp += 1
            for gold in result.missed:
                if r := row(label_of(gold)):
                    r.fn += 1
            for pred in result.spurious:
                if r := row(label_of(pred)):
                    r.fp += 1
        return rows

    def type_rows(self) -> list[Row]:
        rows = self.rows(lambda e: e.key if isinstance(e, GoldEvent) else pred_key(e))
        order = {t: i for i, t in enumerate(PLOVER_TYPES)}
        return sorted(rows.values(), key=lambda r: (order.get(r.label, 99), r.label))

    def root_rows(self) -> list[Row]:
        rows = self.rows(lambda e: (e.cameo or "")[:2] or None if isinstance(e, GoldEvent)
                         else e.cameo_root)
        return sorted(rows.values(), key=lambda r: r.label)

    def metrics(self) -> dict[str, Any]:
        """Every headline figure (see docs/eval.md for the definitions)."""
        types = self.type_rows()
        plover = [r.f1 for r in types if r.label in PLOVER_TYPES and r.support]
        total = Row("all", tp=sum(r.tp for r in types), fp=sum(r.fp for r in types),
                    fn=sum(r.fn for r in types))
        pairs = self.pairs
        with_cameo = [(g, p) for g, p in pairs if g.cameo]
        gold_items = [r for r in self.results if r.item.events]
        empty_items = [r for r in self.results if not r.item.events]
        return {
            "items": len(self.results),
            "gold_events": total.support,
            "predicted_events": total.predicted,
            "matched_events": len(pairs),
            "macro_f1": sum(plover) / len(plover) if plover else None,
            "macro_f1_types": len(plover),
            "micro": total.to_dict(),
            "types": [r.to_dict() for r in types],
            "cameo_root_accuracy": _ratio(sum(g.cameo[:2] == p.cameo_root for g, p in with_cameo),
                                          len(with_cameo)),
            "cameo_code_accuracy": _ratio(sum(g.cameo == p.cameo for g, p in with_cameo),
                                          len(with_cameo)),
            "source_country_accuracy": _ratio(
                sum(same_country(g.source, p.source.code) for g, p in pairs), len(pairs)),
            "source_actor_accuracy": _ratio(
                sum(same_actor(g.source, p.source.code) for g, p in pairs), len(pairs)),
            "target_country_accuracy": _ratio(
                sum(same_country(g.target, target_code(p)) for g, p in pairs), len(pairs)),
            "target_actor_accuracy": _ratio(
                sum(same_actor(g.target, target_code(p)) for g, p in pairs), len(pairs)),
            "spurious_events": total.fp,
            "spurious_per_item": total.fp / len(self.results) if self.results else None,
            "items_with_gold": len(gold_items),
            "items_nothing_found": sum(not r.predicted for r in gold_items),
            "items_must_be_empty": len(empty_items),
            "items_false_alarm": sum(bool(r.predicted) for r in empty_items),
            "items_failed": sum(r.error is not None for r in self.results),
            "seconds": round(self.seconds, 2),
        }


def evaluate(items: list[GoldItem], predicted: dict[str, list[Event]],
             errors: dict[str, str] | None = None) -> Report:
    """Match predictions (by item id) to gold and return the report (no coding here)."""
    errors = errors or {}
    results = []
    for item in items:
        result = match_item(item, predicted.get(item.id, []))
        result.error = errors.get(item.id)
        results.append(result)
    return Report("", results)


def code_items(items: Iterable[GoldItem], *, workers: int = 1,
               dictionaries: Iterable[str] = (),
               progress: bool = False) -> tuple[dict[str, list[Event]], dict[str, str]]:
    """Code gold texts with the real pipeline: events and coding errors by item id."""
    from dyadwatch.pipeline import code_articles

    articles: Iterable[Article] = (
        Article.from_text(i.text, id=i.id,
                          published=parse_datetime(i.date) if i.date else None)
        for i in items
    )
    articles = with_progress(articles, progress, "coding gold items")
    events: dict[str, list[Event]] = {}
    errors: dict[str, str] = {}
    for coded in code_articles(articles, workers=workers, dictionaries=dictionaries):
        events[coded.article.id] = coded.events
        if coded.error:
            errors[coded.article.id] = coded.error
    return events, errors


def with_progress(items: Iterable[Any], progress: bool, desc: str) -> Iterable[Any]:
    if not progress:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit=" items", leave=False)


def run_gold(path: str | Path, *, workers: int = 1, dictionaries: Iterable[str] = (),
             progress: bool = False) -> Report:
    """Load a GOLD file, code it and score it."""
    items = load_gold(path)
    start = time.perf_counter()
    predicted, errors = code_items(items, workers=workers, dictionaries=dictionaries,
                                   progress=progress)
    report = evaluate(items, predicted, errors)
    report.gold_path = str(path)
    report.seconds = time.perf_counter() - start
    return report
