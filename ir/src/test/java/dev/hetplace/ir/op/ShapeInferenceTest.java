package dev.hetplace.ir.op;

import static dev.hetplace.ir.tensor.TensorType.fp32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hetplace.ir.tensor.DType;
import dev.hetplace.ir.tensor.ShapeException;
import dev.hetplace.ir.tensor.TensorType;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Output shapes, MACs and parameter counts per op, against hand-computed values and PyTorch's formulas. */
class ShapeInferenceTest {

    private static List<Integer> shape(Op op, TensorType... inputs) {
        return op.infer(List.of(inputs)).shape();
    }

    private static long macs(Op op, TensorType... inputs) {
        return op.macs(List.of(inputs), op.infer(List.of(inputs)));
    }

    private static long params(Op op, TensorType... inputs) {
        return op.params(List.of(inputs));
    }

    @Nested
    class Convolution {
        @Test
        void strideAndSymmetricPadding() {
            // ResNet stem: floor((224 + 2*3 - 7) / 2) + 1 = 112
            Conv2d stem = Conv2d.square(64, 7, 2, 3, false);
            assertThat(shape(stem, fp32(1, 3, 224, 224))).containsExactly(1, 64, 112, 112);
            assertThat(macs(stem, fp32(1, 3, 224, 224))).isEqualTo(64L * 112 * 112 * 3 * 7 * 7);
            assertThat(params(stem, fp32(1, 3, 224, 224))).isEqualTo(64L * 3 * 7 * 7);
        }

        @Test
        void asymmetricPaddingPerSide() {
            // TF "SAME" for k3/s2 on 224: pad 0 before, 1 after -> (224 + 1 - 3) / 2 + 1 = 112
            Conv2d same = new Conv2d(8, 3, 3, 2, 2, new Padding(0, 0, 1, 1), 1, 1, 1, false);
            assertThat(shape(same, fp32(1, 3, 224, 224))).containsExactly(1, 8, 112, 112);
            // height padded 1 + 2, width not at all: 10 + 3 - 3 + 1 = 11 rows, 10 - 3 + 1 = 8 columns
            Conv2d tall = new Conv2d(4, 3, 3, 1, 1, new Padding(1, 0, 2, 0), 1, 1, 1, true);
            assertThat(shape(tall, fp32(1, 2, 10, 10))).containsExactly(1, 4, 11, 8);
        }

        @Test
        void rectangularKernelAndStride() {
            Conv2d c = new Conv2d(16, 1, 7, 1, 2, Padding.of(0, 3), 1, 1, 1, false);
            // rows: 17 - 1 + 1 = 17; columns: (17 + 6 - 7) / 2 + 1 = 9
            assertThat(shape(c, fp32(1, 8, 17, 17))).containsExactly(1, 16, 17, 9);
            assertThat(params(c, fp32(1, 8, 17, 17))).isEqualTo(16L * 8 * 1 * 7);
        }

        @Test
        void dilationWidensTheKernel() {
            // effective kernel 2 * (3 - 1) + 1 = 5
            Conv2d dilated = new Conv2d(8, 3, 3, 1, 1, Padding.NONE, 2, 2, 1, false);
            assertThat(shape(dilated, fp32(1, 8, 32, 32))).containsExactly(1, 8, 28, 28);
            Conv2d dilatedSame = new Conv2d(8, 3, 3, 1, 1, Padding.same(2), 2, 2, 1, false);
            assertThat(shape(dilatedSame, fp32(1, 8, 32, 32))).containsExactly(1, 8, 32, 32);
            assertThat(macs(dilated, fp32(1, 8, 32, 32))).isEqualTo(8L * 28 * 28 * 8 * 9);
        }

        @Test
        void groupsDivideTheInputChannels() {
            Conv2d grouped = Conv2d.square(64, 3, 1, 1, true).withGroups(4);
            TensorType in = fp32(1, 32, 14, 14);
            assertThat(shape(grouped, in)).containsExactly(1, 64, 14, 14);
            assertThat(params(grouped, in)).isEqualTo(64L * (32 / 4) * 9 + 64);
            assertThat(macs(grouped, in)).isEqualTo(64L * 14 * 14 * (32 / 4) * 9);
            assertThat(grouped.depthwise(32)).isFalse();
        }

        @Test
        void depthwiseHasOneInputChannelPerFilter() {
            Conv2d dw = Conv2d.square(32, 3, 2, 1, false).withGroups(32);
            TensorType in = fp32(1, 32, 112, 112);
            assertThat(shape(dw, in)).containsExactly(1, 32, 56, 56);
            assertThat(params(dw, in)).isEqualTo(32L * 9);
            assertThat(macs(dw, in)).isEqualTo(32L * 56 * 56 * 9);
            assertThat(dw.depthwise(32)).isTrue();
        }

