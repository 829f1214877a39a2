package dev.hetplace.planner.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.exec.Sqnr;
import dev.hetplace.backends.ort.OrtRunException;
import dev.hetplace.backends.ort.OrtSettings;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.hw.Precision;
import dev.hetplace.planner.testing.OrtInt8Kernels;
import dev.hetplace.ir.onnx.ShippedModels;
import dev.hetplace.planner.run.PlacementResult;
import dev.hetplace.planner.run.PlacementRunner;
import dev.hetplace.planner.run.PlacementSpec;
import dev.hetplace.planner.solve.PlanRequest;
import dev.hetplace.planner.validate.PlanValidator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exports run in ONNX Runtime 1.24.2's CPU provider, against the project's fp32 executor. */
class OnnxRuntimeAcceptanceTest {
    /**
     * Models whose all-int8 export ORT 1.24.2 runs wrongly at level ALL on a CPU with AMX-INT8 ({@link
     * OrtInt8Kernels#amx}): yolov3-tiny's two detection-head convs (1x1, 255 output channels) differ from ORT's own
     * unfused run of the same QDQ graph by 4.5x and 6.0x the largest value (Xeon with AMX, 2026-12-02; every earlier
     * QLinearConv within a quantization step), and the output's max relative error is 2.04. There the export is
     * checked by the unfused run, which computes exactly what its QDQ nodes say (max relative error 0.15).
     */
    private static final java.util.Set<String> AMX_KERNEL_DIVERGES = java.util.Set.of("yolov3-tiny");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"googlenet.onnx", "mobilenet_v2.onnx", "resnet18.onnx", "resnet50.onnx",
            "squeezenet1_1.onnx", "vgg16.onnx", "resnet18", "mobilenet_v2", "yolov3-tiny"})
    void everyPrecisionLoadsAndRunsAndFp32MatchesTheExecutor(String model) {
        String spec = model.endsWith(".onnx") ? ShippedModels.path(model).toString() : model;
        CalibratedModel m = OnnxTestModels.calibrated(spec, 1);
        float[][] sample = m.inputs().sample(0);
        List<float[]> reference = m.executor(Parallel.common()).runFp32(m.graph(), sample);
        for (Precision p : List.of(Precision.FP32, Precision.FP16, Precision.INT8)) {
            List<float[]> ort = OnnxTestModels.run(OnnxTestModels.uniform(m, p), sample, false, OrtSettings.threads(2));
            assertThat(ort).hasSameSizeAs(reference);
            for (int o = 0; o < ort.size(); o++) {
                assertThat(ort.get(o)).as("%s %s output %d", model, p.id(), o).hasSameSizeAs(reference.get(o));
                double err = OnnxTestModels.maxRelativeError(ort.get(o), reference.get(o));
                double limit = switch (p) {
                    case FP32 -> 1e-4;
                    case FP16 -> 1e-2;
                    default -> 1.0;
                };
                String what = model + " " + p.id() + " output " + o + " max relative error";
                if (p == Precision.INT8 && OrtInt8Kernels.amx() && AMX_KERNEL_DIVERGES.contains(model)) {
                    err = OnnxTestModels.maxRelativeError(OnnxTestModels.run(OnnxTestModels.uniform(m, p), sample,
                            false, new OrtSettings(2, false, false, true)).get(o), reference.get(o));
                    what += " (unfused: ORT's AMX int8 kernel diverges here)";
                }
                assertThat(err).as(what).isLessThanOrEqualTo(limit);
            }
        }
    }

    /** resnet18 (synthetic weights, max calibration on 4 seeded images), every group int8, in ORT against fp32. */
    @Test
    void anAllInt8PlanMeasuresItsPinnedSqnrInOrt() {
        CalibratedModel m = OnnxTestModels.calibrated("resnet18", 4);
        OnnxModels int8 = OnnxTestModels.uniform(m, Precision.INT8);
        OnnxModels fp32 = OnnxTestModels.uniform(m, Precision.FP32);
        List<float[]> ref = new ArrayList<>();
        List<float[]> low = new ArrayList<>();
        for (float[][] s : m.inputs().samples()) {
            ref.add(OnnxTestModels.run(fp32, s, false, OrtSettings.threads(2)).get(0));
            low.add(OnnxTestModels.run(int8, s, false, OrtSettings.threads(2)).get(0));
        }
        assertSqnrNear("resnet18 all-int8 in ORT", ref, low, pinnedInt8SqnrDb(), 0.5);
    }

    /**
     * Measured with ORT 1.24.2, 2 threads: 29.075 dB on an x86-64 AVX2 machine without VNNI (int8 weights rewritten
     * to uint8), 30.844 dB on an AVX-512 VNNI one (Xeon, 2026-12-02).
     */
    static double pinnedInt8SqnrDb() {
        return pinnedFor(29.08, 30.84);
    }

    private static double pinnedFor(double u8s8Rewrite, double vnni) {
        OrtInt8Kernels k = OrtInt8Kernels.here();
        assumeTrue(k != OrtInt8Kernels.OTHER, "no ORT int8 figure pinned for this CPU (" + k + ")");
        return k == OrtInt8Kernels.X86_VNNI ? vnni : u8s8Rewrite;
    }

    /**
     * The pynq-z1 plan of resnet18 alternates cpu and vta regions (18 partitions, int8 tensors at every boundary).
     * With ORT's graph optimizations off every node runs its own kernel and the chained sessions equal the whole
     * model bit for bit. At level ALL, ORT's QDQ fusions (and its int8 -> uint8 rewrite of Q/DQ pairs on x86) cannot
     * reach across a session boundary, so chained and whole differ by quantization steps: pinned as measured (2 seeded inputs: 30.040 dB without VNNI, 31.532 dB with).
     */
    @Test
    void chainedPartitionsEqualTheWholeModelBitForBitWithoutCrossBoundaryFusion() {
        CalibratedModel m = OnnxTestModels.calibrated("resnet18", 2);
        OnnxModels x = pynqPlanOfResnet18(m, ActivationEncoding.INT8);
        OrtSettings perNode = new OrtSettings(2, false, false, true);
        OrtSettings fused = OrtSettings.threads(2);
        List<float[]> whole = new ArrayList<>();
        List<float[]> chained = new ArrayList<>();
        for (float[][] s : m.inputs().samples()) {
            assertThat(OnnxTestModels.run(x, s, true, perNode).get(0))
                    .containsExactly(OnnxTestModels.run(x, s, false, perNode).get(0));
            whole.add(OnnxTestModels.run(x, s, false, fused).get(0));
            chained.add(OnnxTestModels.run(x, s, true, fused).get(0));
        }
        assertSqnrNear("chained vs whole at ORT level ALL", whole, chained, pinnedFor(30.04, 31.53), 1);
    }

    /**
     * With uint8 activations (what {@code --validate} and {@code place measure} run in ORT) there is no int8 -> uint8
     * rewrite whose reach depends on how many consumers a Q has in its session, and ORT fuses each partition as it
     * fuses the whole model: the 18 chained sessions equal the whole model bit for bit at level ALL too.
     */
    @Test
    void withUint8ActivationsChainedPartitionsEqualTheWholeModelBitForBitAtLevelAll() {
        CalibratedModel m = OnnxTestModels.calibrated("resnet18", 2);
        OnnxModels x = pynqPlanOfResnet18(m, ActivationEncoding.UINT8);
        OrtSettings fused = OrtSettings.threads(2);
        for (float[][] s : m.inputs().samples()) {
            assertThat(OnnxTestModels.run(x, s, true, fused).get(0))
                    .containsExactly(OnnxTestModels.run(x, s, false, fused).get(0));
        }
    }

    /** Prints the SQNR of {@code low} against {@code ref} with their top-1 agreement; within {@code dB} of pinned. */
    private static void assertSqnrNear(String what, List<float[]> ref, List<float[]> low, double pinned, double dB) {
        double db = Sqnr.db(ref, low);
        System.out.printf(java.util.Locale.ROOT, "%s: %.3f dB, top-1 %.2f%n", what, db, Sqnr.top1Agreement(ref, low));
        assertThat(db).isBetween(pinned - dB, pinned + dB);
    }

    /** resnet18's latency plan on cpu and vta (pynq-z1), exported: 18 partitions, int8 at every boundary. */
    private static OnnxModels pynqPlanOfResnet18(CalibratedModel m, ActivationEncoding activations) {
        PlacementResult r = PlacementRunner.run(PlacementSpec.of("resnet18", List.of("cpu", "vta"),
                PlanRequest.latency()));
        OnnxModels x = PlanExport.of(m, PlanValidator.executionPlan(r.plan(), r.problem().table().platform()),
                activations, "plan");
        assertThat(x.partitions()).hasSize(18);
        return x;
    }

    @Test
    void anOpOrtHasNoKernelForIsNamedWithItsNode() {
        CalibratedModel m = OnnxTestModels.calibrated("lenet", 1);
        OnnxModels bf16 = OnnxTestModels.uniform(m, Precision.BF16);
        assertThatThrownBy(() -> OnnxTestModels.run(bf16, m.inputs().sample(0), false, OrtSettings.threads(1)))
                .isInstanceOf(OrtRunException.class)
                .hasMessageContaining("node")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                .satisfies(e -> System.out.println("bf16 in ORT: " + e.getMessage()));
    }
}
