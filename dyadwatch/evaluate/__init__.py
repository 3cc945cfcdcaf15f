"""Coding accuracy against labelled data: `dyadwatch eval GOLD.jsonl`.

A GOLD file holds one item a line: {"id", "text", "date"?, "events": [{"source",
"target", "cameo", "plover"}, ...]}; an empty `events` list means nothing should be
coded. The items are coded with the same `code_articles` call every other door uses,
predicted events are matched to gold events item by item (a match needs the same PLOVER
type), and the metrics defined in docs/eval.md are computed from the matches.
"""

from dyadwatch.evaluate.gold import PLOVER_TYPES, GoldError, GoldEvent, GoldItem, load_gold
from dyadwatch.evaluate.match import (
    ItemResult,
    actor_parts,
    match_item,
    same_actor,
    same_country,
)
from dyadwatch.evaluate.metrics import Report, Row, code_items, evaluate, run_gold
from dyadwatch.evaluate.render import (
    error_kinds,
    eval_output,
    render_errors,
    render_report,
    report_json,
)

__all__ = [
    "PLOVER_TYPES", "GoldError", "GoldEvent", "GoldItem", "ItemResult", "Report", "Row",
    "actor_parts", "code_items", "error_kinds", "eval_output", "evaluate", "load_gold",
    "match_item", "render_errors", "render_report", "report_json", "run_gold", "same_actor",
    "same_country",
]
