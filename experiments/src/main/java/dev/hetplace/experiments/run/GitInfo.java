package dev.hetplace.experiments.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The git commit of the hetplace checkout, read once per sweep with {@code git rev-parse HEAD} in the directory the
 * {@code hetplace.root} system property names ({@code bin/sweep} sets it), else in the current directory; where
 * there is no checkout (a container image), {@code $HETPLACE_GIT_COMMIT} when it holds a commit hash.
 */
public final class GitInfo {
    public static final String UNKNOWN = "unknown";

    private GitInfo() {
    }

    public static String commit() {
        String git = fromGit();
        String env = System.getenv("HETPLACE_GIT_COMMIT");
        return git.equals(UNKNOWN) && env != null && env.matches("[0-9a-f]{40}") ? env : git;
    }

    private static String fromGit() {
        try {
            String root = System.getProperty("hetplace.root");
            ProcessBuilder pb = new ProcessBuilder("git", "rev-parse", "HEAD")
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            if (root != null && new java.io.File(root).isDirectory()) {
                pb.directory(new java.io.File(root));
            }
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return UNKNOWN;
            }
            return p.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : UNKNOWN;
        } catch (IOException e) {
            return UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNKNOWN;
        }
    }
}
