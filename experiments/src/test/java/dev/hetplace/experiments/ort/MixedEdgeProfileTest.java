package dev.hetplace.experiments.ort;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.planner.run.ModelInput;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What ONNX Runtime (level ALL, 1 thread) makes of squeezenet1_1's first max pool: in all-int8 its NHWC transformer
 * carries the uint8 tensors from the stem's QLinearConv through the pool ({@code NhwcMaxPool}); after an fp32 stem
 * the quantized pool input is reordered out of NCHWc and quantized, and the pool runs as the plain NCHW uint8
 * {@code MaxPool}, the kernel no pure export runs and so no row of {@code place measure}'s table prices. The later
 * pools stay on the NHWC path. Op sequences only; no timing is asserted.
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
}
