package dev.hetplace.planner.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hetplace.backends.cache.HetplaceCache;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.onnx.ShippedModels;
import dev.hetplace.planner.numerics.ExecutionSettings;
import dev.hetplace.planner.numerics.NoiseMode;
import dev.hetplace.planner.run.PlacementResult;
import dev.hetplace.planner.run.PlacementRunner;
import dev.hetplace.planner.run.PlacementSpec;
import dev.hetplace.planner.solve.PlanRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The accuracy budget holds when plans are executed: plans chosen with measured sensitivities (TVM's global scale,
 * the default) on pynq-z1 (cpu,vta) and x86-h200 (cpu,gpu) under --min-sqnr 20, 30 and 40, validated, measure at
 * least their budget on the calibration inputs, and measured and predicted SQNR agree within 3 dB; the 20 dB plans
 * keep at least half of the conv MACs in int8 on pynq-z1. On x86-h200 the GPU's bf16 and fp16 are measured faster
 * than its int8 GEMM path for many convs (the shipped table's int8_gemm rows, cuBLASLt), and in-model (eager
 * dispatch hiding short kernels) fp32 is faster than int8 for most ResNet-18 convs too, so the int8 share there is
 * pinned as it is: restricted to fp32 and int8, ResNet-18's 20 dB plan runs 41.9% of its conv MACs in int8
 * (unrestricted 43%, the rest in bf16 and tf32); SqueezeNet's at least half. SqueezeNet's 40 dB plan on x86-h200 is all fp32 (no lower precision pays for its
 * casts there): predicted and measured SQNR are both infinite. ResNet-18 runs on synthetic
 * weights on 2 inputs, SqueezeNet 1.1 on its ONNX weights on 4. Sensitivities are cached in one directory for the
 * whole class, so each (model, precision) is measured once (ResNet-18 on x86-h200 needs three more sensitivity
 * passes, tf32, fp16 and bf16: about 30 s of this class's minute).
 */
class PlanAccuracyTest {
    @TempDir
    static Path cache;

    static Stream<Arguments> plans() {
        String squeezenet = ShippedModels.path("squeezenet1_1.onnx").toString();
        return Stream.of(budgets(squeezenet, "cpu,vta"), budgets(squeezenet, "cpu,gpu"), budgets("resnet18", "cpu,vta"),
                budgets("resnet18", "cpu,gpu")).flatMap(s -> s);
    }

    private static Stream<Arguments> budgets(String model, String targets) {
        return Stream.of(20, 30, 40).map(db -> Arguments.of(model, targets, db));
    }

    @ParameterizedTest(name = "{0} on {1} at {2} dB")
    @MethodSource("plans")
    void theChosenPlanMeasuresAtLeastItsBudget(String model, String targets, int budgetDb) {
        check(model, targets, budgetDb);
    }

    private static void check(String model, String targets, int budgetDb) {
        boolean resnet = model.equals("resnet18");
        PlacementResult r = PlacementRunner.run(spec(model, targets, budgetDb));
        Validation v = r.validation();
        GroupedGraph gg = r.problem().table().graph();
        double int8Share = int8ConvMacShare(gg, r);
        System.out.printf(Locale.ROOT, "%s on %s at %d dB: measured %.2f dB, predicted %.2f dB, rejected %s, int8 conv"
                + " MACs %.0f%%, table %.1f s, solve %.1f s, validation %.1f s%n", gg.graph().name(), targets, budgetDb,
                v.measuredSqnrDb(), v.predictedSqnrDb(), v.rejected(), 100 * int8Share, r.tableNanos() / 1e9,
                r.solveNanos() / 1e9, v.nanos() / 1e9);
        assertThat(r.problem().table().noiseSource()).startsWith("measured on");
        assertThat(v.weights()).isEqualTo(resnet ? "synthetic(seed=1)" : "onnx");
        assertThat(v.measuredSqnrDb()).isGreaterThanOrEqualTo(budgetDb);
        assertThat(v.predictedSqnrDb()).isGreaterThanOrEqualTo(budgetDb);
        if (Double.isInfinite(v.predictedSqnrDb())) {
            assertThat(v.measuredSqnrDb()).as("a plan predicted noiseless runs all in fp32").isInfinite();
        } else {
            assertThat(Math.abs(v.measuredSqnrDb() - v.predictedSqnrDb())).isLessThanOrEqualTo(3.0);
        }
        if (budgetDb == 20 && targets.equals("cpu,vta")) {
            assertThat(int8Share).isGreaterThanOrEqualTo(0.5);
        } else if (budgetDb == 20) {
            PlacementSpec int8Only = spec(model, targets, budgetDb);
            int8Only = int8Only.toBuilder().precisions(List.of("fp32", "int8")).build();
            PlacementResult restricted = PlacementRunner.run(int8Only);
            assertThat(restricted.validation().measuredSqnrDb()).isGreaterThanOrEqualTo(budgetDb);
            if (resnet) {
                assertThat(int8ConvMacShare(gg, restricted)).isCloseTo(0.419, within(0.001));
            } else {
                assertThat(int8ConvMacShare(gg, restricted)).isGreaterThanOrEqualTo(0.5);
            }
        }
    }

    private static PlacementSpec spec(String model, String targets, int budgetDb) {
        boolean resnet = model.equals("resnet18");
        ExecutionSettings settings = ExecutionSettings.builder().cache(new HetplaceCache(cache))
                .inputCount(resnet ? 2 : 4).validate(true).noise(NoiseMode.MEASURED).build();
        return PlacementSpec.of(model, List.of(targets.split(",")), PlanRequest.builder()
                .minSqnrDb((double) budgetDb).build()).toBuilder().execution(settings).build();
    }

    /** The fraction of conv2d MACs the plan runs in int8 (on any device). */
    static double int8ConvMacShare(GroupedGraph gg, PlacementResult r) {
        long all = 0;
        long int8 = 0;
        for (Group g : gg.groups()) {
            if (gg.anchor(g).opName().equals("conv2d")) {
                long macs = gg.graph().macs(gg.anchor(g));
                all += macs;
                if (r.plan().choices().get(g.id()).precision() == Precision.INT8) {
                    int8 += macs;
                }
            }
        }
        return (double) int8 / all;
    }
}
