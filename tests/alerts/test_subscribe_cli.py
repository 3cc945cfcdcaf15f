"""The subscribe and outbox commands as a user types them, and the settings they read."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from dyadwatch.alerts import AlertDB, Alerter
from dyadwatch.alerts.config import ConfigError, alerts_db_path, load_settings
from dyadwatch.cli import main


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DYADWATCH_DB", raising=False)
    monkeypatch.delenv("DYADWATCH_ALERTS_DB", raising=False)
    monkeypatch.delenv("DYADWATCH_CONFIG", raising=False)

    def invoke(*args: str):
        return CliRunner().invoke(main, [*args, "--db", str(tmp_path / "ev.duckdb")])

    return invoke


def _smtp_config(tmp_path, smtp_server):
    """A settings file pointing at the loopback SMTP server."""
    cfg = tmp_path / "alerts.toml"
    s = smtp_server.settings()
    cfg.write_text(f'[smtp]\nhost = "127.0.0.1"\nport = {s.port}\nuser = "{s.user}"\n'
                   f'password = "{s.password}"\nca_file = "{s.ca_file}"\n')
    return cfg


def test_add_list_pause_resume_remove(run, tmp_path):
    r = run("subscribe", "add", "--name", "mex-usa-conflict", "--dyad", "MEX-USA",
            "--either-direction", "--plover", "REJECT,THREATEN,COERCE,MOBILIZE",
            "--email", "analyst@example.org", "--instant")
    assert r.exit_code == 0, r.output
    assert "dyad=MEX-USA plover=REJECT,THREATEN,COERCE,MOBILIZE either-direction" in r.output
    r = run("subscribe", "add", "--name", "weekly", "--country", "MEX", "--digest", "weekly",
            "--webhook", "https://93.184.216.34/hook")
    assert r.exit_code == 0 and "webhook secret" in r.output
    assert run("subscribe", "pause", "weekly").output == "paused weekly\n"
    lines = run("subscribe", "list").output.splitlines()
    assert [line.split("\t")[:3] for line in lines] == [
        ["mex-usa-conflict", "active", "instant"], ["weekly", "paused", "weekly"]]
    assert run("subscribe", "resume", "weekly").output == "resumed weekly\n"
    assert run("subscribe", "remove", "weekly").output == "removed weekly\n"
    assert len(run("subscribe", "list").output.splitlines()) == 1
    assert (tmp_path / "ev.duckdb.alerts.sqlite").exists()


@pytest.mark.parametrize("args, message", [
    (["--plover", "REJEKT", "--email", "a@example.org"], "E060 subscription plover 'REJEKT'"),
    (["--dyad", "MEX", "--email", "a@example.org"], "E060 subscription dyad 'MEX'"),
    (["--quad-class", "7", "--email", "a@example.org"], "E060 subscription quad_class '7'"),
    (["--country", "MEX"], "E060 subscription delivery"),
    (["--country", "MEX", "--webhook", "http://169.254.169.254/x"], "E050 refused"),
    (["--country", "MEX", "--email", "a@example.org", "--instant", "--digest", "daily"],
     "--instant or --digest"),
])
def test_bad_subscriptions_get_one_clear_line(run, args, message):
    r = run("subscribe", "add", "--name", "x", *args)
    assert r.exit_code == 2
    assert message in r.output
    assert run("subscribe", "list").output == ""


def test_unknown_name_and_unsubscribe_token(run, tmp_path):
    r = run("subscribe", "pause", "nope")
    assert r.exit_code == 2 and "E062 no subscription named 'nope'" in r.output
    run("subscribe", "add", "--name", "a", "--country", "MEX", "--email", "a@example.org")
    token = AlertDB(tmp_path / "ev.duckdb.alerts.sqlite").get_subscription("a").token
    assert run("subscribe", "unsubscribe", token).output == "unsubscribed a\n"
    assert run("subscribe", "unsubscribe", token).exit_code == 2


def test_outbox_list_and_replay(run, tmp_path, hook_server, make_event, loopback_settings):
    path = tmp_path / "ev.duckdb.alerts.sqlite"
    (tmp_path / "dyadwatch.toml").write_text("[alerts]\nallow_private = true\nmax_attempts = 1\n")
    run("subscribe", "add", "--name", "h", "--country", "MEX", "--webhook", hook_server.url,
        "--webhook-secret", "hook-secret")
    db = AlertDB(path)
    hook_server.stop()
    Alerter(db, loopback_settings(max_attempts=1)).process([make_event(1)])
    Alerter(db, loopback_settings(max_attempts=1)).deliver_due()
    dead = run("outbox", "list", "--status", "dead").output.splitlines()
    assert len(dead) == 1 and "\tdead\th\twebhook:" in dead[0] and "ConnectError" in dead[0]
    hook_server.start()
    r = run("outbox", "replay")
    assert r.exit_code == 0 and r.output == "replayed 1: 1 sent, 0 to retry, 0 dead\n"
    assert len(hook_server.accepted()) == 1 and hook_server.accepted()[0]["valid"]


def test_test_command_sends_a_sample_when_the_store_is_empty(run, tmp_path, smtp_server):
    cfg = _smtp_config(tmp_path, smtp_server)
    run("subscribe", "add", "--name", "a", "--country", "MEX", "--email", "a@example.org")
    r = run("subscribe", "test", "a", "--config", str(cfg))
    assert r.exit_code == 0, r.output
    assert "\tsent\ta\temail:a@example.org\ttest" in r.output
    (_, msg), = smtp_server.inbox.messages
    assert "(test notice)" in msg.get_body(("plain",)).get_content()


def test_settings_file_then_environment(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[smtp]\nhost = "mail.example.org"\nport = 2525\nstarttls = false\n'
                   '[alerts]\nmax_attempts = 4\npublic_url = "https://dw.example.org"\n')
    s = load_settings(str(cfg), env={"DYADWATCH_SMTP_PASSWORD": "from-env",
                                     "DYADWATCH_SMTP_PORT": "587", "DYADWATCH_MAX_ATTEMPTS": "6"})
    assert (s.smtp.host, s.smtp.port, s.smtp.starttls, s.smtp.password) == (
        "mail.example.org", 587, False, "from-env")
    assert (s.max_attempts, s.public_url) == (6, "https://dw.example.org")


@pytest.mark.parametrize("text, message", [
    ("[smtp]\nport = 'many'\n", "E071"),
    ("[smtp]\nhots = 'x'\n", "E072 unknown setting 'hots'"),
    ("[smtp\n", "E073"),
])
def test_bad_settings_are_named(tmp_path, text, message):
    cfg = tmp_path / "c.toml"
    cfg.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_settings(str(cfg), env={})
    with pytest.raises(ConfigError, match="E070"):
        load_settings(str(tmp_path / "missing.toml"), env={})


def test_alert_state_lives_beside_the_store(monkeypatch):
    monkeypatch.delenv("DYADWATCH_ALERTS_DB", raising=False)
    assert alerts_db_path("/data/ev.duckdb") == "/data/ev.duckdb.alerts.sqlite"
    assert alerts_db_path("postgresql://u@h/db") == "dyadwatch-alerts.sqlite"
    assert alerts_db_path("/data/ev.duckdb", "/x/a.sqlite") == "/x/a.sqlite"


def test_a_failed_test_notice_is_not_retried_later(run, tmp_path, smtp_server):
    cfg = tmp_path / "alerts.toml"
    cfg.write_text(f'[smtp]\nhost = "127.0.0.1"\nport = {smtp_server.port}\ntimeout = 2\n')
    smtp_server.stop()
    run("subscribe", "add", "--name", "a", "--country", "MEX", "--email", "a@example.org")
    r = run("subscribe", "test", "a", "--config", str(cfg))
    assert r.exit_code == 1 and "\tdead\ta\temail:a@example.org\ttest" in r.output
    assert run("outbox", "list", "--status", "pending").output == ""


def test_test_command_uses_the_newest_stored_match(run, tmp_path, smtp_server, make_event):
    from dyadwatch.model import Article
    from dyadwatch.store import open_store

    store = open_store(str(tmp_path / "ev.duckdb"))
    event = make_event(7, sentence="Mexico rejected the tariff plan of the United States.")
    store.put(Article(id=event.article_id, text=event.sentence, url=event.url), [event])
    store.close()
    cfg = _smtp_config(tmp_path, smtp_server)
    run("subscribe", "add", "--name", "a", "--dyad", "MEX-USA", "--email", "a@example.org")
    assert run("subscribe", "test", "a", "--config", str(cfg)).exit_code == 0
    (_, msg), = smtp_server.inbox.messages
    assert "Mexico rejected the tariff plan of the United States." in msg.get_body(
        ("plain",)).get_content()
