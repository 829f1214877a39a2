package dev.hetplace.ir.onnx;

import static dev.hetplace.ir.onnx.TestModel.dims;
import static dev.hetplace.ir.onnx.TestModel.i;
import static dev.hetplace.ir.onnx.TestModel.ints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files whose shapes contradict each other are refused with one line naming the file, the node and what does
 * not fit: the damaged cases shape inference can detect (issue 14 item 5).
 */
class OnnxDamagedShapesTest {

    private static TestModel x(String name) {
        return TestModel.named(name).input("x", 1, 3, 8, 8);
    }

    static Stream<Arguments> damaged() {
        return Stream.of(
                Arguments.of("conv kernel larger than the padded input", (Supplier<TestModel>) () -> x("conv_kernel")
                        .weight("w", dims(4, 3, 11, 11)).node("Conv", "c", List.of("x", "w"), "y",
                                ints("pads", 1, 1, 1, 1)).output("y"),
                        "conv_kernel.onnx: node 'c' (Conv): kernel 11 (dilation 1) larger than padded input 10"),
                Arguments.of("max pool window larger than the padded input", (Supplier<TestModel>) () -> x("pool_kernel")
                        .node("MaxPool", "p", List.of("x"), "y", ints("kernel_shape", 9, 9)).output("y"),
                        "pool_kernel.onnx: node 'p' (MaxPool): max_pool2d window 9 larger than input 8"),
                Arguments.of("zero conv stride", (Supplier<TestModel>) () -> x("zero_stride")
                        .weight("w", dims(4, 3, 3, 3)).node("Conv", "c", List.of("x", "w"), "y",
                                ints("strides", 0, 1)).output("y"),
                        "zero_stride.onnx: node 'c' (Conv): strides [0, 1] must be two positive numbers"),
                Arguments.of("negative pool stride", (Supplier<TestModel>) () -> x("neg_stride")
                        .node("AveragePool", "p", List.of("x"), "y", ints("kernel_shape", 2, 2),
                                ints("strides", -2, -2)).output("y"),
                        "neg_stride.onnx: node 'p' (AveragePool): strides [-2, -2] must be two positive numbers"),
                Arguments.of("zero dilation", (Supplier<TestModel>) () -> x("zero_dilation")
                        .weight("w", dims(4, 3, 3, 3)).node("Conv", "c", List.of("x", "w"), "y",
                                ints("dilations", 0, 0)).output("y"),
                        "zero_dilation.onnx: node 'c' (Conv): dilations [0, 0] must be two positive numbers"),
                Arguments.of("negative pads", (Supplier<TestModel>) () -> x("neg_pads")
                        .weight("w", dims(4, 3, 3, 3)).node("Conv", "c", List.of("x", "w"), "y",
                                ints("pads", -1, 0, 0, 0)).output("y"),
                        "neg_pads.onnx: node 'c' (Conv): pads [-1, 0, 0, 0] are negative"),
                Arguments.of("conv weight for other input channels", (Supplier<TestModel>) () -> x("channels")
                        .weight("w", dims(4, 5, 3, 3)).node("Conv", "c", List.of("x", "w"), "y").output("y"),
                        "channels.onnx: node 'c' (Conv): weight [4, 5, 3, 3] with group 1 expects 5 input channels,"
                                + " but input [1, 3, 8, 8] has 3"),
                Arguments.of("matmul inner dimensions differ", (Supplier<TestModel>) () -> x("matmul")
                        .weight("w", dims(7, 4)).node("MatMul", "m", List.of("x", "w"), "y").output("y"),
                        "matmul.onnx: node 'm' (MatMul): inner dimensions differ: [1, 3, 8, 8] x [7, 4]"),
                Arguments.of("operands that do not broadcast", (Supplier<TestModel>) () -> x("broadcast")
                        .weight("w", dims(5)).node("Relu", "r", List.of("x"), "a")
                        .node("Mul", "m", List.of("a", "w"), "y").output("y"),
                        "broadcast.onnx: node 'm' (Mul): shapes [1, 3, 8, 8] and [5] do not broadcast"),
                Arguments.of("reshape to another element count", (Supplier<TestModel>) () -> x("reshape")
                        .int64s("s", 1, 100).node("Reshape", "r", List.of("x", "s"), "y").output("y"),
                        "reshape.onnx: node 'r' (Reshape): cannot reshape [1, 3, 8, 8] (192 elements) to [1, 100]"),
                Arguments.of("concat of different spatial sizes", (Supplier<TestModel>) () -> x("concat")
                        .node("MaxPool", "p", List.of("x"), "a", ints("kernel_shape", 2, 2), ints("strides", 2, 2))
                        .node("Concat", "c", List.of("x", "a"), "y", i("axis", 1)).output("y"),
                        "concat.onnx: node 'c' (Concat): concat inputs differ off axis 1: [1, 3, 8, 8] and"
                                + " [1, 3, 4, 4]"),
                Arguments.of("reduction axis out of range", (Supplier<TestModel>) () -> x("reduce_axis")
                        .node("ReduceMean", "r", List.of("x"), "y", ints("axes", 4)).output("y"),
                        "reduce_axis.onnx: node 'r' (ReduceMean): axis 4 is out of range for rank 4"),
                Arguments.of("softmax axis out of range", (Supplier<TestModel>) () -> x("softmax_axis")
                        .node("Softmax", "s", List.of("x"), "y", i("axis", 7)).output("y"),
                        "softmax_axis.onnx: node 's' (Softmax): softmax axis 7 out of range for [1, 3, 8, 8]"),
                Arguments.of("slice with zero step", (Supplier<TestModel>) () -> x("slice_step")
                        .int64s("st", 0).int64s("en", 4).int64s("ax", 2).int64s("sp", 0)
                        .node("Slice", "s", List.of("x", "st", "en", "ax", "sp"), "y").output("y"),
                        "slice_step.onnx: node 's' (Slice): slice step 0"),
                Arguments.of("expand to a shape that does not broadcast", (Supplier<TestModel>) () -> x("expand")
                        .int64s("s", 1, 5, 8, 8).node("Expand", "e", List.of("x", "s"), "y").output("y"),
                        "expand.onnx: node 'e' (Expand): shapes [1, 3, 8, 8] and [1, 5, 8, 8] do not broadcast"),
                Arguments.of("expand to a negative dimension", (Supplier<TestModel>) () -> x("expand_neg")
                        .int64s("s", 1, -3, 8, 8).node("Expand", "e", List.of("x", "s"), "y").output("y"),
                        "expand_neg.onnx: node 'e' (Expand): dimension -3 in shape [1, -3, 8, 8]"),
                Arguments.of("matmul of two constants whose inner dimensions differ", (Supplier<TestModel>) () ->
                        x("const_matmul").weight("a", dims(2, 3)).weight("b", dims(4, 5))
                                .node("MatMul", "m", List.of("a", "b"), "c").node("Add", "y", List.of("x", "c"), "y")
                                .output("y"),
                        "const_matmul.onnx: node 'm' (MatMul): inner dimensions differ: [2, 3] x [4, 5]"),
                Arguments.of("clip of a constant with a bound of no value", (Supplier<TestModel>) () ->
                        x("const_clip").weight("a", dims(3, 8, 8)).weight("lo", dims(0))
                                .node("Clip", "c", List.of("a", "lo"), "b").node("Add", "y", List.of("x", "b"), "y")
                                .output("y"),
                        "const_clip.onnx: node 'c' (Clip): its min bound [0] is not one value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damaged")
    void isRefusedInOneLineNamingTheNode(String what, Supplier<TestModel> model, String message) {
        Throwable t = catchThrowable(() -> model.get().load());

        assertThat(t).as(what).isInstanceOf(OnnxImportException.class);
        assertThat(t.getMessage()).as(what).isEqualTo(message).doesNotContain("\n");
    }

}