        @Test
        void rejectsWhatDoesNotFit() {
            assertThatThrownBy(() -> shape(Conv2d.square(64, 3, 1, 1, false).withGroups(4), fp32(1, 30, 8, 8)))
                    .isInstanceOf(ShapeException.class)
                    .hasMessage("conv2d input channels 30 not divisible by groups 4");
            assertThatThrownBy(() -> shape(Conv2d.square(8, 7, 1, 0, false), fp32(1, 3, 5, 5)))
                    .hasMessage("kernel 7 (dilation 1) larger than padded input 5");
            assertThatThrownBy(() -> shape(Conv2d.square(8, 3, 1, 0, false), fp32(1, 3, 5)))
                    .hasMessage("conv2d needs a rank-4 input, got [1, 3, 5]");
            assertThatThrownBy(() -> Conv2d.square(6, 3, 1, 0, false).withGroups(4))
                    .hasMessage("conv2d out channels 6 not divisible by groups 4");
            assertThatThrownBy(() -> Conv2d.square(8, 3, 0, 0, false))
                    .hasMessage("conv2d parameters must be positive");
            assertThatThrownBy(() -> shape(Conv2d.square(8, 3, 1, 0, false), fp32(1, 3, 8, 8), fp32(1, 3, 8, 8)))
                    .hasMessage("conv2d takes 1 input(s), got 2");
        }
    }

    @Nested
    class Pooling {
        @Test
        void floorMode() {
            assertThat(shape(Pool.max(3, 2, 1), fp32(1, 64, 112, 112))).containsExactly(1, 64, 56, 56);
            // (112 - 3) / 2 + 1 = 55 without padding
            assertThat(shape(Pool.max(3, 2, 0), fp32(1, 64, 112, 112))).containsExactly(1, 64, 55, 55);
            assertThat(shape(Pool.avg(2, 2, 0), fp32(1, 8, 7, 7))).containsExactly(1, 8, 3, 3);
        }

        @Test
        void ceilModeRoundsUp() {
            // PyTorch MaxPool2d(3, 2, ceil_mode=True): ceil((112 - 3) / 2) + 1 = 56; SqueezeNet: 111 -> 55 -> 27 -> 13
            assertThat(shape(Pool.max(3, 2, 0).ceil(), fp32(1, 64, 112, 112))).containsExactly(1, 64, 56, 56);
            assertThat(shape(Pool.max(3, 2, 0).ceil(), fp32(1, 64, 111, 111))).containsExactly(1, 64, 55, 55);
            assertThat(shape(Pool.max(3, 2, 0).ceil(), fp32(1, 64, 55, 55))).containsExactly(1, 64, 27, 27);
            assertThat(shape(Pool.max(3, 2, 0).ceil(), fp32(1, 64, 27, 27))).containsExactly(1, 64, 13, 13);
            // GoogLeNet's maxpool4: 2x2/2 on 14 is 7 either way
            assertThat(shape(Pool.max(2, 2, 0).ceil(), fp32(1, 832, 14, 14))).containsExactly(1, 832, 7, 7);
        }

        @Test
        void ceilModeDropsAWindowStartingInTheEndPadding() {
            // MaxPool2d(2, 2, padding=1, ceil_mode=True) on 5: ceil(5 / 2) + 1 = 4, but window 3 would start at
            // 3 * 2 = 6 >= 5 + 1 (inside the right padding), so PyTorch gives 3
            Pool p = new Pool(PoolKind.MAX, 2, 2, 2, 2, Padding.same(1), true, false);
            assertThat(shape(p, fp32(1, 1, 5, 5))).containsExactly(1, 1, 3, 3);
        }

        @Test
        void asymmetricPaddingKeepsTheSizeAtStrideOne() {
            // Darknet's size-2 stride-1 max pool pads one row and column at the end: 13 -> 13
            Pool p = new Pool(PoolKind.MAX, 2, 2, 1, 1, new Padding(0, 0, 1, 1), false, false);
            assertThat(shape(p, fp32(1, 512, 13, 13))).containsExactly(1, 512, 13, 13);
        }

        @Test
        void globalPoolingKeepsBatchAndChannels() {
            assertThat(shape(new GlobalPool(PoolKind.AVG), fp32(2, 512, 7, 7))).containsExactly(2, 512, 1, 1);
            assertThat(new GlobalPool(PoolKind.MAX).name()).isEqualTo("global_max_pool2d");
        }

