package dev.hetplace.backends.exec;

import dev.hetplace.backends.quant.CalibrationMode;

/**
 * The calibrated int8 scale of every layer's output tensor (graph inputs included), as log2 of the
 * power-of-two scale, indexed by layer id, and the mode that chose them.
 */
public record ActivationScales(CalibrationMode mode, int[] log2ByLayer) {

    public ActivationScales {
        log2ByLayer = log2ByLayer.clone();
    }

    public int log2(int layerId) {
        return log2ByLayer[layerId];
    }

    /** TVM's default: the same range 8.0 (scale 2^-4) for every tensor of the graph. */
    public static ActivationScales globalScale(int layers) {
        int[] s = new int[layers];
        java.util.Arrays.fill(s, CalibrationMode.GLOBAL_SCALE_LOG2);
        return new ActivationScales(CalibrationMode.GLOBAL_SCALE, s);
    }

    @Override
    public int[] log2ByLayer() {
        return log2ByLayer.clone();
    }
}
