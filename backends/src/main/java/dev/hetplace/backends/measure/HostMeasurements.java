package dev.hetplace.backends.measure;

import dev.hetplace.backends.cache.HetplaceCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The measurement tables {@code place measure} keeps in the cache ({@code <cache>/measurements/}), named
 * {@code cpu-<yyyyMMdd-HHmmss-SSS>-<model>.csv}; the latest one (by name, which sorts by time) is what the
 * built-in {@code host} platform is calibrated against.
 */
public final class HostMeasurements {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT);

    private HostMeasurements() {
    }

    /** A fresh file name in the cache for a model measured now. */
    public static Path newFile(HetplaceCache cache, String model, LocalDateTime now) {
        String safe = model.replaceAll("[^A-Za-z0-9._-]", "_");
        return cache.measurements().resolve("cpu-" + STAMP.format(now) + "-" + safe + ".csv");
    }

    /** The most recent table in the cache, if any. */
    public static Optional<Path> latest(HetplaceCache cache) {
        Path dir = cache.measurements();
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("cpu-") && n.endsWith(".csv") && Files.isRegularFile(p);
            }).max(Comparator.comparing((Path p) -> p.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
