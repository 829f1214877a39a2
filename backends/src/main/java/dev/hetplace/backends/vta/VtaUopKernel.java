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
        int[] kept = new int[extents.length];
        String[] keptNames = new String[extents.length];
        int n = 0;
        for (int i = 0; i < extents.length; i++) {
            if (extents[i] > 1) {
                kept[n] = extents[i];
                keptNames[n++] = loopNames[i];
            }
        }
        int out = n > 0 ? kept[0] : 1;
        int in = n > 1 ? kept[1] : 1;
        int uops = 1;
        StringBuilder loops = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i >= 2) {
                uops *= kept[i];
            }
            if (i == 2) {
                loops.append(" |");
            }
            loops.append(i == 0 || i == 2 ? " " : ",").append(keptNames[i]);
        }
        if (n <= 2) {
            loops.append(" |");
        }
        return new VtaUopKernel(name, out, in, uops, loops.toString().trim());
    }
}
