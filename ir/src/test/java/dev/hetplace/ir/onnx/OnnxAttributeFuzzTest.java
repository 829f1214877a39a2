package dev.hetplace.ir.onnx;

import static dev.hetplace.ir.onnx.TestModel.dims;
import static dev.hetplace.ir.onnx.TestModel.i;
import static dev.hetplace.ir.onnx.TestModel.ints;
import static dev.hetplace.ir.onnx.TestModel.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.onnx.proto.OnnxMl.AttributeProto;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.tensor.TensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Conv and pooling nodes with their attributes drawn from valid and absurd values (kernels of 0 or larger than
 * the padded input, zero and negative strides, huge dilations, negative pads, unknown auto_pad, huge inputs): the
 * import either gives layers whose output shapes follow from their attributes or fails with one line naming the
 * node. Seeds are named.
 */
class OnnxAttributeFuzzTest {
    private static final long[] VALUES = {0, 1, 2, 3, -1, 7, 64, 1_000_000, Integer.MAX_VALUE, 1L << 40};

    private static long value(SplittableRandom r) {
        return r.nextInt(3) == 0 ? VALUES[r.nextInt(VALUES.length)] : 1 + r.nextInt(3);
    }

    private static AttributeProto pair(SplittableRandom r, String name) {
        return r.nextInt(8) == 0 ? ints(name, value(r)) : ints(name, value(r), value(r));
    }

    private static List<AttributeProto> attributes(SplittableRandom r, boolean conv) {
        List<AttributeProto> a = new ArrayList<>();
        if (!conv || r.nextBoolean()) {
            a.add(pair(r, "kernel_shape"));
        }
        if (r.nextBoolean()) {
            a.add(pair(r, "strides"));
        }
        if (r.nextInt(3) == 0) {
            a.add(conv ? pair(r, "dilations") : ints("dilations", 1, 1));
        }
        switch (r.nextInt(4)) {
            case 0 -> a.add(ints("pads", value(r), value(r), value(r), value(r)));
            case 1 -> a.add(s("auto_pad", new String[] {"SAME_UPPER", "SAME_LOWER", "VALID", "MIDDLE"}[r.nextInt(4)]));
            default -> { }
        }
        if (!conv && r.nextBoolean()) {
            a.add(i("ceil_mode", 1));
        }
        return a;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {18, 1_801, 20_261_203})
    void convAndPoolAttributes(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int imported = 0;
        for (int c = 0; c < 150; c++) {
            boolean conv = r.nextBoolean();
            int side = r.nextInt(10) == 0 ? 200_000 : 4 + r.nextInt(12);
            int kernel = 1 + r.nextInt(4);
            List<AttributeProto> attrs = attributes(r, conv);
            TestModel m = TestModel.named("fuzz").input("x", 1, 3, side, side);
            if (conv) {
                m.weight("w", dims(4, 3, kernel, kernel));
            }
            m.node(conv ? "Conv" : "MaxPool", "n", conv ? List.of("x", "w") : List.of("x"), "y",
                    attrs.toArray(AttributeProto[]::new)).output("y");
            String what = "seed " + seed + " case " + c + ": " + (conv ? "Conv " + kernel + "x" + kernel : "MaxPool")
                    + " on " + side + "x" + side + " " + attrs.stream().map(a -> a.getName() + "=" + a.getIntsList()
                    + a.getS().toStringUtf8()).toList();
            Throwable t = catchThrowable(() -> {
                Graph g = m.load();
                Layer n = g.layer(g.idOf("n"));
                TensorType out = n.output();
                assertThat(out.rank()).as(what).isEqualTo(4);
                assertThat(out.dim(2)).as(what).isPositive().isLessThanOrEqualTo(side + 2 * 1_000_000 + 1);
            });
            if (t == null) {
                imported++;
            } else {
                assertThat(t).as(what).isInstanceOf(OnnxImportException.class);
                assertThat(t.getMessage()).as(what).doesNotContain("\n").startsWith("fuzz");
            }
        }
        assertThat(imported).as("some cases are valid").isPositive();
    }

    @org.junit.jupiter.api.Test
    void anInputTooLargeForATensorIsRefusedUpFront() {
        TestModel m = TestModel.named("huge").input("x", 1, 3, 200_000, 200_000)
                .node("Relu", "r", List.of("x"), "y").output("y");
        assertThat(catchThrowable(m::load)).isInstanceOf(OnnxImportException.class)
                .hasMessageContaining("graph input 'x'").hasMessageContaining("more than 2147483647 elements");
    }

    @org.junit.jupiter.api.Test
    void aMaxPoolWithAZeroKernelIsRefused() {
        TestModel m = TestModel.named("zero").input("x", 1, 3, 8, 8)
                .node("MaxPool", "p", List.of("x"), "y", ints("kernel_shape", 0, 0)).output("y");
        assertThat(catchThrowable(m::load)).isInstanceOf(OnnxImportException.class)
                .hasMessageContaining("pooling kernel and stride must be positive");
    }
}
