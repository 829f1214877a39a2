package dev.hetplace.backends.cache;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where hetplace keeps what it measured on this machine: the system property {@code hetplace.cache} when set
 * (tests), else {@code $HETPLACE_CACHE} when set, else {@code ~/.cache/hetplace}. Sensitivities live under {@code sensitivity/}, measurement tables written by
 * {@code place measure} under {@code measurements/}, synthetic weights' normalizing factors under
 * {@code weight-scales/}.
 */
public record HetplaceCache(Path root) {
    public static final String ENVIRONMENT_VARIABLE = "HETPLACE_CACHE";
    public static final String PROPERTY = "hetplace.cache";

    /** The cache directory this process is configured for. */
    public static HetplaceCache fromEnvironment() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return new HetplaceCache(Path.of(property));
        }
        return fromEnvironment(System.getenv(), System.getProperty("user.home"));
    }

    static HetplaceCache fromEnvironment(Map<String, String> env, String home) {
        String dir = env.get(ENVIRONMENT_VARIABLE);
        if (dir != null && !dir.isBlank()) {
            return new HetplaceCache(Path.of(dir));
        }
        return new HetplaceCache(Path.of(home, ".cache", "hetplace"));
    }

    public Path sensitivity() {
        return root.resolve("sensitivity");
    }

    /** Synthetic weights' normalizing factors ({@code WeightScaleCache}). */
    public Path weightScales() {
        return root.resolve("weight-scales");
    }

    public Path measurements() {
        return root.resolve("measurements");
    }
}
