package dev.hetplace.cost.vta;

import dev.hetplace.backends.vta.VtaPlan;
import dev.hetplace.backends.vta.VtaUnsupportedException;
import dev.hetplace.backends.vta.VtaWorkload;
import dev.hetplace.backends.vta.VtaWorkloads;
import dev.hetplace.backends.vta.sim.VtaAluImmediates;
import dev.hetplace.backends.vta.sim.VtaLowering;
import dev.hetplace.backends.vta.sim.VtaProgram;
import dev.hetplace.backends.vta.sim.VtaSimOptions;
import dev.hetplace.backends.vta.sim.VtaTimingResult;
import dev.hetplace.backends.vta.sim.VtaTimingSimulator;
import dev.hetplace.cost.Breakdown;
import dev.hetplace.cost.Cost;
import dev.hetplace.cost.CostSource;
import dev.hetplace.cost.GroupCostModel;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.hw.VtaConfig;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Simulated cost of the groups {@link VtaCostModel} prices: the same plan (the schedule's best tiling), lowered to
 * VTA instructions and run through the timing simulator (fetch, load, compute and store modules with their
 * queues, the shared memory port). Source SIMULATED; feasibility is the analytical model's. Simulations are
 * remembered per (workload shape, configuration).
 */
public final class VtaSimulatedCostModel implements GroupCostModel {
    private final VtaCostModel analytical;
    private final VtaTimingSimulator simulator;
    private final Map<SimKey, Optional<VtaTimingResult>> runs = new ConcurrentHashMap<>();

    public VtaSimulatedCostModel() {
        this(new VtaCostModel());
    }

    /** Simulates the plans of {@code analytical} (sharing its plan cache) with its schedule's timing constants. */
    public VtaSimulatedCostModel(VtaCostModel analytical) {
        this(analytical, VtaSimOptions.DEFAULT);
    }

    public VtaSimulatedCostModel(VtaCostModel analytical, VtaSimOptions options) {
        this.analytical = analytical;
        this.simulator = new VtaTimingSimulator(analytical.schedule().timing(), options);
    }

    @Override
    public Optional<Cost> cost(GroupedGraph graph, Group group, Device device, Precision precision, Layout layout,
                               int batch) {
        if (precision != Precision.INT8 || layout != Layout.BLOCKED) {
            return Optional.empty();
        }
        if (VtaWorkloads.fusionProducer(graph, group).isPresent()) {
            return analytical.fusedAdd(graph, group, device, batch).flatMap(f -> {
                Optional<VtaTimingResult> with = simulate(group.name(), f.fused());
                Optional<VtaTimingResult> alone = simulate(f.conv().name(), f.alone());
                return with.isEmpty() || alone.isEmpty() ? Optional.empty()
                        : Optional.of(f.marginal(toCost(f.fused(), with.get()), toCost(f.alone(), alone.get()),
                                CostSource.SIMULATED, "simulated "));
            });
        }
        Optional<VtaPlan> plan = analytical.plan(graph, group, device, batch);
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        return simulate(group.name(), plan.get()).map(r -> toCost(plan.get(), r));
    }

    /**
     * The timing simulation behind a group's cost, empty where {@link #cost} is; for a residual add fused into its
     * conv, the simulation of that conv with the add.
     */
    public Optional<VtaTimingResult> simulation(GroupedGraph graph, Group group, Device device, int batch) {
        if (VtaWorkloads.fusionProducer(graph, group).isPresent()) {
            return analytical.fusedAdd(graph, group, device, batch).flatMap(f -> simulate(group.name(), f.fused()));
        }
        return analytical.plan(graph, group, device, batch).flatMap(p -> simulate(group.name(), p));
    }

    /** Distinct (workload, configuration) pairs simulated so far. */
    public int cachedSimulations() {
        return runs.size();
    }

    private Optional<VtaTimingResult> simulate(String group, VtaPlan plan) {
        return runs.computeIfAbsent(new SimKey(plan.workload(), plan.config()), k -> {
            try {
                VtaProgram p = VtaLowering.lower(group, plan, VtaAluImmediates.DEFAULT);
                return Optional.of(simulator.run(p));
            } catch (VtaUnsupportedException e) {
                return Optional.empty();
            }
        });
    }

    private Cost toCost(VtaPlan p, VtaTimingResult r) {
        VtaConfig c = p.config();
        long total = r.timeNs(c);
        long compute = VtaPlan.cyclesToNs(r.computeBusy(), c);
        long store = VtaPlan.cyclesToNs(r.storeExposed(), c);
        long load = Math.max(0, total - compute - store);
        double wasteCycles = p.paddedMacs() > 0
                ? (double) (p.paddedMacs() - p.logicalMacs()) / c.macsPerCycle()
                : (double) r.counters().aluOps() * analytical.schedule().timing().aluInitiationInterval()
                        * (1 - p.usefulFraction());
        long waste = Math.round(wasteCycles * 1000.0 / c.clockMHz());
        VtaRuntimeOverhead runtime = VtaRuntimeOverhead.of(p);
        return new Cost(total + runtime.totalNs(), new Breakdown(compute, load, store, waste, 0, runtime.totalNs(),
                p.usefulFraction()), CostSource.SIMULATED,
                VtaCostModel.withRuntime("simulated " + p.tiling().note(), runtime));
    }

    private record SimKey(VtaWorkload workload, VtaConfig config) {
    }
}
