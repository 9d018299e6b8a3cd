"""The command line: parse, call the library, print, return an exit code.

stdout carries data only; errors, warnings and progress go to stderr as ``newsfacts: INPUT: reason``.
Exit codes: 0 all good, 1 some inputs were rejected (the rest processed), 2 usage or config error.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import ConfigError, InputError, NewsfactsError, UsageError

PROG = "newsfacts"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors, as SPEC wants
        self.print_usage(sys.stderr)
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand (each help ends with an example)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", metavar="FILE", help="a TOML file merged over config.toml key by key")
    common.add_argument("-q", "--quiet", action="store_true", help="print no progress or summary on stderr")
    common.add_argument("-v", "--verbose", action="store_true", help="log details (and tracebacks) on stderr")
    fmt = argparse.RawDescriptionHelpFormatter
    parser = _Parser(prog=PROG, description="Extract facts from news articles and reconcile what outlets disagree on.",
                     formatter_class=fmt, parents=[common])
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("run", parents=[common], formatter_class=fmt,
                       help="ingest, extract, reconcile and write the fact table",
                       description="Ingest every article under PATH (files, folders, URLs, feeds, .jsonl), extract "
                                   "mentions, assemble claims, reconcile them and write DIR.",
                       epilog="examples:\n  newsfacts run corpus/ --out facts/"
                              "\n  newsfacts run today/ --out facts/ --workers 2"
                              "\n  newsfacts run corpus/ --fresh --executor dask --scheduler tcp://10.0.0.5:8786")
    p.add_argument("paths", nargs="*", metavar="PATH", help="inputs (default: corpus/)")
    p.add_argument("--out", metavar="DIR", default="facts",
                   help="output folder (default: facts/); it keeps the store DIR/newsfacts.db that runs grow")
    p.add_argument("--fresh", action="store_true", help="start the store over (verdicts are kept)")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="extract in N processes (default 1; same fact table)")
    p.add_argument("--executor", choices=["local", "dask"], default="local",
                   help="local processes, or dask.distributed tasks (default: local)")
    p.add_argument("--scheduler", metavar="ADDR",
                   help="with --executor dask: the scheduler address (default: a local cluster of N workers)")

    p = sub.add_parser("mentions", parents=[common], formatter_class=fmt,
                       help="print the mentions of one text as JSON Lines",
                       description="Print the typed mentions (money, dates, durations, counts, percentages, "
                                   "quantities, parties) of one text, one JSON object a line.",
                       epilog="examples:\n  echo 'Acme will pay $5 million a month through 2029.' | newsfacts mentions -"
                              "\n  newsfacts mentions --batch articles.jsonl")
    p.add_argument("file", nargs="?", metavar="FILE|-", help="a text file, or - for stdin")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for relative dates")
    p.add_argument("--batch", metavar="FILE|-", help='JSON Lines input {"id", "text", "published"}')

    p = sub.add_parser("reconcile", parents=[common], formatter_class=fmt,
                       help="reconcile a claims table without the NLP stages",
                       description="Reconcile a CSV of claims (columns source, subject, attribute, value; optional "
                                   "quote, published) into a fact table. Subjects name one party (an entity) or "
                                   "several joined by '+' (a deal). The claims.csv a run writes reads back as it is. "
                                   "Rows that cannot be read are reported on stderr and skipped (exit 1).",
                       epilog="examples:\n  newsfacts reconcile claims.csv --out facts-from-table/"
                              "\n  newsfacts reconcile facts/claims.csv > facts.json")
    p.add_argument("claims", metavar="CLAIMS.csv", help="the claims table, or - for stdin")
    p.add_argument("--out", metavar="DIR", help="write the fact table folder here (facts.json, facts.csv, "
                                                "claims.csv, conflicts.csv, sources.csv, report.html); "
                                                "default: print facts.json on stdout")

    p = sub.add_parser("audit", parents=[common], formatter_class=fmt,
                       help="show the facts that disagree, with their quotes; record verdicts",
                       description="Show conflicting and refined facts side by side with the quotes behind them. "
                                   "Verdicts recorded here are kept in the store DIR/newsfacts.db (DIR/verdicts.json for a folder "
                                   "without a store) and survive re-runs and --fresh.",
                       epilog="examples:\n  newsfacts audit\n  newsfacts audit --accept 3f2a9c0d1e2b --note 'checked filing'"
                              "\n  newsfacts audit --html facts/report.html")
    p.add_argument("--store", metavar="DIR", default="facts", help="fact table folder (default: facts/)")
    p.add_argument("--status", action="append", choices=["conflict", "refined", "agreed", "single"],
                   help="statuses to show (default: conflict and refined)")
    p.add_argument("--attribute", help="only this attribute")
    p.add_argument("--subject", help="only facts whose parties include this name")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--accept", metavar="FACT_ID", help="mark a fact's value verified")
    group.add_argument("--reject", metavar="FACT_ID", help="mark a fact's value wrong")
    group.add_argument("--correct", metavar="FACT_ID", help="replace a fact's value (with --value)")
    p.add_argument("--value", help="the corrected value, with --correct")
    p.add_argument("--note", default="", help="a note kept with the verdict")
    p.add_argument("--html", metavar="FILE", help="also write the HTML report to FILE")

    p = sub.add_parser("export", parents=[common], formatter_class=fmt, help="export the fact table",
                       description="Export the fact table as CSV, JSON, Parquet or SQLite.",
                       epilog="examples:\n  newsfacts export --format sqlite --verified-only -o verified.db"
                              "\n  newsfacts export --format json --as-of 2026-06-30 -o june.json")
    p.add_argument("--format", required=True, choices=["csv", "json", "parquet", "sqlite"])
    p.add_argument("--verified-only", action="store_true", help="only facts a reviewer accepted or corrected")
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout for csv/json)")
    p.add_argument("--store", metavar="DIR", default="facts", help="fact table folder (default: facts/)")
    p.add_argument("--as-of", metavar="YYYY-MM-DD",
                   help="the fact table as it stood from the stored articles published by that day")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        _error(str(exc))
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING if args.quiet else logging.INFO,
                        format=f"{PROG}: %(message)s", stream=sys.stderr)
    for noisy in ("trafilatura", "htmldate", "urllib3", "charset_normalizer", "courlan", "readability"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    try:
        return COMMANDS[args.command](args)
    except (ConfigError, UsageError) as exc:
        _error(str(exc))
        return 2
    except NewsfactsError as exc:
        _error(str(exc))
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # an unexpected failure: one line unless -v
        if args.verbose:
            raise
        _error(f"internal error: {type(exc).__name__}: {exc} (run with -v for the traceback)")
        return 2


def _error(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


def _config(args):
    from .config import load_config

    return load_config(args.config)


def cmd_run(args) -> int:
    from .progress import Progress
    from .runner import run

    config = _config(args)
    sources = args.paths or ["corpus"]
    progress = Progress(enabled=False if args.quiet else None)
    result = run(sources, args.out, config, on_error=lambda e: _error(str(e)), fresh=args.fresh,
                 workers=args.workers, executor=args.executor, scheduler=args.scheduler, progress=progress,
                 keep_articles=False)
    if not args.quiet:
        stats = result.stats
        counts = ", ".join(f"{stats['statuses'][s]} {s}" for s in ("agreed", "refined", "conflict", "single"))
        print(f"{PROG}: {stats['articles']} articles ({stats['articles_added']} new, {stats['articles_extracted']} "
              f"extracted), {stats['claims']} claims, {stats['facts']} facts ({counts}) -> {args.out}/",
              file=sys.stderr)
    return 1 if result.errors else 0


def _summary(claims, facts) -> str:
    """'178 claims, 36 facts (4 agreed, 7 refined, 5 conflict, 20 single)'."""
    counts = ", ".join(f"{sum(1 for f in facts if f.status == s)} {s}" for s in ("agreed", "refined", "conflict",
                                                                                 "single"))
    return f"{len(claims)} claims, {len(facts)} facts ({counts})"


def cmd_mentions(args) -> int:
    from .extract import Extractor

    config = _config(args)
    if args.batch and args.file:
        raise UsageError("give either FILE or --batch, not both")
    if not args.batch and not args.file:
        raise UsageError("mentions needs FILE, - or --batch FILE")
    extractor = Extractor(config)
    out = sys.stdout
    if not args.batch:
        text = _read_text(args.file)
        for m in extractor.mentions(text, args.published):
            out.write(json.dumps(m.as_dict(), ensure_ascii=False) + "\n")
        return 0
    rejected = 0
    items = []
    for n, line in enumerate(_read_text(args.batch).splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict) or not isinstance(item.get("text"), str):
                raise ValueError('needs an object with a "text" string')
        except ValueError as exc:
            _error(f"{args.batch}:{n}: {exc}")
            rejected += 1
            continue
        items.append(item)
    texts = ((item["text"], item) for item in items)
    for doc_item in extractor.mentions_batch(texts):
        item, mentions = doc_item
        for m in mentions:
            out.write(json.dumps({"id": item.get("id"), **m.as_dict()}, ensure_ascii=False) + "\n")
    return 1 if rejected else 0


def _read_text(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    try:
        return Path(name).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise InputError(name, exc.strerror or str(exc)) from None


def cmd_reconcile(args) -> int:
    import pandas as pd

    from .output import json_bytes
    from .reconcile import TableError, claims_from_table, reconcile_claims
    from .reconcile.values import memo_spans
    from .runner import write_fact_table

    config = _config(args)
    name = args.claims
    try:
        frame = pd.read_csv(sys.stdin if name == "-" else name, dtype=str, keep_default_na=False,
                            encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except pd.errors.EmptyDataError:
        raise InputError(name, "empty file: a claims table needs a header row "
                               "(source, subject, attribute, value)") from None
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise InputError(name, f"not a readable CSV ({exc})") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    rejected: list[TableError] = []

    def reject(error: TableError) -> None:
        rejected.append(error)
        _error(f"{name}: {error}")

    try:
        claims = claims_from_table(frame, config, on_error=reject)
    except TableError as exc:
        raise InputError(name, str(exc)) from None
    if not claims:
        raise InputError(name, "no claims to reconcile")
    with memo_spans(config):  # values' spans, descriptions and positions serve reconciling and writing alike
        result = reconcile_claims(claims, config)
        if args.out:
            write_fact_table(Path(args.out), result, claims, config)
            if not args.quiet:
                print(f"{PROG}: {_summary(claims, result.facts)} -> {args.out}/", file=sys.stderr)
        else:
            sys.stdout.write(json_bytes([f.as_dict() for f in result.facts]).decode("utf-8"))
    return 1 if rejected else 0


def _load_facts(folder: str) -> list[dict]:
    """The fact table of an output folder, verdicts applied: from its store, else from facts.json."""
    from .store import STORE_FILE, Store

    if (Path(folder) / STORE_FILE).exists():
        from .verdicts import apply_verdicts

        store = Store.open(Path(folder) / STORE_FILE, create=False)
        try:
            facts, verdicts = store.facts(), store.verdicts()
        finally:
            store.close()
        return apply_verdicts(facts, verdicts) if verdicts else facts
    path = Path(folder) / "facts.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{path}: no fact table here; run `newsfacts run` first") from None
    except (OSError, ValueError) as exc:
        raise InputError(str(path), str(exc)) from None
    from .verdicts import apply_verdicts, load_verdicts

    verdicts_path = Path(folder) / "verdicts.json"
    return apply_verdicts(data, load_verdicts(verdicts_path)) if verdicts_path.exists() else data


def _unassigned_claims(folder: Path) -> list[dict[str, str]]:
    """The unassigned rows of ``folder/claims.csv`` (none when there is no such file)."""
    import csv

    path = folder / "claims.csv"
    if not path.is_file():
        return []
    with open(path, newline="", encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row.get("attribute") == "unassigned"]


def cmd_audit(args) -> int:
    from .audit import render_audit, select_facts
    from .verdicts import record_in_folder

    folder = Path(args.store)
    facts = _load_facts(args.store)
    fact_id = args.accept or args.reject or args.correct
    if fact_id:
        if fact_id not in {f["fact_id"] for f in facts}:
            raise UsageError(f"no fact with id {fact_id} in {folder}")
        verdict = "accept" if args.accept else "reject" if args.reject else "correct"
        if verdict == "correct" and not args.value:
            raise UsageError("--correct needs --value")
        value = next(f.get("value") for f in facts if f["fact_id"] == fact_id)
        where = record_in_folder(folder, fact_id, verdict, value=args.value, note=args.note, fact_value=value)
        print(f"{PROG}: recorded {verdict} for {fact_id} in {where}", file=sys.stderr)
        from .output import json_bytes, write_atomic

        write_atomic(folder / "facts.json", json_bytes(_load_facts(args.store)))
        return 0
    statuses = tuple(args.status) if args.status else ("conflict", "refined")
    chosen = select_facts(facts, statuses, subject=args.subject, attribute=args.attribute)
    sys.stdout.write(render_audit(chosen, statuses=statuses, unassigned=_unassigned_claims(folder)))
    if args.html:
        from .report import write_report

        write_report(facts, Path(args.html))
    return 0


def cmd_export(args) -> int:
    from .export import export_facts

    if args.as_of:
        from .runner import facts_as_of

        facts = facts_as_of(args.store, args.as_of, _config(args))
    else:
        facts = _load_facts(args.store)
    data = export_facts(facts, args.format, Path(args.output) if args.output else None, args.verified_only)
    if data is not None:
        sys.stdout.buffer.write(data)
    return 0


COMMANDS = {"run": cmd_run, "mentions": cmd_mentions, "reconcile": cmd_reconcile, "audit": cmd_audit,
            "export": cmd_export}

if __name__ == "__main__":
    sys.exit(main())
