package dev.hetplace.planner.cli;

import dev.hetplace.backends.sensitivity.SensitivityProgress;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Group;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Shows sensitivity measuring on standard error: a bar redrawn in place on a terminal, a plain line per group
 * elsewhere (CI logs).
 */
public final class ProgressDisplay implements SensitivityProgress {
    private static final int BAR = 30;
    private final PrintWriter err;
    private final boolean terminal;

    public ProgressDisplay(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** A display that draws a bar when this process writes to a terminal. */
    public static ProgressDisplay forConsole(PrintWriter err) {
        return new ProgressDisplay(err, System.console() != null);
    }

    @Override
    public void started(int groups, List<Precision> precisions, int samples) {
        err.printf(Locale.ROOT, "measuring sensitivity of %d groups at %s on %d inputs%n", groups,
                precisions.stream().map(Precision::id).collect(Collectors.joining(",")), samples);
        err.flush();
    }

    @Override
    public void group(int done, int total, Group group, Map<Precision, Long> noisePpb, long elapsedNs) {
        String noise = noisePpb.entrySet().stream().map(e -> e.getKey().id() + " " + e.getValue() + " ppb")
                .collect(Collectors.joining(", "));
        if (terminal) {
            int filled = (int) ((long) BAR * done / total);
            err.printf(Locale.ROOT, "\r[%s%s] %d/%d %-24.24s %5.1f s", "#".repeat(filled), ".".repeat(BAR - filled),
                    done, total, group.name(), elapsedNs / 1e9);
        } else {
            err.printf(Locale.ROOT, "sensitivity %d/%d %s: %s (%.1f s)%n", done, total, group.name(), noise,
                    elapsedNs / 1e9);
        }
        err.flush();
    }

    @Override
    public void repairing(java.nio.file.Path file, String why) {
        err.println("sensitivity cache " + file + " is damaged (" + why + "); measuring it again");
        err.flush();
    }

    @Override
    public void finished(long elapsedNs) {
        err.printf(Locale.ROOT, "%ssensitivity measured in %.1f s%n", terminal ? "\n" : "", elapsedNs / 1e9);
        err.flush();
    }
}
