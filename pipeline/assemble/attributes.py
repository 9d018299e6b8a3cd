"""What a value states: the attribute whose triggers, roles, items, units or rate it matches best.

Each attribute of config's ``[attributes]`` is scored against the value: its mention kinds, its rate
(``scope.fits_rate``), role phrases before a date ("through", "starting"), counted items and units,
trigger words in the value's clause and around it, words that exclude it, context it needs (possibly
from the sentence before); a trigger that governs the value outweighs one merely nearby. The highest
score wins; no match leaves the value without an attribute. Also here: chip models and places found as
text values, and the attributes that take over others' claims (an acquisition has a price, not a value).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from ..records import Claim, Count, Duration, Mention, Quantity, Text, Token
from .parse import PartyRef, SentenceView, says
from .scope import fits_rate
from .subjects import in_deal_clause
from .vocabulary import Vocabulary

GOVERNOR_BONUS = 100
# Tokens between a date and its role word that do not break the link ("through the end of", "in").
ROLE_FILLERS = {"in", "on", "the", "of", "at", "around", "about", "approximately", "roughly", "early", "late"}


class Governors(set):
    """The words governing a value, with the nearest verbs it hangs from ('will begin shipping') and
    whether the nearest verb's object names a company ('valued the company at ...')."""

    def __init__(self) -> None:
        super().__init__()
        self.verbs: list[Token] = []
        self.names_a_party = False
        self.deal_clause = False


def choose_attribute(m: Mention, view: SentenceView, text: str, vocab: Vocabulary, previous_words: set[str],
                     previous_text: str) -> str | None:
    """The attribute a value states, or None (``previous_*``: the sentence before, lower case, and its words)."""
    best: tuple[int, str] | None = None
    window = window_lemmas(m, view)
    governors = find_governors(m, view, vocab)
    governors.deal_clause = in_deal_clause(m, view, vocab)
    sentence_text = text[view.sentence.start:view.sentence.end].lower()
    sentence = {t.lemma.lower() for t in view.tokens} | {t.text.lower() for t in view.tokens}
    before = text[max(view.sentence.start, m.start - 100):m.start].lower()  # a phrase trigger may open the clause
    after = text[m.end:min(view.sentence.end, m.end + 30)].lower()
    for name, spec in vocab.attributes.items():
        if m.kind not in spec.get("kinds", ()):
            continue
        score = match_attribute(spec, m, window, before, after, sentence, governors, sentence_text,
                                previous_words, previous_text)
        if score is not None and (best is None or score > best[0]):
            best = (score, name)
    return best[1] if best else None


