package dev.hetplace.experiments.ort;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.hw.Choice;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.planner.run.ModelInput;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What ONNX Runtime (level ALL, 1 thread) makes of squeezenet1_1's first max pool: in all-int8 its NHWC transformer
 * carries the uint8 tensors from the stem's QLinearConv through the pool ({@code NhwcMaxPool}); after an fp32 stem
 * the quantized pool input is reordered out of NCHWc and quantized, and the pool runs as the plain NCHW uint8
 * {@code MaxPool}, the kernel no pure export runs and so no row of {@code place measure}'s table prices. The later
 * pools stay on the NHWC path. Op sequences only; no timing is asserted.
 *
 * <p>The exports {@code place measure}'s pool_edge rows profile ({@code OrtPoolEdges}: all-int8, the pool's
 * producer group fp32) and the export a plan would need to dodge the kernel: exporting the pool itself in fp32
 * does not (ORT's QDQ propagation moves the QuantizeLinear above the float pool and runs the same uint8 kernel);
 * an fp32 Concat between int8 fire modules is no float producer to ORT (it becomes QLinearConcat) and the pool
 * after it keeps {@code NhwcMaxPool}.
 */
class MixedEdgeProfileTest {
    @Test
    void anFp32StemSendsTheInt8PoolOffOrtsNhwcPath() {
        ModelInput m = ModelInput.load("squeezenet1_1");
        CalibratedModel cm = MixedPlanStudy.timedModel(m);
        Map<String, ExecutionPlan> plans = OrtPoolComparison.plans(cm);

        Map<String, MixedEdgeProfile.GroupKernels> int8 = MixedEdgeProfile.profile(cm, plans.get("all-int8"), 1, 1);
        Map<String, MixedEdgeProfile.GroupKernels> stemFp32 = MixedEdgeProfile.profile(cm, plans.get("stem-fp32"), 1,
                1);

        assertThat(int8.get("features.2").ops()).containsExactly("NhwcMaxPool");
        assertThat(stemFp32.get("features.2").ops()).containsExactly("ReorderOutput", "QuantizeLinear", "MaxPool");
        assertThat(stemFp32.get("features.5").ops()).containsExactly("NhwcMaxPool");
        assertThat(stemFp32.get("features.8").ops()).containsExactly("NhwcMaxPool");
    }

    @Test
    void exportingThePoolInFp32DoesNotAvoidTheKernelAndAConcatProducerNeverMeetsIt() {
        ModelInput m = ModelInput.load("squeezenet1_1");
        CalibratedModel cm = MixedPlanStudy.timedModel(m);
        ExecutionPlan int8 = ExecutionPlan.allCpu(cm.grouped(), Precision.INT8);
        Choice fp32 = new Choice("cpu", Precision.FP32, Layout.PLAIN);
        int stem = group(cm, "features.0");
        int pool = group(cm, "features.2");

        Map<String, MixedEdgeProfile.GroupKernels> poolFp32 = MixedEdgeProfile.profile(cm,
                int8.with(stem, fp32).with(pool, fp32), 1, 1);
        Map<String, MixedEdgeProfile.GroupKernels> concatFp32 = MixedEdgeProfile.profile(cm,
                int8.with(group(cm, "features.4.concat"), fp32), 1, 1);

        assertThat(poolFp32.get("features.2").ops()).endsWith("ReorderOutput", "QuantizeLinear", "MaxPool");
        assertThat(concatFp32.get("features.4.concat").ops()).containsExactly("QLinearConcat");
        assertThat(concatFp32.get("features.5").ops()).containsExactly("NhwcMaxPool");
    }

    private static int group(CalibratedModel cm, String name) {
        return cm.grouped().groups().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow().id();
    }
}
