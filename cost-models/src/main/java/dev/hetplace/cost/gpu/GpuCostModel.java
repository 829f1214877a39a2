package dev.hetplace.cost.gpu;

import dev.hetplace.cost.Breakdown;
import dev.hetplace.cost.Cost;
import dev.hetplace.cost.CostSource;
import dev.hetplace.cost.Costs;
import dev.hetplace.cost.GroupCostModel;
import dev.hetplace.cost.GroupWork;
import dev.hetplace.cost.OpClass;
import dev.hetplace.cost.calibration.CalibratedKernels;
import dev.hetplace.cost.calibration.KernelShape;
import dev.hetplace.cost.calibration.LatencyFit;
import dev.hetplace.cost.calibration.Slice;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.GpuParams;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Prices groups on a GPU. Conv2d, dense and matmul anchors: the measured median where the table has the exact
 * shape, batch, precision and timing (MEASURED); otherwise the slice's fitted model (ANALYTICAL, "fitted"),
 * interpolated geometrically in log(batch) between measured batches and scaled linearly above the largest; a
 * precision without rows (or a GPU without a table) falls back to a roofline on the profile's peaks. int8 prices
 * come from the table's {@code int8_gemm} rows, which time only the implicit-GEMM core. Every other anchor, and
 * each fused layer (PyTorch runs batch norm and activations as kernels of their own), is an element-wise kernel:
 * a launch plus its bytes over the memory bandwidth.
 *
 * <p>Those are isolated prices. A GPU with a table is priced in-model ({@link GpuInContext}, fitted to the
 * whole-model rows beside its table): its kernels' CUDA-graph prices times the precision's factor, and under eager
 * timing each kernel at least its dispatch per op class, since the isolated eager rows timed dispatch and kernel
 * in series and a model overlaps them.
 *
 * <p>Channel alignment: fp16 / bf16 channels-last convs run faster with input channels padded to a multiple of 4
 * (padding.csv: the stem at batch 1 took 8.29 us with 4 channels against 12.88 us with 3, CUDA graph), so an
 * unmeasured conv with other channel counts is priced padded, its padding shown as waste.
 */
public final class GpuCostModel implements GroupCostModel {
    /** fp16 / bf16 channels-last input-channel alignment (padding.csv). */
    static final int HALF_CHANNEL_ALIGNMENT = 4;

    private final GpuTiming timing;
    private final Map<GpuParams, CalibratedKernels> tables = new ConcurrentHashMap<>();
    private final Map<GpuParams, GpuInContext> contexts = new ConcurrentHashMap<>();
    private final BiFunction<Device, GpuCostModel, GpuInContext> inContextFit;

    /** {@code inContextFit} fits a calibrated GPU's in-model correction with this model (cost.models wires it). */
    public GpuCostModel(GpuTiming timing, BiFunction<Device, GpuCostModel, GpuInContext> inContextFit) {
        this.timing = timing;
        this.inContextFit = inContextFit;
    }

    public GpuTiming timing() {
        return timing;
    }

    /** The table's column for a precision. */
    public static String column(Precision p) {
        return p == Precision.INT8 ? "int8_gemm" : p.id();
    }

    /** The GPU's measurement table, fitted on its multiprocessor count. */
    public CalibratedKernels table(GpuParams gpu) {
        return tables.computeIfAbsent(gpu, g -> CalibratedKernels.loadGpu(g.calibration(),
                List.of("fp32", "tf32", "fp16", "bf16", "int8_gemm"), g.multiprocessors()));
    }

    @Override
    public Optional<Cost> cost(GroupedGraph graph, Group group, Device device, Precision precision, Layout layout,
                               int batch) {
        return cost(GroupWork.of(graph, group), device, precision, layout, batch);
    }

    public Optional<Cost> cost(GroupWork w, Device device, Precision p, Layout layout, int batch) {
        if (device.kind() != DeviceKind.GPU || layout != Layout.PLAIN || !device.supports(p)
                || !device.supports(w.anchor().opName()) || w.opClass() == OpClass.OPAQUE) {
            return Optional.empty();
        }
        if (p == Precision.INT8 && (!OpClass.hasInt8Kernel(w.anchor().op()) || !w.fusedInt8()
                || w.opClass() == OpClass.DEPTHWISE_CONV)) {
            return Optional.empty();
        }
        GpuParams gpu = device.gpu();
        if (!calibrated(gpu)) {
            return Optional.of(isolatedCost(w, gpu, p, batch, timing));
        }
        List<GpuKernel> kernels = kernels(w, gpu, p, batch);
        GpuInContext context = inContext(device);
        Breakdown b = context.price(kernels, p, timing);
        Cost anchor = isolatedCost(w, gpu, p, batch, GpuTiming.GRAPH);
        String note = anchor.note() + "; " + context.describe(p, timing, kernels);
        return Optional.of(Costs.of(b, anchor.source(), note));
    }

