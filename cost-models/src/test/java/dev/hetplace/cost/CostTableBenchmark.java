package dev.hetplace.cost;

import dev.hetplace.cost.gpu.GpuTiming;
import dev.hetplace.cost.vta.VtaCostModel;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Profiles;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.pass.BatchNormFolding;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.zoo.ModelZoo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Benchmark, not a test: builds the full cost table (every device, precision and layout; batch 1) of ResNet-50 on
 * every built-in platform. Prints the first build in this JVM (wall clock and the main thread's CPU time, which
 * leaves out the JIT compiler threads and other processes on a shared machine, with the load average), then,
 * after warm-up, the median of builds with fresh models (tables parsed, fits made, cache empty) and with shared
 * models (cache warm).
 * Run: {@code java -cp <test classpath> dev.hetplace.cost.CostTableBenchmark [warmup] [runs]}.
 */
public final class CostTableBenchmark {
    private CostTableBenchmark() {
    }

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 11;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        GroupedGraph resnet50 = Grouping.apply(BatchNormFolding.apply(ModelZoo.build("resnet50")));
        List<Platform> platforms = Profiles.builtInNames().stream().map(Profiles::builtIn).toList();
        int options = buildAll(resnet50, platforms, models());
        long wallNs = System.nanoTime() - t0;
        long cpuNs = threads.getCurrentThreadCpuTime() - cpu0;
        System.out.printf(Locale.ROOT, "first build in this JVM (model and profiles loaded, tables parsed, fits "
                + "made): %.1f ms (main thread CPU %.1f ms; load average %.2f), %d options over %d platforms%n",
                wallNs / 1e6, cpuNs / 1e6, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                options, platforms.size());
        for (int i = 0; i < warmup; i++) {
            buildAll(resnet50, platforms, models());
        }
        double[] fresh = new double[runs];
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            buildAll(resnet50, platforms, models());
            fresh[i] = (System.nanoTime() - s) / 1e6;
        }
        DeviceCostModels shared = models();
        buildAll(resnet50, platforms, shared);
        double[] warm = new double[runs];
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            buildAll(resnet50, platforms, shared);
            warm[i] = (System.nanoTime() - s) / 1e6;
        }
        System.out.printf(Locale.ROOT, "median of %d after %d warm-up: fresh models %.1f ms, shared models (cache "
                + "warm) %.1f ms%n", runs, warmup, median(fresh), median(warm));
    }

    private static DeviceCostModels models() {
        return new DeviceCostModels(GpuTiming.EAGER, new VtaCostModel());
    }

    private static int buildAll(GroupedGraph graph, List<Platform> platforms, DeviceCostModels models) {
        int options = 0;
        for (Platform p : platforms) {
            CostTable t = new CostTableBuilder(graph, p, p.deviceIds(), Set.of(), 1, models.groups(),
                    models.crossings(), new EstimatedNoise()).build();
            for (int g = 0; g < t.groupCount(); g++) {
                options += t.options(g).size();
            }
        }
        return options;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
