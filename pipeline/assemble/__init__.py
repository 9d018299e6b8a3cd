"""Claim assembly: decide which deal or entity each mention describes and which attribute it states.

One module per decision:

- ``subjects``: who a value is about (a deal's parties or one entity; dropped when undecidable);
- ``deals``: the article's deals, main pair and hub party, and which names are sides at all;
- ``scope``: whether a value is the whole or a rate of it (per month, per year, per share);
- ``attributes``: what a value states (triggers, roles, items, units, exclusions);
- ``claims``: the ``Assembler``, which builds the ``Claim`` records (value, quote, span);
- ``parse`` and ``vocabulary``: the sentence's copied parse and the config words they all read.
"""

from .claims import Assembler, assemble

__all__ = ["Assembler", "assemble"]
