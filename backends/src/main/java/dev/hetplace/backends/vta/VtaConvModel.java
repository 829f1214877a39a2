package dev.hetplace.backends.vta;

import dev.hetplace.hw.VtaConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * TVM's {@code conv2d_packed} schedule on blocked tensors data[b, ci, h, w, BATCH, BLOCK_IN] and
 * kernel[co, ci, kh, kw, BLOCK_OUT, BLOCK_IN]:
 * <pre>
 * for b in B/BATCH:                     (tile_b is a knob of the template, but x_bo is never split)
 *  for h0 in tile_h.outer / h_nthread:
 *   for co0 in tile_co.outer / oc_nthread:
 *    for w0 in tile_w.outer:            (store point: one tile group, one tile per virtual thread)
 *     per thread: GEMM reset over the accumulator tile                    (uop nest w, co, h)
 *     for ci0 in tile_ci.outer:
 *       per thread: LOAD INP, one per input-channel block: the (tile_h-1)*stride+kh x (tile_w-1)*stride+kw
 *                   window with its halo, zero padding inserted by the load module
 *       per thread: LOAD WGT tile_co x (tile_ci.inner * kh * kw) entries
 *       per thread: GEMM                                                  (uop nest ci, w, kw, kh, co, h)
 *     per thread: LOAD ACC bias (if any), LOAD ACC a fused residual add's other summand (if any, one 2-D
 *                 region per co block), ALU steps over the tile, STORE one 2-D region per co block
 * </pre>
 * Every thread loads its own input window and weights (VTA's virtual threads duplicate the loads, as TVM's
 * lowered code does).
 */
final class VtaConvModel implements VtaTilingModel {
    private final VtaConvWorkload w;
    private final VtaConfig c;
    private final VtaDma dma;
    private final int bb;
    private final int cib;
    private final int cob;
    private final int oh;
    private final int ow;
    /**
     * Per-thread terms of the tile sizes (th, tw, tci, tco) last asked about: they do not depend on the virtual
     * threads, and the knob space lists a tile's thread variants next to each other, so the search computes them
     * once per tile size (a model serves one search, on one thread). {@code boundReady}: the bound's load,
     * compute and store terms below are set for this tile.
     */
    private int[] tile = new int[0];
    private long tileUops;
    private boolean tileLoopOverflow;
    private long tilePrologue;
    private boolean boundReady;
    private long boundLoad;
    private long boundCompute;
    private long boundStore;

    VtaConvModel(VtaConvWorkload w, VtaConfig c, VtaTimingConstants k) {
        this.w = w;
        this.c = c;
        this.dma = new VtaDma(k, c);
        this.bb = ceilDiv(w.batch(), c.batch());
        this.cib = ceilDiv(w.inChannels(), c.blockIn());
        this.cob = ceilDiv(w.outChannels(), c.blockOut());
        this.oh = w.outH();
        this.ow = w.outW();
    }

