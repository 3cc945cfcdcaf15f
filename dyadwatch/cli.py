"""The `dyadwatch` command: a thin shell over the library (one function a command)."""

from __future__ import annotations

import sys

import click

from dyadwatch.errors import DyadwatchError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dyadwatch")
def main() -> None:
    """Political event data from news: who did what to whom, with the evidence.

    \b
    dyadwatch code article.txt                  JSON Lines events on stdout
    dyadwatch code corpus/ -o events.parquet    a folder, streamed
    dyadwatch code corpus/ --db events.duckdb   code and store
    """


def fail(message: str, status: int = 2) -> None:
    click.echo(f"dyadwatch: {message}", err=True)
    sys.exit(status)


# --- code commands ---


@main.command("code")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", "output", default=None,
              help="Output file (format from its extension); default stdout.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "gdelt", "plover", "csv", "parquet"]),
              default=None, help="Output format (default: from -o's extension, else jsonl).")
@click.option("--date", default=None, metavar="YYYY-MM-DD",
              help="Publication date for inputs that carry none.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes.")
@click.option("--dictionary", "dictionaries", multiple=True, type=click.Path(exists=True),
              help="Extra actor/verb dictionary (TSV, or PETRARCH/TABARI format). Repeatable.")
@click.option("--db", default=None, help="Also store articles and events in this store "
              "(a DuckDB file or postgresql:// URL).")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr.")
def code_cmd(inputs, output, fmt, date, workers, dictionaries, db, progress) -> None:
    """Code news text into events.

    INPUT is a .txt file (one article), a .jsonl file (one article a line:
    {"id", "text", "date"?, "title"?, "url"?, "source"?}), a folder (recursed), or
    '-' for JSON Lines on stdin.

    Exit status: 0 all inputs coded, 1 some failed (one line each on stderr), 2 usage error.
    """
    from dyadwatch.coding import CodeRun

    if date:
        try:
            from dyadwatch.model import parse_datetime

            parse_datetime(date)
        except ValueError:
            fail(f"--date must be YYYY-MM-DD, not '{date}'")
    run = CodeRun(inputs=list(inputs), output=output, fmt=fmt, date=date, workers=workers,
                  dictionaries=tuple(dictionaries), db=db,
                  on_problem=lambda p: click.echo(str(p), err=True))
    try:
        run.execute(progress=_progress_wanted(progress))
    except DyadwatchError as exc:
        fail(str(exc))
    click.echo(run.summary(), err=True) if _progress_wanted(progress) else None
    sys.exit(1 if run.failures else 0)


def _progress_wanted(flag: bool | None) -> bool:
    return sys.stderr.isatty() if flag is None else flag


# --- eval commands ---


@main.command("eval")
@click.argument("gold", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--by", type=click.Choice(["type", "root", "actor"]), default="type",
              show_default=True, help="Rows of the table: PLOVER type, CAMEO root or actor.")
@click.option("--errors", "errors", default=0, type=click.IntRange(0), metavar="N",
              help="Also print the N worst items: what was missed and what was coded instead.")
@click.option("--ngec", default=None, type=click.Path(exists=True, dir_okay=False),
              help="Score document-level PLOVER types against the NGEC synthetic stories CSV.")
@click.option("--sample", default=None, type=click.IntRange(1), metavar="N",
              help="With --ngec: a stable sample of N stories instead of all.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes.")
@click.option("--dictionary", "dictionaries", multiple=True, type=click.Path(exists=True),
              help="Extra actor/verb dictionary, as for `dyadwatch code`. Repeatable.")
@click.option("--places", default=None, type=click.Path(exists=True, dir_okay=False),
              help="Score place resolution against a labelled places file (eval/places.jsonl).")