def match_attribute(spec: Mapping, m: Mention, window: set[str], before: str, after: str, sentence: set[str],
                    governors: Governors, sentence_text: str, previous_words: set[str],
                    previous_text: str) -> int | None:
    """How well a value fits one attribute ``spec``: a score (higher wins), or None when it does not."""
    priority = int(spec.get("priority", 0))
    value = m.value
    if not fits_rate(spec, value):
        return None
    if "per" in spec:
        return priority
    if any(_without_fillers(before).endswith(p) for p in spec.get("never_after", ())):
        return None  # "a report from Sunday": whatever the clause, the date is another thing's
    if any(before.rstrip().endswith(p) for p in spec.get("not_after", ())) and not governors.deal_clause:
        return None  # "hire 150 engineers over the next 18 months" (but "the deal covers ... over the next")
    if any(after.lstrip().startswith(p) for p in spec.get("not_before", ())):
        return None
    if "granularities" in spec and getattr(value, "granularity", None) not in spec["granularities"]:
        return None
    if spec.get("single_day") and getattr(value, "low", None) != getattr(value, "high", None):
        return None  # "last week" is seven days, no day of announcement
    if "roles" in spec:
        role = role_before(before, spec["roles"])
        if role:
            return priority + len(role)
        # "will begin shipping the chips next quarter": the verb the date hangs from gives the role.
        verbs = spec.get("role_verbs", ())
        after = spec.get("role_verb_after")  # e.g. "on": "Acme on Wednesday said" (a dateline has none)
        if after and not (before.split() or [""])[-1] in after:
            return None
        tags = spec.get("role_verb_tags")  # e.g. only the past: "Acme on Monday said ..." (default: not the past)
        return priority if any(v.lemma.lower() in verbs and (v.tag in tags if tags else v.tag != "VBD")
                               for v in governors.verbs) else None
    if "items" in spec:
        if not (isinstance(value, Count) and value.item in spec["items"]):
            return None
        # "operates more than 200 jets" is a fleet, "65 jets" of an order are ordered: a context word must say so
        return None if _lacks_context(spec, sentence, sentence_text) else priority
    if "units" in spec:
        return priority if isinstance(value, Quantity) and value.unit in spec["units"] else None
    if m.kind in ("chip", "place"):
        # A place is a deal's only where the sentence speaks of a site ("a data center in Childress").
        return None if _lacks_context(spec, sentence, sentence_text) else priority
    valued_by = spec.get("valued_by", ())
    if valued_by and governors.names_a_party and governors.verbs and governors.verbs[0].lemma.lower() in valued_by:
        return priority + GOVERNOR_BONUS  # "values the company at $12 billion", "valued Acme at ..."
    if any(x in window for x in spec.get("exclude", ())):
        return None
    if any(x in sentence for x in spec.get("exclude_in_sentence", ())):
        return None
    if isinstance(value, Duration) and "notice" in spec.get("triggers", ()):
        return priority if "notice" in after[:15] else None
    if _lacks_context(spec, sentence, sentence_text, previous_words, previous_text):
        return None
    triggers = spec.get("triggers", ())
    hits = [t for t in triggers if t in window or (" " in t and (t in before or t in after))]
    if not hits:
        return None
    # A trigger that governs the value ("valued at $7 billion") outweighs one merely nearby ("... in
    # its last funding round").
    return priority + (GOVERNOR_BONUS if governors & set(hits) else 0)


def find_governors(m: Mention, view: SentenceView, vocab: Vocabulary) -> Governors:
    """Words and lemmas of the value's two nearest heads, skipping prepositions ('valued at $7 billion'),
    and the nearest verb among them (a date's role verb: 'will begin shipping ... next quarter')."""
    head = view.head_of(m.start, m.end)
    descriptors = vocab.descriptors
    out = Governors()
    prev: int | None = None
    if head is None:
        return out
    taken = 0
    for node in view.ancestors(head)[1:]:
        t = view.tok(node)
        out.update((t.lemma.lower(), t.text.lower()))
        if t.pos in ("VERB", "AUX") and len(out.verbs) < 2:
            out.verbs.append(t)
            # "values the company at $12 billion": the value is the verb's "at" phrase, the object a company
            via_at = view.tok(prev).text.lower() == "at" if prev is not None else False
            if not out.verbs[1:] and via_at:
                objects = [c for c in view.children.get(node, ()) if view.tok(c).dep in ("dobj", "nsubjpass")]
                out.names_a_party = any(
                    (view.tok(o).pos == "PROPN" or view.tok(o).lemma.lower() in descriptors)
                    and not any(says(view.tok(k), vocab.deal_nouns) for k in view.subtree(o))
                    for o in objects)
        prev = node
        if t.pos != "ADP":
            taken += 1
        if taken >= 2:
            break
    return out


def window_lemmas(m: Mention, view: SentenceView) -> set[str]:
    """Lemmas and words of the value's clause and of a few tokens around it."""
    head = view.head_of(m.start, m.end)
    out: set[str] = set()
    if head is None:
        return out
    chain = view.ancestors(head)
    # "$30 billion and $45 billion": the second value shares the first one's governor.
    while len(chain) > 1 and view.tok(chain[0]).dep == "conj":
        chain = chain[1:]
    chain = chain[:4]
    ids: set[int] = set()
    for a in chain[1:3]:
        ids.add(a)
        ids.update(c for c in view.children.get(a, ()) if view.tok(c).dep not in ("ccomp", "advcl", "relcl"))
    lo = max(view.base, head - 6)
    hi = min(view.base + len(view.tokens), head + 6)
    ids.update(range(lo, hi))
    # with their compounds: "market value" is not "value"
    ids.update(c for i in list(ids) for c in view.children.get(i, ()) if view.tok(c).dep == "compound")
    for i in ids:
        t = view.tok(i)
        out.add(t.lemma.lower())
        out.add(t.text.lower())
    return out


