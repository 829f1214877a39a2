package dev.hetplace.cost;

/** Builds {@link Cost}s whose total is exactly the sum of their breakdown. */
public final class Costs {
    private Costs() {
    }

    public static Cost of(Breakdown b, CostSource source, String note) {
        long total = 0;
        for (long part : new long[] {b.computeNs(), b.loadNs(), b.storeNs(), b.paddingWasteNs(), b.layoutNs(),
                b.launchNs()}) {
            total = part > Cost.MAX_NS || total > Cost.MAX_NS ? Long.MAX_VALUE : total + part;
        }
        return new Cost(total, b, source, note);
    }

    public static long ns(double microseconds) {
        return Math.max(0, Math.round(microseconds * 1000.0));
    }

    /**
     * A roofline split: compute and memory overlap, so the longer of the two counts; the part of memory time
     * not hidden behind compute is split into load and store by their byte shares.
     */
    public static Breakdown roofline(long computeNs, long memoryNs, long loadBytes, long storeBytes, long launchNs,
                                     long extraNs) {
        long exposed = Math.max(0, memoryNs - computeNs);
        long total = loadBytes + storeBytes;
        long load = total == 0 ? exposed : Math.round(exposed * (double) loadBytes / total);
        return new Breakdown(computeNs + extraNs, load, exposed - load, 0, 0, launchNs, 1.0);
    }
}
