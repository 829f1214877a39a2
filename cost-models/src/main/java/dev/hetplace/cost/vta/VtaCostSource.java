package dev.hetplace.cost.vta;

import java.util.Locale;

/** Where VTA group costs come from: the {@code ANALYTICAL} formulas or the {@code SIMULATED} instruction stream. */
public enum VtaCostSource {
    ANALYTICAL, SIMULATED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
