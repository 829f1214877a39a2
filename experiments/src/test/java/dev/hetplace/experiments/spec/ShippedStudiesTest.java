package dev.hetplace.experiments.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.experiments.run.ResultFile;
import dev.hetplace.experiments.run.ResultStore;
import dev.hetplace.experiments.run.RunRow;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The specs under experiments/specs are valid, and their committed results are exactly their runs. */
class ShippedStudiesTest {

    @ParameterizedTest
    @CsvSource({"first-layer, 275", "baselines, 80", "solver-quality, 168", "vta-dse, 12096"})
    void specsExpandAndTheirCommittedResultsCoverEveryRunOnce(String name, int runs) {
        SweepSpec spec = SweepSpecReader.read(Path.of("specs", name + ".json"));
        assertThat(spec.name()).isEqualTo(name);
        assertThat(spec.runs()).hasSize(runs);
        ResultFile.Loaded results = ResultFile.read(Path.of("specs", name, ResultStore.JSONL));
        assertThat(results.dropped()).isZero();
        assertThat(results.rows()).extracting(RunRow::hash).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(spec.runs().stream().map(RunSpec::hash).toList());
        assertThat(Files.exists(Path.of("specs", name, "report.md"))).isTrue();
    }

    @org.junit.jupiter.api.Test
    void theVtaDseSubsetIsRunsOfVtaDse() {
        var all = SweepSpecReader.read(Path.of("specs", "vta-dse.json")).runs().stream().map(RunSpec::hash)
                .collect(java.util.stream.Collectors.toSet());
        var subset = SweepSpecReader.read(Path.of("specs", "vta-dse-subset.json")).runs();
        assertThat(subset).hasSize(1728).allSatisfy(r -> assertThat(all).contains(r.hash()));
    }
}
