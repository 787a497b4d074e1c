"""Export stored documents, mentions and facts as JSON Lines, CSV or Parquet."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import Engine, select

from sitrep.store import schema

FORMATS = ("jsonl", "csv", "parquet")


def _rows(engine: Engine, table: Any) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(table))]


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    """Nested values (fact data) as JSON text, for tabular formats."""
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v
            for k, v in row.items()}


def export(engine: Engine, fmt: str, out: Path) -> list[Path]:
    """Write one file per table into `out`; returns the paths written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table in (schema.documents, schema.mentions, schema.facts):
        rows = _rows(engine, table)
        path = out / f"{table.name}.{fmt}"
        if fmt == "jsonl":
            with path.open("w", encoding="utf-8") as fh:
                for row in rows:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif fmt == "csv":
            with path.open("w", encoding="utf-8", newline="") as fh:
                writer = csv.DictWriter(fh, fieldnames=[c.name for c in table.columns])
                writer.writeheader()
                writer.writerows(_flat(r) for r in rows)
        else:
            columns = {c.name: [_flat(r)[c.name] for r in rows] for c in table.columns}
            pq.write_table(pa.table(columns), path)
        written.append(path)
    return written
