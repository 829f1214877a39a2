package dev.hetplace.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.ir.json.GraphJson;
import dev.hetplace.ir.zoo.ModelZoo;
import dev.hetplace.planner.testing.CleanRun;
import dev.hetplace.planner.testing.Mutations;
import dev.hetplace.planner.testing.TemporaryCache;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded fuzzing of every file reader behind {@code place}, through the command line in-process: each damaged
 * copy of a valid file (see {@link Mutations}) must give a valid result or exit 2 with one line on standard
 * error, never a stack trace, and leave every file as it was. Seeds are named; a failure names the case.
 */
class ReaderFuzzTest {
    private static final int CASES = 100;

    @TempDir
    static Path tmp;
    @RegisterExtension
    static final TemporaryCache CACHE = new TemporaryCache();
    private static String lenetGraph;
    private static String lenetPlan;
    private static String pynqProfile;
    private static String cpuTable;
    private static Path hostTable;
    private static String hostTableText;
    private static String ortTable;

    @BeforeAll
    static void validInputs() throws IOException {
        lenetGraph = GraphJson.write(ModelZoo.build("lenet"));
        Path plan = tmp.resolve("lenet-plan.json");
        CliRun write = CliRun.of("--model", "lenet", "--export", "json", "--out", plan.toString());
        assertThat(write.exitCode()).as(write.err()).isZero();
        lenetPlan = Files.readString(plan);
        pynqProfile = resource("dev/hetplace/hw/profiles/pynq-z1.json");
        cpuTable = resource("measured/x86-h200/cpu_layers.csv");
        CliRun measure = CliRun.of("measure", "--model", "lenet", "--threads", "1", "--repeats", "1");
        assertThat(measure.exitCode()).as(measure.err()).isZero();
        try (var files = Files.list(CACHE.root().resolve("measurements"))) {
            hostTable = files.findFirst().orElseThrow();
        }
        hostTableText = Files.readString(hostTable);
        ortTable = resource("ort-pool-edge/resnet18-1thread.csv");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ReaderFuzzTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Runs {@code place} on every case written to {@code file} in a fresh folder and checks it ran clean. */
    private static void fuzz(String reader, long seed, List<Mutations.Case> cases, String fileName,
                             Function<Path, String[]> args) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(reader + "-" + seed));
        Path file = dir.resolve(fileName);
        int refused = 0;
        for (int i = 0; i < cases.size(); i++) {
            Mutations.Case c = cases.get(i);
            Files.write(file, c.bytes());
            Map<Path, String> before = CleanRun.snapshot(dir);
            CliRun run = CliRun.of(args.apply(file));
            CleanRun.assertClean(reader + " seed " + seed + " case " + i + ": " + c.what(), run.exitCode(), run.err(),
                    before, dir);
            refused += run.exitCode() == 2 ? 1 : 0;
        }
        assertThat(refused).as(reader + ": the cases damage the input").isPositive();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {16, 1_601, 20_261_201})
    void graphJson(long seed) throws IOException {
        fuzz("graph", seed, Mutations.json(lenetGraph, seed, CASES), "lenet.json",
                f -> new String[] {"inspect", "--model", f.toString()});
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {16, 1_601, 20_261_201})
    void planFile(long seed) throws IOException {
        fuzz("plan", seed, Mutations.json(lenetPlan, seed, CASES * 2 / 3), "plan.json",
                f -> new String[] {"check", "--plan", f.toString()});
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {16, 1_601, 20_261_201})
    void profile(long seed) throws IOException {
        fuzz("profile", seed, Mutations.json(pynqProfile, seed, CASES), "board.json",
                f -> new String[] {"--model", "lenet", "--platform", f.toString()});
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {16, 1_601, 20_261_201})
    void calibrationTable(long seed) throws IOException {
        fuzz("calibration", seed, Mutations.csv(cpuTable, seed, CASES * 2 / 3), "cpu_layers.csv",
                f -> new String[] {"--model", "lenet", "--platform", "x86-h200", "--targets", "cpu",
                        "--set", "devices.cpu.calibration=" + f});
    }

    /**
     * A real `place measure --runtime onnxruntime` table with its pool_edge (max_pool2d) rows, damaged, as a CPU's
     * calibration: lenet's two max pools are priced from the damaged rows (fitted, as lenet's pool shapes are not
     * resnet18's).
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {16, 1_601, 20_261_201})
    void ortTableWithPoolEdges(long seed) throws IOException {
        fuzz("ort-table", seed, Mutations.csv(ortTable, seed, CASES * 2 / 3), "ort.csv",
                f -> new String[] {"--model", "lenet", "--platform", "x86-h200", "--targets", "cpu",
                        "--set", "devices.cpu.calibration=" + f, "--explain", "pool1"});
    }

    /** The table `place measure` keeps for `--platform host`, damaged where it lies in the cache. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {16, 1_601, 20_261_201})
    void hostMeasurementTable(long seed) throws IOException {
        List<Mutations.Case> cases = Mutations.csv(hostTableText, seed, CASES * 2 / 3);
        Path dir = hostTable.getParent();
        int refused = 0;
        try {
            for (int i = 0; i < cases.size(); i++) {
                Files.write(hostTable, cases.get(i).bytes());
                Map<Path, String> before = CleanRun.snapshot(dir);
                CliRun run = CliRun.of("--model", "lenet", "--platform", "host", "--targets", "cpu");
                CleanRun.assertClean("host table seed " + seed + " case " + i + ": " + cases.get(i).what(),
                        run.exitCode(), run.err(), before, dir);
                refused += run.exitCode() == 2 ? 1 : 0;
            }
        } finally {
            Files.writeString(hostTable, hostTableText);
        }
        assertThat(refused).isPositive();
    }
}
