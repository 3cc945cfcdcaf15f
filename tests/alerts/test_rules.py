"""Subscription rules: each field filters as a user expects, and the compiled index never
loses or invents a match compared with checking every rule one by one."""

from __future__ import annotations

import random

import pytest

from dyadwatch.alerts.matcher import Matcher, matches
from dyadwatch.alerts.rules import Subscription, SubscriptionError
from dyadwatch.model import Actor

MAIL = ["analyst@example.org"]


def sub(**kw) -> Subscription:
    return Subscription(name=kw.pop("name", "s"), email=MAIL, **kw).validate()


def test_dyad_follows_direction_unless_either(make_event):
    mex_to_usa = make_event()
    usa_to_mex = make_event(source=Actor("USAMIL", country="USA", roles=["MIL"]),
                            target=Actor("MEXGOV", country="MEX", roles=["GOV"]))
    one_way = sub(dyad="MEX-USA")
    both = sub(dyad="MEX-USA", either_direction=True)
    assert matches(one_way, mex_to_usa) and not matches(one_way, usa_to_mex)
    assert matches(both, mex_to_usa) and matches(both, usa_to_mex)
    assert not matches(sub(dyad="MEXMIL-USA"), mex_to_usa)  # a longer prefix narrows


@pytest.mark.parametrize("rule, hit", [
    ({"plover": ["REJECT", "THREATEN"]}, True),
    ({"plover": ["ASSAULT"]}, False),
    ({"cameo": ["12"]}, True),
    ({"cameo": ["1212"]}, False),
    ({"cameo_root": ["12"]}, True),
    ({"quad_class": [3, 4]}, True),
    ({"quad_class": [1]}, False),
    ({"goldstein_max": -3.0}, True),
    ({"goldstein_max": -5.0}, False),
    ({"goldstein_min": -5.0}, True),
    ({"modality": ["asserted"]}, True),
    ({"modality": ["future", "proposed"]}, False),
    ({"country": ["USA"]}, True),
    ({"country": ["CAN"]}, False),
    ({"role": ["GOV"]}, True),
    ({"role": ["MIL"]}, False),
    ({"actors": ["USA"]}, True),
    ({"source": ["USA"]}, False),
    ({"target": ["USAGOV"]}, True),
    ({"country": ["USA"], "plover": ["ASSAULT"]}, False),  # fields combine with AND
])
def test_each_field_filters(make_event, rule, hit):
    event = make_event()  # MEXGOV rejects USAGOV, CAMEO 120, QuadClass 3, Goldstein -4
    assert matches(sub(**rule), event) is hit
    assert bool(Matcher([sub(**rule)]).match(event)) is hit


def test_event_without_target_only_matches_rules_that_allow_it(make_event):
    alone = make_event(target=None)
    assert not matches(sub(dyad="MEX-USA"), alone)
    assert not matches(sub(target=["USA"]), alone)
    assert matches(sub(actors=["MEX"]), alone)
    assert Matcher([sub(dyad="MEX-USA"), sub(name="t", actors=["MEX"])]).match(alone)[0].name == "t"


def test_paused_and_spike_rules_are_not_event_rules(make_event):
    paused = sub(name="p", plover=["REJECT"])
    paused.paused = True
    spike = sub(name="k", dyad="MEX-USA", spike=3.0)
    assert Matcher([paused, spike]).match(make_event()) == []


@pytest.mark.parametrize("rule, field", [
    ({"plover": ["REJEKT"]}, "plover"),
    ({"dyad": "MEX"}, "dyad"),
    ({"cameo": ["99"]}, "cameo"),
    ({"country": ["Mexico"]}, "country"),
    ({"modality": ["maybe"]}, "modality"),
    ({"digest": "monthly"}, "digest"),
    ({"spike": 3.0}, "spike"),
    ({"name": "bad name!"}, "name"),
])
def test_bad_fields_are_named(rule, field):
    with pytest.raises(SubscriptionError, match=f"subscription {field} "):
        Subscription(**{"name": "s", "email": MAIL, **rule}).validate()