    private static boolean calibrated(GpuParams gpu) {
        return gpu.calibration() != null && !gpu.calibration().isEmpty();
    }

    /** The GPU's in-model correction, fitted once per profile to the whole-model rows next to its table. */
    public GpuInContext inContext(Device device) {
        return contexts.computeIfAbsent(device.gpu(), g -> inContextFit.apply(device, this));
    }

    /**
     * A group's kernels as a CUDA graph runs them in isolation: the anchor (none for a view) and one element-wise
     * kernel per fused layer, each with its dispatch class.
     */
    public List<GpuKernel> kernels(GroupWork w, GpuParams gpu, Precision p, int batch) {
        List<GpuKernel> out = new ArrayList<>();
        DispatchClass anchorClass = DispatchClass.of(w.anchor().op(), w.opClass());
        if (anchorClass != null) {
            Breakdown b = isolatedCost(w.withoutFused(), gpu, p, batch, GpuTiming.GRAPH).breakdown();
            out.add(new GpuKernel(anchorClass, b));
        }
        int bpe = p.storageBytes();
        for (GroupWork.FusedLayer f : w.fused()) {
            long bytes = 2L * f.elements() * batch * bpe;
            long memory = Math.round(bytes / gpu.memoryGBps());
            DispatchClass c = DispatchClass.of(f.op(), OpClass.of(f.op(), 1));
            out.add(new GpuKernel(c == null ? DispatchClass.ELEMENTWISE : c,
                    new Breakdown(0, memory / 2, memory - memory / 2, 0, 0, launchNs(gpu, GpuTiming.GRAPH), 1.0)));
        }
        return out;
    }

    /** The group as its isolated per-layer rows price it at a timing (each fused layer a kernel of its own). */
    public Cost isolatedCost(GroupWork w, GpuParams gpu, Precision p, int batch, GpuTiming at) {
        int bpe = p.storageBytes();
        long fusedNs = 0;
        for (GroupWork.FusedLayer f : w.fused()) {
            fusedNs += launchNs(gpu, at) + Math.round(2L * f.elements() * batch * bpe / gpu.memoryGBps());
        }
        String fusedNote = w.fused().isEmpty() ? "" : "; " + w.fused().size() + " fused layer(s) as kernels";
        OpClass c = w.opClass();
        if (c == OpClass.VIEW) {
            return Costs.of(new Breakdown(0, fusedNs / 2, fusedNs - fusedNs / 2, 0, 0, 0, 1.0),
                    CostSource.ANALYTICAL, "view: no data moves" + fusedNote);
        }
        if ((c == OpClass.CONV || c == OpClass.DEPTHWISE_CONV || c == OpClass.DENSE || c == OpClass.MATMUL)) {
            return kernelCost(w.kernel(), gpu, p, batch, fusedNs, fusedNote, at);
        }
        long loadBytes = (w.inputElements() * batch + w.weightElements()) * bpe;
        long storeBytes = w.outputElements() * batch * bpe;
        long memoryNs = Math.round((loadBytes + storeBytes) / gpu.memoryGBps());
        long load = Math.round(memoryNs * (double) loadBytes / Math.max(1, loadBytes + storeBytes));
        Breakdown b = new Breakdown(0, load + fusedNs / 2, memoryNs - load + fusedNs - fusedNs / 2, 0, 0,
                launchNs(gpu, at), 1.0);
        return Costs.of(b, CostSource.ANALYTICAL, String.format(Locale.ROOT,
                "element-wise kernel: %s launch + bytes at %.0f GB/s%s", at.id(), gpu.memoryGBps(), fusedNote));
    }

    /** Per-kernel launch: the eager dispatch overhead on top of the graph floor, or the graph floor alone. */
    long launchNs(GpuParams gpu) {
        return launchNs(gpu, timing);
    }

    static long launchNs(GpuParams gpu, GpuTiming at) {
        double us = gpu.graphOverheadUs() + (at == GpuTiming.EAGER ? gpu.launchOverheadUs() : 0);
        return Costs.ns(us);
    }