@click.option("--quotes", default=None, type=click.Path(exists=True, dir_okay=False),
              help="Score quotes and their speakers against eval/quotes.jsonl.")
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr.")
def eval_cmd(gold, by, errors, ngec, sample, workers, dictionaries, places, quotes, as_json,
             progress) -> None:
    """Measure coding accuracy against labelled data.

    GOLD is a JSON Lines file, one item a line:
    {"id", "text", "date"?, "events": [{"source", "target", "cameo", "plover"}]}
    (an empty events list means nothing should be coded). Definitions of every
    figure: docs/eval.md.

    \b
    dyadwatch eval eval/dev.jsonl
    dyadwatch eval eval/dev.jsonl --by root --errors 20
    dyadwatch eval --ngec ../shared/data/ngec-synthetic/synthetic-events.csv --sample 500
    dyadwatch eval --places eval/places.jsonl --quotes eval/quotes.jsonl
    """
    from dyadwatch.evaluate import eval_output

    try:
        click.echo(eval_output(gold, ngec=ngec, by=by, errors=errors, sample=sample,
                               workers=workers, dictionaries=dictionaries, as_json=as_json,
                               progress=_progress_wanted(progress), places=places,
                               quotes=quotes))
    except DyadwatchError as exc:
        fail(str(exc))


# --- quotes commands ---


@main.command("quotes")
@click.option("--actor", default=None, metavar="CODE", help="Only quotes by this speaker "
              "(actor code, e.g. MEXGOV).")
@click.option("--db", default=None, help="Store (default $DYADWATCH_DB, else "
              "./dyadwatch.duckdb).")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 100_000))
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one quote a line.")
def quotes_cmd(actor, db, limit, as_json) -> None:
    """List stored quotations and who said them.

    \b
    dyadwatch quotes --actor MEXGOV --db events.duckdb
    """
    from dyadwatch.evaluate.geo import quotes_output

    try:
        click.echo(quotes_output(db, actor, limit=limit, as_json=as_json))
    except DyadwatchError as exc:
        fail(str(exc))


# --- store commands ---


def _filter_options(func):
    """The event filter options shared by query, timeline and export."""
    options = [
        click.option("--db", default=None, help="Store: a DuckDB file or postgresql:// URL "
                     "(default $DYADWATCH_DB, else ./dyadwatch.duckdb)."),
        click.option("--actor", help="Source or target actor code prefix (MEX, MEXGOV)."),
        click.option("--source", help="Source actor code prefix."),
        click.option("--target", help="Target actor code prefix."),
        click.option("--dyad", metavar="A-B", help="Source A to target B, e.g. MEX-USA."),
        click.option("--either", "either_direction", is_flag=True,
                     help="With --dyad: either direction."),
        click.option("--country", help="Source or target country (ISO3)."),
        click.option("--role", help="Source or target role (GOV, MIL, ...)."),
        click.option("--cameo", metavar="CODES", help="CAMEO code prefixes, comma-separated."),
        click.option("--root", "cameo_root", metavar="ROOTS", help="CAMEO roots (01-20)."),
        click.option("--plover", metavar="TYPES", help="PLOVER types, e.g. REJECT,THREATEN."),
        click.option("--quad", "quad_class", metavar="N,..", help="QuadClass 1-4."),
        click.option("--goldstein-min", type=float, help="Lowest Goldstein score."),
        click.option("--goldstein-max", type=float, help="Highest Goldstein score."),
        click.option("--since", metavar="YYYY-MM-DD", help="First day (inclusive)."),
        click.option("--until", metavar="YYYY-MM-DD", help="Last day (inclusive)."),
        click.option("--text", help="Words in the evidence sentence (case-insensitive)."),
        click.option("--modality", help="asserted, future, proposed, hypothetical, ..."),
        click.option("--article", "article_id", help="One article's id."),
        click.option("--min-mentions", type=int, help="Aggregated events with this many "
                     "mentions or more."),
        click.option("--min-sources", type=int, help="... with this many sources or more."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _output_option(func):
    func = click.option("--csv", "fmt", flag_value="csv", help="CSV.")(func)
    func = click.option("--json", "fmt", flag_value="json", help="One JSON array.")(func)
    func = click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]),
                        default=None, help="Output (default: a table on a terminal, "
                        "else JSON Lines).")(func)
    return func


def _store_call(func, *args, **kwargs):
    try:
        return func(*args, **kwargs)
    except DyadwatchError as exc:
        fail(str(exc))