def test_delivery_address_must_be_one_plain_address():
    with pytest.raises(SubscriptionError, match="email"):
        Subscription(name="s", email=["a@example.org\r\nBcc: x@evil.example"]).validate()
    with pytest.raises(SubscriptionError, match="delivery"):
        Subscription(name="s", plover=["REJECT"]).validate()


def _random_rule(rng: random.Random, i: int, countries: list[str]) -> Subscription:
    kw: dict = {}
    pick = rng.random
    def actor() -> str:  # a country, sometimes narrowed to one of its roles
        return rng.choice(countries) + (rng.choice(["GOV", "MIL"]) if pick() < 0.3 else "")

    if pick() < 0.4:
        kw["dyad"] = f"{actor()}-{actor()}"
        kw["either_direction"] = pick() < 0.5
    elif pick() < 0.3:
        kw[rng.choice(["actors", "source", "target"])] = [actor(), actor()]
    if pick() < 0.3:
        kw["country"] = rng.sample(countries, 2)
    if pick() < 0.4:
        kw["plover"] = rng.sample(["REJECT", "THREATEN", "ASSAULT", "AGREE", "CONSULT"], 2)
    if pick() < 0.2:
        kw["cameo"] = [rng.choice(["12", "13", "042", "19", "1"])]
    if pick() < 0.1:
        kw["cameo_root"] = rng.sample(["12", "13", "04", "19"], 2)
    if pick() < 0.2:
        kw["quad_class"] = [rng.choice([1, 2, 3, 4])]
    if pick() < 0.2:
        kw["goldstein_max"] = rng.choice([-2.0, -5.0])
    if pick() < 0.1:
        kw["role"] = ["MIL"]
    if pick() < 0.1:
        kw["modality"] = ["asserted", "reported"]
    return sub(name=f"r{i}", **kw)


def _random_event(rng: random.Random, n: int, countries: list[str], make_event):
    codes = [("120", "12", 3, "REJECT"), ("130", "13", 3, "THREATEN"), ("190", "19", 4, "ASSAULT"),
             ("042", "04", 1, "CONSULT"), ("057", "05", 1, "AGREE"), ("010", "01", 1, None)]
    cameo, root, quad, plover = rng.choice(codes)
    src, tgt = rng.choice(countries), rng.choice(countries)
    target = Actor(tgt + rng.choice(["GOV", "MIL", ""]), country=tgt, roles=["GOV"])
    return make_event(
        n, source=Actor(src + rng.choice(["GOV", "MIL"]), country=src, roles=[rng.choice(["GOV", "MIL"])]),
        target=None if rng.random() < 0.1 else target, cameo=cameo, cameo_root=root,
        quad_class=quad, plover_type=plover, goldstein=rng.uniform(-10, 10),
        modality=rng.choice(["asserted", "reported", "future"]))


def test_index_agrees_with_checking_every_rule(make_event):
    rng = random.Random(7)
    countries = ["MEX", "USA", "CAN", "RUS", "UKR", "CHN"]
    rules = [_random_rule(rng, i, countries) for i in range(300)]
    matcher = Matcher(rules)
    total = 0
    for n in range(600):
        event = _random_event(rng, n, countries, make_event)
        expected = [r.name for r in rules if matches(r, event)]
        assert [r.name for r in matcher.match(event)] == expected
        total += len(expected)
    assert total > 1000  # the comparison covered many real matches, not just empty lists


def test_round_trip_and_public_view_hides_secrets():
    s = sub(dyad="MEX-USA", plover=["REJECT"], webhook="https://h.example.org/x",
            webhook_secret="k")
    assert Subscription.from_dict(s.to_dict()) == s
    public = s.public_dict()
    assert "webhook_secret" not in public and "token" not in public
    assert public["dyad"] == ["MEX", "USA"] and public["plover"] == ["REJECT"]
