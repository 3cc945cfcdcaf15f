"""The Arrow schemas the Spark job passes between JVM and Python, and the row forms.

The events schema is derived from the data model's type hints, so a field added to
`Actor`, `Place` or `Event` reaches Spark without an edit here.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import types
import typing
from collections.abc import Callable
from typing import Any

import pyarrow as pa

from dyadwatch.export import flat_row, gdelt_row, parquet_schema
from dyadwatch.model import Event

_SCALARS = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}


def _arrow_type(hint: Any) -> pa.DataType:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
        return _arrow_type(inner)
    if typing.get_origin(hint) is list:
        return pa.list_(_arrow_type(typing.get_args(hint)[0]))
    if dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        return pa.struct([(f.name, _arrow_type(hints[f.name])) for f in dataclasses.fields(hint)])
    return _SCALARS[hint]


def event_arrow_schema() -> pa.Schema:
    """The nested events schema: the keys and types of `Event.to_dict`."""
    hints = typing.get_type_hints(Event)
    fields: list[tuple[str, pa.DataType]] = []
    for f in dataclasses.fields(Event):
        if f.name == "plover_type":
            plover = pa.struct([(k, pa.string()) for k in ("type", "mode", "context")])
            fields.append(("plover", plover))
        elif not f.name.startswith("plover_"):
            fields.append((f.name, _arrow_type(hints[f.name])))
    return pa.schema(fields)


EVENT_SCHEMA = event_arrow_schema()
FLAT_SCHEMA = parquet_schema()
GDELT_SCHEMA = pa.schema([("date", pa.string()), ("value", pa.string())])
ARTICLE_SCHEMA = pa.schema([(c, pa.string()) for c in (
    "id", "text", "url", "source", "title", "published", "language")])


def spark_schema(schema: pa.Schema):  # -> pyspark.sql.types.StructType
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(schema)


def gdelt_line(e: Event) -> str:
    """The line `dyadwatch code --format gdelt` writes for this event (same csv dialect)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter="\t", lineterminator="", quoting=csv.QUOTE_NONE,
                        escapechar="\\")
    writer.writerow([c.replace("\t", " ").replace("\n", " ") for c in gdelt_row(e)])
    return buf.getvalue()


def _gdelt_record(e: Event) -> dict[str, Any]:
    return {"date": e.date, "value": gdelt_line(e)}


# An event as a row: nested (the JSON Lines record), flat (Parquet) or a GDELT line.
FORMS: dict[str, tuple[pa.Schema, Callable[[Event], dict[str, Any]]]] = {
    "nested": (EVENT_SCHEMA, Event.to_dict),
    "parquet": (FLAT_SCHEMA, flat_row),
    "gdelt": (GDELT_SCHEMA, _gdelt_record),
}
