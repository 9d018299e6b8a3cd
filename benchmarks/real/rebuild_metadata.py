"""Write each event's texts/EVENT/metadata.json from sources/EVENT.json (run after rebuilding the texts).

usage: python benchmarks/real/rebuild_metadata.py
"""

from __future__ import annotations

import json
from pathlib import Path

REAL = Path(__file__).resolve().parent


def main() -> int:
    for part in sorted((REAL / "sources").glob("*.json")):
        rows = json.loads(part.read_text(encoding="utf-8"))
        by_event: dict[str, dict[str, dict]] = {}
        for row in rows:
            by_event.setdefault(row["event"], {})[row["file"]] = {
                "outlet": row.get("outlet"), "published": row.get("published"), "title": row.get("title"),
                "url": row.get("url")}
        for event, meta in by_event.items():
            folder = REAL / "texts" / event
            if not folder.is_dir():
                print(f"rebuild_metadata: {folder} missing; rebuild its texts first")
                continue
            (folder / "metadata.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n",
                                                  encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
