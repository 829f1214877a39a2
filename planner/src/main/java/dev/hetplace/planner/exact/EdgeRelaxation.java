package dev.hetplace.planner.exact;

import dev.hetplace.cost.CostTable;
import dev.hetplace.cost.TensorInfo;
import dev.hetplace.planner.domain.Evaluation;
import dev.hetplace.planner.domain.PlacementProblem;
import dev.hetplace.planner.domain.PlanEvaluator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Lower bounds, and proofs, for graphs too wide for the exact DP (DenseNet's concats, whose inputs feed every later
 * layer of a block). The DP runs over a subset of the edges ({@link Edges}): first each tensor priced at its first
 * consumer only, so every tensor dies young and the DP stays narrow. Its optimum bounds the true optimum from below.
 * Where the relaxed optimum pays less than its true cost, some dropped edge needs a crossing step its kept edges did
 * not pay (or cannot connect at all); those edges are priced again and the DP reruns (constraint generation). The
 * bound never falls from round to round. It stops when the relaxed optimum's true cost meets the bound (proven
 * optimal), when the DP outgrows its budget, or after {@link #MAX_ROUNDS} rounds.
 */
final class EdgeRelaxation {
    static final int MAX_ROUNDS = 64;
    /** Rounds whose added edges made the DP too wide, after which the search stops. */
    static final int MAX_FAILURES = 4;

    private final ExactSolver dp;

    EdgeRelaxation(ExactSolver dp) {
        this.dp = dp;
    }

    /**
     * What the rounds gave: the best true plan among the relaxed optima (null when none was feasible), the
     * highest bound, whether a plan met it, and how far the rounds got.
     */
    record Outcome(int[] choice, long boundNs, boolean proven, int rounds, int pricedEdges, int edges, int peakStates,
                   int peakLabels) {
        String method() {
            return String.format(Locale.ROOT, "DP over a relaxation (%d of %d edges priced)", pricedEdges, edges);
        }

        String describe() {
            return String.format(Locale.ROOT, "relaxation DP (%d rounds, %d of %d edges priced)", rounds, pricedEdges,
                    edges);
        }
    }

    /**
     * The most live tensors the first round keeps: the options of that many producers, with a few crossing-step
     * sets each, fit the DP's state budget.
     */
    static int width(PlacementProblem problem, int maxStates) {
        return Math.max(1, (int) Math.floor(Math.log(maxStates / 8.0) / Math.log(maxOptions(problem))));
    }

    /** The most options any group may take (at least 2). */
    static int maxOptions(PlacementProblem problem) {
        int options = 2;
        for (int g = 0; g < problem.groupCount(); g++) {
            options = Math.max(options, problem.allowed(g).size());
        }
        return options;
    }

    /** The rounds without a gap tolerance's early stop. */
    Outcome search(PlacementProblem problem, long bottleneckUpperBound) {
        return search(problem, bottleneckUpperBound, () -> {
            throw new IllegalStateException("no beam plan without a gap tolerance");
        });
    }

    /** {@code beamPlan}: the beam's plan, asked for only when a round outgrows the budget under a gap tolerance. */
    Outcome search(PlacementProblem problem, long bottleneckUpperBound, Supplier<ExactResult> beamPlan) {
        CostTable t = problem.table();
        int edgeCount = 0;
        for (TensorInfo ti : t.tensors()) {
            edgeCount += ti.consumers().size();
        }
        Edges first = Edges.firstConsumers(t);
        Edges edges = first.capped(t, GroupOrder.narrow(t, first), width(problem, dp.maxStates()));
        long bound = RelaxedBound.of(problem);
        int[] best = null;
        long bestNs = Long.MAX_VALUE;
        int rounds = 0;
        int priced = edgeCount - edges.dropped();
        int peakStates = 0;
        int peakLabels = 0;
        List<int[]> pending = List.of();
        int failures = 0;
        while (rounds < MAX_ROUNDS) {
            Edges tried = pending.isEmpty() ? edges : edges.with(t, pending);
            ExactResult r = dp.runRelaxed(problem, bottleneckUpperBound, tried);
            if (r == null) {
                // the added edges made the DP too wide: add the dearer half of them instead
                if (pending.size() <= 1 || ++failures > MAX_FAILURES || closeEnough(problem, beamPlan, bound)) {
                    break;
                }
                pending = pending.subList(0, pending.size() / 2);
                continue;
            }
            edges = tried;
            rounds++;
            priced = edgeCount - edges.dropped();
            peakStates = Math.max(peakStates, r.peakStates());
            peakLabels = Math.max(peakLabels, r.peakLabels());
            if (!r.found()) {
                // no plan meets the constraints even with edges dropped, so none meets them at all
                return new Outcome(null, Long.MAX_VALUE, true, rounds, priced, edgeCount, peakStates, peakLabels);
            }
            bound = Math.max(bound, r.lowerBoundNs());
            Evaluation e = PlanEvaluator.evaluate(problem, r.choice());
            long ns = e.objectiveNs(problem.objective());
            if (e.feasible() && ns < bestNs) {
                best = r.choice();
                bestNs = ns;
            }
            if (bestNs <= bound) {
                return new Outcome(best, bound, true, rounds, priced, edgeCount, peakStates, peakLabels);
            }
            pending = violated(t, edges, r.choice());
            if (pending.isEmpty()) {
                break;
            }
        }
        return new Outcome(best, bound, false, rounds, priced, edgeCount, peakStates, peakLabels);
    }

    /** Under a gap tolerance: the beam's plan (computed once) lies within it above {@code bound}. */
    private boolean closeEnough(PlacementProblem problem, Supplier<ExactResult> beamPlan, long bound) {
        if (dp.gapTolerance() <= 0) {
            return false;
        }
        ExactResult beam = beamPlan.get();
        if (!beam.found()) {
            return false;
        }
        Evaluation e = PlanEvaluator.evaluate(problem, beam.choice());
        return e.feasible() && e.objectiveNs(problem.objective()) <= bound + (long) Math.floor(bound * dp.gapTolerance());
    }

    /**
     * The dropped edges (tensor, consumer) on which {@code choice} needs a crossing step with a cost that no kept
     * edge of the tensor (nor the host) pays, or cannot connect; the dearest misses first.
     */
    static List<int[]> violated(CostTable t, Edges edges, int[] choice) {
        List<long[]> result = new ArrayList<>();
        for (TensorInfo ti : t.tensors()) {
            List<Integer> kept = edges.consumers(ti.id());
            if (kept.size() == ti.consumers().size()) {
                continue;
            }
            int p = ti.isGraphInput() ? 0 : choice[ti.producer()];
            long paid = ti.graphOutput() ? Math.max(0, t.hostNeedMask(ti.id(), p)) : 0;
            for (int c : kept) {
                long need = t.needMask(ti.id(), c, p, choice[c]);
                if (need != CostTable.INFEASIBLE) {
                    paid |= need;
                }
            }
            for (int c : ti.consumers()) {
                if (kept.contains(c)) {
                    continue;
                }
                long need = t.needMask(ti.id(), c, p, choice[c]);
                long missed = need == CostTable.INFEASIBLE ? Long.MAX_VALUE : t.maskCost(ti.id(), p, need & ~paid);
                if (missed > 0) {
                    result.add(new long[] {missed, ti.id(), c});
                }
            }
        }
        // dearest first, then by tensor and consumer
        result.sort(java.util.Comparator.<long[]>comparingLong(v -> -v[0]).thenComparingLong(v -> v[1])
                .thenComparingLong(v -> v[2]));
        return result.stream().map(v -> new int[] {(int) v[1], (int) v[2]}).toList();
    }
}
