package dev.hetplace.experiments.ort;

import dev.hetplace.backends.measure.InterleavedRuns;
import java.util.Map;

/**
 * One plan of a study as it was predicted, exported and measured: where it ran (model, threads, or the machine
 * and provider of a GPU run), its name and kind, its groups' choices ({@code device:precision} by group name, as
 * exported), how many of them are int8 and how many group edges change precision, the predicted end-to-end latency
 * and its crossing part, the 1-minute load average before and after {@code place measure} took the costs it is
 * predicted from ({@code low-high}), the ORT timing, and the export's file.
 */
public record MeasuredPlan(String model, int threads, String plan, PlanKind kind, Map<String, String> choices,
                           int int8Groups, int precisionEdges, double predictedMs, double predictedCrossingMs,
                           String measureLoad, InterleavedRuns.Timing timing, String onnx) {
    public MeasuredPlan {
        choices = Map.copyOf(choices);
    }

    /** (predicted - measured) / measured, in percent. */
    public double errorPct() {
        return 100.0 * (predictedMs - timing.medianMs()) / timing.medianMs();
    }

    /** What a plan is, for comparing errors: additivity holds when the random mixes err no more than the rest. */
    public enum PlanKind {
        /** every group at one precision (the table's measurements were taken on these very exports) */
        PURE,
        /** the planner's optimum, with or without a budget */
        OPTIMUM,
        /** TVM's manual rule applied to a CPU */
        RULE,
        /** each group's precision drawn at random with a named seed */
        RANDOM;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
