"""The store schema, as numbered migrations that both backends apply in order.

A fresh store runs every step; an older store runs only the steps it lacks, each in its
own transaction, so a file written by an older dyadwatch is upgraded in place on open.
The same text serves DuckDB and PostgreSQL: `{code}` becomes a text type that sorts
byte-wise (so `LIKE 'MEX%'` can use a PostgreSQL index); `{key}` (mention and article
ids) is a code and `{wide}` (URL, sentence) is text, both stored uncompressed by DuckDB:
nearly every value is distinct, so compression saves little there and makes reading a
few rows (a page, a text search) decompress whole segments. `PG:` lines (indexes,
sequences) run on PostgreSQL only, because DuckDB scans faster without them; `DUCK:`
lines run on DuckDB only (its stand-in for an index: `article_seq`, see version 3).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# The mention table's columns in storage order (after `seq`), with their SQL types.
MENTION_COLUMNS: list[tuple[str, str]] = [
    ("id", "{key}"), ("article_id", "{key}"), ("sentence_index", "INTEGER"),
    ("event_index", "INTEGER"), ("date", "DATE"),
    ("source_code", "{code}"), ("source_name", "TEXT"), ("source_country", "{code}"),
    ("source_roles", "TEXT"), ("source_text", "TEXT"),
    ("target_code", "{code}"), ("target_name", "TEXT"), ("target_country", "{code}"),
    ("target_roles", "TEXT"), ("target_text", "TEXT"),
    ("cameo", "{code}"), ("cameo_root", "{code}"), ("quad_class", "SMALLINT"),
    ("goldstein", "FLOAT8"), ("plover_type", "TEXT"), ("plover_mode", "TEXT"),
    ("plover_context", "TEXT"), ("negated", "BOOLEAN"), ("modality", "TEXT"),
    ("confidence", "FLOAT8"), ("verb_text", "TEXT"), ("verb_start", "INTEGER"),
    ("verb_end", "INTEGER"), ("rule", "TEXT"), ("quote", "TEXT"),
    ("location_name", "TEXT"), ("location_country", "{code}"), ("location_lat", "FLOAT8"),
    ("location_lon", "FLOAT8"), ("location_geonames_id", "BIGINT"), ("tone", "FLOAT8"),
    ("is_root", "BOOLEAN"), ("url", "{wide}"), ("outlet", "TEXT"), ("sentence", "{wide}"),
    # added in version 2
    ("source_start", "INTEGER"), ("source_end", "INTEGER"),
    ("target_start", "INTEGER"), ("target_end", "INTEGER"), ("detail", "TEXT"),
]
ARTICLE_COLUMNS: list[tuple[str, str]] = [
    ("id", "{code}"), ("url", "TEXT"), ("outlet", "TEXT"), ("title", "TEXT"),
    ("published", "TIMESTAMPTZ"), ("language", "TEXT"), ("ingested_at", "TIMESTAMPTZ"),
    ("author", "TEXT"), ("duplicate_of", "TEXT"), ("tone", "FLOAT8"), ("text", "TEXT"),
    ("stored_at", "TIMESTAMPTZ"),
]
QUOTE_COLUMNS: list[tuple[str, str]] = [
    ("article_id", "{code}"), ("quote_index", "INTEGER"), ("sentence_index", "INTEGER"),
    ("speaker_code", "{code}"), ("speaker", "TEXT"), ("text", "TEXT"), ("verb", "TEXT"),
    ("start_char", "INTEGER"), ("end_char", "INTEGER"), ("direct", "BOOLEAN"),
]
V1_MENTION_COLUMNS = MENTION_COLUMNS[:40]


def _columns(cols: list[tuple[str, str]]) -> str:
    return ",\n  ".join(f"{name} {sql_type}" for name, sql_type in cols)


# Version 1: the first schema (articles, mentions, quotes).
V1 = f"""
CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TIMESTAMPTZ NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE articles (
  {_columns(ARTICLE_COLUMNS)}
);
CREATE TABLE mentions (
  seq BIGINT NOT NULL,
  {_columns(V1_MENTION_COLUMNS)}
);
CREATE TABLE quotes (
  {_columns(QUOTE_COLUMNS)}
);
INSERT INTO meta VALUES ('next_seq', '1');
PG: CREATE SEQUENCE mention_seq;
PG: ALTER TABLE mentions ALTER COLUMN seq SET DEFAULT nextval('mention_seq');
PG: ALTER TABLE articles ADD PRIMARY KEY (id);
PG: CREATE INDEX mentions_article ON mentions (article_id);
PG: CREATE UNIQUE INDEX mentions_seq ON mentions (seq);
PG: CREATE INDEX mentions_dyad ON mentions (source_code, target_code, date);
PG: CREATE INDEX mentions_target ON mentions (target_code, date);
PG: CREATE INDEX quotes_article ON quotes (article_id);
"""

# Version 2: actor and evidence spans, places and evidence detail (JSON), so that a
# stored mention comes back exactly as it was coded.
V2 = """
ALTER TABLE mentions ADD COLUMN source_start INTEGER;
ALTER TABLE mentions ADD COLUMN source_end INTEGER;
ALTER TABLE mentions ADD COLUMN target_start INTEGER;
ALTER TABLE mentions ADD COLUMN target_end INTEGER;
ALTER TABLE mentions ADD COLUMN detail TEXT;
"""

# Version 3 (DuckDB only): where each article's mentions lie. A write stores its mentions
# with consecutive positions (`seq`), and DuckDB's zone maps on `seq` skip every row group
# outside a range, so (article, first and last position) finds an article's mentions
# without reading the article id of every row (the event and article pages), and tells a
# bulk load of new articles that there is nothing of theirs to delete. PostgreSQL has a
# B-tree on `mentions (article_id)` for both.
V3 = """
DUCK: CREATE TABLE article_seq (article_id TEXT NOT NULL, first_seq BIGINT NOT NULL,
  last_seq BIGINT NOT NULL);
