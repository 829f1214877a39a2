package dev.hetplace.planner.testing;

import dev.hetplace.planner.domain.Evaluation;
import dev.hetplace.planner.domain.PlacementProblem;
import dev.hetplace.planner.domain.PlanEvaluator;

/** Enumerates every assignment of allowed options; the oracle's oracle on tiny graphs. */
public final class BruteForce {
    private BruteForce() {
    }

    /** The best feasible objective value, or -1 when none is feasible. */
    public static long best(PlacementProblem p) {
        int n = p.groupCount();
        int[] idx = new int[n];
        int[] choice = new int[n];
        long best = -1;
        while (true) {
            for (int g = 0; g < n; g++) {
                choice[g] = p.allowed(g).get(idx[g]);
            }
            Evaluation e = PlanEvaluator.evaluate(p, choice);
            if (e.feasible()) {
                long v = e.objectiveNs(p.objective());
                if (best < 0 || v < best) {
                    best = v;
                }
            }
            int g = 0;
            while (g < n && ++idx[g] == p.allowed(g).size()) {
                idx[g] = 0;
                g++;
            }
            if (g == n) {
                return best;
            }
        }
    }

    public static long combinations(PlacementProblem p) {
        long c = 1;
        for (int g = 0; g < p.groupCount(); g++) {
            c *= p.allowed(g).size();
            if (c > Long.MAX_VALUE / 16) {
                return Long.MAX_VALUE;
            }
        }
        return c;
    }
}
