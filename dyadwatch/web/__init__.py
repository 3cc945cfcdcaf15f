"""REST API and dashboard: `dyadwatch serve --db events.duckdb`, or from Python:

    >>> from dyadwatch.web import create_app, serve
    >>> app = create_app("events.duckdb")          # doctest: +SKIP
"""

from dyadwatch.web.app import create_app
from dyadwatch.web.server import is_loopback, serve

__all__ = ["create_app", "is_loopback", "serve"]
