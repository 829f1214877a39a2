package dev.hetplace.backends.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.backends.quant.QuantParams;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DenseMatMulKernelTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void denseMatchesReferenceInFp32AndInt8(long seed) {
        Random r = new Random(seed);
        int rows = 1 + r.nextInt(9);
        int k = 1 + r.nextInt(300);
        int units = 1 + r.nextInt(70);
        Shape shape = seed % 2 == 0 ? Shape.of(rows, k) : Shape.of(1, rows, k);
        boolean bias = r.nextBoolean();
        float[] x = Reference.gaussian(r, rows * k);
        float[] w = Reference.gaussian(r, units * k);
        float[] b = bias ? Reference.gaussian(r, units) : null;
        FloatTensor out = DenseKernel.fp32(new FloatTensor(shape, x), units, w, b, Parallel.common());
        double[] ref = new double[rows * units];
        for (int i = 0; i < rows; i++) {
            for (int u = 0; u < units; u++) {
                double s = bias ? b[u] : 0;
                for (int j = 0; j < k; j++) {
                    s += (double) x[i * k + j] * w[u * k + j];
                }
                ref[i * units + u] = s;
            }
        }
        assertThat(out.shape().dim(-1)).isEqualTo(units);
        assertThat(Reference.relativeError(ref, out.data())).isLessThan(1e-5);

        byte[] qx = Reference.int8(r, rows * k);
        byte[] qw = Reference.int8(r, units * k);
        int[] qb = bias ? new int[units] : null;
        if (bias) {
            for (int u = 0; u < units; u++) {
                qb[u] = r.nextInt(4001) - 2000;
            }
        }
        QuantParams q = new QuantParams(-3, -6, -1);
        Int8Tensor qout = DenseKernel.int8(new Int8Tensor(shape, qx, -3), units, qw, qb, q, Parallel.common());
        byte[] qref = new byte[rows * units];
        for (int i = 0; i < rows; i++) {
            for (int u = 0; u < units; u++) {
                long s = bias ? qb[u] : 0;
                for (int j = 0; j < k; j++) {
                    s += qx[i * k + j] * qw[u * k + j];
                }
                qref[i * units + u] = Reference.requantizeByDefinition(s, q.shift());
            }
        }
        assertThat(qout.data()).isEqualTo(qref);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void batchedMatMulWithTransposesAndBroadcastMatchesReference(long seed) {
        Random r = new Random(seed);
        int m = 1 + r.nextInt(13);
        int n = 1 + r.nextInt(13);
        int k = 1 + r.nextInt(40);
        boolean ta = r.nextBoolean();
        boolean tb = r.nextBoolean();
        int heads = 1 + r.nextInt(3);
        // A is [2, heads, m, k], B broadcasts over the first axis: [heads, k, n]
        Shape as = Shape.of(2, heads, ta ? k : m, ta ? m : k);
        Shape bs = Shape.of(heads, tb ? n : k, tb ? k : n);
        float[] a = Reference.gaussian(r, as.elements());
        float[] b = Reference.gaussian(r, bs.elements());
        FloatTensor out = MatMulKernel.fp32(new FloatTensor(as, a), new FloatTensor(bs, b), ta, tb, Parallel.common());
        assertThat(out.shape()).isEqualTo(Shape.of(2, heads, m, n));
        double[] ref = new double[out.data().length];
        byte[] qa = Reference.int8(r, a.length);
        byte[] qb = Reference.int8(r, b.length);
        byte[] qref = new byte[ref.length];
        QuantParams q = new QuantParams(-4, -4, -2);
        for (int t = 0; t < 2; t++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        long qs = 0;
                        for (int p = 0; p < k; p++) {
                            int ai = (t * heads + h) * m * k + (ta ? p * m + i : i * k + p);
                            int bi = h * k * n + (tb ? j * k + p : p * n + j);
                            s += (double) a[ai] * b[bi];
                            qs += qa[ai] * qb[bi];
                        }
                        int o = ((t * heads + h) * m + i) * n + j;
                        ref[o] = s;
                        qref[o] = Reference.requantizeByDefinition(qs, q.shift());
                    }
                }
            }
        }
        assertThat(Reference.relativeError(ref, out.data())).isLessThan(1e-5);
        Int8Tensor qout = MatMulKernel.int8(new Int8Tensor(as, qa, -4), new Int8Tensor(bs, qb, -4), ta, tb, q,
                Parallel.common());
        assertThat(qout.data()).isEqualTo(qref);
    }
}
