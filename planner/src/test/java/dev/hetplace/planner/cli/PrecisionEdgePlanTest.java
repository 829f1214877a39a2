package dev.hetplace.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.ir.onnx.ShippedModels;
import dev.hetplace.planner.testing.TemporaryCache;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --platform host} on a real {@code place measure --runtime onnxruntime} table of squeezenet1_1.onnx at 1
 * thread with its edge rows (test resource {@code ort-edges/squeezenet1_1-1thread.csv}, 2026-12-02 14:39 UTC, Intel
 * Xeon with AVX-512 VNNI and AMX, idle): fire2's expand 3x3 conv run fp32 after an int8 producer pays 257.0 us
 * (its edge_fp32 row), run int8 after a float one 25.0 us; the stem pool, fp32 after an int8 stem, runs ORT's plain
 * uint8 kernel (4781.5 us, its pool_edge row); fire3's concat, int8 with a float input, leaves the pool after it on
 * that kernel too (1768.0 us).
 */
class PrecisionEdgePlanTest {
    private static final String MODEL = ShippedModels.path("squeezenet1_1.onnx").toString();
    private static final String EXPAND = "/features/features.3/expand3x3/Conv";

    @RegisterExtension
    final TemporaryCache cache = new TemporaryCache();

    private void useTable(boolean withEdgeRows) throws IOException {
        String table;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("ort-edges/squeezenet1_1-1thread.csv")) {
            table = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!withEdgeRows) {
            table = table.lines().filter(l -> !l.contains(",edge_")).collect(Collectors.joining("\n", "", "\n"));
        }
        Path dir = Files.createDirectories(cache.root().resolve("measurements"));
        Files.writeString(dir.resolve("cpu-20261202-143900-000-squeezenet1_1.csv"), table);
    }

    private static String explain(String group) {
        CliRun run = CliRun.of("--model", MODEL, "--platform", "host", "--targets", "cpu", "--cpu-threads", "1",
                "--explain", group);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.out();
    }

    @Test
    void aGroupWithAnInputInTheOtherPrecisionPaysItsEdgeRowInPlaceOfTheCast() throws IOException {
        useTable(true);
        String out = explain(EXPAND);
        assertThat(out).contains("pays crossing edge:fp32:" + EXPAND + "@cpu, +257.0 us, at a precision edge: group "
                + EXPAND + " run fp32 with an input in int8: 257.0 us (measured edge_fp32 row (");
        assertThat(out).contains("pays crossing edge:int8:" + EXPAND + "@cpu, +25.0 us, at a precision edge: group "
                + EXPAND + " run int8 with an input in fp32: 25.0 us (measured edge_int8 row (");

        CliRun cost = CliRun.of("cost", "--model", MODEL, "--platform", "host", "--targets", "cpu", "--cpu-threads",
                "1");
        assertThat(cost.exitCode()).as(cost.err()).isZero();
        assertThat(cost.out()).contains("precision edge g4 (" + EXPAND + ") on cpu:fp32: 257.0 us per input arriving"
                + " in the other precision, the cast included (measured edge_fp32 row (");
        // the stem reads only the image: no edge of its own
        assertThat(cost.out()).doesNotContain("precision edge g0 ");
    }

    @Test
    void withoutEdgeRowsTheEdgeIsItsCastAlone() throws IOException {
        useTable(false);
        assertThat(explain(EXPAND)).doesNotContain("edge:fp32:").doesNotContain("edge:int8:");
    }

    @Test
    void aPoolRunsItsPlainUint8KernelAfterAnInt8ProducerAndAfterAnInt8ConcatWithAFloatInput() throws IOException {
        useTable(true);
        assertThat(explain("/features/features.2/MaxPool")).contains("pays crossing"
                + " pool_edge:in:/features/features.2/MaxPool@cpu, +4708.5 us, at a precision edge: fp32 meets int8 at"
                + " max pool /features/features.2/MaxPool (its input, produced in the other precision): ONNX Runtime"
                + " runs its plain uint8 kernel, 4781.5 us (measured pool_edge row (");
        // the fp32 option pays it too (after an int8 stem), less its own 122.5 us
        assertThat(explain("/features/features.2/MaxPool")).containsPattern("\\* cpu:fp32 +122\\.5 us .*\\n.*"
                + "pays crossing pool_edge:in:/features/features\\.2/MaxPool@cpu, \\+4659\\.0 us");
        assertThat(explain("/features/features.4/Concat")).contains("pays crossing"
                + " pool_edge:concat:/features/features.5/MaxPool@cpu, +1739.5 us, at a precision edge: fp32 meets int8"
                + " at max pool /features/features.5/MaxPool (its input from an int8 concat with a float input, which"
                + " ORT runs in NCHW): ONNX Runtime runs its plain uint8 kernel, 1768.0 us (measured pool_edge row (");
    }
}