        @Test
        void poolsHaveNoMacsOrParams() {
            assertThat(macs(Pool.max(3, 2, 1), fp32(1, 64, 112, 112))).isZero();
            assertThat(params(Pool.max(3, 2, 1), fp32(1, 64, 112, 112))).isZero();
        }

        @Test
        void rejectsAWindowLargerThanTheInput() {
            assertThatThrownBy(() -> shape(Pool.max(3, 1, 0), fp32(1, 1, 2, 2)))
                    .hasMessage("max_pool2d window 3 larger than input 2");
        }
    }

    @Nested
    class Products {
        @Test
        void denseActsOnTheLastAxis() {
            Dense fc = new Dense(1000, true);
            assertThat(shape(fc, fp32(1, 512))).containsExactly(1, 1000);
            assertThat(macs(fc, fp32(1, 512))).isEqualTo(512_000L);
            assertThat(params(fc, fp32(1, 512))).isEqualTo(513_000L);
            Dense ffn = new Dense(3072, false);
            assertThat(shape(ffn, fp32(1, 128, 768))).containsExactly(1, 128, 3072);
            assertThat(macs(ffn, fp32(1, 128, 768))).isEqualTo(128L * 768 * 3072);
            assertThat(params(ffn, fp32(1, 128, 768))).isEqualTo(768L * 3072);
            assertThatThrownBy(() -> shape(fc, fp32(512))).hasMessage("dense needs an input of rank >= 2, got [512]");
        }

        @Test
        void batchedMatMulWithTransposedB() {
            // attention scores: [1, 12, 128, 64] x [1, 12, 128, 64]^T
            MatMul scores = new MatMul(false, true);
            TensorType q = fp32(1, 12, 128, 64);
            assertThat(shape(scores, q, q)).containsExactly(1, 12, 128, 128);
            assertThat(macs(scores, q, q)).isEqualTo(12L * 128 * 128 * 64);
            assertThat(params(scores, q, q)).isZero();
        }

        @Test
        void matMulWithTransposedA() {
            // A [5, 3] transposed is 3 x 5; B [5, 7] -> 3 x 7, K = 5
            MatMul m = new MatMul(true, false);
            assertThat(shape(m, fp32(5, 3), fp32(5, 7))).containsExactly(3, 7);
            assertThat(macs(m, fp32(5, 3), fp32(5, 7))).isEqualTo(3L * 7 * 5);
            assertThat(shape(new MatMul(true, true), fp32(5, 3), fp32(7, 5))).containsExactly(3, 7);
        }

        @Test
        void matMulBroadcastsBatchDimensions() {
            assertThat(shape(new MatMul(false, false), fp32(2, 1, 4, 5), fp32(3, 5, 6))).containsExactly(2, 3, 4, 6);
        }

        @Test
        void matMulRejectsMismatchedInnerDimensions() {
            assertThatThrownBy(() -> shape(new MatMul(false, false), fp32(4, 5), fp32(6, 7)))
                    .hasMessage("matmul inner dimensions differ: [4, 5] x [6, 7]");
            assertThatThrownBy(() -> shape(new MatMul(false, true), fp32(1, 4, 5), fp32(1, 5, 7)))
                    .hasMessage("matmul inner dimensions differ: [1, 4, 5] x [1, 5, 7] (B transposed)");
            assertThatThrownBy(() -> shape(new MatMul(false, false), fp32(2, 4, 5), fp32(3, 5, 7)))
                    .hasMessage("shapes [2] and [3] do not broadcast");
        }
    }

    @Nested
    class Elementwise {
        @Test
        void broadcastsLikeNumpy() {
            Eltwise add = Eltwise.of(EltwiseKind.ADD);
            assertThat(shape(add, fp32(1, 64, 56, 56), fp32(1, 64, 56, 56))).containsExactly(1, 64, 56, 56);
            assertThat(shape(add, fp32(1, 64, 56, 56), fp32(1, 64, 1, 1))).containsExactly(1, 64, 56, 56);
            assertThat(shape(add, fp32(4, 1), fp32(3, 1, 5))).containsExactly(3, 4, 5);
            assertThat(shape(add, fp32(1, 64, 56, 56), new TensorType(List.of(), DType.FP32)))
                    .containsExactly(1, 64, 56, 56);
            assertThat(params(add, fp32(4, 1), fp32(3, 1, 5))).isZero();
        }

