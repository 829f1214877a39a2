package dev.hetplace.backends.exec;

import dev.hetplace.hw.Choice;

/**
 * What one group did in one execution: its choice, the range of its output tensor (dequantized), how long its
 * layers took and how long converting its inputs to its precision took (quantize, dequantize, rounding).
 */
public record GroupStats(int group, String name, Choice choice, float outputMin, float outputMax, long computeNs,
                         long conversionNs) {

    public long totalNs() {
        return computeNs + conversionNs;
    }
}
