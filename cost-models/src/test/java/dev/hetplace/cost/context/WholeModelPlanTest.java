package dev.hetplace.cost.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.backends.measure.EndToEndMeasurement;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.source.ModelLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The plan each precision column names, group by group, on ResNet-18 (21 groups: stem, 16 convs + adds, fc). */
class WholeModelPlanTest {
    private static List<String> fp32Groups(String column) {
        EndToEndMeasurement row = new EndToEndMeasurement("resnet18", "cpu", column, 1, 1, "eager", 1, "t.csv", 2);
        WholeModelRun run = WholeModelRun.of(row, ModelLoader.load("resnet18"));
        GroupedGraph g = run.graph();
        IntFunction<Precision> plan = run.plan();
        List<String> out = new ArrayList<>();
        for (int id = 0; id < g.size(); id++) {
            if (plan.apply(id) == Precision.FP32) {
                out.add(g.anchor(g.group(id)).opName());
            } else {
                assertThat(plan.apply(id)).isEqualTo(Precision.INT8);
            }
        }
        return out;
    }

    @Test
    void tvmsRuleOnACpuKeepsTheStemAndTheDenseInFp32() {
        assertThat(fp32Groups(EndToEndMeasurement.INT8_STEM_DENSE_FP32)).containsExactly("conv2d", "dense");
    }

    @Test
    void theStemRuleKeepsOnlyTheStemInFp32AndAllInt8None() {
        assertThat(fp32Groups(EndToEndMeasurement.INT8_STEM_FP32)).containsExactly("conv2d");
        assertThat(fp32Groups("int8")).isEmpty();
    }

    @Test
    void theStemIsTheFirstConvGroup() {
        GroupedGraph g = WholeModelRun.of(new EndToEndMeasurement("resnet18", "cpu", "fp32", 1, 1, "eager", 1, "t.csv",
                2), ModelLoader.load("resnet18")).graph();
        assertThat(WholeModelRun.stem(g)).isZero();
        assertThat(g.anchor(g.group(0)).opName()).isEqualTo("conv2d");
    }
}
