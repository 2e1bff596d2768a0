#!/usr/bin/env python3
"""DuckDB proof: avtale's JSON Lines and obligations table feed a real analytical engine.

Usage: duckdb_check.py DOCUMENTS.jsonl OBLIGATIONS.csv

Counts obligation items (and the documents they come from) per actor, across
all documents, three ways, and checks that all three agree:

1. Python, walking the JSON documents' section trees directly (no DuckDB);
2. DuckDB SQL over the obligations CSV, joined to the loaded JSON Lines on
   `source_sha256` (every row must join);
3. DuckDB SQL over the JSON Lines alone, walking the section tree with a
   recursive CTE.

An actor is the `;`-joined list of party ids, as in the CSV's `actors` column.
Prints the per-actor table and, on the last line, a JSON summary
{"documents": N, "rows": N, "actors": {actor: [items, documents]}}.
Exit codes: 0 agree, 1 disagree, 2 usage, 3 the duckdb module is missing.
"""

import json
import sys


def from_json(path):
    """Items and documents per actor, computed from the JSON documents alone."""
    items, documents, count = {}, {}, 0
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            doc = json.loads(line)
            count += 1
            stack = list(doc["sections"])
            while stack:
                section = stack.pop()
                stack.extend(section["sections"])
                for block in section["blocks"]:
                    if block["type"] != "obligations":
                        continue
                    actor = ";".join(block["actor"]["parties"])
                    items[actor] = items.get(actor, 0) + len(block["items"])
                    documents.setdefault(actor, set()).add(doc["source"]["sha256"])
    # An obligations block without items has no row in the table: drop such actors.
    return count, {a: (n, len(documents[a])) for a, n in items.items() if n > 0}


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    jsonl, csv = argv[1], argv[2]
    try:
        import duckdb
    except ImportError:
        print("duckdb_check: the duckdb Python module is missing (python3 -m pip install duckdb)", file=sys.stderr)
        return 3

    count, direct = from_json(jsonl)
    db = duckdb.connect()
    db.execute(
        "CREATE TABLE documents AS SELECT json->>'$.source.sha256' AS sha256, json->>'$.source.name' AS name, json "
        "FROM read_ndjson_objects(?)",
        [jsonl],
    )
    # all_varchar: an empty table (header only) and ids that look like numbers load alike.
    db.execute("CREATE TABLE obligations AS SELECT * FROM read_csv(?, header = true, all_varchar = true)", [csv])
    loaded = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    rows = db.execute("SELECT count(*) FROM obligations").fetchone()[0]
    unjoined = db.execute(
        "SELECT count(*) FROM obligations o ANTI JOIN documents d ON d.sha256 = o.source_sha256"
    ).fetchone()[0]

    from_csv = {
        actor: (items, docs)
        for actor, items, docs in db.execute(
            """
            SELECT coalesce(o.actors, '') AS actor, count(*) AS items, count(DISTINCT d.sha256) AS documents
            FROM obligations o JOIN documents d ON d.sha256 = o.source_sha256
            GROUP BY actor ORDER BY actor
            """
        ).fetchall()
    }
    from_sql = {
        actor: (items, docs)
        for actor, items, docs in db.execute(
            """
            WITH RECURSIVE sections(sha256, section) AS (
                SELECT d.sha256, s.value FROM documents d, json_each(d.json, '$.sections') s
                UNION ALL
                SELECT p.sha256, c.value FROM sections p, json_each(p.section, '$.sections') c
            ),
            blocks AS (
                SELECT s.sha256, b.value AS block FROM sections s, json_each(s.section, '$.blocks') b
                WHERE b.value->>'$.type' = 'obligations'
            )
            SELECT array_to_string(CAST(block->'$.actor.parties' AS VARCHAR[]), ';') AS actor,
                   sum(json_array_length(block, '$.items'))::BIGINT AS items,
                   count(DISTINCT sha256) AS documents
            FROM blocks GROUP BY actor HAVING items > 0 ORDER BY actor
            """
        ).fetchall()
    }

    print(f"{loaded} documents loaded into DuckDB ({count} in the file), {rows} obligation rows")
    print(f"{'actor':40} {'items':>6} {'docs':>5}")
    for actor, (items, docs) in sorted(direct.items()):
        print(f"{actor or '(none)':40} {items:>6} {docs:>5}")

    failures = []
    if loaded != count:
        failures.append(f"DuckDB loaded {loaded} documents, the file has {count}")
    if unjoined:
        failures.append(f"{unjoined} CSV rows have a source_sha256 that matches no document")
    if rows != sum(items for items, _ in direct.values()):
        failures.append(f"the CSV has {rows} rows, the JSON {sum(i for i, _ in direct.values())} obligation items")
    if from_csv != direct:
        failures.append(f"CSV in DuckDB {from_csv} != JSON in Python {direct}")
    if from_sql != direct:
        failures.append(f"JSON in DuckDB {from_sql} != JSON in Python {direct}")
    for failure in failures:
        print("MISMATCH:", failure, file=sys.stderr)
    summary = {"documents": count, "rows": rows, "actors": {a: list(v) for a, v in sorted(direct.items())}}
    print(json.dumps(summary, ensure_ascii=False))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
