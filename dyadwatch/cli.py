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
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr.")
def eval_cmd(gold, by, errors, ngec, sample, workers, dictionaries, as_json, progress) -> None:
    """Measure coding accuracy against labelled data.

    GOLD is a JSON Lines file, one item a line:
    {"id", "text", "date"?, "events": [{"source", "target", "cameo", "plover"}]}
    (an empty events list means nothing should be coded). Definitions of every
    figure: docs/eval.md.

    \b
    dyadwatch eval eval/dev.jsonl
    dyadwatch eval eval/dev.jsonl --by root --errors 20
    dyadwatch eval --ngec ../shared/data/ngec-synthetic/synthetic-events.csv --sample 500
    """
    from dyadwatch.evaluate import eval_output

    try:
        click.echo(eval_output(gold, ngec=ngec, by=by, errors=errors, sample=sample,
                               workers=workers, dictionaries=dictionaries, as_json=as_json,
                               progress=_progress_wanted(progress)))
    except DyadwatchError as exc:
        fail(str(exc))


# --- store commands ---


# --- ingest commands ---


# --- web commands ---


# --- alerts commands ---


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
