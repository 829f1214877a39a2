package dev.hetplace.hw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileOverridesTest {
    private final Platform pynq = Profiles.builtIn("pynq-z1");
    private final Platform x86 = Profiles.builtIn("x86-h200");

    @Test
    void aVtaVariantIsOneFieldAway() {
        Platform wide = Profiles.withOverrides(pynq, Map.of("devices.vta.logBlockIn", "5"));
        VtaConfig v = wide.device("vta").orElseThrow().vta();
        assertThat(v.blockIn()).isEqualTo(32);
        assertThat(v.blockOut()).isEqualTo(16);
        assertThat(v).isEqualTo(new VtaConfig(0, 5, 4, 15, 18, 17, 15, 100, 64, "hls",
                pynq.device("vta").orElseThrow().vta().runtime()));
        assertThat(wide.device("cpu")).isEqualTo(pynq.device("cpu"));
        assertThat(wide.profileHash()).isNotEqualTo(pynq.profileHash());
    }

    @Test
    void cpuThreadsAndNumbersTakeStringsNumbersOrJsonNodes() {
        assertThat(Profiles.withOverrides(x86, Map.of("devices.cpu.threads", "1")).device("cpu").orElseThrow()
                .threads()).isEqualTo(1);
        assertThat(Profiles.withOverrides(x86, Map.of("devices.cpu.threads", 16)).device("cpu").orElseThrow()
                .threads()).isEqualTo(16);
        assertThat(Profiles.withOverrides(pynq, Map.of("devices.vta.clockMHz", IntNode.valueOf(200)))
                .device("vta").orElseThrow().vta().clockMHz()).isEqualTo(200.0);
        assertThat(Profiles.withOverrides(pynq, Map.of("devices.vta.clockMHz", "142.5"))
                .device("vta").orElseThrow().vta().clockMHz()).isEqualTo(142.5);
    }

    @Test
    void linksAreNamedFromArrowToAndBothWaysWithADoubleArrow() {
        Platform one = Profiles.withOverrides(x86, Map.of("links.cpu->gpu.bandwidthGBps", "25"));
        assertThat(one.link("cpu", "gpu").orElseThrow().bandwidthGBps()).isEqualTo(25.0);
        assertThat(one.link("gpu", "cpu")).isEqualTo(x86.link("gpu", "cpu"));
        Platform both = Profiles.withOverrides(x86, Map.of("links.cpu<->gpu.latencyUs", "20"));
        assertThat(both.link("cpu", "gpu").orElseThrow().latencyUs()).isEqualTo(20.0);
        assertThat(both.link("gpu", "cpu").orElseThrow().latencyUs()).isEqualTo(20.0);
    }

    @Test
    void listsMapsAndTopLevelFields() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("devices.gpu.precisions", "fp32,fp16");
        o.put("devices.gpu.peakTeraMacs", "{\"fp32\": 30, \"fp16\": 400}");
        o.put("name", "my-h200");
        Platform p = Profiles.withOverrides(x86, o);
        assertThat(p.name()).isEqualTo("my-h200");
        assertThat(p.device("gpu").orElseThrow().precisions()).containsExactly(Precision.FP32, Precision.FP16);
        assertThat(p.device("gpu").orElseThrow().gpu().peakTeraMacs()).containsEntry(Precision.FP16, 400.0);

        Platform fp16 = Profiles.withOverrides(x86, Map.of("devices.gpu.peakTeraMacs.fp16", "100"));
        assertThat(fp16.device("gpu").orElseThrow().gpu().peakTeraMacs()).containsEntry(Precision.FP16, 100.0);
        Platform grouped = Profiles.withOverrides(pynq, Map.of("devices.vta.opRestrictions.conv2d", "{}"));
        assertThat(grouped.device("vta").orElseThrow().supports("conv2d", Map.of("groups", 4))).isTrue();
    }

    @Test
    void overridesApplyToAJsonTreeWithoutChangingIt() {
        var tree = Profiles.builtInJson("pynq-z1");
        String before = tree.toString();
        Platform p = Profiles.withOverrides(tree, "pynq-z1", Map.of("devices.cpu.threads", "1"));
        assertThat(p.device("cpu").orElseThrow().threads()).isEqualTo(1);
        assertThat(tree.toString()).isEqualTo(before);
    }

    @Test
    void anUnknownPathIsAnErrorNamingIt() {
        assertThatThrownBy(() -> Profiles.withOverrides(pynq, Map.of("devices.vta.logBlockInn", "5")))
                .isInstanceOf(ProfileException.class)
                .hasMessageStartingWith("unknown override path 'devices.vta.logBlockInn' (fields of a vta device: ");
        assertThatThrownBy(() -> Profiles.withOverrides(pynq, Map.of("devices.npu.clockMHz", "5")))
                .hasMessage("override 'devices.npu.clockMHz': no device 'npu' (devices: cpu, vta)");
        assertThatThrownBy(() -> Profiles.withOverrides(pynq, Map.of("links.cpu->gpu.latencyUs", "5")))
                .hasMessage("override 'links.cpu->gpu.latencyUs': no link cpu->gpu");
        assertThatThrownBy(() -> Profiles.withOverrides(pynq, Map.of("links.cpu->vta.speed", "5")))
                .hasMessageStartingWith("unknown override path 'links.cpu->vta.speed' (link fields: from, to, ");
        assertThatThrownBy(() -> Profiles.withOverrides(pynq, Map.of("clock", "5")))
                .hasMessageStartingWith("unknown override path 'clock' (");
        assertThatThrownBy(() -> Profiles.withOverrides(pynq, Map.of("devices.vta.logBlockIn.x", "5")))
                .hasMessageStartingWith("unknown override path 'devices.vta.logBlockIn.x' (");
        assertThatThrownBy(() -> Profiles.withOverrides(pynq, Map.of("devices.cpu.threads", "two")))
                .hasMessage("override 'devices.cpu.threads': 'two' is not an integer");
    }

    @Test
    void anOverriddenValueIsValidatedLikeAFileOne() {
        assertThatThrownBy(() -> Profiles.withOverrides(pynq, Map.of("devices.vta.logBlockIn", "-1")))
                .isInstanceOf(ProfileException.class)
                .hasMessage("pynq-z1 with overrides: devices.vta.logBlockIn: must be >= 0, got -1");
        assertThatThrownBy(() -> Profiles.withOverrides(x86, Map.of("devices.cpu.threads", "32")))
                .hasMessage("x86-h200 with overrides: devices.cpu.threads: must be <= cores (16), got 32");
        assertThatThrownBy(() -> Profiles.withOverrides(pynq, Map.of("devices.vta.logInpBuffSize", "3")))
                .hasMessage("pynq-z1 with overrides: devices.vta.logInpBuffSize: a buffer of 2^3 bytes cannot"
                        + " hold one 16-byte entry");
    }
}
