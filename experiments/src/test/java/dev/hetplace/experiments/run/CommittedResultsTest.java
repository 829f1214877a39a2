package dev.hetplace.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.experiments.cli.SweepFlags;
import dev.hetplace.experiments.report.SweepReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The committed studies' rows, written before provenance had a Timefold version, still read, compare and report. */
class CommittedResultsTest {

    @ParameterizedTest
    @ValueSource(strings = {"first-layer", "baselines", "solver-quality"})
    void committedRowsStillReadCompareAndReport(String study, @TempDir Path tmp) throws IOException {
        Path dir = Path.of("specs", study);
        ResultFile.Loaded loaded = ResultFile.read(dir.resolve(ResultStore.JSONL));
        long lines = Files.readAllLines(dir.resolve(ResultStore.JSONL)).stream().filter(l -> !l.isBlank()).count();
        assertThat(loaded.dropped()).isZero();
        assertThat(loaded.rows()).hasSize((int) lines).allSatisfy(r -> {
            assertThat(r.provenance().hetplaceVersion()).isNotBlank();
            assertThat(r.provenance().gitCommit()).isNotBlank();
            assertThat(r.provenance().javaVersion()).isNotBlank();
        });
        ResultComparison.Result same = ResultComparison.compare(loaded.rows(), loaded.rows());
        assertThat(same.common()).isEqualTo(loaded.rows().size());
        assertThat(same.differences()).isEmpty();
        Path copy = tmp.resolve(study);
        Files.createDirectories(copy);
        for (String f : new String[] {ResultStore.JSONL, Sweep.SPEC_COPY, "sweep-log.jsonl"}) {
            Files.copy(dir.resolve(f), copy.resolve(f));
        }
        assertThat(Files.readString(SweepReport.write(copy, false, SweepFlags.REPORT))).contains("Provenance: hetplace ");
    }
}
