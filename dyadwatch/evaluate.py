"""Coding accuracy against labelled data: `dyadwatch eval GOLD.jsonl`.

A GOLD file holds one item a line: {"id", "text", "date"?, "events": [{"source",
"target", "cameo", "plover"}, ...]}; an empty `events` list means nothing should be
coded. The items are coded with the same `code_articles` call every other door uses,
predicted events are matched to gold events item by item (a match needs the same PLOVER
type), and the metrics defined in docs/eval.md are computed from the matches.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyadwatch.code.cameo import cameo_table
from dyadwatch.code.dictionary import KNOWN_ROLES
from dyadwatch.errors import DyadwatchError
from dyadwatch.model import Article, Event, parse_datetime

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT",
)
# Codes whose first three letters are not a country: the group and its body form the
# "country" part (IGOUNO, IMGMUS), so the UN and the EU are told apart.
GROUP_PREFIXES = ("IGO", "IMG", "NGO", "NGM", "MNC")


class GoldError(DyadwatchError):
    """A GOLD file does not fit the documented format (E060-E069)."""


# --- gold data ---


@dataclass(frozen=True)
class GoldEvent:
    source: str
    target: str | None
    cameo: str | None
    plover: str | None

    @property
    def key(self) -> str:
        """What a prediction must share to match: the PLOVER type (CAMEO 01/02 have none)."""
        return event_key(self.plover, self.cameo[:2] if self.cameo else None)


@dataclass
class GoldItem:
    id: str
    text: str
    date: str | None
    events: list[GoldEvent]
    line: int = 0


def event_key(plover: str | None, root: str | None) -> str:
    return plover or f"CAMEO {root}"


def load_gold(path: str | Path) -> list[GoldItem]:
    """Read and validate a GOLD file; the first malformed line is a GoldError naming it."""
    items: list[GoldItem] = []
    seen: set[str] = set()
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path} line {number}"
            item = parse_gold_line(line, where)
            if item.id in seen:
                raise GoldError(f"E061 {where}: duplicate id '{item.id}'")
            seen.add(item.id)
            item.line = number
            items.append(item)
    if not items:
        raise GoldError(f"E060 {path}: no items (expected one JSON object a line)")
    return items


def parse_gold_line(line: str, where: str) -> GoldItem:
    """One GOLD line, checked field by field so the error says exactly what is wrong."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise GoldError(f"E062 {where}: not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise GoldError(f"E062 {where}: expected a JSON object, got {type(record).__name__}")
    for key in ("id", "text"):
        if not isinstance(record.get(key), str) or not record[key].strip():
            raise GoldError(f"E063 {where}: '{key}' must be a non-empty string")
    date = record.get("date")
    if date is not None:
        try:
            parse_datetime(str(date))
        except ValueError:
            raise GoldError(f"E063 {where}: 'date' must be YYYY-MM-DD, not '{date}'") from None
    events = record.get("events")
    if not isinstance(events, list):
        raise GoldError(f"E063 {where}: 'events' must be a list (empty: nothing to code)")
    parsed = [_gold_event(e, f"{where} event {i + 1}") for i, e in enumerate(events)]
    return GoldItem(record["id"], record["text"], date, parsed)


def _gold_event(raw: Any, where: str) -> GoldEvent:
    if not isinstance(raw, dict):
        raise GoldError(f"E064 {where}: expected an object with source, target, cameo, plover")
    source, target = raw.get("source"), raw.get("target")
    if not isinstance(source, str) or not source:
        raise GoldError(f"E064 {where}: 'source' must be an actor code such as MEXGOV")
    if target is not None and (not isinstance(target, str) or not target):
        raise GoldError(f"E064 {where}: 'target' must be an actor code or null")
    cameo, plover = raw.get("cameo"), raw.get("plover")
    if cameo is None and plover is None:
        raise GoldError(f"E065 {where}: give 'cameo', 'plover' or both")
    if cameo is not None:
        entry = cameo_table().get(str(cameo))
        if entry is None:
            raise GoldError(f"E065 {where}: unknown CAMEO code '{cameo}' (keep leading zeros)")
        if "plover" not in raw:
            plover = entry.plover_type
        elif plover != entry.plover_type:
            raise GoldError(f"E066 {where}: CAMEO {cameo} is PLOVER {entry.plover_type}, "
                            f"not {plover} (see dyadwatch/data/cameo.tsv)")
    elif plover not in PLOVER_TYPES:
        raise GoldError(f"E066 {where}: unknown PLOVER type '{plover}'")
    return GoldEvent(source.upper(), target.upper() if target else None,
                     str(cameo) if cameo is not None else None, plover)


