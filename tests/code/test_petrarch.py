"""PETRARCH/TABARI-format dictionaries a user owns load with --dictionary and change coding."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

import dyadwatch
from dyadwatch.code import petrarch
from dyadwatch.code.actors import pick
from dyadwatch.code.dictionary import PhraseIndex, load_actor_dictionary
from dyadwatch.code.verbs import load_verb_matcher

ACTORS = """\
# A small actor dictionary in the PETRARCH format
ZORBLAT_QUINTANA_  [MEXGOV]  # a made-up minister
+MINISTER_QUINTANA
NORTHWIND_FEDERATION_ [IGONWF]
+NWF
VELTRANO_ARCOS_
+GENERAL_ARCOS
\t[MEXMIL 180101-201231]
\t[MEXELI >210101]
DELMARCO_  [COLGOV]
\t[COLOPP <150630]
ORPHAN_NO_CODE_
\t[MEXGOV 2004017-050101]
"""

AGENTS = """\
<!-- a small agents dictionary -->
!PERSON! = MAN, MEN, WOMAN, WOMEN
PATROL!PERSON! [~COP]
SMUGGLING_RING [~CRM]
CONSTABULARY {} [~COP]
SHERIFF_DEPUTY {SHERIFF_DEPUTIES} [~COP]
RIGHTS_WATCHDOG [NGO~]
NO_CODE_HERE
"""

VERBS = """\
####### SYNONYM SETS #######
&AID_
+HELP
+ASSISTANCE
+FOOD_AID

####### VERB PATTERNS #######
---  CRITICIZE   [111]  ---
LAMBAST
EXCORIATE {EXCORIATES EXCORIATED}
- * (FOR &AID) [111]
- &MILITARY * [112]

---  PLEAD   [---]  ---
BESEECH
- * (FOR &AID) [023:023]
- * COURT [---]
- * (TO BORDER) [9999]
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def entries_for(index: PhraseIndex, text: str) -> list[tuple]:
    words = text.split()
    return [(" ".join(words[m.start:m.end]), m.entries) for m in index.match(words)]


def test_files_are_recognised_by_their_syntax(tmp_path):
    assert petrarch.kind(write(tmp_path, "a.actors", ACTORS)) == "actors"
    assert petrarch.kind(write(tmp_path, "b.agents", AGENTS)) == "agents"
    assert petrarch.kind(write(tmp_path, "c.verbs", VERBS)) == "verbs"
    assert petrarch.kind(write(tmp_path, "d.tsv", "code\tname\nMEXGOV\tX\n")) is None
    assert not petrarch.is_petrarch(tmp_path / "absent.txt")


def test_actor_records_keep_synonyms_and_dated_codes(tmp_path, caplog):
    index = PhraseIndex()
    with caplog.at_level(logging.WARNING):
        added = petrarch.load_actors(index, write(tmp_path, "a.actors", ACTORS))
    index.finalize()
    assert added == 7
    [(phrase, found)] = entries_for(index, "Minister Quintana said")
    assert phrase == "Minister Quintana" and found[0].code == "MEXGOV"
    assert entries_for(index, "the NWF said")[0][1][0].code == "IGONWF"
    assert entries_for(index, "the nwf said") == []  # short phrases keep their capitals
    arcos = entries_for(index, "General Arcos said")[0][1]
    assert pick(arcos, "2019-05-01").code == "MEXMIL"
    assert pick(arcos, "2023-05-01").code == "MEXELI"
    assert (pick(arcos, "2019-05-01").valid_from, pick(arcos, "2019-05-01").valid_until) == (
        "2018-01-01", "2020-12-31")
    delmarco = entries_for(index, "Delmarco said")[0][1]
    assert pick(delmarco, "2010-01-01").code == "COLOPP"
    assert pick(delmarco, "2020-01-01").code == "COLGOV"  # the primary code is the default
    # The malformed date is skipped with one warning naming the file and line; the rest loads.
    assert "a.actors:13: '2004017' is not a YYMMDD or YYYYMMDD date" in caplog.text


