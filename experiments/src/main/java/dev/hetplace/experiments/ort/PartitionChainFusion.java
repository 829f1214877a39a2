package dev.hetplace.experiments.ort;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.exec.CalibrationInputs;
import dev.hetplace.backends.exec.Sqnr;
import dev.hetplace.backends.exec.WeightMode;
import dev.hetplace.backends.ort.OrtSettings;
import dev.hetplace.backends.quant.CalibrationMode;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.planner.onnx.ActivationEncoding;
import dev.hetplace.planner.onnx.OnnxModels;
import dev.hetplace.planner.onnx.OnnxRun;
import dev.hetplace.planner.onnx.PlanExport;
import dev.hetplace.planner.run.ModelInput;
import dev.hetplace.planner.run.PlacementResult;
import dev.hetplace.planner.run.PlacementRunner;
import dev.hetplace.planner.run.PlacementSpec;
import dev.hetplace.planner.solve.PlanRequest;
import dev.hetplace.planner.validate.PlanValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether a plan's chained partitions equal its whole model in ONNX Runtime: the MODEL's plan on PLATFORM (targets
 * cpu,vta) exported with int8 and with uint8 activations, run on INPUTS seeded images whole and chained, with graph
 * optimizations off and at level ALL; prints the SQNR (dB) of each run against the whole model without
 * optimizations (the QDQ graph's plain semantics) and of chained against whole at level ALL.
 *
 * <p>Usage: {@code java -cp experiments/target/hetplace-sweep.jar
 * dev.hetplace.experiments.ort.PartitionChainFusion MODEL PLATFORM INPUTS}
 */
public final class PartitionChainFusion {
    private PartitionChainFusion() {
    }

    public static void main(String[] args) {
        String model = args[0];
        PlacementResult r = PlacementRunner.run(PlacementSpec.builder(model, List.of("cpu", "vta"),
                PlanRequest.latency()).platform(args[1]).build());
        ModelInput m = ModelInput.load(model);
        CalibratedModel cm = CalibratedModel.prepare(m.grouped(), WeightMode.AUTO, CalibratedModel.DEFAULT_SEED,
                CalibrationMode.MAX, CalibrationInputs.synthetic(m.graph(), Integer.parseInt(args[2]),
                        CalibratedModel.DEFAULT_SEED), Parallel.common());
        var plan = PlanValidator.executionPlan(r.plan(), r.problem().table().platform());
        OrtSettings plain = new OrtSettings(2, false, false, true);
        OrtSettings all = OrtSettings.threads(2);
        for (ActivationEncoding enc : ActivationEncoding.values()) {
            OnnxModels x = PlanExport.of(cm, plan, enc, "plan");
            Map<String, List<float[]>> out = new LinkedHashMap<>();
            for (float[][] s : cm.inputs().samples()) {
                out.computeIfAbsent("whole, no optimization", k -> new ArrayList<>()).add(run(x, s, false, plain));
                out.computeIfAbsent("chained, no optimization", k -> new ArrayList<>()).add(run(x, s, true, plain));
                out.computeIfAbsent("whole, level ALL", k -> new ArrayList<>()).add(run(x, s, false, all));
                out.computeIfAbsent("chained, level ALL", k -> new ArrayList<>()).add(run(x, s, true, all));
            }
            List<float[]> ref = out.get("whole, no optimization");
            System.out.printf(Locale.ROOT, "== %s activations, %d partitions%n", enc.id(), x.partitions().size());
            out.forEach((k, v) -> System.out.printf(Locale.ROOT, "   %-26s vs whole unoptimized: %s%n", k,
                    db(ref, v)));
            System.out.printf(Locale.ROOT, "   chained vs whole, both at level ALL: %s%n",
                    db(out.get("whole, level ALL"), out.get("chained, level ALL")));
        }
    }

    private static String db(List<float[]> ref, List<float[]> test) {
        boolean same = true;
        for (int i = 0; i < ref.size(); i++) {
            same &= java.util.Arrays.equals(ref.get(i), test.get(i));
        }
        return same ? "bit-identical" : String.format(Locale.ROOT, "%.2f dB", Sqnr.db(ref, test));
    }

    private static float[] run(OnnxModels x, float[][] sample, boolean chained, OrtSettings settings) {
        return OnnxRun.outputs(x, sample, chained, settings).get(0);
    }
}
