package dev.hetplace.cost.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hetplace.cost.Cost;
import dev.hetplace.cost.CostSource;
import dev.hetplace.cost.TestGraphs;
import dev.hetplace.cost.context.InContextFit;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.hw.Profiles;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Dense;
import dev.hetplace.ir.op.Op;
import dev.hetplace.ir.op.Padding;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Checks the ARM model against TVM TopHub's real Pynq (Cortex-A9, 2 threads, fp32) measurements in the AutoTVM
 * sample, lines 10-16. Lines 10, 11, 12 and 15 set the dense bandwidth, direct, Winograd and depthwise
 * efficiencies; lines 13, 14 and 16 are predictions.
 */
class ArmCpuModelTest {
    private static final Device PYNQ_CPU = Profiles.builtIn("pynq-z1").device("cpu").orElseThrow();
    private final CpuCostModel model = new CpuCostModel(InContextFit::cpu);

    private record Line(int number, String task, Op op, int[] input, double expectedRatio) {
    }

    private static final List<Line> LINES = List.of(
            new Line(10, "dense_nopack.x86", new Dense(1000, false), new int[] {1, 2048}, 1.00),
            new Line(11, "conv2d_nchw_spatial_pack.arm_cpu",
                    new Conv2d(384, 3, 1, 1, 1, new Padding(1, 0, 1, 0), 1, 1, 1, false),
                    new int[] {1, 384, 8, 8}, 1.00),
            new Line(12, "conv2d_nchw_winograd.arm_cpu", Conv2d.square(96, 3, 1, 1, false),
                    new int[] {1, 96, 35, 35}, 1.00),
            new Line(13, "conv2d_nchw_spatial_pack.arm_cpu", Conv2d.square(1000, 1, 1, 0, false),
                    new int[] {1, 1280, 1, 1}, 1.75),
            new Line(14, "depthwise_conv2d_nchw.arm_cpu", Conv2d.square(576, 3, 2, 1, false).withGroups(576),
                    new int[] {1, 576, 14, 14}, 1.12),
            new Line(15, "depthwise_conv2d_nchw.arm_cpu", Conv2d.square(32, 3, 1, 1, false).withGroups(32),
                    new int[] {1, 32, 112, 112}, 1.00),
            new Line(16, "conv2d_nchw_spatial_pack.arm_cpu", Conv2d.square(32, 3, 2, 1, false),
                    new int[] {1, 3, 224, 224}, 0.58));

    @Test
    void predictsTopHubPynqSamplesWithinStatedRatios() throws Exception {
        List<String> log = sampleLog();
        for (Line line : LINES) {
            String text = log.get(line.number() - 1);
            assertThat(text).contains(line.task()).contains("-model=pynq");
            double measuredNs = firstResultSeconds(text) * 1e9;
            GroupedGraph g = TestGraphs.single(line.op(), line.input());
            Cost c = model.cost(g, TestGraphs.only(g), PYNQ_CPU, Precision.FP32, Layout.PLAIN, 1).orElseThrow();
            double ratio = c.timeNs() / measuredNs;
            System.out.printf(Locale.ROOT, "TopHub line %d %s: measured %.3f ms, predicted %.3f ms, ratio %.2f%n",
                    line.number(), line.task(), measuredNs / 1e6, c.timeNs() / 1e6, ratio);
            assertThat(c.source()).isEqualTo(CostSource.ANALYTICAL);
            assertThat(ratio).as("line %d", line.number()).isCloseTo(line.expectedRatio(), within(0.02));
        }
    }

    private static List<String> sampleLog() throws Exception {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ArmCpuModelTest.class.getResourceAsStream("/autotvm/sample.log"), StandardCharsets.UTF_8))) {
            return r.lines().toList();
        }
    }

    private static double firstResultSeconds(String line) {
        Matcher m = Pattern.compile("\"result\": \\[\\[([0-9.eE+-]+)").matcher(line);
        assertThat(m.find()).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