        @Test
        void rejectsShapesThatDoNotBroadcast() {
            assertThatThrownBy(() -> shape(Eltwise.of(EltwiseKind.MUL), fp32(1, 3), fp32(1, 4)))
                    .isInstanceOf(ShapeException.class)
                    .hasMessage("shapes [1, 3] and [1, 4] do not broadcast");
            assertThatThrownBy(() -> shape(Eltwise.of(EltwiseKind.ADD), fp32(1, 3), TensorType.of(DType.INT64, 1, 3)))
                    .hasMessage("add inputs differ in type: 1x3:fp32 and 1x3:int64");
        }

        @Test
        void constantOperandsAreParametersUnlessScalar() {
            Eltwise bias = Eltwise.withConstant(EltwiseKind.ADD, List.of(64, 1, 1));
            assertThat(shape(bias, fp32(1, 64, 56, 56))).containsExactly(1, 64, 56, 56);
            assertThat(params(bias, fp32(1, 64, 56, 56))).isEqualTo(64);
            // a rank-0 constant (attention's 1 / sqrt(d)) is fixed, not learned
            Eltwise scale = Eltwise.withConstant(EltwiseKind.DIV, List.of());
            assertThat(shape(scale, fp32(1, 12, 128, 128))).containsExactly(1, 12, 128, 128);
            assertThat(params(scale, fp32(1, 12, 128, 128))).isZero();
            assertThat(params(Eltwise.withConstant(EltwiseKind.MUL, List.of(1)), fp32(1, 4))).isEqualTo(1);
            assertThatThrownBy(() -> shape(bias, fp32(1, 32, 8, 8)))
                    .hasMessage("shapes [1, 32, 8, 8] and [64, 1, 1] do not broadcast");
        }
    }

    @Nested
    class Layout {
        @Test
        void concatSumsTheAxis() {
            assertThat(shape(new Concat(1), fp32(1, 64, 28, 28), fp32(1, 128, 28, 28), fp32(1, 32, 28, 28)))
                    .containsExactly(1, 224, 28, 28);
            assertThat(shape(new Concat(-1), fp32(2, 3), fp32(2, 5))).containsExactly(2, 8);
            assertThatThrownBy(() -> shape(new Concat(1), fp32(1, 64, 28, 28), fp32(1, 64, 14, 14)))
                    .hasMessage("concat inputs differ off axis 1: [1, 64, 28, 28] and [1, 64, 14, 14]");
            assertThatThrownBy(() -> shape(new Concat(4), fp32(1, 64, 28, 28)))
                    .hasMessage("concat axis 4 out of range for [1, 64, 28, 28]");
            assertThatThrownBy(() -> shape(new Concat(0), fp32(1, 2), fp32(1, 2, 3)))
                    .hasMessage("concat inputs differ in rank: [1, 2] and [1, 2, 3]");
        }

        @Test
        void reshapeCopiesZerosAndInfersMinusOne() {
            assertThat(shape(new Reshape(List.of(0, 0, 12, 64)), fp32(1, 128, 768))).containsExactly(1, 128, 12, 64);
            assertThat(shape(new Reshape(List.of(1, -1)), fp32(1, 512, 1, 1))).containsExactly(1, 512);
            assertThat(shape(new Reshape(List.of(0, -1, 64)), fp32(1, 12, 128, 64))).containsExactly(1, 1536, 64);
            assertThatThrownBy(() -> shape(new Reshape(List.of(-1, -1)), fp32(4, 4)))
                    .hasMessage("reshape target [-1, -1] has more than one -1");
            assertThatThrownBy(() -> shape(new Reshape(List.of(3, -1)), fp32(4, 4)))
                    .hasMessage("cannot reshape [4, 4] to [3, -1]");
            assertThatThrownBy(() -> shape(new Reshape(List.of(5, 3)), fp32(4, 4)))
                    .hasMessage("cannot reshape [4, 4] (16 elements) to [5, 3]");
            assertThatThrownBy(() -> shape(new Reshape(List.of(0, 0, 0)), fp32(16, 1)))
                    .hasMessage("reshape target [0, 0, 0] copies a missing dimension of [16, 1]");
            assertThatThrownBy(() -> shape(new Reshape(List.of(-2, 8)), fp32(16, 1)))
                    .hasMessage("reshape target [-2, 8] has a negative dimension");
        }