    private Cost kernelCost(KernelShape shape1, GpuParams gpu, Precision p, int batch, long fusedNs,
                            String fusedNote, GpuTiming timing) {
        KernelShape shape = shape1.withBatch(shape1.batch() * batch);
        String column = column(p);
        Optional<CalibratedKernels> table = gpu.calibration() == null || gpu.calibration().isEmpty()
                ? Optional.empty() : Optional.of(table(gpu));
        if (table.isPresent()) {
            Optional<Double> m = table.get().lookup(shape, column, 0, timing.id());
            if (m.isPresent()) {
                Breakdown b = new Breakdown(Costs.ns(m.get()), fusedNs / 2, fusedNs - fusedNs / 2, 0, 0, 0, 1.0);
                return Costs.of(b, CostSource.MEASURED, "measured (" + gpu.calibration() + ", " + column + ", "
                        + timing.id() + ")" + fusedNote);
            }
        }
        KernelShape priced = shape;
        double useful = 1.0;
        if ((p == Precision.FP16 || p == Precision.BF16) && shape.op().equals(KernelShape.CONV2D)
                && shape.groups() == 1 && shape.cin() % HALF_CHANNEL_ALIGNMENT != 0) {
            int padded = (shape.cin() + HALF_CHANNEL_ALIGNMENT - 1) / HALF_CHANNEL_ALIGNMENT * HALF_CHANNEL_ALIGNMENT;
            priced = shape.withInputChannels(padded);
            useful = shape.cin() / (double) padded;
        }
        List<Integer> batches = table.map(t -> t.batches(column, 0, timing.id())).orElse(List.of());
        String note;
        double us;
        if (batches.isEmpty()) {
            us = rooflineUs(priced, gpu, p, timing);
            note = "roofline on the profile's peaks (no " + column + " " + timing.id() + " rows)";
        } else {
            KernelShape at = priced;
            CalibratedKernels t = table.get();
            us = BatchScaling.at(priced.batch(), batches,
                    b -> fit(t, column, b, timing).predictUs(at.withBatch(b)));
            LatencyFit nearest = fit(t, column, nearest(batches, priced.batch()), timing);
            note = String.format(Locale.ROOT, "fitted to %s %s %s: %s, rms error %.0f%%%s", gpu.calibration(), column,
                    timing.id(), nearest.describe(), 100 * (Math.exp(nearest.rmsLogError()) - 1),
                    batches.contains(priced.batch()) ? "" : ", batch scaled from " + batches);
        }
        long total = Costs.ns(us);
        long waste = Math.round(total * (1 - useful));
        if (useful < 1) {
            note += String.format(Locale.ROOT, "; input channels padded %d -> %d (padding.csv)", shape.cin(),
                    priced.cin());
        }
        Breakdown b = new Breakdown(total - waste, fusedNs / 2, fusedNs - fusedNs / 2, waste, 0, 0, useful);
        return Costs.of(b, CostSource.ANALYTICAL, note + fusedNote);
    }

    private static LatencyFit fit(CalibratedKernels t, String column, int batch, GpuTiming timing) {
        return t.fit(new Slice(column, batch, 0, timing.id())).orElseThrow(() -> new IllegalArgumentException(
                t.source() + " has too few " + column + " " + timing.id() + " rows at batch " + batch + " to fit"));
    }

    private static int nearest(List<Integer> batches, int batch) {
        int best = batches.get(0);
        for (int b : batches) {
            if (Math.abs(Math.log(b) - Math.log(batch)) < Math.abs(Math.log(best) - Math.log(batch))) {
                best = b;
            }
        }
        return best;
    }

    /** Launch plus the longer of compute at the profile's peak and traffic at its bandwidth. */
    double rooflineUs(KernelShape s, GpuParams gpu, Precision p) {
        return rooflineUs(s, gpu, p, timing);
    }

    static double rooflineUs(KernelShape s, GpuParams gpu, Precision p, GpuTiming timing) {
        double peak = gpu.peakTeraMacs().getOrDefault(p, gpu.peakTeraMacs().getOrDefault(Precision.FP32, 1.0));
        double computeNs = s.macs() / (peak * 1e3);
        double memoryNs = s.bytes(p.storageBytes()) / gpu.memoryGBps();
        return (launchNs(gpu, timing) + Math.max(computeNs, memoryNs)) / 1000.0;
    }
}
