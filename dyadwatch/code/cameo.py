"""The CAMEO event table: code -> root, Goldstein, QuadClass, PLOVER type/mode/context."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dyadwatch.code.dictionary import read_tsv

TABLE = Path(__file__).resolve().parent.parent / "data" / "cameo.tsv"


@dataclass(frozen=True)
class CameoCode:
    code: str
    root: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None
    plover_context: str | None


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoCode]:
    """All CAMEO codes; a blank PLOVER field inherits from the nearest shorter code."""
    cols = ("cameo", "root", "goldstein", "quad_class", "plover_type", "plover_mode",
            "plover_context", "name")
    table: dict[str, CameoCode] = {}
    for _, row in read_tsv(TABLE, cols, ("cameo", "root", "goldstein", "quad_class")):
        code = row["cameo"]
        parent = table.get(code[:-1]) if len(code) > 2 else None
        ptype = row["plover_type"] or (parent.plover_type if parent else None)
        table[code] = CameoCode(
            code=code,
            root=row["root"],
            name=row["name"],
            goldstein=float(row["goldstein"]),
            quad_class=int(row["quad_class"]),
            plover_type=ptype or None,
            plover_mode=row["plover_mode"] or (parent.plover_mode if parent and ptype == parent.plover_type else None),
            plover_context=row["plover_context"] or (parent.plover_context if parent else None),
        )
    return table


def lookup(code: str) -> CameoCode:
    """The entry for `code`; an unknown code is a KeyError naming it."""
    try:
        return cameo_table()[code]
    except KeyError:
        raise KeyError(f"E015 unknown CAMEO code '{code}'") from None
