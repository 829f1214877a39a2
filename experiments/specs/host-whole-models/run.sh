#!/bin/bash
# The host's whole-model rows priced against their measurement, per model and thread count: for each model, at 1
# and 2 threads, `place measure --runtime onnxruntime` in a cache of its own, then `place calibrate --platform host`
# on that table. Prints one line per whole-model row: model, plan, threads, measured us, priced us, error; then the
# count within 15% and the median absolute error. Run on an otherwise idle machine (about 80 s).
#   experiments/specs/host-whole-models/run.sh [MODEL ...]
set -euo pipefail
cd "$(dirname "$0")/../../.."
models=("$@")
if [ ${#models[@]} -eq 0 ]; then
  models=(models/onnx/resnet18.onnx models/onnx/squeezenet1_1.onnx models/onnx/googlenet.onnx
          models/onnx/mobilenet_v2.onnx resnet18 mobilenet_v2 models/onnx/resnet50.onnx)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(git rev-parse --short HEAD), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "model plan threads measured_us priced_us error"
for m in "${models[@]}"; do
  for t in 1 2; do
    cache="$work/$(basename "$m" .onnx)-$t"
    HETPLACE_CACHE="$cache" bin/place measure --runtime onnxruntime --model "$m" --cpu-threads "$t" > /dev/null
    HETPLACE_CACHE="$cache" bin/place calibrate --platform host | awk -v m="$(basename "$m")" \
      '$6 == "eager" && $4 ~ /^b[0-9]/ {print m, $3, $5, $7, $8, $9}'
  done
done | tee "$work/rows"
awk '{e = $6; gsub(/[%+]/, "", e); if (e < 0) e = -e; print e}' "$work/rows" | sort -n > "$work/errors"
awk '{n++; if ($1 <= 15) k++; a[n] = $1} END {printf "# %d of %d within 15%%, median |error| %.1f%%\n", k, n,
  (n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2)}' "$work/errors"