        @Test
        void flattenSplitsAtTheAxis() {
            assertThat(shape(new Flatten(1), fp32(1, 512, 7, 7))).containsExactly(1, 25088);
            assertThat(shape(new Flatten(0), fp32(2, 3, 4))).containsExactly(1, 24);
            assertThat(shape(new Flatten(3), fp32(2, 3, 4))).containsExactly(24, 1);
            assertThat(shape(new Flatten(-1), fp32(2, 3, 4))).containsExactly(6, 4);
            assertThatThrownBy(() -> shape(new Flatten(4), fp32(2, 3, 4)))
                    .hasMessage("flatten axis 4 out of range for [2, 3, 4]");
        }

        @Test
        void transposePermutesDimensions() {
            assertThat(shape(new Transpose(List.of(0, 2, 1, 3)), fp32(1, 128, 12, 64))).containsExactly(1, 12, 128, 64);
            assertThat(shape(new Transpose(List.of(0, 2, 3, 1)), fp32(1, 12, 128, 64))).containsExactly(1, 128, 64, 12);
            assertThatThrownBy(() -> shape(new Transpose(List.of(0, 0, 1)), fp32(1, 2, 3)))
                    .hasMessage("transpose permutation [0, 0, 1] does not fit [1, 2, 3]");
            assertThatThrownBy(() -> shape(new Transpose(List.of(1, 0)), fp32(1, 2, 3)))
                    .hasMessage("transpose permutation [1, 0] does not fit [1, 2, 3]");
        }

        @Test
        void upsampleScalesHeightAndWidth() {
            assertThat(shape(Upsample.nearest(2), fp32(1, 128, 13, 13))).containsExactly(1, 128, 26, 26);
            assertThat(shape(new Upsample(2, 3, "bilinear"), fp32(1, 4, 5, 5))).containsExactly(1, 4, 10, 15);
        }
    }

    @Nested
    class Normalization {
        @Test
        void softmaxKeepsTheShape() {
            assertThat(shape(new Softmax(-1), fp32(1, 12, 128, 128))).containsExactly(1, 12, 128, 128);
            assertThatThrownBy(() -> shape(new Softmax(4), fp32(1, 12, 128, 128)))
                    .hasMessage("softmax axis 4 out of range for [1, 12, 128, 128]");
        }

        @Test
        void layerNormHasScaleAndShiftPerFeature() {
            assertThat(shape(new LayerNorm(1e-12), fp32(1, 128, 768))).containsExactly(1, 128, 768);
            assertThat(params(new LayerNorm(1e-12), fp32(1, 128, 768))).isEqualTo(1536);
        }

        @Test
        void batchNormHasScaleAndShiftPerChannel() {
            assertThat(shape(new BatchNorm(1e-5), fp32(1, 64, 56, 56))).containsExactly(1, 64, 56, 56);
            assertThat(params(new BatchNorm(1e-5), fp32(1, 64, 56, 56))).isEqualTo(128);
            assertThatThrownBy(() -> shape(new BatchNorm(1e-5), fp32(64)))
                    .hasMessage("batch_norm needs rank >= 2, got [64]");
        }

        @Test
        void activationsKeepShapeAndType() {
            assertThat(Activation.leakyRelu(0.1).infer(List.of(fp32(1, 16, 416, 416)))).isEqualTo(fp32(1, 16, 416, 416));
            assertThat(Activation.clip(0, 6)).isEqualTo(Activation.of(ActivationKind.RELU6));
            assertThat(Activation.clip(-1, 1).name()).isEqualTo("clip");
        }
    }

    @Nested
    class Lookups {
        @Test
        void embeddingAppendsTheVectorAxis() {
            Embedding words = new Embedding(30522, 768);
            TensorType ids = TensorType.of(DType.INT64, 1, 128);
            assertThat(words.infer(List.of(ids))).isEqualTo(fp32(1, 128, 768));
            assertThat(params(words, ids)).isEqualTo(30522L * 768);
        }

        @Test
        void opaqueKeepsTheShapeItWasGiven() {
            Opaque gather = new Opaque("Gather", fp32(1, 768), 0);
            assertThat(shape(gather, fp32(1, 128, 768))).containsExactly(1, 768);
            assertThat(gather.name()).isEqualTo("opaque:Gather");
        }

        @Test
        void tensorsRejectNonPositiveDimensions() {
            assertThatThrownBy(() -> fp32(1, 0, 3)).hasMessage("non-positive dimension in shape [1, 0, 3]");
            assertThat(fp32(1, 64, 56, 56).bytes(DType.INT8)).isEqualTo(64L * 56 * 56);
            assertThat(fp32(1, 64, 56, 56).bytes()).isEqualTo(4L * 64 * 56 * 56);
        }
    }
}
