package dev.hetplace.planner.explain;

import dev.hetplace.cost.Option;
import dev.hetplace.planner.domain.Evaluation;
import dev.hetplace.planner.domain.PlacementProblem;
import dev.hetplace.planner.domain.PlanEvaluator;
import dev.hetplace.planner.domain.Violation;
import java.util.Locale;

/** One short phrase per group saying why its choice won, from single-group flips priced on the same table. */
public final class Reasons {
    private Reasons() {
    }

    /** {@code base} is the evaluation of {@code choice} (the plan's own, evaluated once for all groups). */
    public static String of(PlacementProblem p, int[] choice, Evaluation base, int group) {
        int fastest = -1;
        long best = Long.MAX_VALUE;
        for (int o : p.allowed(group)) {
            long ns = p.option(group, o).cost().timeNs();
            if (ns < best) {
                best = ns;
                fastest = o;
            }
        }
        if (p.allowed(group).size() == 1) {
            return p.table().options(group).size() == 1 ? "only choice" : "only allowed choice";
        }
        if (fastest == choice[group]) {
            return "fastest";
        }
        Option alt = p.option(group, fastest);
        int[] flipped = choice.clone();
        flipped[group] = fastest;
        Evaluation e = PlanEvaluator.evaluate(p, flipped);
        if (!e.feasible()) {
            return alt.choice() + " breaks " + (e.broken().kind() == Violation.Kind.ACCURACY_BUDGET
                    ? "the accuracy budget" : e.violation());
        }
        long delta = e.objectiveNs(p.objective()) - base.objectiveNs(p.objective());
        String why = e.crossingNs() > base.crossingNs() ? "crossings" : p.objective().id();
        return String.format(Locale.ROOT, "%s: %s would be %+.1f us overall", why, alt.choice(), delta / 1000.0);
    }
}
