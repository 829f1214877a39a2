package dev.hetplace.experiments.run;

import java.math.BigDecimal;
import java.util.Locale;

/** Numbers as people and files read them: {@link Locale#ROOT}, no exponent, no trailing zeros. */
public final class Numbers {
    private Numbers() {
    }

    /** Six significant digits, trailing zeros dropped: 30.0 -> "30", 0.0123456789 -> "0.0123457". */
    public static String plain(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        BigDecimal b = new BigDecimal(String.format(Locale.ROOT, "%.6g", d)).stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0).toPlainString() : b.toPlainString();
    }

    /** Milliseconds from nanoseconds, 3 decimals. */
    public static String ms(long ns) {
        return String.format(Locale.ROOT, "%.3f", ns / 1e6);
    }

    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    public static String times(double x) {
        return String.format(Locale.ROOT, "%.2fx", x);
    }
}
