"""`dyadwatch eval --places/--quotes` and `dyadwatch quotes`: real coding, real DuckDB."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyadwatch.cli import main
from dyadwatch.evaluate import GoldError
from dyadwatch.evaluate.geo import km, load_items, place_near, run_places, run_quotes
from dyadwatch.model import Place

EVAL = Path(__file__).resolve().parent.parent / "eval"


def write(tmp_path: Path, name: str, items: list[dict]) -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    return path


def test_distance_and_area_rules():
    assert 340 < km(48.857, 2.352, 51.507, -0.128) < 350  # Paris-London
    city = {"name": "Paris", "country": "FRA", "lat": 48.857, "lon": 2.352, "type": "city"}
    assert place_near(city, Place("Paris", country="FRA", lat=48.85, lon=2.35))
    assert not place_near(city, Place("Lyon", country="FRA", lat=45.76, lon=4.84))
    country = {"name": "Mexico", "country": "MEX", "lat": 23.6, "lon": -102.5, "type": "country"}
    # a country is an area: its place is right whatever point stands for it
    assert place_near(country, Place("Mexico", country="MEX", lat=19.4, lon=-99.1,
                                     feature_type="country"))
    assert not place_near(country, Place("Tijuana", country="MEX", lat=32.5, lon=-117.0,
                                         feature_type="city"))


def test_places_are_scored_by_mention_and_by_event(tmp_path):
    path = write(tmp_path, "p.jsonl", [
        {"id": "a", "split": "dev", "text": "Kenyan police fired tear gas at protesters in "
         "Nairobi on Tuesday.", "places": [{"name": "Nairobi", "country": "KEN", "lat": -1.286,
                                            "lon": 36.817, "type": "city", "role": "action"}]},
        {"id": "b", "split": "heldout", "text": "Police in Paris, Texas, arrested two men.",
         "places": [{"name": "Paris", "country": "USA", "lat": 33.661, "lon": -95.556,
                     "type": "city", "role": "mention"}]},
    ])
    rows = run_places(path)
    assert rows["all"].total == 2 and rows["all"].country == 2 and rows["all"].near == 2
    assert rows["heldout"].total == 1 and rows["dev"].total == 1
    assert rows["action all"].total == 1 and rows["action all"].near == 1


def test_quotes_are_matched_by_overlap_and_speaker(tmp_path):
    path = write(tmp_path, "q.jsonl", [
        {"id": "a", "text": "\"We will respond to any attack with full force,\" the Israeli "
         "army said.", "quotes": [{"text": "We will respond", "speaker": "ISRMIL",
                                   "direct": True}]},
        {"id": "b", "text": "The talks ended on Monday.",
         "quotes": [{"text": "talks ended", "speaker": "USAGOV", "direct": False}]},
    ])
    rows = run_quotes(path)
    assert rows["all"].total == 2 and rows["all"].found == 1 and rows["all"].country == 1


def test_bad_line_is_named(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "text": "x", "places": [{"name": "Paris"}]}\n')
    with pytest.raises(GoldError, match=r"bad.jsonl:1: a places entry lacks country"):
        load_items(path, "places", ("name", "country", "lat", "lon", "type", "role"))
    result = CliRunner().invoke(main, ["eval", "--places", str(path)])
    assert result.exit_code == 2 and "bad.jsonl:1" in result.output


@pytest.mark.parametrize("name,key,minimum", [("places.jsonl", "places", 170),
                                               ("quotes.jsonl", "quotes", 110)])
def test_labelled_sets_are_complete_and_split(name, key, minimum):
    items = load_items(EVAL / name, key, ("name",) if key == "places" else ("text", "speaker"))
    golds = [g for i in items for g in i[key]]
    assert len(golds) >= minimum
    held = sum(len(i[key]) for i in items if i["split"] == "heldout")
    assert 0.2 < held / len(golds) < 0.3
    for item in items:  # every labelled stretch is really in its text
        for g in item[key]:
            assert g["name" if key == "places" else "text"] in item["text"]


def test_quotes_command_lists_a_speakers_quotes(tmp_path):
    db = str(tmp_path / "q.duckdb")
    article = tmp_path / "a.txt"
    article.write_text("The Mexican foreign ministry issued a statement on Monday.\n"
                       "\"Mexico will not accept foreign troops in our territory,\" the ministry "
                       "said. Japan's prime minister said that Tokyo would send aid to Manila.\n",
                       encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["code", str(article), "--db", db]).exit_code == 0
    out = runner.invoke(main, ["quotes", "--actor", "mexgov", "--db", db])
    assert out.exit_code == 0
    assert "MEXGOV" in out.output and "Mexico will not accept" in out.output
    assert "Tokyo" not in out.output
    lines = runner.invoke(main, ["quotes", "--db", db, "--json"]).output.splitlines()
    assert {json.loads(x)["speaker"]["code"] for x in lines} == {"MEXGOV", "JPNGOV"}


def test_a_name_in_the_dateline_and_the_story_is_scored_in_the_story(tmp_path):
    item = {"id": "t1", "split": "dev",
            "text": "TAIPEI, Taiwan — Taiwan's coast guard expelled a Chinese vessel.",
            "places": [{"name": "TAIPEI", "country": "TWN", "lat": 25.05, "lon": 121.53,
                        "type": "city", "role": "dateline"},
                       {"name": "Taiwan", "country": "TWN", "lat": 25.05, "lon": 121.53,
                        "type": "country", "role": "actor"}]}
    path = tmp_path / "places.jsonl"
    path.write_text(json.dumps(item) + "\n", encoding="utf-8")
    rows = run_places(path)
    assert rows["dev"].total == 2 and rows["dev"].country == 2
