package dev.hetplace.backends.cpu;

/**
 * The error function to float precision. erfc uses the Chebyshev-fitted form of Numerical Recipes
 * ({@code erfc(z) = t exp(-z^2 + P(t))}, {@code t = 1 / (1 + z/2)}, fractional error below 1.2e-7 everywhere);
 * near zero, erf uses its Taylor series so that small arguments keep their relative precision.
 */
public final class Erf {
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

    private Erf() {
    }

    public static double erf(double x) {
        if (Math.abs(x) < 0.5) {
            return taylor(x);
        }
        return x > 0 ? 1 - erfcPositive(x) : erfcPositive(-x) - 1;
    }

    public static double erfc(double x) {
        if (Math.abs(x) < 0.5) {
            return 1 - taylor(x);
        }
        return x > 0 ? erfcPositive(x) : 2 - erfcPositive(-x);
    }

    /** GELU with the exact (erf) form: {@code x * Phi(x) = x/2 * erfc(-x / sqrt 2)}. */
    public static float gelu(float x) {
        return (float) (0.5 * x * erfc(-x * 0.7071067811865476));
    }

    private static double erfcPositive(double z) {
        double t = 1.0 / (1.0 + 0.5 * z);
        double poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277))))))));
        return t * Math.exp(poly);
    }

    /** Maclaurin series, accurate to double precision for |x| < 0.5 within 12 terms. */
    private static double taylor(double x) {
        double x2 = x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < 14; n++) {
            term *= -x2 / n;
            sum += term / (2 * n + 1);
        }
        return TWO_OVER_SQRT_PI * sum;
    }
}
