package dev.hetplace.experiments.spec;

import dev.hetplace.planner.setting.Setting;
import dev.hetplace.planner.setting.Wording;

/**
 * A sweep's wording of the settings the planner's messages name: the sweep spec's keys, which is what a sweep user
 * typed (the spec reader's refusals and the rows' {@code error} and {@code solver} texts say them).
 */
public final class SpecKeys {
    public static final Wording WORDING = SpecKeys::key;

    private SpecKeys() {
    }

    static String key(Setting s) {
        return switch (s) {
            case MODEL -> "model";
            case PIN -> "pins";
            case TVM_COMPATIBLE -> "tvmCompatible";
            case MIN_SQNR -> "minSqnrDb";
            case SOLVER -> "solver";
            case NO_DP_SEED -> "solver " + SweepSolver.TIMEFOLD_NOSEED.id();
            case VALIDATE -> "validate";
            case NOISE -> "noise";
            case PRECISIONS -> "precisions";
            case WEIGHTS -> "weights";
            // a sweep has no key for these (it neither exports, measures nor lists): their plain names
            case EXPORT, MEASURE, COST, MODELS -> Wording.PLAIN.name(s);
        };
    }
}
