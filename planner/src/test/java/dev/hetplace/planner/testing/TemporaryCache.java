package dev.hetplace.planner.testing;

import dev.hetplace.backends.cache.HetplaceCache;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Points hetplace's cache ({@link HetplaceCache#PROPERTY}) at a folder of its own that does not exist yet, and
 * restores the previous setting afterwards: per test as an instance {@code @RegisterExtension} field, per class as
 * a static one. The folder is deleted afterwards.
 */
public final class TemporaryCache implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    private boolean perClass;
    private Path parent;
    private String previous;

    /** The cache folder in force (created by whatever first writes to the cache). */
    public Path root() {
        return parent.resolve("cache");
    }

    /**
     * A measurement table from the test classpath left in the cache as {@code place measure} leaves one (named
     * {@code fileName}, which {@code --platform host} takes when it is the latest), with only the lines
     * {@code keep} accepts; the file written.
     */
    public Path measurementTable(String resource, String fileName, Predicate<String> keep) {
        try (InputStream in = TemporaryCache.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            String table = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(keep)
                    .collect(Collectors.joining("\n", "", "\n"));
            Path dir = Files.createDirectories(root().resolve("measurements"));
            return Files.writeString(dir.resolve(fileName), table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    private void start() {
        try {
            parent = Files.createTempDirectory("hetplace-test-cache");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        previous = System.getProperty(HetplaceCache.PROPERTY);
        System.setProperty(HetplaceCache.PROPERTY, root().toString());
    }

    private void stop() {
        if (previous == null) {
            System.clearProperty(HetplaceCache.PROPERTY);
        } else {
            System.setProperty(HetplaceCache.PROPERTY, previous);
        }
        try (Stream<Path> files = Files.walk(parent)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
