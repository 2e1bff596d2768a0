#!/usr/bin/env bash
# bench/rss.sh: peak memory of `avtale convert` over large generated corpora.
#
# Batch memory must be bounded by the largest file, not by the corpus. For
# each COUNT (default: 10,000 then 100,000 files; 100k is ~580 MB of text)
# this converts the corpus as JSON Lines to /dev/null and, with MODES=both,
# into a fresh --out directory with a --report, and prints the peak RSS of
# the process. The peak should not grow with the corpus: compare the rows.
#
# Usage: bench/rss.sh                          (COUNTS="10000 100000" SEED=3 JOBS=2 MODES=both ISOLATE=0)
#        COUNTS=100000 MODES=jsonl bench/rss.sh
# Needs ~0.75 GB per 100k files for the corpus in WORK, plus ~2.3 GB per 100k
# for --out (removed right after each run). WORK defaults to a fresh
# temporary directory, removed at the end unless KEEP=1; an existing corpus
# in WORK/corpus-COUNT is reused.
set -euo pipefail

COUNTS=${COUNTS:-${COUNT:-10000 100000}}
SEED=${SEED:-3}
JOBS=${JOBS:-2}
MODES=${MODES:-both}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
WORK=${WORK:-$(mktemp -d -t avtale-rss.XXXXXX)}
if [[ "${KEEP:-0}" != 1 ]]; then
    trap 'rm -rf "$WORK"' EXIT
fi

# ISOLATE=1 (root, Linux): give this script's session priority over the other
# sessions on a shared machine. The kernel shares CPU between sessions
# (autogroups) first, so a plain `nice` does not help against other builds.
if [[ "${ISOLATE:-0}" == 1 ]]; then
    echo -20 > /proc/self/autogroup
fi

(cd "$ROOT" && cargo build --quiet --release --bin avtale --example gen_corpus)
AVTALE="$TARGET/release/avtale"
if ! "$AVTALE" convert --help >/dev/null 2>&1; then
    echo "bench/rss.sh: this avtale has no convert command" >&2
    exit 2
fi

# measure LABEL FILES BYTES command...: one result line.
measure() {
    local label=$1 files=$2 bytes=$3 wall user sys rss
    shift 3
    /usr/bin/time -f '%e %U %S %M' -o "$WORK/usage" "$@" > /dev/null
    read -r wall user sys rss < "$WORK/usage"
    printf '%-8s %8s files %5s MB  wall %7s s  cpu %7s s  %6s MB/s  peak RSS %4s MiB\n' \
        "$label" "$files" "$((bytes / 1000000))" "$wall" \
        "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" \
        "$(awk -v b="$bytes" -v w="$wall" 'BEGIN { printf "%.1f", b / 1e6 / w }')" "$((rss / 1024))"
}

echo "avtale convert --jobs $JOBS — $(date -u +%Y-%m-%dT%H:%MZ) — $(nproc) cores — load $(cut -d' ' -f1-3 /proc/loadavg) — $(git -C "$ROOT" rev-parse --short HEAD)"
for COUNT in $COUNTS; do
    CORPUS="$WORK/corpus-$COUNT"
    if [[ ! -f "$CORPUS/MANIFEST.tsv" ]]; then
        "$TARGET/release/examples/gen_corpus" --seed "$SEED" --count "$COUNT" --out "$CORPUS" > /dev/null
    fi
    BYTES=$(awk -F'\t' 'NR > 1 { s += $5 } END { print s }' "$CORPUS/MANIFEST.tsv")
    LARGEST=$(awk -F'\t' 'NR > 1 && $5 > m { m = $5 } END { print m }' "$CORPUS/MANIFEST.tsv")
    FILES=$(($(wc -l < "$CORPUS/MANIFEST.tsv") - 1))
    echo "corpus: $FILES files, $((BYTES / 1000000)) MB, largest $((LARGEST / 1024)) KiB"
    measure jsonl "$FILES" "$BYTES" \
        "$AVTALE" convert "$CORPUS" --glob '*.txt' --jobs "$JOBS" --force --quiet --jsonl -
    if [[ $MODES == both ]]; then
        measure out "$FILES" "$BYTES" \
            "$AVTALE" convert "$CORPUS" --glob '*.txt' --jobs "$JOBS" --force --quiet \
            --out "$WORK/out-$COUNT" --report "$WORK/report-$COUNT.json"
        echo "         report: $(wc -c < "$WORK/report-$COUNT.json") bytes, $(grep -c '"input":' "$WORK/report-$COUNT.json") entries"
        rm -rf "$WORK/out-$COUNT" "$WORK/report-$COUNT.json"
    fi
done
echo "target: peak RSS < 200 MiB and about the same at every COUNT"
