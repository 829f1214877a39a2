package dev.hetplace.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hetplace.experiments.cli.SweepFlags;
import dev.hetplace.experiments.spec.SweepSpec;
import dev.hetplace.experiments.spec.SweepSpecReader;
import dev.hetplace.experiments.testing.Specs;
import dev.hetplace.experiments.testing.SyntheticRuns;
import dev.hetplace.planner.setting.SettingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultStoreTest {
    private final SweepSpec spec = SweepSpecReader.parse(Specs.TWENTY_FOUR, "tiny.json");
    private final SweepRunner runner = new SweepRunner(new SyntheticRuns(), 1, Progress.silent(), "test", "abc");

    private ResultStore open(Path dir, boolean resume) {
        return ResultStore.open(dir, resume, DirectoryIdentity.of(spec, Shard.ALL), "tiny.json");
    }

    private RunRow row(int i) {
        return runner.runOne(new IndexedRun(i, spec.runs().get(i)));
    }

    @Test
    void rowsRoundTripThroughJsonLines(@TempDir Path dir) {
        try (ResultStore s = open(dir, false)) {
            s.append(row(0));
            s.append(row(1));
        }
        ResultFile.Loaded l = ResultFile.read(dir.resolve(ResultStore.JSONL));
        assertThat(l.dropped()).isZero();
        assertThat(l.rows()).containsExactly(row(0).withWallMs(l.rows().get(0).provenance().wallMs()),
                row(1).withWallMs(l.rows().get(1).provenance().wallMs()));
    }

    @Test
    void aDirectoryWithResultsNeedsResume(@TempDir Path dir) {
        try (ResultStore s = open(dir, false)) {
            s.append(row(0));
        }
        assertThatThrownBy(() -> open(dir, false)).isInstanceOf(IllegalArgumentException.class)
                .extracting(e -> SettingException.message(e, SweepFlags.ERRORS), InstanceOfAssertFactories.STRING)
                .contains("already holds 1 results: pass --resume");
        try (ResultStore s = open(dir, true)) {
            assertThat(s.doneHashes(false)).containsExactly(spec.runs().get(0).hash());
        }
    }

    @Test
    void damagedLinesAreKeptInPlaceAndCountedATornLastLineIsCutOff(@TempDir Path dir) throws Exception {
        try (ResultStore s = open(dir, false)) {
            s.append(row(0));
            s.append(row(1));
        }
        Path jsonl = dir.resolve(ResultStore.JSONL);
        String good = Files.readString(jsonl);
        String second = good.split("\n")[1];
        // a garbage line, a row whose hash does not match its run, and a torn last line (no newline)
        String damaged = good + "not json at all\n" + second.replace(spec.runs().get(1).hash(), "0".repeat(64))
                + "\n" + second.substring(0, second.length() / 2);
        Files.writeString(jsonl, damaged);
        try (ResultStore s = open(dir, true)) {
            assertThat(s.droppedLines()).isEqualTo(3);
            assertThat(s.tornBytes()).isEqualTo(second.length() / 2);
            assertThat(s.existingRows()).hasSize(2);
            s.append(row(2));
        }
        String after = Files.readString(jsonl);
        assertThat(after).as("damaged complete lines stay; the torn last line is cut off")
                .startsWith(damaged.substring(0, damaged.length() - second.length() / 2))
                .doesNotContain(damaged);
        ResultFile.Loaded l = ResultFile.read(jsonl);
        assertThat(l.dropped()).isEqualTo(2);
        assertThat(l.tornBytes()).isZero();
        assertThat(l.rows()).extracting(RunRow::index).containsExactly(0, 1, 2);
    }

    @Test
    void theCsvGetsAHeaderOneLinePerRowAndRowsItMissed(@TempDir Path dir) throws Exception {
        try (ResultStore s = open(dir, false)) {
            s.append(row(0));
        }
        // a kill between the two writes: the JSON line is there, the CSV line is not
        Files.writeString(dir.resolve(ResultStore.JSONL), ResultJson.line(row(1)) + "\n", StandardOpenOption.APPEND);
        try (ResultStore s = open(dir, true)) {
            s.append(row(2));
        }
        List<String> csv = Files.readAllLines(dir.resolve(ResultStore.CSV), StandardCharsets.UTF_8);
        assertThat(csv.get(0)).isEqualTo(ResultCsv.header());
        assertThat(csv.subList(1, csv.size())).extracting(ResultCsv::hashOf).containsExactly(
                spec.runs().get(0).hash(), spec.runs().get(1).hash(), spec.runs().get(2).hash());
        assertThat(csv).allSatisfy(line -> assertThat(ResultCsv.split(line)).hasSize(ResultCsv.split(csv.get(0))
                .size()));
    }

    @Test
    void aGzippedResultsFileIsReadWhenThePlainOneIsAbsent(@TempDir Path dir) throws Exception {
        try (ResultStore s = open(dir, false)) {
            s.append(row(0));
            s.append(row(3));
        }
        Path jsonl = dir.resolve(ResultStore.JSONL);
        List<RunRow> rows = ResultFile.read(jsonl).rows();
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(dir.resolve("results.jsonl.gz")))) {
            out.write(Files.readAllBytes(jsonl));
        }
        Files.delete(jsonl);
        assertThat(ResultFile.exists(jsonl)).isTrue();
        assertThat(ResultFile.read(jsonl).rows()).isEqualTo(rows);
    }

    @Test
    void csvCellsWithCommasAndQuotesAreQuoted() {
        assertThat(ResultCsv.split("a,\"b,c\",\"say \"\"hi\"\"\",")).containsExactly("a", "b,c", "say \"hi\"", "");
    }

    @Test
    void aFailedRowIsRecordedOnOneLine() {
        RunRow failed = row(4);
        assertThat(failed.run().minSqnrDb()).isEqualTo(99.0);
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.error()).isEqualTo("IllegalStateException: synthetic failure with a second line");
        assertThat(ResultCsv.line(failed)).doesNotContain("\n");
    }
}
