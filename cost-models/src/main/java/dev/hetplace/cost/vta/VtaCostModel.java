package dev.hetplace.cost.vta;

import dev.hetplace.backends.vta.VtaConvWorkload;
import dev.hetplace.backends.vta.VtaPlan;
import dev.hetplace.backends.vta.VtaSchedule;
import dev.hetplace.backends.vta.VtaUnsupportedException;
import dev.hetplace.backends.vta.VtaWorkload;
import dev.hetplace.backends.vta.VtaWorkloads;
import dev.hetplace.cost.Breakdown;
import dev.hetplace.cost.Cost;
import dev.hetplace.cost.CostSource;
import dev.hetplace.cost.GroupCostModel;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.hw.VtaConfig;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.op.Activation;
import dev.hetplace.ir.op.ActivationKind;
import dev.hetplace.ir.op.Op;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Analytical cost of conv2d (groups = 1), dense and ALU-only groups (residual add, ReLU, clip) on a VTA device, in
 * int8 on blocked tensors (a residual add that fuses into the conv before it, as TVM builds it, is priced fused:
 * {@link #fusedAdd}): the fastest tiling {@link VtaSchedule} finds, its modelled cycles at the device's clock,
 * plus what TVM's VTA runtime spends around the kernel ({@link VtaRuntimeOverhead}, the breakdown's launch).
 * Anything else (pools, softmax, depthwise or grouped conv, sigmoid, other devices, precisions or layouts) is
 * empty. A configuration whose buffers cannot hold one block is bad input and throws
 * {@link VtaUnsupportedException}. Tiling searches are remembered per (workload shape, configuration).
 */
public final class VtaCostModel implements GroupCostModel {
    private final VtaSchedule schedule;
    private final Map<PlanKey, Optional<VtaPlan>> plans = new ConcurrentHashMap<>();

    public VtaCostModel() {
        this(new VtaSchedule());
    }

    public VtaCostModel(VtaSchedule schedule) {
        this.schedule = schedule;
    }

    /** The schedule whose plans this model prices (and a simulator of those plans lowers). */
    public VtaSchedule schedule() {
        return schedule;
    }

    @Override
    public Optional<Cost> cost(GroupedGraph graph, Group group, Device device, Precision precision, Layout layout,
                               int batch) {
        if (precision != Precision.INT8 || layout != Layout.BLOCKED) {
            return Optional.empty();
        }
        if (VtaWorkloads.fusionProducer(graph, group).isPresent()) {
            return fusedAdd(graph, group, device, batch).map(f -> f.marginal(toCost(f.fused()), toCost(f.alone()),
                    CostSource.ANALYTICAL, ""));
        }
        return plan(graph, group, device, batch).map(this::toCost);
    }

    /**
     * A residual add fused into the VTA conv before it ({@link VtaWorkloads#fusionProducer}): the conv's group, the
     * plan of the conv with the add in its epilogue and the plan of the conv alone. Its price is the difference,
     * and the add is feasible on VTA only with that conv on VTA. Empty where the add does not fuse or VTA cannot
     * run the fused conv.
     */
    public record FusedAdd(Group conv, VtaPlan fused, VtaPlan alone) {
        /** The add's price: what fusing it adds to the conv's time and breakdown (never below 0). */
        Cost marginal(Cost withAdd, Cost convAlone, CostSource source, String prefix) {
            Breakdown a = withAdd.breakdown();
            Breakdown b = convAlone.breakdown();
            long time = Math.max(0, withAdd.timeNs() - convAlone.timeNs());
            long launch = Math.min(time, Math.max(0, a.launchNs() - b.launchNs()));
            long compute = Math.min(time - launch, Math.max(0, a.computeNs() - b.computeNs()));
            long store = Math.min(time - launch - compute, Math.max(0, a.storeNs() - b.storeNs()));
            Breakdown d = new Breakdown(compute, time - launch - compute - store, store, 0, 0, launch, 1.0);
            return new Cost(time, d, source, prefix
                    + "fused into the conv before it (" + fused.tiling().note() + ")", conv.id());
        }
    }

    public Optional<FusedAdd> fusedAdd(GroupedGraph graph, Group add, Device device, int batch) {
        Optional<Group> conv = VtaWorkloads.fusionProducer(graph, add);
        if (conv.isEmpty() || !device.supports("add")) {
            return Optional.empty();
        }
        Optional<VtaPlan> alone = plan(graph, conv.get(), device, batch);
        Optional<VtaConvWorkload> w = VtaWorkloads.fusedConvAdd(graph, conv.get(), add, batch);
        if (alone.isEmpty() || w.isEmpty()) {
            return Optional.empty();
        }
        return plans.computeIfAbsent(new PlanKey(w.get(), device.vta()), k -> search(add.name(), k))
                .map(f -> new FusedAdd(conv.get(), f, alone.get()));
    }

    /**
     * The plan behind a group's cost (tiling, counts, cycles), empty where {@link #cost} is and for a residual add
     * that fuses into its conv ({@link #fusedAdd} has its plans).
     */
    public Optional<VtaPlan> plan(GroupedGraph graph, Group group, Device device, int batch) {
        if (VtaWorkloads.fusionProducer(graph, group).isPresent() || device.kind() != DeviceKind.VTA
                || device.vta() == null || !device.supports(Precision.INT8)
                || !device.supports(opName(graph.anchor(group).op()))) {
            return Optional.empty();
        }
        VtaConfig config = device.vta();
        VtaSchedule.requireHoldsOneBlock(group.name(), config);
        Optional<VtaWorkload> workload;
        try {
            workload = VtaWorkloads.of(graph, group, batch);
        } catch (VtaUnsupportedException e) {
            return Optional.empty();
        }
        if (workload.isEmpty()) {
            return Optional.empty();
        }
        return plans.computeIfAbsent(new PlanKey(workload.get(), config), k -> search(group.name(), k));
    }

    /** Distinct (workload, configuration) pairs searched so far. */
    public int cachedPlans() {
        return plans.size();
    }

    private Optional<VtaPlan> search(String group, PlanKey key) {
        try {
            return Optional.of(schedule.plan(group, key.workload(), key.config()));
        } catch (VtaUnsupportedException e) {
            return Optional.empty();
        }
    }

    private Cost toCost(VtaPlan p) {
        VtaConfig c = p.config();
        long total = p.timeNs();
        long compute = VtaPlan.cyclesToNs(p.cycles().computeBusy(), c);
        long store = VtaPlan.cyclesToNs(p.cycles().storeExposed(), c);
        long load = Math.max(0, total - compute - store);
        double wasteCycles = p.paddedMacs() > 0
                ? (double) (p.paddedMacs() - p.logicalMacs()) / c.macsPerCycle()
                : (double) p.total().aluOps() * schedule.timing().aluInitiationInterval() * (1 - p.usefulFraction());
        long waste = Math.round(wasteCycles * 1000.0 / c.clockMHz());
        VtaRuntimeOverhead runtime = VtaRuntimeOverhead.of(p);
        return new Cost(total + runtime.totalNs(), new Breakdown(compute, load, store, waste, 0, runtime.totalNs(),
                p.usefulFraction()), CostSource.ANALYTICAL, withRuntime(p.tiling().note(), runtime));
    }

    /** A VTA cost's note followed by its TVM runtime terms, when the board prices them. */
    static String withRuntime(String note, VtaRuntimeOverhead runtime) {
        return runtime.kernels() == 0 ? note : note + "; " + runtime.note();
    }

    /** The op name a VTA profile lists for a group's anchor: ReLU6 and clip are both {@code clip}. */
    private static String opName(Op op) {
        if (op instanceof Activation a && (a.kind() == ActivationKind.RELU6 || a.kind() == ActivationKind.CLIP)) {
            return "clip";
        }
        return op.name();
    }

    private record PlanKey(VtaWorkload workload, VtaConfig config) {
    }
}
