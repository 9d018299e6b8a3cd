"""Hand-made values and claims for reconciler tests."""

from __future__ import annotations

from pipeline.records import Claim, Subject
from pipeline.reconcile.table import parse_value

REFLECTION = Subject("deal", ("SpaceX", "Reflection AI"))
ANTHROPIC = Subject("deal", ("SpaceX", "Anthropic"))
SPACEX = Subject("entity", ("SpaceX",))


def value(text, kind, config):
    """A value parsed as the claims table would (one kind)."""
    return parse_value(text, (kind,), config)


def claim(config, outlet, attribute, text, kind, subject=REFLECTION, *, article=None, sentence="",
          attributed_to=None, quote=None):
    """A claim of ``outlet`` stating ``text`` (parsed as ``kind``) for ``attribute``."""
    return Claim(subject=subject, attribute=attribute, value=value(text, kind, config),
                 article=article or f"corpus/{(outlet or 'anon').lower()}-{attribute}.txt", quote=quote or text,
                 outlet=outlet, attributed_to=attributed_to, sentence=sentence)
