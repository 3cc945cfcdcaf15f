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


# --- store commands ---


# --- ingest commands ---


# --- web commands ---


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
@click.option("--config", default=None, help="Alert settings file (TOML).")
@_alert_options
def subscribe_add(name, dyad, either_direction, actors, source, target, country, role, plover,
                  cameo, cameo_root, quad_class, goldstein_max, goldstein_min, modality,
                  min_mentions, min_sources, spike, email, webhook, webhook_secret, instant,
                  digest, config, db, alerts_db) -> None:
    """Add a subscription (fields combine with AND; listed values with OR)."""
    from dyadwatch.alerts import create_subscription, load_settings
    from dyadwatch.alerts.api import format_subscription
    from dyadwatch.alerts.api import split_values as sv

    if instant and digest:
        fail("choose --instant or --digest, not both")
    try:
        sub = create_subscription(
            _alerts(db, alerts_db), load_settings(config), name=name, dyad=dyad,
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


if __name__ == "__main__":
    main()
