#!/usr/bin/env python3
"""The host-onnxruntime study: plans from ONNX Runtime-measured costs against all-fp32, all-int8 and TVM's rule
applied to a CPU (stem and dense fp32, the rest int8), each exported to ONNX and timed in ONNX Runtime.

One command from the repository root (builds the experiments jar first when it is missing):

    python3 experiments/specs/host-onnxruntime/run.py [--models resnet18,...] [--threads 1,2] [--rounds 20]
    python3 experiments/specs/host-onnxruntime/run.py --report-only      # report-table.md from results.csv

The study runs in one JVM (the experiments jar's HostOrtStudy): per model and thread count, the measurement
`place measure --runtime onnxruntime` makes, a host profile on exactly that table, six plans on it validated as
`--validate --runtime onnxruntime` validates them, their exports, and all six timed in ORT in interleaved rounds.
Writes results.csv and report-table.md next to this script, keeping the rows of (model, threads) pairs it does not
redo (work files in experiments/target/host-onnxruntime).
"""
import argparse
import csv
import io
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
WORK = os.path.join(ROOT, "experiments", "target", "host-onnxruntime")
JAR = os.path.join(ROOT, "experiments", "target", "hetplace-sweep.jar")
OUT = HERE
DEFAULT_MODELS = ["resnet18", "mobilenet_v2", "models/onnx/squeezenet1_1.onnx", "models/onnx/resnet18.onnx",
                  "models/onnx/mobilenet_v2.onnx", "models/onnx/googlenet.onnx", "models/onnx/resnet50.onnx",
                  "models/onnx/vgg16.onnx"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", default=",".join(DEFAULT_MODELS))
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--report-only", action="store_true", help="rewrite report-table.md from results.csv")
    ap.add_argument("--out", default=HERE, help="where results.csv and report-table.md go (default: next to this)")
    a = ap.parse_args()
    global OUT
    OUT = os.path.abspath(a.out)
    if a.report_only:
        write(previous_rows([], []))
        return
    if not os.path.exists(JAR):
        subprocess.run(["mvn", "-q", "-B", "-DskipTests", "-pl", "experiments", "-am", "package"], cwd=ROOT,
                       check=True)
    os.makedirs(WORK, exist_ok=True)
    os.makedirs(OUT, exist_ok=True)
    models, threads = a.models.split(","), [int(t) for t in a.threads.split(",")]
    rows = previous_rows(models, threads)
    java = subprocess.Popen(["java", "-Xss16m", "-cp", JAR, "dev.hetplace.experiments.ort.HostOrtStudy", a.models,
                             a.threads, str(a.rounds), WORK], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        header = java.stdout.readline()
        for line in java.stdout:
            e = next(csv.DictReader(io.StringIO(header + line)))
            e["onnx"] = os.path.relpath(os.path.join(ROOT, e["onnx"]), ROOT)
            typed(e)
            rows.append(e)
            print("%s t%d %s: predicted %.2f ms, measured %.2f ms (%+.1f%%)" % (
                e["model"], e["threads"], e["plan"], e["predicted_ms"], e["measured_ms"], e["error_pct"]),
                file=sys.stderr, flush=True)
            write(sorted(rows, key=lambda r: (r["model"], r["threads"])))
    except BaseException:
        java.kill()  # a failure here must not leave the study timing in the background
        raise
    if java.wait() != 0:
        sys.exit("HostOrtStudy exited %d" % java.returncode)


def typed(r):
    r["threads"], r["int8_groups"], r["groups"] = int(r["threads"]), int(r["int8_groups"]), int(r["groups"])
    for k in ("predicted_ms", "measured_ms", "p10_ms", "p90_ms", "error_pct"):
        r[k] = float(r[k])
    return r


def budget_met(row, budget):
    """A plan without int8 groups has no quantization noise (its validation reports no SQNR)."""
    if budget == "" or int(row["int8_groups"]) == 0:
        return True
    return row["measured_sqnr_db"] not in ("", None) and float(row["measured_sqnr_db"]) >= float(budget)


def acceptance(rows):
    """The issue's three acceptance checks, per optimum plan, from the measured figures."""
    errors = sorted(abs(r["error_pct"]) for r in rows)
    median = errors[len(errors) // 2] if len(errors) % 2 else (errors[len(errors) // 2 - 1] + errors[len(errors) // 2]) / 2
    out = ["Predicted vs ORT-measured latency over all %d plans: %d within 15%%, median |error| %.1f%% (target: all"
           " within 15%%, median <= 10%%)." % (len(rows), sum(1 for e in errors if e <= 15), median), "",
           "| model | threads | plan | budget met (measured SQNR) | fastest measured meeting the budget | plan's"
           " time over it |", "|---|---|---|---|---|---|"]
    for r in rows:
        if not r["plan"].startswith("optimum"):
            continue
        budget = r["budget_db"]
        same = [o for o in rows if o["model"] == r["model"] and o["threads"] == r["threads"] and budget_met(o, budget)]
        best = min(same, key=lambda o: o["measured_ms"]) if same else None
        over = 100.0 * (r["measured_ms"] - best["measured_ms"]) / best["measured_ms"] if best else float("nan")
        out.append("| %s | %d | %s | %s | %s (%.2f ms) | %+.1f%% |" % (
            r["model"], r["threads"], r["plan"], "n/a" if budget == "" else ("yes" if budget_met(r, budget) else "no")
            + (" (%s dB)" % r["measured_sqnr_db"] if r["measured_sqnr_db"] else " (no int8 group)"), best["plan"] if best else "-", best["measured_ms"] if best else 0,
            over))
    return out


def previous_rows(models, threads):
    """Rows of an earlier run for the (model, threads) pairs this run does not redo, so runs add up."""
    path = os.path.join(OUT, "results.csv")
    if not os.path.exists(path):
        return []
    with open(path, newline="") as f:
        return [typed(r) for r in csv.DictReader(f)
                if not (r["model"] in models and int(r["threads"]) in threads)]


def write(rows):
    fields = list(rows[0].keys())
    tmp = os.path.join(OUT, "results.csv.tmp")
    with open(tmp, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)
    os.replace(tmp, os.path.join(OUT, "results.csv"))
    lines = ["| model | threads | plan | int8 groups | stem | predicted ms | ORT median ms (p10-p90) | error | "
             "predicted SQNR | measured SQNR | load |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for e in rows:
        lines.append("| %s | %d | %s | %d/%d | %s | %.2f | %.2f (%.2f-%.2f) | %+.1f%% | %s | %s | %s-%s |" % (
            e["model"], e["threads"], e["plan"], e["int8_groups"], e["groups"], e["stem_precision"],
            e["predicted_ms"], e["measured_ms"], e["p10_ms"], e["p90_ms"], e["error_pct"],
            e["predicted_sqnr_db"], e["measured_sqnr_db"], e["load_before"], e["load_after"]))
    lines += [""] + acceptance(rows)
    tmp = os.path.join(OUT, "report-table.md.tmp")
    with open(tmp, "w") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, os.path.join(OUT, "report-table.md"))


if __name__ == "__main__":
    main()
