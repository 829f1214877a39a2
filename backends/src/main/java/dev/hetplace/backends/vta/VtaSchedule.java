package dev.hetplace.backends.vta;

import dev.hetplace.hw.VtaConfig;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * VTA's schedule for conv2d, dense and ALU-only workloads: pads channels to BLOCK_IN / BLOCK_OUT and batch to
 * BATCH, searches the AutoTVM knob space of TVM's {@code conv2d_packed} / {@code dense_packed} templates
 * (2-way splits by divisors, oc / h virtual threads), keeps the tilings whose tiles fit the input, weight,
 * accumulator, output and uop buffers (every virtual thread holding its own tiles), and picks the one with the
 * fewest modelled cycles (ties: the first in knob-space order). The chosen {@link VtaPlan} is the single source
 * of the tiling, loop structure and counts that a lowering to VTA instructions follows.
 */
public final class VtaSchedule {
    private static final int POSITION_BITS = 24;
    private static final long POSITION_MASK = (1L << POSITION_BITS) - 1;
    private static final long MAX_PACKED_BOUND = Long.MAX_VALUE >>> POSITION_BITS;

    private final VtaTimingConstants timing;

    public VtaSchedule() {
        this(VtaTimingConstants.DEFAULT);
    }

    public VtaSchedule(VtaTimingConstants timing) {
        this.timing = timing;
    }

    public VtaTimingConstants timing() {
        return timing;
    }

    /** The fastest fitting tiling of {@code w} on {@code c}; refuses (naming {@code group}) when none fits. */
    public VtaPlan plan(String group, VtaWorkload w, VtaConfig c) {
        requireHoldsOneBlock(group, c);
        VtaTilingModel model = model(group, w, c);
        List<VtaTiling> space = model.space();
        int[] fitting = new int[space.size()];
        long[] bounds = new long[space.size()];
        int n = 0;
        String firstLimit = null;
        for (int i = 0; i < space.size(); i++) {
            VtaTiling t = space.get(i);
            String limit = limitOf(model, t, c);
            if (limit == null) {
                fitting[n] = i;
                bounds[n++] = model.lowerBound(t);
            } else if (firstLimit == null) {
                firstLimit = limit;
            }
        }
        if (n == 0) {
            throw new VtaUnsupportedException(group, firstLimit,
                    "no tiling fits, not even the smallest tile of the " + space.size() + " in the knob space");
        }
        VtaPlan best = null;
        int bestIndex = Integer.MAX_VALUE;
        for (int k : byBound(bounds, n)) {
            int index = fitting[k];
            if (best != null && bounds[k] > best.cycles().total()) {
                break;
            }
            VtaPlan p = model.evaluate(space.get(index));
            long total = p.cycles().total();
            if (best == null || total < best.cycles().total()
                    || (total == best.cycles().total() && index < bestIndex)) {
                best = p;
                bestIndex = index;
            }
        }
        return best;
    }

    /** The plan of one given tiling (e.g. a tuned AutoTVM config); refuses when it does not fit. */
    public VtaPlan evaluate(String group, VtaWorkload w, VtaConfig c, VtaTiling t) {
        requireHoldsOneBlock(group, c);
        VtaTilingModel model = model(group, w, c);
        if (!model.inSpace(t)) {
            throw new VtaUnsupportedException(group, "knob space", "tiling " + t.note()
                    + " does not split this workload's blocked extents");
        }
        String limit = limitOf(model, t, c);
        if (limit != null) {
            throw new VtaUnsupportedException(group, limit, "tiling " + t.note() + " does not fit");
        }
        return model.evaluate(t);
    }

    /** Every tiling of the knob space that fits {@code c}'s buffers and instruction fields, in knob-space order. */
    public List<VtaTiling> fittingTilings(String group, VtaWorkload w, VtaConfig c) {
        requireHoldsOneBlock(group, c);
        VtaTilingModel model = model(group, w, c);
        return model.space().stream().filter(t -> limitOf(model, t, c) == null).toList();
    }

