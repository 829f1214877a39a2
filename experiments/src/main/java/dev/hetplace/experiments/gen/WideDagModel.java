package dev.hetplace.experiments.gen;

import dev.hetplace.ir.Graph;
import dev.hetplace.planner.gen.WideDagGenerator;
import java.util.Optional;

/**
 * A model name for the planner's wide-DAG generator: {@code wide-dag:GROUPS:WIDTH:MAXSKIP:SEED}, e.g.
 * {@code wide-dag:500:8:50:1} (about 500 groups, 8 parallel chains, skips up to 50 groups back, seed 1).
 */
public record WideDagModel(int groups, int width, int maxSkip, long seed) {
    public static final String PREFIX = WideDagGenerator.NAME + ":";

    public WideDagModel {
        if (groups < width + 1 || width < 1 || maxSkip < 1) {
            throw new IllegalArgumentException("wide-dag needs GROUPS > WIDTH >= 1 and MAXSKIP >= 1, got "
                    + groups + ":" + width + ":" + maxSkip);
        }
    }

    public static boolean isWideDag(String model) {
        return model != null && model.startsWith(PREFIX);
    }

    /** Empty when {@code model} is not a wide-dag name; a one-line error when it is one but malformed. */
    public static Optional<WideDagModel> parse(String model) {
        if (!isWideDag(model)) {
            return Optional.empty();
        }
        String[] p = model.substring(PREFIX.length()).split(":", -1);
        if (p.length != 4) {
            throw new IllegalArgumentException("'" + model + "' is not wide-dag:GROUPS:WIDTH:MAXSKIP:SEED");
        }
        try {
            return Optional.of(new WideDagModel(Integer.parseInt(p[0]), Integer.parseInt(p[1]),
                    Integer.parseInt(p[2]), Long.parseLong(p[3])));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + model + "' is not wide-dag:GROUPS:WIDTH:MAXSKIP:SEED (integers)");
        }
    }

    public Graph build() {
        return WideDagGenerator.generate(groups, width, maxSkip, seed);
    }

    public String name() {
        return PREFIX + groups + ":" + width + ":" + maxSkip + ":" + seed;
    }
}
