"""Document-level PLOVER typing against the NGEC synthetic stories.

`dyadwatch eval --ngec synthetic-events.csv` codes each story and asks: is the story's
most salient coded event of the type the story is labelled with? The file is third-party
evaluation data (NGEC-2025, MIT licence) read where it lies, never copied.

The story's type is `dyadwatch.code.doctype.document_type`: the gist of the headline (the
first line of the file's `prompt` column, put in sentence case), else its coded events,
else the body's most salient type, else the gist of the body's first sentence.
"""

from __future__ import annotations

import csv
import hashlib
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyadwatch.analyze import split_article
from dyadwatch.code.doctype import document_type, gists, headline_sentence, story_type
from dyadwatch.evaluate.gold import PLOVER_TYPES, GoldError
from dyadwatch.evaluate.metrics import Row, with_progress
from dyadwatch.evaluate.render import fmt_number, render_rows
from dyadwatch.model import Article

REQUIRED_COLUMNS = ("text", "label")


@dataclass
class Story:
    row: int  # 1-based data row in the CSV
    text: str
    label: str
    mode: str | None
    headline: str = ""  # the story's headline, from the prompt it was written from


@dataclass
class NgecReport:
    path: str
    stories: list[Story]
    predicted: list[str | None]  # the salient type per story, None when nothing was coded
    coded_types: list[set[str]] = field(default_factory=list)
    seconds: float = 0.0

    def rows(self) -> list[Row]:
        rows = {t: Row(t) for t in PLOVER_TYPES}
        for story, guess in zip(self.stories, self.predicted):
            if guess == story.label:
                rows[story.label].tp += 1
                continue
            rows.setdefault(story.label, Row(story.label)).fn += 1
            if guess:
                rows.setdefault(guess, Row(guess)).fp += 1
        return [r for r in rows.values() if r.support or r.predicted]

    def metrics(self) -> dict[str, Any]:
        rows = self.rows()
        f1s = [r.f1 or 0.0 for r in rows if r.support]
        n = len(self.stories)
        hits = sum(s.label == p for s, p in zip(self.stories, self.predicted))
        anywhere = sum(s.label in types for s, types in zip(self.stories, self.coded_types))
        return {
            "stories": n,
            "macro_f1": sum(f1s) / len(f1s) if f1s else None,
            "accuracy": hits / n if n else None,
            "label_among_coded_types": anywhere / n if n else None,
            "stories_nothing_coded": sum(p is None for p in self.predicted),
            "types": [r.to_dict() for r in rows],
            "seconds": round(self.seconds, 2),
        }

    def confusions(self) -> Counter[tuple[str, str]]:
        return Counter((s.label, p or "(nothing)") for s, p in zip(self.stories, self.predicted)
                       if s.label != p)


def load_stories(path: str | Path, sample: int | None = None) -> list[Story]:
    """The stories of an NGEC CSV; with `sample`, a stable subset (by hash of the text)."""
    csv.field_size_limit(sys.maxsize)
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise GoldError(f"E067 {path}: missing column(s) {', '.join(missing)} "
                            "(expected the NGEC synthetic-events.csv layout)")
        stories = []
        for number, row in enumerate(reader, 1):
            label = (row.get("label") or "").strip().upper()
            if label not in PLOVER_TYPES:
                raise GoldError(f"E068 {path} data row {number}: unknown PLOVER label '{label}'")
            headline = (row.get("prompt") or "").strip().split("\n")[0].strip()
            stories.append(Story(number, row["text"] or "", label, row.get("mode") or None,
                                 headline))
    if sample is not None and sample < len(stories):
        stories = sorted(stories, key=lambda s: hashlib.sha1(s.text.encode()).hexdigest())
        stories = sorted(stories[:sample], key=lambda s: s.row)
    return stories


def run_ngec(path: str | Path, *, sample: int | None = None, workers: int = 1,
             dictionaries: Iterable[str] = (), progress: bool = False) -> NgecReport:
    """Code every story and compare its salient type with its label."""
    from dyadwatch.pipeline import code_articles

    stories = load_stories(path, sample)
    dictionaries = tuple(dictionaries)  # read three times: bodies, headlines, their casing
    start = time.perf_counter()
    articles = with_progress((Article.from_text(s.text, id=f"ngec-{s.row}") for s in stories),
                              progress, "coding stories")
    bodies = list(code_articles(articles, workers=workers, dictionaries=dictionaries))
    titles = [headline_sentence(s.headline, dictionaries) for s in stories]
    headlines = code_articles(
        (Article.from_text(title, id=f"ngec-{s.row}-headline")
         for s, title in zip(stories, titles)), workers=workers, dictionaries=dictionaries)
    head_gists = gists(titles, dictionaries)
    lead_gists = gists((_lead(s.text) for s in stories), dictionaries, first_sentence=True)
    predicted: list[str | None] = []
    coded_types: list[set[str]] = []
    for body, head, hg, lg in zip(bodies, headlines, head_gists, lead_gists):
        predicted.append(document_type(body.events, head.events, [k for k, _ in hg],
                                       [k for k, _ in lg]))
        coded_types.append({t for e in body.events + head.events if (t := story_type(e))})
    return NgecReport(str(path), stories, predicted, coded_types, time.perf_counter() - start)


def _lead(text: str) -> str:
    """The story's first body paragraph (its first sentence is the lead)."""
    body = [p.text for p in split_article(text).paragraphs if p.kind == "body"]
    return body[0][:2000] if body else ""


def render_ngec(report: NgecReport) -> str:
    m = report.metrics()
    lines = [(f"{report.path}: {m['stories']} stories, document-level PLOVER type "
             f"({m['seconds']:.1f}s)"), ""]
    lines += render_rows(report.rows(), "PLOVER type")
    lines += [
        "",
        f"{'macro F1':<38} {fmt_number(m['macro_f1'])}",
        f"{'accuracy (salient type = label)':<38} {fmt_number(m['accuracy'])}",
        f"{'label among any coded type':<38} {fmt_number(m['label_among_coded_types'])}",
        f"{'stories with nothing coded':<38} {m['stories_nothing_coded']}",
        "",
        "Most common confusions (label -> salient coded type):",
    ]
    for (label, guess), count in report.confusions().most_common(10):
        lines.append(f"  {count:>4}  {label} -> {guess}")
    return "\n".join(lines)
