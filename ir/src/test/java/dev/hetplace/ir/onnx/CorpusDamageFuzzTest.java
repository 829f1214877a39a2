package dev.hetplace.ir.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.io.IOException;
import java.nio.file.Files;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real corpus graphs with one shape-bearing value damaged at a time (an initializer dimension or an integer
 * attribute such as a stride, pad, kernel or axis set to 0, a negative or a huge number): the import either
 * still succeeds or fails with one line that starts with the file name. Seeds are named.
 */
class CorpusDamageFuzzTest {
    private static final long[] DAMAGE = {0, -1, -7, 1, 2, 3, 1_000_003, Integer.MAX_VALUE, 1L << 40};

    @ParameterizedTest(name = "{0} seed {1}")
    @CsvSource({"shufflenet_v2_x1_0, 14", "vit_b_16, 1_401", "bert_base_encoder, 20_261_201",
            "swin_t, 5", "swin_v2_t, 17", "vgg11_bn, 11", "regnet_y_8gf, 8", "efficientnet_b4, 4"})
    void oneDamagedValueIsImportedOrRefusedInOneLine(String model, long seed) throws IOException {
        ModelProto original = ModelProto.parseFrom(Files.readAllBytes(CorpusModels.folder().resolve(model + ".onnx")));
        SplittableRandom r = new SplittableRandom(seed);
        int refused = 0;
        for (int c = 0; c < 40; c++) {
            long value = DAMAGE[r.nextInt(DAMAGE.length)];
            GraphProto.Builder g = original.getGraph().toBuilder();
            String what;
            if (r.nextBoolean() && g.getInitializerCount() > 0) {
                int t = r.nextInt(g.getInitializerCount());
                if (g.getInitializer(t).getDimsCount() == 0) {
                    continue;
                }
                int d = r.nextInt(g.getInitializer(t).getDimsCount());
                g.getInitializerBuilder(t).setDims(d, value);
                what = "initializer " + g.getInitializer(t).getName() + " dim " + d + " = " + value;
            } else {
                int n = r.nextInt(g.getNodeCount());
                NodeProto.Builder node = g.getNodeBuilder(n);
                int a = attributeWithInts(node, r);
                if (a < 0) {
                    continue;
                }
                AttributeProto.Builder at = node.getAttributeBuilder(a);
                if (at.getIntsCount() > 0) {
                    at.setInts(r.nextInt(at.getIntsCount()), value);
                } else {
                    at.setI(value);
                }
                what = "node " + node.getName() + " attribute " + at.getName() + " = " + value;
            }
            byte[] bytes = original.toBuilder().setGraph(g).build().toByteArray();
            String label = "seed " + seed + " case " + c + ": " + what;
            Throwable t = catchThrowable(() -> OnnxImporter.load(bytes, model + ".onnx"));
            if (t != null) {
                refused++;
                assertThat(t).as(label).isInstanceOf(OnnxImportException.class);
                assertThat(t.getMessage()).as(label).startsWith(model + ".onnx: ").doesNotContain("\n");
            }
        }
        assertThat(refused).as("some damage is detected").isPositive();
    }

    /** An integer or integer-list attribute of the node, or -1 when it has none. */
    private static int attributeWithInts(NodeProto.Builder node, SplittableRandom r) {
        int count = node.getAttributeCount();
        for (int k = 0; k < count; k++) {
            int a = (k + r.nextInt(Math.max(1, count))) % count;
            AttributeProto at = node.getAttribute(a);
            if (at.getType() == AttributeProto.AttributeType.INT || at.getType() == AttributeProto.AttributeType.INTS
                    && at.getIntsCount() > 0) {
                return a;
            }
        }
        return -1;
    }
}
