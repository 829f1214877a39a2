package dev.hetplace.backends.exec;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.quant.CalibrationMode;
import dev.hetplace.backends.quant.Requantize;
import dev.hetplace.ir.Graph;

/** Chooses every tensor's int8 scale: TVM's global scale, or max |x| over the calibration inputs. */
public final class Calibration {
    private Calibration() {
    }

    public static ActivationScales calibrate(Graph graph, ModelWeights weights, CalibrationInputs inputs,
                                             CalibrationMode mode, Parallel par) {
        if (mode == CalibrationMode.GLOBAL_SCALE) {
            return ActivationScales.globalScale(graph.size());
        }
        double[] maxAbs = new double[graph.size()];
        Executor fp32 = new Executor(weights, ActivationScales.globalScale(graph.size()), par);
        for (float[][] sample : inputs.samples()) {
            fp32.forEachFp32Layer(graph, sample, (id, t) -> {
                double m = maxAbs[id];
                for (float v : t.data()) {
                    m = Math.max(m, Math.abs(v));
                }
                maxAbs[id] = m;
            });
        }
        int[] log2 = new int[graph.size()];
        for (int i = 0; i < log2.length; i++) {
            log2[i] = Requantize.log2ForRange(maxAbs[i]);
        }
        return new ActivationScales(CalibrationMode.MAX, log2);
    }
}
