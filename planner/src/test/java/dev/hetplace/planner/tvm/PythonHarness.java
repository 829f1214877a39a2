package dev.hetplace.planner.tvm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code tvm-standin/run_export.py} with the system's python3 (standard library only). */
final class PythonHarness {
    record Run(int exitCode, String stdout, String stderr) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(stdout);
            } catch (IOException e) {
                throw new AssertionError("harness printed no JSON: " + stdout + stderr, e);
            }
        }
    }

    private PythonHarness() {
    }

    /** Whether python3 runs here; the reason to skip otherwise. */
    static String missingPython() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? null : "python3 --version failed";
        } catch (IOException e) {
            return "python3 is not on PATH (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    static Path standins() {
        try {
            return Paths.get(PythonHarness.class.getResource("/tvm-standin/run_export.py").toURI()).getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Run run(Path dir, String program, String snippet, Map<String, String> env) {
        try {
            Path p = dir.resolve("program.json");
            Path s = dir.resolve("snippet.py");
            Files.writeString(p, program, StandardCharsets.UTF_8);
            Files.writeString(s, snippet, StandardCharsets.UTF_8);
            List<String> cmd = new ArrayList<>(List.of("python3", "-B", standins().resolve("run_export.py").toString(),
                    p.toString(), s.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().putAll(env);
            pb.environment().remove("PYTHONPATH");
            Path err = dir.resolve("stderr.txt");
            pb.redirectError(err.toFile());
            Process proc = pb.start();
            String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(proc.waitFor(120, TimeUnit.SECONDS)).as("python3 finished").isTrue();
            return new Run(proc.exitValue(), out, Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
