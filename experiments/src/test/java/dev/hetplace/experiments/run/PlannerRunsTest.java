package dev.hetplace.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.experiments.spec.RunSpec;
import dev.hetplace.experiments.spec.SweepSpec;
import dev.hetplace.experiments.spec.SweepSpecReader;
import dev.hetplace.planner.run.PlacementResult;
import dev.hetplace.planner.run.PlacementRunner;
import dev.hetplace.planner.run.PlacementSpec;
import dev.hetplace.planner.solve.PlanRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The planner-backed run function agrees with the planner's own facade, run for run. */
class PlannerRunsTest {
    private final SweepSpec spec = SweepSpecReader.parse("""
            {"schemaVersion": 1, "models": ["lenet"], "platforms": ["pynq-z1"],
             "overrides": {"devices.cpu.threads": [1, 2]}, "minSqnrDb": [null, 20]}""", "lenet.json");

    @Test
    void outcomesMatchPlacementRunner() {
        PlannerRuns runs = new PlannerRuns();
        for (RunSpec r : spec.runs()) {
            Outcome o = runs.apply(r);
            PlacementResult p = PlacementRunner.run(PlacementSpec.builder(r.model(), List.of("cpu", "vta"),
                    PlanRequest.builder().minSqnrDb(r.minSqnrDb()).build()).platform(r.platform()).overrides(r.overrides())
                    .build());
            assertThat(o.objectiveNs()).as(r.canonicalText()).isEqualTo(p.plan().objectiveNs());
            assertThat(o.lowerBoundNs()).isEqualTo(p.plan().lowerBoundNs());
            assertThat(o.choices()).isEqualTo(p.plan().choices().stream().map(Object::toString).toList());
            assertThat(o.profileHash()).isEqualTo(p.provenance().profileHash());
            assertThat(o.modelHash()).isEqualTo(p.provenance().modelHash());
            assertThat(o.baselines()).extracting(BaselineOutcome::name)
                    .containsExactlyElementsOf(p.baselines().stream().map(b -> b.name()).toList());
        }
    }

    @Test
    void lenetOnPynqKeepsItsFirstConvOffVta() {
        Outcome o = new PlannerRuns().apply(spec.runs().get(0));
        assertThat(o.groups()).isEqualTo(8);
        assertThat(o.totalMacs()).isEqualTo(416_520);
        assertThat(o.accelerators()).containsExactly("vta");
        assertThat(o.groupNames().get(0)).isEqualTo("conv1");
        assertThat(o.offAcceleratorGroups()).contains("conv1");
        assertThat(o.optimal()).isTrue();
        assertThat(o.placement()).isEqualTo(Outcomes.runLength(o.choices()));
    }

    @Test
    void wideDagModelsRunThroughTheGenerator() {
        RunSpec r = SweepSpecReader.parse("""
                {"schemaVersion": 1, "models": ["wide-dag:40:4:6:7"], "solvers": ["exact"]}""", "w.json")
                .runs().get(0);
        Outcome o = new PlannerRuns().apply(r);
        assertThat(o.modelName()).isEqualTo("wide-dag-40-w4-s7");
        assertThat(o.solver()).startsWith("exact DP");
        assertThat(o.groups()).isBetween(40, 44);
        assertThat(o.objectiveNs()).isPositive();
    }
}
