package dev.hetplace.planner.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.cost.gpu.GpuTiming;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.planner.domain.Evaluation;
import dev.hetplace.planner.domain.PlacementProblem;
import dev.hetplace.planner.domain.Plan;
import dev.hetplace.planner.domain.PlanEvaluator;
import dev.hetplace.planner.run.PlacementRunner;
import dev.hetplace.planner.run.PlacementSpec;
import dev.hetplace.planner.solve.PlanRequest;
import dev.hetplace.planner.solve.Planner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 15's rule on x86-h200 (in-model costs): a residual add leaves the GPU only if what its host choice saves
 * exceeds the crossings it adds, device-to-host synchronisations included, and {@code --explain} says by how much.
 * On resnet18 and resnet50, eager and CUDA-graph timing, no add leaves: each host choice, moved alone, saves less
 * than its crossings add (under eager timing a read-back synchronisation is part of them, under graph timing
 * none). {@code ResidualAddsOnX86Test} has {@code --explain}'s words on an add that stays and on one that leaves.
 */
class ResidualAddCrossingTest {

    private record Flip(String group, String from, String to, long savingNs, long crossingNs, long syncNs,
                        long netNs) {
    }

    /** Every residual add of the optimum with each of its choices on another device moved to alone. */
    private static List<Flip> addFlips(String model, GpuTiming timing) {
        PlacementSpec spec = PlacementSpec.builder(model, List.of("cpu", "gpu"), PlanRequest.latency())
                .gpuTiming(timing).build();
        PlacementProblem problem = Planner.problem(PlacementRunner.price(spec).table(), spec.request());
        Plan plan = Planner.solve(problem, spec.request());
        GroupedGraph gg = problem.table().graph();
        Evaluation base = PlanEvaluator.evaluate(problem, plan.choice());
        long baseSync = CrossingAttribution.syncNs(problem.table(), plan.choice());
        List<Flip> out = new ArrayList<>();
        for (Group g : gg.groups()) {
            if (!gg.anchor(g).opName().equals("add")) {
                continue;
            }
            int chosen = plan.choice()[g.id()];
            String device = problem.option(g.id(), chosen).choice().device();
            for (int o : problem.allowed(g.id())) {
                if (problem.option(g.id(), o).choice().device().equals(device)) {
                    continue;
                }
                int[] flipped = plan.choice().clone();
                flipped[g.id()] = o;
                Evaluation e = PlanEvaluator.evaluate(problem, flipped);
                out.add(new Flip(g.name(), problem.option(g.id(), chosen).choice().toString(),
                        problem.option(g.id(), o).choice().toString(),
                        problem.option(g.id(), chosen).cost().timeNs() - problem.option(g.id(), o).cost().timeNs(),
                        e.crossingNs() - base.crossingNs(),
                        CrossingAttribution.syncNs(problem.table(), flipped) - baseSync,
                        e.objectiveNs(problem.objective()) - base.objectiveNs(problem.objective())));
                assertThat(Explainer.movedAlone(problem, plan, g.id(), o)).contains("the plan loses by");
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"resnet18, EAGER, 8", "resnet18, GRAPH, 8", "resnet50, EAGER, 16", "resnet50, GRAPH, 16"})
    void noResidualAddLeavesTheGpuWhereTheCrossingsCostMoreThanItSaves(String model, GpuTiming timing, int adds) {
        List<Flip> flips = addFlips(model, timing);
        assertThat(flips.stream().map(Flip::group).distinct()).hasSize(adds);
        assertThat(flips).allSatisfy(f -> {
            assertThat(f.from()).as(f.group()).startsWith("gpu:");
            assertThat(f.to()).startsWith("cpu:");
            // what the host saves (negative: it is slower) is less than the crossings it adds
            assertThat(f.savingNs()).as("%s", f).isLessThan(f.crossingNs());
            assertThat(f.netNs()).isEqualTo(f.crossingNs() - f.savingNs());
            if (timing == GpuTiming.EAGER) {
                // each host add reads back at least one GPU tensor: the host waits for the GPU's queue
                assertThat(f.syncNs()).as("%s", f).isPositive();
            } else {
                assertThat(f.syncNs()).isZero();
            }
        });
    }
}
