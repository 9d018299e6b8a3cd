"""Truth discovery skips weighing the facts trust cannot move, and gets the same trust as weighing them all."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from pipeline.reconcile import reconcile_claims
from pipeline.reconcile import trust as trust_module
from pipeline.reconcile.trust import Atom, ClaimGroup, _settled

from .helpers import REFLECTION, SPACEX, claim


def _group(n: int) -> ClaimGroup:
    return ClaimGroup(REFLECTION, "total_value", tuple(range(n)), tuple(f"o{i}" for i in range(n)),  # type: ignore[arg-type]
                      tuple(f"o{i}" for i in range(n)))


def _atom(claims, derivations=()) -> Atom:
    return Atom((repr(("money",)), 0.0), frozenset(claims), frozenset(derivations))


@pytest.mark.parametrize("atoms, strengths, settled", [
    ([_atom({0, 1, 2})], (), True),                                  # one value, every claim on it
    ([_atom({0, 1}), _atom({0, 1, 2}), _atom({2})], (), True),       # a refinement: the point all cover
    ([_atom({0, 1}), _atom({2})], (), False),                        # a conflict: trust decides
    ([_atom({0, 1, 2}), _atom({2}, {0})], (2,), False),              # arithmetic backs a part only
    ([_atom({0, 1, 2}, {0}), _atom({2}, {0})], (2,), True),          # ... or the whole as well
])
def test_settled_only_when_an_atom_covering_every_claim_cannot_lose(atoms, strengths, settled):
    derivations = [SimpleNamespace(strength=s) for s in strengths]
    assert _settled(_group(3), atoms, derivations, 0.5) is settled


def test_skipping_settled_facts_gives_the_trust_of_weighing_every_fact(config, monkeypatch):
    outlets = ["Daily Planet", "Metro Wire", "Harbor Ledger", "Signal Times", "Evening Courier"]
    values = {"total_value": ["$6.3 billion", "about $6.3 billion", "$6.3 billion", "$9 billion", "$6.3 billion"],
              "end_date": ["June 2029", "2029", "end of 2029", "December 2029", "Q4 2029"],
              "monthly_payment": ["$150 million a month"] * 5}
    claims = [claim(config, outlet, attribute, text, kind)
              for attribute, kind in (("total_value", "money"), ("end_date", "date"), ("monthly_payment", "money"))
              for outlet, text in zip(outlets, values[attribute])]
    claims += [claim(config, outlet, "valuation", text, "money", SPACEX)
               for outlet, text in zip(outlets, ["$400 billion", "$350 billion", "$400 billion", "$400 billion",
                                                 "$350 billion"])]
    fast = reconcile_claims(claims, config)
    monkeypatch.setattr(trust_module, "_settled", lambda *args: False)
    assert reconcile_claims(claims, config) == fast
    assert {s.outlet: s.trust for s in fast.sources} != {o: 0.8 for o in outlets}  # trust did move
