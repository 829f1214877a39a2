package dev.hetplace.backends.vta.sim;

import dev.hetplace.backends.vta.VtaPlan;
import dev.hetplace.backends.vta.VtaSchedule;
import dev.hetplace.hw.VtaConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times the VTA simulator on every VTA group of resnet18 (29, full size, batch 1, Pynq configuration): lowering
 * plus timing-only simulation (the median of several passes after a warm-up pass), then one pass of lowering,
 * functional simulation on seeded random data checked bit for bit against the CPU int8 kernels, and timing, with
 * a line per group. Not a unit test: run with
 * {@code java -cp <test and main classes> dev.hetplace.backends.vta.sim.VtaSimBenchmark [repeats]}.
 */
public final class VtaSimBenchmark {
    private VtaSimBenchmark() {
    }

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        VtaSchedule schedule = new VtaSchedule();
        VtaConfig c = VtaConfig.DEFAULT;
        List<ResNet18Groups.VtaGroup> groups = ResNet18Groups.all();
        List<VtaPlan> plans = groups.stream().map(g -> schedule.plan(g.name(), g.workload(), c)).toList();
        VtaTimingSimulator timing = new VtaTimingSimulator(schedule.timing(), VtaSimOptions.DEFAULT);
        System.out.printf(Locale.ROOT, "resnet18: %d VTA groups on %s, %d cores%n", groups.size(),
                c.modelString(), Runtime.getRuntime().availableProcessors());

        double[] ms = new double[repeats];
        long cycles = 0;
        for (int pass = -1; pass < repeats; pass++) {
            long t0 = System.nanoTime();
            long sum = 0;
            for (int i = 0; i < groups.size(); i++) {
                VtaProgram p = VtaLowering.lower(groups.get(i).name(), plans.get(i), VtaAluImmediates.DEFAULT);
                sum += timing.run(p).cycles();
            }
            if (pass >= 0) {
                ms[pass] = (System.nanoTime() - t0) / 1e6;
            }
            cycles = sum;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "timing only (lower + simulate): median %.0f ms over %d passes "
                + "(min %.0f, max %.0f); %d cycles = %.2f ms at %.0f MHz%n", ms[repeats / 2], repeats, ms[0],
                ms[repeats - 1], cycles, cycles / (c.clockMHz() * 1000), c.clockMHz());

        long start = System.nanoTime();
        double worst = 0;
        int exact = 0;
        for (int i = 0; i < groups.size(); i++) {
            String name = groups.get(i).name();
            VtaPlan plan = plans.get(i);
            long t0 = System.nanoTime();
            CpuInt8Reference.Data data = CpuInt8Reference.random(plan.workload(), 2000 + i);
            VtaProgram p = VtaLowering.lower(name, plan, data.immediates());
            VtaExecution run = CpuInt8Reference.vta(p, data);
            VtaTimingResult r = timing.run(p);
            long t1 = System.nanoTime();
            boolean same = Arrays.equals(run.output(), CpuInt8Reference.run(plan.workload(), data));
            exact += same ? 1 : 0;
            double dev = (double) r.cycles() / plan.cycles().total() - 1;
            worst = Math.max(worst, Math.abs(dev));
            System.out.printf(Locale.ROOT, "[%2d/%d] %-22s %5d insns %9d cycles (analytical %9d, %+.1f%%) "
                    + "%6.0f ms simulated, CPU %s%n", i + 1, groups.size(), name, p.instructions().size(),
                    r.cycles(), plan.cycles().total(), 100 * dev, (t1 - t0) / 1e6, same ? "bit-exact" : "DIFFERS");
        }
        System.out.printf(Locale.ROOT, "functional + timing: %.1f s for %d groups (CPU reference excluded from the "
                + "per-group figures, included here); %d/%d bit-exact; max |sim/analytical - 1| = %.1f%%%n",
                (System.nanoTime() - start) / 1e9, groups.size(), exact, groups.size(), 100 * worst);
    }
}
