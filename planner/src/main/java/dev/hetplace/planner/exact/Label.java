package dev.hetplace.planner.exact;

/** A partial plan reaching a DP state: its accumulated figures and the way back to its choices. */
record Label(long latency, long[] busy, long noise, long[] memory, Label parent, int option) {

    long bottleneck() {
        long m = 0;
        for (long b : busy) {
            m = Math.max(m, b);
        }
        return m;
    }

    /** True when this label is at least as good as {@code o} in every figure that matters. */
    boolean dominates(Label o, boolean useBusy, boolean useLatency, boolean useNoise, boolean useMemory) {
        if (useLatency && latency > o.latency) {
            return false;
        }
        if (useNoise && noise > o.noise) {
            return false;
        }
        if (useBusy) {
            for (int i = 0; i < busy.length; i++) {
                if (busy[i] > o.busy[i]) {
                    return false;
                }
            }
            if (!useLatency && java.util.Arrays.equals(busy, o.busy) && latency > o.latency) {
                return false;
            }
        }
        if (useMemory) {
            for (int i = 0; i < memory.length; i++) {
                if (memory[i] > o.memory[i]) {
                    return false;
                }
            }
        }
        return true;
    }
}
