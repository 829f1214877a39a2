package dev.hetplace.backends.vta;

import dev.hetplace.hw.VtaConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * TVM's {@code dense_packed} schedule on data[b, ci, BATCH, BLOCK_IN] and weight[co, ci, BLOCK_OUT, BLOCK_IN]:
 * <pre>
 * for b0 in tile_b.outer:
 *  for co0 in tile_co.outer / oc_nthread:      (store point: one tile group, one tile per virtual thread)
 *   per thread: GEMM reset over the tile_b.inner x tile_co.inner accumulator tile   (uop nest b, co)
 *   per thread, for b in tile_b.inner:          (the data and weight caches sit inside the batch loop)
 *     for ci0 in tile_ci.outer:
 *       LOAD INP tile_ci.inner entries; LOAD WGT tile_co.inner x tile_ci.inner entries
 *       GEMM                                                                        (uop nest ci, co)
 *   per thread: LOAD ACC bias, ALU steps, STORE tile_b.inner rows of tile_co.inner entries (one 2-D STORE)
 * </pre>
 * The GEMM uops address absolute accumulator rows, so each of the tile_b.inner rows has its own GEMM kernel.
 */
final class VtaDenseModel implements VtaTilingModel {
    private final VtaDenseWorkload w;
    private final VtaConfig c;
    private final VtaDma dma;
    private final int bb;
    private final int cib;
    private final int cob;

    VtaDenseModel(VtaDenseWorkload w, VtaConfig c, VtaTimingConstants k) {
        this.w = w;
        this.c = c;
        this.dma = new VtaDma(k, c);
        this.bb = VtaConvModel.ceilDiv(w.rows(), c.batch());
        this.cib = VtaConvModel.ceilDiv(w.inFeatures(), c.blockIn());
        this.cob = VtaConvModel.ceilDiv(w.outFeatures(), c.blockOut());
    }

    @Override
    public List<VtaTiling> space() {
        List<VtaTiling> all = new ArrayList<>();
        for (int tb : VtaTilingModel.divisors(bb)) {
            for (int tci : VtaTilingModel.divisors(cib)) {
                for (int tco : VtaTilingModel.divisors(cob)) {
                    for (int ocT = 1; ocT <= 2; ocT++) {
                        if ((cob / tco) % ocT == 0) {
                            all.add(new VtaTiling(VtaSplit.ofTile(bb, tb), new VtaSplit(1, 1), new VtaSplit(1, 1),
                                    VtaSplit.ofTile(cib, tci), VtaSplit.ofTile(cob, tco), ocT, 1));
                        }
                    }
                }
            }
        }
        return all;
    }

    @Override
    public boolean inSpace(VtaTiling t) {
        VtaSplit one = new VtaSplit(1, 1);
        return t.tileB().extent() == bb && t.tileH().equals(one) && t.tileW().equals(one)
                && t.tileCi().extent() == cib && t.tileCo().extent() == cob
                && t.tileCo().outer() % t.ocNthread() == 0 && t.hNthread() == 1;
    }

    private List<VtaUopKernel> kernels(VtaTiling t) {
        int tb = t.tileB().inner();
        int tco = t.tileCo().inner();
        List<VtaUopKernel> ks = new ArrayList<>();
        ks.add(VtaUopKernel.fold("reset", new int[] {tb, tco}, new String[] {"b", "co"}));
        for (int b = 0; b < tb; b++) {
            // the uops hold absolute accumulator rows, so every row of the tile has its own GEMM kernel
            ks.add(VtaUopKernel.fold(tb > 1 ? "gemm b" + b : "gemm", new int[] {t.tileCi().inner(), tco},
                    new String[] {"ci", "co"}));
        }
        for (VtaAluStep s : w.aluSteps()) {
            String name = "alu " + s.opcode().name().toLowerCase(java.util.Locale.ROOT) + " " + s.purpose();
            ks.add(s.tensorOperand() ? new VtaUopKernel(name, tb, tco, 1, "b,co |")
                    : new VtaUopKernel(name, tb * tco, 1, 1, "e |"));
        }
        return ks;
    }

    @Override
    public VtaBufferUse buffers(VtaTiling t) {
        long threads = t.threads();
        int tb = t.tileB().inner();
        int tci = t.tileCi().inner();
        int tco = t.tileCo().inner();
        long uops = 0;
        for (VtaUopKernel k : kernels(t)) {
            uops += k.uops();
        }
        return new VtaBufferUse(threads * tci, threads * tco * tci,
                threads * ((long) tb * tco + (w.bias() ? tco : 0)), threads * tb * tco, threads * uops);
    }