# --- matching ---


def actor_parts(code: str | None) -> tuple[str | None, str | None]:
    """(country, primary role) of an actor code: MEXGOV -> (MEX, GOV), IGOUNO -> (IGOUNO, None),
    OPP -> (None, OPP).

    A group code keeps its body as the "country" (IGOIAEA, IGOUNOSCR) unless a known role
    follows it (IMGMUSREB -> IMGMUS, REB).
    """
    if not code:
        return None, None
    code = code.upper()
    if code[:3] in KNOWN_ROLES and code[:3] not in GROUP_PREFIXES:
        return None, code[:3]  # a role with no country found: "OPP"
    if code[:3] in GROUP_PREFIXES:
        tail = code[6:]
        if not (tail[:3] in KNOWN_ROLES and len(tail) % 3 == 0):
            return code, None
        return code[:6], tail[:3]
    return code[:3], code[3:6] or None


def same_country(gold: str | None, pred: str | None) -> bool:
    """Equal country parts; an actor found never equals an actor absent (even "OPP")."""
    return bool(gold) == bool(pred) and actor_parts(gold)[0] == actor_parts(pred)[0]


def same_actor(gold: str | None, pred: str | None) -> bool:
    return bool(gold) == bool(pred) and actor_parts(gold) == actor_parts(pred)


def pred_key(event: Event) -> str:
    return event_key(event.plover_type, event.cameo_root)


def target_code(event: Event) -> str | None:
    return event.target.code if event.target else None


def _pair_score(gold: GoldEvent, pred: Event) -> float:
    """Among same-type candidates, prefer the pair whose actors and code agree most."""
    tgt = target_code(pred)
    return (8 * same_actor(gold.source, pred.source.code) + 4 * same_actor(gold.target, tgt)
            + 2 * same_country(gold.source, pred.source.code) + same_country(gold.target, tgt)
            + 0.1 * _common_prefix(gold.cameo or "", pred.cameo))


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


@dataclass
class ItemResult:
    item: GoldItem
    predicted: list[Event]
    pairs: list[tuple[GoldEvent, Event]] = field(default_factory=list)
    missed: list[GoldEvent] = field(default_factory=list)
    spurious: list[Event] = field(default_factory=list)
    error: str | None = None  # the item could not be coded

    @property
    def mistakes(self) -> int:
        wrong_actor = sum(not (same_actor(g.source, p.source.code)
                               and same_actor(g.target, target_code(p))) for g, p in self.pairs)
        return 2 * (len(self.missed) + len(self.spurious)) + wrong_actor


def match_item(item: GoldItem, predicted: list[Event]) -> ItemResult:
    """Pair gold and predicted events of one item, one-to-one, same PLOVER type only."""
    candidates = [
        (_pair_score(g, p), -gi, -pi, gi, pi)
        for gi, g in enumerate(item.events)
        for pi, p in enumerate(predicted)
        if g.key == pred_key(p)
    ]
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    result = ItemResult(item, predicted)
    for *_, gi, pi in sorted(candidates, reverse=True):
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        result.pairs.append((item.events[gi], predicted[pi]))
    result.missed = [g for i, g in enumerate(item.events) if i not in used_gold]
    result.spurious = [p for i, p in enumerate(predicted) if i not in used_pred]
    return result


# --- metrics ---


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
    articles = _with_progress(articles, progress, "coding gold items")
    events: dict[str, list[Event]] = {}
    errors: dict[str, str] = {}
    for coded in code_articles(articles, workers=workers, dictionaries=dictionaries):
        events[coded.article.id] = coded.events
        if coded.error:
            errors[coded.article.id] = coded.error
    return events, errors


def _with_progress(items: Iterable[Any], progress: bool, desc: str) -> Iterable[Any]:
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


# --- rendering ---


