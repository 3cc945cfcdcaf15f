"""WARC archives written with warcio: HTML responses read, corrupt records skipped."""

from __future__ import annotations

import io

from ingest_fixtures import news_page
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dyadwatch.ingest.files import Problem, read_inputs
from dyadwatch.model import Article


def write_warc(path, pages: int, gzip: bool = True, extras: bool = True) -> list[int]:
    """A crawl: one HTML response per page, plus request, image and redirect records.
    Returns each page record's byte offset."""
    offsets = []
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gzip)
        for i in range(pages):
            url = f"https://news.example.org/story/{i}"
            if extras:
                writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(
                    b"GET /story HTTP/1.1\r\nHost: news.example.org\r\n\r\n")))
            offsets.append(fh.tell())
            body = news_page(i, published="").encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": f"2025-03-0{1 + i % 9}T08:00:00Z"}))
            if extras:
                image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")],
                                         protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    f"https://news.example.org/img/{i}.png", "response",
                    payload=io.BytesIO(b"\x89PNG" * 10), http_headers=image))
                moved = StatusAndHeaders("301 Moved", [("Location", url)], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    f"http://news.example.org/s{i}", "response", payload=io.BytesIO(b""),
                    http_headers=moved))
    return offsets


def _read(path):
    items = list(read_inputs([str(path)]))
    return ([x for x in items if isinstance(x, Article)],
            [x for x in items if isinstance(x, Problem)])


def test_html_responses_become_articles_with_url_and_crawl_date(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, 4)
    articles, problems = _read(path)
    assert not problems
    assert [a.url for a in articles] == [f"https://news.example.org/story/{i}" for i in range(4)]
    assert articles[2].published.isoformat() == "2025-03-03T08:00:00+00:00"  # no date on page
    assert articles[2].title == "Story 2" and "story 2 reported" in articles[2].text


def test_corrupt_record_in_gzipped_warc_is_skipped_and_the_rest_read(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    offsets = write_warc(path, 6)
    data = bytearray(path.read_bytes())
    for k in range(offsets[2] + 20, offsets[2] + 80):
        data[k] ^= 0xFF
    path.write_bytes(bytes(data))
    articles, problems = _read(path)
    assert [a.url.rsplit("/", 1)[1] for a in articles] == ["0", "1", "3", "4", "5"]
    assert len(problems) == 1 and problems[0].fatal
    # where: inside the damaged page's records (record ids are random, so the damaged
    # bytes decode differently from run to run, and the reader may notice a little later)
    where = int(str(problems[0]).split("crawl.warc.gz@", 1)[1].split(":", 1)[0])
    assert offsets[2] <= where < offsets[3]
    assert "corrupt WARC record" in str(problems[0])


def test_corrupt_header_in_plain_warc_resumes_at_next_record(tmp_path):
    path = tmp_path / "crawl.warc"
    offsets = write_warc(path, 5, gzip=False, extras=False)
    data = bytearray(path.read_bytes())
    data[offsets[1]:offsets[1] + 8] = b"GARBAGE!"
    path.write_bytes(bytes(data))
    articles, problems = _read(path)
    assert [a.url.rsplit("/", 1)[1] for a in articles] == ["0", "2", "3", "4"]
    assert len(problems) == 1 and f"@{offsets[1]}" in problems[0].where


def test_truncated_archive_keeps_earlier_records(tmp_path):
    path = tmp_path / "cut.warc.gz"
    offsets = write_warc(path, 5, extras=False)
    path.write_bytes(path.read_bytes()[: offsets[4] + 100])
    articles, problems = _read(path)
    assert len(articles) == 4
    assert len(problems) == 1 and "truncated" in problems[0].message


def test_arc_file_is_read(tmp_path):
    body = news_page(42).encode()
    http = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    filedesc = b"1 0 Example\nURL IP-address Archive-date Content-type Archive-length\n"
    head = b"filedesc://crawl.arc 0.0.0.0 20250301000000 text/plain %d\n" % len(filedesc)
    record = b"https://news.example.org/arc/42 93.184.216.34 20250301080000 text/html %d\n" % (
        len(http))
    path = tmp_path / "crawl.arc"
    path.write_bytes(head + filedesc + b"\n" + record + http + b"\n")
    articles, problems = _read(path)
    assert not [p for p in problems if p.fatal]
    assert [a.url for a in articles] == ["https://news.example.org/arc/42"]


def test_record_cut_inside_its_body_is_reported(tmp_path):
    path = tmp_path / "cut.warc"
    offsets = write_warc(path, 3, gzip=False, extras=False)
    path.write_bytes(path.read_bytes()[: offsets[2] + 900])
    articles, problems = _read(path)
    assert len(articles) == 2
    assert len(problems) == 1 and "truncated" in problems[0].message
