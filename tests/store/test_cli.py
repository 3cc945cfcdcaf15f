"""The store commands as a user types them: query, timeline, export, stats."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import corpus

from dyadwatch.cli import main
from dyadwatch.store import open_store


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "events.duckdb")
    with open_store(path) as s:
        s.put_many(corpus())
    return path


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def test_query_prints_a_table_and_the_page_it_shows(db):
    result = run("query", "--db", db, "--dyad", "MEX-USA", "--plover", "ACCUSE,ASSAULT",
                 "--format", "table", "--limit", "2")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["date", "source_code", "target_code", "cameo"]
    assert lines[1].split()[:4] == ["2025-03-05", "MEXGOV", "USAGOV", "111"]
    assert len(lines) == 3
    assert result.stderr == "1-2 of 5; next page: --page 2\n"
    page2 = run("query", "--db", db, "--dyad", "MEX-USA", "--plover", "ACCUSE,ASSAULT",
                "--json", "--limit", "2", "--page", "2")
    assert [e["id"] for e in json.loads(page2.stdout)] == ["a2-0-0", "a2-2-0"]
    assert page2.stderr == "3-4 of 5; next page: --page 3\n"


def test_query_json_lines_when_piped_and_csv_on_request(db, tmp_path):
    piped = run("query", "--db", db, "--text", "border")
    assert [json.loads(line)["id"] for line in piped.stdout.splitlines()] == ["a1-1-0"]
    csv = run("query", "--db", db, "--aggregated", "--min-sources", "2", "--csv")
    (tmp_path / "agg.csv").write_text(csv.stdout)
    frame = pd.read_csv(tmp_path / "agg.csv")
    assert frame["event_key"].tolist() == ["2025-02-22:MEXGOV:USAGOV:111"]
    assert frame["num_sources"].tolist() == [3]


def test_a_bad_filter_is_one_clear_line_and_exit_status_2(db):
    result = run("query", "--db", db, "--since", "2025-02-30")
    assert result.exit_code == 2
    assert result.stderr == ("dyadwatch: E041 filter 'since': expected a date YYYY-MM-DD, "
                             "got '2025-02-30'\n")
    injected = run("query", "--db", db, "--actor", "MEX' OR 1=1 --")
    assert injected.exit_code == 2 and "filter 'actor'" in injected.stderr


def test_querying_a_missing_store_says_how_to_make_one(tmp_path):
    result = run("query", "--db", str(tmp_path / "nothing.duckdb"))
    assert result.exit_code == 2
    assert "E030 no store at" in result.stderr and "dyadwatch code corpus/ --db" in result.stderr
    assert not (tmp_path / "nothing.duckdb").exists()


def test_timeline_csv_has_both_directions(db, tmp_path):
    result = run("timeline", "MEX", "USA", "--db", db, "--by", "month", "--csv")
    assert result.exit_code == 0, result.output
    (tmp_path / "tl.csv").write_text(result.stdout)
    frame = pd.read_csv(tmp_path / "tl.csv")
    assert frame["period"].tolist()[:2] == ["2024-12-01", "2024-12-01"]
    assert frame.groupby("direction")["events"].sum().to_dict() == {"MEX->USA": 5,
                                                                    "USA->MEX": 2}
    table = run("timeline", "MEX", "USA", "--db", db, "--by", "year", "--format", "table")
    assert "MEX->USA" in table.stdout and "goldstein_mean" in table.stdout


def test_export_and_stats_through_the_environment_variable(db, tmp_path):
    env = {"DYADWATCH_DB": db}
    out = tmp_path / "events.tsv"
    result = run("export", "--format", "gdelt", "-o", str(out), env=env)
    assert result.exit_code == 0, result.output
    assert result.stderr == f"7 rows written to {out}\n"
    assert len(out.read_text().splitlines()) == 7
    stats = json.loads(run("stats", "--json", env=env).stdout)
    assert (stats["articles"], stats["events"], stats["mentions"]) == (5, 7, 9)
    plain = run("stats", env=env).stdout
    assert "mentions        9" in plain


@pytest.mark.slow  # loads the coding pipeline
def test_code_then_query_the_store_it_filled(tmp_path):
    news = tmp_path / "news.jsonl"
    story = "Mexico rejected the United States proposal to send troops across the border."
    news.write_text("".join(json.dumps({"id": i, "source": outlet, "date": "2025-02-03",
                                        "text": story}) + "\n"
                            for i, outlet in (("r1", "Reuters"), ("a1", "AP"))))
    db = str(tmp_path / "coded.duckdb")
    for _ in range(2):  # coding the same corpus twice replaces, never duplicates
        coded = run("code", str(news), "--db", db, "-o", str(tmp_path / "out.jsonl"))
        assert coded.exit_code == 0, coded.output
    result = run("query", "--db", db, "--aggregated", "--json")
    (event,) = json.loads(result.stdout)
    assert (event["source_code"], event["target_code"]) == ("MEXGOV", "USAGOV")
    assert (event["num_mentions"], event["num_sources"], event["num_articles"]) == (2, 2, 2)
