package dev.hetplace.cost;

import dev.hetplace.benchmarks.ShortRuns;
import dev.hetplace.cost.gpu.GpuTiming;
import dev.hetplace.cost.models.DeviceCostModels;
import dev.hetplace.cost.vta.VtaCostModel;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Profiles;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.pass.BatchNormFolding;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.zoo.ModelZoo;
import java.util.List;
import java.util.Set;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The full cost table (every device, precision and layout; batch 1) of ResNet-50, batch norm folded, on every
 * built-in platform: with fresh cost models each build (tables parsed, fits made, caches empty), with shared models
 * (caches warm), and the first build in a fresh JVM ({@code firstBuild}: one shot per fork, model and profiles
 * loaded inside it).
 */
public class CostTableBenchmark extends ShortRuns {
    private GroupedGraph resnet50;
    private List<Platform> platforms;
    private DeviceCostModels shared;

    @Setup
    public void setUp() {
        resnet50 = resnet50();
        platforms = platforms();
        shared = models();
        buildAll(resnet50, platforms, shared);
    }

    @Benchmark
    public int freshModels() {
        return buildAll(resnet50, platforms, models());
    }

    @Benchmark
    public int sharedModels() {
        return buildAll(resnet50, platforms, shared);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Fork(5)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public int firstBuild() {
        return buildAll(resnet50(), platforms(), models());
    }

    private static GroupedGraph resnet50() {
        return Grouping.apply(BatchNormFolding.apply(ModelZoo.build("resnet50")));
    }

    private static List<Platform> platforms() {
        return Profiles.builtInNames().stream().map(Profiles::builtIn).toList();
    }

    private static DeviceCostModels models() {
        return new DeviceCostModels(GpuTiming.EAGER, new VtaCostModel());
    }

    /** Builds every platform's table; returns the number of options, so that no build is dead code. */
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
}
