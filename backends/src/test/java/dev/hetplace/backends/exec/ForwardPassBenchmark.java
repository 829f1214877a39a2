package dev.hetplace.backends.exec;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.pass.BatchNormFolding;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.zoo.ModelZoo;
import java.util.Arrays;
import java.util.Locale;

/**
 * Times one forward pass of ResNet-18 (batch 1, 224x224) in fp32 and all-int8 on the CPU kernels: warm-up, then
 * the median of several passes. Not a unit test: run with
 * {@code java -cp <test and main classes> dev.hetplace.backends.exec.ForwardPassBenchmark [repeats]}.
 */
public final class ForwardPassBenchmark {
    private ForwardPassBenchmark() {
    }

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        Graph graph = BatchNormFolding.apply(ModelZoo.build("resnet18"));
        GroupedGraph grouped = Grouping.apply(graph);
        Parallel par = Parallel.common();
        CalibrationInputs inputs = CalibrationInputs.synthetic(graph, 1, 1);
        ModelWeights weights = SyntheticWeights.generate(graph, 1, inputs, par);
        Executor exec = new Executor(weights, ActivationScales.globalScale(graph.size()), par);
        System.out.printf(Locale.ROOT, "resnet18 (%s weights, %d threads, %.2f GMAC)%n", weights.source(),
                par.threads(), graph.totalMacs() / 1e9);
        for (Precision p : new Precision[] {Precision.FP32, Precision.INT8}) {
            ExecutionPlan plan = ExecutionPlan.allCpu(grouped, p);
            for (int i = 0; i < 3; i++) {
                exec.run(grouped, plan, inputs.sample(0));
            }
            double[] ms = new double[repeats];
            java.util.Map<String, Long> byOp = new java.util.TreeMap<>();
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                ExecutionResult r = exec.run(grouped, plan, inputs.sample(0));
                ms[i] = (System.nanoTime() - t0) / 1e6;
                for (GroupStats g : r.groups()) {
                    String op = graph.layer(grouped.group(g.group()).anchor()).opName();
                    byOp.merge(op, g.totalNs(), Long::sum);
                }
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "%s: median %.1f ms (min %.1f, max %.1f, %d runs)%n", p.id(),
                    ms[repeats / 2], ms[0], ms[repeats - 1], repeats);
            byOp.forEach((op, ns) -> System.out.printf(Locale.ROOT, "  %-18s %7.1f ms per pass (mean)%n", op,
                    ns / 1e6 / repeats));
        }
    }
}
