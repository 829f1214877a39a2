package dev.hetplace.hw;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BuiltInProfilesTest {

    static List<String> names() {
        return Profiles.builtInNames();
    }

    @Test
    void listsTheFiveBuiltInPlatforms() {
        assertThat(Profiles.builtInNames()).containsExactly("pynq-z1", "ultra96", "zcu104", "de10-nano", "x86-h200");
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyBuiltInLoadsAndSurvivesARoundTripThroughItsCanonicalJson(String name) {
        Platform p = Profiles.builtIn(name);
        assertThat(p.name()).isEqualTo(name);
        assertThat(p.notes()).isNotEmpty();
        Platform again = Profiles.parse(Profiles.toJsonString(p), "round trip");
        assertThat(again).isEqualTo(p);
        assertThat(again.profileHash()).isEqualTo(p.profileHash()).hasSize(64);
        assertThat(Profiles.resolve(name)).isEqualTo(p);
    }

    @Test
    void pynqZ1IsACortexA9AndTheDefaultVta() {
        Platform p = Profiles.builtIn("pynq-z1");
        Device cpu = p.device("cpu").orElseThrow();
        assertThat(cpu.kind()).isEqualTo(DeviceKind.CPU);
        assertThat(cpu.precisions()).containsExactly(Precision.FP32, Precision.INT8);
        assertThat(cpu.cpu().cores()).isEqualTo(2);
        assertThat(cpu.cpu().clockMHz()).isEqualTo(650.0);
        assertThat(cpu.cpu().isa()).contains("neon");
        assertThat(cpu.memoryBytes()).isEqualTo(512L << 20);

        Device vta = p.device("vta").orElseThrow();
        assertThat(vta.vta()).isEqualTo(VtaConfig.DEFAULT.withRuntime(
                new VtaRuntime(1.0, 385.0, 1.05, 100.0, 250.0, 1.5, true, 3.6)));
        assertThat(vta.vta().macsPerCycle()).isEqualTo(256);
        assertThat(vta.vta().modelString()).isEqualTo("1x16_i8w8a32_15_15_18_17");
        assertThat(vta.precisions()).containsExactly(Precision.INT8);
        assertThat(vta.ops()).containsExactlyInAnyOrder("conv2d", "dense", "add", "relu", "clip", "shift");
        assertThat(vta.supports("conv2d", Map.of("groups", 1))).isTrue();
        assertThat(vta.supports("conv2d", Map.of())).isTrue();
        assertThat(vta.supports("conv2d", Map.of("groups", 32))).isFalse();
        assertThat(vta.supports("conv2d", Map.of("dilation", 2))).isFalse();
        assertThat(vta.supports("dense", Map.of("groups", 1))).isTrue();
        assertThat(vta.supports("max_pool2d")).isFalse();

        Link down = p.link("cpu", "vta").orElseThrow();
        assertThat(down.bandwidthGBps()).isEqualTo(0.8);
        assertThat(down.comment()).contains("64-bit", "100 MHz");
        assertThat(p.link("vta", "cpu")).isPresent();
        // 1 us + 1 MB at 0.8 GB/s
        assertThat(down.transferNs(1_000_000)).isEqualTo(1_000 + 1_250_000);
    }

    @Test
    void zynqUltraScaleBoardsRunVtaAt333MHzOnA128BitPort() {
        for (String name : List.of("ultra96", "zcu104")) {
            Platform p = Profiles.builtIn(name);
            VtaConfig v = p.device("vta").orElseThrow().vta();
            assertThat(v.clockMHz()).isEqualTo(333.0);
            assertThat(v.memoryPortBits()).isEqualTo(128);
            assertThat(v.design()).isEqualTo("hls");
            CpuParams cpu = p.device("cpu").orElseThrow().cpu();
            assertThat(cpu.cores()).isEqualTo(4);
            assertThat(cpu.isa()).startsWith("armv8");
            assertThat(p.notes()).anyMatch(n -> n.contains("DS925"));
        }
        assertThat(Profiles.builtIn("ultra96").device("cpu").orElseThrow().cpu().clockMHz()).isEqualTo(1200.0);
        assertThat(Profiles.builtIn("zcu104").device("cpu").orElseThrow().cpu().clockMHz()).isEqualTo(1500.0);
    }

    @Test
    void de10NanoRunsTheChiselDesignWithItsSmallerUopMemory() {
        Platform p = Profiles.builtIn("de10-nano");
        VtaConfig v = p.device("vta").orElseThrow().vta();
        assertThat(v.design()).isEqualTo("chisel");
        assertThat(v.queueDepth()).isEqualTo(512);
        assertThat(v.clockMHz()).isEqualTo(100.0);
        assertThat(v.uopEntries()).isEqualTo(2048);
        assertThat(p.device("cpu").orElseThrow().cpu().clockMHz()).isEqualTo(800.0);
    }

    @Test
    void x86H200HasACalibratedHostWithFourThreadsAndAnH200() {
        Platform p = Profiles.builtIn("x86-h200");
        Device cpu = p.device("cpu").orElseThrow();
        assertThat(cpu.threads()).isEqualTo(4);
        assertThat(cpu.cpu().isCalibrated()).isTrue();
        assertThat(cpu.cpu().hasAnalyticalParams()).isFalse();
        assertThat(cpu.cpu().calibration()).isEqualTo("x86-h200/cpu_layers.csv");
        assertThat(cpu.memoryBytes()).isZero();
        Device gpu = p.device("gpu").orElseThrow();
        assertThat(gpu.precisions()).containsExactly(Precision.FP32, Precision.TF32, Precision.FP16, Precision.BF16,
                Precision.INT8);
        assertThat(gpu.gpu().peakTeraMacs()).containsEntry(Precision.FP16, 494.75).hasSize(5);
        assertThat(gpu.gpu().calibration()).isEqualTo("x86-h200/gpu_layers.csv");
        assertThat(p.link("cpu", "gpu").orElseThrow().comment()).contains("least squares", "pinned");
        assertThat(p.link("gpu", "cpu")).isPresent();
    }
}
