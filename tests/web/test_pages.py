"""The HTML pages: rendered from the store, escaped, and free of inline code."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from tests.web.articles import IMG_TEXT, SCRIPT_TITLE


class InlineCode(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, on* handlers, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script":
            self.in_script = True
            if not names.get("src"):
                self.problems.append("inline <script>")
        if tag == "style" or "style" in names:
            self.problems.append(f"inline style on <{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"handler {name} on <{tag}>")
            if name in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"javascript: URL on <{tag}>")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False if tag == "script" else self.in_script

    def handle_data(self, data: str) -> None:
        if self.in_script and data.strip():
            self.problems.append("script body")


def page_urls(coded) -> list[str]:
    event = coded[0].events[0]
    return ["/", "/dyad/MEX/USA", "/dyad/MEX/USA?by=month&since=2025-02-01", "/events",
            "/events?dyad=MEX-USA&either_direction=true&plover=REJECT", f"/event/{event.id}",
            f"/article/{event.article_id}", "/actor/MEX"]


def test_every_page_loads_with_a_strict_csp_and_no_inline_code(client, coded):
    for url in page_urls(coded):
        response = client.get(url)
        assert response.status_code == 200, url
        csp = dict(d.strip().split(" ", 1) for d in
                   response.headers["content-security-policy"].split(";"))
        assert csp["script-src"] == "'self'" and csp["default-src"] == "'none'"
        assert csp["object-src" if "object-src" in csp else "default-src"] == "'none'"
        assert response.headers["x-content-type-options"] == "nosniff"
        parser = InlineCode()
        parser.feed(response.text)
        assert parser.problems == [], url


def script_story(coded):
    return next(c for c in coded if c.article.title == SCRIPT_TITLE)


def test_markup_in_titles_and_text_is_shown_as_text(client, coded):
    story = script_story(coded)
    pages = [f"/article/{story.article.id}", f"/event/{story.events[-1].id}",
             "/events?text=threatened+Mexico+with+sanctions"]
    for url in pages:
        html = client.get(url).text
        assert "<script>window.__pwned" not in html and "<img src=x" not in html, url
    article = client.get(f"/article/{story.article.id}").text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;Border talks" in article
    assert IMG_TEXT.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;") in article


def test_evidence_is_marked_in_the_sentence(client, coded):
    event = coded[0].events[0]
    html = client.get(f"/event/{event.id}").text
    assert f'<mark class="source" data-role="source" title="source">{event.evidence.source.text}' in html
    assert f'<mark class="verb" data-role="verb" title="verb">{event.evidence.verb.text}' in html
    assert event.evidence.rule in html


def test_article_marks_every_coded_sentence(client, coded):
    story = coded[1]
    html = client.get(f"/article/{story.article.id}").text
    for event in story.events:
        assert f'href="/event/{event.id}"' in html


def test_explorer_paging_keeps_the_filters(client, coded):
    html = client.get("/events?dyad=MEX-USA&either_direction=true&limit=3").text
    assert 'href="/events?dyad=MEX-USA&amp;either_direction=true&amp;sort=date_desc&amp;limit=3' \
           '&amp;offset=3"' in html
    assert 'href="/api/export?dyad=MEX-USA&amp;either_direction=true&amp;format=csv"' in html


@pytest.mark.parametrize("url, status", [
    ("/events?quad_class=9", 400), ("/event/unknown-1-0", 404), ("/article/none", 404),
    ("/dyad/MEX/USA?by=decade", 400), ("/actor/%3Cb%3E", 400),
])
def test_bad_requests_get_a_page_that_says_why(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert 'class="error"' in response.text and "<b>" not in response.text


def test_a_javascript_url_is_not_linked(tmp_path):
    from dyadwatch.web.pages import web_url

    assert web_url("javascript:alert(1)") is None
    assert web_url(" https://news.example/a ") == "https://news.example/a"
