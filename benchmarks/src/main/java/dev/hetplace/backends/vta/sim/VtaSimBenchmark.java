package dev.hetplace.backends.vta.sim;

import dev.hetplace.backends.vta.VtaPlan;
import dev.hetplace.backends.vta.VtaSchedule;
import dev.hetplace.benchmarks.ShortRuns;
import dev.hetplace.hw.VtaConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The VTA simulator on every VTA group of resnet18 (29, full size, batch 1, Pynq configuration) in the schedule's
 * tiling: lowering plus timing-only simulation, and lowering plus functional simulation (on seeded random int8
 * data made in the set-up) plus timing. Bit-exactness against the CPU kernels is the tests' business
 * ({@code VtaBitExactTest}).
 */
public class VtaSimBenchmark extends ShortRuns {
    private final List<String> names = new ArrayList<>();
    private final List<VtaPlan> plans = new ArrayList<>();
    private final List<CpuInt8Reference.Data> data = new ArrayList<>();
    private VtaTimingSimulator timing;

    @Setup
    public void setUp() {
        VtaSchedule schedule = new VtaSchedule();
        List<ResNet18Groups.VtaGroup> groups = ResNet18Groups.all();
        for (int i = 0; i < groups.size(); i++) {
            VtaPlan plan = schedule.plan(groups.get(i).name(), groups.get(i).workload(), VtaConfig.DEFAULT);
            names.add(groups.get(i).name());
            plans.add(plan);
            data.add(CpuInt8Reference.random(plan.workload(), 2000 + i));
        }
        timing = new VtaTimingSimulator(schedule.timing(), VtaSimOptions.DEFAULT);
    }

    /** Returns the simulated cycles of all groups. */
    @Benchmark
    public long lowerAndTime() {
        long cycles = 0;
        for (int i = 0; i < plans.size(); i++) {
            cycles += timing.run(VtaLowering.lower(names.get(i), plans.get(i), VtaAluImmediates.DEFAULT)).cycles();
        }
        return cycles;
    }

    /** Returns the simulated cycles plus the first output byte of every group. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public long lowerExecuteAndTime() {
        long sum = 0;
        for (int i = 0; i < plans.size(); i++) {
            VtaProgram p = VtaLowering.lower(names.get(i), plans.get(i), data.get(i).immediates());
            sum += CpuInt8Reference.vta(p, data.get(i)).output()[0];
            sum += timing.run(p).cycles();
        }
        return sum;
    }
}
