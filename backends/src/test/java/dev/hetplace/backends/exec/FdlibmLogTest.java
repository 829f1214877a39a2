package dev.hetplace.backends.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FdlibmLogTest {

    @Test
    void givesStrictMathsLogBitForBitOnEdgeCases() {
        double[] edges = {0.0, -0.0, 1.0, -1.0, 2.0, 0.5, Math.E, Double.MIN_VALUE, 3 * Double.MIN_VALUE,
            Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL), Double.MAX_VALUE, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NaN, Math.nextUp(1.0), Math.nextDown(1.0), 1 + 0x1p-21, 1 - 0x1p-21,
            Math.sqrt(2), Math.sqrt(2) / 2, 1e-300, 1e300, -1e-300};
        for (double x : edges) {
            same(x);
        }
    }

    /**
     * Seed 20261201: 4,000,000 arguments, a quarter each uniform on [0, 1) (the polar method's range), any positive
     * double (random bits), within 2^-20 of 1 (the short series) and near the reduction's boundaries at sqrt(2)
     * times powers of two.
     */
    @Test
    void givesStrictMathsLogBitForBitOnSeededArguments() {
        SplittableRandom r = new SplittableRandom(20261201);
        for (int i = 0; i < 4_000_000; i++) {
            double x = switch (i & 3) {
                case 0 -> r.nextDouble();
                case 1 -> Double.longBitsToDouble(r.nextLong() & Long.MAX_VALUE);
                case 2 -> 1 + (r.nextDouble() - 0.5) * 0x1p-19;
                default -> Math.scalb(Math.sqrt(2) * (1 + (r.nextDouble() - 0.5) * 0x1p-30), r.nextInt(-1074, 1024));
            };
            same(x);
        }
    }

    private static void same(double x) {
        assertThat(Double.doubleToRawLongBits(FdlibmLog.log(x))).as("log(%s)", x)
                .isEqualTo(Double.doubleToRawLongBits(StrictMath.log(x)));
    }
}