    @Override
    public String fieldOverflow(VtaTiling t) {
        for (VtaUopKernel k : kernels(t)) {
            if (k.extentOut() > VtaDma.MAX_LOOP_EXTENT || k.extentIn() > VtaDma.MAX_LOOP_EXTENT) {
                return "uop loop extent " + VtaDma.MAX_LOOP_EXTENT + " (" + k.name() + ")";
            }
        }
        return null;
    }

    private long weightLoad(int tci, int tco) {
        if (tci == cib) {
            return dma.transfer(1, (long) tco * tci * c.wgtEntryBytes(), 0);
        }
        return dma.transfer(tco, (long) tci * c.wgtEntryBytes(), 0);
    }

    private long oneStore(int tb, int tco) {
        long oeb = c.outEntryBytes();
        return tco == cob ? dma.transfer(1, (long) tb * tco * oeb, 0) : dma.transfer(tb, tco * oeb, 0);
    }

    private long epilogue(int tb, int tco) {
        long cycles = w.bias() ? dma.transfer(1, (long) tco * c.accEntryBytes(), 0) : 0;
        for (int i = 0; i < w.aluSteps().size(); i++) {
            cycles += dma.alu((long) tb * tco);
        }
        return cycles;
    }

    private long prologue(VtaTiling t) {
        long cycles = 0;
        for (VtaUopKernel k : kernels(t)) {
            cycles += dma.uopLoad(k.uops());
        }
        return t.threads() * cycles;
    }

    private long taskLoad(int tci, int tco) {
        return dma.transfer(1, (long) tci * c.inpEntryBytes(), 0) + weightLoad(tci, tco);
    }

    @Override
    public long lowerBound(VtaTiling t) {
        int tb = t.tileB().inner();
        int tci = t.tileCi().inner();
        int tco = t.tileCo().inner();
        long tiles = (long) t.tileB().outer() * t.tileCo().outer();
        long tasks = (long) tb * t.tileCi().outer();
        long load = tiles * tasks * taskLoad(tci, tco);
        long compute = tiles * (dma.gemm((long) tb * tco) + tasks * dma.gemm((long) tci * tco) + epilogue(tb, tco));
        long store = tiles * oneStore(tb, tco);
        return VtaPipeline.lowerBound(t.threads(), prologue(t), load, compute, store);
    }

    @Override
    public VtaPlan evaluate(VtaTiling t) {
        int tb = t.tileB().inner();
        int tci = t.tileCi().inner();
        int tco = t.tileCo().inner();
        int ciSteps = t.tileCi().outer();
        int threads = t.threads();
        long tiles = (long) t.tileB().outer() * t.tileCo().outer();
        long tasks = (long) tb * ciSteps;
        long gemmOpsPerInsn = (long) tci * tco;
        long gemm = dma.gemm(gemmOpsPerInsn);
        long load1 = taskLoad(tci, tco);
        long entries = (long) tb * tco;
        long store1 = oneStore(tb, tco);
        long groups = tiles / threads;
        VtaPipeline pipe = new VtaPipeline(threads, prologue(t));
        for (long g = 0; g < groups; g++) {
            pipe.group(threads * tasks * load1, load1, threads * dma.gemm(entries), threads * tasks * gemm, gemm,
                    threads * epilogue(tb, tco), threads * store1, store1);
        }
        List<VtaUopKernel> kernels = kernels(t);
        long uopsPerThread = 0;
        for (VtaUopKernel k : kernels) {
            uopsPerThread += k.uops();
        }
        int nAlu = w.aluSteps().size();
        long inpPerTask = (long) tci * c.inpEntryBytes();
        long wgtPerTask = (long) tci * tco * c.wgtEntryBytes();
        long gemmOps = tiles * tasks * gemmOpsPerInsn;
        VtaCounters total = new VtaCounters(tiles * tasks * inpPerTask, tiles * tasks * wgtPerTask,
                w.bias() ? tiles * tco * c.accEntryBytes() : 0, threads * uopsPerThread * VtaConfig.UOP_BYTES,
                tiles * entries * c.outEntryBytes(), gemmOps, tiles * entries, tiles * nAlu * entries,
                tiles * tasks, tiles * tasks, w.bias() ? tiles : 0, (long) threads * kernels.size(),
                tiles * (tasks + 1), tiles * nAlu, tiles);
        VtaCounters tile = new VtaCounters(tasks * inpPerTask, tasks * wgtPerTask,
                w.bias() ? (long) tco * c.accEntryBytes() : 0, 0, entries * c.outEntryBytes(),
                tasks * gemmOpsPerInsn, entries, nAlu * entries, tasks, tasks, w.bias() ? 1 : 0, 0, tasks + 1, nAlu,
                1);
        long padded = gemmOps * c.macsPerCycle();
        return new VtaPlan(w, c, t, buffers(t), kernels, tile, total, groups, pipe.result(tiles * tasks * gemm),
                w.logicalMacs(), padded, (double) w.logicalMacs() / padded);
    }
}
