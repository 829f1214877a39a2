package dev.hetplace.experiments.ort;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.backends.measure.InterleavedRuns;
import dev.hetplace.experiments.ort.MeasuredPlan.PlanKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mixed-plans harness on lenet at 1 thread with 2 random mixes (seeds 15 and 16), 3 rounds: every plan
 * measured is the plan exported, and every figure is a number. No timing is asserted.
 */
class MixedPlanStudyTest {
    @TempDir
    Path dir;

    @Test
    void measuresTheSevenPlansItExportedAndWritesThemDown() {
        List<MeasuredPlan> rows = MixedPlanStudy.run("lenet", 1, 3, 2, 15, 30, dir.resolve("work"));

        assertThat(rows).extracting(MeasuredPlan::plan).containsExactly("optimum", "optimum-30dB", "tvm-rule-cpu",
                "all-fp32", "all-int8", "mix-s15", "mix-s16");
        for (MeasuredPlan r : rows) {
            assertThat(ExportedChoices.read(Path.of(r.onnx()))).as(r.plan()).isEqualTo(r.choices());
            assertThat(r.predictedMs()).as(r.plan()).isFinite().isPositive();
            assertThat(r.timing().medianMs()).as(r.plan()).isFinite().isPositive();
            // 3 rounds, each visiting the plan with an untimed run and 3 timed ones
            assertThat(r.timing().runs()).isEqualTo(3 * InterleavedRuns.TIMED_PER_VISIT).isEqualTo(9);
            assertThat(r.timing().roundLoads()).hasSize(3);
            assertThat(r.errorPct()).isFinite();
        }
        Map<String, MeasuredPlan> byName = rows.stream().collect(java.util.stream.Collectors.toMap(
                MeasuredPlan::plan, r -> r));
        assertThat(byName.get("all-fp32").choices().values()).containsOnly("cpu:fp32");
        assertThat(byName.get("all-fp32").int8Groups()).isZero();
        assertThat(byName.get("all-int8").int8Groups()).isEqualTo(8);
        assertThat(byName.get("all-int8").kind()).isEqualTo(PlanKind.PURE);
        // lenet's 8 groups all offer int8; seed 15 draws 3 of them int8, seed 16 draws 6
        assertThat(byName.get("mix-s15").int8Groups()).isEqualTo(3);
        assertThat(byName.get("mix-s16").int8Groups()).isEqualTo(6);
        assertThat(byName.get("mix-s15").choices()).isNotEqualTo(byName.get("mix-s16").choices());

        MixedPlanReport.merge(dir, rows);
        List<Map<String, String>> written = MixedPlanReport.read(dir.resolve("results.csv"));
        assertThat(written).hasSize(7);
        assertThat(written).extracting(l -> l.get("kind")).containsExactly("optimum", "optimum", "rule", "pure",
                "pure", "random", "random");
        MixedPlanReport.merge(dir, rows.subList(0, 2));
        assertThat(MixedPlanReport.read(dir.resolve("results.csv"))).as("a redone (model, threads) replaces its rows")
                .hasSize(2);
    }
}
