package dev.hetplace.backends.vta.sim;

import dev.hetplace.backends.vta.VtaPlan;
import dev.hetplace.backends.vta.VtaSchedule;
import dev.hetplace.backends.vta.VtaUnsupportedException;

/** Refusals before lowering: a configuration whose buffers cannot hold one block, a plan that overflows them. */
final class VtaSchedulePlanCheck {
    private VtaSchedulePlanCheck() {
    }

    static void requireFits(String group, VtaPlan plan) {
        VtaSchedule.requireHoldsOneBlock(group, plan.config());
        String limit = plan.buffers().overflow(plan.config());
        if (limit != null) {
            throw new VtaUnsupportedException(group, limit, "tiling " + plan.tiling().note() + " does not fit");
        }
    }
}
