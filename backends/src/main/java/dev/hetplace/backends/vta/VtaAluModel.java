package dev.hetplace.backends.vta;

import dev.hetplace.hw.VtaConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * ALU-only work on blocked tensors [b, c, h, w, BATCH, BLOCK_OUT], tiled like the output of
 * {@code conv2d_packed} (tile_h, tile_w, tile_co, oc_nthread, h_nthread; tile_ci unused):
 * <pre>
 * for b in B/BATCH, h0, co0, w0:              (one tile group, one tile per virtual thread)
 *   per thread: LOAD ACC every tensor operand, one 2-D region per channel block
 *               ALU steps over the tile (one uop each), STORE one 2-D region per channel block
 * </pre>
 * VTA's load module only fills the input and weight buffers; accumulator loads go through the compute module,
 * so here loads never overlap the ALU, and virtual threads only overlap stores. An accumulator load reads
 * ACC_WIDTH (int32) elements: each operand moves four bytes per element.
 */
final class VtaAluModel implements VtaTilingModel {
    private final VtaAluWorkload w;
    private final VtaConfig c;
    private final VtaDma dma;
    private final int bb;
    private final int cb;

    VtaAluModel(VtaAluWorkload w, VtaConfig c, VtaTimingConstants k) {
        this.w = w;
        this.c = c;
        this.dma = new VtaDma(k, c);
        this.bb = VtaConvModel.ceilDiv(w.batch(), c.batch());
        this.cb = VtaConvModel.ceilDiv(w.channels(), c.blockOut());
    }

    @Override
    public List<VtaTiling> space() {
        List<VtaTiling> all = new ArrayList<>();
        for (int th : VtaTilingModel.divisors(w.height())) {
            for (int tw : VtaTilingModel.divisors(w.width())) {
                for (int tco : VtaTilingModel.divisors(cb)) {
                    for (int ocT = 1; ocT <= 2; ocT++) {
                        for (int hT = 1; hT <= 2; hT++) {
                            if ((cb / tco) % ocT == 0 && (w.height() / th) % hT == 0) {
                                all.add(new VtaTiling(new VtaSplit(bb, 1), VtaSplit.ofTile(w.height(), th),
                                        VtaSplit.ofTile(w.width(), tw), new VtaSplit(1, 1),
                                        VtaSplit.ofTile(cb, tco), ocT, hT));
                            }
                        }
                    }
                }
            }
        }
        return all;
    }

    @Override
    public boolean inSpace(VtaTiling t) {
        return t.tileB().equals(new VtaSplit(bb, 1)) && t.tileH().extent() == w.height()
                && t.tileW().extent() == w.width() && t.tileCi().equals(new VtaSplit(1, 1))
                && t.tileCo().extent() == cb && t.tileCo().outer() % t.ocNthread() == 0
                && t.tileH().outer() % t.hNthread() == 0;
    }

    private static long entries(VtaTiling t) {
        return (long) t.tileCo().inner() * t.tileH().inner() * t.tileW().inner();
    }

    private List<VtaUopKernel> kernels(VtaTiling t) {
        List<VtaUopKernel> ks = new ArrayList<>();
        for (VtaAluStep s : w.aluSteps()) {
            String name = "alu " + s.opcode().name().toLowerCase(java.util.Locale.ROOT) + " " + s.purpose();
            ks.add(new VtaUopKernel(name, (int) entries(t), 1, 1, "e |"));
        }
        return ks;
    }

    @Override
    public VtaBufferUse buffers(VtaTiling t) {
        long threads = t.threads();
        long e = entries(t);
        return new VtaBufferUse(0, 0, threads * w.tensorOperands() * e, threads * e,
                threads * w.aluSteps().size());
    }

    @Override
    public String fieldOverflow(VtaTiling t) {
        if (entries(t) > VtaDma.MAX_LOOP_EXTENT) {
            return "uop loop extent " + VtaDma.MAX_LOOP_EXTENT;
        }
        if ((long) t.tileH().inner() * w.width() > VtaDma.MAX_DMA_EXTENT) {
            return "DMA x_size " + VtaDma.MAX_DMA_EXTENT;
        }
        return null;
    }

    /** One channel block's 2-D region of the tile, moved with {@code entryBytes} per entry. */
    private long region(VtaTiling t, long entryBytes) {
        int th = t.tileH().inner();
        int tw = t.tileW().inner();
        return tw == w.width() ? dma.transfer(1, th * tw * entryBytes, 0) : dma.transfer(th, tw * entryBytes, 0);
    }

    private long computePerTile(VtaTiling t) {
        long cycles = (long) w.tensorOperands() * t.tileCo().inner() * region(t, c.accEntryBytes());
        for (int i = 0; i < w.aluSteps().size(); i++) {
            cycles += dma.alu(entries(t));
        }
        return cycles;
    }

    private long prologue(VtaTiling t) {
        return (long) t.threads() * w.aluSteps().size() * dma.uopLoad(1);
    }

    private long tiles(VtaTiling t) {
        return (long) bb * t.tileH().outer() * t.tileW().outer() * t.tileCo().outer();
    }

    @Override
    public long lowerBound(VtaTiling t) {
        long tiles = tiles(t);
        long store = tiles * t.tileCo().inner() * region(t, c.outEntryBytes());
        return VtaPipeline.lowerBound(t.threads(), prologue(t), 0, tiles * computePerTile(t), store);
    }

    @Override
    public VtaPlan evaluate(VtaTiling t) {
        int threads = t.threads();
        long tiles = tiles(t);
        long groups = tiles / threads;
        long compute1 = computePerTile(t);
        long alu1 = compute1 - (long) w.tensorOperands() * t.tileCo().inner() * region(t, c.accEntryBytes());
        long store1 = t.tileCo().inner() * region(t, c.outEntryBytes());
        VtaPipeline pipe = new VtaPipeline(threads, prologue(t));
        for (long g = 0; g < groups; g++) {
            pipe.group(0, 0, 0, threads * (compute1 - alu1), 0, threads * alu1, threads * store1, store1);
        }
        long e = entries(t);
        int nAlu = w.aluSteps().size();
        int tco = t.tileCo().inner();
        long accPerTile = w.tensorOperands() * e * c.accEntryBytes();
        VtaCounters total = new VtaCounters(0, 0, tiles * accPerTile,
                (long) threads * nAlu * VtaConfig.UOP_BYTES, tiles * e * c.outEntryBytes(), 0, 0,
                tiles * nAlu * e, 0, 0, tiles * w.tensorOperands() * tco, (long) threads * nAlu, 0, tiles * nAlu,
                tiles * tco);
        VtaCounters tile = new VtaCounters(0, 0, accPerTile, 0, e * c.outEntryBytes(), 0, 0, nAlu * e, 0, 0,
                (long) w.tensorOperands() * tco, 0, 0, nAlu, tco);
        long paddedElements = (long) bb * c.batch() * cb * c.blockOut() * w.height() * w.width();
        return new VtaPlan(w, c, t, buffers(t), kernels(t), tile, total, groups, pipe.result(0), 0, 0,
                (double) w.elements() / paddedElements);
    }
}
