#!/usr/bin/env python3
"""The host-onnxruntime study: plans from ONNX Runtime-measured costs against all-fp32, all-int8 and TVM's rule
applied to a CPU (stem and dense fp32, the rest int8), each exported to ONNX and timed in ONNX Runtime.

bin/sweep cannot express it (a sweep run neither exports nor times the exports), so this script drives bin/place
and the experiments jar's InterleavedOrtTiming. Re-run from the repository root:

    python3 experiments/specs/host-onnxruntime/run.py [--models resnet18,...] [--threads 1,2] [--rounds 20]

Per model and thread count: `place measure --runtime onnxruntime`, then for each plan `place --platform host
--targets cpu --validate --runtime onnxruntime --format json` (predicted latency and SQNR, measured SQNR, after
validation's re-planning) and the same command with `--export onnx`; then every plan's export is timed in ORT in
interleaved rounds. Writes results.csv and report-table.md next to this script (work files in target/).
"""
import argparse
import csv
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
WORK = os.path.join(ROOT, "experiments", "target", "host-onnxruntime")
JAR = os.path.join(ROOT, "experiments", "target", "hetplace-sweep.jar")
DEFAULT_MODELS = ["resnet18", "mobilenet_v2", "models/onnx/squeezenet1_1.onnx", "models/onnx/resnet18.onnx",
                  "models/onnx/mobilenet_v2.onnx", "models/onnx/googlenet.onnx", "models/onnx/resnet50.onnx",
                  "models/onnx/vgg16.onnx"]


