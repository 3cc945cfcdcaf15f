"""Alert settings: SMTP server, public URL for unsubscribe links, retries, webhook safety.

Read from a TOML file (`--config`, else $DYADWATCH_CONFIG, else ./dyadwatch.toml, else
~/.config/dyadwatch/config.toml), then overridden by environment variables, so secrets
such as the SMTP password can stay out of files:

    [smtp]                      # env: DYADWATCH_SMTP_HOST, _PORT, _USER, _PASSWORD, ...
    host = "smtp.example.org"
    port = 587
    user = "alerts@example.org"
    password = "..."
    sender = "dyadwatch <alerts@example.org>"
    starttls = true             # upgrade the connection before logging in
    ssl = false                 # implicit TLS (port 465) instead of STARTTLS
    ca_file = ""                # extra CA bundle for a private mail server

    [alerts]                    # env: DYADWATCH_PUBLIC_URL, DYADWATCH_ALERTS_DB, ...
    public_url = "https://dyadwatch.example.org"
    max_attempts = 8
    retry_seconds = 30
    webhook_timeout = 10
    allow_private = false       # let webhooks reach private/loopback addresses
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from dyadwatch.errors import DyadwatchError

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]


class ConfigError(DyadwatchError):
    """The alert configuration cannot be read (E070-E079)."""


@dataclass
class SMTPSettings:
    host: str = "localhost"
    port: int = 587
    user: str | None = None
    password: str | None = None
    sender: str = "dyadwatch <dyadwatch@localhost>"
    starttls: bool = True
    ssl: bool = False
    ca_file: str | None = None
    timeout: float = 30.0


@dataclass
class AlertSettings:
    smtp: SMTPSettings = field(default_factory=SMTPSettings)
    public_url: str | None = None
    max_attempts: int = 8
    retry_seconds: float = 30.0
    webhook_timeout: float = 10.0
    allow_private: bool = False


def _coerce(kind: Any, value: Any, name: str) -> Any:
    text = str(value).strip()
    try:
        if kind in (bool, "bool"):
            if text.lower() in ("1", "true", "yes", "on"):
                return True
            if text.lower() in ("0", "false", "no", "off", ""):
                return False
            raise ValueError(text)
        if kind in (int, "int"):
            return int(text)
        if kind in (float, "float"):
            return float(text)
    except ValueError:
        raise ConfigError(f"E071 setting {name} = '{value}' is not a valid {kind}") from None
    return None if text == "" else text


def _apply(target: Any, values: dict[str, Any], where: str) -> None:
    types = {f.name: f.type for f in fields(target)}
    for key, value in values.items():
        if key not in types or key == "smtp":
            raise ConfigError(f"E072 unknown setting '{key}' in {where}: expected one of "
                              + ", ".join(k for k in types if k != "smtp"))
        kind = str(types[key]).split(" ")[0].replace("'", "")
        setattr(target, key, _coerce(kind, value, f"{where}.{key}"))


def _config_file(explicit: str | None) -> Path | None:
    for candidate in (explicit, os.environ.get("DYADWATCH_CONFIG"), "dyadwatch.toml",
                      Path.home() / ".config" / "dyadwatch" / "config.toml"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
        if candidate and candidate in (explicit, os.environ.get("DYADWATCH_CONFIG")):
            raise ConfigError(f"E070 config file '{candidate}' does not exist")
    return None


def load_settings(path: str | None = None, env: dict[str, str] | None = None) -> AlertSettings:
    """Settings from the config file, then the environment (which wins)."""
    env = dict(os.environ if env is None else env)
    settings = AlertSettings()
    file = _config_file(path)
    if file:
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"E073 config file '{file}' is not valid TOML: {exc}") from None
        _apply(settings.smtp, data.get("smtp", {}), f"{file}: [smtp]")
        _apply(settings, data.get("alerts", {}), f"{file}: [alerts]")
    smtp_env = {f.name: env[f"DYADWATCH_SMTP_{f.name.upper()}"] for f in fields(SMTPSettings)
                if f"DYADWATCH_SMTP_{f.name.upper()}" in env}
    _apply(settings.smtp, smtp_env, "environment DYADWATCH_SMTP_*")
    alert_env = {f.name: env[f"DYADWATCH_{f.name.upper()}"] for f in fields(AlertSettings)
                 if f.name != "smtp" and f"DYADWATCH_{f.name.upper()}" in env}
    _apply(settings, alert_env, "environment DYADWATCH_*")
    return settings


def alerts_db_path(store_url: str | None, explicit: str | None = None) -> str:
    """Where the alert state lives: explicit, else $DYADWATCH_ALERTS_DB, else beside a
    DuckDB store (`events.duckdb` -> `events.duckdb.alerts.sqlite`), else in the current
    folder for a PostgreSQL store."""
    from dyadwatch.store import DEFAULT_DB

    if explicit or os.environ.get("DYADWATCH_ALERTS_DB"):
        return str(explicit or os.environ["DYADWATCH_ALERTS_DB"])
    url = store_url or os.environ.get("DYADWATCH_DB") or DEFAULT_DB
    if url.startswith(("postgresql://", "postgres://")):
        return "dyadwatch-alerts.sqlite"
    return f"{url}.alerts.sqlite"
