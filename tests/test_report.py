"""The HTML report: self-contained, escaped, every fact in the table, disagreements side by side."""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.report import render_report, write_report

FIXTURE = Path(__file__).parent / "fixtures" / "facts_sample.json"


@pytest.fixture
def facts() -> list[dict]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


class Page(HTMLParser):
    """Collects tags, their attributes and the visible text of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag in ("script", "style")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if not self._in_script:
            self.text.append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def test_write_report_is_a_whole_html_page(facts, tmp_path):
    out = tmp_path / "report.html"
    write_report(facts, out, title="Reflection AI x SpaceX")
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert "<title>Reflection AI x SpaceX</title>" in html


def test_report_has_no_network_assets(facts):
    page = parse(render_report(facts))
    for tag, attrs in page.tags:
        assert "src" not in attrs, tag
        assert tag != "link", attrs
        assert not str(attrs.get("href", "#")).startswith(("http", "//")), attrs
    assert "http://" not in render_report(facts) and "https://" not in render_report(facts)


def test_table_has_one_row_per_fact_with_its_status(facts):
    page = parse(render_report(facts))
    rows = [attrs["data-status"] for tag, attrs in page.tags if tag == "tr" and "data-status" in attrs]
    assert sorted(rows) == sorted(f["status"] for f in facts)


def test_a_section_per_disagreement_with_values_side_by_side(facts):
    html = render_report(facts)
    page = parse(html)
    sections = [attrs["id"] for tag, attrs in page.tags if tag == "section"]
    assert sorted(sections) == sorted(f"fact-{f['fact_id']}" for f in facts if f["status"] in ("conflict", "refined"))
    section = html.split('id="fact-e3361f8138bc"')[1].split("</section>")[0]
    assert len(re.findall(r'class="value( canonical)?"', section)) == 3
    for needle in ("June 2029", "end of 2029", "running through June 2029", "Wccftech", "Yahoo Finance (citing CNBC)"):
        assert needle in section, needle


def test_summary_counts_per_status(facts):
    text = " ".join(parse(render_report(facts)).text)
    for status, count in (("conflict", 2), ("refined", 2), ("single", 3), ("agreed", 3)):
        assert f"{status} ({count})" in text


@pytest.mark.parametrize("field", ["quote", "outlet", "article"])
def test_text_from_the_web_is_escaped(facts, field):
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    fact = next(f for f in facts if f["status"] == "conflict")
    fact["claims"][0][field] = evil
    fact["reason"] = evil
    fact["subject"]["parties"] = [evil, "SpaceX"]
    html = render_report(facts, title=evil)
    assert evil not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert html.count("<script>") == 1  # only the page's own filter script
    assert not any(tag == "img" for tag, _ in parse(html).tags)


def test_empty_fact_table(tmp_path):
    out = tmp_path / "report.html"
    write_report([], out)
    assert "No conflicting or refined facts." in out.read_text(encoding="utf-8")


def test_failed_write_leaves_the_old_report(facts, tmp_path, monkeypatch):
    out = tmp_path / "report.html"
    out.write_text("old report", encoding="utf-8")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_report(facts, out)
    assert out.read_text(encoding="utf-8") == "old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_verified_and_verdicts_are_visible(facts):
    fact = next(f for f in facts if f["status"] == "conflict")
    fact.update(verdict="accept", verdict_stale=True)
    html = render_report(facts)
    assert re.search(r"accept \(stale\)", html)
    assert html.count('title="verified"') == sum(1 for f in facts if f["verified"])


# ------------------------------------------------------------------------------------ large tables

def _many(facts: list[dict], copies: int) -> list[dict]:
    """The sample's facts repeated under other subjects: len(facts) * copies facts."""
    out = []
    for n in range(copies):
        for fact in facts:
            f = json.loads(json.dumps(fact))
            f["fact_id"] = f"{fact['fact_id']}-{n}"
            f["subject"]["parties"] = [f"{p} {n:03d}" for p in f["subject"]["parties"]]
            out.append(f)
    return out


def test_a_small_table_is_one_page_and_leaves_no_pages_behind(facts, tmp_path):
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "conflict-0001.html").write_text("stale", encoding="utf-8")
    write_report(facts, tmp_path / "report.html")
    assert not (tmp_path / "report").exists()
    assert 'id="all-facts"' in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_a_large_table_is_an_overview_and_pages_of_the_disputed_facts(facts, tmp_path):
    many = _many(facts, 30)  # 300 facts: 60 conflicts, 60 refined, 90 single, 90 agreed
    write_report(many, tmp_path / "report.html", limit=100, page_size=25)
    overview = (tmp_path / "report.html").read_text(encoding="utf-8")
    page = parse(overview)
    # no table row per fact on the overview: counts per attribute instead
    assert not [a for t, a in page.tags if t == "tr" and "data-status" in a]
    text = " ".join(page.text)
    assert "300 facts" in text and "facts.csv" in text
    by_attribute = overview.split('id="by-attribute"')[-1]
    for attribute in {f["attribute"] for f in many}:
        assert f">{attribute}<" in by_attribute
    links = [a["href"] for t, a in page.tags if t == "a" and a.get("href", "").startswith("report/")]
    assert links == [f"report/conflict-{n:04d}.html" for n in range(1, 4)] + \
        [f"report/refined-{n:04d}.html" for n in range(1, 4)]
    assert sorted(p.name for p in (tmp_path / "report").iterdir()) == sorted(link[7:] for link in links)
    # every conflicting and refined fact is on exactly one page, in full; no other fact is
    sections = []
    for link in links:
        html = (tmp_path / link).read_text(encoding="utf-8")
        assert html.startswith("<!DOCTYPE html>") and "../report.html" in html
        sections += [a["id"] for t, a in parse(html).tags if t == "section"]
    assert sorted(sections) == sorted(f"fact-{f['fact_id']}" for f in many if f["status"] in ("conflict", "refined"))
    assert len(sections) == len(set(sections))


def test_pages_of_a_smaller_table_replace_the_old_pages(facts, tmp_path):
    write_report(_many(facts, 30), tmp_path / "report.html", limit=100, page_size=25)
    write_report(_many(facts, 12), tmp_path / "report.html", limit=100, page_size=25)
    assert sorted(p.name for p in (tmp_path / "report").iterdir()) == [
        "conflict-0001.html", "refined-0001.html"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
