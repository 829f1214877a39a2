package dev.hetplace.backends.vta.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * A uop kernel folded as TVM's FoldUopLoop and {@code VtaUopKernel.fold} do: loops of extent 1 vanish, the two
 * outermost remaining loops become the instruction's hardware loops ({@code out}, {@code in}), the rest are
 * unrolled into uops (innermost fastest).
 */
record VtaUopNest(VtaLoop out, VtaLoop in, List<VtaUop> uops) {

    static VtaUopNest fold(List<VtaLoop> loops, int dst, int src, int wgt) {
        List<VtaLoop> kept = new ArrayList<>();
        for (VtaLoop l : loops) {
            if (l.extent() > 1) {
                kept.add(l);
            }
        }
        VtaLoop out = kept.size() > 0 ? kept.get(0) : VtaLoop.NONE;
        VtaLoop in = kept.size() > 1 ? kept.get(1) : VtaLoop.NONE;
        List<VtaLoop> unrolled = kept.size() > 2 ? kept.subList(2, kept.size()) : List.of();
        List<VtaUop> uops = new ArrayList<>();
        unroll(unrolled, 0, dst, src, wgt, uops);
        return new VtaUopNest(out, in, uops);
    }

    private static void unroll(List<VtaLoop> loops, int depth, int dst, int src, int wgt, List<VtaUop> uops) {
        if (depth == loops.size()) {
            uops.add(new VtaUop(dst, src, wgt));
            return;
        }
        VtaLoop l = loops.get(depth);
        for (int i = 0; i < l.extent(); i++) {
            unroll(loops, depth + 1, dst + i * l.dst(), src + i * l.src(), wgt + i * l.wgt(), uops);
        }
    }

    VtaInstruction.Gemm gemm(boolean reset, int[] range) {
        return new VtaInstruction.Gemm(VtaDeps.NONE, reset, range[0], range[1], out.extent(), in.extent(),
                out.dst(), in.dst(), out.src(), in.src(), out.wgt(), in.wgt());
    }
}
