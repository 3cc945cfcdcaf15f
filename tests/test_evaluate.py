"""`dyadwatch eval`: gold loading, matching, the metrics, the table, and the eval data itself."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyadwatch.cli import main
from dyadwatch.code.cameo import cameo_table
from dyadwatch.code.doctype import salient_type
from dyadwatch.evaluate import (
    PLOVER_TYPES,
    GoldError,
    GoldEvent,
    GoldItem,
    actor_parts,
    evaluate,
    load_gold,
    match_item,
    render_errors,
    same_actor,
    same_country,
)
from dyadwatch.evaluate.ngec import load_stories
from dyadwatch.model import Actor, Event, Evidence, Span

EVAL = Path(__file__).resolve().parent.parent / "eval"
SPLIT_SALT = "eval139"  # documented in eval/README.md


def gold(source: str, target: str | None, cameo: str) -> GoldEvent:
    return GoldEvent(source, target, cameo, cameo_table()[cameo].plover_type)


def pred(source: str, target: str | None, cameo: str, sentence_index: int = 0) -> Event:
    """A predicted event as the engine would emit it (PLOVER fields from the CAMEO table)."""
    entry = cameo_table()[cameo]
    return Event(
        id=f"a-{sentence_index}-0", article_id="a", sentence_index=sentence_index, sentence="",
        date=None, source=Actor(source), target=Actor(target) if target else None,
        cameo=cameo, cameo_root=entry.root, quad_class=entry.quad_class,
        goldstein=entry.goldstein, plover_type=entry.plover_type, plover_mode=None,
        plover_context=None, negated=False, modality="asserted",
        evidence=Evidence(verb=Span("verb", 0, 4), rule="test:1"), confidence=1.0,
    )


def item(item_id: str, *events: GoldEvent) -> GoldItem:
    return GoldItem(item_id, f"text of {item_id}", None, list(events))


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


# --- metrics on hand-made pairs ---


def test_perfect_predictions_score_one_everywhere():
    items = [item("a", gold("MEXGOV", "USAMIL", "1212")), item("b")]
    report = evaluate(items, {"a": [pred("MEXGOV", "USAMIL", "1212")], "b": []})
    m = report.metrics()
    assert m["macro_f1"] == 1.0
    assert m["micro"]["precision"] == m["micro"]["recall"] == 1.0
    assert m["source_actor_accuracy"] == m["target_actor_accuracy"] == 1.0
    assert m["spurious_per_item"] == 0.0
    assert m["items_nothing_found"] == 0 and m["items_false_alarm"] == 0


def test_mixed_predictions_give_the_hand_computed_metrics():
    items = [
        item("neg", gold("MEXGOV", "USAMIL", "1212")),  # coded as cooperation instead
        item("thr", gold("USAGOV", "MEXGOV", "1312")),  # right type, target role wrong
        item("nil"),  # must yield nothing, but an attack is coded
        item("acc", gold("CHNGOV", "USAGOV", "111")),  # nothing coded
    ]
    predicted = {
        "neg": [pred("MEXGOV", "USAMIL", "0312")],
        "thr": [pred("USAGOV", "MEXMIL", "1312")],
        "nil": [pred("RUSGOV", "UKRGOV", "190")],
    }
    m = evaluate(items, predicted).metrics()
    rows = {r["label"]: r for r in m["types"]}
    assert rows["REJECT"] == {"label": "REJECT", "precision": None, "recall": 0.0, "f1": 0.0,
                              "support": 1, "predicted": 0}
    assert rows["THREATEN"]["f1"] == 1.0
    assert rows["AGREE"]["precision"] == 0.0 and rows["AGREE"]["support"] == 0
    assert rows["ASSAULT"]["predicted"] == 1 and rows["ACCUSE"]["recall"] == 0.0
    # Macro F1 averages the types with gold support: REJECT 0, THREATEN 1, ACCUSE 0.
    assert m["macro_f1"] == pytest.approx(1 / 3)
    assert m["macro_f1_types"] == 3
    assert m["micro"]["precision"] == pytest.approx(1 / 3)
    assert m["micro"]["recall"] == pytest.approx(1 / 3)
    assert m["target_country_accuracy"] == 1.0 and m["target_actor_accuracy"] == 0.0
    assert m["spurious_events"] == 2 and m["spurious_per_item"] == 0.5
    assert (m["items_nothing_found"], m["items_with_gold"]) == (1, 3)
    assert (m["items_false_alarm"], m["items_must_be_empty"]) == (1, 1)


def test_root_accuracy_counts_matched_events_with_another_root():
    # 163 (sanctions) and 173 (arrest) are both COERCE, so they match, but the roots differ.
    items = [item("a", gold("USAGOV", "CHNBUS", "163"), gold("MEXMIL", "MEXCRM", "173"))]
    report = evaluate(items, {"a": [pred("USAGOV", "CHNBUS", "173"),
                                    pred("MEXMIL", "MEXCRM", "173")]})
    m = report.metrics()
    assert m["matched_events"] == 2
    assert m["cameo_root_accuracy"] == 0.5
    roots = {r.label: r for r in report.root_rows()}
    assert (roots["16"].tp, roots["16"].fn, roots["17"].tp, roots["17"].fp) == (0, 1, 1, 1)


def test_cameo_01_and_02_match_by_root_and_stay_out_of_macro_f1():
    items = [item("a", gold("IGOUNO", None, "0233")), item("b", gold("RUSGOV", "USAGOV", "013"))]
    m = evaluate(items, {"a": [pred("IGOUNO", None, "020")],
                         "b": [pred("RUSGOV", "USAGOV", "020")]}).metrics()
    rows = {r["label"]: r for r in m["types"]}
    assert rows["CAMEO 02"]["support"] == 1 and rows["CAMEO 02"]["recall"] == 1.0
    assert rows["CAMEO 01"]["recall"] == 0.0
    assert m["macro_f1"] is None  # no PLOVER type has support here


def test_matching_is_one_to_one_and_prefers_the_right_actors():
    it = item("a", gold("MEXGOV", "CANGOV", "030"), gold("CANGOV", "MEXGOV", "030"))
    result = match_item(it, [pred("CANGOV", "MEXGOV", "030")])
    assert [(g.source, p.source.code) for g, p in result.pairs] == [("CANGOV", "CANGOV")]
    assert [g.source for g in result.missed] == ["MEXGOV"]


def test_matching_prefers_the_closer_cameo_code_among_equals():
    it = item("a", gold("GBRGOV", "FRAGOV", "030"), gold("GBRGOV", "FRAGOV", "0314"))
    result = match_item(it, [pred("GBRGOV", "FRAGOV", "0313")])
    assert result.pairs[0][0].cameo == "0314"


def test_actor_parts_split_country_and_role():
    assert actor_parts("MEXGOV") == ("MEX", "GOV")
    assert actor_parts("USA") == ("USA", None)
    assert actor_parts("IGOUNO") == ("IGOUNO", None)
    assert actor_parts("IGOUNOSCR") == ("IGOUNOSCR", None)  # the Council is not the UN
    assert actor_parts("IGOIAEA") == ("IGOIAEA", None)
    assert actor_parts("IMGMUSREB") == ("IMGMUS", "REB")
    assert actor_parts("OPP") == (None, "OPP")  # the coder found the role but no country
    assert actor_parts("NGO") == ("NGO", None)
    assert actor_parts(None) == (None, None)
    assert not same_country(None, "OPP") and not same_actor("OPP", None)
    assert same_country("MEXGOV", "MEXMIL") and not same_actor("MEXGOV", "MEXMIL")


def test_error_listing_shows_what_was_coded_instead_and_the_kinds():
    items = [item("neg", gold("MEXGOV", "USAMIL", "1212")), item("ok", gold("AAAGOV", None, "010"))]
    report = evaluate(items, {"neg": [pred("MEXGOV", "USAMIL", "0312")],
                              "ok": [pred("AAAGOV", None, "010")]})
    text = render_errors(report, 5)
    assert "[neg] text of neg" in text
    assert "missed   MEXGOV -> USAMIL  1212 REJECT" in text
    assert "coded    MEXGOV -> USAMIL  0312 AGREE  [rule test:1 verb 'verb'" in text
    assert "REJECT coded as AGREE" in text
    assert "[ok]" not in text  # no mistakes there


# --- gold files ---


def test_load_gold_fills_plover_from_cameo(tmp_path):
    path = write_jsonl(tmp_path / "g.jsonl", [
        {"id": "1", "text": "Mexico rejected it.", "date": "2025-03-01",
         "events": [{"source": "mexgov", "target": None, "cameo": "120"}]},
        {"id": "2", "text": "Rain fell.", "events": []},
    ])
    items = load_gold(path)
    assert [i.id for i in items] == ["1", "2"]
    assert items[0].events == [GoldEvent("MEXGOV", None, "120", "REJECT")]


@pytest.mark.parametrize("line, message", [
    ('{"id": "x", "text": "t", "events": [', "line 2: not valid JSON"),
    ('["not", "an", "object"]', "line 2: expected a JSON object"),
    ('{"id": "x", "text": "", "events": []}', "line 2: 'text' must be a non-empty string"),
    ('{"id": "x", "text": "t"}', "line 2: 'events' must be a list"),
    ('{"id": "x", "text": "t", "events": [{"target": "USAGOV", "cameo": "120"}]}',
     "line 2 event 1: 'source' must be an actor code"),
    ('{"id": "x", "text": "t", "events": [{"source": "MEXGOV", "cameo": "99"}]}',
     "unknown CAMEO code '99'"),
    (('{"id": "x", "text": "t", "events": [{"source": "MEXGOV", "cameo": "120", '
     '"plover": "AGREE"}]}'), "CAMEO 120 is PLOVER REJECT, not AGREE"),
    ('{"id": "ok", "text": "t", "events": []}', "line 2: duplicate id 'ok'"),
    ('{"id": "x", "text": "t", "date": "yesterday", "events": []}', "'date' must be YYYY-MM-DD"),
])
def test_malformed_gold_line_is_a_clear_error(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "ok", "text": "fine", "events": []}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(GoldError) as err:
        load_gold(path)
    assert message in str(err.value)
    assert str(path) in str(err.value)


def test_cli_reports_a_malformed_gold_line_in_one_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "text": "fine", "events": []}\n{oops\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(path), "--no-progress"])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert f"dyadwatch: E062 {path} line 2: not valid JSON" in result.output


def test_cli_without_gold_or_ngec_is_a_usage_error():
    result = CliRunner().invoke(main, ["eval"])
    assert result.exit_code == 2
    assert "give a GOLD.jsonl file, --ngec CSV, or both" in result.output


# --- the command end to end, with the real engine ---


@pytest.fixture(scope="module")
def small_gold(tmp_path_factory) -> Path:
    rows = [
        {"id": "rej", "text": "Mexico rejected the U.S. proposal to send troops across the border.",
         "date": "2025-03-04",
         "events": [{"source": "MEXGOV", "target": "USAGOV", "cameo": "1212", "plover": "REJECT"}]},
        {"id": "met", "text": "Chinese President Xi Jinping met French President Emmanuel Macron "
                              "in Beijing on Monday.", "date": "2025-03-04",
         "events": [{"source": "CHNGOV", "target": "FRAGOV", "cameo": "040", "plover": "CONSULT"},
                    {"source": "FRAGOV", "target": "CHNGOV", "cameo": "040", "plover": "CONSULT"}]},
        {"id": "nil", "text": "Mexico beat the United States 2-1 in the final on Sunday.",
         "date": "2025-03-04", "events": []},
    ]
    return write_jsonl(tmp_path_factory.mktemp("gold") / "small.jsonl", rows)


def test_cli_prints_the_table(small_gold):
    result = CliRunner().invoke(main, ["eval", str(small_gold), "--no-progress"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{small_gold}: 3 items, 3 gold events, ")
    header = next(line for line in lines if line.startswith("PLOVER type"))
    assert header.split() == ["PLOVER", "type", "precision", "recall", "F1", "support", "predicted"]
    support = {line.split()[0]: int(line.split()[-2]) for line in lines
               if line.split() and line.split()[0] in PLOVER_TYPES}
    assert support["REJECT"] == 1 and support["CONSULT"] == 2
    for label in ("macro F1 (2 PLOVER types)", "CAMEO root accuracy (matched)",
                  "source country / country+role", "target country / country+role",
                  "spurious events per item", "items with nothing found",
                  "must-be-empty items with events"):
        assert any(line.startswith(label) for line in lines), label


def test_cli_by_root_actor_errors_and_json(small_gold):
    runner = CliRunner()
    by_root = runner.invoke(main, ["eval", str(small_gold), "--by", "root", "--no-progress"])
    assert by_root.exit_code == 0 and "CAMEO root" in by_root.output
    assert any(line.split()[:1] == ["12"] for line in by_root.output.splitlines())
    by_actor = runner.invoke(main, ["eval", str(small_gold), "--by", "actor", "--no-progress"])
    assert by_actor.exit_code == 0
    actor_rows = {line.split()[0]: line.split()[1:] for line in by_actor.output.splitlines()
                  if line[:6] in ("MEXGOV", "CHNGOV", "USAGOV")}
    assert actor_rows["MEXGOV"][0] == "1" and actor_rows["USAGOV"][3] == "1"
    errors = runner.invoke(main, ["eval", str(small_gold), "--errors", "3", "--no-progress"])
    assert errors.exit_code == 0 and "Most common kinds of mistake:" in errors.output
    as_json = runner.invoke(main, ["eval", str(small_gold), "--json", "--no-progress"])
    data = json.loads(as_json.output)
    assert (data["items"], data["gold_events"], data["items_must_be_empty"]) == (3, 3, 1)
    assert data["matched_events"] <= min(data["gold_events"], data["predicted_events"])


# --- NGEC synthetic stories ---


def write_ngec(path: Path, rows: list[tuple[str, str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["disclaimer", "text", "title", "source", "prompt", "label", "mode"])
        for text, label in rows:
            writer.writerow(["synthetic", text, "t", "wire", "p", label, ""])
    return path


def test_salient_type_weighs_the_lead_sentence_most():
    assert salient_type([pred("A", None, "190", 3), pred("A", None, "173", 0)]) == "COERCE"
    many = [pred("A", None, "190", i) for i in (1, 2, 3)]
    assert salient_type([pred("A", None, "173", 0), *many]) == "ASSAULT"  # 1/2+1/3+1/4 > 1
    assert salient_type([pred("A", None, "010", 0)]) is None  # CAMEO 01 has no PLOVER type
    assert salient_type([pred("A", None, "020", 0)]) == "REQUEST"  # an appeal is a request
    assert salient_type([]) is None


def test_ngec_loader_checks_columns_and_labels(tmp_path):
    good = write_ngec(tmp_path / "s.csv", [("Troops shelled the town.", "ASSAULT"),
                                           ("Ministers met.", "consult")])
    stories = load_stories(good)
    assert [(s.row, s.label) for s in stories] == [(1, "ASSAULT"), (2, "CONSULT")]
    assert len(load_stories(good, sample=1)) == 1
    bad = write_ngec(tmp_path / "b.csv", [("x", "PARTY")])
    with pytest.raises(GoldError, match="data row 1: unknown PLOVER label 'PARTY'"):
        load_stories(bad)
    (tmp_path / "c.csv").write_text("text,other\nx,y\n", encoding="utf-8")
    with pytest.raises(GoldError, match="missing column"):
        load_stories(tmp_path / "c.csv")


def test_ngec_file_in_shared_reads(shared_dir):
    path = shared_dir / "data" / "ngec-synthetic" / "synthetic-events.csv"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    stories = load_stories(path)
    assert len(stories) == 4500
    assert {s.label for s in stories} == set(PLOVER_TYPES)


def test_cli_ngec_prints_document_level_table(tmp_path):
    path = write_ngec(tmp_path / "s.csv", [
        ("Russian forces shelled Ukrainian troops near Kharkiv on Monday.", "ASSAULT"),
        ("Thousands of Kenyan protesters marched on parliament in Nairobi.", "PROTEST"),
    ])
    result = CliRunner().invoke(main, ["eval", "--ngec", str(path), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert f"{path}: 2 stories, document-level PLOVER type" in result.output
    assert "accuracy (salient type = label)" in result.output
    assert "Most common confusions" in result.output


def test_ngec_story_typed_by_headline_gist_then_lead(tmp_path):
    """A headline naming no known actor still types its story; with no headline and no
    coded event, the lead sentence's gist does."""
    from dyadwatch.evaluate.ngec import run_ngec

    path = tmp_path / "s.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["disclaimer", "text", "title", "source", "prompt", "label", "mode"])
        writer.writerow(["synthetic", "The city was quiet on Monday.", "t", "wire",
                         "Eight Killed, Over 40 Injured in Bomb Explosion\n\n(AP) --",
                         "ASSAULT", ""])
        writer.writerow(["synthetic", "A curfew was imposed on the town after the riots.",
                         "t", "wire", "", "COERCE", ""])
    report = run_ngec(path)
    assert report.predicted == ["ASSAULT", "COERCE"]
    assert report.metrics()["accuracy"] == 1.0


