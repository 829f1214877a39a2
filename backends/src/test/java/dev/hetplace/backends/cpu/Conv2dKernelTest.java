package dev.hetplace.backends.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hetplace.backends.quant.QuantParams;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Padding;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Conv2dKernelTest {

    /** A random conv: odd sizes, strides 1-3, dilation 1-2, asymmetric padding, groups 1 / 2 / depthwise. */
    private record Case(Conv2d op, Shape in) {
        static Case random(long seed) {
            Random r = new Random(seed);
            int groupsKind = r.nextInt(3);
            int cin = groupsKind == 0 ? 1 + r.nextInt(9) : 2 * (1 + r.nextInt(5));
            int groups = groupsKind == 0 ? 1 : groupsKind == 1 ? 2 : cin;
            int cout = groups * (1 + r.nextInt(groupsKind == 2 ? 2 : 6));
            int kh = 1 + r.nextInt(5);
            int kw = 1 + r.nextInt(5);
            int dh = 1 + r.nextInt(2);
            int dw = 1 + r.nextInt(2);
            Padding pad = new Padding(r.nextInt(3), r.nextInt(3), r.nextInt(3), r.nextInt(3));
            int h = dh * (kh - 1) + 1 + r.nextInt(13);
            int w = dw * (kw - 1) + 1 + r.nextInt(13);
            Conv2d op = new Conv2d(cout, kh, kw, 1 + r.nextInt(3), 1 + r.nextInt(3), pad, dh, dw, groups,
                    r.nextBoolean());
            return new Case(op, Shape.of(1 + r.nextInt(2), cin, h, w));
        }

        int weights() {
            return op.outChannels() * (in.dim(1) / op.groups()) * op.kernelH() * op.kernelW();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void fp32MatchesScalarReference(long seed) {
        Case c = Case.random(seed);
        Random r = new Random(seed + 1000);
        FloatTensor in = new FloatTensor(c.in(), Reference.gaussian(r, c.in().elements()));
        float[] w = Reference.gaussian(r, c.weights());
        float[] b = c.op().bias() ? Reference.gaussian(r, c.op().outChannels()) : null;
        for (Parallel par : new Parallel[] {Parallel.sequential(), Parallel.common()}) {
            FloatTensor out = Conv2dKernel.fp32(c.op(), in, w, b, par);
            double[] ref = Reference.conv(c.op(), c.in(), Reference.toDouble(in.data()), Reference.toDouble(w),
                    b == null ? null : Reference.toDouble(b), out.shape().dims());
            assertThat(Reference.relativeError(ref, out.data())).as("%s on %s", c.op(), c.in()).isLessThan(1e-5);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void int8IsBitExactWithScalarReference(long seed) {
        Case c = Case.random(seed);
        Random r = new Random(seed + 2000);
        Int8Tensor in = new Int8Tensor(c.in(), Reference.int8(r, c.in().elements()), -4);
        byte[] w = Reference.int8(r, c.weights());
        int[] bias = null;
        if (c.op().bias()) {
            bias = new int[c.op().outChannels()];
            for (int i = 0; i < bias.length; i++) {
                bias[i] = r.nextInt(20001) - 10000;
            }
        }
        QuantParams q = new QuantParams(-4, -7, -4 + r.nextInt(3) - 1);
        for (Parallel par : new Parallel[] {Parallel.sequential(), Parallel.common()}) {
            Int8Tensor out = Conv2dKernel.int8(c.op(), in, w, bias, q, par);
            byte[] ref = Reference.convInt8(c.op(), c.in(), in.data(), w, bias, q.shift(), out.shape().dims());
            assertThat(out.data()).as("%s on %s", c.op(), c.in()).isEqualTo(ref);
            assertThat(out.scaleLog2()).isEqualTo(q.outputLog2());
        }
    }

    @Test
    void int8AccumulatesExactlyOverLongReductionsNearTheInt8Extremes() {
        // 512 input channels x 3x3 = 4608 products near 2^14 each: sums of about 7.5e7, beyond float's exact
        // integers (2^24); biases cancel them down to small codes, so a single lost unit would show
        Conv2d op = Conv2d.square(2, 3, 1, 0, true);
        Shape shape = Shape.of(1, 512, 3, 3);
        byte[] x = new byte[shape.elements()];
        java.util.Arrays.fill(x, (byte) -128);
        byte[] w = new byte[2 * 512 * 9];
        java.util.Arrays.fill(w, (byte) -128);
        w[0] = 127;
        int sum0 = 4607 * 16384 + 127 * -128;
        int sum1 = 4608 * 16384;
        Int8Tensor out = Conv2dKernel.int8(op, new Int8Tensor(shape, x, 0), w, new int[] {-sum0 + 37, -sum1 - 100},
                new QuantParams(0, 0, 0), Parallel.common());
        assertThat(out.data()).containsExactly((byte) 37, (byte) -100);
    }

    @Test
    void rejectsWeightsOfTheWrongSize() {
        Conv2d op = Conv2d.square(4, 3, 1, 1, false);
        FloatTensor in = FloatTensor.zeros(Shape.of(1, 2, 5, 5));
        assertThatThrownBy(() -> Conv2dKernel.fp32(op, in, new float[10], null, Parallel.sequential()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("conv2d weight has 10 elements, expected 72 (4x2x3x3)");
    }
}
