package dev.hetplace.backends.exec;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.benchmarks.ShortRuns;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.pass.BatchNormFolding;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.zoo.ModelZoo;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One forward pass of ResNet-18 (batch 1, 224x224, synthetic weights, TVM's global scale) on the CPU kernels, every
 * group at {@code precision}, on {@link Parallel#common()}.
 */
public class ForwardPassBenchmark extends ShortRuns {
    @Param({"fp32", "int8"})
    public String precision;

    private GroupedGraph grouped;
    private ExecutionPlan plan;
    private Executor executor;
    private float[][] input;

    @Setup
    public void setUp() {
        Graph graph = BatchNormFolding.apply(ModelZoo.build("resnet18"));
        grouped = Grouping.apply(graph);
        Parallel par = Parallel.common();
        CalibrationInputs inputs = CalibrationInputs.synthetic(graph, 1, 1);
        ModelWeights weights = SyntheticWeights.generate(graph, 1, inputs, par);
        executor = new Executor(weights, ActivationScales.globalScale(graph.size()), par);
        plan = ExecutionPlan.allCpu(grouped, Precision.parse(precision));
        input = inputs.sample(0);
    }

    @Benchmark
    public ExecutionResult forwardPass() {
        return executor.run(grouped, plan, input);
    }
}
