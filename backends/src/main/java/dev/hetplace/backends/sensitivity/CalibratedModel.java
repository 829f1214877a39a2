package dev.hetplace.backends.sensitivity;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.exec.ActivationScales;
import dev.hetplace.backends.exec.Calibration;
import dev.hetplace.backends.exec.CalibrationInputs;
import dev.hetplace.backends.exec.Executor;
import dev.hetplace.backends.exec.ModelWeights;
import dev.hetplace.backends.exec.SyntheticWeights;
import dev.hetplace.backends.exec.UnsupportedLayerException;
import dev.hetplace.backends.exec.WeightMode;
import dev.hetplace.backends.exec.WeightScaleStore;
import dev.hetplace.backends.quant.CalibrationMode;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.Opaque;
import dev.hetplace.ir.op.Upsample;
import java.util.Optional;

/**
 * A grouped model ready to execute in any precision: its weights, the inputs it is calibrated and checked on, and
 * the activation scales calibration chose from them. {@code modelHash}, {@code weightsId} and {@code inputsHash}
 * identify what a measurement on it depends on (see {@link SensitivityCache}).
 */
public record CalibratedModel(GroupedGraph grouped, ModelWeights weights, ActivationScales scales,
                              CalibrationInputs inputs, String modelHash, String weightsId, String inputsHash) {

    /** Seed of the default synthetic weights and calibration images. */
    public static final long DEFAULT_SEED = 1;
    /** Calibration images used when the user gives none. */
    public static final int DEFAULT_INPUTS = 8;

    /**
     * Resolves the weights ({@code mode}: the model's own, synthetic from {@code weightSeed}, or whichever exists)
     * and calibrates the activation scales on {@code inputs}. A weightless model asked for its own weights, or an
     * op without a kernel, fails with a one-line {@link IllegalArgumentException}.
     */
    public static CalibratedModel prepare(GroupedGraph grouped, WeightMode mode, long weightSeed,
                                          CalibrationMode calibration, CalibrationInputs inputs, Parallel par) {
        return prepare(grouped, mode, weightSeed, calibration, inputs, par, null);
    }

    /**
     * As above; synthetic weights take their normalizing factors from {@code weightScales} when it holds them for
     * this graph, seed and inputs, and leave them there when it does not (null: measured every time).
     */
    public static CalibratedModel prepare(GroupedGraph grouped, WeightMode mode, long weightSeed,
                                          CalibrationMode calibration, CalibrationInputs inputs, Parallel par,
                                          WeightScaleCache weightScales) {
        Graph g = grouped.graph();
        unexecutable(g).ifPresent(reason -> {
            throw new UnsupportedLayerException(reason);
        });
        String modelHash = ContentHash.graph(g);
        String inputsHash = ContentHash.inputs(inputs);
        WeightScaleStore store = weightScales == null ? WeightScaleStore.NONE
                : weightScales.store(modelHash, weightSeed, inputsHash, "model " + g.name() + ", seed " + weightSeed
                + ", inputs " + inputs.source());
        ModelWeights w = SyntheticWeights.resolve(g, mode, weightSeed, inputs, par, store);
        ActivationScales scales = Calibration.calibrate(g, w, inputs, calibration, par);
        String weightsId = w.source().isSynthetic() ? w.source().toString()
                : "onnx:" + ContentHash.weights(w.weights());
        return new CalibratedModel(grouped, w, scales, inputs, modelHash, weightsId, inputsHash);
    }

    /** Why the graph cannot run on the CPU kernels (an opaque op, an upsample mode without a kernel), if so. */
    public static Optional<String> unexecutable(Graph g) {
        for (Layer l : g.layers()) {
            if (l.op() instanceof Opaque o) {
                return Optional.of("layer '" + l.name() + "' (" + l.ref() + ") is op '" + o.opType()
                        + "', which hetplace does not model and cannot execute");
            }
            if (l.op() instanceof Upsample u && !"nearest".equals(u.mode())) {
                return Optional.of("layer '" + l.name() + "' (" + l.ref() + ") upsamples with mode '" + u.mode()
                        + "'; only nearest has a kernel");
            }
        }
        return Optional.empty();
    }

    public Graph graph() {
        return grouped.graph();
    }

    public CalibrationMode calibration() {
        return scales.mode();
    }

    /** An executor over these weights and scales. */
    public Executor executor(Parallel par) {
        return new Executor(weights, scales, par);
    }

    /** How reports name the numerics, e.g. {@code onnx weights, global-scale calibration, synthetic(seed=1, n=8) inputs}. */
    public String describe() {
        return weights.source() + " weights, " + calibration().id() + " calibration, " + inputs.source() + " inputs";
    }
}
