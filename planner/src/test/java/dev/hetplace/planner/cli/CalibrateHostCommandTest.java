package dev.hetplace.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hetplace.backends.cache.HetplaceCache;
import dev.hetplace.backends.measure.HostMeasurements;
import dev.hetplace.hw.Profiles;
import dev.hetplace.planner.run.ExitCodes;
import dev.hetplace.planner.testing.TemporaryCache;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code place calibrate --platform host} on the committed LeNet table ({@code host-tables/lenet-ort-t1.csv}) as
 * the latest table in the cache, and the bad input of whole-model rows: in the host table and in an
 * {@code end_to_end.csv} next to a profile's calibration tables (the x86-h200 route).
 */
class CalibrateHostCommandTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final TemporaryCache temporaryCache = new TemporaryCache();

    private Path table;
    private String text;

    @BeforeEach
    void theCommittedTableIsTheLatest() throws IOException {
        table = HostMeasurements.newFile(new HetplaceCache(temporaryCache.root()), "lenet",
                LocalDateTime.of(2026, 12, 2, 6, 1, 40));
        Files.createDirectories(table.getParent());
        try (InputStream in = getClass().getResourceAsStream("/host-tables/lenet-ort-t1.csv")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.writeString(table, text);
    }

    @Test
    void printsTheShapesAndTheWholeModelRowsOfTheLatestTable() {
        CliRun r = CliRun.of("calibrate", "--platform", "host");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Leave-one-shape-out fidelity on host")
                .contains("\nWhole models against " + table + " (the table --platform host is calibrated against;")
                .contains("\nlenet                cpu  fp32 ", "\nlenet                cpu  int8 ",
                        "\nlenet                cpu  int8_skip_first_conv_and_dense ")
                .contains("\ncpu: no in-model factor is applied on host (factor 1)");
    }

    @Test
    void aTableWithoutWholeModelRowsSaysSo() throws IOException {
        Files.writeString(table, text.lines().filter(l -> !l.contains(",model,")).reduce("", (a, b) -> a + b + "\n"));
        CliRun r = CliRun.of("calibrate", "--platform", "host");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("  " + table + " has no whole-model rows (op model): `place measure --runtime"
                + " onnxruntime` writes them");
    }

    @Test
    void aWholeModelRowWhoseModelDoesNotImportNamesFileAndRow() throws IOException {
        Files.writeString(table, text + "resnet99,cpu,model,1,,,,,,,,,,,,1,fp32,eager,135.5,112.1,226.0\n");
        CliRun r = refused();
        assertThat(r.err()).startsWith("place: " + table + ":22: model 'resnet99' does not import (");
    }

    @Test
    void aWholeModelRowAtAPrecisionTheHostLacksNamesFileAndRow() throws IOException {
        Files.writeString(table, text + "lenet,cpu,model,1,,,,,,,,,,,,1,fp16,eager,135.5,112.1,226.0\n");
        CliRun r = refused();
        assertThat(r.err()).startsWith("place: " + table + ":22: precision fp16, but device cpu (")
                .endsWith(") has only fp32, int8\n");
    }

    @Test
    void aWholeModelRowOnADeviceTheHostLacksNamesFileAndRow() throws IOException {
        Files.writeString(table, text + "lenet,gpu,model,1,,,,,,,,,,,,1,fp32,eager,135.5,112.1,226.0\n");
        assertThat(refused().err()).isEqualTo("place: " + table + ":22: device 'gpu', but platform host has only"
                + " cpu\n");
    }

    @Test
    void aMalformedWholeModelRowNamesFileAndRow() throws IOException {
        Files.writeString(table, text + "lenet,cpu,model,1,,,,,,,,,,,,1,fp32,eager,fast,,\n");
        assertThat(refused().err()).isEqualTo("place: " + table + ":22: column 'median_us': 'fast' is not a"
                + " number\n");
    }

    @Test
    void withoutAnyTableCalibrateSaysToMeasureFirst() throws IOException {
        Files.delete(table);
        assertThat(refused().err()).startsWith("place: platform 'host' has no measurements of this machine yet");
    }

    /** The x86-h200 route: a profile whose calibration tables lie in a folder with a bad end_to_end.csv. */
    @Test
    void anEndToEndRowOfAProfilesTablesNamesFileAndRowInCalibrateAndInPlace() throws IOException {
        for (String name : new String[] {"cpu_layers.csv", "gpu_layers.csv", "end_to_end.csv"}) {
            try (InputStream in = getClass().getResourceAsStream("/measured/x86-h200/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        Path e2e = dir.resolve("end_to_end.csv");
        String good = Files.readString(e2e);
        ObjectNode profile = Profiles.builtInJson("x86-h200");
        profile.withArray("devices").forEach(d -> ((ObjectNode) d).put("calibration",
                dir.resolve(d.get("id").asText() + "_layers.csv").toString()));
        Path json = dir.resolve("my-x86.json");
        Files.writeString(json, new ObjectMapper().writeValueAsString(profile));
        int line = (int) good.lines().count() + 1;
        for (String[] bad : new String[][] {
            {"resnet99,cpu,fp32,1,1,eager,32704.52,32036.51,33696.45", ": model 'resnet99' does not import ("},
            {"resnet18,cpu,fp16,1,1,eager,32704.52,32036.51,33696.45", ": precision fp16, but device cpu ("}}) {
            Files.writeString(e2e, good + bad[0] + "\n");
            CliRun c = CliRun.of("calibrate", "--platform", json.toString());
            assertThat(c.exitCode()).as(c.out()).isEqualTo(ExitCodes.USAGE);
            assertThat(c.err()).startsWith("place: " + e2e + ":" + line + bad[1]).hasLineCount(1);
            CliRun p = CliRun.of("--model", "lenet", "--platform", json.toString(), "--targets", "cpu");
            assertThat(p.exitCode()).as(p.out()).isEqualTo(ExitCodes.USAGE);
            assertThat(p.err()).startsWith("place: " + e2e + ":" + line + bad[1]).hasLineCount(1);
        }
    }

    private static CliRun refused() {
        CliRun r = CliRun.of("calibrate", "--platform", "host");
        assertThat(r.exitCode()).as(r.out()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).hasLineCount(1);
        return r;
    }
}
