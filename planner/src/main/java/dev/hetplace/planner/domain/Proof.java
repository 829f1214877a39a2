package dev.hetplace.planner.domain;

import java.util.Locale;

/**
 * What proves a plan optimal: the exact DP explored every state ({@code DP_EXACT}), or the plan's objective meets a
 * lower bound on the optimum ({@code BOUND_MET}: a DP beam's or Timefold's plan can land on it); {@code NONE}: not
 * proven, the gap to the bound says how far it may be.
 */
public enum Proof {
    DP_EXACT, BOUND_MET, NONE;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
