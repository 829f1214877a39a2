package dev.hetplace.planner.provenance;

import ai.timefold.solver.core.api.solver.SolverFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * What the build recorded about itself: hetplace's version (the pom's, filtered into {@code build.properties}), the
 * git commit it was built from ({@code git-commit}, written by the build in a checkout), and the Timefold version
 * on the classpath (its jar's {@code pom.properties}, else its manifest). A build outside a checkout (a source
 * tarball) has commit {@value #UNKNOWN}, or {@code $HETPLACE_GIT_COMMIT} when that holds a commit hash (a container
 * image built without {@code .git}).
 */
public final class BuildInfo {
    public static final String UNKNOWN = "unknown";
    private static final String COMMIT = "[0-9a-f]{40}";
    private static final String TIMEFOLD_POM = "/META-INF/maven/ai.timefold.solver/timefold-solver-core/pom.properties";
    private static final String VERSION = read("build.properties").getProperty("version", UNKNOWN);
    private static final String GIT_COMMIT = commit(text("git-commit"), System.getenv("HETPLACE_GIT_COMMIT"));
    private static final String TIMEFOLD = timefold();

    private BuildInfo() {
    }

    public static String version() {
        return VERSION;
    }

    public static String commit() {
        return GIT_COMMIT;
    }

    public static String timefoldVersion() {
        return TIMEFOLD;
    }

    public static String javaVersion() {
        return System.getProperty("java.version");
    }

    /** What {@code --version} prints. */
    public static final class VersionLine implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"hetplace " + VERSION + " (git commit " + GIT_COMMIT + ")"};
        }
    }

    /**
     * The built commit (the line of {@code git rev-parse}'s output that is a commit hash), else the environment's when
     * that is one, else "unknown".
     */
    public static String commit(String built, String environment) {
        if (built != null) {
            for (String line : built.split("\\R")) {
                if (line.strip().matches(COMMIT)) {
                    return line.strip();
                }
            }
        }
        return environment != null && environment.matches(COMMIT) ? environment : UNKNOWN;
    }

    private static String timefold() {
        try (InputStream in = SolverFactory.class.getResourceAsStream(TIMEFOLD_POM)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank()) {
                    return v;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(TIMEFOLD_POM + ": " + e.getMessage(), e);
        }
        String v = SolverFactory.class.getPackage().getImplementationVersion();
        return v == null ? UNKNOWN : v;
    }

    private static Properties read(String resource) {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(resource)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(resource + ": " + e.getMessage(), e);
        }
        return p;
    }

    private static String text(String resource) {
        try (InputStream in = BuildInfo.class.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(resource + ": " + e.getMessage(), e);
        }
    }
}
