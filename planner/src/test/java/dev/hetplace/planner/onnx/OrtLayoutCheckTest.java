package dev.hetplace.planner.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.backends.ort.OrtProfile;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Group;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which of an export's max pools the layout check names: a {@code MaxPool} kernel on a uint8 or int8 input (ORT's
 * plain NCHW kernel), not {@code NhwcMaxPool} nor a float {@code MaxPool}, each by its group, with its last run's time.
 */
class OrtLayoutCheckTest {
    private final CalibratedModel lenet = OnnxTestModels.calibrated("lenet", 1);
    private final OnnxModels x = OnnxTestModels.uniform(lenet, Precision.INT8);

    private String poolNode(int which) {
        List<Group> pools = lenet.grouped().groups().stream()
                .filter(g -> lenet.grouped().anchor(g).opName().equals("max_pool2d")).toList();
        String group = pools.get(which).name();
        return x.whole().getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("MaxPool"))
                .map(n -> n.getName()).filter(n -> n.contains(group)).findFirst().orElseThrow();
    }

    @Test
    void onlyAnIntegerMaxPoolIsNamedByItsGroup() {
        byte[] bytes = x.whole().toByteArray();
        String first = poolNode(0);
        String second = poolNode(1);
        OrtProfile prof = new OrtProfile(List.of(
                new OrtProfile.NodeTime(first, "MaxPool", "CPUExecutionProvider", 1798, "uint8"),
                new OrtProfile.NodeTime(second, "NhwcMaxPool", "CPUExecutionProvider", 29, "uint8"),
                new OrtProfile.NodeTime(first, "MaxPool", "CPUExecutionProvider", 1750, "uint8")));
        List<OrtLayoutCheck.PlainPool> pools = OrtLayoutCheck.plainPools(x, OnnxExport.metadataByNode(bytes), prof);
        String group = lenet.grouped().groups().stream()
                .filter(g -> lenet.grouped().anchor(g).opName().equals("max_pool2d")).findFirst().orElseThrow().name();
        // the last run's time
        assertThat(pools).containsExactly(new OrtLayoutCheck.PlainPool(group, 1750));
        assertThat(OrtLayoutCheck.describe(pools)).isEqualTo("; layout check: ONNX Runtime runs max pool " + group
                + " (1750 us) on its plain NCHW uint8 kernel, where an all-int8 region would run NhwcMaxPool (a"
                + " layout its per-edge prices may miss)");
        OrtProfile fp32 = new OrtProfile(List.of(
                new OrtProfile.NodeTime(first, "MaxPool", "CPUExecutionProvider", 120, "float")));
        assertThat(OrtLayoutCheck.plainPools(x, OnnxExport.metadataByNode(bytes), fp32)).isEmpty();
        assertThat(OrtLayoutCheck.describe(List.of())).isEmpty();
    }
}
