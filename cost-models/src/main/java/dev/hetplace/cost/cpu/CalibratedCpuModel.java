package dev.hetplace.cost.cpu;

import dev.hetplace.backends.measure.CalibrationTables;
import dev.hetplace.backends.measure.LayerShape;
import dev.hetplace.backends.measure.MeasurementTable;
import dev.hetplace.cost.Breakdown;
import dev.hetplace.cost.Cost;
import dev.hetplace.cost.CostSource;
import dev.hetplace.cost.Costs;
import dev.hetplace.cost.GroupWork;
import dev.hetplace.cost.OpClass;
import dev.hetplace.cost.calibration.CalibratedKernels;
import dev.hetplace.cost.calibration.ElementwiseFit;
import dev.hetplace.cost.calibration.KernelShape;
import dev.hetplace.cost.calibration.LatencyFit;
import dev.hetplace.cost.calibration.LayerMeasurement;
import dev.hetplace.cost.calibration.Slice;
import dev.hetplace.hw.CpuParams;
import dev.hetplace.hw.Precision;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A CPU priced from its measurement table (the x86 host: fp32 through oneDNN, int8 through fbgemm, PyTorch eager):
 * conv2d and dense anchors by exact lookup where the (shape, threads, precision) was measured, otherwise by the
 * slice's fitted model ({@link dev.hetplace.cost.calibration.ShapeFits}); a depthwise conv by its rows where the
 * table measured its shape at every thread count (ONNX Runtime's tables), else, as every other anchor, as an
 * element-wise pass fitted to the table's quantize / dequantize rows. In
 * fp32 each fused layer (batch norm, activation) is a pass of its own, as PyTorch eager runs it; in int8 fbgemm
 * folds batch norm and applies the activation in its requantization, so fused layers are free. A table with pass
 * rows ({@link PassPrices}: ONNX Runtime's, whose every row is a whole group's profiled time) prices the groups
 * without a GEMM from them, and the fused layers of a group priced from its rows (or a fit to them) are inside that
 * time; a group it prices otherwise (a view, a class without rows) still pays its fused layers as passes. The
 * table is at batch 1: other batches scale linearly.
 */
public final class CalibratedCpuModel {
    private static final String TIMING = "eager";

    private final String calibration;
    private final CalibratedKernels kernels;
    private final ElementwiseFit elementwise;
    private final PoolEdgePrices poolEdges;
    private final PassPrices passes;
    private final PrecisionEdgePrices precisionEdges;

    public CalibratedCpuModel(String calibration) {
        // one read of the table for its kernel, cast, pass and edge rows
        MeasurementTable table = CalibrationTables.layers(calibration, "cpu");
        List<LayerMeasurement> rows = LayerMeasurement.of(table);
        this.calibration = calibration;
        this.kernels = new CalibratedKernels(calibration, rows, List.of("fp32", "int8"), 0);
        this.elementwise = ElementwiseFit.of(rows);
        this.poolEdges = new PoolEdgePrices(calibration, rows);
        this.passes = PassPrices.of(calibration, table);
        this.precisionEdges = PrecisionEdgePrices.of(calibration, table);
        requireEnoughRows();
    }

    /**
     * A table the model cannot price from (no fp32 or int8 kernel rows, no cast rows for element-wise passes) is
     * refused when it is loaded, naming what is missing; too few rows to fit an unmeasured shape is refused when
     * such a shape is priced.
     */
    private void requireEnoughRows() {
        for (String column : List.of("fp32", "int8")) {
            List<Integer> threads = kernels.threadCounts(column, TIMING);
            if (threads.isEmpty()) {
                throw new IllegalArgumentException(calibration + ": no " + column + " conv2d or dense rows (a CPU"
                        + " calibration table needs fp32 and int8 kernel rows)");
            }
        }
        if (elementwise.threadCounts().isEmpty()) {
            throw new IllegalArgumentException(calibration + ": no quantize_input or dequantize_output rows (the"
                    + " element-wise passes are fitted to them)");
        }
    }

    public CalibratedKernels kernels() {
        return kernels;
    }

    public ElementwiseFit elementwise() {
        return elementwise;
    }

    /** The table's pool_edge rows, as prices (empty for a table without them). */
    public PoolEdgePrices poolEdges() {
        return poolEdges;
    }

    /** The table's edge_int8 / edge_fp32 rows, as prices (empty for a table without them). */
    public PrecisionEdgePrices precisionEdges() {
        return precisionEdges;
    }

    /** Microseconds of one element-wise pass over {@code bytes} at a thread count. */
    public double passUs(int threads, long bytes) {
        return ThreadScaling.at(threads, elementwise.threadCounts(), t -> elementwise.us(t, bytes).orElseThrow());
    }

    public Optional<Cost> cost(GroupWork w, CpuParams cpu, Precision p, int batch) {
        String column = p == Precision.INT8 ? "int8" : "fp32";
        int threads = Math.max(1, cpu.threads());
        int bpe = p.storageBytes();
        boolean wholeGroups = !passes.isEmpty();
        long fusedNs = 0;
        if (p != Precision.INT8) {
            for (GroupWork.FusedLayer f : w.fused()) {
                fusedNs += Costs.ns(passUs(threads, 2L * f.elements() * batch * bpe));
            }
        }
        String fusedNote = w.fused().isEmpty() ? "" : p == Precision.INT8 ? "; fused layers in the requantization"
                : "; " + w.fused().size() + " fused layer(s) as element-wise passes";
        String insideNote = w.fused().isEmpty() ? "" : "; fused layers inside the group's measured time";
        OpClass c = w.opClass();
        if (c == OpClass.VIEW) {
            return Optional.of(Costs.of(new Breakdown(0, fusedNs / 2, fusedNs - fusedNs / 2, 0, 0, 0, 1.0),
                    CostSource.ANALYTICAL, "view: no data moves" + fusedNote));
        }
        if (c == OpClass.CONV || c == OpClass.DENSE || c == OpClass.MATMUL
                || c == OpClass.DEPTHWISE_CONV && measuredEverywhere(w.kernel(), column)) {
            // a table with pass rows times whole groups, its kernel rows and fits included
            return Optional.of(wholeGroups ? kernelCost(w.kernel(), column, threads, batch, 0, insideNote)
                    : kernelCost(w.kernel(), column, threads, batch, fusedNs, fusedNote));
        }
        Optional<Cost> pass = passCost(w, p == Precision.INT8 ? Precision.INT8 : Precision.FP32, threads, batch,
                insideNote);
        if (pass.isPresent()) {
            return pass;
        }
        long loadBytes = (w.inputElements() * batch + w.weightElements()) * bpe;
        long storeBytes = w.outputElements() * batch * bpe;
        double totalUs = passUs(threads, loadBytes + storeBytes);
        double fixedUs = passUs(threads, 0);
        long memoryNs = Costs.ns(totalUs - fixedUs);
        long load = Math.round(memoryNs * (double) loadBytes / Math.max(1, loadBytes + storeBytes));
        Breakdown b = new Breakdown(0, load + fusedNs / 2, memoryNs - load + fusedNs - fusedNs / 2, 0, 0,
                Costs.ns(fixedUs), 1.0);
        String note = String.format(Locale.ROOT, "element-wise pass fitted to %s cast rows (%s)%s", calibration,
                w.opClass() == OpClass.DEPTHWISE_CONV ? "depthwise taken as memory-bound, its shape not measured"
                        : "memory-bound", fusedNote);
        return Optional.of(Costs.of(b, CostSource.ANALYTICAL, note));
    }

    /** A group without a GEMM priced from the table's pass rows of its class; empty where it has none. */
    private Optional<Cost> passCost(GroupWork w, Precision p, int threads, int batch, String fusedNote) {
        Optional<LayerShape> shape = w.passShape();
        if (shape.isEmpty()) {
            return Optional.empty();
        }
        return passes.price(shape.get(), p, threads).map(price -> {
            long ns = Costs.ns(price.us() * batch);
            long in = w.inputElements();
            long load = Math.round(ns * (double) in / Math.max(1, in + w.outputElements()));
            return Costs.of(new Breakdown(0, load, ns - load, 0, 0, 0, 1.0),
                    price.measured() ? CostSource.MEASURED : CostSource.ANALYTICAL, price.note()
                            + (batch == 1 ? "" : ", batch 1 scaled x" + batch) + fusedNote);
        });
    }

    /**
     * Whether the table measured this shape at every thread count it has for the column: a depthwise conv is priced
     * from its rows only then (ONNX Runtime's tables have them; ORT's uint8 depthwise kernel is 2-5x its fp32 one,
     * which no memory-bound pass sees), never from the fit, which dense convs dominate.
     */
    private boolean measuredEverywhere(KernelShape shape, String column) {
        List<Integer> threads = kernels.threadCounts(column, TIMING);
        return !threads.isEmpty() && threads.stream().allMatch(t -> kernels.lookup(shape, column, t, TIMING)
                .isPresent());
    }

    private Cost kernelCost(KernelShape shape, String column, int threads, int batch, long fusedNs, String fusedNote) {
        List<Integer> measuredThreads = kernels.threadCounts(column, TIMING);
        boolean measured = batch == 1 && measuredThreads.contains(threads)
                && kernels.lookup(shape, column, threads, TIMING).isPresent();
        double us = ThreadScaling.at(threads, measuredThreads, t -> kernelUs(shape, column, t)) * batch;
        String note;
        if (measured) {
            note = "measured (" + calibration + ", " + threads + " threads)";
        } else {
            LatencyFit fit = kernels.fit(new Slice(column, 1, measuredThreads.get(measuredThreads.size() - 1), TIMING))
                    .orElseThrow();
            note = String.format(Locale.ROOT, "%s; fitted to %s: %s, rms error %.0f%%%s%s",
                    kernels.lookup(shape, column, measuredThreads.get(0), TIMING).isPresent() ? "measured shape"
                            : "unmeasured shape",
                    calibration, fit.describe(), 100 * (Math.exp(fit.rmsLogError()) - 1),
                    measuredThreads.contains(threads) ? "" : ", threads scaled from " + measuredThreads,
                    batch == 1 ? "" : ", batch 1 scaled x" + batch);
        }
        Breakdown b = new Breakdown(Costs.ns(us), fusedNs / 2, fusedNs - fusedNs / 2, 0, 0, 0, 1.0);
        return Costs.of(b, measured ? CostSource.MEASURED : CostSource.ANALYTICAL, note + fusedNote);
    }

    private double kernelUs(KernelShape shape, String column, int threads) {
        Optional<Double> m = kernels.lookup(shape, column, threads, TIMING);
        if (m.isPresent()) {
            return m.get();
        }
        LatencyFit fit = kernels.fit(new Slice(column, 1, threads, TIMING)).orElseThrow(() ->
                new IllegalArgumentException(calibration + " has too few " + column + " rows at " + threads
                        + " threads to fit"));
        return fit.predictUs(shape);
    }
}
