package dev.hetplace.ir.onnx;

import static dev.hetplace.ir.onnx.TestModel.dims;
import static dev.hetplace.ir.onnx.TestModel.f;
import static dev.hetplace.ir.onnx.TestModel.floats;
import static dev.hetplace.ir.onnx.TestModel.i;
import static dev.hetplace.ir.onnx.TestModel.ints;
import static dev.hetplace.ir.onnx.TestModel.longs;
import static dev.hetplace.ir.onnx.TestModel.ramp;
import static dev.hetplace.ir.onnx.TestModel.s;
import static dev.hetplace.ir.onnx.TestModel.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.Activation;
import dev.hetplace.ir.op.ActivationKind;
import dev.hetplace.ir.op.BatchNorm;
import dev.hetplace.ir.op.Concat;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Dense;
import dev.hetplace.ir.op.Eltwise;
import dev.hetplace.ir.op.EltwiseKind;
import dev.hetplace.ir.op.Embedding;
import dev.hetplace.ir.op.GlobalPool;
import dev.hetplace.ir.op.Input;
import dev.hetplace.ir.op.LayerNorm;
import dev.hetplace.ir.op.MatMul;
import dev.hetplace.ir.op.Opaque;
import dev.hetplace.ir.op.Padding;
import dev.hetplace.ir.op.Pool;
import dev.hetplace.ir.op.PoolKind;
import dev.hetplace.ir.op.Reshape;
import dev.hetplace.ir.op.Softmax;
import dev.hetplace.ir.op.Transpose;
import dev.hetplace.ir.op.Upsample;
import dev.hetplace.ir.tensor.DType;
import dev.hetplace.ir.tensor.TensorType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Operators none of the shipped files contain, each on a small model built with the ONNX message classes. */
class OnnxOpsImportTest {