@main.command("query")
@_filter_options
@_output_option
@click.option("--aggregated", is_flag=True, help="GDELT-style events (mentions grouped by "
              "day, source, target and CAMEO code) instead of mentions.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 100_000),
              help="Rows per page.")
@click.option("--page", default=1, show_default=True, type=click.IntRange(1), help="Page.")
@click.option("--order", default="date_desc", show_default=True,
              type=click.Choice(["date_desc", "date_asc", "stored_desc", "stored_asc",
                                 "goldstein_asc", "goldstein_desc"]))
def query_cmd(db, fmt, aggregated, limit, page, order, **filters) -> None:
    """Find stored events: filters combine with AND; one page at a time.

    \b
    dyadwatch query --dyad MEX-USA --since 2025-01-01 --plover REJECT,THREATEN
    dyadwatch query --actor MEX --text border --json
    dyadwatch query --aggregated --min-sources 2 --csv > events.csv
    """
    from dyadwatch.store.commands import run_query

    _store_call(run_query, db, filters, aggregated=aggregated, limit=limit, page=page,
                order=order, fmt=fmt)


@main.command("timeline")
@click.argument("a")
@click.argument("b")
@click.option("--by", default="week", show_default=True,
              type=click.Choice(["day", "week", "month", "quarter", "year"]))
@_filter_options
@_output_option
def timeline_cmd(a, b, by, db, fmt, **filters) -> None:
    """How A and B treat each other over time, both directions: events, Goldstein mean
    and sum, and the share of each QuadClass per period.

    \b
    dyadwatch timeline MEX USA --by week
    dyadwatch timeline MEXGOV USAGOV --by month --since 2025-01-01 --csv
    """
    from dyadwatch.store.commands import run_timeline

    for name in ("dyad", "either_direction"):
        filters.pop(name)
    _store_call(run_timeline, db, a, b, by=by, filters=filters, fmt=fmt)


@main.command("export")
@_filter_options
@click.option("-o", "--output", default=None, help="Output file (format from its extension); "
              "default stdout.")
@click.option("--format", "fmt", type=click.Choice(["gdelt", "csv", "jsonl", "parquet",
                                                     "plover"]), default=None,
              help="gdelt: GDELT 2.0 event TSV (aggregated); the others: one row a mention.")
@click.option("--mentions", is_flag=True, help="The GDELT 2.0 mentions table (TSV) instead.")
@click.option("--aggregated", is_flag=True, help="csv/jsonl/parquet of aggregated events.")
def export_cmd(db, output, fmt, mentions, aggregated, **filters) -> None:
    """Export stored events (filters as for `query`).

    \b
    dyadwatch export --format gdelt -o events.tsv
    dyadwatch export --mentions -o mentions.tsv
    dyadwatch export --dyad MEX-USA --either -o mex-usa.parquet
    """
    from dyadwatch.store.commands import run_export

    n = _store_call(run_export, db, filters, output, fmt, mentions=mentions,
                    aggregated=aggregated)
    if output not in (None, "-"):
        click.echo(f"{n} rows written to {output}", err=True)


