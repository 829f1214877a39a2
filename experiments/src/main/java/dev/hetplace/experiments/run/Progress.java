package dev.hetplace.experiments.run;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Reports a sweep's progress: on a terminal a bar redrawn in place (at most ten times a second), elsewhere a plain
 * line every {@code intervalNanos} and one at the end. Thread-safe.
 */
public final class Progress {
    private static final int BAR = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final long intervalNanos;
    private final LongSupplier clock;
    private int total;
    private int done;
    private int failed;
    private int infeasible;
    private long start;
    private long lastPrint;

    public Progress(PrintStream out, boolean terminal, long intervalNanos, LongSupplier clock) {
        this.out = out;
        this.terminal = terminal;
        this.intervalNanos = intervalNanos;
        this.clock = clock;
    }

    /** A bar when the JVM has a console, else a line every 5 seconds, on standard error. */
    public static Progress standard() {
        return new Progress(System.err, System.console() != null, 5_000_000_000L, System::nanoTime);
    }

    /** Prints nothing. */
    public static Progress silent() {
        return new Progress(new PrintStream(PrintStream.nullOutputStream()), false, Long.MAX_VALUE, System::nanoTime);
    }

    public synchronized void start(int runs) {
        total = runs;
        start = clock.getAsLong();
        lastPrint = start;
        if (terminal) {
            draw();
        }
    }

    public synchronized void finished(RunRow row) {
        done++;
        if (row.status() == RunStatus.FAILED) {
            failed++;
        } else if (row.status() == RunStatus.INFEASIBLE) {
            infeasible++;
        }
        long now = clock.getAsLong();
        if (terminal && now - lastPrint >= REDRAW_NANOS) {
            lastPrint = now;
            draw();
        } else if (!terminal && now - lastPrint >= intervalNanos) {
            lastPrint = now;
            out.println(line(now));
            out.flush();
        }
    }

    public synchronized void end() {
        if (terminal) {
            draw();
            out.println();
        } else {
            out.println(line(clock.getAsLong()));
        }
        out.flush();
    }

    private void draw() {
        int filled = total == 0 ? BAR : (int) ((long) BAR * done / total);
        out.print("\r[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] " + line(clock.getAsLong()) + "  ");
        out.flush();
    }

    String line(long now) {
        double secs = (now - start) / 1e9;
        double rate = secs > 0 ? done / secs : 0;
        String eta = rate > 0 && done < total ? String.format(Locale.ROOT, ", eta %.0f s", (total - done) / rate) : "";
        return String.format(Locale.ROOT, "%d/%d runs (%d failed, %d infeasible), %.1f s, %.2f runs/s%s", done, total,
                failed, infeasible, secs, rate, eta);
    }
}