def place(args):
    r = subprocess.run([os.path.join(ROOT, "bin", "place")] + args, cwd=ROOT, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("bin/place " + " ".join(args) + " exited " + str(r.returncode) + ": " + r.stderr.strip())
    return r.stdout


def plans(model, threads):
    """(name, extra options) of every plan; TVM's CPU rule pins by the names the all-int8 plan lists."""
    base = ["--model", model, "--platform", "host", "--targets", "cpu", "--cpu-threads", str(threads)]
    out = [("optimum", base), ("optimum-30dB", base + ["--min-sqnr", "30"]),
           ("optimum-40dB", base + ["--min-sqnr", "40"]), ("all-fp32", base + ["--precisions", "fp32"]),
           ("all-int8", base + ["--precisions", "int8"])]
    groups = json.loads(place(base + ["--precisions", "int8", "--format", "json"]))["plan"]["groups"]
    first_conv = next(g["group"] for g in groups if g["op"] == "conv2d")
    dense = [g["group"] for g in groups if g["op"] == "dense"]
    pins = []
    for g in groups:
        fp32 = g["group"] == first_conv or g["group"] in dense
        # the stem by TVM's counting (conv0): a group named conv1 would be read as TVM's second conv
        pins += ["--pin", ("conv0" if g["group"] == first_conv else g["group"]) + "=cpu:" + ("fp32" if fp32 else "int8")]
    out.append(("tvm-rule-cpu", base + pins))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", default=",".join(DEFAULT_MODELS))
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--report-only", action="store_true", help="rewrite report-table.md from results.csv")
    a = ap.parse_args()
    if a.report_only:
        write(previous_rows([], []))
        return
    os.makedirs(WORK, exist_ok=True)
    rows = previous_rows(a.models.split(","), [int(t) for t in a.threads.split(",")])
    for model in a.models.split(","):
        for threads in [int(t) for t in a.threads.split(",")]:
            place(["measure", "--runtime", "onnxruntime", "--model", model, "--cpu-threads", str(threads)])
            stem = os.path.basename(model).replace(".onnx", "") + ("-file" if model.endswith(".onnx") else "")
            entries = []
            for name, opts in plans(model, threads):
                onnx = os.path.join(WORK, "%s-t%d-%s.onnx" % (stem, threads, name))
                try:
                    d = json.loads(place(opts + ["--validate", "--runtime", "onnxruntime", "--format", "json"]))
                    # validation re-plans only under a budget; without one the exported plan is the same
                    checked = ["--validate", "--runtime", "onnxruntime"] if "--min-sqnr" in opts else []
                    place(opts + checked + ["--export", "onnx", "--onnx-activations", "uint8", "--out", onnx])
                except RuntimeError as failure:
                    print("%s t%d %s: no plan: %s" % (model, threads, name, failure), file=sys.stderr, flush=True)
                    continue
                p = d["plan"]
                int8 = sum(1 for g in p["groups"] if g["precision"] == "int8")
                stem_group = next(g for g in p["groups"] if g["op"] == "conv2d")
                v = p.get("validation", {})
                entries.append(dict(model=model, threads=threads, plan=name,
                                    budget_db=p["constraints"].get("minSqnrDb", ""),
                                    int8_groups=int8, groups=len(p["groups"]),
                                    stem_precision=stem_group["precision"],
                                    predicted_ms=p["totals"]["totalNs"] / 1e6,
                                    predicted_sqnr_db=p["totals"].get("predictedSqnrDb", ""),
                                    measured_sqnr_db=v.get("measuredSqnrDb", ""),
                                    replans=len(v.get("rejectedPlansMeasuredSqnrDb", [])), onnx=onnx))
                print("%s t%d %s: predicted %.2f ms" % (model, threads, name, entries[-1]["predicted_ms"]),
                      file=sys.stderr, flush=True)
            r = subprocess.run(["java", "-cp", JAR, "dev.hetplace.experiments.ort.InterleavedOrtTiming", str(threads),
                                str(a.rounds)] + [e["onnx"] for e in entries], capture_output=True, text=True,
                               check=True)
            timed = {row["file"]: row for row in csv.DictReader(r.stdout.splitlines())}
            for e in entries:
                t = timed[e["onnx"]]
                e.update(measured_ms=float(t["median_ms"]), p10_ms=float(t["p10_ms"]), p90_ms=float(t["p90_ms"]),
                         runs=int(t["runs"]), load_before=t["load_before"], load_after=t["load_after"])
                e["error_pct"] = 100.0 * (e["predicted_ms"] - e["measured_ms"]) / e["measured_ms"]
                e["onnx"] = os.path.relpath(e["onnx"], ROOT)
                rows.append(e)
            write(rows)


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
    path = os.path.join(HERE, "results.csv")
    if not os.path.exists(path):
        return []
    with open(path, newline="") as f:
        rows = [r for r in csv.DictReader(f) if not (r["model"] in models and int(r["threads"]) in threads)]
    for r in rows:
        r["threads"], r["int8_groups"], r["groups"] = int(r["threads"]), int(r["int8_groups"]), int(r["groups"])
        for k in ("predicted_ms", "measured_ms", "p10_ms", "p90_ms", "error_pct"):
            r[k] = float(r[k])
    return rows


def write(rows):
    fields = list(rows[0].keys())
    tmp = os.path.join(HERE, "results.csv.tmp")
    with open(tmp, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)
    os.replace(tmp, os.path.join(HERE, "results.csv"))
    lines = ["| model | threads | plan | int8 groups | stem | predicted ms | ORT median ms (p10-p90) | error | "
             "predicted SQNR | measured SQNR | load |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for e in rows:
        lines.append("| %s | %d | %s | %d/%d | %s | %.2f | %.2f (%.2f-%.2f) | %+.1f%% | %s | %s | %s-%s |" % (
            e["model"], e["threads"], e["plan"], e["int8_groups"], e["groups"], e["stem_precision"],
            e["predicted_ms"], e["measured_ms"], e["p10_ms"], e["p90_ms"], e["error_pct"],
            e["predicted_sqnr_db"], e["measured_sqnr_db"], e["load_before"], e["load_after"]))
    lines += [""] + acceptance(rows)
    tmp = os.path.join(HERE, "report-table.md.tmp")
    with open(tmp, "w") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, os.path.join(HERE, "report-table.md"))


if __name__ == "__main__":
    main()
