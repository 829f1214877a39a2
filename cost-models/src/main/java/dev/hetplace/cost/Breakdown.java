package dev.hetplace.cost;

/**
 * Why a group costs what it does, in nanoseconds: compute, memory loads and stores not hidden behind compute,
 * time spent on padded (wasted) work, layout changes inside the kernel and launch / dispatch overhead.
 * {@code usefulFraction} is useful MACs over executed MACs (3/16 for a 3-channel stem on VTA), 1 elsewhere.
 */
public record Breakdown(long computeNs, long loadNs, long storeNs, long paddingWasteNs, long layoutNs, long launchNs,
                        double usefulFraction) {
    public static Breakdown compute(long ns) {
        return new Breakdown(ns, 0, 0, 0, 0, 0, 1.0);
    }
}
