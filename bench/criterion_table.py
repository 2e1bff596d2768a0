#!/usr/bin/env python3
"""Criterion results of `cargo bench --bench pipeline` -> a markdown table of MB/s.

Rows are inputs, columns are pipeline stages, cells the median throughput in
MB/s (10^6 bytes per second of raw input), read from criterion's JSON files:

    python3 bench/criterion_table.py [${CARGO_TARGET_DIR:-target}/criterion]

Paste the output into benches/runs/<date>.md.
"""

import json
import os
import sys
from pathlib import Path

STAGES = ["decode", "layout", "lines", "blocks", "sections", "extract", "json", "end_to_end"]


def main() -> None:
    default = Path(os.environ.get("CARGO_TARGET_DIR", "target")) / "criterion"
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    table: dict[str, dict[str, float]] = {}
    inputs: list[str] = []
    for stage in STAGES:
        for bench in sorted((root / stage).glob("*/new/benchmark.json")):
            meta = json.loads(bench.read_text())
            median_ns = json.loads((bench.parent / "estimates.json").read_text())["median"]["point_estimate"]
            name = meta["function_id"]
            if name not in inputs:
                inputs.append(name)
            table.setdefault(name, {})[stage] = meta["throughput"]["Bytes"] / median_ns * 1e3
    if not table:
        sys.exit(f"no criterion results under {root}; run `cargo bench --bench pipeline` first")
    print("| input (MB/s) | " + " | ".join(STAGES) + " |")
    print("|---|" + "---:|" * len(STAGES))
    for name in inputs:
        cells = [format_mbps(table[name].get(stage)) for stage in STAGES]
        print(f"| {name} | " + " | ".join(cells) + " |")


def format_mbps(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if value >= 10 else f"{value:.2f}"


if __name__ == "__main__":
    main()