def _lacks_context(spec: Mapping, sentence: set[str], sentence_text: str, previous_words: set[str] = frozenset(),
                   previous_text: str = "") -> bool:
    """Whether the attribute needs a context word (config ``context``) that its sentence does not hold. The
    context may come from the sentence before where the attribute says so ("Shares of Acme fell 4%. Beta
    dropped 3%.")."""
    context = spec.get("context", ())
    if not context:
        return False
    if not spec.get("context_from_previous"):
        previous_words, previous_text = frozenset(), ""
    return not any(c in sentence or c in previous_words or (" " in c and (c in sentence_text or c in previous_text))
                   for c in context)


def _words_before(before: str) -> list[str]:
    """The words before a value without the filler words next to it ('jump from the' -> 'jump', 'from')."""
    words = before.replace(",", " ").split()
    while words and words[-1] in ROLE_FILLERS:
        words.pop()
    return words


def _without_fillers(before: str) -> str:
    """The text before a value without the filler words next to it ('jump from the' -> 'jump from')."""
    return " ".join(_words_before(before))


def role_before(before: str, roles: Iterable[str]) -> str | None:
    """The longest role phrase that ends right before the value (fillers like 'in the' allowed)."""
    tail = " ".join(_words_before(before)[-4:])
    best = None
    for role in roles:
        if tail == role or tail.endswith(" " + role):
            if best is None or len(role) > len(best):
                best = role
    return best


def text_values(view: SentenceView, refs: list[PartyRef], text: str, vocab: Vocabulary) -> list[Mention]:
    """Chip models and places named in the sentence, as text mentions for chip_model and location."""
    out: list[Mention] = []
    sent = text[view.sentence.start:view.sentence.end]
    taken: list[tuple[int, int]] = []
    for model in vocab.models:
        pos = 0
        while (k := sent.find(model, pos)) >= 0:
            s, e = view.sentence.start + k, view.sentence.start + k + len(model)
            pos = k + len(model)
            ok_left = k == 0 or not sent[k - 1].isalnum()
            ok_right = e - view.sentence.start >= len(sent) or not sent[e - view.sentence.start].isalnum() \
                or sent[e - view.sentence.start] == "s"
            if ok_left and ok_right and not any(s < te and ts < e for ts, te in taken):
                taken.append((s, e))
                out.append(Mention("chip", model, s, e, Text(model)))
    places = [r for r in refs if r.label == "GPE"]
    i = 0
    while i < len(places):
        r = places[i]
        prev = [t for t in view.tokens if t.end <= r.start][-1:]
        if prev and prev[0].text.lower() in ("in", "near", "at", "outside"):
            end = r.end
            while i + 1 < len(places) and text[end:places[i + 1].start].strip() in (",", ""):
                i += 1
                end = places[i].end
            out.append(Mention("place", text[r.start:end], r.start, end, Text(text[r.start:end])))
        i += 1
    return out


def absorb_attributes(claims: list[Claim], vocab: Vocabulary) -> list[Claim]:
    """A deal the article calls an acquisition has a price, not a value: an attribute with ``absorbs``
    takes over those attributes' claims about the same subject."""
    out = claims
    for name, spec in vocab.attributes.items():
        absorbed = set(spec.get("absorbs", ()))
        marks = {name, *spec.get("absorbs_with", ())}
        subjects = {c.subject for c in out if c.attribute in marks}
        if absorbed and subjects:
            out = [replace(c, attribute=name) if c.attribute in absorbed and c.subject in subjects else c
                   for c in out]
    return out
