package dev.hetplace.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hetplace.backends.cache.HetplaceCache;
import dev.hetplace.backends.measure.HostMeasurements;
import dev.hetplace.backends.measure.LayerShape;
import dev.hetplace.backends.measure.MeasurementTable;
import dev.hetplace.backends.measure.Timing;
import dev.hetplace.hw.Precision;
import dev.hetplace.planner.run.ExitCodes;
import dev.hetplace.planner.testing.TemporaryCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code place measure} and the {@code host} platform it calibrates, on LeNet. */
class MeasureCommandTest {
    @TempDir
    Path dir;

    private HetplaceCache cache;

    @RegisterExtension
    final TemporaryCache temporaryCache = new TemporaryCache();

    @BeforeEach
    void useTheTemporaryCache() {
        cache = new HetplaceCache(temporaryCache.root());
    }

    @Test
    void hostWithoutAMeasurementTellsTheUserToMeasureFirst() {
        CliRun r = CliRun.of("--model", "lenet", "--platform", "host", "--targets", "cpu");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("place: platform 'host' has no measurements of this machine yet: run `place"
                + " measure --model M` first (looked in " + cache.measurements() + ")\n");
    }

    @Test
    void measureWritesTheTableAndHostIsPricedFromIt() throws Exception {
        Path out = dir.resolve("lenet.csv");
        CliRun m = CliRun.of("measure", "--model", "lenet", "--threads", "1", "--repeats", "3", "--out",
                out.toString());
        assertThat(m.exitCode()).as(m.err()).isZero();
        // LeNet-5: conv 1x32x32 -> 6 5x5, conv 6x14x14 -> 16 5x5, dense 400 -> 120, 120 -> 84, 84 -> 10
        assertThat(m.out()).startsWith("measured 5 shapes of lenet (20 rows, 1 threads), written to " + out);
        assertThat(m.err()).contains("measure 1/5 conv2d 1x32x32 -> 6, 5x5 s1 p0 -> 28x28: fp32 ");
        MeasurementTable t = MeasurementTable.read(out);
        assertThat(t.layers()).hasSize(10);
        assertThat(t.casts()).hasSize(10);
        assertThat(t.find("cpu", LayerShape.dense(400, 120), 1, 1, Precision.INT8, Timing.EAGER)).isPresent();
        Path cached = HostMeasurements.latest(cache).orElseThrow();
        assertThat(MeasurementTable.read(cached).layers()).isEqualTo(t.layers());

        CliRun host = CliRun.of("--model", "lenet", "--platform", "host", "--targets", "cpu", "--format", "json");
        assertThat(host.exitCode()).as(host.err()).isZero();
        JsonNode plan = new ObjectMapper().readTree(host.out()).get("plan");
        assertThat(plan.get("platform").asText()).isEqualTo("host");
        assertThat(plan.get("groups").get(0).get("source").asText()).isEqualTo("MEASURED");

        CliRun cost = CliRun.of("cost", "--model", "lenet", "--platform", "host");
        assertThat(cost.exitCode()).as(cost.err()).isZero();
        assertThat(cost.out()).contains("measured (" + cached.toAbsolutePath() + ", 1 threads)");

        CliRun listed = CliRun.of("platforms");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("\nhost: ", "threads 1, calibrated from " + cached.toAbsolutePath())
                .doesNotContain("not measured yet");
        assertThat(CliRun.of("platforms", "host").out()).startsWith("host: ");
    }

    @Test
    void aDamagedHostTableLeavesTheListingUpAndSaysSo() throws Exception {
        Path table = HostMeasurements.newFile(cache, "lenet", LocalDateTime.of(2026, 11, 26, 9, 0));
        Files.createDirectories(table.getParent());
        Files.writeString(table, "device,op\ncpu\n");
        CliRun listed = CliRun.of("platforms");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("pynq-z1: ", "host: this machine's CPU: its latest measurement table is"
                + " unusable (").contains("run `place measure --model M` again");
        assertThat(CliRun.of("platforms", "host").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void platformsSaysHostIsNotMeasuredYetAndNamingItIsBadInput() {
        CliRun listed = CliRun.of("platforms");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("host: this machine's CPU, priced from its own measurements: not measured"
                + " yet (run `place measure --model M`; tables go to " + cache.measurements() + ")");
        CliRun named = CliRun.of("platforms", "host");
        assertThat(named.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(named.err()).startsWith("place: platform 'host' has no measurements of this machine yet");
    }

    @Test
    void badRepeatsOrThreadsAreBadInput() {
        assertThat(CliRun.of("measure", "--model", "lenet", "--repeats", "0").err())
                .isEqualTo("place: --repeats must be at least 1, got 0\n");
        assertThat(CliRun.of("measure", "--model", "lenet", "--threads", "0").exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
