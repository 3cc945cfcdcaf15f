"""`dyadwatch code`: the command-line contract other tools rely on."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pandas as pd
import pytest
from click.testing import CliRunner

from dyadwatch.cli import main
from dyadwatch.export import GDELT_COLUMNS

ARTICLE = ("Canada condemned the missile test by North Korea on Tuesday.\n"
           "Japan pledged humanitarian aid to Ukraine.\n")
KEYS = {"id", "article_id", "sentence_index", "sentence", "date", "source", "target", "cameo",
        "cameo_root", "quad_class", "goldstein", "plover", "negated", "modality", "evidence",
        "confidence"}


def run(*args, stdin=None):
    result = CliRunner().invoke(main, ["code", *args], input=stdin)
    return result


def test_text_file_gives_json_lines_with_the_contract_keys(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE)
    result = run(str(f), "--date", "2025-03-01")
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(events) == 2
    assert KEYS <= set(events[0])
    first = events[0]
    assert first["date"] == "2025-03-01"
    assert set(first["source"]) >= {"code", "name", "country", "roles", "text", "start", "end"}
    assert first["cameo_root"] == first["cameo"][:2]
    assert set(first["plover"]) == {"type", "mode", "context"}
    verb = first["evidence"]["verb"]
    assert first["sentence"][verb["start"]:verb["end"]] == verb["text"]


def test_jsonl_keeps_ids_and_names_the_malformed_line(tmp_path):
    f = tmp_path / "docs.jsonl"
    f.write_text(json.dumps({"id": "a1", "text": ARTICLE, "date": "2025-01-02"}) + "\n"
                 + "{not json\n"
                 + json.dumps({"id": "a3", "text": "France recalled its ambassador from Algeria."})
                 + "\n")
    result = run(str(f))
    assert result.exit_code == 1
    assert f"{f}:2" in result.stderr and "malformed JSON" in result.stderr
    ids = {json.loads(line)["article_id"] for line in result.stdout.splitlines()}
    assert ids == {"a1", "a3"}


def test_folder_is_recursed(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "one.txt").write_text("Canada condemned the missile test by North Korea.")
    (tmp_path / "sub" / "two.txt").write_text("France recalled its ambassador from Algeria.")
    result = run(str(tmp_path))
    assert result.exit_code == 0
    roots = sorted(json.loads(line)["cameo_root"] for line in result.stdout.splitlines())
    assert roots == ["11", "16"]


def test_gdelt_format_has_61_columns_and_keeps_leading_zeros(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Japan and South Korea agreed to hold talks on trade.")
    result = run(str(f), "--format", "gdelt", "--date", "2025-03-01")
    assert result.exit_code == 0
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows and all(len(r) == len(GDELT_COLUMNS) == 61 for r in rows)
    row = dict(zip(GDELT_COLUMNS, rows[0]))
    assert row["SQLDATE"] == "20250301" and row["EventCode"].startswith("0")
    assert row["EventRootCode"] == row["EventCode"][:2]


@pytest.mark.parametrize("ext", ["parquet", "csv"])
def test_output_format_follows_the_extension(tmp_path, ext):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE)
    out = tmp_path / f"events.{ext}"
    result = run(str(f), "-o", str(out))
    assert result.exit_code == 0
    df = pd.read_parquet(out) if ext == "parquet" else pd.read_csv(out, dtype={"cameo": str})
    assert len(df) == 2 and set(df["cameo"].str[:2]) == {"11", "03"}


def test_plover_records(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE)
    result = run(str(f), "--format", "plover")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["event_type"] for r in records} == {"ACCUSE", "AGREE"}
    assert all({"actor", "recipient", "event_date", "event_text"} <= set(r) for r in records)


def test_bad_inputs_are_reported_one_line_each_and_the_rest_is_coded(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (tmp_path / "latin1.txt").write_bytes("Canada condemned the missile test by North Korea. "
                                          "Caf\xe9.".encode("latin-1"))
    (tmp_path / "good.txt").write_text("France recalled its ambassador from Algeria.")
    result = run(str(tmp_path))
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert any("empty.txt" in e and "empty" in e for e in errors)
    assert any("binary.txt" in e and "binary" in e for e in errors)
    assert any("latin1.txt" in e and "UTF-8" in e and "warning" in e for e in errors)
    assert len(errors) == 3
    roots = sorted(json.loads(line)["cameo_root"] for line in result.stdout.splitlines())
    assert roots == ["11", "16"]


def test_huge_article_is_coded_without_crashing(tmp_path):
    sentence = "Canada condemned the missile test by North Korea. The weather was mild. "
    f = tmp_path / "huge.txt"
    f.write_text(sentence * (5_000_000 // len(sentence)))
    result = run(str(f), "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 0
    assert "huge.txt" in result.stderr and "only the first" in result.stderr
    with open(tmp_path / "out.csv") as fh:
        assert sum(1 for _ in csv.DictReader(fh)) > 1000


def test_usage_errors_exit_2(tmp_path):
    assert run("--format", "xml", str(tmp_path)).exit_code == 2
    assert run(str(tmp_path), "--date", "yesterday").exit_code == 2
    assert run(str(tmp_path / "missing.txt")).exit_code == 1


def test_stdin_json_lines_in_a_real_process():
    docs = "\n".join(json.dumps({"id": f"d{i}", "text": ARTICLE}) for i in range(3))
    proc = subprocess.run([sys.executable, "-m", "dyadwatch.cli", "code", "-", "--format", "jsonl"],
                          input=docs, capture_output=True, text=True, timeout=300,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    events = [json.loads(line) for line in io.StringIO(proc.stdout)]
    assert sorted({e["article_id"] for e in events}) == ["d0", "d1", "d2"]
