#!/usr/bin/env bash
# Mixed GPU/CPU plans of resnet18 (issue 15) and its whole export per GPU precision (issue 12) in ONNX Runtime's
# CUDA provider, beside their x86-h200 predictions. Never run in CI. See experiments/gpu/README.md.
#
#   experiments/gpu/run.sh --machine NAME [--gpu-jar onnxruntime_gpu-1.24.2.jar] [--rounds 20] [--mixes 2] [--out F.csv]
#   experiments/gpu/run.sh --dry-run [--ort-jar onnxruntime-1.24.2.jar] [--model lenet]   # the same flow, CPU provider
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SWEEP="$ROOT/experiments/target/hetplace-sweep.jar"
ORT_VERSION=1.24.2
M2="${M2_REPO:-$HOME/.m2/repository}/com/microsoft/onnxruntime"
dry=0 machine="" gpu_jar="$M2/onnxruntime_gpu/$ORT_VERSION/onnxruntime_gpu-$ORT_VERSION.jar"
cpu_jar="$M2/onnxruntime/$ORT_VERSION/onnxruntime-$ORT_VERSION.jar" rounds=20 mixes=2 seed=15 model=resnet18 out=""
die() { echo "run.sh: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) dry=1 ;;
    --machine) machine="${2:?--machine needs a name}"; shift ;;
    --gpu-jar) gpu_jar="${2:?--gpu-jar needs a path}"; shift ;;
    --ort-jar) cpu_jar="${2:?--ort-jar needs a path}"; shift ;;
    --rounds) rounds="${2:?}"; shift ;;
    --mixes) mixes="${2:?}"; shift ;;
    --seed) seed="${2:?}"; shift ;;
    --model) model="${2:?}"; shift ;;
    --out) out="${2:?}"; shift ;;
    *) die "unknown option '$1' (see the header of $0)" ;;
  esac
  shift
done
[ -f "$SWEEP" ] || die "$SWEEP is missing: build it with 'mvn -q -B -DskipTests -pl experiments -am package'"
command -v java >/dev/null || die "java (17 or newer) is not on PATH"
PY=$(command -v python3 || true)
[ -n "$PY" ] || die "python3 is needed to assemble the class path (it copies the sweep jar without ONNX Runtime's CPU build)"
work="$ROOT/experiments/target/gpu-run"
mkdir -p "$work"

if [ $dry = 1 ]; then
  provider=cpu ort_jar="$cpu_jar" machine="${machine:-dry-run-$(hostname)}"
  out="${out:-$work/dry-run.csv}"
else
  provider=cuda ort_jar="$gpu_jar"
  [ -n "$machine" ] || die "--machine NAME is required (it names the results file and every row), e.g. --machine lambda-h100-80g"
  command -v nvidia-smi >/dev/null || die "nvidia-smi not found: this is not an NVIDIA GPU machine (use --dry-run to check the flow)"
  for lib in libcudart.so.12 libcublasLt.so.12 libcublas.so.12 libcufft.so.11 libcurand.so.10 libcudnn.so.9; do
    ldconfig -p 2>/dev/null | grep -q "$lib" || [ -n "$(find ${LD_LIBRARY_PATH//:/ } -maxdepth 1 -name "$lib*" 2>/dev/null | head -1)" ] \
      || echo "run.sh: warning: $lib is neither in ldconfig's cache nor on LD_LIBRARY_PATH; ORT's CUDA provider needs CUDA 12 and cuDNN 9" >&2
  done
  out="${out:-$ROOT/experiments/gpu/results/$machine.csv}"
fi
[ -f "$ort_jar" ] || die "$ort_jar is missing: fetch it where there is internet with 'mvn dependency:get -Dartifact=com.microsoft.onnxruntime:onnxruntime$([ $dry = 1 ] || echo _gpu):$ORT_VERSION -Dtransitive=false' and carry it here"

# The sweep jar bundles ONNX Runtime's CPU build (classes and natives); the class path gets it without them and the
# chosen ONNX Runtime jar in their place, so exactly one ai.onnxruntime build is on it.
stripped="$work/hetplace-sweep-without-ort.jar"
if [ ! -f "$stripped" ] || [ "$SWEEP" -nt "$stripped" ]; then
  "$PY" - "$SWEEP" "$stripped.tmp" <<'PY'
import sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as b:
    for e in a.infolist():
        if not e.filename.startswith(("ai/onnxruntime/", "META-INF/maven/com.microsoft.onnxruntime/")):
            b.writestr(e, a.read(e.filename))
PY
  mv "$stripped.tmp" "$stripped"
fi
mkdir -p "$(dirname "$out")"
{
  echo "machine: $machine"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "hetplace commit: $(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)"
  echo "onnxruntime jar: $(basename "$ort_jar") ($(sha256sum "$ort_jar" | cut -c1-16))"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores"
  if [ $dry = 0 ]; then nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | sed 's/^/gpu: /'; fi
  echo "command: java -cp $(basename "$ort_jar"):$(basename "$stripped") dev.hetplace.experiments.ort.GpuPlanTiming $provider $model $rounds $mixes $seed $machine"
} > "${out%.csv}.machine.txt"
java -Xss16m -cp "$ort_jar:$stripped" dev.hetplace.experiments.ort.GpuPlanTiming "$provider" "$model" "$rounds" \
  "$mixes" "$seed" "$machine" "$out"
echo "run.sh: figures in $out, the machine in ${out%.csv}.machine.txt" >&2
