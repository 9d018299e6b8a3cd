"""One organisation, one name across the batch: 'Meta' and 'Meta Platforms', 'Emirates' and 'Emirates
Airline', 'Acme' and 'Acme Group' are one party wherever an article writes either form.

A name that starts with another party's whole name ('Orbis' -> 'Orbis Cloud'), or is it written with a hyphen
('Acme-Widgets'), is that party, unless config
knows both as distinct companies (its gazetteer and aliases: 'Google' and 'Google DeepMind'). Each cluster
of forms takes the form config knows, else the one the batch writes most often (ties: the shorter).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from ..records import Analysis, Mention, Party


def count_forms(analyses: Iterable[Analysis], counter: Counter | None = None) -> Counter:
    """How often each organisation name is written, over ``analyses``."""
    counter = Counter() if counter is None else counter
    for analysis in analyses:
        counter.update(m.value.name for m in analysis.mentions if m.kind == "party" and m.value.label == "ORG")
    return counter


def name_map(forms: Mapping[str, int], known: frozenset[str]) -> dict[str, str]:
    """{form: the cluster's name} for every form that is not its cluster's name."""
    ordered = sorted(forms, key=lambda n: (len(n.split()), n))
    parent = {n: n for n in ordered}

    def root(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    # Each name is looked up by its words: a shorter form is one of a name's leading runs of words, so a name
    # meets only its own prefixes (linear in the names, not pairwise).
    by_words: dict[tuple[str, ...], list[str]] = {}
    for name in ordered:
        by_words.setdefault(tuple(_words(name)), []).append(name)
    for long_name in ordered:
        words = tuple(_words(long_name))
        for size in range(1, len(words) + 1):
            for short in by_words.get(words[:size], ()):
                if short == long_name or (long_name in known and short in known):
                    continue  # itself, or two companies config knows apart
                a, b = root(short), root(long_name)
                if a != b:
                    parent[max(a, b, key=lambda n: (len(_words(n)), n))] = min(a, b, key=lambda n: (len(_words(n)), n))
    clusters: dict[str, list[str]] = {}
    for n in ordered:
        clusters.setdefault(root(n), []).append(n)
    out: dict[str, str] = {}
    for members in clusters.values():
        if len(members) < 2:
            continue
        config_names = [n for n in members if n in known]
        pool = config_names or members
        best = max(pool, key=lambda n: (forms.get(n, 0), -len(n.split()), -len(n), n))
        out.update({n: best for n in members if n != best})
    return out


def _words(name: str) -> list[str]:
    """A name's words, a hyphen read as a space ('Acme-Widgets' is 'Acme Widgets')."""
    return name.replace("-", " ").replace("‐", " ").split()


def rename(analysis: Analysis, mapping: Mapping[str, str]) -> Analysis:
    """The analysis with its party mentions under the batch's names."""
    if not mapping or not any(m.kind == "party" and m.value.name in mapping for m in analysis.mentions):
        return analysis
    mentions = tuple(
        Mention(m.kind, m.text, m.start, m.end, Party(name=mapping[m.value.name], label=m.value.label))
        if m.kind == "party" and m.value.name in mapping else m
        for m in analysis.mentions)
    return Analysis(article=analysis.article, sentences=analysis.sentences, mentions=mentions)
