package dev.hetplace.backends.exec;

/**
 * The natural logarithm as {@link StrictMath#log} computes it (fdlibm's {@code e_log.c}, whose results
 * {@code StrictMath} specifies), in Java: the same argument reduction, polynomial and operation order, so every
 * result is bit for bit {@code StrictMath.log}'s, without the native call JDK 17 makes for it.
 *
 * <p>Method (fdlibm): {@code x = 2^k * (1 + f)} with {@code sqrt(2)/2 < 1 + f < sqrt(2)}; with {@code s = f / (2 +
 * f)}, {@code log(1 + f) = f - s * (f - R(s^2))} for a degree-14 minimax polynomial {@code R}, and {@code log(x) = k
 * * ln2 + log(1 + f)} with ln2 split into a high part exact in products and a low part.
 */
final class FdlibmLog {
    private static final double LN2_HI = Double.longBitsToDouble(0x3fe62e42fee00000L);
    private static final double LN2_LO = Double.longBitsToDouble(0x3dea39ef35793c76L);
    private static final double TWO54 = Double.longBitsToDouble(0x4350000000000000L);
    private static final double LG1 = Double.longBitsToDouble(0x3fe5555555555593L);
    private static final double LG2 = Double.longBitsToDouble(0x3fd999999997fa04L);
    private static final double LG3 = Double.longBitsToDouble(0x3fd2492494229359L);
    private static final double LG4 = Double.longBitsToDouble(0x3fcc71c51d8e78afL);
    private static final double LG5 = Double.longBitsToDouble(0x3fc7466496cb03deL);
    private static final double LG6 = Double.longBitsToDouble(0x3fc39a09d078c69fL);
    private static final double LG7 = Double.longBitsToDouble(0x3fc2f112df3e5244L);

    private FdlibmLog() {
    }

    static double log(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int hx = (int) (bits >> 32);
        int lx = (int) bits;
        int k = 0;
        if (hx < 0x00100000) {
            if (((hx & 0x7fffffff) | lx) == 0) {
                return -TWO54 / 0.0;
            }
            if (hx < 0) {
                return (x - x) / 0.0;
            }
            k -= 54;
            x *= TWO54;
            hx = (int) (Double.doubleToRawLongBits(x) >> 32);
        }
        if (hx >= 0x7ff00000) {
            return x + x;
        }
        k += (hx >> 20) - 1023;
        hx &= 0x000fffff;
        int i = (hx + 0x95f64) & 0x100000;
        x = Double.longBitsToDouble((long) (hx | (i ^ 0x3ff00000)) << 32
                | (Double.doubleToRawLongBits(x) & 0xffffffffL));
        k += i >> 20;
        double f = x - 1.0;
        double dk = k;
        if ((0x000fffff & (2 + hx)) < 3) {
            if (f == 0.0) {
                return k == 0 ? 0.0 : dk * LN2_HI + dk * LN2_LO;
            }
            double r = f * f * (0.5 - 0.33333333333333333 * f);
            return k == 0 ? f - r : dk * LN2_HI - ((r - dk * LN2_LO) - f);
        }
        double s = f / (2.0 + f);
        double z = s * s;
        int above = (hx - 0x6147a) | (0x6b851 - hx);
        double w = z * z;
        double t1 = w * (LG2 + w * (LG4 + w * LG6));
        double t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
        double r = t2 + t1;
        if (above > 0) {
            double hfsq = 0.5 * f * f;
            return k == 0 ? f - (hfsq - s * (hfsq + r)) : dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f);
        }
        return k == 0 ? f - s * (f - r) : dk * LN2_HI - ((s * (f - r) - dk * LN2_LO) - f);
    }
}
