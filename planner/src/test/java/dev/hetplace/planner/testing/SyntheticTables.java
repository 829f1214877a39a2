package dev.hetplace.planner.testing;

import dev.hetplace.cost.Breakdown;
import dev.hetplace.cost.Cost;
import dev.hetplace.cost.CostSource;
import dev.hetplace.cost.CostTable;
import dev.hetplace.cost.CostTableBuilder;
import dev.hetplace.cost.CrossingModel;
import dev.hetplace.cost.GroupCostModel;
import dev.hetplace.cost.NoiseModel;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Link;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Precision;
import dev.hetplace.hw.VtaConfig;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GraphBuilder;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.op.Activation;
import dev.hetplace.ir.op.Concat;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Eltwise;
import dev.hetplace.ir.op.EltwiseKind;
import dev.hetplace.ir.op.Pool;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.tensor.TensorType;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/** Seeded random graphs and cost tables for checking solvers against brute force. */
public final class SyntheticTables {
    private SyntheticTables() {
    }

    public static Platform platform() {
        Device cpu = new Device("cpu", DeviceKind.CPU, "test cpu", List.of(Precision.FP32, Precision.INT8), Set.of("*"),
                0, null, null, null);
        Device vta = new Device("vta", DeviceKind.VTA, "test vta", List.of(Precision.INT8),
                Set.of("conv2d", "add", "relu"), 0, null, VtaConfig.DEFAULT, null);
        Device gpu = new Device("gpu", DeviceKind.GPU, "test gpu", List.of(Precision.FP32, Precision.FP16), Set.of("*"),
                0, null, null, null);
        List<Link> links = List.of(new Link("cpu", "vta", 1, 1), new Link("vta", "cpu", 1, 1),
                new Link("cpu", "gpu", 5, 10), new Link("gpu", "cpu", 5, 10));
        return new Platform("synthetic", "test platform", List.of(cpu, vta, gpu), links);
    }

    /**
     * The brute-force tests' problem for {@code seed}: a random graph of 4-6 anchor layers, batch 1 or 2, latency,
     * unconstrained; small enough to enumerate.
     */
    public static dev.hetplace.planner.domain.PlacementProblem smallProblem(long seed) {
        CostTable t = table(randomGraph(seed, 4 + (int) (seed % 3)), seed, 1 + (int) (seed % 2));
        var p = dev.hetplace.planner.domain.PlacementProblem.unconstrained(t, dev.hetplace.planner.domain.Objective.LATENCY);
        if (BruteForce.combinations(p) >= 2_000_000) {
            throw new IllegalStateException("seed " + seed + " too large to enumerate");
        }
        return p;
    }

    /**
     * A memory capacity that binds on the small problems: room for about two activations on VTA and GPU (the
     * brute-force tests check that it changes the optimum on enough seeds).
     */
    public static final java.util.Map<String, Long> BINDING_MEMORY = java.util.Map.of("vta", 2L * 2320 + 10,
            "gpu", 2L * 4640 + 10);

    /** A noise budget (ppb) that binds on the small problem of {@code seed}. */
    public static long bindingNoiseBudget(long seed) {
        return 5_000 + seed * 1_000;
    }

    /** A random DAG of convs, residual adds, concats and pools with up to {@code layers} anchor layers. */
    public static GroupedGraph randomGraph(long seed, int layers) {
        SplittableRandom r = new SplittableRandom(seed);
        GraphBuilder b = new GraphBuilder("random-" + seed);
        int in = b.input("input", TensorType.fp32(1, 16, 8, 8));
        List<Integer> pool = new java.util.ArrayList<>(List.of(in));
        int last = in;
        for (int i = 0; i < layers; i++) {
            int a = pool.get(pool.size() - 1 - r.nextInt(Math.min(3, pool.size())));
            int kind = r.nextInt(5);
            int next;
            if (kind <= 1 || pool.size() < 2) {
                next = b.add("conv" + i, Conv2d.square(16, 3, 1, 1, true), a);
                if (r.nextBoolean()) {
                    next = b.add("relu" + i, Activation.relu(), next);
                }
            } else if (kind == 2) {
                int o = pool.get(r.nextInt(pool.size()));
                next = o == a ? b.add("conv" + i, Conv2d.square(16, 1, 1, 0, true), a)
                        : b.add("add" + i, Eltwise.of(EltwiseKind.ADD), a, o);
            } else if (kind == 3) {
                int o = pool.get(r.nextInt(pool.size()));
                int cat = b.add("cat" + i, new Concat(1), a, o);
                next = b.add("squeeze" + i, Conv2d.square(16, 1, 1, 0, true), cat);
            } else {
                next = b.add("pool" + i, Pool.max(3, 1, 1), a);
            }
            pool.add(next);
            last = next;
        }
        Graph g = b.build(last);
        return Grouping.apply(g);
    }

    /** Seeded costs: every device runs what its op list allows, VTA only int8 blocked, CPU int8 also blocked. */
    public static CostTable table(GroupedGraph gg, long seed, int batch) {
        GroupCostModel model = (graph, group, device, precision, layout, b) -> {
            String op = graph.anchor(group).opName();
            if (!device.supports(op)) {
                return Optional.empty();
            }
            if (device.kind() == DeviceKind.VTA && layout != Layout.BLOCKED) {
                return Optional.empty();
            }
            if (device.kind() != DeviceKind.VTA && layout == Layout.BLOCKED
                    && !(device.kind() == DeviceKind.CPU && precision == Precision.INT8 && op.equals("add"))) {
                return Optional.empty();
            }
            long h = mix(seed, group.id(), device.id().hashCode(), precision.ordinal(), layout.ordinal());
            long ns = 1000 + Math.floorMod(h, 20_000) * b;
            return Optional.of(new Cost(ns, Breakdown.compute(ns), CostSource.ANALYTICAL, "synthetic"));
        };
        CrossingModel crossing = new CrossingModel() {
            @Override
            public long transferNs(Link link, long bytes) {
                return link.transferNs(bytes);
            }

            @Override
            public long castNs(Device device, Precision from, Precision to, long elements) {
                return elements / 2 + Math.floorMod(mix(seed, from.ordinal(), to.ordinal(), 7, 7), 500);
            }

            @Override
            public long layoutNs(Device device, Layout from, Layout to, Precision precision, long elements) {
                return elements + Math.floorMod(mix(seed, from.ordinal(), to.ordinal(), 9, 9), 300);
            }
        };
        NoiseModel noise = new NoiseModel() {
            @Override
            public long noisePpb(GroupedGraph graph, Group group, Precision precision) {
                return precision == Precision.FP32 ? 0 : 1000 + Math.floorMod(mix(seed, group.id(), precision.ordinal(), 3, 3), 9000);
            }

            @Override
            public boolean measured() {
                return false;
            }

            @Override
            public String describe() {
                return "synthetic";
            }
        };
        return new CostTableBuilder(gg, platform(), List.of("cpu", "vta", "gpu"), EnumSet.allOf(Precision.class), batch,
                model, crossing, noise).build();
    }

    public static long mix(long seed, int a, int b, int c, int d) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int v : new int[] {a, b, c, d}) {
            h = (h ^ v) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return h;
    }
}
