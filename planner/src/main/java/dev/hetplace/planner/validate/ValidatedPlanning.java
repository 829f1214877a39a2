package dev.hetplace.planner.validate;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.hw.Platform;
import dev.hetplace.planner.domain.PlacementProblem;
import dev.hetplace.planner.domain.Plan;
import dev.hetplace.planner.solve.PlanRequest;
import dev.hetplace.planner.solve.Planner;
import java.util.ArrayList;
import java.util.List;

/**
 * Validation that holds the accuracy budget. The planner adds the groups' measured noise as if their errors were
 * independent; they are only nearly so, and a plan packed up to its budget can measure slightly below it. When the
 * executed plan falls short, the noise budget is scaled down by the ratio of measured to predicted noise (and below
 * the plan's own prediction), the problem solved again and the new plan executed, at most {@code maxReplans} times
 * ({@code --replans}, default {@link #DEFAULT_MAX_REPLANS}; 0 leaves the plan as the planner chose it). The last plan
 * and its problem are returned with the earlier plans' measurements; whether it meets the budget is the caller's
 * verdict ({@link Validation#meets}).
 */
public final class ValidatedPlanning {
    public static final int DEFAULT_MAX_REPLANS = 3;

    /** The problem as last solved (its noise budget possibly tightened), its plan and that plan's validation. */
    public record Outcome(PlacementProblem problem, Plan plan, Validation validation) {
    }

    private ValidatedPlanning() {
    }

    public static Outcome validate(PlacementProblem problem, Plan plan, PlanRequest request, Platform platform,
                                   CalibratedModel model, PlanExecution vta, int maxReplans,
                                   Parallel par) {
        Validation v = PlanValidator.validate(plan, platform, model, vta, par);
        List<Double> rejected = new ArrayList<>();
        long extraNs = 0;
        while (request.minSqnrDb() != null && v.measuredSqnrDb() < request.minSqnrDb()
                && rejected.size() < maxReplans && plan.evaluation().noisePpb() > 0) {
            long t0 = System.nanoTime();
            long predicted = plan.evaluation().noisePpb();
            double measured = 1e9 * Math.pow(10, -v.measuredSqnrDb() / 10);
            long budget = Math.min((long) Math.floor(problem.noiseBudgetPpb() * predicted / measured), predicted - 1);
            rejected.add(v.measuredSqnrDb());
            extraNs += v.nanos();
            problem = problem.toBuilder().noiseBudgetPpb(Math.max(0, budget)).build();
            plan = Planner.solve(problem, request);
            extraNs += System.nanoTime() - t0;
            v = PlanValidator.validate(plan, platform, model, vta, par);
        }
        return new Outcome(problem, plan, rejected.isEmpty() ? v : v.after(rejected, extraNs));
    }
}
