package dev.hetplace.cost;

import java.util.Locale;

/** A cost above {@link Cost#MAX_NS}: the profile or measurement figures behind it are out of range. */
public final class CostOutOfRangeException extends IllegalArgumentException {
    public CostOutOfRangeException(long ns) {
        super(String.format(Locale.ROOT, "costs %s, above the %.0e ns (11.6 days) a cost may reach: a clock, throughput"
                + " or bandwidth figure is out of range", ns == Long.MAX_VALUE ? "more than 2^63 ns" : ns + " ns",
                (double) Cost.MAX_NS));
    }
}
