"""`dyadwatch spark code`: files in, date-partitioned Parquet or GDELT out, resumable."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pytest
from click.testing import CliRunner

from dyadwatch.coding import CodeRun

pytestmark = pytest.mark.spark
DATEADDED = 59  # the GDELT column that holds the time of writing


def _parquet_rows(folder: Path) -> list[dict]:
    part = ds.partitioning(pa.schema([("date", pa.string())]), flavor="hive")
    rows = ds.dataset(folder, format="parquet", partitioning=part).to_table().to_pylist()
    return sorted(rows, key=lambda r: r["id"])


def _single_machine(inputs: list[Path], output: Path, fmt: str | None = None) -> Path:
    CodeRun(inputs=[str(p) for p in inputs], output=str(output), fmt=fmt,
            on_problem=lambda p: None).execute()
    return output


@pytest.fixture(scope="module")
def parquet_job(spark, gz_corpus, tmp_path_factory):
    from dyadwatch.spark import run_job

    out = tmp_path_factory.mktemp("job") / "events"
    return out, run_job([str(gz_corpus)], str(out), "parquet", files_per_unit=1)


def test_parquet_output_is_what_dyadwatch_code_writes(parquet_job, gz_corpus, tmp_path):
    out, report = parquet_job
    want = _parquet_rows(_single_machine([gz_corpus], tmp_path / "single.parquet"))
    got = _parquet_rows(out)
    assert [r["id"] for r in got] == [r["id"] for r in want]
    assert got == want
    assert (out / "date=2025-02-22").is_dir() and (out / "date=2025-02-23").is_dir()
    # One file per unit in each date folder, named after the unit; no staging, no checksums.
    for folder in out.glob("date=*"):
        units = [p.name.split("-", 1)[0] for p in folder.iterdir()]
        assert len(units) == len(set(units)) and all(u.startswith("u") for u in units), units
    assert not list(out.rglob("*.crc")) and not list((out / "_dyadwatch").glob("staging/*"))
    assert (report.files, report.units, report.articles) == (2, 2, 5)
    assert report.events == len(want)


def test_bad_records_are_reported_with_their_file_and_the_rest_is_coded(parquet_job):
    _, report = parquet_job
    assert report.failures == 2
    assert len(report.problems) == 2
    assert all("part2.jsonl.gz" in p for p in report.problems)
    assert any("malformed JSON" in p for p in report.problems)
    assert any("no 'text'" in p for p in report.problems)


def test_a_rerun_skips_done_units_and_redoes_an_interrupted_one(spark, parquet_job, gz_corpus,
                                                                tmp_path):
    from dyadwatch.spark import run_job

    done_out, _ = parquet_job
    out = tmp_path / "events"
    shutil.copytree(done_out, out)
    want = _parquet_rows(out)
    markers = sorted((out / "_dyadwatch" / "done").glob("*.json"))
    assert len(markers) == 2
    # As if the job died after moving a unit's files but before marking it done.
    markers[1].unlink()
    kept = {p: p.stat().st_mtime_ns for p in out.glob(f"*/{markers[0].stem}-*")}
    inputs = [str(gz_corpus)]
    report = run_job(inputs, str(out), "parquet", files_per_unit=1)
    assert (report.units, report.skipped) == (2, 1)
    assert _parquet_rows(out) == want
    assert {p: p.stat().st_mtime_ns for p in out.glob(f"*/{markers[0].stem}-*")} == kept
    again = run_job(inputs, str(out), "parquet", files_per_unit=1)
    assert (again.skipped, again.articles) == (2, 0)


def test_cli_writes_gdelt_rows_like_dyadwatch_code(spark, corpus, tmp_path):
    from dyadwatch.cli import main

    out = tmp_path / "gdelt"
    result = CliRunner().invoke(main, ["spark", "code", str(corpus), "-o", str(out),
                                       "--format", "gdelt"])
    assert result.exit_code == 1, result.output  # two bad lines in the corpus
    assert "5 articles" in result.stderr and "2 failed" in result.stderr
    assert "malformed JSON" in result.stderr
    single = _single_machine([corpus], tmp_path / "single.tsv", "gdelt")

    def rows(lines):
        return sorted(line.split("\t")[:DATEADDED] + line.split("\t")[DATEADDED + 1:]
                      for line in lines if line)

    got = [line for f in out.glob("date=*/*.tsv") for line in f.read_text().split("\n")]
    assert rows(got) == rows(single.read_text().split("\n"))
    assert all(len(line.split("\t")) == 61 for line in got if line)


def test_cli_refuses_an_unknown_date_and_missing_inputs(spark, tmp_path):
    from dyadwatch.cli import main

    bad_date = CliRunner().invoke(main, ["spark", "code", "x.jsonl", "-o", str(tmp_path / "o"),
                                         "--date", "22/02/2025"])
    assert bad_date.exit_code == 2 and "--date must be YYYY-MM-DD" in bad_date.stderr
    missing = CliRunner().invoke(main, ["spark", "code", str(tmp_path / "nothing.jsonl"),
                                        "-o", str(tmp_path / "o")])
    assert missing.exit_code == 2 and "no input files match" in missing.stderr


def _write_warc(path: Path, pages: dict[str, str]) -> None:
    """A gzip-compressed WARC: an HTML response per page, plus a request and an image."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, body in pages.items():
            html = (f"<html><head><title>{body[:30]}</title></head><body><nav>Home | World"
                    f"</nav><article><h1>{body[:30]}</h1><p>{body}</p></article></body></html>")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=BytesIO(html.encode()), http_headers=headers))
        writer.write_record(writer.create_warc_record(
            "https://news.example.org/", "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://news.example.org/logo.png", "response", payload=BytesIO(b"\x89PNG...."),
            http_headers=image))


