"""User strings -> checked filters -> SQL with placeholders (no database needed)."""

from __future__ import annotations

import pytest

from dyadwatch.errors import FilterError
from dyadwatch.store.base import EventFilter
from dyadwatch.store.filters import parse_filter, where_clause


def test_strings_from_a_command_line_become_a_checked_filter():
    flt = parse_filter(dyad="mex-usa", plover="REJECT, threaten", quad_class="3,4",
                       since="2025-01-01", goldstein_max="-2.5", modality="Asserted", text="")
    assert flt.dyad == ("MEX", "USA")
    assert flt.plover == ["REJECT", "THREATEN"]
    assert flt.quad_class == [3, 4]
    assert (flt.since, flt.goldstein_max, flt.modality, flt.text) == \
        ("2025-01-01", -2.5, ["asserted"], None)


def test_an_unknown_filter_name_lists_the_known_ones():
    with pytest.raises(FilterError, match="E040 unknown filter 'dyads': choose from actor"):
        parse_filter(dyads="MEX-USA")


def test_values_travel_as_parameters_never_as_sql_text():
    where, params = where_clause(EventFilter(actor="USA", source="MEXZ", article_id="a1",
                                             text="'; DROP TABLE mentions; --"))
    assert "DROP" not in where and "MEX" not in where and "USA" not in where
    assert "a1" not in where
    # either column: a prefix LIKE; one column: a byte range, MEXZ <= code < MEX[ (the next
    # byte after Z), which both databases push into the scan
    assert params[:4] == ["USA%", "USA%", "MEXZ", "MEX["]
    assert "'; drop table mentions; --" in params and "a1" in params


def test_thresholds_on_aggregated_events_filter_mentions_too():
    where, params = where_clause(EventFilter(source="MEX", min_mentions=2))
    assert "GROUP BY" in where and "HAVING count(*) >= ?" in where
    assert params == ["MEX", "MEY", "MEX", "MEY", 2]
