package dev.hetplace.backends.quant;

import java.util.Locale;

/**
 * How activation scales are chosen: {@code global-scale} (TVM's default: every activation gets the range 8.0,
 * scale 8/128 = 2^-4) or {@code max} (per tensor: max |x| over the calibration inputs, rounded up to a power of
 * two).
 */
public enum CalibrationMode {
    GLOBAL_SCALE, MAX;

    /** TVM's default global scale 8.0 as a log2 scale: 8 / 128 = 2^-4. */
    public static final int GLOBAL_SCALE_LOG2 = -4;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static CalibrationMode parse(String s) {
        for (CalibrationMode m : values()) {
            if (m.id().equals(s.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown calibration mode '" + s + "' (known: global-scale, max)");
    }
}
