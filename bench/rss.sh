#!/usr/bin/env bash
# bench/rss.sh: peak memory of `avtale convert` over a large generated corpus.
#
# Batch memory must be bounded by the largest file, not by the corpus: this
# converts COUNT files (default 100,000: ~580 MB of text, ~750 MB on disk) as
# JSON Lines to /dev/null and prints the peak RSS of the process. Run it with
# two COUNTs to see that the peak does not grow with the corpus.
#
# Usage: bench/rss.sh                 (COUNT=100000 SEED=3 JOBS=2)
#        COUNT=10000 bench/rss.sh
# Needs ~1 GB free in WORK (default: a fresh temporary directory, removed
# at the end unless KEEP=1; an existing corpus in WORK/corpus is reused).
set -euo pipefail

COUNT=${COUNT:-100000}
SEED=${SEED:-3}
JOBS=${JOBS:-2}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
WORK=${WORK:-$(mktemp -d -t avtale-rss.XXXXXX)}
if [[ "${KEEP:-0}" != 1 ]]; then
    trap 'rm -rf "$WORK"' EXIT
fi

(cd "$ROOT" && cargo build --quiet --release --bin avtale --example gen_corpus)
AVTALE="$TARGET/release/avtale"
if ! "$AVTALE" convert --help >/dev/null 2>&1; then
    echo "bench/rss.sh: this avtale has no convert command" >&2
    exit 2
fi
if [[ ! -f "$WORK/corpus/MANIFEST.tsv" ]]; then
    "$TARGET/release/examples/gen_corpus" --seed "$SEED" --count "$COUNT" --out "$WORK/corpus"
fi
BYTES=$(awk -F'\t' 'NR > 1 { s += $5 } END { print s }' "$WORK/corpus/MANIFEST.tsv")
LARGEST=$(awk -F'\t' 'NR > 1 && $5 > m { m = $5 } END { print m }' "$WORK/corpus/MANIFEST.tsv")
FILES=$(($(wc -l < "$WORK/corpus/MANIFEST.tsv") - 1))

/usr/bin/time -f '%e %U %S %M' -o "$WORK/usage" \
    "$AVTALE" convert "$WORK/corpus" --glob '*.txt' --jobs "$JOBS" --force --quiet --jsonl - > /dev/null
read -r wall user sys rss < "$WORK/usage"
echo "avtale convert --jobs $JOBS: $FILES files, $((BYTES / 1000000)) MB (largest $((LARGEST / 1024)) KiB)"
echo "wall ${wall} s, cpu $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') s, $(awk -v b="$BYTES" -v w="$wall" 'BEGIN { printf "%.1f", b / 1e6 / w }') MB/s wall"
echo "peak RSS $((rss / 1024)) MiB   (target < 200 MiB)"
