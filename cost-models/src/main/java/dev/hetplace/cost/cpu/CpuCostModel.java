package dev.hetplace.cost.cpu;

import dev.hetplace.cost.Breakdown;
import dev.hetplace.cost.Cost;
import dev.hetplace.cost.Costs;
import dev.hetplace.cost.GroupCostModel;
import dev.hetplace.cost.GroupWork;
import dev.hetplace.cost.OpClass;
import dev.hetplace.hw.CpuParams;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prices groups on CPUs: a CPU whose profile names a measurement table ({@code CpuParams.calibration}) is priced
 * by {@link CalibratedCpuModel} times its in-model factor ({@link CpuInContext}), any other (the ARM hosts) by {@link ArmCpuModel}. Feasible: plain layout at every
 * precision the device lists that the group's ops have kernels for (int8: GEMMs, pooling, add, ReLU-like clips,
 * copies), and blocked int8 for the element-wise groups TVM runs on VTA-packed tensors (add, ReLU, clip).
 */
public final class CpuCostModel implements GroupCostModel {
    private final ArmCpuModel arm = new ArmCpuModel();
    private final Map<String, CalibratedCpuModel> calibrated = new ConcurrentHashMap<>();
    private final Map<String, CpuInContext> contexts = new ConcurrentHashMap<>();
    private final BiFunction<Device, CpuCostModel, CpuInContext> inContextFit;

    /** {@code inContextFit} fits a calibrated CPU's in-model correction with this model (cost.models wires it). */
    public CpuCostModel(BiFunction<Device, CpuCostModel, CpuInContext> inContextFit) {
        this.inContextFit = inContextFit;
    }

    @Override
    public Optional<Cost> cost(GroupedGraph graph, Group group, Device device, Precision precision, Layout layout,
                               int batch) {
        return cost(GroupWork.of(graph, group), device, precision, layout, batch);
    }

    public Optional<Cost> cost(GroupWork w, Device device, Precision precision, Layout layout, int batch) {
        if (device.kind() != DeviceKind.CPU || !feasible(w, device, precision, layout)) {
            return Optional.empty();
        }
        CpuParams cpu = device.cpu();
        String calibration = cpu.calibration() == null ? "" : cpu.calibration();
        if (!calibration.isEmpty()) {
            CpuInContext context = inContext(device);
            return calibrated(calibration).cost(w, cpu, precision, batch).map(c -> scaled(c,
                    context.factor(Math.max(1, cpu.threads())), context.describe(Math.max(1, cpu.threads()))));
        }
        return Optional.of(arm.cost(w, cpu, precision, batch));
    }

    /** The in-model correction of a calibrated CPU, fitted once per table to the whole-model rows beside it. */
    public CpuInContext inContext(Device device) {
        return contexts.computeIfAbsent(device.cpu().calibration(), k -> inContextFit.apply(device, this));
    }

    static Cost scaled(Cost c, double f, String note) {
        Breakdown b = c.breakdown();
        Breakdown s = new Breakdown(Math.round(b.computeNs() * f), Math.round(b.loadNs() * f),
                Math.round(b.storeNs() * f), Math.round(b.paddingWasteNs() * f), Math.round(b.layoutNs() * f),
                Math.round(b.launchNs() * f), b.usefulFraction());
        return Costs.of(s, c.source(), c.note() + "; " + note);
    }

    /** The calibrated model of a measurement table (isolated layer times), built once per table. */
    public CalibratedCpuModel calibrated(String calibration) {
        return calibrated.computeIfAbsent(calibration, CalibratedCpuModel::new);
    }

    static boolean feasible(GroupWork w, Device device, Precision p, Layout layout) {
        if (!device.supports(p) || !device.supports(w.anchor().opName())) {
            return false;
        }
        if (p != Precision.FP32 && p != Precision.INT8) {
            return false;
        }
        if (w.opClass() == OpClass.OPAQUE && (p != Precision.FP32 || layout != Layout.PLAIN)) {
            return false;
        }
        if (p == Precision.INT8 && (!OpClass.hasInt8Kernel(w.anchor().op()) || !w.fusedInt8())) {
            return false;
        }
        if (layout == Layout.BLOCKED) {
            return p == Precision.INT8 && OpClass.runsOnBlockedInt8(w.anchor().op())
                    && w.fused().stream().allMatch(f -> OpClass.runsOnBlockedInt8(f.op()));
        }
        return true;
    }
}