def test_agents_expand_substitutions_and_plurals(tmp_path):
    index = PhraseIndex()
    petrarch.load_actors(index, write(tmp_path, "b.agents", AGENTS))
    index.finalize()
    role = {p: e[0].roles for p, e in entries_for(
        index, "patrolmen patrolwoman smuggling rings constabulary constabularys sheriff deputies "
               "rights watchdogs")}
    assert role == {"patrolmen": ("COP",), "patrolwoman": ("COP",), "smuggling rings": ("CRM",),
                    "constabulary": ("COP",), "sheriff deputies": ("COP",),
                    "rights watchdogs": ("NGO",)}


def test_verb_blocks_become_patterns(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        patterns = petrarch.load_verbs(write(tmp_path, "c.verbs", VERBS))
    got = {(p.trigger, p.cameo, p.particle, tuple(sorted(p.objects))) for p in patterns}
    assert ("lambast", "111", None, ()) in got  # the block's code for the bare verb
    assert ("excoriate", "111", "for", ("aid", "assistance", "help")) in got
    assert ("beseech", "023", "for", ("aid", "assistance", "help")) in got
    assert not any(p.trigger == "beseech" and not p.objects for p in patterns)  # null code
    assert not any(p.cameo == "112" for p in patterns)  # a subject constraint: not expressible
    assert all(p.rule.startswith("c.verbs:") for p in patterns)
    assert "not a CAMEO code" in caplog.text
    assert petrarch.load_verbs(write(tmp_path, "a.actors", ACTORS)) == []


def test_petrarch_actor_file_changes_coding(tmp_path):
    text = "Zorblat Quintana praised Canada on Tuesday."
    assert dyadwatch.code_text(text, date="2024-05-01") == []
    path = write(tmp_path, "mine.actors", ACTORS)
    events = dyadwatch.code_text(text, date="2024-05-01", dictionaries=[str(path)])
    assert [(e.source.code, e.target.code) for e in events] == [("MEXGOV", "CANGOV")]


def test_petrarch_verb_file_changes_coding(tmp_path):
    text = "Mexico lambasted Canada over the tariffs."
    assert dyadwatch.code_text(text, date="2025-03-01") == []
    path = write(tmp_path, "mine.verbs", VERBS)
    events = dyadwatch.code_text(text, date="2025-03-01", dictionaries=[str(path)])
    assert [(e.source.code, e.target.code, e.cameo) for e in events] == [
        ("MEXGOV", "CANGOV", "111")]
    assert "mine.verbs:" in events[0].evidence.rule


# --- the PETRARCH2 dictionaries themselves (third-party, read from the shared folder) ------


@pytest.fixture(scope="module")
def reference(shared_dir: Path) -> Path:
    path = shared_dir / "reference" / "petrarch-dictionaries"
    if not path.is_dir():
        pytest.skip(f"{path} is not present")
    return path


def test_petrarch2_actor_and_agent_files_load(reference):
    files = tuple(str(reference / f) for f in (
        "Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt", "Phoenix.agents.txt"))
    dictionary = load_actor_dictionary(files)
    words = ["Andres", "Manuel", "Lopez", "Obrador", "met", "the", "Fatah", "Revolutionary", "Council"]
    found = {" ".join(words[m.start:m.end]): m.entries for m in dictionary.index.match(words)}
    # Their entry for him ends in 2005 (his years as mayor): it holds then, ours after.
    assert pick(found["Andres Manuel Lopez Obrador"], "2004-06-01").code == "MEXGOV"
    assert pick(found["Andres Manuel Lopez Obrador"], "2025-06-01").code == "MEXELI"
    assert pick(found["Fatah Revolutionary Council"], None).code == "IMGMUSALQ"


def test_petrarch2_verb_dictionary_loads(reference):
    matcher = load_verb_matcher((str(reference / "CAMEO.2.0.txt"),))
    appeal = matcher.by_trigger[("implore", "V")]
    assert any(p.cameo == "0233" and p.particle == "for" for p in appeal)
    assert sum(len(v) for v in matcher.by_trigger.values()) > 20000
