package dev.hetplace.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Profiles;
import dev.hetplace.planner.testing.TemporaryCache;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PlatformsCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @RegisterExtension
    final TemporaryCache cache = new TemporaryCache();

    private int place(String... args) {
        return PlaceCommand.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void listsEveryBuiltInPlatformWithItsDevicesAndLinks() {
        assertThat(place("platforms")).isZero();
        String text = out.toString();
        assertThat(text).contains("pynq-z1: ", "ultra96: ", "zcu104: ", "de10-nano: ", "x86-h200: ");
        assertThat(text).contains("BATCH x BLOCK_IN x BLOCK_OUT 1x16x16, 100 MHz, 64-bit port, hls");
        assertThat(text).contains("BATCH x BLOCK_IN x BLOCK_OUT 1x16x16, 333 MHz, 128-bit port, hls");
        assertThat(text).contains("1x16x16, 100 MHz, 64-bit port, chisel");
        assertThat(text).contains("ops add clip conv2d(dilation=1,groups=1) dense relu shift");
        assertThat(text).contains("armv7-a+neon, 2 cores, threads 2, 650 MHz, 128-bit SIMD, DRAM 2.1 GB/s");
        assertThat(text).contains("x86-64, 16 cores, threads 4, calibrated from x86-h200/cpu_layers.csv");
        assertThat(text).contains("fp32,tf32,fp16,bf16,int8", "memory 141 GB", "memory 512 MiB", "memory 2 GiB");
        assertThat(text).contains("launch 24.84 us, 132 multiprocessors");
        assertThat(text).contains("link cpu->vta: 1 us + bytes / 0.8 GB/s", "link cpu->gpu: 7.533 us + bytes / 54.798 GB/s");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void jsonHoldsEachCanonicalProfileAndItsHash() throws Exception {
        assertThat(place("platforms", "--format", "json")).isZero();
        JsonNode root = JsonMapper.builder().build().readTree(out.toString());
        assertThat(root.get("platforms")).hasSize(5);
        for (JsonNode p : root.get("platforms")) {
            Platform builtIn = Profiles.builtIn(p.get("name").asText());
            assertThat(Profiles.fromJson(p.get("profile"), "json output")).isEqualTo(builtIn);
            assertThat(p.get("profileHash").asText()).isEqualTo(builtIn.profileHash());
        }
    }

    @Test
    void namedPlatformsAndProfileFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.json");
        Files.writeString(file, Profiles.toJsonString(Profiles.builtIn("zcu104")).replace("\"zcu104\"", "\"mine\""));
        assertThat(place("platforms", "pynq-z1", file.toString())).isZero();
        assertThat(out.toString()).startsWith("pynq-z1: ").contains("\nmine: ").doesNotContain("x86-h200");
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        assertThat(place("platforms", "pynq")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("place: unknown platform 'pynq' (built-in: pynq-z1, ultra96, zcu104,"
                + " de10-nano, x86-h200; or a path to a profile JSON file)" + System.lineSeparator());
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"schemaVersion\": 1}");
        err.getBuffer().setLength(0);
        assertThat(place("platforms", bad.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("place: " + bad + ": name: missing field" + System.lineSeparator());
        err.getBuffer().setLength(0);
        assertThat(place("platforms", "--format", "xml")).isEqualTo(2);
        assertThat(err.toString()).startsWith("place: Invalid value for option '--format'");
    }
}
