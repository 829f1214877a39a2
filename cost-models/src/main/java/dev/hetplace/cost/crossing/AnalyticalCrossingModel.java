package dev.hetplace.cost.crossing;

import dev.hetplace.cost.Breakdown;
import dev.hetplace.cost.Costs;
import dev.hetplace.cost.CrossingModel;
import dev.hetplace.cost.cpu.CalibratedCpuModel;
import dev.hetplace.cost.cpu.CpuCostModel;
import dev.hetplace.cost.gpu.DispatchClass;
import dev.hetplace.cost.gpu.GpuCostModel;
import dev.hetplace.cost.gpu.GpuInContext;
import dev.hetplace.cost.gpu.GpuKernel;
import dev.hetplace.cost.gpu.GpuTiming;
import dev.hetplace.hw.CpuParams;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.GpuParams;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Link;
import dev.hetplace.hw.Precision;
import dev.hetplace.backends.measure.LayerShape;
import dev.hetplace.backends.measure.MaxPoolShape;
import dev.hetplace.cost.EdgeKernel;
import dev.hetplace.cost.GroupWork;
import dev.hetplace.cost.calibration.KernelShape;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import java.util.List;
import java.util.Optional;

/**
 * Prices crossing steps. Transfer: the link's latency plus bytes over its bandwidth. Cast (quantize, dequantize,
 * fp32 to fp16, ...): on a calibrated CPU, the element-wise pass fitted to its table's quantize_input /
 * dequantize_output rows; on an analytical CPU, the bytes read and written over DRAM bandwidth plus a per-element
 * cost; on a GPU, a kernel launch plus bytes over its memory bandwidth, on a calibrated GPU priced in-model
 * ({@link GpuInContext}: at least its eager dispatch). On a calibrated CPU whose table has ONNX Runtime's edge
 * rows, a group with an input in the other of fp32 / int8 pays its measured edge ({@link #precisionEdge},
 * {@link dev.hetplace.cost.cpu.PrecisionEdgePrices}). Under eager timing a tensor read back from a GPU to a CPU
 * also pays a synchronisation ({@link #syncNs}). Layout change (pack / unpack between NCHW
 * and VTA's blocked NCHW1n16c): read plus write over the CPU's bandwidth divided by a strided-access factor, or a
 * transpose kernel on a GPU.
 */
public final class AnalyticalCrossingModel implements CrossingModel {
    /**
     * Assumed, not measured: converting one element (scale, round, saturate, narrow) costs about one NEON cycle
     * per element per core, the vector instructions handling 4 lanes at 4 instructions each.
     */
    static final double CAST_CYCLES_PER_ELEMENT = 1.0;
    /**
     * Assumed, not measured: packing NCHW into NCHW1n16c gathers 16 channels that lie a whole feature map apart,
     * so each 16-byte block written reads 16 cache lines; the pass runs at a quarter of streaming bandwidth.
     */
    static final double STRIDED_ACCESS_FACTOR = 4.0;

    private final CpuCostModel cpuModel;
    private final GpuCostModel gpuModel;
    private final GpuTiming timing;

    /** Shares the CPU and GPU models (their tables and in-model corrections) with the group costs. */
    public AnalyticalCrossingModel(CpuCostModel cpuModel, GpuCostModel gpuModel) {
        this.cpuModel = cpuModel;
        this.gpuModel = gpuModel;
        this.timing = gpuModel.timing();
    }

    /** Under eager timing a GPU's tensor read back to a CPU waits for the GPU's queue ({@link GpuInContext}). */
    @Override
    public long syncNs(Device from, Device to) {
        if (timing != GpuTiming.EAGER || from.kind() != DeviceKind.GPU || to.kind() != DeviceKind.CPU) {
            return 0;
        }
        return Costs.ns(GpuInContext.syncUs(from.gpu()));
    }

    @Override
    public long transferNs(Link link, long bytes) {
        return link.transferNs(bytes);
    }

