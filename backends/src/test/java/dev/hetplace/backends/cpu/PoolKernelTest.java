package dev.hetplace.backends.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.ir.op.GlobalPool;
import dev.hetplace.ir.op.Padding;
import dev.hetplace.ir.op.Pool;
import dev.hetplace.ir.op.PoolKind;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PoolKernelTest {

    private static Pool randomPool(Random r) {
        int kh = 1 + r.nextInt(4);
        int kw = 1 + r.nextInt(4);
        // padding at most half the kernel, as PyTorch requires
        Padding pad = new Padding(r.nextInt(kh / 2 + 1), r.nextInt(kw / 2 + 1), r.nextInt(kh / 2 + 1),
                r.nextInt(kw / 2 + 1));
        return new Pool(r.nextBoolean() ? PoolKind.MAX : PoolKind.AVG, kh, kw, 1 + r.nextInt(3), 1 + r.nextInt(3),
                pad, r.nextBoolean(), r.nextBoolean());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void poolingMatchesReferenceInFp32AndInt8(long seed) {
        Random r = new Random(seed);
        Pool op = randomPool(r);
        Shape in = Shape.of(1 + r.nextInt(2), 1 + r.nextInt(4), op.kernelH() + r.nextInt(11),
                op.kernelW() + r.nextInt(11));
        float[] x = Reference.gaussian(r, in.elements());
        FloatTensor out = PoolKernel.fp32(op, new FloatTensor(in, x), Parallel.common());
        double[] ref = Reference.pool(op, in, Reference.toDouble(x), out.shape().dim(2), out.shape().dim(3));
        assertThat(Reference.relativeError(ref, out.data())).as("%s on %s", op, in).isLessThan(1e-6);

        byte[] q = Reference.int8(r, in.elements());
        Int8Tensor qout = PoolKernel.int8(op, new Int8Tensor(in, q, -4), -4, Parallel.common());
        double[] qref = Reference.pool(op, in, Reference.toDouble(q), out.shape().dim(2), out.shape().dim(3));
        byte[] expected = new byte[qref.length];
        for (int i = 0; i < qref.length; i++) {
            // integer average truncates toward zero, as TVM's int32 pool does
            expected[i] = (byte) (long) qref[i];
        }
        assertThat(qout.data()).as("%s on %s", op, in).isEqualTo(expected);
    }

    @Test
    void ceilModeAddsAWindowThatStartsInsideTheInput() {
        // 1x1x4x4, 2x2 windows, stride 3: floor mode gives 1x1, ceil mode 2x2 (the last window covers one column)
        Pool floor = new Pool(PoolKind.AVG, 2, 2, 3, 3, Padding.NONE, false, false);
        float[] x = new float[16];
        for (int i = 0; i < 16; i++) {
            x[i] = i;
        }
        FloatTensor in = new FloatTensor(Shape.of(1, 1, 4, 4), x);
        assertThat(PoolKernel.fp32(floor, in, Parallel.sequential()).data()).containsExactly(2.5f);
        FloatTensor ceil = PoolKernel.fp32(floor.ceil(), in, Parallel.sequential());
        assertThat(ceil.shape()).isEqualTo(Shape.of(1, 1, 2, 2));
        // windows: rows 0-1 x cols 0-1, rows 0-1 x col 3, row 3 x cols 0-1, row 3 x col 3
        assertThat(ceil.data()).containsExactly(2.5f, 5f, 12.5f, 15f);
    }

    @Test
    void averageCountsPaddingOnlyWhenAsked() {
        float[] ones = {1, 1, 1, 1};
        FloatTensor in = new FloatTensor(Shape.of(1, 1, 2, 2), ones);
        Pool include = new Pool(PoolKind.AVG, 2, 2, 2, 2, Padding.same(1), false, true);
        Pool exclude = new Pool(PoolKind.AVG, 2, 2, 2, 2, Padding.same(1), false, false);
        assertThat(PoolKernel.fp32(include, in, Parallel.sequential()).data()).containsExactly(0.25f, 0.25f, 0.25f,
                0.25f);
        assertThat(PoolKernel.fp32(exclude, in, Parallel.sequential()).data()).containsExactly(1f, 1f, 1f, 1f);
    }

    @Test
    void globalPoolingInFp32AndInt8() {
        Shape s = Shape.of(1, 2, 2, 3);
        FloatTensor in = new FloatTensor(s, new float[] {1, 2, 3, 4, 5, 6, -1, -2, -3, -4, -5, -7});
        assertThat(PoolKernel.globalFp32(new GlobalPool(PoolKind.AVG), in).data()).containsExactly(3.5f, -22f / 6);
        assertThat(PoolKernel.globalFp32(new GlobalPool(PoolKind.MAX), in).data()).containsExactly(6f, -1f);
        Int8Tensor q = new Int8Tensor(s, new byte[] {1, 2, 3, 4, 5, 6, -1, -2, -3, -4, -5, -7}, -2);
        // 21 / 6 and -22 / 6 truncate to 3 and -3; requantized from 2^-2 to 2^-1: (3 + 1) >> 1 = 2, (-3 + 1) >> 1 = -1
        assertThat(PoolKernel.globalInt8(new GlobalPool(PoolKind.AVG), q, -2).data()).containsExactly((byte) 3,
                (byte) -3);
        assertThat(PoolKernel.globalInt8(new GlobalPool(PoolKind.AVG), q, -1).data()).containsExactly((byte) 2,
                (byte) -1);
    }
}
