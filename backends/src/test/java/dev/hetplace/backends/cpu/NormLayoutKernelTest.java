package dev.hetplace.backends.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NormLayoutKernelTest {

    @Test
    void batchNormPerChannel() {
        FloatTensor in = new FloatTensor(Shape.of(1, 2, 1, 2), new float[] {1, 3, 10, 20});
        FloatTensor out = NormKernel.batchNorm(in, new float[] {2, 1}, new float[] {0.5f, -1}, new float[] {1, 10},
                new float[] {4, 1}, 0);
        // channel 0: (x - 1) / 2 * 2 + 0.5; channel 1: (x - 10) / 1 * 1 - 1
        assertThat(out.data()).containsExactly(0.5f, 2.5f, -1f, 9f);
    }

    @Test
    void layerNormOverTheLastAxis() {
        FloatTensor in = new FloatTensor(Shape.of(2, 4), new float[] {1, 2, 3, 4, -2, -2, 2, 2});
        FloatTensor out = NormKernel.layerNorm(in, new float[] {1, 1, 1, 2}, new float[] {0, 0, 0, 1}, 0);
        double s = Math.sqrt(1.25);
        assertThat(out.data()[0]).isCloseTo((float) (-1.5 / s), within(1e-6f));
        assertThat(out.data()[3]).isCloseTo((float) (2 * 1.5 / s + 1), within(1e-6f));
        assertThat(out.data()).endsWith(-1f, -1f, 1f, 3f);
    }

    @Test
    void softmaxAlongAnAxis() {
        FloatTensor in = new FloatTensor(Shape.of(2, 3), new float[] {0, 0, 0, 1, 2, 3});
        FloatTensor rows = NormKernel.softmax(in, -1);
        assertThat(rows.data()[0]).isCloseTo(1f / 3, within(1e-7f));
        assertThat(rows.data()[5]).isCloseTo(0.66524096f, within(1e-7f));
        FloatTensor cols = NormKernel.softmax(in, 0);
        assertThat(cols.data()[0]).isCloseTo((float) (1 / (1 + Math.E)), within(1e-7f));
        assertThat(cols.data()[5]).isCloseTo((float) (Math.exp(3) / (1 + Math.exp(3))), within(1e-7f));
    }

    @Test
    void concatAlongChannelsAndInInt8WithRescaling() {
        FloatTensor a = new FloatTensor(Shape.of(1, 1, 2), new float[] {1, 2});
        FloatTensor b = new FloatTensor(Shape.of(1, 2, 2), new float[] {3, 4, 5, 6});
        FloatTensor c = LayoutKernel.concat(List.of(a, b), 1);
        assertThat(c.shape()).isEqualTo(Shape.of(1, 3, 2));
        assertThat(c.data()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(LayoutKernel.concat(List.of(a, a), -1).data()).containsExactly(1, 2, 1, 2);
        Int8Tensor qa = new Int8Tensor(Shape.of(1, 2), new byte[] {10, -7}, -4);
        Int8Tensor qb = new Int8Tensor(Shape.of(1, 2), new byte[] {100, 3}, -3);
        // qa to 2^-3: (10 + 1) >> 1 = 5, (-7 + 1) >> 1 = -3
        assertThat(LayoutKernel.concatInt8(List.of(qa, qb), 1, -3).data()).containsExactly(5, -3, 100, 3);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void transposeMovesEveryElementToItsPermutedIndex(long seed) {
        Random r = new Random(seed);
        int[] d = {1 + r.nextInt(3), 1 + r.nextInt(4), 1 + r.nextInt(5), 1 + r.nextInt(3)};
        List<Integer> perm = new java.util.ArrayList<>(List.of(0, 1, 2, 3));
        java.util.Collections.shuffle(perm, r);
        float[] x = Reference.gaussian(r, d[0] * d[1] * d[2] * d[3]);
        FloatTensor out = LayoutKernel.transpose(new FloatTensor(Shape.of(d), x), perm);
        Int8Tensor qout = LayoutKernel.transpose(new Int8Tensor(Shape.of(d), Reference.int8(new Random(seed), x.length),
                -4), perm);
        byte[] qx = Reference.int8(new Random(seed), x.length);
        int[] od = out.shape().dims();
        for (int i = 0; i < x.length; i++) {
            int[] idx = {i / (d[1] * d[2] * d[3]), i / (d[2] * d[3]) % d[1], i / d[3] % d[2], i % d[3]};
            int o = 0;
            for (int k = 0; k < 4; k++) {
                o = o * od[k] + idx[perm.get(k)];
            }
            assertThat(out.data()[o]).isEqualTo(x[i]);
            assertThat(qout.data()[o]).isEqualTo(qx[i]);
        }
    }

    @Test
    void nearestUpsampleRepeatsPixels() {
        FloatTensor in = new FloatTensor(Shape.of(1, 1, 2, 2), new float[] {1, 2, 3, 4});
        FloatTensor out = LayoutKernel.upsampleNearest(in, 2, 3);
        assertThat(out.shape()).isEqualTo(Shape.of(1, 1, 4, 6));
        assertThat(out.data()).startsWith(1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4);
    }

    @Test
    void embeddingLooksUpRowsAndRejectsBadIds() {
        float[] table = {0, 0.5f, 1, 1.5f, 2, 2.5f};
        FloatTensor ids = new FloatTensor(Shape.of(1, 2), new float[] {2, 0});
        FloatTensor out = LayoutKernel.embedding(ids, table, 3, 2, "tok");
        assertThat(out.shape()).isEqualTo(Shape.of(1, 2, 2));
        assertThat(out.data()).containsExactly(2, 2.5f, 0, 0.5f);
        assertThatThrownBy(() -> LayoutKernel.embedding(new FloatTensor(Shape.of(1), new float[] {3}), table, 3, 2,
                "tok")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("embedding 'tok' got id 3.0 at position 0, outside [0, 3)");
    }
}
