#!/usr/bin/env bash
# Re-runs the exact-quality-corpus study over every models/corpus/*.onnx (a model added to the corpus is picked up)
# and replaces this folder's results and report with the new ones; on failure nothing here changes.
# Usage (from anywhere): experiments/specs/exact-quality-corpus/rerun.sh [--threads N]   (default 1 thread)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
study="$root/experiments/specs/exact-quality-corpus"
threads=1
if [ "${1:-}" = "--threads" ]; then threads="${2:?--threads needs a number}"; fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
bin/sweep run experiments/specs/exact-quality-corpus.json --out "$work/out" --threads "$threads"
load_after="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
bin/sweep report "$work/out" --no-svg
printf 'load average (1, 5, 15 min) before the sweep: %s; after: %s; cores: %s\n' "$load_before" "$load_after" \
  "$(nproc)" > "$work/out/machine-load.txt"
printf '\n## Machine load\n\n%s\n' "$(cat "$work/out/machine-load.txt")" >> "$work/out/report.md"
rm -rf "$study/figures"
for f in results.jsonl results.csv spec.json sweep-log.jsonl report.md machine-load.txt figures; do
  if [ -e "$work/out/$f" ]; then
    rm -rf "$study/$f.new"
    cp -r "$work/out/$f" "$study/$f.new"
    rm -rf "$study/$f"
    mv "$study/$f.new" "$study/$f"
  fi
done
echo "exact-quality-corpus: results and report in $study"
