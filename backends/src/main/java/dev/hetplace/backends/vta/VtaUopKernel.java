package dev.hetplace.backends.vta;

/**
 * One micro-op kernel of a thread: a GEMM or ALU instruction runs {@code uops} micro-ops inside a two-level
 * hardware loop {@code extentOut x extentIn}. {@code loops} names the loop nest outermost first, e.g.
 * {@code w,kw | kh,co,h}: the loops left of the bar are the hardware loops, those right of it are unrolled
 * into uops (loops of extent 1 dropped). The uops are DMA-loaded once per layer into the uop buffer.
 */
public record VtaUopKernel(String name, int extentOut, int extentIn, int uops, String loops) {

    /** Uop executions per instruction: one vector or matrix op each. */
    public long opsPerInstruction() {
        return (long) extentOut * extentIn * uops;
    }

    /**
     * Folds a loop nest as TVM's FoldUopLoop does: loops of extent 1 vanish, the two outermost remaining loops
     * become the hardware loops, the rest are unrolled into uops.
     */
    static VtaUopKernel fold(String name, int[] extents, String[] loopNames) {
        int[] folded = foldedExtents(extents);
        StringBuilder loops = new StringBuilder();
        int n = 0;
        for (int i = 0; i < extents.length; i++) {
            if (extents[i] > 1) {
                if (n == 2) {
                    loops.append(" |");
                }
                loops.append(n == 0 || n == 2 ? " " : ",").append(loopNames[i]);
                n++;
            }
        }
        if (n <= 2) {
            loops.append(" |");
        }
        return new VtaUopKernel(name, folded[0], folded[1], folded[2], loops.toString().trim());
    }

    /** {@link #fold}'s hardware loop extents and uops {@code {extentOut, extentIn, uops}}, without naming loops. */
    static int[] foldedExtents(int... extents) {
        int out = 1;
        int in = 1;
        int uops = 1;
        int n = 0;
        for (int e : extents) {
            if (e > 1) {
                if (n == 0) {
                    out = e;
                } else if (n == 1) {
                    in = e;
                } else {
                    uops *= e;
                }
                n++;
            }
        }
        return new int[] {out, in, uops};
    }
}
