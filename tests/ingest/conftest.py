"""Fixtures for ingest tests; the builders live in ingest_fixtures.py."""

from ingest_fixtures import http_server  # noqa: F401 (a fixture)
