package dev.hetplace.planner.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.hetplace.backends.exec.ExecutionPlan;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.hw.Choice;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What an export writes, read back from its bytes with the project's ONNX classes. */
class OnnxExportStructureTest {
    static CalibratedModel lenet;

    @BeforeAll
    static void model() {
        lenet = OnnxTestModels.calibrated("lenet", 2);
    }

    /** lenet with its groups alternating cpu:int8, gpu:fp16 and cpu:fp32. */
    static ExecutionPlan mixed() {
        Map<Integer, Choice> c = new TreeMap<>();
        Choice[] cycle = {new Choice("cpu", Precision.INT8, Layout.PLAIN), new Choice("gpu", Precision.FP16, Layout.PLAIN),
                new Choice("cpu", Precision.FP32, Layout.PLAIN)};
        for (int g = 0; g < lenet.grouped().size(); g++) {
            c.put(g, cycle[g % 3]);
        }
        return new ExecutionPlan(c, Map.of("cpu", DeviceKind.CPU, "gpu", DeviceKind.GPU));
    }

    static ModelProto reparse(ModelProto m) throws Exception {
        return ModelProto.parseFrom(m.toByteArray());
    }

    @Test
    void opsetIrVersionDocStringAndNodeMetadata() throws Exception {
        OnnxModels x = PlanExport.of(lenet, mixed(), "plan");
        ModelProto m = reparse(x.whole());
        assertThat(m.getIrVersion()).isEqualTo(10);
        assertThat(m.getOpsetImport(0).getVersion()).isEqualTo(17);
        assertThat(m.getDocString()).contains("synthetic synthetic(seed=1) weights").contains("max calibration");
        Map<String, Map<String, String>> meta = OnnxExport.metadataByNode(x.whole().toByteArray());
        assertThat(meta).hasSize(m.getGraph().getNodeCount());
        for (NodeProto n : m.getGraph().getNodeList()) {
            assertThat(meta.get(n.getName())).as(n.getName())
                    .containsKeys("hetplace.device", "hetplace.group", "hetplace.precision");
        }
        assertThat(meta.get("conv1")).containsEntry("hetplace.device", "cpu").containsEntry("hetplace.precision", "int8");
        // 8 groups on cpu, gpu, cpu, cpu, gpu, cpu, cpu, gpu: six device regions
        assertThat(x.partitions()).extracting(OnnxModels.Partition::device)
                .containsExactly("cpu", "gpu", "cpu", "gpu", "cpu", "gpu");
        for (int i = 1; i < x.partitions().size(); i++) {
            assertThat(x.partitions().get(i - 1).outputs()).containsAll(x.partitions().get(i).inputs());
        }
    }

    @Test
    void int8GroupsAreQdqWithPerChannelWeightsAndInt32Bias() throws Exception {
        ModelProto m = reparse(PlanExport.of(lenet, ExecutionPlan.allCpu(lenet.grouped(), Precision.INT8), "p").whole());
        Map<String, TensorProto> init = new TreeMap<>();
        m.getGraph().getInitializerList().forEach(t -> init.put(t.getName(), t));
        NodeProto conv = m.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("Conv")).findFirst()
                .orElseThrow();
        NodeProto wdq = producer(m, conv.getInput(1));
        assertThat(wdq.getOpType()).isEqualTo("DequantizeLinear");
        assertThat(wdq.getAttribute(0).getName()).isEqualTo("axis");
        assertThat(wdq.getAttribute(0).getI()).isZero();
        TensorProto w = init.get(wdq.getInput(0));
        assertThat(w.getDataType()).isEqualTo(OnnxTensors.INT8);
        TensorProto ws = init.get(wdq.getInput(1));
        assertThat(ws.getDimsList()).containsExactly(w.getDims(0));
        assertThat(init.get(wdq.getInput(2)).getRawData().toByteArray()).containsOnly(0);
        NodeProto bdq = producer(m, conv.getInput(2));
        TensorProto b = init.get(bdq.getInput(0));
        assertThat(b.getDataType()).isEqualTo(OnnxTensors.INT32);
        NodeProto xdq = producer(m, conv.getInput(0));
        assertThat(xdq.getOpType()).isEqualTo("DequantizeLinear");
        float sIn = floats(init.get(xdq.getInput(1)))[0];
        float[] sw = floats(ws);
        float[] sb = floats(init.get(bdq.getInput(1)));
        for (int c = 0; c < sw.length; c++) {
            assertThat(sb[c]).isEqualTo(sIn * sw[c]);
        }
        assertThat(Integer.bitCount(Float.floatToIntBits(sIn) & 0x7fffff)).as("power-of-two activation scale").isZero();
        assertThat(m.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("QuantizeLinear")).count())
                .isEqualTo(lenet.graph().size() - 1L + 1L);
    }

    @Test
    void fp16GroupsStoreInitializersInFp16BehindCasts() throws Exception {
        ModelProto m = reparse(PlanExport.of(lenet, ExecutionPlan.allCpu(lenet.grouped(), Precision.FP16), "p").whole());
        assertThat(m.getGraph().getInitializerList().stream().filter(t -> t.getName().endsWith(".weight"))
                .allMatch(t -> t.getDataType() == OnnxTensors.FLOAT16)).isTrue();
        assertThat(m.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("Cast")).count()).isEqualTo(2);
    }

    @Test
    void halfAndBfloat16BitsRoundToNearestEven() {
        assertThat(OnnxTensors.halfBits(1f)).isEqualTo((short) 0x3c00);
        assertThat(OnnxTensors.halfBits(-2f)).isEqualTo((short) 0xc000);
        assertThat(OnnxTensors.halfBits(65504f)).isEqualTo((short) 0x7bff);
        assertThat(OnnxTensors.halfBits(1e6f)).isEqualTo((short) 0x7c00);
        assertThat(OnnxTensors.halfBits(0x1p-24f)).isEqualTo((short) 0x0001);
        assertThat(OnnxTensors.halfBits(1f + 0x1p-11f)).isEqualTo((short) 0x3c00);
        assertThat(OnnxTensors.bf16Bits(1f)).isEqualTo((short) 0x3f80);
        assertThat(OnnxTensors.bf16Bits(1f + 0x1p-8f)).isEqualTo((short) 0x3f80);
        assertThat(OnnxTensors.bf16Bits(1f + 0x3p-8f)).isEqualTo((short) 0x3f82);
    }

    @Test
    void aPlanOfAnotherModelIsRefused() {
        CalibratedModel other = OnnxTestModels.calibrated("resnet18", 1);
        ExecutionPlan foreign = ExecutionPlan.allCpu(other.grouped(), Precision.FP32);
        assertThatThrownBy(() -> PlanExport.of(lenet, foreign, "plan"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not belong to this model")
                .hasMessageContaining("lenet");
    }

    private static NodeProto producer(ModelProto m, String value) {
        return m.getGraph().getNodeList().stream().filter(n -> n.getOutputList().contains(value)).findFirst()
                .orElseThrow();
    }

    private static float[] floats(TensorProto t) {
        ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[b.remaining() / 4];
        for (int i = 0; i < f.length; i++) {
            f[i] = b.getFloat();
        }
        return f;
    }
}
