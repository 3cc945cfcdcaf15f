"""Plain text and JSON Lines, also compressed (.gz, .zst), including damaged archives."""

from __future__ import annotations

import gzip
import json

import zstandard
from ingest_fixtures import news_page, news_text

from dyadwatch.ingest.files import Problem, read_inputs
from dyadwatch.model import Article


def _jsonl(n: int) -> bytes:
    return b"".join(json.dumps({"id": f"a{i}", "text": news_text(i),
                                "date": "2025-02-22"}).encode() + b"\n" for i in range(n))


def _split(items):
    articles = [x for x in items if isinstance(x, Article)]
    problems = [x for x in items if isinstance(x, Problem)]
    return articles, problems


def test_gzip_and_zstd_jsonl_read_every_line(tmp_path):
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(_jsonl(30)))
    (tmp_path / "b.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(_jsonl(20)))
    articles, problems = _split(list(read_inputs([str(tmp_path)])))
    assert problems == []
    assert len(articles) == 50
    assert articles[0].id == "a0" and articles[0].date == "2025-02-22"


def test_multi_member_gzip_is_read_whole(tmp_path):
    data = gzip.compress(_jsonl(3)) + gzip.compress(_jsonl(5)[len(_jsonl(3)):])
    (tmp_path / "multi.jsonl.gz").write_bytes(data)
    articles, problems = _split(list(read_inputs([str(tmp_path / "multi.jsonl.gz")])))
    assert [a.id for a in articles] == ["a0", "a1", "a2", "a3", "a4"] and not problems


def test_truncated_gzip_keeps_lines_before_the_cut_and_says_so(tmp_path):
    whole = gzip.compress(_jsonl(400))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(whole[: len(whole) // 2])
    articles, problems = _split(list(read_inputs([str(path)])))
    assert 0 < len(articles) < 400
    fatal = [p for p in problems if p.fatal]
    assert len(fatal) == 1 and "truncated gzip" in str(fatal[0]) and str(path) in str(fatal[0])


def test_truncated_zstd_is_reported_not_silently_short(tmp_path):
    whole = zstandard.ZstdCompressor().compress(_jsonl(400))
    path = tmp_path / "cut.jsonl.zst"
    path.write_bytes(whole[: len(whole) // 2])
    articles, problems = _split(list(read_inputs([str(path)])))
    assert len(articles) < 400
    assert [p for p in problems if p.fatal and "truncated zstd" in p.message]


def test_corrupt_gzip_and_bad_json_lines_name_where(tmp_path):
    (tmp_path / "junk.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"\xff" * 64)
    (tmp_path / "mixed.jsonl").write_text('{"text": "' + news_text(1) + '"}\n{oops\n')
    articles, problems = _split(list(read_inputs([str(tmp_path)])))
    assert len(articles) == 1
    messages = [str(p) for p in problems if p.fatal]
    assert any("junk.jsonl.gz" in m and "corrupt gzip" in m for m in messages)
    assert any("mixed.jsonl:2" in m and "malformed JSON" in m for m in messages)


def test_folder_mixes_text_jsonl_and_html_pages(tmp_path):
    (tmp_path / "one.txt").write_text(news_text(5))
    (tmp_path / "two.jsonl").write_text(json.dumps({"text": news_text(6)}) + "\n")
    (tmp_path / "three.html").write_text(news_page(7))
    (tmp_path / "picture.png").write_bytes(b"\x89PNG\r\n")
    articles, problems = _split(list(read_inputs([str(tmp_path)])))
    assert len(articles) == 3 and not problems
    page = next(a for a in articles if a.title)
    assert page.title == "Story 7" and "Home" not in page.text
