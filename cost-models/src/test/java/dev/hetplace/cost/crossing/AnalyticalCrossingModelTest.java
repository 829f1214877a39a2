package dev.hetplace.cost.crossing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hetplace.cost.context.InContextFit;
import dev.hetplace.cost.cpu.CpuCostModel;
import dev.hetplace.cost.gpu.GpuCostModel;
import dev.hetplace.cost.gpu.GpuTiming;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Link;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Precision;
import dev.hetplace.hw.Profiles;
import org.junit.jupiter.api.Test;

class AnalyticalCrossingModelTest {
    private static final Platform X86 = Profiles.builtIn("x86-h200");
    private static final Platform PYNQ = Profiles.builtIn("pynq-z1");
    private final AnalyticalCrossingModel graph = new AnalyticalCrossingModel(new CpuCostModel(InContextFit::cpu),
            new GpuCostModel(GpuTiming.GRAPH, InContextFit::gpu));

    @Test
    void transferIsTheLinksLatencyPlusBytesOverBandwidth() {
        Link pcie = X86.link("cpu", "gpu").orElseThrow();
        assertThat(graph.transferNs(pcie, 4L << 20)).isEqualTo(pcie.transferNs(4L << 20));
        // transfer.csv: 4 MiB pinned host-to-device took 82.27 us
        assertThat(graph.transferNs(pcie, 4L << 20) / 1000.0).isCloseTo(82.27, within(8.0));
    }

    @Test
    void castOnTheCalibratedCpuFollowsTheQuantizeRows() {
        Device cpu = X86.device("cpu").orElseThrow();
        long n = 64L * 56 * 56;
        double us = graph.castNs(cpu, Precision.FP32, Precision.INT8, n) / 1000.0;
        // cpu_layers.csv, 4 threads: quantizing this tensor took 13.23 us, dequantizing it 10.27 us
        assertThat(us).isBetween(10.27, 13.23);
    }

    @Test
    void castAndLayoutOnTheArmHostAreBytesOverBandwidthPlusPerElementWork() {
        Device cpu = PYNQ.device("cpu").orElseThrow();
        long n = 1_000_000;
        // 5 MB over 2.1 GB/s plus 1 cycle per element on 2 cores at 650 MHz
        assertThat(graph.castNs(cpu, Precision.FP32, Precision.INT8, n))
                .isEqualTo(Math.round(5e6 / 2.1 + 1e6 / 1.3));
        // pack int8: read + write 2 MB at a quarter of 2.1 GB/s
        assertThat(graph.layoutNs(cpu, Layout.PLAIN, Layout.BLOCKED, Precision.INT8, n))
                .isEqualTo(Math.round(2e6 * 4 / 2.1));
        assertThat(graph.layoutNs(cpu, Layout.PLAIN, Layout.PLAIN, Precision.INT8, n)).isZero();
    }

    @Test
    void castOnTheGpuIsAKernelInModelAndUnderEagerTimingAtLeastItsDispatch() {
        Device gpu = X86.device("gpu").orElseThrow();
        long n = 1_000_000;
        // a launch floor plus 6 MB at 4800 GB/s, times the fp16 in-model factor 0.989
        assertThat(graph.castNs(gpu, Precision.FP32, Precision.FP16, n))
                .isCloseTo(Math.round(0.9892 * (2780 + 6e6 / 4800)), within(3L));
        AnalyticalCrossingModel eager = new AnalyticalCrossingModel(new CpuCostModel(InContextFit::cpu),
                new GpuCostModel(GpuTiming.EAGER, InContextFit::gpu));
        // the 4.0 us kernel waits for the cast dispatch: 0.659 x the fp16 conv's 26.5 us
        assertThat(eager.castNs(gpu, Precision.FP32, Precision.FP16, n) / 1000.0).isCloseTo(0.659 * 26.53,
                within(0.05));
    }
}
