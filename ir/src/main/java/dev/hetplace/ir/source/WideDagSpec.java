package dev.hetplace.ir.source;

import dev.hetplace.ir.Graph;

/**
 * A model argument {@code wide-dag:GROUPS[:WIDTH[:MAXSKIP[:SEED]]]} naming a {@link WideDagGenerator} graph
 * (defaults: width 8, skips up to 50 groups, seed 1).
 */
public record WideDagSpec(int groups, int width, int maxSkip, long seed) {
    public static final String PREFIX = WideDagGenerator.NAME + ":";

    public static boolean names(String model) {
        return model.startsWith(PREFIX);
    }

    public static WideDagSpec parse(String model) {
        String[] parts = model.substring(PREFIX.length()).split(":");
        try {
            if (parts.length > 4) {
                throw new NumberFormatException("too many parts");
            }
            return new WideDagSpec(Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 8,
                    parts.length > 2 ? Integer.parseInt(parts[2]) : 50, parts.length > 3 ? Long.parseLong(parts[3]) : 1);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("model '" + model + "' is not wide-dag:GROUPS[:WIDTH[:MAXSKIP[:SEED]]]");
        }
    }

    public Graph generate() {
        return WideDagGenerator.generate(groups, width, maxSkip, seed);
    }
}
