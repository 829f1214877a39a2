package dev.hetplace.planner.exact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.ir.onnx.ShippedModels;
import dev.hetplace.planner.domain.PlacementProblem;
import dev.hetplace.planner.domain.Plan;
import dev.hetplace.planner.domain.PlanEvaluator;
import dev.hetplace.planner.run.PlacementRunner;
import dev.hetplace.planner.run.PlacementSpec;
import dev.hetplace.planner.solve.PlanRequest;
import dev.hetplace.planner.solve.Planner;
import dev.hetplace.planner.solve.SolverKind;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exact solvers on real graphs: {@code --solver auto} proves optimality on the shipped ONNX files (GoogLeNet's
 * concats included) and on the zoo's bert-base, and CP-SAT, started from nothing, reaches the same optimum to the
 * nanosecond. The optima are pinned.
 */
class ExactOnRealModelsTest {

    private static PlacementProblem problem(String model, String targets) {
        PlacementSpec spec = PlacementSpec.of(model, List.of(targets.split(",")), PlanRequest.latency());
        return Planner.problem(PlacementRunner.price(spec).table(), spec.request());
    }

    private static String model(String name) {
        if (name.startsWith("corpus/")) {
            return ShippedModels.corpus(name.substring("corpus/".length())).toString();
        }
        return name.endsWith(".onnx") ? ShippedModels.path(name).toString() : name;
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
        "googlenet.onnx, 'cpu,vta', 130846616", // 123367505 before TVM's VTA runtime overhead was priced
        "googlenet.onnx, 'cpu,gpu', 1924173",
        "mobilenet_v2.onnx, 'cpu,gpu', 1555715",
        "bert-base, 'cpu,gpu', 7603201",
        // too wide for the full DP; the DP over a relaxation proves them
        "corpus/efficientnet_b0.onnx, 'cpu,gpu', 3556710",
        "corpus/efficientnet_v2_s.onnx, 'cpu,gpu', 8262744",
        "corpus/inception_v3.onnx, 'cpu,gpu', 4813781",
        "corpus/lraspp_mobilenet_v3_large.onnx, 'cpu,gpu', 2586108",
        "corpus/maxvit_t.onnx, 'cpu,gpu', 16205286",
    })
    void autoProvesOptimality(String name, String targets, long optimumNs) {
        Plan plan = Planner.solve(problem(model(name), targets), PlanRequest.latency());
        assertThat(plan.optimal()).as("%s proven (%s)", name, plan.solver()).isTrue();
        assertThat(plan.objectiveNs()).as(name).isEqualTo(optimumNs);
    }

    /**
     * DenseNet-121 on x86-h200: the DP over a relaxation (concat inputs priced at their first readers, the edges its
     * optimum under-prices priced again, as far as the DP's state budget allows) bounds the optimum within 0.6% of the
     * DP's plan; the crossing-free bound is 34% below it.
     */
    @org.junit.jupiter.api.Test
    void denseNetWithinOnePercent() {
        PlacementProblem p = problem(model("corpus/densenet121.onnx"), "cpu,gpu");
        ExactResult r = new ExactSolver(20_000, ExactSolver.DEFAULT_MAX_LABELS).solve(p);
        long objective = PlanEvaluator.evaluate(p, r.choice()).objectiveNs(p.objective());
        assertThat(RelaxedBound.of(p)).isEqualTo(3825017);
        assertThat(r.lowerBoundNs()).as(r.boundMethod()).isEqualTo(5778598);
        assertThat(objective).isEqualTo(5811576);
        assertThat((objective - r.lowerBoundNs()) / (double) r.lowerBoundNs()).isLessThan(0.006);
    }

    /**
     * {@code --solver auto} on DenseNet-121 x86-h200 keeps the DP's plan, 0.57% above the relaxation's bound, and
     * runs neither CP-SAT nor Timefold (before: 80 s more for the same plan).
     */
    @org.junit.jupiter.api.Test
    void autoKeepsADenseNetPlanWithinOnePercent() {
        Plan plan = Planner.solve(problem(model("corpus/densenet121.onnx"), "cpu,gpu"), PlanRequest.latency());
        assertThat(plan.optimal()).isFalse();
        assertThat(plan.objectiveNs()).isEqualTo(5811576);
        assertThat(plan.lowerBoundNs()).isEqualTo(5778598);
        assertThat(plan.gap()).isLessThanOrEqualTo(0.01);
        assertThat(plan.solver()).startsWith("DP beam and relaxation DP")
                .contains("within 1% of its bound: CP-SAT and Timefold not run").doesNotContain("CP-SAT optimal");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
        "googlenet.onnx, 'cpu,vta'",
        "googlenet.onnx, 'cpu,gpu'",
        "squeezenet1_1.onnx, 'cpu,vta'",
        "squeezenet1_1.onnx, 'cpu,gpu'"
    })
    void cpSatFromNothingMeetsTheDpToTheNanosecond(String name, String targets) {
        PlacementProblem p = problem(model(name), targets);
        Plan plan = Planner.solve(p, PlanRequest.builder().solver(SolverKind.EXACT).seed(0).build());
        CpSatResult cp = new CpSatSolver(120, 2, 0).solve(p, null);
        assertThat(cp.optimal()).as("%s CP-SAT %s", name, cp.status()).isTrue();
        assertThat(PlanEvaluator.evaluate(p, cp.choice()).objectiveNs(p.objective())).as(name).isEqualTo(plan.objectiveNs());
        assertThat(cp.lowerBoundNs()).as(name).isEqualTo(plan.objectiveNs());
    }
}
