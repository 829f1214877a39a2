package dev.hetplace.planner.solve;

import dev.hetplace.planner.domain.Objective;
import dev.hetplace.planner.domain.Pin;
import dev.hetplace.planner.setting.Wording;
import java.util.List;

/**
 * What the user asks of the planner beyond the cost table: objective, accuracy budget ({@code minSqnrDb}, null for
 * none), pins, TVM compatibility, whether device memory capacity is enforced, the solver and its seed, and how the
 * front end that asks words the settings the planner's messages name.
 */
public record PlanRequest(Objective objective, Double minSqnrDb, List<Pin> pins, boolean tvmCompatible,
                          boolean enforceMemory, SolverKind solver, long seed, boolean dpSeed, int timefoldSteps,
                          Wording wording) {
    /** Local search steps Timefold takes when the request does not say. */
    public static final int DEFAULT_TIMEFOLD_STEPS = 1000;

    /** The highest accuracy budget accepted: beyond fp32's own rounding noise (about 140 dB) nothing is feasible. */
    public static final double MAX_SQNR_DB = 300;

    public PlanRequest {
        String budgetProblem = budgetProblem(minSqnrDb);
        if (budgetProblem != null) {
            throw new IllegalArgumentException("the accuracy budget " + budgetProblem);
        }
        pins = List.copyOf(pins);
        if (timefoldSteps < 1) {
            throw new IllegalArgumentException("Timefold needs at least 1 step, got " + timefoldSteps);
        }
    }

    /**
     * What is wrong with an accuracy budget (null when nothing is): it must be finite, above 0 dB (at 0 dB the
     * noise is as loud as the signal) and at most {@value #MAX_SQNR_DB} dB.
     */
    public static String budgetProblem(Double db) {
        if (db == null) {
            return null;
        }
        if (db.isNaN() || db.isInfinite()) {
            return "must be a finite number of dB";
        }
        if (db <= 0 || db > MAX_SQNR_DB) {
            return "must be above 0 and at most " + (int) MAX_SQNR_DB + " dB (0 dB: noise as loud as the signal), got "
                    + db;
        }
        return null;
    }

    /** The latency objective, no budget, pins or TVM rule, memory enforced, {@code --solver auto} with seed 0. */
    public static PlanRequest latency() {
        return builder().build();
    }

    /** A builder starting from {@link #latency()}'s values. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's values. */
    public Builder toBuilder() {
        return builder().objective(objective).minSqnrDb(minSqnrDb).pins(pins).tvmCompatible(tvmCompatible)
                .enforceMemory(enforceMemory).solver(solver).seed(seed).dpSeed(dpSeed).timefoldSteps(timefoldSteps)
                .wording(wording);
    }

    /** Collects a request's values; {@link #build()} checks them and gives the immutable request. */
    public static final class Builder {
        private Objective objective = Objective.LATENCY;
        private Double minSqnrDb;
        private List<Pin> pins = List.of();
        private boolean tvmCompatible;
        private boolean enforceMemory = true;
        private SolverKind solver = SolverKind.AUTO;
        private long seed;
        private boolean dpSeed = true;
        private int timefoldSteps = DEFAULT_TIMEFOLD_STEPS;
        private Wording wording = Wording.PLAIN;

        private Builder() {
        }

        public Builder objective(Objective o) {
            objective = o;
            return this;
        }

        /** The accuracy budget in dB; null: none. */
        public Builder minSqnrDb(Double db) {
            minSqnrDb = db;
            return this;
        }

        public Builder pins(List<Pin> p) {
            pins = p;
            return this;
        }

        public Builder tvmCompatible(boolean on) {
            tvmCompatible = on;
            return this;
        }

        public Builder enforceMemory(boolean on) {
            enforceMemory = on;
            return this;
        }

        public Builder solver(SolverKind s) {
            solver = s;
            return this;
        }

        public Builder seed(long s) {
            seed = s;
            return this;
        }

        /** Whether Timefold starts from the DP's plan. */
        public Builder dpSeed(boolean on) {
            dpSeed = on;
            return this;
        }

        public Builder timefoldSteps(int steps) {
            timefoldSteps = steps;
            return this;
        }

        /** How the front end spells the settings messages name ({@link Wording#PLAIN} unless it says). */
        public Builder wording(Wording w) {
            wording = w;
            return this;
        }

        public PlanRequest build() {
            return new PlanRequest(objective, minSqnrDb, pins, tvmCompatible, enforceMemory, solver, seed, dpSeed,
                    timefoldSteps, wording);
        }
    }
}
