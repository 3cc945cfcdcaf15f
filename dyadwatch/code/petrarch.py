"""Loading PETRARCH/TABARI-format dictionaries a user already owns (placeholder sniffing)."""

from __future__ import annotations

from pathlib import Path


def is_petrarch(path: Path) -> bool:
    """True when the file looks like a PETRARCH/TABARI dictionary (`PHRASE_ [CODE]` lines)."""
    return path.suffix.lower() == ".txt"


def load_actors(index, path: Path) -> None:  # pragma: no cover - replaced by the full loader
    raise NotImplementedError("PETRARCH dictionaries are not supported yet")
