package dev.hetplace.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hetplace.experiments.cli.SweepFlags;
import dev.hetplace.experiments.spec.RunSpec;
import dev.hetplace.experiments.spec.SweepSpec;
import dev.hetplace.experiments.spec.SweepSpecReader;
import dev.hetplace.experiments.testing.FullDisk;
import dev.hetplace.experiments.testing.Specs;
import dev.hetplace.experiments.testing.SyntheticRuns;
import dev.hetplace.planner.setting.SettingException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per results directory, the directory's spec checked on resume, and a full disk survived. */
class SweepDirectoryTest {
    private final SweepSpec spec = SweepSpecReader.parse(Specs.TWENTY_FOUR, "tiny.json");

    private SweepSummary run(Path out, boolean resume, ResultStore.Opener io) throws InterruptedException {
        return Sweep.run(spec, new Sweep.Options(out, resume, false, Shard.ALL, 2), new SyntheticRuns(),
                Progress.silent(), "test", "abc", io);
    }

    /** Every file of the directory and its bytes (to show a refusal changed nothing). */
    private static Map<String, String> snapshot(Path dir) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }

    @Test
    void aSecondWriterIsRefusedWhileTheFirstHoldsTheDirectory(@TempDir Path dir) throws Exception {
        try (ResultStore first = ResultStore.open(dir, true, DirectoryIdentity.of(spec, Shard.ALL), "tiny.json")) {
            assertThat(DirectoryLock.isHeld(dir)).isTrue();
            assertThatThrownBy(() -> run(dir, true, ResultStore.Opener.FILES))
                    .isInstanceOf(IllegalArgumentException.class)
                    .extracting(SweepDirectoryTest::said)
                .isEqualTo(dir + ": another sweep is writing this directory (it holds .sweep.lock); wait for "
                            + "it to end or choose another --out");
        }
        assertThat(DirectoryLock.isHeld(dir)).isFalse();
        assertThat(run(dir, true, ResultStore.Opener.FILES).ran()).isEqualTo(24);
    }

    @Test
    void aResumeWithAnotherSpecOrADamagedSpecCopyIsRefusedAndChangesNothing(@TempDir Path dir) throws Exception {
        run(dir, false, ResultStore.Opener.FILES);
        SweepSpec other = SweepSpecReader.parse(Specs.TWENTY_FOUR.replace("[0, 1]", "[0, 2]"), "other.json");
        Map<String, String> before = snapshot(dir);
        assertThatThrownBy(() -> Sweep.run(other, new Sweep.Options(dir, true, false, Shard.ALL, 1),
                new SyntheticRuns(), Progress.silent(), "test", "abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .extracting(SweepDirectoryTest::said)
                .isEqualTo(dir.resolve("spec.json") + " is not the spec of other.json: its 'seeds' differs; the "
                        + "directory belongs to another sweep: choose another --out");
        assertThat(snapshot(dir)).isEqualTo(before);

        Files.writeString(dir.resolve("spec.json"), "{{{");
        before = snapshot(dir);
        assertThatThrownBy(() -> run(dir, true, ResultStore.Opener.FILES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(dir.resolve("spec.json") + " is damaged (not JSON: ")
                .satisfies(e -> assertThat(said(e)).endsWith("so it is not the spec of tiny.json; the directory "
                        + "belongs to another sweep: choose another --out"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(snapshot(dir)).isEqualTo(before);
    }

    @Test
    void anUnshardedDirectoryCannotBeResumedAsAShardNorTheOtherWayRound(@TempDir Path dir) throws Exception {
        run(dir, false, ResultStore.Opener.FILES);
        Path shardDir = dir.resolve("s");
        Sweep.run(spec, new Sweep.Options(shardDir, false, false, new Shard(1, 3), 1), new SyntheticRuns(),
                Progress.silent(), "test", "abc");
        Path one = shardDir.resolve("shard-0001-of-0003");
        assertThatThrownBy(() -> ResultStore.open(one, true, DirectoryIdentity.of(spec, new Shard(2, 3)), "tiny.json"))
                .extracting(SweepDirectoryTest::said)
                .isEqualTo(one + ": holds shard 1/3 of its sweep, not shard 2/3 (two shards cannot write one "
                        + "directory); give each shard its own --out");
        assertThatThrownBy(() -> ResultStore.open(dir, true, DirectoryIdentity.of(spec, new Shard(0, 2)), "tiny.json"))
                .extracting(SweepDirectoryTest::said)
                .isEqualTo(dir + ": holds every run (no shard) of its sweep, not shard 0/2 (two shards cannot "
                        + "write one directory); give each shard its own --out");
    }

    @Test
    void theCsvIsRebuiltFromTheJsonLinesOnResume(@TempDir Path dir) throws Exception {
        run(dir, false, ResultStore.Opener.FILES);
        Path csv = dir.resolve(ResultStore.CSV);
        List<String> lines = Files.readAllLines(csv);
        // duplicated rows, a second header and a torn row: what two writers or a kill used to leave
        Files.writeString(csv, String.join("\n", lines) + "\n" + String.join("\n", lines.subList(0, 5)) + "\n"
                + lines.get(7).substring(0, 40));
        Path jsonl = dir.resolve(ResultStore.JSONL);
        List<String> json = Files.readAllLines(jsonl);
        Files.write(jsonl, json.subList(0, 20));
        SweepSummary s = run(dir, true, ResultStore.Opener.FILES);
        assertThat(s.ran()).isEqualTo(4);
        List<String> rebuilt = Files.readAllLines(csv);
        assertThat(rebuilt.get(0)).isEqualTo(ResultCsv.header());
        List<String> hashes = ResultFile.read(jsonl).rows().stream().map(RunRow::hash).toList();
        assertThat(rebuilt.subList(1, rebuilt.size())).extracting(ResultCsv::hashOf).containsExactlyElementsOf(hashes);
        assertThat(hashes).doesNotHaveDuplicates().hasSize(24);
    }

    @Test
    void aFullDiskStopsTheSweepWithOneLineAndTheDirectoryResumesOnceThereIsRoom(@TempDir Path dir)
            throws Exception {
        assertThatThrownBy(() -> run(dir, false, new FullDisk(30_000)))
                .isInstanceOf(UncheckedIOException.class)
                .extracting(SweepDirectoryTest::said, org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .matches("cannot append to " + java.util.regex.Pattern.quote(dir.toString())
                        + "/results\\.(jsonl|csv): No space left on device \\(every row before it is kept: make "
                        + "room, then run the same command with --resume\\)");
        assertThat(DirectoryLock.isHeld(dir)).isFalse();
        ResultFile.Loaded torn = ResultFile.read(dir.resolve(ResultStore.JSONL));
        int kept = torn.unique().size();
        assertThat(kept).isBetween(1, 23);

        SweepSummary s = run(dir, true, ResultStore.Opener.FILES);
        assertThat(s.skipped()).isEqualTo(kept);
        assertThat(s.ran()).isEqualTo(24 - kept);
        assertThat(s.tornBytes()).isEqualTo(torn.tornBytes());
        ResultFile.Loaded after = ResultFile.read(dir.resolve(ResultStore.JSONL));
        assertThat(after.dropped()).isZero();
        assertThat(after.rows()).extracting(RunRow::hash).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(spec.runs().stream().map(RunSpec::hash).toList());
        List<String> csv = Files.readAllLines(dir.resolve(ResultStore.CSV));
        assertThat(csv).hasSize(25);
        assertThat(csv.subList(1, 25)).extracting(ResultCsv::statusOf).doesNotContainNull();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "results.jsonl", "results.csv", "spec.json", "sweep-log.jsonl", ".sweep.lock");
        }
    }

    /** The refusal as the sweep command prints it (the run layer names the option, the command spells it). */
    static String said(Throwable e) {
        return SettingException.message(e, SweepFlags.ERRORS);
    }
}
