"""Helpers for coding tests: code a sentence and look at (source, target, root) triples."""

from __future__ import annotations

import pytest

import dyadwatch


def code(text: str, date: str = "2025-03-01", **kw):
    return dyadwatch.code_text(text, date=date, **kw)


def triples(text: str, date: str = "2025-03-01") -> set[tuple[str, str | None, str]]:
    return {(e.source.code, e.target.code if e.target else None, e.cameo_root)
            for e in code(text, date)}


@pytest.fixture(scope="session")
def coder():
    from dyadwatch.pipeline import get_coder

    return get_coder()