DUCK: INSERT INTO article_seq SELECT article_id, min(seq), max(seq) FROM mentions
  WHERE article_id IS NOT NULL GROUP BY article_id
"""


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    sql: str

    def statements(self, postgres: bool) -> list[str]:
        """The SQL statements for one backend."""
        code_type = 'TEXT COLLATE "C"' if postgres else "TEXT"
        plain = "TEXT" if postgres else "TEXT USING COMPRESSION uncompressed"
        sql = self.sql.replace("{code}", code_type).replace("{wide}", plain)
        sql = sql.replace("{key}", code_type if postgres else plain)
        out = []
        for stmt in sql.split(";"):
            stmt = stmt.strip()
            for prefix, wanted in (("PG:", postgres), ("DUCK:", not postgres)):
                if stmt.startswith(prefix):
                    stmt = stmt[len(prefix):].strip() if wanted else ""
            if stmt:
                out.append(stmt)
        return out


MIGRATIONS = [
    Migration(1, "articles, mentions and quotes", V1),
    Migration(2, "actor spans and mention detail", V2),
    Migration(3, "article positions (DuckDB)", V3),
]
SCHEMA_VERSION = MIGRATIONS[-1].version


def pending(current: int, target: int = SCHEMA_VERSION) -> list[Migration]:
    """The migrations that take a store at `current` to `target`."""
    return [m for m in MIGRATIONS if current < m.version <= target]


def migrate(
    current: int,
    run_in_transaction: Callable[[list[str]], None],
    postgres: bool,
    target: int = SCHEMA_VERSION,
) -> list[int]:
    """Apply each missing migration in its own transaction; returns the versions applied.

    `run_in_transaction(statements)` executes a list of SQL statements atomically.
    """
    applied = []
    for m in pending(current, target):
        stamp = f"INSERT INTO schema_version VALUES ({m.version}, CURRENT_TIMESTAMP)"
        run_in_transaction([*m.statements(postgres), stamp])
        applied.append(m.version)
    return applied
