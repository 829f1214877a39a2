package dev.hetplace.planner.explain;

import dev.hetplace.hw.Choice;
import java.util.function.DoubleFunction;

/**
 * Finds how far one numeric profile parameter must move before a group's decision flips: bisection on a
 * logarithmic scale between the current value and {@code current * factorLimit} (or {@code / factorLimit}).
 * {@code decisionAt} re-prices and re-solves at a parameter value and returns the group's choice there.
 */
public final class BreakEven {
    private BreakEven() {
    }

    /** The flip point, or a result with {@code flips == false} when none lies within the factor limit. */
    public static Result find(String parameter, double current, boolean upward, double factorLimit,
                              DoubleFunction<Choice> decisionAt) {
        Choice now = decisionAt.apply(current);
        double far = upward ? current * factorLimit : current / factorLimit;
        Choice atFar = decisionAt.apply(far);
        if (atFar.equals(now)) {
            return new Result(parameter, current, far, false, now, now);
        }
        double lo = current;
        double hi = far;
        Choice flipped = atFar;
        for (int i = 0; i < 24 && Math.abs(Math.log(hi / lo)) > 1e-3; i++) {
            double mid = Math.sqrt(lo * hi);
            Choice c = decisionAt.apply(mid);
            if (c.equals(now)) {
                lo = mid;
            } else {
                hi = mid;
                flipped = c;
            }
        }
        return new Result(parameter, current, hi, true, now, flipped);
    }

    /** {@code threshold}: the first value (within 0.1%) at which the group takes {@code flippedTo}. */
    public record Result(String parameter, double current, double threshold, boolean flips, Choice now,
                         Choice flippedTo) {
        public double factor() {
            return threshold / current;
        }
    }
}
