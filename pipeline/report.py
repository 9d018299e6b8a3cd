"""A self-contained static HTML report of the fact table: counts, every fact, and the disagreements.

Up to ``FULL_REPORT_LIMIT`` facts it is one file: inline CSS and a few lines of inline JS for the status
filter (the page reads fine without it). A larger table would make a page no browser opens comfortably
(100k facts gave 207 MB), so beyond it ``report.html`` is an overview -- the counts, and the facts of each
attribute by status -- and the conflicts and refined facts are written in full in pages of
``PAGE_SIZE`` beside it (``report/conflict-0001.html``, ...); agreed and single facts are counted there and
listed in facts.csv. No network assets; everything that comes from the articles is escaped.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any

from .audit import STATUS_ORDER, claim_source, group_claims, select_facts, sort_key, subject_label
from .output import write_atomic
from .reconcile.values import describe

_STATUS_HELP = {
    "conflict": "at least two claims cannot both be true",
    "refined": "the claims agree but differ in precision or hedge",
    "agreed": "every claim states the same value",
    "single": "only one independent source states it",
}

_CSS = """
:root { --conflict:#b42318; --refined:#b54708; --agreed:#067647; --single:#475467; --line:#e4e7ec;
        --muted:#667085; --bg:#f9fafb; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:#101828;
       margin:0; background:var(--bg); }
main { max-width: 1180px; margin: 0 auto; padding: 28px 24px 60px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 12px; }
.lede { color: var(--muted); margin: 0 0 20px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; }
.card { flex: 1 1 150px; background:#fff; border:1px solid var(--line); border-top:4px solid var(--c);
        border-radius: 8px; padding: 12px 14px; color: inherit; text-decoration: none; }
.card b { display:block; font-size: 28px; color: var(--c); line-height: 1.1; }
.card span { font-weight: 600; text-transform: capitalize; }
.card small { display:block; color: var(--muted); font-size: 12.5px; }
.filters { margin: 0 0 10px; display:flex; gap:6px; flex-wrap:wrap; }
.filters button { font: inherit; font-size: 13px; padding: 4px 12px; border-radius: 999px; cursor: pointer;
        border: 1px solid var(--line); background: #fff; }
.filters button[aria-pressed="true"] { background: #101828; color: #fff; border-color: #101828; }
table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line);
        border-radius: 8px; overflow: hidden; }
