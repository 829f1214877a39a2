package dev.hetplace.planner.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.planner.run.ModelInput;
import org.junit.jupiter.api.Test;

/** The two alternating exports {@code place measure --runtime onnxruntime} profiles for its edge rows. */
class OrtPrecisionEdgesTest {
    private final GroupedGraph resnet18 = ModelInput.load("resnet18").grouped();

    @Test
    void everyGroupRunsOnceInEachPrecisionWithItsDeepestProducerInTheOther() {
        int[] depth = OrtPrecisionEdges.depths(resnet18);
        ExecutionPlan even = OrtPrecisionEdges.alternating(resnet18, depth, 0);
        ExecutionPlan odd = OrtPrecisionEdges.alternating(resnet18, depth, 1);
        int crossingGroups = 0;
        for (Group g : resnet18.groups()) {
            assertThat(even.choice(g.id()).precision()).isNotEqualTo(odd.choice(g.id()).precision());
            assertThat(even.choice(g.id()).precision()).isEqualTo(depth[g.id()] % 2 == 0 ? Precision.INT8
                    : Precision.FP32);
            int crossing = OrtPrecisionEdges.crossingProducers(resnet18, even, g);
            assertThat(OrtPrecisionEdges.crossingProducers(resnet18, odd, g)).isEqualTo(crossing);
            if (depth[g.id()] > 0) {
                crossingGroups++;
                assertThat(crossing).as(g.name()).isPositive();
            } else {
                assertThat(crossing).as(g.name()).isZero();
            }
        }
        // the stem reads the image; every other group has a producer
        assertThat(crossingGroups).isEqualTo(resnet18.size() - 1);
        assertThat(depth[0]).isZero();
    }

    @Test
    void aResidualAddCrossesOnBothInputs() {
        // conv1 0, maxpool 1, layer1.0's convs 2 and 3, its add 4: the skip (the pool, depth 1) and conv2 (3) are
        // both odd, so each alternating export feeds the add both inputs in the other precision
        int[] depth = OrtPrecisionEdges.depths(resnet18);
        ExecutionPlan even = OrtPrecisionEdges.alternating(resnet18, depth, 0);
        Group add = resnet18.groups().stream().filter(g -> resnet18.anchor(g).opName().equals("add")).findFirst()
                .orElseThrow();
        assertThat(depth[add.id()]).isEqualTo(4);
        assertThat(OrtPrecisionEdges.crossingProducers(resnet18, even, add)).isEqualTo(2);
        assertThat(OrtPrecisionEdges.crossingInputs(resnet18, even, add)).hasSize(2);
    }
}
