"""The command line: documented subcommands with help, exit codes, data on stdout only."""

import csv
import json
import os
import re
import subprocess
import sys
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


def test_a_batch_of_only_bad_inputs_keeps_the_stored_fact_table(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text("Acme signed a deal with Beta Corp. Beta Corp will pay Acme $5 million per month through 2029.")
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00\x01\x02\xff" * 200)
    out = tmp_path / "facts"
    assert main(["run", str(good), "--out", str(out), "-q"]) == 0
    # The store records the run (with its rejected input); every output file stays as it was.
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.name != "newsfacts.db"}
    assert main(["run", str(bad), "--out", str(out), "-q"]) == 1
    assert "binary.txt" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.name != "newsfacts.db"} == before


# ------------------------------------------------------------------------------------ newsfacts reconcile

HAND_WRITTEN = """source,subject,attribute,value
Daily Planet,Acme + Globex,total_value,$2 billion
Metro Wire,Globex and Acme,total_value,about $2 billion
The Ledger,Acme + Globex,total_value,$2.5 billion
Daily Planet,Acme + Globex,end_date,June 2030
Metro Wire,Acme + Globex,end_date,2030
Daily Planet,Acme,founded,2019
"""
TABLE_FILES = ("facts.json", "facts.csv", "claims.csv", "conflicts.csv", "sources.csv", "report.html")


def test_reconcile_a_hand_written_table(tmp_path, capsys):
    (tmp_path / "claims.csv").write_text(HAND_WRITTEN)
    assert main(["reconcile", str(tmp_path / "claims.csv")]) == 0
    facts = {f["attribute"]: f for f in json.loads(capsys.readouterr().out)}
    assert {a: f["status"] for a, f in facts.items()} == {"total_value": "conflict", "end_date": "refined",
                                                          "founded": "single"}
    total = facts["total_value"]
    assert total["subject"] == {"kind": "deal", "parties": ["Acme", "Globex"]} and total["value"]["amount"] == 2e9
    assert total["reason"].startswith("$2B (Daily Planet) and about $2B (Metro Wire) vs $2.5B (The Ledger) "
                                      "(3 outlets, 3 origins: Daily Planet, Metro Wire, The Ledger); ")
    assert facts["founded"]["reason"] == "Only Daily Planet states 2019 (1 outlet, 1 origin: Daily Planet)"


def test_reconcile_out_writes_the_fact_table_the_other_commands_read(tmp_path, capsys):
    (tmp_path / "claims.csv").write_text(HAND_WRITTEN)
    out = tmp_path / "out"
    assert main(["reconcile", str(tmp_path / "claims.csv"), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(TABLE_FILES)
    assert "6 claims, 3 facts (0 agreed, 1 refined, 1 conflict, 1 single)" in capsys.readouterr().err
    assert main(["export", "--store", str(out), "--format", "csv"]) == 0
    assert capsys.readouterr().out.encode() == (out / "facts.csv").read_bytes()  # one fact table
    with open(out / "conflicts.csv", newline="", encoding="utf-8") as fh:
        [total] = [r for r in csv.DictReader(fh) if r["attribute"] == "total_value"]
    assert (total["value_a"], total["outlets_a"], total["value_b"], total["outlets_b"]) == \
        ("$2B", "Daily Planet", "$2.5B", "The Ledger")
    assert main(["audit", "--store", str(out)]) == 0
    assert "$2.5B" in capsys.readouterr().out


def test_reconcile_rerun_is_byte_identical_whatever_the_row_order(tmp_path):
    rows = HAND_WRITTEN.splitlines()
    (tmp_path / "a.csv").write_text(HAND_WRITTEN)
    (tmp_path / "b.csv").write_text("\n".join([rows[0], *reversed(rows[1:])]) + "\n")
    for name, table in (("one", "a.csv"), ("flipped", "b.csv")):
        assert main(["-q", "reconcile", str(tmp_path / table), "--out", str(tmp_path / name)]) == 0
    # the re-run in a fresh process, with another string hash seed: no set order may leak into the output
    subprocess.run([sys.executable, "-m", "pipeline", "-q", "reconcile", str(tmp_path / "a.csv"), "--out",
                    str(tmp_path / "two")], check=True, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": "12345"})
    for file in TABLE_FILES:
        if file == "claims.csv":  # sorted by article: the same rows, in the same order
            continue
        first = (tmp_path / "one" / file).read_bytes()
        assert first == (tmp_path / "two" / file).read_bytes() == (tmp_path / "flipped" / file).read_bytes(), file


def test_reconcile_reports_each_bad_row_and_keeps_the_rest(tmp_path, capsys):
    table = tmp_path / "claims.csv"
    table.write_text(HAND_WRITTEN + "Daily Planet,Acme,colour,red\nMetro Wire,Acme,founded,\n"
                     "Daily Planet,Acme,end_date,sometime soon\n")
    assert main(["reconcile", str(table)]) == 1
    captured = capsys.readouterr()
    assert len(json.loads(captured.out)) == 3
    assert f"newsfacts: {table}: row 8: unknown attribute 'colour'" in captured.err
    assert f"newsfacts: {table}: row 9: empty value" in captured.err
    assert "row 10: cannot read 'sometime soon' as date" in captured.err
    assert "Traceback" not in captured.err


@pytest.mark.parametrize("content, message", [
    ("article,outlet,value\na.txt,X,1\n", "missing columns source, subject, attribute"),
    ("", "empty file"),
    ("source,subject,attribute,value\n", "no claims to reconcile"),
])
def test_reconcile_unusable_table_is_named(tmp_path, capsys, content, message):
    table = tmp_path / "claims.csv"
    table.write_text(content)
    assert main(["reconcile", str(table)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"newsfacts: {table}: ") and message in err
    assert main(["reconcile", str(tmp_path / "nowhere.csv")]) == 1
    assert "nowhere.csv: no such file" in capsys.readouterr().err
