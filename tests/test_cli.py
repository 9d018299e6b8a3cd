"""The command line: documented subcommands with help, exit codes, data on stdout only."""

import json
import re
from pathlib import Path

import pytest

from pipeline.cli import COMMANDS, build_parser, main

ROOT = Path(__file__).resolve().parent.parent


def test_every_subcommand_is_in_the_readme_and_has_help_with_an_example(capsys):
    readme = (ROOT / "README.md").read_text()
    for name in COMMANDS:
        assert re.search(rf"newsfacts {name}\b", readme), f"README does not document `newsfacts {name}`"
        assert main([name, "--help"]) == 0
        out = capsys.readouterr().out
        assert "example" in out.split("\n\n")[-1] or "example" in out[-300:], f"{name} help has no example"


def test_usage_error_exits_2(capsys):
    assert main(["frobnicate"]) == 2
    assert main(["export"]) == 2  # --format is required
    assert "newsfacts:" in capsys.readouterr().err


def test_bad_config_exits_2_before_reading_articles(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("[tolerance]\nmoney_rel = 'x'\n")
    assert main(["run", str(tmp_path), "--config", str(bad), "--out", str(tmp_path / "out")]) == 2
    assert "money_rel" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_mentions_prints_json_lines(tmp_path, capsys):
    text = tmp_path / "a.txt"
    text.write_text("Acme will pay $5 million a month through June 2029.")
    assert main(["mentions", str(text)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    source = text.read_text()
    assert lines and all(source[m["start"]:m["end"]] == m["text"] for m in lines)
    assert any(m["kind"] == "money" and m["value"]["per"] == "month" for m in lines)


def test_mentions_batch_carries_ids(tmp_path, capsys):
    batch = tmp_path / "b.jsonl"
    batch.write_text(json.dumps({"id": "x1", "text": "Beta raised $20 million."}) + "\n"
                     + json.dumps({"id": "x2", "text": "Gamma fell 12%.", "published": "2026-01-05"}) + "\n")
    assert main(["mentions", "--batch", str(batch)]) == 0
    ids = {json.loads(line)["id"] for line in capsys.readouterr().out.splitlines()}
    assert ids == {"x1", "x2"}


def test_unreadable_input_is_named_and_the_rest_is_processed(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Acme signed a deal with Beta Corp. Beta Corp will pay Acme $5 million "
                                     "per month through 2029.")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 200)
    (corpus / "empty.txt").write_text("")
    out = tmp_path / "facts"
    code = main(["run", str(corpus), "--out", str(out), "-q"])
    err = capsys.readouterr().err
    assert code == 1
    assert "binary.txt" in err and "empty.txt" in err
    facts = json.loads((out / "facts.json").read_text())
    assert any(f["attribute"] == "monthly_payment" for f in facts)