th, td { text-align: left; vertical-align: top; padding: 8px 10px; border-bottom: 1px solid var(--line); }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); background:#f2f4f7; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.subject { font-weight: 600; white-space: nowrap; }
td .why { display:block; color: var(--muted); font-size: 13px; margin-top: 2px; }
td.val { width: 36%; }
td.outlets { font-size: 13px; color: #344054; width: 18%; }
tr.repeat td.subject { color: transparent; }
table.filtered tr.repeat td.subject { color: inherit; }  /* the row naming the subject may be hidden */
.badge { display:inline-block; font-size: 12px; font-weight: 600; padding: 1px 8px; border-radius: 999px;
         color:#fff; background: var(--c); white-space: nowrap; }
.s-conflict { --c: var(--conflict); } .s-refined { --c: var(--refined); }
.s-agreed { --c: var(--agreed); } .s-single { --c: var(--single); }
.ok { color: var(--agreed); font-weight: 700; }
.stale { color: var(--refined); font-size: 12px; }
code { font-size: 12.5px; color: var(--muted); }
.fact { background:#fff; border:1px solid var(--line); border-left: 5px solid var(--c); border-radius: 8px;
        padding: 16px 18px; margin: 0 0 18px; }
.fact h3 { margin: 0 0 6px; font-size: 17px; }
.fact h3 .attr { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 15px; }
.meta { margin: 0 0 4px; color: #344054; }
.meta b { color: #101828; }
.reason { margin: 0 0 12px; color: var(--muted); }
.values { display: grid; grid-template-columns: repeat(auto-fit, minmax(250px, 1fr)); gap: 12px;
          align-items: start; }
nav { font-size: 14px; margin: -12px 0 18px; } nav a { color: #344054; margin-right: 14px; }
.value { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; background: var(--bg); }
.value.canonical { border-color: var(--c); box-shadow: inset 0 0 0 1px var(--c); background:#fff; }
.value h4 { margin: 0; font-size: 16px; }
.value .support { color: var(--muted); font-size: 12.5px; margin: 0 0 8px; }
.tag { font-size: 11px; font-weight: 700; text-transform: uppercase; color: var(--c); margin-left: 6px; }
blockquote { margin: 0 0 10px; padding: 0 0 0 10px; border-left: 3px solid var(--line); }
blockquote p { margin: 0; }
blockquote footer { font-size: 12.5px; color: var(--muted); }
blockquote footer b { color: #344054; }
blockquote footer code { display: block; overflow-wrap: anywhere; }
.derived { color: var(--muted); font-size: 13px; }
.hidden { display: none; }
"""

_JS = """
document.querySelectorAll('.filters button').forEach(function (button) {
  button.addEventListener('click', function () {
    var want = button.dataset.status;
    document.querySelectorAll('.filters button').forEach(function (b) {
      b.setAttribute('aria-pressed', String(b === button)); });
    document.getElementById('facts').classList.toggle('filtered', want !== 'all');
    document.querySelectorAll('#facts tbody tr').forEach(function (row) {
      row.classList.toggle('hidden', want !== 'all' && row.dataset.status !== want); });
  });
});
document.querySelectorAll('.card').forEach(function (card) {
  card.addEventListener('click', function () {
    var button = document.querySelector('.filters button[data-status="' + card.dataset.status + '"]');
    if (button) { button.click(); }
  });
});
"""


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _anchor(fact: dict[str, Any]) -> str:
    return "fact-" + _e(fact.get("fact_id", ""))


def _badge(status: Any) -> str:
    return f'<span class="badge s-{_e(status)}">{_e(status)}</span>'


def _summary(facts: list[dict[str, Any]], target: str = "all-facts") -> str:
    counts = Counter(f.get("status") for f in facts)
    cards = []
    for status in STATUS_ORDER:
        cards.append(f'<a class="card s-{status}" href="#{target}" data-status="{status}"><b>{counts.get(status, 0)}</b>'
                     f'<span>{status}</span><small>{_STATUS_HELP[status]}</small></a>')
    return f'<div class="cards">{"".join(cards)}</div>'


def _verified_cell(fact: dict[str, Any]) -> str:
    cell = '<span class="ok" title="verified">✓</span>' if fact.get("verified") else ""
    if fact.get("verdict"):
        cell += f' <span class="stale">{_e(fact["verdict"])}{" (stale)" if fact.get("verdict_stale") else ""}</span>'
    return cell


def _table(facts: list[dict[str, Any]]) -> str:
    counts = Counter(f.get("status") for f in facts)
    buttons = [f'<button type="button" data-status="all" aria-pressed="true">all ({len(facts)})</button>']
    buttons += [f'<button type="button" data-status="{s}" aria-pressed="false">{s} ({counts[s]})</button>'
                for s in STATUS_ORDER if counts.get(s)]
    rows, previous = [], None
    for fact in sorted(facts, key=sort_key):
        subject = subject_label(fact)
        attribute = _e(fact.get("attribute"))
        if fact.get("status") in ("conflict", "refined"):
            attribute = f'<a href="#{_anchor(fact)}">{attribute}</a>'
        outlets = sorted({c.get("outlet") for c in fact.get("claims") or [] if c.get("outlet")})
        rows.append(
            f'<tr data-status="{_e(fact.get("status"))}"{" class=repeat" if subject == previous else ""}>'
            f'<td class="subject">{_e(subject)}</td><td>{attribute}</td>'
            f'<td class="val"><b>{_e(describe(fact.get("value")))}</b><span class="why">{_e(fact.get("reason"))}</span></td>'
            f'<td>{_badge(fact.get("status"))}</td><td class="num">{_e(fact.get("confidence"))}</td>'
            f'<td class="num">{_e(fact.get("sources"))}</td><td class="outlets">{_e(", ".join(outlets))}</td>'
            f'<td>{_verified_cell(fact)}</td></tr>')
        previous = subject
    head = ("<tr><th>Subject</th><th>Attribute</th><th>Value</th><th>Status</th><th>Conf.</th>"
            "<th>Sources</th><th>Outlets</th><th>Verified</th></tr>")
    return (f'<div class="filters" role="group" aria-label="Filter by status">{"".join(buttons)}</div>'
            f'<table id="facts"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>')


def _quote(claim: dict[str, Any]) -> str:
    where = _e(claim.get("article"))
    if claim.get("start") is not None:
        where += f':{_e(claim.get("start"))}–{_e(claim.get("end"))}'
    return (f'<blockquote><p>“{_e(claim.get("quote"))}”</p>'
            f'<footer><b>{_e(claim_source(claim))}</b><code>{where}</code></footer></blockquote>')


def _disagreement(fact: dict[str, Any]) -> str:
    columns = []
    groups = group_claims(fact)
    derived = ("" if any(g.canonical for g in groups) else
               ' <span class="derived">(no source states it in these words: the reconciler derived it)</span>')
    for group in groups:
        tag = '<span class="tag">canonical</span>' if group.canonical else ""
        support = (f'{len(group.claims)} claim{"s" if len(group.claims) != 1 else ""}, '
                   f'{group.origins} origin{"s" if group.origins != 1 else ""}')
        columns.append(f'<div class="value{" canonical" if group.canonical else ""}">'
                       f'<h4>{_e(group.label)}{tag}</h4><p class="support">{support}</p>'
                       f'{"".join(_quote(c) for c in group.claims)}</div>')
    sources = fact.get("sources")
    verdict = f' · verdict <b>{_e(fact["verdict"])}</b>' if fact.get("verdict") else ""
    return (f'<section class="fact s-{_e(fact.get("status"))}" id="{_anchor(fact)}">'
            f'<h3>{_e(subject_label(fact))} · <span class="attr">{_e(fact.get("attribute"))}</span> '
            f'{_badge(fact.get("status"))}</h3>'
            f'<p class="meta">Canonical value <b>{_e(describe(fact.get("value")))}</b>{derived} · confidence '
            f'{_e(fact.get("confidence"))} · {_e(sources)} independent source{"s" if sources != 1 else ""}'
            f'{" · <span class=ok>verified ✓</span>" if fact.get("verified") else ""}{verdict}</p>'
            f'<p class="reason">{_e(fact.get("reason"))}</p>'
            f'<div class="values">{"".join(columns)}</div></section>')


# One page stays readable (and a few MB) up to a few thousand facts; the corpus and most daily tables are far
# below this. Beyond it the overview + pages layout is used.
FULL_REPORT_LIMIT = 3000
# Facts in full (values side by side, every quote) per page: about 0.5-1 MB of HTML.
PAGE_SIZE = 250
PAGES_DIR = "report"


def _page(title: str, body: str, script: bool = False) -> str:
    return ("<!DOCTYPE html>\n"
            f'<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, '
            f'initial-scale=1"><title>{_e(title)}</title><style>{_CSS}</style></head>\n'
            f'<body><main>{body}</main>{f"<script>{_JS}</script>" if script else ""}</body></html>\n')


def _lede(facts: list[dict[str, Any]]) -> str:
    outlets = {c.get("outlet") for f in facts for c in f.get("claims") or [] if c.get("outlet")}
    articles = {c.get("article") for f in facts for c in f.get("claims") or [] if c.get("article")}
    subjects = {subject_label(f) for f in facts}
    return (f"{len(facts)} facts about {len(subjects)} subjects, from {len(articles)} articles "
            f"by {len(outlets)} outlets; {sum(1 for f in facts if f.get('verified'))} verified by a reviewer.")


def render_report(facts: list[dict[str, Any]], title: str = "newsfacts report") -> str:
    """The report as one HTML string (every fact; see ``write_report`` for large tables)."""
    disputed = select_facts(facts, ("conflict", "refined"))
    lede = _lede(facts)
    details = "".join(_disagreement(f) for f in disputed) or "<p>No conflicting or refined facts.</p>"
    return ("<!DOCTYPE html>\n"
            f'<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, '
            f'initial-scale=1"><title>{_e(title)}</title><style>{_CSS}</style></head>\n'
            f'<body><main><h1>{_e(title)}</h1><p class="lede">{_e(lede)}</p>\n'
            f'<nav><a href="#disagreements">Disagreements</a><a href="#all-facts">All facts</a></nav>\n'
            f'{_summary(facts)}\n<h2 id="disagreements">Disagreements ({len(disputed)})</h2>\n{details}\n'
            f'<h2 id="all-facts">All facts</h2>\n{_table(facts)}\n</main><script>{_JS}</script></body></html>\n')


def page_names(facts: list[dict[str, Any]], page_size: int = PAGE_SIZE) -> dict[str, list[str]]:
    """The pages of a large report, per status shown in full: {'conflict': ['conflict-0001.html', ...], ...}."""
    counts = Counter(f.get("status") for f in facts)
    return {status: [f"{status}-{n:04d}.html" for n in range(1, -(-counts.get(status, 0) // page_size) + 1)]
            for status in ("conflict", "refined")}


def _by_attribute(facts: list[dict[str, Any]], pages: dict[str, list[str]]) -> str:
    """A table: for each attribute, how many facts of each status (with where to read the disputed ones)."""
    counts: dict[str, Counter[str]] = {}
    for fact in facts:
        counts.setdefault(str(fact.get("attribute")), Counter())[str(fact.get("status"))] += 1
    head = "".join(f"<th>{_badge(s)}</th>" for s in STATUS_ORDER)
    rows = []
    for attribute, c in sorted(counts.items()):
        cells = "".join(f'<td class="num">{c.get(s, 0) or ""}</td>' for s in STATUS_ORDER)
        rows.append(f'<tr><td><span class="attr">{_e(attribute)}</span></td>{cells}'
                    f'<td class="num">{sum(c.values())}</td></tr>')
    return (f'<table id="by-attribute"><thead><tr><th>Attribute</th>{head}<th>All</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def render_overview(facts: list[dict[str, Any]], title: str = "newsfacts report",
                    page_size: int = PAGE_SIZE) -> str:
    """The first page of a large report: counts per status and per attribute, and the index of the pages."""
    pages = page_names(facts, page_size)
    counts = Counter(f.get("status") for f in facts)
    index = []
    for status, names in pages.items():
        if not names:
            continue
        links = " ".join(f'<a href="{PAGES_DIR}/{n}">{i + 1}</a>' for i, n in enumerate(names))
        index.append(f'<p class="meta">{_badge(status)} {counts[status]} facts, {page_size} a page, values side '
                     f'by side with every quote: {links}</p>')
    rest = ", ".join(f"{counts.get(s, 0)} {s}" for s in ("agreed", "single"))
    body = (f'<h1>{_e(title)}</h1><p class="lede">{_e(_lede(facts))}</p>\n'
            f'<nav><a href="#disagreements">Disagreements</a><a href="#by-attribute">Facts by attribute</a></nav>\n'
            f'{_summary(facts, "by-attribute")}\n'
            f'<h2 id="disagreements">Disagreements ({counts.get("conflict", 0) + counts.get("refined", 0)})</h2>\n'
            f'<p class="reason">This table holds {len(facts)} facts, too many for one page: the conflicting and '
            f'refined facts are in the pages below; the {_e(rest)} facts are counted here and listed in full in '
            f'<code>facts.csv</code> and <code>facts.json</code> beside this report (<code>newsfacts audit</code> '
            f'shows any of them with its quotes).</p>\n'
            f'{"".join(index) or "<p>No conflicting or refined facts.</p>"}\n'
            f'<h2 id="by-attribute">Facts by attribute</h2>\n{_by_attribute(facts, pages)}\n')
    return _page(title, body)


def render_pages(facts: list[dict[str, Any]], title: str = "newsfacts report",
                 page_size: int = PAGE_SIZE) -> Iterator[tuple[str, str]]:
    """(file name, HTML) of each page of disputed facts in full, one page at a time."""
    pages = page_names(facts, page_size)
    for status, names in pages.items():
        chosen = select_facts(facts, (status,))
        for n, name in enumerate(names):
            nav = [f'<a href="../report.html">Overview</a>']
            if n > 0:
                nav.append(f'<a href="{names[n - 1]}">← page {n}</a>')
            if n + 1 < len(names):
                nav.append(f'<a href="{names[n + 1]}">page {n + 2} →</a>')
            part = chosen[n * page_size:(n + 1) * page_size]
            heading = f"{status.capitalize()} facts, page {n + 1} of {len(names)}"
            body = (f'<h1>{_e(title)}</h1><p class="lede">{_e(heading)}: facts {n * page_size + 1}–'
                    f'{n * page_size + len(part)} of {len(chosen)}, by subject.</p>\n'
                    f'<nav>{"".join(nav)}</nav>\n{"".join(_disagreement(f) for f in part)}\n'
                    f'<nav>{"".join(nav)}</nav>\n')
            yield name, _page(f"{title}: {heading}", body)


def write_report(facts: list[dict], path: Path, title: str = "newsfacts report",
                 limit: int = FULL_REPORT_LIMIT, page_size: int = PAGE_SIZE) -> None:
    """Write the HTML report to ``path``: one page up to ``limit`` facts, else an overview there and the
    disputed facts in pages in ``report/`` beside it. Pages are written one at a time (memory stays bounded),
    into a folder that replaces the old one whole; the overview is written last, atomically."""
    path = Path(path)
    pages_dir = path.parent / PAGES_DIR
    if len(facts) <= limit:
        write_atomic(path, render_report(facts, title).encode("utf-8"))
        if pages_dir.is_dir():  # pages of an earlier, larger table would be stale
            shutil.rmtree(pages_dir)
        return
    staging = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{PAGES_DIR}."))
    os.chmod(staging, 0o755)  # mkdtemp makes it private; the report is meant to be read like its files
    try:
        for name, html in render_pages(facts, title, page_size):
            (staging / name).write_bytes(html.encode("utf-8"))
        if pages_dir.is_dir():
            shutil.rmtree(pages_dir)
        os.replace(staging, pages_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    write_atomic(path, render_overview(facts, title, page_size).encode("utf-8"))
