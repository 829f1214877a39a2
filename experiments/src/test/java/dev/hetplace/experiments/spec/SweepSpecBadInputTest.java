package dev.hetplace.experiments.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hetplace.experiments.cli.SweepCommand;
import dev.hetplace.experiments.testing.SyntheticRuns;
import dev.hetplace.planner.testing.CleanRun;
import dev.hetplace.planner.testing.Mutations;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Sweep specs that used to be read wrongly, and seeded fuzzing of the spec reader through {@code sweep run}. */
class SweepSpecBadInputTest {
    private static final String VALID = """
            {"schemaVersion": 1, "name": "fuzz", "models": ["lenet"], "platforms": ["pynq-z1"],
             "overrides": {"devices.cpu.threads": [1, 2]}, "objectives": ["latency", "throughput"],
             "minSqnrDb": [null, 30], "seeds": [0, 1], "batches": [1],
             "runs": [{"model": "lenet", "batch": 2, "seed": 3, "minSqnrDb": 20}]}
            """;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "{\"schemaVersion\": 1, \"models\": [\"lenet\"], \"models\": [\"vgg16\"]};bad.json: not valid JSON at line 1:"
                + " Duplicate field 'models'",
        "{\"schemaVersion\": 1, \"models\": [\"lenet\"]} {\"x\": 1};bad.json: not valid JSON at line 1: Trailing token",
        "{\"schemaVersion\": 1, \"models\": \"lenet\"};bad.json: models: must be a list of strings, got \"lenet\"",
        "{\"schemaVersion\": 1, \"models\": [\"lenet\"], \"seeds\": 3};bad.json: seeds: must be a list of integers",
        "{\"schemaVersion\": 1, \"models\": [\"lenet\"], \"minSqnrDb\": [-5]};bad.json: minSqnrDb[0]: must be above 0",
        "{\"schemaVersion\": 1, \"models\": [\"lenet\"], \"batches\": [1000000000]};bad.json: batches[0]: the batch asks"
                + " for batch size 1000000000, above the limit of 65536",
        "{\"schemaVersion\": 1, \"models\": [\"wide-dag:1000000000\"]};bad.json: models[0]: model wide-dag:1000000000"
                + " asks for wide-dag groups 1000000000, above the limit of 20000"})
    void refusedWithOneLine(String json, String message) {
        assertThatThrownBy(() -> SweepSpecReader.parse(json, "bad.json"))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void sweepWithoutACommandPrintsUsageOnStandardErrorWithExitTwo() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SweepCommand.run(new String[0], new PrintWriter(out), new PrintWriter(err), SyntheticRuns::new);
        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("Usage: sweep");
    }

    @Test
    void jsonNestedDeeperThanTheParserAllowsIsOneLineNotAStackTrace() {
        String deep = "{\"schemaVersion\": 1, \"models\": " + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThatThrownBy(() -> SweepSpecReader.parse(deep, "deep.json"))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("deep.json: not valid JSON at line 1:");
    }

    @Test
    void aGarbageModelFileIsRefusedBeforeAnyRun() throws IOException {
        Path model = Files.write(tmp.resolve("garbage.onnx"), new byte[] {8, 7, 1, 2, 3, (byte) 0xff, 0x13});
        String spec = "{\"schemaVersion\": 1, \"models\": [\"" + model + "\"]}";
        assertThatThrownBy(() -> SweepSpecReader.parse(spec, "s.json"))
                .isInstanceOf(SpecException.class)
                .hasMessageStartingWith("s.json: models[0]: " + model + ": ");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {17, 1_701, 20_261_202})
    void fuzzedSpecsRunOrAreRefusedInOneLine(long seed) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("seed-" + seed));
        Path spec = dir.resolve("fuzz.json");
        List<Mutations.Case> cases = Mutations.json(VALID, seed, 100);
        int refused = 0;
        for (int i = 0; i < cases.size(); i++) {
            Files.write(spec, cases.get(i).bytes());
            Map<Path, String> before = CleanRun.snapshot(dir);
            Path out = tmp.resolve("out-" + seed + "-" + i);
            StringWriter err = new StringWriter();
            int code = SweepCommand.run(new String[] {"run", spec.toString(), "--out", out.toString(), "--threads",
                    "1"}, new PrintWriter(new StringWriter()), new PrintWriter(err), SyntheticRuns::new);
            String what = "seed " + seed + " case " + i + ": " + cases.get(i).what();
            CleanRun.assertClean(what, code, err.toString(), before, dir);
            if (code == 2) {
                refused++;
                assertThat(out).as(what + ": nothing left behind").doesNotExist();
            }
        }
        assertThat(refused).isPositive();
    }
}
