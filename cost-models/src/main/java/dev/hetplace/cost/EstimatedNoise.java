package dev.hetplace.cost;

import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.Layer;

/**
 * A per-group noise estimate from bit widths and fan-in, used until measured sensitivities exist. A uniform
 * quantizer with step {@code 2 * R / 2^b} over a range of {@code R} signal standard deviations adds noise power
 * {@code step^2 / 12} relative to the signal; a quantized group adds it for its input and its weights, and its
 * accumulation over {@code fanIn} products adds the rounding of the requantized output once more per doubling
 * of fan-in beyond 2^8 (int32 accumulators are exact up to there). Floating formats add the relative rounding
 * error of their mantissa, {@code 2^-2m / 3}. Every group's noise is assumed to reach the output unamplified.
 */
public final class EstimatedNoise implements NoiseModel {
    /** Clipping range in standard deviations (TVM's global scale of 8 on unit-variance activations is +-8). */
    private static final double RANGE_SIGMAS = 8.0;

    @Override
    public long noisePpb(GroupedGraph graph, Group group, Precision precision) {
        double nsr = switch (precision) {
            case FP32 -> 0;
            case TF32 -> 2 * mantissaNoise(10);
            case FP16 -> 2 * mantissaNoise(10);
            case BF16 -> 2 * mantissaNoise(7);
            case INT8 -> quantized(graph, group, 8);
        };
        return Math.round(nsr * 1e9);
    }

    private static double mantissaNoise(int mantissaBits) {
        return Math.pow(2, -2.0 * mantissaBits) / 3.0;
    }

    private static double quantized(GroupedGraph graph, Group group, int bits) {
        double step = 2 * RANGE_SIGMAS / Math.pow(2, bits);
        double perTensor = step * step / 12.0;
        long fanIn = fanIn(graph, group);
        double accumulation = Math.max(0, Math.log(fanIn) / Math.log(2) - 8) * perTensor / 8;
        boolean hasWeights = graph.graph().params(graph.anchor(group)) > 0;
        return perTensor * (hasWeights ? 2 : 1) + accumulation;
    }

    private static long fanIn(GroupedGraph graph, Group group) {
        Layer anchor = graph.anchor(group);
        long out = anchor.output().elements();
        long macs = graph.graph().macs(anchor);
        return out == 0 || macs == 0 ? 1 : Math.max(1, macs / out);
    }

    @Override
    public boolean measured() {
        return false;
    }

    @Override
    public String describe() {
        return "estimate from bit widths and fan-in";
    }
}