    @Override
    public long castNs(Device device, Precision from, Precision to, long elements) {
        long bytes = elements * (from.storageBytes() + to.storageBytes());
        if (device.kind() == DeviceKind.GPU && device.gpu().calibration() != null
                && !device.gpu().calibration().isEmpty()) {
            GpuParams g = device.gpu();
            long memory = Math.round(bytes / g.memoryGBps());
            GpuKernel cast = new GpuKernel(DispatchClass.CAST, new Breakdown(0, memory / 2, memory - memory / 2, 0,
                    0, Costs.ns(g.graphOverheadUs()), 1.0));
            return gpuModel.inContext(device).ns(List.of(cast), from == Precision.FP32 ? to : from, timing);
        }
        return passNs(device, bytes, elements, 1.0);
    }

    @Override
    public Optional<EdgeKernel> poolEdge(GroupedGraph graph, Group pool, Device device, int batch) {
        if (device.kind() != DeviceKind.CPU || device.cpu().calibration() == null
                || device.cpu().calibration().isEmpty()) {
            return Optional.empty();
        }
        Optional<LayerShape> shape = MaxPoolShape.of(graph.graph(), graph.anchor(pool));
        if (shape.isEmpty()) {
            return Optional.empty();
        }
        KernelShape k = KernelShape.of(shape.get(), 1);
        return cpuModel.calibrated(device.cpu().calibration()).poolEdges().price(k, Math.max(1, device.cpu().threads()))
                .map(p -> new EdgeKernel(Math.round(p.us() * 1000 * batch), p.note()
                        + (batch == 1 ? "" : ", batch 1 scaled x" + batch)));
    }

    @Override
    public Optional<EdgeKernel> precisionEdge(GroupedGraph graph, Group consumer, Device device, Precision at,
                                              int batch) {
        if (device.kind() != DeviceKind.CPU || device.cpu().calibration() == null
                || device.cpu().calibration().isEmpty() || at != Precision.INT8 && at != Precision.FP32) {
            return Optional.empty();
        }
        Optional<LayerShape> shape = GroupWork.edgeShape(graph, consumer);
        if (shape.isEmpty()) {
            return Optional.empty();
        }
        return cpuModel.calibrated(device.cpu().calibration()).precisionEdges()
                .price(shape.get(), at, Math.max(1, device.cpu().threads()))
                .map(p -> new EdgeKernel(Math.round(p.us() * 1000 * batch), p.note()
                        + (batch == 1 ? "" : ", batch 1 scaled x" + batch)));
    }

    @Override
    public long layoutNs(Device device, Layout from, Layout to, Precision precision, long elements) {
        if (from == to) {
            return 0;
        }
        long bytes = 2L * elements * precision.storageBytes();
        return passNs(device, bytes, 0, STRIDED_ACCESS_FACTOR);
    }

    private long passNs(Device device, long bytes, long elements, double slowdown) {
        if (device.kind() == DeviceKind.GPU) {
            GpuParams g = device.gpu();
            double launchUs = g.graphOverheadUs() + (timing == GpuTiming.EAGER ? g.launchOverheadUs() : 0);
            return Math.round(launchUs * 1000 + bytes * slowdown / g.memoryGBps());
        }
        if (device.kind() != DeviceKind.CPU) {
            throw new IllegalArgumentException("device '" + device.id() + "' (" + device.kind()
                    + ") cannot convert tensors");
        }
        CpuParams cpu = device.cpu();
        if (cpu.calibration() != null && !cpu.calibration().isEmpty()) {
            CalibratedCpuModel m = cpuModel.calibrated(cpu.calibration());
            int threads = Math.max(1, cpu.threads());
            double fixed = m.passUs(threads, 0);
            double moving = m.passUs(threads, bytes) - fixed;
            return Math.round((fixed + moving * slowdown) * 1000);
        }
        int cores = Math.max(1, Math.min(cpu.threads(), cpu.cores()));
        double memoryNs = bytes * slowdown / cpu.dramGBps();
        double elementNs = elements * CAST_CYCLES_PER_ELEMENT / (cpu.clockMHz() * 1e-3 * cores);
        return Math.round(memoryNs + elementNs);
    }
}
