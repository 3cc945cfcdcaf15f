"""The packaged actor dictionaries: they load, validate, and mean what a reader expects."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pycountry
import pytest

from dyadwatch.analyze import tokenize_phrase
from dyadwatch.code.actors import pick
from dyadwatch.code.dictionary import (
    DATA,
    PhraseIndex,
    load_actor_dictionary,
    load_actors,
    load_agents,
    load_countries,
    load_user_file,
    read_tsv,
)
from dyadwatch.errors import DictionaryError

G20_AND_MEXICO = ["ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN",
                  "KOR", "MEX", "RUS", "SAU", "ZAF", "TUR", "GBR", "USA"]


@pytest.fixture(scope="module")
def packaged():
    return load_actor_dictionary()


def codes(dictionary, text: str, date: str | None = "2025-03-01") -> list[tuple[str, str]]:
    """(matched phrase, code on `date`) for each dictionary match in `text`."""
    words = [w for w in tokenize_sentence(text)]
    out = []
    for m in dictionary.index.match(words):
        entry = pick(m.entries, date)
        if entry.kind == "region":
            continue
        code = entry.code if entry.kind != "country" else entry.code + "GOV"
        out.append((" ".join(words[m.start:m.end]), code))
    return out


def tokenize_sentence(text: str) -> list[str]:
    return list(tokenize_phrase(text))


def test_every_packaged_file_loads_and_validates(packaged):
    for name in ("countries", "agents", "organizations", "people", "regions"):
        rows = read_tsv(DATA / f"{name}.tsv", (), ())
        assert rows, f"{name}.tsv has no rows"


@pytest.mark.parametrize("name", ["organizations", "people"])
def test_every_named_row_is_found_by_its_name(packaged, name):
    for lineno, row in read_tsv(DATA / f"{name}.tsv", (), ("code", "name")):
        words = tokenize_sentence(row["name"])
        found = packaged.index.match(words)
        assert found and found[0].end - found[0].start == len(words), (lineno, row["name"])
        assert any(e.code == row["code"] and (e.valid_from or "") == row["from"]
                   for e in found[0].entries), f"{name}.tsv:{lineno} {row['name']} is shadowed"


def test_every_iso_country_is_known_by_its_name(packaged):
    for c in pycountry.countries:
        name = packaged.country_names[c.alpha_3]
        found = codes(packaged, f"{name} said")
        assert found and found[0][1].startswith(c.alpha_3), (c.alpha_3, name, found)


def test_g20_countries_have_demonyms_and_metonyms():
    rows = {row["iso3"]: row for _, row in read_tsv(DATA / "countries.tsv", (), ("iso3",))}
    for iso3 in G20_AND_MEXICO:
        assert rows[iso3]["adjectives"], f"{iso3} has no adjective"
        assert rows[iso3]["metonyms"], f"{iso3} has no metonym"


@pytest.mark.parametrize("text, expected", [
    ("the Kremlin said", "RUSGOV"),
    ("the Pentagon said", "USAMIL"),
    ("the White House said", "USAGOV"),
    ("Downing Street said", "GBRGOV"),
    ("the Elysee said", "FRAGOV"),
    ("Zhongnanhai said", "CHNGOV"),
    ("Foggy Bottom said", "USAGOV"),
    ("Whitehall said", "GBRGOV"),
    ("the Quai d'Orsay said", "FRAGOV"),
    ("Palacio Nacional said", "MEXGOV"),
    ("Los Pinos said", "MEXGOV"),
    ("Washington said", "USAGOV"),
    ("Emirati officials", "ARE"),
    ("U.S. officials", "USAGOV"),
    ("Mexican troops", "MEX"),
])
def test_metonyms_and_adjectives_name_the_country(packaged, text, expected):
    assert codes(packaged, text)[0][1] == expected


@pytest.mark.parametrize("text, expected", [
    ("NATO", "IGONAT"), ("the United Nations", "IGOUNO"), ("the IMF", "IGOIMF"),
    ("the African Union", "IGOAFU"), ("ASEAN", "IGOASN"), ("the Arab League", "IGOARL"),
    ("the GCC", "IGOGCC"), ("OPEC", "IGOOPC"), ("the WHO", "IGOUNOHLH"), ("the IAEA", "IGOIAEA"),
    ("the ICC", "IGOICC"), ("the ICJ", "IGOUNOJUD"), ("Mercosur", "IGOMER"), ("the G20", "IGOGTW"),
    ("Brussels", "IGOEUR"), ("the Sinaloa cartel", "MEXCRM"), ("CJNG", "MEXCRM"),
    ("Los Zetas", "MEXCRM"), ("Hamas", "PSEREB"), ("Hezbollah", "LBNREB"), ("the Houthis", "YEMREB"),
    ("al-Shabaab", "SOMREB"), ("the ELN", "COLREB"), ("ISIS", "IMGMUSREB"),
    ("Sedena", "MEXMIL"), ("the Bundestag", "DEULEG"), ("the People's Liberation Army", "CHNMIL"),
])
def test_organisations_have_their_cameo_codes(packaged, text, expected):
    found = codes(packaged, text)
    assert found and found[-1][1] == expected, found


@pytest.mark.parametrize("date, expected", [
    ("2019-06-01", "USAGOV"), ("2022-06-01", "USAELI"), ("2025-06-01", "USAGOV"),
])
def test_a_name_maps_to_the_role_held_on_the_article_date(packaged, date, expected):
    assert codes(packaged, "Trump said", date) == [("Trump", expected)]


def test_dated_codes_follow_office_changes(packaged):
    assert codes(packaged, "Lopez Obrador said", "2020-01-01")[0][1] == "MEXGOV"
    assert codes(packaged, "Lopez Obrador said", "2025-01-01")[0][1] == "MEXELI"
    assert codes(packaged, "the Taliban said", "2015-01-01")[0][1] == "AFGREB"
    assert codes(packaged, "the Taliban said", "2023-01-01")[0][1] == "AFGGOV"
    assert codes(packaged, "Morena said", "2016-01-01")[0][1] == "MEXOPP"
    assert codes(packaged, "Morena said", "2020-01-01")[0][1] == "MEXGOV"


def test_people_rows_do_not_overlap_for_one_person():
    by_name: dict[str, list[tuple[str, str, int]]] = {}
    for lineno, row in read_tsv(DATA / "people.tsv", (), ("code", "name")):
        if row["code"].startswith(("IGO", "NGO")) or row["country"] == "":
            continue
        key = row["name"] + "|" + row["country"]
        by_name.setdefault(key, []).append((row["from"] or "0000", row["until"] or "9999", lineno))
    for name, spans in by_name.items():
        spans.sort()
        for (_, end, line), (start, _, next_line) in pairwise(spans):
            assert end <= start, f"{name}: line {line} overlaps line {next_line}"


def test_case_keeps_common_words_out(packaged):
    assert codes(packaged, "they ate turkey from china") == []
    assert [c for _, c in codes(packaged, "Turkey and China")] == ["TURGOV", "CHNGOV"]
    assert codes(packaged, "tell us") == []
    assert codes(packaged, "the US said") == [("US", "USAGOV")]


def test_regions_shadow_country_words(packaged):
    assert codes(packaged, "New Mexico said") == []
    assert codes(packaged, "Latin American officials") == [("officials", "GOV")]
    assert codes(packaged, "American officials") == [("American", "USA"), ("officials", "GOV")]
    assert codes(packaged, "the Gulf of Mexico") == []


@pytest.mark.parametrize("text, role", [
    ("protesters", "CVL"), ("students", "CVL"), ("workers", "CVL"), ("the union", "LAB"), ("refugees", "REF"),
    ("migrants", "CVL"), ("journalists", "MED"), ("lawmakers", "LEG"), ("prosecutors", "JUD"),
    ("the coast guard", "MIL"), ("insurgents", "REB"), ("the cartel", "CRM"), ("police", "COP"),
    ("the ministry", "GOV"), ("troops", "MIL"), ("the navy", "MIL"), ("the senate", "LEG"),
    ("the gang", "CRM"), ("the company", "BUS"), ("the defense minister", "GOVMIL"),
    ("rights groups", "NGO"), ("the opposition party", "OPP"), ("the ruling party", "GOV"),
    ("an opposition lawmaker", "OPP"), ("a parliamentary delegation", "LEG"),
    ("the military government", "GOV"), ("the military junta", "GOV"), ("Kurds", "CVL"),
    ("Uyghurs", "CVL"),
])
def test_role_words(packaged, text, role):
    assert codes(packaged, text)[-1][1] == role


# --- validation: a bad row is an error naming the file and the line ---------------------


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("body, message", [
    ("code\tname\tphrases\tcountry\tfrom\tuntil\nMEXGOV\tX\tX\tMEX\t2020-13\t\n", "not a YYYY-MM-DD"),
    ("code\tname\tphrases\tcountry\tfrom\tuntil\nmexgov\tX\tX\tMEX\t\t\n", "three-letter"),
    ("code\tname\tphrases\tcountry\tfrom\tuntil\nMEXGOV\t\tX\tMEX\t\t\n", "'name' is empty"),
    ("code\tname\tphrases\tcountry\tfrom\tuntil\nMEXGOV\tX\tX\tMexico\t\t\n", "ISO 3166"),
    ("code\tname\tphrases\tcountry\tfrom\tuntil\nMEXGOV\tX\tX\tMEX\t2024-01-01\t2020-01-01\n",
     "after 'until'"),
    ("code\tname\tphrases\tcountry\tfrom\tuntil\nMEXGOV\tX\tX\tMEX\t\t\textra\tcells\n", "cells"),
])
def test_bad_actor_rows_name_file_and_line(tmp_path, body, message):
    path = write(tmp_path, "actors.tsv", "# a comment line\n" + body)
    with pytest.raises(DictionaryError) as err:
        load_actors(PhraseIndex(), path, "person")
    assert f"{path}:3" in str(err.value)
    assert message in str(err.value)


AGENTS = "phrases\troles\npolice\tCOP\n"
COUNTRIES = "iso3\tnames\tadjectives\tmetonyms\nMEX\tMexico\t\t\n"


@pytest.mark.parametrize("loader, body, message", [
    (load_agents, AGENTS + "militia\tREBELS\n", "3: role 'ELS'"),
    (load_agents, AGENTS + "gang|police\tCRM\n", "3: 'police' is already listed on line 2"),
    (load_agents, AGENTS + "militia\tXYZ\n", "3: role 'XYZ' is not a CAMEO role"),
    (load_countries, COUNTRIES + "MX\tM\t\t\n", "3: 'MX' is not an ISO"),
    (load_countries, COUNTRIES + "USA\t\t\tWhite House=GVO\n", "3: role 'GVO'"),
    (load_countries, COUNTRIES + "MEX\t\t\t\n", "3: MEX already has a row"),
])
def test_bad_rows_name_file_and_line(tmp_path, loader, body, message):
    path = write(tmp_path, "dictionary.tsv", body)
    with pytest.raises(DictionaryError) as err:
        loader(PhraseIndex(), path)
    assert f"{path}:{message}" in str(err.value)


def test_a_missing_column_names_the_header_line(tmp_path):
    path = write(tmp_path, "p.tsv", "# people\ncode\tphrases\nMEXGOV\tX\n")
    with pytest.raises(DictionaryError, match=rf"{path}:2: header lacks column\(s\) name"):
        load_actors(PhraseIndex(), path, "person")


# --- a user's own TSV files ------------------------------------------------------------


def test_a_users_people_file_wins_over_the_packaged_one(tmp_path):
    path = write(tmp_path, "mine.tsv", "code\tname\tphrases\tcountry\tfrom\tuntil\n"
                 "MEXBUS\tClaudia Sheinbaum\tSheinbaum\tMEX\t2025-01-01\t\n"
                 "MEXGOV\tRosa Quiroga\tQuiroga\tMEX\t\t\n")
    mine = load_actor_dictionary((str(path),))
    assert codes(mine, "Sheinbaum said", "2025-06-01") == [("Sheinbaum", "MEXBUS")]
    assert codes(mine, "Quiroga said") == [("Quiroga", "MEXGOV")]
    assert codes(mine, "Sheinbaum said", "2024-12-01") == [("Sheinbaum", "MEXGOV")]


def test_user_files_of_each_kind_load_by_header(tmp_path):
    index = PhraseIndex()
    names: dict[str, str] = {}
    load_user_file(index, write(tmp_path, "a.tsv", "phrases\troles\npistoleros\tCRM\n"), names)
    load_user_file(index, write(tmp_path, "c.tsv", "iso3\tname\tnames\nKSV\tKosova\tKosova\n"), names)
    load_user_file(index, write(tmp_path, "r.tsv", "phrases\nNew Kosova\n"), names)
    load_user_file(index, write(tmp_path, "v.tsv", "cameo\ttrigger\n010\tsay\n"), names)
    index.finalize()
    assert names == {"KSV": "Kosova"}
    found = index.match(["pistoleros", "in", "Kosova", "and", "New", "Kosova"])
    assert [(m.entries[0].kind, m.entries[0].code) for m in found] == [
        ("agent", "CRM"), ("country", "KSV"), ("region", "")]


def test_an_unknown_file_is_an_error_saying_what_is_expected(tmp_path):
    path = write(tmp_path, "notes.txt", "some notes\nnothing like a dictionary\n")
    with pytest.raises(DictionaryError, match=r"E016 .*notes.txt: not a dictionary"):
        load_user_file(PhraseIndex(), path, {})
    with pytest.raises(DictionaryError, match="E014"):
        load_user_file(PhraseIndex(), tmp_path / "absent.tsv", {})


def test_longest_phrase_wins_and_later_additions_are_found():
    """Matching is a lookup by phrase length: the longest phrase at a word wins, entries
    of the same phrase are all kept, case rules hold, and a phrase added after a first
    match (a user's dictionary loaded later) is found too."""
    from dyadwatch.code.dictionary import ActorEntry

    index = PhraseIndex()
    ministry = ActorEntry("agent", "GOV", roles=("GOV",))
    foreign = ActorEntry("agent", "GOVFRM", roles=("GOV",))
    us = ActorEntry("country", "USA", country="USA")
    index.add("ministry", ministry)
    index.add("foreign ministry", foreign)
    index.add("US", us)
    index.finalize()
    words = ["The", "foreign", "ministry", "of", "the", "US", "and", "us"]
    assert [(m.start, m.end, m.entries) for m in index.match(words)] == [
        (1, 3, (foreign,)), (5, 6, (us,))]
    mexico = ActorEntry("country", "MEX", country="MEX")
    index.add("the foreign ministry", mexico)
    index.add("The Foreign Ministry", foreign)
    # "The Foreign Ministry" needs only its capital initial: both entries of the phrase
    assert [(m.start, m.end, m.entries) for m in index.match(words)] == [
        (0, 3, (mexico, foreign)), (5, 6, (us,))]


def test_a_national_red_cross_society_is_that_countrys_charity():
    from tests.code.conftest import code

    [e] = code("Qatar donated 30 ambulances to the Lebanese Red Cross on Thursday.")
    assert (e.source.code, e.target.code) == ("QATGOV", "LBNNGO")
    [e] = code("Turkey's Red Crescent sent aid to Syria.")
    assert e.source.code == "TURNGO"
    [e] = code("The Red Cross sent aid to Syria.")
    assert e.source.code == "NGOIRC"


def test_hong_kong_bodies_are_hong_kongs_like_its_unions():
    from tests.code.conftest import code

    [e] = code("Hong Kong police arrested four activists for sedition on Tuesday.")
    assert (e.source.code, e.target.code) == ("HKGCOP", "HKGOPP")