# --- the labelled data shipped in eval/ ---


@pytest.fixture(scope="module")
def eval_sets() -> dict[str, list[GoldItem]]:
    return {name: load_gold(EVAL / f"{name}.jsonl") for name in ("dev", "heldout")}


def test_eval_sets_are_large_and_split_by_the_documented_hash(eval_sets):
    dev, held = eval_sets["dev"], eval_sets["heldout"]
    assert len(dev) + len(held) >= 440
    assert not {i.id for i in dev} & {i.id for i in held}
    for name, items in eval_sets.items():
        for it in items:
            digest = hashlib.sha1(f"{SPLIT_SALT}:{it.id}".encode()).hexdigest()
            in_heldout = int(digest, 16) % 4 == 0
            assert in_heldout == (name == "heldout"), f"{it.id} is in the wrong split"
    # 25% by the hash for the items written for both splits; dev-only batches (written to
    # widen the phrasing tuned on) take ids the hash puts in dev, and a later batch written
    # for the held-out file alone brings the share back near a quarter.
    assert 0.22 <= len(held) / (len(dev) + len(held)) <= 0.28


def test_eval_sets_cover_every_plover_type_and_cameo_root(eval_sets):
    everything = eval_sets["dev"] + eval_sets["heldout"]
    events = [e for it in everything for e in it.events]
    for name, items in eval_sets.items():
        types = {e.plover for it in items for e in it.events}
        assert set(PLOVER_TYPES) <= types, f"{name} misses {set(PLOVER_TYPES) - types}"
    roots = {e.cameo[:2] for e in events}
    assert roots == {f"{r:02d}" for r in range(1, 21)}
    empty = sum(not it.events for it in everything) / len(everything)
    assert 0.10 <= empty <= 0.20  # about 15% must yield nothing
