package dev.hetplace.backends.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged copies of the shipped tables and of the TopHub sample log, read by path as a profile's calibration and
 * {@code --measurements} read them: each reads, or fails with one line naming the file and, for a damaged row,
 * its line.
 */
class MeasurementReaderFuzzTest {
    private static final int CASES = 60;
    private static final String[] JUNK = {"", "-1", "0", "NaN", "1e400", "abc", "x86", "conv3d", "graph", "int4",
        "fp32_gemm", "quantize_input", "3.5", ",", "\"", "{", "}", "[]", "null"};

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 2_026, 4_409_117})
    void cpuLayers(long seed) throws IOException {
        fuzz(seed, shipped("/measured/x86-h200/cpu_layers.csv"), "cpu_layers.csv",
                f -> CalibrationTables.layers(f.toString(), "cpu"));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 2_026, 4_409_117})
    void gpuLayers(long seed) throws IOException {
        fuzz(seed, shipped("/measured/x86-h200/gpu_layers.csv"), "gpu_layers.csv",
                f -> CalibrationTables.layers(f.toString(), "gpu"));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 2_026, 4_409_117})
    void endToEnd(long seed) throws IOException {
        fuzz(seed, shipped("/measured/x86-h200/end_to_end.csv"), CalibrationTables.END_TO_END,
                f -> CalibrationTables.endToEnd(f.resolveSibling("cpu_layers.csv").toString()));
    }

    /**
     * A table as {@code place measure --runtime onnxruntime} writes it: the shipped CPU layer rows followed by the
     * shipped CPU whole-model rows as its whole-model rows ({@code op} {@code model}).
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 2_026, 4_409_117})
    void tableWithWholeModelRows(long seed) throws IOException {
        StringBuilder table = new StringBuilder(String.join(",", MeasurementCsv.COLUMNS)).append('\n');
        List<String> layers = shipped("/measured/x86-h200/cpu_layers.csv").lines().skip(1).toList();
        for (String line : layers) {
            String[] c = line.split(",", -1);
            table.append(String.join(",", c[0], "cpu", String.join(",", List.of(c).subList(2, 15)), c[15], c[16],
                    "eager", c[17], c[18], c[19])).append('\n');
        }
        for (String line : shipped("/measured/x86-h200/end_to_end.csv").lines().skip(1).toList()) {
            String[] c = line.split(",", -1);
            if (c[1].equals("cpu")) {
                table.append(String.join(",", c[0], "cpu", "model", c[3], "", "", "", "", "", "", "", "", "", "", "",
                        c[4], c[2], c[5], c[6], c[7], c[8])).append('\n');
            }
        }
        fuzz(seed, table.toString(), "cpu-20261202-000000-000-resnet18.csv", f -> {
            MeasurementTable t = CalibrationTables.layers(f.toString(), "cpu");
            t.wholeModels().forEach(w -> assertThat(w.where()).startsWith(f + ":"));
        });
    }

    /**
     * A table {@code place measure --runtime onnxruntime --cpu-threads 2} wrote for squeezenet1_1 (layer, cast,
     * pool_edge, pass and whole-model rows), as the host platform reads it.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 2_026, 4_409_117})
    void onnxRuntimeTableWithPassRows(long seed) throws IOException {
        String table = shipped("/ort-tables/squeezenet1_1-2threads.csv");
        assertThat(MeasurementTable.read(new java.io.StringReader(table), "sq.csv").passes()).hasSize(16);
        fuzz(seed, table, "cpu-20261202-123829-355-squeezenet1_1.csv", f -> CalibrationTables.layers(f.toString(),
                "cpu"));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 2_026, 4_409_117})
    void onnxRuntimeTableWithEdgeRows(long seed) throws IOException {
        String table = shipped("/ort-tables/squeezenet1_1-2threads-edges.csv");
        assertThat(MeasurementTable.read(new java.io.StringReader(table), "sq.csv").casts())
                .filteredOn(c -> c.kind().isPrecisionEdge()).hasSize(44);
        fuzz(seed, table, "cpu-20261202-143900-000-squeezenet1_1.csv", f -> CalibrationTables.layers(f.toString(),
                "cpu"));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 2_026, 4_409_117})
    void userTableAndLog(long seed) throws IOException {
        List<String> table = new ArrayList<>();
        for (String line : shipped("/measured/x86-h200/cpu_layers.csv").split("\r?\n")) {
            table.add(table.isEmpty() ? line.replaceFirst("^model,", "device,") + ",timing"
                    : line.replaceFirst("^[^,]*,", "cpu,") + ",eager");
        }
        fuzz(seed, String.join("\n", table) + "\n", "board.csv", f -> UserMeasurements.read(List.of(f)));
        fuzz(seed, shipped("/autotvm/sample.log"), "tophub.log", f -> UserMeasurements.read(List.of(f)));
    }

    private void fuzz(long seed, String good, String fileName, Consumer<Path> read) throws IOException {
        Random random = new Random(seed);
        Path file = dir.resolve(fileName);
        Files.writeString(file, good);
        read.accept(file);
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            String damaged = damage(good, random);
            Files.writeString(file, damaged, StandardCharsets.UTF_8);
            try {
                read.accept(file);
            } catch (MeasurementException e) {
                refused++;
                String what = "seed " + seed + " case " + i + ": " + e.getMessage();
                assertThat(e.getMessage()).as(what).doesNotContain("\n").startsWith(file.toString() + ":");
                Matcher m = Pattern.compile(Pattern.quote(file.toString()) + ":(\\d+): ").matcher(e.getMessage());
                if (m.lookingAt()) {
                    int line = Integer.parseInt(m.group(1));
                    assertThat(line).as(what).isBetween(1, (int) damaged.lines().count());
                } else {
                    assertThat(e.getMessage()).as(what).matches(Pattern.quote(file.toString())
                            + ": (empty file|no data rows).*");
                }
            }
        }
        assertThat(refused).as("the cases damage " + fileName).isPositive();
    }

    /** One to three of: a cell replaced by junk, a cell dropped, a line dropped or doubled, the text cut short. */
    private static String damage(String text, Random random) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        for (int n = 1 + random.nextInt(3); n > 0 && !lines.isEmpty(); n--) {
            int at = random.nextInt(lines.size());
            List<String> cells = new ArrayList<>(List.of(lines.get(at).split(",", -1)));
            int cell = random.nextInt(cells.size());
            switch (random.nextInt(5)) {
                case 0 -> cells.set(cell, JUNK[random.nextInt(JUNK.length)]);
                case 1 -> cells.remove(cell);
                case 2 -> cells.clear();
                case 3 -> lines.add(at, lines.get(at));
                default -> {
                    lines.subList(at, lines.size()).clear();
                    continue;
                }
            }
            if (at < lines.size()) {
                lines.set(at, String.join(",", cells));
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static String shipped(String resource) throws IOException {
        try (InputStream in = MeasurementReaderFuzzTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