def test_warc_pages_are_coded_like_dyadwatch_code_codes_them(spark, articles, tmp_path):
    from dyadwatch.spark import run_job

    warc = tmp_path / "crawl.warc.gz"
    _write_warc(warc, {f"https://news.example.org/{i}": a["text"]
                       for i, a in enumerate(articles[:3])})
    report = run_job([str(warc)], str(tmp_path / "events"), "parquet")
    assert (report.articles, report.failures) == (3, 0), report.problems
    want = _parquet_rows(_single_machine([warc], tmp_path / "single.parquet"))
    assert want and _parquet_rows(tmp_path / "events") == want
    assert {r["url"] for r in want} <= {f"https://news.example.org/{i}" for i in range(3)}


def test_parquet_articles_are_coded_like_code_articles(spark, articles, tmp_path):
    import datetime as dt

    import pyarrow.parquet as pq

    from dyadwatch.errors import DyadwatchError
    from dyadwatch.export import flat_row
    from dyadwatch.model import Article
    from dyadwatch.pipeline import code_articles
    from dyadwatch.spark import run_job

    when = dt.datetime(2025, 2, 22, 9, 30, tzinfo=dt.timezone.utc)
    table = pa.table({"id": ["p1", "p2"], "text": [a["text"] for a in articles[:2]],
                      "published": pa.array([when, None], pa.timestamp("us", tz="UTC")),
                      "html": ["<p>not read</p>"] * 2})
    pq.write_table(table, tmp_path / "articles.parquet")
    report = run_job([str(tmp_path / "articles.parquet")], str(tmp_path / "events"), "parquet")
    local = [Article.from_text(articles[0]["text"], id="p1", published=when),
             Article.from_text(articles[1]["text"], id="p2")]
    want = sorted((flat_row(e) for c in code_articles(local) for e in c.events),
                  key=lambda r: r["id"])
    assert report.articles == 2 and _parquet_rows(tmp_path / "events") == want
    pq.write_table(pa.table({"body": ["x"]}), tmp_path / "no-text.parquet")
    with pytest.raises(DyadwatchError, match="need a 'text' column"):
        run_job([str(tmp_path / "no-text.parquet")], str(tmp_path / "other"), "parquet")