def _fmt(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def render_rows(rows: Iterable[Row], title: str) -> list[str]:
    lines = [(f"{title:<14} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8} "
             f"{'predicted':>9}")]
    for r in rows:
        lines.append(f"{r.label:<14} {_fmt(r.precision):>9} {_fmt(r.recall):>7} "
                     f"{_fmt(r.f1):>6} {r.support:>8} {r.predicted:>9}")
    return lines


def render_actor_rows(report: Report) -> list[str]:
    """Per gold actor code: how often it was found, and right, as source and as target."""
    stats: dict[str, Counter[str]] = {}
    for result in report.results:
        for gold in result.missed:
            for side, code in (("src", gold.source), ("tgt", gold.target)):
                if code:
                    stats.setdefault(code, Counter())[f"{side}_gold"] += 1
        for gold, pred in result.pairs:
            for side, code, got in (("src", gold.source, pred.source.code),
                                    ("tgt", gold.target, target_code(pred))):
                if code:
                    c = stats.setdefault(code, Counter())
                    c[f"{side}_gold"] += 1
                    c[f"{side}_matched"] += 1
                    c[f"{side}_right"] += same_actor(code, got)
    lines = [(f"{'gold actor':<14} {'as source':>9} {'matched':>8} {'right':>6} "
             f"{'as target':>10} {'matched':>8} {'right':>6}")]
    for code, c in sorted(stats.items(), key=lambda kv: (-kv[1]["src_gold"] - kv[1]["tgt_gold"],
                                                         kv[0])):
        lines.append(f"{code:<14} {c['src_gold']:>9} {c['src_matched']:>8} {c['src_right']:>6} "
                     f"{c['tgt_gold']:>10} {c['tgt_matched']:>8} {c['tgt_right']:>6}")
    return lines


def render_report(report: Report, by: str = "type") -> str:
    """The table `dyadwatch eval` prints."""
    m = report.metrics()
    lines = [(f"{report.gold_path}: {m['items']} items, {m['gold_events']} gold events, "
             f"{m['predicted_events']} predicted, {m['matched_events']} matched "
             f"({m['seconds']:.1f}s)"), ""]
    if by == "root":
        lines += render_rows(report.root_rows(), "CAMEO root")
    elif by == "actor":
        lines += render_actor_rows(report)
    else:
        lines += render_rows(report.type_rows(), "PLOVER type")
    micro = m["micro"]
    n = m["matched_events"]
    lines += [
        "",
        f"{'macro F1 (' + str(m['macro_f1_types']) + ' PLOVER types)':<38} {_fmt(m['macro_f1'])}",
        (f"{'micro precision / recall / F1':<38} {_fmt(micro['precision'])} / "
        f"{_fmt(micro['recall'])} / {_fmt(micro['f1'])}"),
        f"{'CAMEO root accuracy (matched)':<38} {_fmt(m['cameo_root_accuracy'])}",
        f"{'CAMEO code exact (matched)':<38} {_fmt(m['cameo_code_accuracy'])}",
        (f"{'source country / country+role':<38} {_fmt(m['source_country_accuracy'])} / "
        f"{_fmt(m['source_actor_accuracy'])}  (of {n} matched)"),
        (f"{'target country / country+role':<38} {_fmt(m['target_country_accuracy'])} / "
        f"{_fmt(m['target_actor_accuracy'])}  (of {n} matched)"),
        (f"{'spurious events per item':<38} {_fmt(m['spurious_per_item'], 3)}  "
        f"({m['spurious_events']} of {m['predicted_events']} predicted)"),
        (f"{'items with nothing found':<38} {m['items_nothing_found']} of "
        f"{m['items_with_gold']} with gold events"),
        (f"{'must-be-empty items with events':<38} {m['items_false_alarm']} of "
        f"{m['items_must_be_empty']}"),
    ]
    if m["items_failed"]:
        lines.append(f"{'items that failed to code':<38} {m['items_failed']}")
    return "\n".join(lines)


def describe_gold(g: GoldEvent) -> str:
    return f"{g.source} -> {g.target or '-'}  {g.cameo or '-'} {g.plover or '(no PLOVER)'}"


def describe_pred(p: Event) -> str:
    ev = p.evidence
    verb = f" verb '{ev.verb.text}'" if ev.verb else ""
    flags = f" modality {p.modality}" + (" negated" if p.negated else "")
    return (f"{p.source.code} -> {target_code(p) or '-'}  {p.cameo} "
            f"{p.plover_type or '(no PLOVER)'}  [rule {ev.rule}{verb};{flags}]")


def error_kinds(report: Report) -> Counter[tuple[str, str]]:
    """Mistakes by kind, each with one example item id: (kind, example) -> count."""
    kinds: Counter[str] = Counter()
    example: dict[str, str] = {}
    for result in report.results:
        for kind in _item_error_kinds(result):
            kinds[kind] += 1
            example.setdefault(kind, result.item.id)
    return Counter({(k, example[k]): n for k, n in kinds.items()})


def _item_error_kinds(result: ItemResult) -> Iterator[str]:
    spurious = list(result.spurious)
    for gold in result.missed:
        if spurious:
            pred = max(spurious, key=lambda p: same_country(gold.source, p.source.code))
            spurious.remove(pred)
            yield f"{gold.key} coded as {pred_key(pred)}"
        elif result.predicted:
            yield f"{gold.key} missed (other events coded)"
        else:
            yield f"{gold.key} missed (nothing coded)"
    for pred in spurious:
        where = "on a must-be-empty item" if not result.item.events else "extra"
        yield f"spurious {pred_key(pred)} ({where})"
    for gold, pred in result.pairs:
        for side, g, p in (("source", gold.source, pred.source.code),
                           ("target", gold.target, target_code(pred))):
            if g and not p:
                yield f"{side} not found"
            elif p and not g:
                yield f"{side} coded where gold has none"
            elif not same_country(g, p):
                yield f"{side} country {'not found' if actor_parts(p)[0] is None else 'wrong'}"
            elif not same_actor(g, p):
                yield f"{side} role wrong"


def render_errors(report: Report, n: int) -> str:
    """The n items with the most mistakes, what was coded instead, and error kinds."""
    worst = sorted((r for r in report.results if r.mistakes),
                   key=lambda r: (-r.mistakes, r.item.line))[:n]
    lines = [(f"{len(worst)} worst items (of {sum(bool(r.mistakes) for r in report.results)} "
             "with mistakes):")]
    for r in worst:
        lines += ["", f"[{r.item.id}] {r.item.text}"]
        if r.error:
            lines.append(f"  error    {r.error}")
        lines += [f"  missed   {describe_gold(g)}" for g in r.missed]
        lines += [f"  coded    {describe_pred(p)}  (matches no gold event)" for p in r.spurious]
        for g, p in r.pairs:
            if not (same_actor(g.source, p.source.code) and same_actor(g.target, target_code(p))):
                lines.append(f"  actors   gold {describe_gold(g)}")
                lines.append(f"           coded {describe_pred(p)}")
        if not r.predicted:
            lines.append("  coded    nothing")
    lines += ["", "Most common kinds of mistake:"]
    for (kind, example), count in error_kinds(report).most_common(10):
        lines.append(f"  {count:>4}  {kind:<48} e.g. {example}")
    return "\n".join(lines)


def report_json(report: Report, by: str = "type") -> str:
    m = report.metrics()
    if by == "root":
        m["roots"] = [r.to_dict() for r in report.root_rows()]
    return json.dumps({"gold": report.gold_path, **m}, indent=2)


def eval_output(gold: str | Path | None = None, *, ngec: str | Path | None = None,
                by: str = "type", errors: int = 0, sample: int | None = None,
                workers: int = 1, dictionaries: Iterable[str] = (), as_json: bool = False,
                progress: bool = False) -> str:
    """Everything `dyadwatch eval` prints: the GOLD table and/or the NGEC table."""
    if gold is None and ngec is None:
        raise GoldError("E069 give a GOLD.jsonl file, --ngec CSV, or both")
    parts: list[str] = []
    opts: dict[str, Any] = {"workers": workers, "dictionaries": tuple(dictionaries),
                            "progress": progress}
    if gold is not None:
        report = run_gold(gold, **opts)
        if as_json:
            parts.append(report_json(report, by))
        else:
            parts.append(render_report(report, by))
            if errors:
                parts.append(render_errors(report, errors))
    if ngec is not None:
        from dyadwatch.evaluate_ngec import render_ngec, run_ngec

        ngec_report = run_ngec(ngec, sample=sample, **opts)
        parts.append(json.dumps({"ngec": ngec_report.path, **ngec_report.metrics()}, indent=2)
                     if as_json else render_ngec(ngec_report))
    return "\n\n".join(parts)