    private static Layer only(Graph g, Class<?> op) {
        List<Layer> found = g.layers().stream().filter(l -> op.isInstance(l.op())).toList();
        assertThat(found).as("layers of type " + op.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    private static List<String> ops(Graph g) {
        return g.layers().stream().map(Layer::opName).toList();
    }

    @Test
    void groupedConvWithAsymmetricPadsAndDilation() {
        Graph g = TestModel.named("grouped").input("x", 1, 8, 10, 10)
                .weight("w", dims(16, 2, 3, 3))
                .node("Conv", "conv", List.of("x", "w"), "y", i("group", 4), ints("pads", 0, 1, 2, 1),
                        ints("strides", 2, 1), ints("dilations", 2, 1))
                .output("y").load();

        Layer conv = g.layer(g.idOf("conv"));
        assertThat(conv.op()).isEqualTo(new Conv2d(16, 3, 3, 2, 1, new Padding(0, 1, 2, 1), 2, 1, 4, false));
        // H: (10 + 0 + 2 - 5) / 2 + 1 = 4; W: (10 + 1 + 1 - 3) / 1 + 1 = 10
        assertThat(conv.output()).isEqualTo(TensorType.fp32(1, 16, 4, 10));
        assertThat(g.macs(conv)).isEqualTo(16L * 4 * 10 * 2 * 3 * 3);
        assertThat(g.params(conv)).isEqualTo(16L * 2 * 3 * 3);
    }

    @Test
    void depthwiseConvWithSameUpperAndSameLowerAutoPad() {
        Graph g = TestModel.named("depthwise").input("x", 1, 4, 7, 7)
                .weight("w", dims(4, 1, 4, 4)).weight("b", dims(4))
                .node("Conv", "upper", List.of("x", "w", "b"), "u", i("group", 4), s("auto_pad", "SAME_UPPER"),
                        ints("strides", 2, 2))
                .node("Conv", "lower", List.of("u", "w", "b"), "v", i("group", 4), s("auto_pad", "SAME_LOWER"))
                .output("v").load();

        Conv2d upper = (Conv2d) g.layer(g.idOf("upper")).op();
        // out = ceil(7 / 2) = 4; total pad = (4 - 1) * 2 + 4 - 7 = 3: one before, two after
        assertThat(upper.padding()).isEqualTo(new Padding(1, 1, 2, 2));
        assertThat(upper.depthwise(4)).isTrue();
        assertThat(upper.bias()).isTrue();
        assertThat(g.layer(g.idOf("upper")).output()).isEqualTo(TensorType.fp32(1, 4, 4, 4));
        // stride 1, kernel 4: total pad 3, SAME_LOWER puts two before
        assertThat(((Conv2d) g.layer(g.idOf("lower")).op()).padding()).isEqualTo(new Padding(2, 2, 1, 1));
        assertThat(g.layer(g.idOf("lower")).output()).isEqualTo(TensorType.fp32(1, 4, 4, 4));
    }

    @Test
    void gemmWithoutTransBScalesAndTransposesTheWeight() {
        float[] b = ramp(6);
        Graph g = TestModel.named("gemm").input("x", 1, 3)
                .weight("B", dims(3, 2), b).weight("C", dims(2), 10, 20)
                .node("Gemm", "fc", List.of("x", "B", "C"), "y", f("alpha", 2), f("beta", 0.5f))
                .output("y").load();

        Layer fc = g.layer(g.idOf("fc"));
        assertThat(fc.op()).isEqualTo(new Dense(2, true));
        assertThat(fc.output()).isEqualTo(TensorType.fp32(1, 2));
        // B = [[0,1],[2,3],[4,5]] is [in, out]; kept as alpha * B^T = [units, in]
        assertThat(g.weights().get("fc", "weight")).containsExactly(0, 4, 8, 2, 6, 10);
        assertThat(g.weights().get("fc", "bias")).containsExactly(5, 10);
    }

    @Test
    void gemmWithTransAAndTransB() {
        Graph g = TestModel.named("gemm_ta").input("x", 5, 1)
                .weight("B", dims(7, 5))
                .node("Gemm", "fc", List.of("x", "B"), "y", i("transA", 1), i("transB", 1))
                .output("y").load();

        assertThat(ops(g)).containsExactly("input", "transpose", "dense");
        assertThat(g.layer(g.idOf("fc/transpose_a")).op()).isEqualTo(new Transpose(List.of(1, 0)));
        assertThat(g.layer(g.idOf("fc")).op()).isEqualTo(new Dense(7, false));
        assertThat(g.layer(g.idOf("fc")).output()).isEqualTo(TensorType.fp32(1, 7));
    }

    @Test
    void gemmOfTwoActivationsIsAMatMulWithItsScaleAndBias() {
        Graph g = TestModel.named("gemm2").input("a", 4, 3).input("b", 5, 3)
                .weight("C", dims(5), 1, 2, 3, 4, 5)
                .node("Gemm", "g", List.of("a", "b", "C"), "y", i("transB", 1), f("alpha", 0.125f))
                .output("y").load();

        assertThat(ops(g)).containsExactly("input", "input", "matmul", "mul", "add");
        assertThat(g.layer(g.idOf("g/matmul")).op()).isEqualTo(new MatMul(false, true));
        assertThat(g.weights().get("g/alpha", "constant")).containsExactly(0.125f);
        assertThat(g.layer(g.idOf("g")).op()).isEqualTo(Eltwise.withConstant(EltwiseKind.ADD, List.of(5)));
        assertThat(g.layer(g.idOf("g")).output()).isEqualTo(TensorType.fp32(4, 5));
    }

    @Test
    void batchedMatMulOfActivations() {
        Graph g = TestModel.named("bmm").input("q", 1, 12, 128, 64).input("k", 1, 12, 64, 128)
                .node("MatMul", "scores", List.of("q", "k"), "s")
                .output("s").load();

        Layer mm = g.layer(g.idOf("scores"));
        assertThat(mm.op()).isEqualTo(new MatMul(false, false));
        assertThat(mm.output()).isEqualTo(TensorType.fp32(1, 12, 128, 128));
        assertThat(g.macs(mm)).isEqualTo(12L * 128 * 128 * 64);
    }

    @Test
    void matMulWithConstantWeightIsDenseOverTheLastAxisAndTakesTheFollowingBias() {
        Graph g = TestModel.named("linear3d").input("x", 1, 4, 3)
                .weight("W", dims(3, 2), ramp(6)).weight("bias", dims(2), 7, 8)
                .node("MatMul", "proj", List.of("x", "W"), "m")
                .node("Add", "proj_bias", List.of("bias", "m"), "y")
                .output("y", 1, 4, 2).load();

        assertThat(ops(g)).containsExactly("input", "dense");
        Layer dense = g.layer(g.idOf("proj"));
        assertThat(dense.op()).isEqualTo(new Dense(2, true));
        assertThat(dense.output()).isEqualTo(TensorType.fp32(1, 4, 2));
        assertThat(g.weights().get("proj", "weight")).containsExactly(0, 2, 4, 1, 3, 5);
        assertThat(g.weights().get("proj", "bias")).containsExactly(7, 8);
    }

    @Test
    void activations() {
        Graph g = TestModel.named("acts").input("x", 1, 8)
                .node("LeakyRelu", "leaky", List.of("x"), "a", f("alpha", 0.1f))
                .node("Sigmoid", "sig", List.of("a"), "b")
                .node("HardSwish", "hswish", List.of("b"), "c")
                .node("HardSigmoid", "hsig", List.of("c"), "d", f("alpha", 1 / 6f))
                .node("Tanh", "tanh", List.of("d"), "e")
                .node("Relu", "relu", List.of("e"), "y")
                .output("y").load();

        assertThat(((Activation) g.layer(g.idOf("leaky")).op()).kind()).isEqualTo(ActivationKind.LEAKY_RELU);
        assertThat(((Activation) g.layer(g.idOf("leaky")).op()).alpha()).isEqualTo(0.1f);
        assertThat(g.layer(g.idOf("sig")).op()).isEqualTo(Activation.of(ActivationKind.SIGMOID));
        assertThat(g.layer(g.idOf("hswish")).op()).isEqualTo(Activation.of(ActivationKind.HARD_SWISH));
        assertThat(g.layer(g.idOf("hsig")).op()).isEqualTo(new Activation(ActivationKind.HARD_SIGMOID, 1 / 6f, 0, 0));
        assertThat(g.layer(g.idOf("tanh")).op()).isEqualTo(Activation.of(ActivationKind.TANH));
        assertThat(g.layer(g.idOf("relu")).op()).isEqualTo(Activation.relu());
    }

    @Test
    void clipBoundsFromAttributesBeforeOpset11AndFromInitializersAfter() {
        Graph old = TestModel.named("clip9").opset(9).input("x", 1, 8)
                .node("Clip", "clip", List.of("x"), "y", f("min", -1), f("max", 1))
                .output("y").load();
        assertThat(old.layer(old.idOf("clip")).op()).isEqualTo(Activation.clip(-1, 1));

        Graph current = TestModel.named("clip13").opset(13).input("x", 1, 8)
                .weight("lo", dims(), 0).weight("hi", dims(), 6)
                .node("Clip", "relu6", List.of("x", "lo", "hi"), "a")
                .node("Clip", "relu", List.of("a", "lo"), "y")
                .output("y").load();
        assertThat(current.layer(current.idOf("relu6")).op()).isEqualTo(Activation.of(ActivationKind.RELU6));
        assertThat(current.layer(current.idOf("relu")).op()).isEqualTo(Activation.relu());
    }

    @Test
    void arithmeticWithConstantsAndActivations() {
        Graph g = TestModel.named("arith").input("x", 1, 3, 4, 4).input("z", 1, 3, 4, 4)
                .weight("scale", dims(1, 3, 1, 1), 1, 2, 3)
                .constant("two", scalar(2))
                .node("Mul", "mul", List.of("scale", "x"), "a")
                .node("Div", "div", List.of("a", "two"), "b")
                .node("Sub", "sub", List.of("b", "z"), "c")
                .node("Div", "ratio", List.of("c", "z"), "y")
                .output("y").load();

        assertThat(g.layer(g.idOf("mul")).op()).isEqualTo(Eltwise.withConstant(EltwiseKind.MUL, List.of(1, 3, 1, 1)));
        assertThat(g.weights().get("mul", "constant")).containsExactly(1, 2, 3);
        assertThat(g.layer(g.idOf("div")).op()).isEqualTo(Eltwise.withConstant(EltwiseKind.DIV, List.of()));
        assertThat(g.weights().get("div", "constant")).containsExactly(2);
        assertThat(g.layer(g.idOf("sub")).op()).isEqualTo(Eltwise.of(EltwiseKind.SUB));
        assertThat(g.layer(g.idOf("ratio")).op()).isEqualTo(Eltwise.of(EltwiseKind.DIV));
        assertThat(g.layer(g.idOf("ratio")).inputs()).containsExactly(g.idOf("sub"), g.idOf("z"));
    }

    /**
     * Swin V2's position bias: an MLP on a constant table, folded at import. [[1, 2], [3, -4]] x [[1, -1], [0, 2]]
     * = [[1, 3], [3, -11]]; ReLU, then sigmoid(0) = 0.5 where it was cut; exp and clip of a parameter stay
     * parameters.
     */
    @Test
    void constantMlpFoldsToTheValuesItComputes() {
        Graph g = TestModel.named("const_mlp").input("x", 1, 2, 2)
                .weight("table", dims(2, 2), 1, 2, 3, -4).weight("w", dims(2, 2), 1, -1, 0, 2)
                .weight("scale", dims(2), 0, 3).weight("cap", dims(), 1)
                .node("MatMul", "mm", List.of("table", "w"), "a")
                .node("Relu", "relu", List.of("a"), "b")
                .node("Sigmoid", "sig", List.of("b"), "c")
                .node("Add", "bias", List.of("x", "c"), "d")
                .node("Clip", "clip", List.of("scale", "", "cap"), "e")
                .node("Exp", "exp", List.of("e"), "f")
                .node("Mul", "y", List.of("d", "f"), "y")
                .output("y").load();

        assertThat(ops(g)).containsExactly("input", "add", "mul");
        float s1 = (float) (1 / (1 + Math.exp(-1)));
        float s3 = (float) (1 / (1 + Math.exp(-3)));
        assertThat(g.weights().get("bias", "constant")).containsExactly(s1, s3, s3, 0.5f);
        assertThat(g.layer(g.idOf("bias")).op()).isEqualTo(Eltwise.withFixedConstant(EltwiseKind.ADD,
                List.of(2, 2)));
        assertThat(g.weights().get("y", "constant")).containsExactly(1, (float) Math.E);
        assertThat(g.totalParams()).as("the clipped, exponentiated scale is a parameter").isEqualTo(2);
    }

    /** torch's F.gelu export: x * (1 + erf(x / sqrt 2)), then * 0.5. */
    @Test
    void erfGeluIsOneActivation() {
        Graph g = TestModel.named("gelu").input("x", 1, 4, 8)
                .constant("sqrt2", scalar(1.4142135f)).constant("one", scalar(1)).constant("half", scalar(0.5f))
                .node("Div", "div", List.of("x", "sqrt2"), "d")
                .node("Erf", "erf", List.of("d"), "e")
                .node("Add", "add", List.of("e", "one"), "a")
                .node("Mul", "mul", List.of("x", "a"), "m")
                .node("Mul", "gelu", List.of("m", "half"), "y")
                .output("y").load();

        assertThat(ops(g)).containsExactly("input", "gelu");
        assertThat(g.layer(g.idOf("gelu")).op()).isEqualTo(Activation.of(ActivationKind.GELU));
        assertThat(g.layer(g.idOf("gelu")).output()).isEqualTo(TensorType.fp32(1, 4, 8));
    }

    /** BERT's python gelu: (x * 0.5) * (1 + erf(x / sqrt 2)), the halving computed first. */
    @Test
    void erfGeluWithTheHalvingFirstIsOneActivation() {
        Graph g = TestModel.named("gelu_bert").input("x", 1, 8)
                .constant("sqrt2", scalar(1.4142135f)).constant("one", scalar(1)).constant("half", scalar(0.5f))
                .node("Relu", "pre", List.of("x"), "p")
                .node("Mul", "half_x", List.of("p", "half"), "h")
                .node("Div", "div", List.of("p", "sqrt2"), "d")
                .node("Erf", "erf", List.of("d"), "e")
                .node("Add", "add", List.of("e", "one"), "a")
                .node("Mul", "gelu", List.of("h", "a"), "y")
                .output("y").load();

        assertThat(ops(g)).containsExactly("input", "relu", "gelu");
        assertThat(g.layer(g.idOf("gelu")).inputs()).containsExactly(g.idOf("pre"));
    }

    @Test
    void erfOutsideGeluIsOpaque() {
        Graph g = TestModel.named("erf").input("x", 1, 8)
                .node("Erf", "erf", List.of("x"), "y")
                .output("y").load();

        assertThat(g.layer(g.idOf("erf")).op()).isEqualTo(new Opaque("Erf", TensorType.fp32(1, 8), 0));
    }

    @Test
    void reshapeWithZeroAndMinusOneFromAConstantAndTranspose() {
        Graph g = TestModel.named("reshape").input("x", 1, 128, 768)
                .constant("shape", longs(0, 0, 12, -1))
                .node("Reshape", "split_heads", List.of("x", "shape"), "r")
                .node("Transpose", "heads_first", List.of("r"), "y", ints("perm", 0, 2, 1, 3))
                .output("y").load();

        assertThat(g.layer(g.idOf("split_heads")).op()).isEqualTo(new Reshape(List.of(0, 0, 12, -1)));
        assertThat(g.layer(g.idOf("split_heads")).output()).isEqualTo(TensorType.fp32(1, 128, 12, 64));
        assertThat(g.layer(g.idOf("heads_first")).op()).isEqualTo(new Transpose(List.of(0, 2, 1, 3)));
        assertThat(g.layer(g.idOf("heads_first")).output()).isEqualTo(TensorType.fp32(1, 12, 128, 64));
    }

    /** The dynamic-shape idiom torch emits for x.view(x.size(0), -1) folds to a plain Reshape. */
    @Test
    void shapeGatherUnsqueezeConcatChainIsFoldedAway() {
        Graph g = TestModel.named("dynreshape").input("x", 1, 64, 7, 7)
                .int64s("zero", 0).int64s("minus_one", -1)
                .constant("axis0", longs(0))
                .node("Shape", "shape", List.of("x"), "s")
                .node("Gather", "batch", List.of("s", "zero_scalar"), "n", i("axis", 0))
                .node("Unsqueeze", "batch_1d", List.of("n", "axis0"), "n1")
                .node("Concat", "target", List.of("n1", "minus_one"), "t", i("axis", 0))
                .node("Reshape", "flatten", List.of("x", "t"), "y")
                .constant("zero_scalar", TestModel.longs(0).toBuilder().clearDims().build())
                .output("y", 1, 3136).load();

        assertThat(ops(g)).containsExactly("input", "reshape");
        assertThat(g.layer(g.idOf("flatten")).op()).isEqualTo(new Reshape(List.of(1, -1)));
        assertThat(g.layer(g.idOf("flatten")).output()).isEqualTo(TensorType.fp32(1, 3136));
    }

    @Test
    void sliceCastAndSqueezeOnConstantsFold() {
        Graph g = TestModel.named("slicefold").input("x", 1, 3, 8, 8)
                .int64s("starts", 2).int64s("ends", Long.MAX_VALUE).int64s("axes", 0)
                .node("Shape", "shape", List.of("x"), "s")
                .node("Slice", "hw", List.of("s", "starts", "ends", "axes"), "hw_dims")
                .node("Cast", "hw_float", List.of("hw_dims"), "hwf", i("to", 1))
                .node("Cast", "hw_int", List.of("hwf"), "hwi", i("to", 7))
                .node("Concat", "target", List.of("three", "hwi"), "t", i("axis", 0))
                .constant("three", longs(3))
                .node("Reshape", "drop_batch", List.of("x", "t"), "y")
                .output("y").load();

        assertThat(g.layer(g.idOf("drop_batch")).output()).isEqualTo(TensorType.fp32(3, 8, 8));
    }

    @Test
    void resizeWithIntegerScalesAndSizesAndUpsample() {
        Graph resize = TestModel.named("resize").input("x", 1, 16, 13, 13)
                .weight("scales", dims(4), 1, 1, 2, 2)
                .node("Resize", "up", List.of("x", "", "scales"), "y", s("mode", "nearest"))
                .output("y").load();
        assertThat(resize.layer(resize.idOf("up")).op()).isEqualTo(Upsample.nearest(2));
        assertThat(resize.layer(resize.idOf("up")).output()).isEqualTo(TensorType.fp32(1, 16, 26, 26));

        Graph sized = TestModel.named("resize_sizes").input("x", 1, 16, 13, 13)
                .int64s("sizes", 1, 16, 39, 26)
                .node("Resize", "up", List.of("x", "", "", "sizes"), "y")
                .output("y").load();
        assertThat(sized.layer(sized.idOf("up")).op()).isEqualTo(new Upsample(3, 2, "nearest"));

        Graph upsample = TestModel.named("upsample").opset(9).input("x", 1, 16, 13, 13)
                .weight("scales", dims(4), 1, 1, 2, 2)
                .node("Upsample", "up", List.of("x", "scales"), "y")
                .output("y").load();
        assertThat(upsample.layer(upsample.idOf("up")).output()).isEqualTo(TensorType.fp32(1, 16, 26, 26));
    }

    @Test
    void fractionalResizeIsOpaqueWithItsComputedShape() {
        Graph g = TestModel.named("resize_frac").input("x", 1, 16, 10, 10)
                .weight("scales", dims(4), 1, 1, 1.5f, 1.5f)
                .node("Resize", "up", List.of("x", "", "scales"), "y", s("mode", "linear"))
                .output("y").load();

        assertThat(g.layer(g.idOf("up")).op()).isEqualTo(new Opaque("Resize", TensorType.fp32(1, 16, 15, 15), 0));
    }

    @Test
    void layerNormalizationSoftmaxAndBatchNormalizationKeepTheirParameters() {
        Graph g = TestModel.named("norms").input("x", 1, 4, 6)
                .weight("gamma", dims(6), ramp(6)).weight("beta", dims(6))
                .weight("s", dims(4), 1, 2, 3, 4).weight("b", dims(4), 5, 6, 7, 8)
                .weight("m", dims(4), 0, 0, 0, 0).weight("v", dims(4), 1, 1, 1, 1)
                .node("LayerNormalization", "ln", List.of("x", "gamma", "beta"), "a", f("epsilon", 1e-12f))
                .node("Softmax", "softmax", List.of("a"), "c", i("axis", -1))
                .node("BatchNormalization", "bn", List.of("c", "s", "b", "m", "v"), "y", f("epsilon", 1e-3f))
                .output("y").load();

        assertThat(g.layer(g.idOf("ln")).op()).isEqualTo(new LayerNorm(1e-12f));
        assertThat(g.params(g.layer(g.idOf("ln")))).isEqualTo(12);
        assertThat(g.weights().get("ln", "scale")).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(g.weights().get("ln", "bias")).isNull();
        assertThat(g.layer(g.idOf("softmax")).op()).isEqualTo(new Softmax(-1));
        assertThat(g.layer(g.idOf("bn")).op()).isEqualTo(new BatchNorm(1e-3f));
        assertThat(g.weights().byLayer().get("bn")).containsOnlyKeys("scale", "bias", "mean", "var");
        assertThat(g.weights().get("bn", "bias")).containsExactly(5, 6, 7, 8);
    }

    @Test
    void softmaxAxisDefaultsToOneBeforeOpset13() {
        Graph g = TestModel.named("softmax11").opset(11).input("x", 2, 10)
                .node("Softmax", "sm", List.of("x"), "y")
                .output("y").load();
        assertThat(g.layer(g.idOf("sm")).op()).isEqualTo(new Softmax(1));
    }

    @Test
    void poolsConcatAndIdentityOnActivations() {
        Graph g = TestModel.named("pools").input("x", 1, 8, 9, 9)
                .node("AveragePool", "avg", List.of("x"), "a", ints("kernel_shape", 3, 3), ints("strides", 2, 2),
                        ints("pads", 1, 1, 1, 1), i("ceil_mode", 1), i("count_include_pad", 1))
                .node("Identity", "same", List.of("a"), "a2")
                .node("MaxPool", "max", List.of("x"), "b", ints("kernel_shape", 2, 2), ints("strides", 2, 2),
                        i("ceil_mode", 1))
                .node("Concat", "cat", List.of("a2", "b"), "c", i("axis", 1))
                .node("GlobalMaxPool", "gmax", List.of("c"), "y")
                .output("y").load();

        assertThat(g.layer(g.idOf("avg")).op()).isEqualTo(
                new Pool(PoolKind.AVG, 3, 3, 2, 2, Padding.same(1), true, true));
        assertThat(g.layer(g.idOf("avg")).output()).isEqualTo(TensorType.fp32(1, 8, 5, 5));
        assertThat(g.layer(g.idOf("max")).output()).isEqualTo(TensorType.fp32(1, 8, 5, 5));
        assertThat(g.layer(g.idOf("cat")).op()).isEqualTo(new Concat(1));
        assertThat(g.layer(g.idOf("cat")).inputs()).containsExactly(g.idOf("avg"), g.idOf("max"));
        assertThat(g.layer(g.idOf("gmax")).op()).isEqualTo(new GlobalPool(PoolKind.MAX));
        assertThat(g.idOf("same")).isNull();
    }

    @Test
    void unsqueezeAndSqueezeOfActivationsAreReshapes() {
        Graph g = TestModel.named("squeeze").input("x", 1, 8)
                .int64s("axes", 2, 3)
                .node("Unsqueeze", "nchw", List.of("x", "axes"), "a")
                .node("Squeeze", "back", List.of("a", "axes"), "y")
                .output("y").load();

        assertThat(g.layer(g.idOf("nchw")).output()).isEqualTo(TensorType.fp32(1, 8, 1, 1));
        assertThat(g.layer(g.idOf("back")).op()).isEqualTo(new Reshape(List.of(1, 8)));
    }

    @Test
    void gatherFromAConstantTableIsAnEmbedding() {
        Graph g = TestModel.named("embed").typedInput("ids", TestModel.INT64, 1, 128)
                .weight("table", dims(30522, 768))
                .node("Gather", "word_embeddings", List.of("table", "ids"), "y")
                .output("y").load();

        Layer e = g.layer(g.idOf("word_embeddings"));
        assertThat(e.op()).isEqualTo(new Embedding(30522, 768));
        assertThat(e.output()).isEqualTo(TensorType.fp32(1, 128, 768));
        assertThat(g.layer(g.idOf("ids")).output()).isEqualTo(TensorType.of(DType.INT64, 1, 128));
    }

    @Test
    void unknownOpIsOpaqueWithDeclaredShapeAndInitializerParameters() {
        Graph g = TestModel.named("custom").input("x", 1, 3, 8, 8)
                .weight("table", dims(5, 7))
                .declare("p", 1, 3, 4, 4)
                .node("SpaceToDepthish", "mystery", List.of("x", "table"), "p")
                .node("InstanceNormalization", "inorm", List.of("p"), "y")
                .output("y").load();

        Layer mystery = g.layer(g.idOf("mystery"));
        assertThat(mystery.op()).isEqualTo(new Opaque("SpaceToDepthish", TensorType.fp32(1, 3, 4, 4), 35));
        assertThat(g.params(mystery)).isEqualTo(35);
        assertThat(g.layer(g.idOf("inorm")).op()).isEqualTo(new Opaque("InstanceNormalization",
                TensorType.fp32(1, 3, 4, 4), 0));
        assertThat(g.layer(g.idOf("inorm")).inputs()).containsExactly(mystery.id());
    }

    @Test
    void sliceOfAnActivationIsOpaqueWithTheSlicedShape() {
        Graph g = TestModel.named("slice").input("x", 1, 128, 768)
                .int64s("starts", 0).int64s("ends", 1).int64s("axes", 1)
                .node("Slice", "cls", List.of("x", "starts", "ends", "axes"), "y")
                .output("y").load();

        assertThat(g.layer(g.idOf("cls")).op()).isEqualTo(new Opaque("Slice", TensorType.fp32(1, 1, 768), 0));
    }

    @Test
    void unnamedNodesAreNamedAfterTheirOutputAndNamesStayUnique() {
        Graph g = TestModel.named("names").input("x", 1, 4)
                .node("Relu", "", List.of("x"), "act")
                .node("Relu", "twin", List.of("act"), "t1")
                .node("Relu", "twin", List.of("t1"), "y")
                .output("y").load();

        assertThat(g.layers().stream().map(Layer::name)).containsExactly("x", "act", "twin", "twin_1");
        assertThat(g.layer(0).op()).isInstanceOf(Input.class);
    }

    @Test
    void weightsGivenAsFloatDataAreKeptToo() {
        ai.onnx.proto.OnnxMl.TensorProto w = ai.onnx.proto.OnnxMl.TensorProto.newBuilder().setName("w")
                .setDataType(TestModel.FLOAT).addAllDims(List.of(2L, 1L, 1L, 1L)).addFloatData(0.5f)
                .addFloatData(-2f).build();
        ai.onnx.proto.OnnxMl.ModelProto.Builder m = TestModel.named("float_data").input("x", 1, 1, 4, 4)
                .node("Conv", "pointwise", List.of("x", "w"), "y").output("y").build().toBuilder();
        m.getGraphBuilder().addInitializer(w);

        Graph g = OnnxImporter.load(m.build().toByteArray(), "float_data.onnx");

        assertThat(g.weights().get("pointwise", "weight")).containsExactly(0.5f, -2f);
        assertThat(g.layer(g.idOf("pointwise")).output()).isEqualTo(TensorType.fp32(1, 2, 4, 4));
    }

    /** Every op the importer emits survives the graph JSON form (what `place inspect --format json` writes). */
    @Test
    void importedGraphsRoundTripThroughGraphJson() {
        Graph g = TestModel.named("mixed").input("x", 1, 4, 8)
                .weight("W", dims(8, 8)).weight("gamma", dims(8))
                .constant("shape", longs(0, 0, 2, -1))
                .node("MatMul", "proj", List.of("x", "W"), "a")
                .node("LayerNormalization", "ln", List.of("a", "gamma"), "b")
                .node("Reshape", "split", List.of("b", "shape"), "c")
                .node("Transpose", "t", List.of("c"), "d", ints("perm", 0, 2, 1, 3))
                .node("Softmax", "sm", List.of("d"), "e")
                .node("NonMaxSuppressionish", "mystery", List.of("e"), "y")
                .output("y", 1, 4, 2, 4).load();

        Graph back = dev.hetplace.ir.json.GraphJson.read(dev.hetplace.ir.json.GraphJson.write(g));

        assertThat(back.layers()).isEqualTo(g.layers());
    }

    @Test
    void unknownOpWithoutADeclaredShapeIsRefusedNamingNodeOpAndTheMissingShape() {
        TestModel m = TestModel.named("undeclared").input("x", 1, 3, 8, 8)
                .node("SpaceToDepthish", "mystery", List.of("x"), "y")
                .output("y");

        assertThatThrownBy(m::load).isInstanceOf(OnnxImportException.class)
                .hasMessage("undeclared.onnx: node 'mystery' (SpaceToDepthish): (SpaceToDepthish) is not modelled and"
                        + " its output shape is missing: the file declares none (value_info) and hetplace cannot"
                        + " infer it");
    }

    /** torch exports {@code x.mean([2, 3])} (ShuffleNet v2's head) as ReduceMean with keepdims=0. */
    @Test
    void spatialReduceMeanIsGlobalPoolingAndOtherReductionsKeepTheirShape() {
        Graph g = TestModel.named("reduce").input("x", 1, 16, 7, 7)
                .weight("W", dims(10, 16))
                .node("ReduceMean", "gap", List.of("x"), "p", ints("axes", 2, 3), i("keepdims", 0))
                .node("Gemm", "fc", List.of("p", "W"), "f", i("transB", 1))
                .node("ReduceSum", "sum", List.of("x"), "s", ints("axes", -3))
                .node("ReduceMean", "keep", List.of("x"), "k", ints("axes", 3))
                .output("f").output("s").output("k").load();

        assertThat(g.layer(g.idOf("fc")).output()).isEqualTo(TensorType.fp32(1, 10));
        assertThat(g.layer(g.idOf("gap")).output()).isEqualTo(TensorType.fp32(1, 16));
        assertThat(g.layer(g.idOf("sum")).output()).isEqualTo(TensorType.fp32(1, 1, 7, 7));
        assertThat(g.layer(g.idOf("keep")).output()).isEqualTo(TensorType.fp32(1, 16, 7, 1));
    }

    /** MaxViT's attention: scores {@code B G H I D, B G H J D -> B G H I J} (B transposed), then the context. */
    @Test
    void einsumThatIsABatchedMatrixProductIsAMatMul() {
        Graph g = TestModel.named("einsum").input("q", 1, 2, 3, 5, 4).input("k", 1, 2, 3, 6, 4)
                .node("Einsum", "scores", List.of("q", "k"), "s", s("equation", "B G H I D, B G H J D -> B G H I J"))
                .node("Einsum", "context", List.of("s", "k"), "c", s("equation", "bghij,bghjd->bghid"))
                .node("Einsum", "outer", List.of("q", "k"), "o", s("equation", "bghid,bghjd->bghijd"))
                .output("c").output("o").load();

        assertThat(g.layer(g.idOf("scores")).op()).isEqualTo(new MatMul(false, true));
        assertThat(g.layer(g.idOf("scores")).output()).isEqualTo(TensorType.fp32(1, 2, 3, 5, 6));
        assertThat(g.layer(g.idOf("context")).op()).isEqualTo(new MatMul(false, false));
        assertThat(g.layer(g.idOf("context")).output()).isEqualTo(TensorType.fp32(1, 2, 3, 5, 4));
        assertThat(g.macs(g.layer(g.idOf("scores")))).isEqualTo(2L * 3 * 5 * 6 * 4);
        assertThat(g.layer(g.idOf("outer")).op()).isEqualTo(new Opaque("Einsum", TensorType.fp32(1, 2, 3, 5, 6, 4), 0));
    }
}
