package dev.hetplace.backends.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GaussianStreamTest {

    @Test
    void givesJavaUtilRandomsGaussiansBitForBit() {
        Random seeds = new Random(20261201);
        long[] fixed = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x9E3779B97F4A7C15L};
        for (int s = 0; s < fixed.length + 20; s++) {
            long seed = s < fixed.length ? fixed[s] : seeds.nextLong();
            Random expected = new Random(seed);
            GaussianStream actual = new GaussianStream(seed);
            for (int i = 0; i < 5_001; i++) {
                double e = expected.nextGaussian();
                double a = actual.nextGaussian();
                assertThat(Double.doubleToRawLongBits(a)).as("seed %d, value %d", seed, i)
                        .isEqualTo(Double.doubleToRawLongBits(e));
            }
        }
    }
}
