package dev.hetplace.backends.vta;

import java.util.List;

/** The knob space, buffer use, bound and cycle model of one workload on one configuration. */
interface VtaTilingModel {

    /** Every knob setting the template allows for these extents (splits by divisors), fitting or not. */
    List<VtaTiling> space();

    /** Whether {@code t} is one of {@link #space()} (checked without building the space). */
    boolean inSpace(VtaTiling t);

    VtaBufferUse buffers(VtaTiling t);

    /** A limit other than buffer capacity that the tiling breaks (an instruction field too narrow), or null. */
    String fieldOverflow(VtaTiling t);

    /** Cycles no evaluation of {@code t} can go below (for pruning the search). */
    long lowerBound(VtaTiling t);

    VtaPlan evaluate(VtaTiling t);

    static java.util.List<Integer> divisors(int n) {
        java.util.List<Integer> d = new java.util.ArrayList<>();
        for (int i = 1; i <= n; i++) {
            if (n % i == 0) {
                d.add(i);
            }
        }
        return d;
    }
}
