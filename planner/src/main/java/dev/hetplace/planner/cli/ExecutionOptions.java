package dev.hetplace.planner.cli;

import dev.hetplace.backends.exec.WeightMode;
import dev.hetplace.backends.quant.CalibrationMode;
import dev.hetplace.planner.numerics.ExecutionSettings;
import dev.hetplace.planner.numerics.NoiseMode;
import dev.hetplace.planner.validate.ExecutionRuntime;
import dev.hetplace.planner.validate.OrtExecution;
import dev.hetplace.planner.validate.SimulatedVta;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that say how the model executes: measured noise, validation, weights, calibration and inputs. */
public final class ExecutionOptions {
    @Option(names = "--validate", description = "execute the chosen plan and the fp32 model on the calibration inputs"
            + " and report measured SQNR and top-1 agreement next to the predicted SQNR")
    boolean validate;

    @Option(names = "--replans", defaultValue = "3", paramLabel = "N", description = "with --validate and --min-sqnr:"
            + " when the executed plan measures below the budget, re-plan with a tightened budget at most N times"
            + " (0: only check; default: ${DEFAULT-VALUE})")
    int replans;

    @Option(names = "--simulate-vta", description = "with --validate: run the plan's VTA groups on the VTA"
            + " simulator (functional simulation, cycles counted) instead of the CPU int8 kernels")
    boolean simulateVta;

    @Option(names = "--runtime", defaultValue = "java", paramLabel = "RUNTIME", description = "with --validate: java"
            + " (the project's executor, default) or onnxruntime (export the plan to ONNX and run it and the fp32"
            + " model in ONNX Runtime's CPU provider; prints measured latency too)")
    ExecutionRuntime runtime;

    @Option(names = "--noise", defaultValue = "auto", paramLabel = "SOURCE", description = "per-group noise: measured"
            + " (execute the model on the calibration inputs; cached), onnxruntime (each group's QDQ export run in ONNX"
            + " Runtime; cached), estimate, or auto (default: measured when"
            + " --min-sqnr or --validate is given and the model can execute)")
    NoiseMode noise;

    @Option(names = "--weights", paramLabel = "SOURCE",
            description = "onnx (the model's own) or synthetic (seeded); default: onnx when the model has weights")
    String weights;

    @Option(names = "--calibration", defaultValue = "global-scale", paramLabel = "MODE",
            description = "activation scales: global-scale (TVM's default, range 8.0) or max (per tensor)")
    CalibrationMode calibration;

    @Option(names = "--inputs", paramLabel = "DIR", description = "calibration inputs: .bin/.raw (little-endian"
            + " float32) or .npy files, one per sample (default: seeded synthetic images)")
    Path inputs;

    @Option(names = "--calibration-samples", defaultValue = "8", paramLabel = "N",
            description = "how many seeded synthetic images calibrate and validate (default: ${DEFAULT-VALUE})")
    int samples;

    ExecutionSettings settings(PrintWriter err) {
        ExecutionSettings.Builder s = ExecutionSettings.builder()
                .noise(noise)
                .weights(weights == null ? WeightMode.AUTO : parseWeights(weights))
                .calibration(calibration)
                .validate(validate)
                .maxReplans(replans)
                .progress(ProgressDisplay.forConsole(err));
        if (simulateVta && !validate) {
            throw new IllegalArgumentException("--simulate-vta needs --validate (it changes how the plan is validated)");
        }
        if (runtime == ExecutionRuntime.ONNXRUNTIME && (!validate || simulateVta)) {
            throw new IllegalArgumentException(validate ? "--runtime onnxruntime and --simulate-vta exclude each other"
                    : "--runtime onnxruntime needs --validate (it says where the plan is validated)");
        }
        if (simulateVta) {
            s.planExecution(new SimulatedVta());
        }
        if (runtime == ExecutionRuntime.ONNXRUNTIME) {
            s.planExecution(new OrtExecution());
        }
        if (samples < 1) {
            throw new IllegalArgumentException("--calibration-samples must be at least 1, got " + samples);
        }
        dev.hetplace.planner.run.WorkLimit.CALIBRATION_SAMPLES.check(samples, "--calibration-samples " + samples);
        if (replans < 0) {
            throw new IllegalArgumentException("--replans must be 0 or more, got " + replans);
        }
        return s.inputCount(samples).inputs(inputs).build();
    }

    private static WeightMode parseWeights(String s) {
        WeightMode m;
        try {
            m = WeightMode.parse(s);
        } catch (IllegalArgumentException e) {
            m = null;
        }
        if (m == null || m == WeightMode.AUTO) {
            throw new IllegalArgumentException("--weights must be onnx or synthetic, got '" + s + "'");
        }
        return m;
    }
}
