package dev.hetplace.planner.numerics;

import static dev.hetplace.planner.testing.FlagSpelling.FLAGS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hetplace.backends.cache.HetplaceCache;
import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Precision;
import dev.hetplace.hw.Profiles;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GraphBuilder;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.op.Opaque;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.tensor.TensorType;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunNumericsTest {
    private static final Parallel PAR = Parallel.common();
    private static final Platform PYNQ = Profiles.builtIn("pynq-z1");
    private static final Platform X86 = Profiles.builtIn("x86-h200");

    @TempDir
    Path dir;

    private static GroupedGraph withOpaque() {
        GraphBuilder b = new GraphBuilder("has-opaque");
        int x = b.input("data", TensorType.fp32(1, 3, 8, 8));
        x = b.relu("r", b.conv("c", x, 4, 3, 1, 1, true));
        x = b.add("nms", new Opaque("NonMaxSuppression", TensorType.fp32(1, 4, 8, 8), 0), x);
        return Grouping.apply(b.build(x));
    }

    private ExecutionSettings.Builder settings() {
        return ExecutionSettings.builder().cache(new HetplaceCache(dir)).inputCount(2);
    }

    @Test
    void autoMeasuresWhenABudgetMakesNoiseMatterAndTheModelExecutes() {
        GroupedGraph lenet = Grouping.apply(dev.hetplace.ir.zoo.ModelZoo.build("lenet"));
        RunNumerics withBudget = RunNumerics.prepare(settings().build(), lenet, PYNQ, List.of("cpu", "vta"), Set.of(), true,
                PAR, FLAGS);
        assertThat(withBudget.noise().measured()).isTrue();
        assertThat(withBudget.noise().describe()).isEqualTo("measured on synthetic(seed=1) weights, global-scale"
                + " calibration, synthetic(seed=1, n=2) inputs");
        assertThat(withBudget.model()).isNotNull();
        RunNumerics without = RunNumerics.prepare(settings().build(), lenet, PYNQ, List.of("cpu", "vta"), Set.of(), false,
                PAR, FLAGS);
        assertThat(without.noise().measured()).isFalse();
        assertThat(without.model()).isNull();
    }

    @Test
    void anOpaqueModelFallsBackToTheEstimateUnlessMeasuredNoiseOrValidationIsAskedFor() {
        GroupedGraph g = withOpaque();
        RunNumerics auto = RunNumerics.prepare(settings().build(), g, PYNQ, List.of("cpu"), Set.of(), true, PAR, FLAGS);
        assertThat(auto.noise().measured()).isFalse();
        assertThat(auto.noise().describe()).isEqualTo("estimate from bit widths and fan-in (the model cannot"
                + " execute: layer 'nms' (#3) is op 'NonMaxSuppression', which hetplace does not model and cannot"
                + " execute)");
        assertThatThrownBy(() -> RunNumerics.prepare(settings().noise(NoiseMode.MEASURED).build(), g, PYNQ,
                List.of("cpu"), Set.of(), true, PAR, FLAGS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--noise measured needs to execute the model, but layer 'nms' (#3) is op"
                        + " 'NonMaxSuppression', which hetplace does not model and cannot execute");
        assertThatThrownBy(() -> RunNumerics.prepare(settings().validate(true).build(), g, PYNQ, List.of("cpu"),
                Set.of(), false, PAR, FLAGS)).hasMessageStartingWith("--validate needs to execute the model");
    }

    @Test
    void theLoweredPrecisionsAreThoseTheTargetsOfferAndTheUserAllows() {
        assertThat(RunNumerics.lowered(PYNQ, List.of("cpu", "vta"), Set.of())).containsExactly(Precision.INT8);
        assertThat(RunNumerics.lowered(X86, List.of("cpu", "gpu"), Set.of())).containsExactlyInAnyOrder(
                Precision.INT8, Precision.TF32, Precision.FP16, Precision.BF16);
        assertThat(RunNumerics.lowered(X86, List.of("cpu", "gpu"), Set.of(Precision.FP32, Precision.FP16)))
                .containsExactly(Precision.FP16);
        assertThat(RunNumerics.lowered(X86, List.of("cpu"), Set.of())).containsExactly(Precision.INT8);
    }
}
