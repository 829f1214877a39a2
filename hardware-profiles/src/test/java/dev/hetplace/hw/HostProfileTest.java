package dev.hetplace.hw;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostProfileTest {
    @Test
    void theHostIsOneCalibratedCpuWithTheGivenCoresThreadsAndTable() {
        Platform p = Profiles.host("/tmp/cache/measurements/cpu-1.csv", "amd64", 2, 2);
        assertThat(p.name()).isEqualTo("host");
        assertThat(p.deviceIds()).containsExactly("cpu");
        assertThat(p.links()).isEmpty();
        Device cpu = p.device("cpu").orElseThrow();
        assertThat(cpu.kind()).isEqualTo(DeviceKind.CPU);
        assertThat(cpu.precisions()).containsExactly(Precision.FP32, Precision.INT8);
        assertThat(cpu.cpu().isa()).isEqualTo("amd64");
        assertThat(cpu.cpu().cores()).isEqualTo(2);
        assertThat(cpu.threads()).isEqualTo(2);
        assertThat(cpu.cpu().calibration()).isEqualTo("/tmp/cache/measurements/cpu-1.csv");
        assertThat(cpu.cpu().hasAnalyticalParams()).isFalse();
    }

    @Test
    void aTableMeasuredWithMoreThreadsThanCoresStillLoads() {
        assertThat(Profiles.host("t.csv", "aarch64", 2, 8).device("cpu").orElseThrow().cpu().cores()).isEqualTo(8);
    }

    @Test
    void theHostIsNotAStaticBuiltIn() {
        assertThat(Profiles.builtInNames()).doesNotContain(Profiles.HOST);
    }
}