@main.command("stats")
@click.option("--db", default=None, help="Store (default $DYADWATCH_DB, else "
              "./dyadwatch.duckdb).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
def stats_cmd(db, as_json) -> None:
    """Counts in a store: articles, events (aggregated), mentions, quotes, actors, dates."""
    from dyadwatch.store.commands import run_stats

    _store_call(run_stats, db, as_json)


# --- ingest commands ---


@main.command("ingest")
@click.argument("inputs", nargs=-1)
@click.option("--feeds", "feeds", default=None, type=click.Path(exists=True, dir_okay=False),
              help="A file of feed URLs (RSS or Atom), one a line; '#' starts a comment.")
@click.option("--db", default=None, help="Store (a DuckDB file or postgresql:// URL); "
              "default $DYADWATCH_DB, else dyadwatch.duckdb.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes for extraction and coding.")
@click.option("--allow-private", is_flag=True,
              help="Allow URLs on private, loopback and link-local addresses.")
@click.option("--no-code", "no_code", is_flag=True,
              help="Extract, dedup and store articles without coding them.")
@click.option("--date", default=None, metavar="YYYY-MM-DD",
              help="Publication date for text inputs that carry none.")
@click.option("--dictionary", "dictionaries", multiple=True, type=click.Path(exists=True),
              help="Extra actor/verb dictionary for coding. Repeatable.")
@click.option("--state", "state_path", default=None, type=click.Path(dir_okay=False),
              help="Ingest state file (near-duplicate index, feed validators); "
              "default: beside the store.")
@click.option("--host-interval", default=1.0, show_default=True, type=click.FloatRange(0),
              help="Seconds between two requests to the same host (feeds and their pages).")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr.")
def ingest_cmd(inputs, feeds, db, workers, allow_private, no_code, date, dictionaries,
               state_path, host_interval, progress) -> None:
    """Extract, dedup, code and store articles from files, archives, feeds and URLs.

    \b
    INPUT is a file or folder (.txt, .jsonl[.gz|.zst], .html, .warc[.gz], .arc[.gz],
    .rss, .atom), or an http(s) URL of a page or a feed.

    \b
    dyadwatch ingest saved_pages/ crawl.warc.gz dump.jsonl.gz --db events.duckdb
    dyadwatch ingest --feeds feeds.txt
    dyadwatch ingest https://example.org/news/article.html

    Re-running adds nothing new; an interrupted run resumes. Near-duplicates (the same
    story from many outlets) are stored linked to the first copy and not coded again;
    articles not in English are stored but not coded.

    Exit status: 0 all inputs read, 1 some failed (one line each on stderr), 2 usage error.
    """
    from dyadwatch.ingest.runner import IngestRun

    if not inputs and not feeds:
        fail("nothing to ingest: give INPUTS or --feeds FILE")
    run = IngestRun(inputs=list(inputs), feeds=feeds, db=db, workers=workers,
                    allow_private=allow_private, code=not no_code, date=date,
                    dictionaries=tuple(dictionaries), state_path=state_path,
                    fetch_options={"host_interval": host_interval},
                    on_problem=lambda p: click.echo(str(p), err=True))
    try:
        tally = run.execute(progress=_progress_wanted(progress))
    except DyadwatchError as exc:
        fail(str(exc))
    click.echo(tally.summary(), err=True)
    sys.exit(1 if tally.failed else 0)


# --- web commands ---


@main.command("serve")
@click.option("--db", default=None, help="The store: a DuckDB file or postgresql:// URL "
              "(default $DYADWATCH_DB, else ./dyadwatch.duckdb).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; anything but loopback without --token prints a warning.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--token", default=None, envvar="DYADWATCH_TOKEN",
              help="Allow changes (POST /api/articles) with 'Authorization: Bearer TOKEN'; "
              "without it the server is read-only. Also $DYADWATCH_TOKEN.")
def serve_cmd(db, host, port, token) -> None:
    """Serve the dashboard and REST API (http://127.0.0.1:8000/ by default).

    \b
    dyadwatch serve --db events.duckdb
    dyadwatch serve --db events.duckdb --host 0.0.0.0 --token "$(openssl rand -hex 16)"
    """
    from dyadwatch.web.server import serve

    try:
        serve(db or _default_db(), host=host, port=port, token=token)
    except DyadwatchError as exc:
        fail(str(exc))


def _default_db() -> str:
    import os

    from dyadwatch.store import DEFAULT_DB

    return os.environ.get("DYADWATCH_DB") or DEFAULT_DB


# --- alerts commands ---


_DB_HELP = "The event store (DuckDB file or postgresql:// URL); default $DYADWATCH_DB."
_ALERTS_DB_HELP = "Alert state file; default beside the store (STORE.alerts.sqlite)."


def _alert_options(fn):
    fn = click.option("--alerts-db", default=None, help=_ALERTS_DB_HELP)(fn)
    fn = click.option("--db", default=None, help=_DB_HELP)(fn)
    return fn


def _alerts(db: str | None, alerts_db: str | None):
    from dyadwatch.alerts import open_alerts

    try:
        return open_alerts(db, alerts_db)
    except DyadwatchError as exc:
        fail(str(exc))


@main.group("subscribe")
def subscribe_group() -> None:
    """Alert subscriptions: rules over new events, delivered by email or webhook.

    \b
    dyadwatch subscribe add --name mex-usa --dyad MEX-USA --either-direction \
        --plover REJECT,THREATEN,COERCE,MOBILIZE --email analyst@example.org --instant
    dyadwatch subscribe add --name weekly --country MEX --digest weekly \
        --webhook https://hooks.example.org/x
    dyadwatch subscribe add --name spike --dyad MEX-USA --spike 3.0 --email a@example.org
    dyadwatch subscribe list | test NAME | pause NAME | resume NAME | remove NAME
    """


@subscribe_group.command("add")
@click.option("--name", required=True, help="A short unique name.")
@click.option("--dyad", default=None, metavar="A-B", help="Source and target prefixes: MEX-USA.")
@click.option("--either-direction", is_flag=True, help="The dyad in both directions.")
@click.option("--actor", "actors", multiple=True, help="Source or target code prefix (, or repeat).")
@click.option("--source", multiple=True, help="Source actor code prefix.")
@click.option("--target", multiple=True, help="Target actor code prefix.")
@click.option("--country", multiple=True, help="ISO3 country of source or target.")
@click.option("--role", multiple=True, help="Role of source or target: GOV, MIL, ...")
@click.option("--plover", multiple=True, help="PLOVER types: REJECT,THREATEN,...")
@click.option("--cameo", multiple=True, help="CAMEO code prefixes: 12,1312.")
@click.option("--cameo-root", multiple=True, help="CAMEO roots 01-20.")
@click.option("--quad-class", multiple=True, help="QuadClass 1-4 (3,4 = conflict).")
@click.option("--goldstein-max", type=float, default=None, help="Goldstein at most (e.g. -5).")
@click.option("--goldstein-min", type=float, default=None, help="Goldstein at least.")
@click.option("--modality", multiple=True, help="asserted, future, proposed, ...")
@click.option("--min-mentions", type=int, default=None, help="Mentions of the same happening.")
@click.option("--min-sources", type=int, default=None, help="Distinct outlets reporting it.")
@click.option("--spike", type=float, default=None, metavar="SD",
              help="Alert when the dyad's daily conflict share is SD above its 90-day baseline.")
@click.option("--email", multiple=True, help="Address to mail (repeatable).")
@click.option("--webhook", default=None, help="URL to POST signed JSON to.")
@click.option("--webhook-secret", default=None, help="HMAC key (default: generated, printed).")
@click.option("--instant", is_flag=True, help="One notice per event (the default).")
@click.option("--digest", type=click.Choice(["hourly", "daily", "weekly"]), default=None,
              help="Collect matches and send one notice per period instead.")
@click.option("--allow-private", is_flag=True,
              help="Accept a webhook on a private/loopback address (watch needs it too).")
@click.option("--config", default=None, help="Alert settings file (TOML).")
@_alert_options
def subscribe_add(name, dyad, either_direction, actors, source, target, country, role, plover,
                  cameo, cameo_root, quad_class, goldstein_max, goldstein_min, modality,
                  min_mentions, min_sources, spike, email, webhook, webhook_secret, instant,
                  digest, allow_private, config, db, alerts_db) -> None:
    """Add a subscription (fields combine with AND; listed values with OR)."""
    from dyadwatch.alerts import create_subscription, load_settings
    from dyadwatch.alerts.api import format_subscription
    from dyadwatch.alerts.api import split_values as sv

    if instant and digest:
        fail("choose --instant or --digest, not both")
    try:
        sub = create_subscription(
            _alerts(db, alerts_db), load_settings(config), allow_private=allow_private,
            name=name, dyad=dyad,
            either_direction=either_direction, actors=sv(actors), source=sv(source),
            target=sv(target), country=sv(country), role=sv(role), plover=sv(plover),
            cameo=sv(cameo), cameo_root=sv(cameo_root), quad_class=sv(quad_class),
            goldstein_max=goldstein_max, goldstein_min=goldstein_min, modality=sv(modality),
            min_mentions=min_mentions, min_sources=min_sources, spike=spike, email=sv(email),
            webhook=webhook, webhook_secret=webhook_secret, digest=digest)
    except DyadwatchError as exc:
        fail(str(exc))
    click.echo(f"added {format_subscription(sub)}")
    if webhook and not webhook_secret:
        click.echo(f"webhook secret (verify X-Dyadwatch-Signature with it): {sub.webhook_secret}")


@subscribe_group.command("list")
@_alert_options
def subscribe_list(db, alerts_db) -> None:
    """Every subscription: name, state, digest, rule, targets."""
    from dyadwatch.alerts.api import format_subscription, list_subscriptions

    for sub in list_subscriptions(_alerts(db, alerts_db)):
        click.echo(format_subscription(sub))


def _by_name(action: str, name: str, db: str | None, alerts_db: str | None) -> None:
    from dyadwatch.alerts import api

    try:
        sub = getattr(api, f"{action}_subscription")(_alerts(db, alerts_db), name)
    except DyadwatchError as exc:
        fail(str(exc))
    click.echo(f"{action.rstrip('e')}ed {sub.name}")


@subscribe_group.command("pause")
@click.argument("name")
@_alert_options
def subscribe_pause(name, db, alerts_db) -> None:
    """Stop matching NAME until resumed (queued notices still go out)."""
    _by_name("pause", name, db, alerts_db)


@subscribe_group.command("resume")
@click.argument("name")
@_alert_options
def subscribe_resume(name, db, alerts_db) -> None:
    """Match NAME again, from the next new events on."""
    _by_name("resume", name, db, alerts_db)


@subscribe_group.command("remove")
@click.argument("name")
@_alert_options
def subscribe_remove(name, db, alerts_db) -> None:
    """Delete NAME and cancel its queued notices."""
    _by_name("remove", name, db, alerts_db)


@subscribe_group.command("unsubscribe")
@click.argument("token")
@_alert_options
def subscribe_unsubscribe(token, db, alerts_db) -> None:
    """Remove the subscription whose notices carry TOKEN (as the unsubscribe link does)."""
    from dyadwatch.alerts import unsubscribe

    try:
        click.echo(f"unsubscribed {unsubscribe(_alerts(db, alerts_db), token).name}")
    except DyadwatchError as exc:
        fail(str(exc))


@subscribe_group.command("test")
@click.argument("name")
@click.option("--config", default=None, help="Alert settings file (TOML).")
@_alert_options
def subscribe_test(name, config, db, alerts_db) -> None:
    """Send NAME a test notice now, with the newest stored event it matches."""
    from dyadwatch.alerts import load_settings
    from dyadwatch.alerts.api import format_notice, test_subscription

    try:
        notices = test_subscription(_alerts(db, alerts_db), name, _store_or_none(db),
                                    load_settings(config))
    except DyadwatchError as exc:
        fail(str(exc))
    for n in notices:
        click.echo(format_notice(n))
    sys.exit(0 if all(n.status == "sent" for n in notices) else 1)


def _store_or_none(db: str | None):
    from dyadwatch.alerts.api import open_store_if_present

    return open_store_if_present(db)


@main.group("outbox")
def outbox_group() -> None:
    """Queued, sent and dead notices (dead: every retry failed; replay sends them again)."""


@outbox_group.command("list")
@click.option("--status", type=click.Choice(["pending", "sending", "sent", "dead", "cancelled"]),
              default=None, help="Only notices in this state.")
@click.option("--limit", default=50, show_default=True)
@_alert_options
def outbox_list_cmd(status, limit, db, alerts_db) -> None:
    """Notices, newest first: id, status, subscription, target, kind, attempts, error."""
    from dyadwatch.alerts.api import format_notice, outbox_list

    for n in outbox_list(_alerts(db, alerts_db), status, limit):
        click.echo(format_notice(n))


@outbox_group.command("replay")
@click.argument("ids", nargs=-1, type=int)
@click.option("--config", default=None, help="Alert settings file (TOML).")
@_alert_options
def outbox_replay_cmd(ids, config, db, alerts_db) -> None:
    """Queue dead notices again (all, or the IDS given) and try them now."""
    from dyadwatch.alerts import load_settings, outbox_replay

    try:
        count, turn = outbox_replay(_alerts(db, alerts_db), list(ids), load_settings(config))
    except DyadwatchError as exc:
        fail(str(exc))
    click.echo(f"replayed {count}: {turn.sent} sent, {turn.failed} to retry, {turn.dead} dead")


@main.command("watch")
@click.option("--feeds", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Feed URLs, one a line ('#' comments).")
@click.option("--every", default="10m", show_default=True, help="Poll interval: 90s, 10m, 1h.")
@click.option("--once", is_flag=True, help="Poll once, deliver, and exit.")
@click.option("--allow-private", is_flag=True,
              help="Let feeds and webhooks reach private/loopback addresses.")
@click.option("--host-interval", default=2.0, show_default=True,
              help="Seconds between two requests to the same host.")
@click.option("--dictionary", "dictionaries", multiple=True, type=click.Path(exists=True),
              help="Extra actor/verb dictionary. Repeatable.")
@click.option("--config", default=None, help="Alert settings file (TOML).")
@_alert_options
def watch_cmd(feeds, every, once, allow_private, host_interval, dictionaries, config, db,
              alerts_db) -> None:
    """Poll feeds, then ingest, code, store and alert; runs until Ctrl-C or SIGTERM.

    \b
    dyadwatch watch --feeds feeds.txt --every 10m --db events.duckdb
    """
    from dyadwatch.alerts.watch import WatchOptions, run_watch

    try:
        opts = WatchOptions.from_cli(feeds=feeds, every=every, once=once, db=db,
                                     alerts_db=alerts_db, allow_private=allow_private,
                                     host_interval=host_interval,
                                     dictionaries=tuple(dictionaries), config=config)
        sys.exit(run_watch(opts, echo=lambda line: click.echo(line, err=True)))
    except DyadwatchError as exc:
        fail(str(exc))


# --- spark commands ---


@main.group("spark")
def spark_group() -> None:
    """Code archives on Apache Spark (pip install 'dyadwatch[spark]'; needs Java 17)."""


@spark_group.command("code")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", required=True, metavar="DIR",
              help="Output folder (any Spark filesystem: /data/events, s3a://bucket/events).")
@click.option("--format", "fmt", type=click.Choice(["parquet", "gdelt"]), default="parquet",
              show_default=True, help="Flat Parquet columns, or GDELT 2.0 event TSV.")
@click.option("--master", default=None, help="Spark master, e.g. local[2] (default: from "
              "spark-submit, else local[*]).")
@click.option("--input-format", type=click.Choice(["jsonl", "parquet", "warc"]), default=None,
              help="Input format (default: from each file name).")
@click.option("--date", default=None, metavar="YYYY-MM-DD",
              help="Publication date for articles that carry none.")
@click.option("--dictionary", "dictionaries", multiple=True, type=click.Path(exists=True),
              help="Extra actor/verb dictionary, shipped to every executor. Repeatable.")
@click.option("--files-per-unit", default=64, show_default=True, type=click.IntRange(1),
              help="Input files coded and committed together (the unit of resuming).")
def spark_code_cmd(inputs, output, fmt, master, input_format, date, dictionaries,
                   files_per_unit) -> None:
    """Code JSON Lines (.jsonl, .jsonl.gz), Parquet or WARC files into OUTPUT/date=.../.

    INPUT is a file, a folder or a glob on any filesystem Spark reads. Run it again
    after a failure: units already written are skipped.

    \b
    dyadwatch spark code news/*.jsonl.gz -o events/ --master local[2]
    spark-submit job.py spark code s3a://bucket/news/ -o s3a://bucket/events/

    (job.py: `from dyadwatch.cli import main; main()`; see docs/spark.md)

    Exit status: 0 all inputs coded, 1 some failed (one line each on stderr), 2 usage error.
    """
    try:
        from dyadwatch.spark import run_job

        report = run_job(list(inputs), output, fmt, master=master, input_format=input_format,
                         date=date, dictionaries=dictionaries, files_per_unit=files_per_unit)
    except DyadwatchError as exc:
        fail(str(exc))
    for line in report.problems:
        click.echo(line, err=True)
    click.echo(report.summary(), err=True)
    sys.exit(1 if report.failures else 0)


if __name__ == "__main__":
    main()