    @Override
    public List<VtaTiling> space() {
        List<VtaTiling> all = new ArrayList<>();
        for (int th : VtaTilingModel.divisors(oh)) {
            for (int tw : VtaTilingModel.divisors(ow)) {
                for (int tci : VtaTilingModel.divisors(cib)) {
                    for (int tco : VtaTilingModel.divisors(cob)) {
                        for (int ocT = 1; ocT <= 2; ocT++) {
                            for (int hT = 1; hT <= 2; hT++) {
                                if ((cob / tco) % ocT == 0 && (oh / th) % hT == 0) {
                                    all.add(new VtaTiling(new VtaSplit(bb, 1), VtaSplit.ofTile(oh, th),
                                            VtaSplit.ofTile(ow, tw), VtaSplit.ofTile(cib, tci),
                                            VtaSplit.ofTile(cob, tco), ocT, hT));
                                }
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
        return t.tileB().equals(new VtaSplit(bb, 1)) && t.tileH().extent() == oh && t.tileW().extent() == ow
                && t.tileCi().extent() == cib && t.tileCo().extent() == cob
                && t.tileCo().outer() % t.ocNthread() == 0 && t.tileH().outer() % t.hNthread() == 0;
    }

    private int rowsIn(int th) {
        return (th - 1) * w.strideH() + w.kernelH();
    }

    private int colsIn(int tw) {
        return (tw - 1) * w.strideW() + w.kernelW();
    }

    private int[] gemmLoops(VtaTiling t) {
        return new int[] {t.tileCi().inner(), t.tileW().inner(), w.kernelW(), w.kernelH(), t.tileCo().inner(),
                t.tileH().inner()};
    }

    private int[] resetLoops(VtaTiling t) {
        return new int[] {t.tileW().inner(), t.tileCo().inner(), t.tileH().inner()};
    }

    private VtaUopKernel gemmKernel(VtaTiling t) {
        return VtaUopKernel.fold("gemm", gemmLoops(t), new String[] {"ci", "w", "kw", "kh", "co", "h"});
    }

    private VtaUopKernel resetKernel(VtaTiling t) {
        return VtaUopKernel.fold("reset", resetLoops(t), new String[] {"w", "co", "h"});
    }

    /** Uops of {@link #kernels}, counted without building them (the search asks for every tiling). */
    private long uopsPerThread(VtaTiling t) {
        return (long) VtaUopKernel.foldedExtents(resetLoops(t))[2] + VtaUopKernel.foldedExtents(gemmLoops(t))[2]
                + w.aluSteps().size();
    }

    /** Whether some kernel of {@link #kernels} has a hardware loop longer than the instruction field allows. */
    private boolean loopOverflow(VtaTiling t) {
        int[] reset = VtaUopKernel.foldedExtents(resetLoops(t));
        int[] gemm = VtaUopKernel.foldedExtents(gemmLoops(t));
        int tco = t.tileCo().inner();
        int pixels = t.tileH().inner() * t.tileW().inner();
        boolean alu = !w.aluSteps().isEmpty() && (tco > VtaDma.MAX_LOOP_EXTENT || pixels > VtaDma.MAX_LOOP_EXTENT
                || tco * pixels > VtaDma.MAX_LOOP_EXTENT);
        return alu || Math.max(Math.max(reset[0], reset[1]), Math.max(gemm[0], gemm[1])) > VtaDma.MAX_LOOP_EXTENT;
    }

    private List<VtaUopKernel> aluKernels(VtaTiling t) {
        int tco = t.tileCo().inner();
        int pixels = t.tileH().inner() * t.tileW().inner();
        List<VtaUopKernel> ks = new ArrayList<>();
        for (VtaAluStep s : w.aluSteps()) {
            String name = "alu " + s.opcode().name().toLowerCase(java.util.Locale.ROOT) + " " + s.purpose();
            ks.add(s.tensorOperand() && !s.tileOperand() ? new VtaUopKernel(name, tco, pixels, 1, "co,hw |")
                    : new VtaUopKernel(name, tco * pixels, 1, 1, "e |"));
        }
        return ks;
    }

    private List<VtaUopKernel> kernels(VtaTiling t) {
        List<VtaUopKernel> ks = new ArrayList<>();
        ks.add(resetKernel(t));
        ks.add(gemmKernel(t));
        ks.addAll(aluKernels(t));
        return ks;
    }

    @Override
    public VtaBufferUse buffers(VtaTiling t) {
        long threads = t.threads();
        int th = t.tileH().inner();
        int tw = t.tileW().inner();
        int tci = t.tileCi().inner();
        int tco = t.tileCo().inner();
        long entries = (long) tco * th * tw;
        long uops = tileTerms(t).tileUops;
        return new VtaBufferUse(threads * tci * rowsIn(th) * colsIn(tw),
                threads * tco * tci * w.kernelH() * w.kernelW(),
                threads * (entries + (w.bias() ? tco : 0) + (w.fusedResidual() ? entries : 0)),
                threads * entries, threads * uops);
    }

    @Override
    public String fieldOverflow(VtaTiling t) {
        for (VtaUopKernel k : tileTerms(t).tileLoopOverflow ? kernels(t) : List.<VtaUopKernel>of()) {
            if (k.extentOut() > VtaDma.MAX_LOOP_EXTENT || k.extentIn() > VtaDma.MAX_LOOP_EXTENT) {
                return "uop loop extent " + VtaDma.MAX_LOOP_EXTENT + " (" + k.name() + ")";
            }
        }
        long mergedRow = colsIn(t.tileW().inner()) == w.inW() ? (long) rowsIn(t.tileH().inner()) * w.inW() : 0;
        if (colsIn(t.tileW().inner()) > VtaDma.MAX_DMA_EXTENT || mergedRow > VtaDma.MAX_DMA_EXTENT
                || (long) t.tileH().inner() * ow > VtaDma.MAX_DMA_EXTENT) {
            return "DMA x_size " + VtaDma.MAX_DMA_EXTENT;
        }
        return null;
    }

    /** In-image rows of each row tile's input window (the rest is zero padding). */
    private int[] inRows(int th, int tiles) {
        int[] r = new int[tiles];
        int span = rowsIn(th);
        for (int i = 0; i < tiles; i++) {
            int start = i * th * w.strideH() - w.padTop();
            r[i] = Math.max(0, Math.min(start + span, w.inH()) - Math.max(start, 0));
        }
        return r;
    }

    private int[] inCols(int tw, int tiles) {
        int[] r = new int[tiles];
        int span = colsIn(tw);
        for (int j = 0; j < tiles; j++) {
            int start = j * tw * w.strideW() - w.padLeft();
            r[j] = Math.max(0, Math.min(start + span, w.inW()) - Math.max(start, 0));
        }
        return r;
    }

    /** A window that spans whole image rows with no padding columns is one contiguous DMA row. */
    private boolean fullWidth(int tw, int cols) {
        return cols == w.inW() && colsIn(tw) == w.inW();
    }

    /** Cycles of one input LOAD (one input-channel block) of window (rows, cols) of a tile. */
    private long inputLoad(int tw, int span, int rows, int cols) {
        long pad = (long) span - (long) rows * cols;
        long ieb = c.inpEntryBytes();
        if (fullWidth(tw, cols)) {
            return dma.transfer(rows > 0 ? 1 : 0, (long) rows * cols * ieb, pad);
        }
        return dma.transfer(cols > 0 ? rows : 0, (long) cols * ieb, pad);
    }

    private long weightLoad(int tci, int tco) {
        long rowEntries = (long) tci * w.kernelH() * w.kernelW();
        if (tci == cib) {
            return dma.transfer(1, tco * rowEntries * c.wgtEntryBytes(), 0);
        }
        return dma.transfer(tco, rowEntries * c.wgtEntryBytes(), 0);
    }

    private long oneStore(int th, int tw, int tco) {
        long oeb = c.outEntryBytes();
        long perBlock = tw == ow ? dma.transfer(1, (long) th * tw * oeb, 0) : dma.transfer(th, tw * oeb, 0);
        return tco * perBlock;
    }

    private long epilogue(VtaTiling t) {
        int tco = t.tileCo().inner();
        long entries = (long) tco * t.tileH().inner() * t.tileW().inner();
        long cycles = w.bias() ? dma.transfer(1, (long) tco * c.accEntryBytes(), 0) : 0;
        if (w.fusedResidual()) {
            cycles += tco * residualLoad(t.tileH().inner(), t.tileW().inner());
        }
        for (int i = 0; i < w.aluSteps().size(); i++) {
            cycles += dma.alu(entries);
        }
        return cycles;
    }

    /**
     * One channel block of a fused residual add's other summand: an accumulator LOAD (through the compute
     * module, ACC_WIDTH = int32 per element, as TVM's DMA to the accumulator scope reads it) of the tile's rows.
     */
    private long residualLoad(int th, int tw) {
        long aeb = c.accEntryBytes();
        return tw == ow ? dma.transfer(1, (long) th * tw * aeb, 0) : dma.transfer(th, tw * aeb, 0);
    }

    private long prologue(VtaTiling t) {
        return t.threads() * tileTerms(t).tilePrologue;
    }

    private long prologuePerThread(VtaTiling t) {
        long cycles = dma.uopLoad(VtaUopKernel.foldedExtents(resetLoops(t))[2])
                + dma.uopLoad(VtaUopKernel.foldedExtents(gemmLoops(t))[2]);
        for (int i = 0; i < w.aluSteps().size(); i++) {
            cycles += dma.uopLoad(1);
        }
        return cycles;
    }

    /** This model with {@link #tile}'s terms set to those of {@code t}'s tile sizes. */
    private VtaConvModel tileTerms(VtaTiling t) {
        int[] sizes = {t.tileH().inner(), t.tileW().inner(), t.tileCi().inner(), t.tileCo().inner()};
        if (!Arrays.equals(sizes, tile)) {
            tile = sizes;
            tileUops = uopsPerThread(t);
            tileLoopOverflow = loopOverflow(t);
            tilePrologue = prologuePerThread(t);
            boundReady = false;
        }
        return this;
    }

    @Override
    public long lowerBound(VtaTiling t) {
        if (!tileTerms(t).boundReady) {
            busyBound(t);
            boundReady = true;
        }
        return VtaPipeline.lowerBound(t.threads(), prologue(t), boundLoad, boundCompute, boundStore);
    }

    /**
     * Sets the load, compute and store cycles {@link #lowerBound} adds up (they depend on the tile sizes only).
     */
    private void busyBound(VtaTiling t) {
        int th = t.tileH().inner();
        int tw = t.tileW().inner();
        int tci = t.tileCi().inner();
        int tco = t.tileCo().inner();
        int nH = t.tileH().outer();
        int nW = t.tileW().outer();
        int nCo = t.tileCo().outer();
        int ciSteps = t.tileCi().outer();
        int[] rows = inRows(th, nH);
        int[] cols = inCols(tw, nW);
        long sumRows = 0;
        for (int r : rows) {
            sumRows += r;
        }
        long sumCols = 0;
        long windows = 0;
        long ieb = c.inpEntryBytes();
        for (int col : cols) {
            sumCols += col;
            if (fullWidth(tw, col)) {
                for (int r : rows) {
                    windows += r > 0 ? dma.rowsOnly(1, (long) r * col * ieb) : 0;
                }
            } else {
                windows += dma.rowsOnly(sumRows, (long) col * ieb);
            }
        }
        long pads = (long) nH * nW * rowsIn(th) * colsIn(tw) - sumRows * sumCols;
        long allWindows = (long) nH * nW * dma.setup() + pads + windows;
        long tiles = (long) bb * nH * nW * nCo;
        long load = (long) bb * nCo * cib * allWindows + tiles * ciSteps * weightLoad(tci, tco);
        int[] gemmFolded = VtaUopKernel.foldedExtents(gemmLoops(t));
        long gemm = dma.gemm((long) gemmFolded[0] * gemmFolded[1] * gemmFolded[2]);
        long compute = tiles * (dma.gemm((long) tco * th * tw) + ciSteps * gemm + epilogue(t));
        long store = tiles * oneStore(th, tw, tco);
        boundLoad = load;
        boundCompute = compute;
        boundStore = store;
    }

    @Override
    public VtaPlan evaluate(VtaTiling t) {
        int th = t.tileH().inner();
        int tw = t.tileW().inner();
        int tci = t.tileCi().inner();
        int tco = t.tileCo().inner();
        int nH = t.tileH().outer();
        int nW = t.tileW().outer();
        int nCo = t.tileCo().outer();
        int ciSteps = t.tileCi().outer();
        int ocT = t.ocNthread();
        int hT = t.hNthread();
        int threads = t.threads();
        int[] rows = inRows(th, nH);
        int[] cols = inCols(tw, nW);
        int span = rowsIn(th) * colsIn(tw);
        VtaUopKernel gemmKernel = gemmKernel(t);
        long gemmOpsPerInsn = gemmKernel.opsPerInstruction();
        long gemm = dma.gemm(gemmOpsPerInsn);
        long entries = (long) tco * th * tw;
        long reset = dma.gemm(entries);
        long wgt = weightLoad(tci, tco);
        long epi = epilogue(t);
        long store1 = oneStore(th, tw, tco);
        long[][] input = new long[nH][nW];
        for (int i = 0; i < nH; i++) {
            for (int j = 0; j < nW; j++) {
                input[i][j] = inputLoad(tw, span, rows[i], cols[j]);
            }
        }
        VtaPipeline pipe = new VtaPipeline(threads, prologue(t));
        for (int b = 0; b < bb; b++) {
            for (int h0 = 0; h0 < nH / hT; h0++) {
                for (int co0 = 0; co0 < nCo / ocT; co0++) {
                    for (int j = 0; j < nW; j++) {
                        long inputs = 0;
                        for (int vh = 0; vh < hT; vh++) {
                            inputs += input[h0 * hT + vh][j];
                        }
                        long load = (long) ciSteps * (ocT * tci * inputs + threads * wgt);
                        long first = tci * input[h0 * hT][j] + wgt;
                        pipe.group(load, first, threads * reset, (long) threads * ciSteps * gemm, gemm,
                                threads * epi, threads * store1, store1);
                    }
                }
            }
        }
        long tiles = (long) bb * nH * nW * nCo;
        long sumRows = 0;
        for (int r : rows) {
            sumRows += r;
        }
        long sumCols = 0;
        for (int col : cols) {
            sumCols += col;
        }
        List<VtaUopKernel> kernels = kernels(t);
        long uopsPerThread = 0;
        for (VtaUopKernel k : kernels) {
            uopsPerThread += k.uops();
        }
        int nAlu = w.aluSteps().size();
        long wgtBytesPerStep = (long) tco * tci * w.kernelH() * w.kernelW() * c.wgtEntryBytes();
        long gemmOps = tiles * ciSteps * gemmOpsPerInsn;
        long accBytes = (w.bias() ? (long) tco * c.accEntryBytes() : 0)
                + (w.fusedResidual() ? entries * c.accEntryBytes() : 0);
        long accLoads = (w.bias() ? 1 : 0) + (w.fusedResidual() ? tco : 0);
        VtaCounters total = new VtaCounters((long) bb * nCo * cib * c.inpEntryBytes() * sumRows * sumCols,
                tiles * ciSteps * wgtBytesPerStep, tiles * accBytes,
                threads * uopsPerThread * VtaConfig.UOP_BYTES, tiles * entries * c.outEntryBytes(), gemmOps,
                tiles * entries, tiles * nAlu * entries, tiles * cib, tiles * ciSteps, tiles * accLoads,
                (long) threads * kernels.size(), tiles * (ciSteps + 1), tiles * nAlu, tiles * tco);
        VtaCounters tile = new VtaCounters((long) cib * span * c.inpEntryBytes(), ciSteps * wgtBytesPerStep,
                accBytes, 0, entries * c.outEntryBytes(),
                ciSteps * gemmOpsPerInsn, entries, nAlu * entries, cib, ciSteps, accLoads, 0, ciSteps + 1,
                nAlu, tco);
        long padded = gemmOps * c.macsPerCycle();
        long groups = (long) bb * (nH / hT) * (nCo / ocT) * nW;
        return new VtaPlan(w, c, t, buffers(t), kernels, tile, total, groups, pipe.result(tiles * ciSteps * gemm),
                w.logicalMacs(), padded, (double) w.logicalMacs() / padded);
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