    /** Whether {@code t} is in the knob space of {@code w} and fits {@code c}. */
    public boolean fits(VtaWorkload w, VtaConfig c, VtaTiling t) {
        VtaTilingModel model = model("?", w, c);
        return model.inSpace(t) && limitOf(model, t, c) == null;
    }

    public VtaBufferUse buffers(VtaWorkload w, VtaConfig c, VtaTiling t) {
        return model("?", w, c).buffers(t);
    }

    /**
     * Refuses a configuration whose buffers cannot hold one block: one input entry (BATCH x BLOCK_IN), one weight
     * entry (BLOCK_OUT x BLOCK_IN), one accumulator and output entry (BATCH x BLOCK_OUT) and one uop.
     */
    public static void requireHoldsOneBlock(String group, VtaConfig c) {
        check(group, "inp", c.inpEntries(), 1L << c.logInpBuffSize(), c.inpEntryBytes());
        check(group, "wgt", c.wgtEntries(), 1L << c.logWgtBuffSize(), c.wgtEntryBytes());
        check(group, "acc", c.accEntries(), 1L << c.logAccBuffSize(), c.accEntryBytes());
        check(group, "uop", c.uopEntries(), 1L << c.logUopBuffSize(), VtaConfig.UOP_BYTES);
        if (c.memoryPortBits() < 8 || c.clockMHz() <= 0) {
            throw new VtaUnsupportedException(group, "memoryPortBits >= 8, clockMHz > 0",
                    "configuration has memoryPortBits " + c.memoryPortBits() + " and clockMHz " + c.clockMHz());
        }
    }

    private static void check(String group, String buffer, int entries, long bytes, int entryBytes) {
        if (entries < 1) {
            throw new VtaUnsupportedException(group, buffer + " buffer of " + bytes + " bytes",
                    "the " + buffer + " buffer cannot hold one block of " + entryBytes + " bytes");
        }
    }

    private static String limitOf(VtaTilingModel model, VtaTiling t, VtaConfig c) {
        String limit = model.buffers(t).overflow(c);
        return limit != null ? limit : model.fieldOverflow(t);
    }

    private VtaTilingModel model(String group, VtaWorkload w, VtaConfig c) {
        if (w instanceof VtaConvWorkload conv) {
            int maxPad = Math.max(Math.max(conv.padTop(), conv.padBottom()),
                    Math.max(conv.padLeft(), conv.padRight()));
            if (maxPad > VtaDma.MAX_PAD) {
                throw new VtaUnsupportedException(group, "LOAD pad field " + VtaDma.MAX_PAD,
                        "padding " + maxPad + " does not fit the 4-bit pad field");
            }
            return new VtaConvModel(conv, c, timing);
        }
        if (w instanceof VtaDenseWorkload dense) {
            return new VtaDenseModel(dense, c, timing);
        }
        return new VtaAluModel((VtaAluWorkload) w, c, timing);
    }

    /**
     * Positions {@code 0..n-1} ordered by bound, ties by position (the fitting tilings are in knob-space order).
     * The search visits every fitting tiling's bound, so this sorts primitive keys {@code bound << 24 | position}
     * where they fit in a long, and boxed positions otherwise.
     */
    private static int[] byBound(long[] bounds, int n) {
        int[] order = new int[n];
        boolean packable = n <= POSITION_MASK;
        for (int k = 0; k < n && packable; k++) {
            packable = bounds[k] >= 0 && bounds[k] <= MAX_PACKED_BOUND;
        }
        if (packable) {
            long[] keys = new long[n];
            for (int k = 0; k < n; k++) {
                keys[k] = bounds[k] << POSITION_BITS | k;
            }
            Arrays.sort(keys);
            for (int k = 0; k < n; k++) {
                order[k] = (int) (keys[k] & POSITION_MASK);
            }
            return order;
        }
        Integer[] boxed = new Integer[n];
        for (int k = 0; k < n; k++) {
            boxed[k] = k;
        }
        Arrays.sort(boxed, Comparator.<Integer>comparingLong(k -> bounds[k]).thenComparingInt(k -> k));
        for (int k = 0; k < n; k++) {
            order[k] = boxed[k];
        }
        return order;
    }
}
