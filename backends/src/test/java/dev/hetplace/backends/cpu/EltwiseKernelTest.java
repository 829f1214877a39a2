package dev.hetplace.backends.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.ir.op.EltwiseKind;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EltwiseKernelTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void broadcastingMatchesIndexByIndexReference(long seed) {
        Random r = new Random(seed);
        int[] full = {1 + r.nextInt(3), 1 + r.nextInt(5), 1 + r.nextInt(4), 1 + r.nextInt(7)};
        int[] bd = full.clone();
        for (int i = 0; i < 4; i++) {
            if (r.nextBoolean()) {
                bd[i] = 1;
            }
        }
        int drop = r.nextInt(3);
        Shape as = Shape.of(full);
        Shape bs = Shape.of(java.util.Arrays.copyOfRange(bd, drop, 4));
        float[] a = Reference.gaussian(r, as.elements());
        float[] b = Reference.gaussian(r, bs.elements());
        byte[] qa = Reference.int8(r, a.length);
        byte[] qb = Reference.int8(r, b.length);
        for (EltwiseKind kind : EltwiseKind.values()) {
            FloatTensor out = EltwiseKernel.fp32(kind, new FloatTensor(as, a), new FloatTensor(bs, b));
            assertThat(out.shape()).isEqualTo(as);
            Int8Tensor qout = kind == EltwiseKind.DIV ? null
                    : EltwiseKernel.int8(kind, new Int8Tensor(as, qa, -3), new Int8Tensor(bs, qb, -5), -4);
            for (int i = 0; i < out.data().length; i++) {
                int[] idx = unravel(i, full);
                int j = 0;
                for (int d = drop; d < 4; d++) {
                    j = j * bd[d] + (bd[d] == 1 ? 0 : idx[d]);
                }
                float want = switch (kind) {
                    case ADD -> a[i] + b[j];
                    case SUB -> a[i] - b[j];
                    case MUL -> a[i] * b[j];
                    case DIV -> a[i] / b[j];
                };
                assertThat(out.data()[i]).isEqualTo(want);
                if (qout != null) {
                    // align 2^-3 to the finer 2^-5 (shift left by 2), combine, requantize 2^-5 -> 2^-4 (or 2^-8 -> 2^-4)
                    long p = qa[i];
                    long q = qb[j];
                    long v = switch (kind) {
                        case ADD -> (p << 2) + q;
                        case SUB -> (p << 2) - q;
                        default -> p * q;
                    };
                    int shift = kind == EltwiseKind.MUL ? 4 : 1;
                    assertThat(qout.data()[i]).isEqualTo(Reference.requantizeByDefinition(v, shift));
                }
            }
        }
    }

    @Test
    void int8AddOfEqualScalesIsASaturatingSum() {
        Shape s = Shape.of(4);
        Int8Tensor a = new Int8Tensor(s, new byte[] {100, -100, 5, -3}, -4);
        Int8Tensor b = new Int8Tensor(s, new byte[] {100, -100, 6, 1}, -4);
        assertThat(EltwiseKernel.int8(EltwiseKind.ADD, a, b, -4).data()).containsExactly(127, -128, 11, -2);
        // to a coarser output scale: (11 + 1) >> 1 = 6, (-2 + 1) >> 1 = -1
        assertThat(EltwiseKernel.int8(EltwiseKind.ADD, a, b, -3).data()).containsExactly(100, -100, 6, -1);
    }

    private static int[] unravel(int i, int[] dims) {
        int[] idx = new int[dims.length];
        for (int d = dims.length - 1; d >= 0; d--) {
            idx[d] = i % dims[d];
            i /= dims[d];
        }
        return idx;
    }
}
