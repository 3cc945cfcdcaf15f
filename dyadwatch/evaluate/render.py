"""What `dyadwatch eval` prints: the tables, the worst items and the kinds of mistake."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from dyadwatch.evaluate.gold import GoldError, GoldEvent
from dyadwatch.evaluate.match import (
    ItemResult,
    actor_parts,
    pred_key,
    same_actor,
    same_country,
    target_code,
)
from dyadwatch.evaluate.metrics import Report, Row, run_gold
from dyadwatch.model import Event


def fmt_number(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def render_rows(rows: Iterable[Row], title: str) -> list[str]:
    lines = [(f"{title:<14} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8} "
             f"{'predicted':>9}")]
    for r in rows:
        lines.append(f"{r.label:<14} {fmt_number(r.precision):>9} {fmt_number(r.recall):>7} "
                     f"{fmt_number(r.f1):>6} {r.support:>8} {r.predicted:>9}")
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
    macro_label = f"macro F1 ({m['macro_f1_types']} PLOVER types)"
    n = m["matched_events"]
    lines += [
        "",
        f"{macro_label:<38} {fmt_number(m['macro_f1'])}",
        (f"{'micro precision / recall / F1':<38} {fmt_number(micro['precision'])} / "
        f"{fmt_number(micro['recall'])} / {fmt_number(micro['f1'])}"),
        f"{'CAMEO root accuracy (matched)':<38} {fmt_number(m['cameo_root_accuracy'])}",
        f"{'CAMEO code exact (matched)':<38} {fmt_number(m['cameo_code_accuracy'])}",
        (f"{'source country / country+role':<38} {fmt_number(m['source_country_accuracy'])} / "
        f"{fmt_number(m['source_actor_accuracy'])}  (of {n} matched)"),
        (f"{'target country / country+role':<38} {fmt_number(m['target_country_accuracy'])} / "
        f"{fmt_number(m['target_actor_accuracy'])}  (of {n} matched)"),
        (f"{'spurious events per item':<38} {fmt_number(m['spurious_per_item'], 3)}  "
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
        from dyadwatch.evaluate.ngec import render_ngec, run_ngec

        ngec_report = run_ngec(ngec, sample=sample, **opts)
        parts.append(json.dumps({"ngec": ngec_report.path, **ngec_report.metrics()}, indent=2)
                     if as_json else render_ngec(ngec_report))
    return "\n\n".join(parts)
