package dev.hetplace.backends.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * How kernels spread work over threads: the JDK's common fork-join pool (with the calling thread helping),
 * a pool of its own with a fixed thread count, or one thread.
 */
public final class Parallel implements AutoCloseable {
    private final ForkJoinPool pool;
    private final int threads;

    private Parallel(ForkJoinPool pool, int threads) {
        this.pool = pool;
        this.threads = threads;
    }

    /** The common pool plus the calling thread: as many threads as cores. */
    public static Parallel common() {
        return new Parallel(null, ForkJoinPool.getCommonPoolParallelism() + 1);
    }

    public static Parallel sequential() {
        return new Parallel(null, 1);
    }

    /** A dedicated pool of {@code threads} threads, to be closed by the caller. */
    public static Parallel withThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
        }
        return threads == 1 ? sequential() : new Parallel(new ForkJoinPool(threads), threads);
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code body(i)} for every i in [0, n), in parallel when there is more than one thread. */
    public void forEach(int n, IntConsumer body) {
        if (n <= 1 || threads == 1) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
        } else if (pool == null) {
            IntStream.range(0, n).parallel().forEach(body);
        } else {
            pool.submit(() -> IntStream.range(0, n).parallel().forEach(body)).join();
        }
    }

    /** Work on the range [from, to). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /**
     * Splits [0, n) into contiguous ranges of at least {@code minPerTask} items (a few per thread, for
     * balance) and runs {@code body} on each.
     */
    public void forRanges(int n, int minPerTask, RangeBody body) {
        int tasks = Math.min(Math.max(1, n / Math.max(1, minPerTask)), threads == 1 ? 1 : threads * 3);
        if (tasks <= 1) {
            if (n > 0) {
                body.run(0, n);
            }
            return;
        }
        forEach(tasks, t -> {
            int from = (int) ((long) n * t / tasks);
            int to = (int) ((long) n * (t + 1) / tasks);
            if (from < to) {
                body.run(from, to);
            }
        });
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
