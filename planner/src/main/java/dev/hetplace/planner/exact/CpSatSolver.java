package dev.hetplace.planner.exact;

import com.google.ortools.Loader;
import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;
import com.google.ortools.sat.Literal;
import dev.hetplace.cost.CostTable;
import dev.hetplace.cost.CrossingStep;
import dev.hetplace.cost.TensorInfo;
import dev.hetplace.planner.domain.Objective;
import dev.hetplace.planner.domain.PlacementProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The placement problem as an integer program solved by OR-Tools CP-SAT. One boolean per allowed (group, option),
 * exactly one per group; one boolean per (edge, producer option, consumer option) that can connect, summing to
 * each end's option boolean (the product of the two, linearised tightly: exact on chains and trees, and options
 * that cannot connect exclude each other). A crossing step (transfer, cast, layout change) of a tensor is paid
 * once: one boolean per (tensor, producer option, step) that some consumer may need, at least every consumer's sum
 * of pairs needing it. The accuracy budget and device memory capacities are linear constraints
 * over the option booleans. Latency is the sum of option times and paid step costs; throughput minimises the busiest
 * device's busy time. All costs are integer nanoseconds, so the model is exact.
 */
public final class CpSatSolver {
    private static volatile boolean loaded;

    private final double timeLimitSeconds;
    private final int workers;
    private final int seed;

    public CpSatSolver(double timeLimitSeconds, int workers, int seed) {
        this.timeLimitSeconds = timeLimitSeconds;
        this.workers = workers;
        this.seed = seed;
    }

    private static synchronized void load() {
        if (!loaded) {
            Loader.loadNativeLibraries();
            loaded = true;
        }
    }

    /** Solves {@code problem}; {@code hint} (an option index per group, or null) seeds the search. */
    public CpSatResult solve(PlacementProblem problem, int[] hint) {
        long t0 = System.nanoTime();
        load();
        CostTable t = problem.table();
        int groups = t.groupCount();
        int nd = problem.devices().size();
        boolean throughput = problem.objective() == Objective.THROUGHPUT;
        CpModel model = new CpModel();
        int constraints = 0;
        int booleans = 0;
        // x[g][o]: null where the option is not allowed
        BoolVar[][] x = new BoolVar[groups][];
        LinearExprBuilder latency = LinearExpr.newBuilder();
        LinearExprBuilder[] busy = new LinearExprBuilder[nd];
        LinearExprBuilder[] memory = new LinearExprBuilder[nd];
        for (int d = 0; d < nd; d++) {
            busy[d] = LinearExpr.newBuilder();
            memory[d] = LinearExpr.newBuilder();
        }
        LinearExprBuilder noise = LinearExpr.newBuilder();
        long ceiling = 0; // no plan costs more: every group at its dearest option, every step paid
        for (int g = 0; g < groups; g++) {
            x[g] = new BoolVar[t.options(g).size()];
            List<Literal> one = new ArrayList<>();
            for (int o : problem.allowed(g)) {
                BoolVar v = model.newBoolVar("x" + g + "_" + o);
                booleans++;
                x[g][o] = v;
                one.add(v);
                var opt = t.options(g).get(o);
                int d = problem.deviceIndex(opt.choice().device());
                latency.addTerm(v, opt.cost().timeNs());
                busy[d].addTerm(v, opt.cost().timeNs());
                memory[d].addTerm(v, opt.memoryBytes());
                noise.addTerm(v, opt.noisePpb());
            }
            model.addExactlyOne(one);
            constraints++;
            long dearest = 0;
            for (int o : problem.allowed(g)) {
                dearest = Math.max(dearest, t.options(g).get(o).cost().timeNs());
            }
            ceiling += dearest;
        }
        // paid[tensor] maps (producer option, step) to its boolean
        List<Map<Long, BoolVar>> paid = new ArrayList<>();
        Map<List<Integer>, BoolVar> edgePairs = new HashMap<>();
        Map<List<Integer>, BoolVar> allPairs = new HashMap<>();
        for (TensorInfo ti : t.tensors()) {
            Map<Long, BoolVar> steps = new HashMap<>();
            paid.add(steps);
            List<CrossingStep> keys = t.keys(ti.id());
            List<Integer> producerOptions = ti.isGraphInput() ? List.of(0) : problem.allowed(ti.producer());
            for (int p : producerOptions) {
                BoolVar xp = ti.isGraphInput() ? null : x[ti.producer()][p];
                if (ti.graphOutput()) {
                    long host = t.hostNeedMask(ti.id(), p);
                    if (host == CostTable.INFEASIBLE) {
                        if (xp == null) {
                            return infeasible(booleans, constraints, t0);
                        }
                        model.addEquality(xp, 0);
                        constraints++;
                        continue;
                    }
                    for (long m = host; m != 0; m &= m - 1) {
                        int k = Long.numberOfTrailingZeros(m);
                        BoolVar y = step(model, steps, ti, p, k);
                        if (xp == null) {
                            model.addEquality(y, 1);
                        } else {
                            model.addImplication(xp, y);
                        }
                        constraints++;
                    }
                }
                for (int c : ti.consumers()) {
                    long[][] need = t.needMatrix(ti.id(), c);
                    Map<Integer, LinearExprBuilder> needing = new HashMap<>();
                    for (int o : problem.allowed(c)) {
                        long n = need[p][o];
                        if (n == CostTable.INFEASIBLE) {
                            if (xp == null) {
                                model.addEquality(x[c][o], 0);
                                constraints++;
                            }
                            continue;
                        }
                        // the edge's pair (p, o); a graph input's edge is its consumer's option itself
                        BoolVar pair = xp == null ? x[c][o] : pair(model, edgePairs, ti.id(), c, p, o);
                        for (long m = n; m != 0; m &= m - 1) {
                            needing.computeIfAbsent(Long.numberOfTrailingZeros(m), k -> LinearExpr.newBuilder())
                                    .addTerm(pair, -1);
                        }
                    }
                    for (Map.Entry<Integer, LinearExprBuilder> e : needing.entrySet()) {
                        BoolVar y = step(model, steps, ti, p, e.getKey());
                        model.addGreaterOrEqual(e.getValue().addTerm(y, 1), 0);
                        constraints++;
                    }
                }
            }
            if (!ti.isGraphInput()) {
                constraints += linkPairs(model, problem, x, edgePairs, ti);
                booleans += edgePairs.size();
                allPairs.putAll(edgePairs);
                edgePairs.clear();
            }
            for (Map.Entry<Long, BoolVar> e : steps.entrySet()) {
                int p = (int) (e.getKey() >>> 32);
                int k = (int) (long) e.getKey();
                long ns = t.keyCost(ti.id(), p, k);
                ceiling += ns;
                latency.addTerm(e.getValue(), ns);
                for (String dev : keys.get(k).devices()) {
                    busy[problem.deviceIndex(dev)].addTerm(e.getValue(), ns);
                }
            }
            booleans += steps.size();
        }
        if (problem.hasNoiseBudget()) {
            model.addLessOrEqual(noise, problem.noiseBudgetPpb());
            constraints++;
        }
        for (int d = 0; d < nd; d++) {
            Long cap = problem.memoryCapacity().get(problem.devices().get(d));
            if (cap != null) {
                model.addLessOrEqual(memory[d], cap);
                constraints++;
            }
        }
        if (throughput) {
            IntVar bottleneck = model.newIntVar(0, ceiling, "bottleneck");
            for (int d = 0; d < nd; d++) {
                model.addGreaterOrEqual(LinearExpr.newBuilder().add(bottleneck).addTerm(toVar(model, busy[d], ceiling), -1), 0);
                constraints++;
            }
            model.minimize(bottleneck);
        } else {
            model.minimize(latency);
        }
        if (hint != null) {
            addHint(model, t, x, paid, hint);
            for (Map.Entry<List<Integer>, BoolVar> e : allPairs.entrySet()) {
                List<Integer> k = e.getKey();
                model.addHint(e.getValue(), hint[t.tensor(k.get(0)).producer()] == k.get(2) && hint[k.get(1)] == k.get(3));
            }
        }
        CpSolver solver = new CpSolver();
        solver.getParameters().setMaxTimeInSeconds(timeLimitSeconds).setNumWorkers(workers).setRandomSeed(seed);
        CpSolverStatus status = solver.solve(model);
        long wall = System.nanoTime() - t0;
        if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) {
            return new CpSatResult(null, status == CpSolverStatus.INFEASIBLE, (long) Math.ceil(solver.bestObjectiveBound()),
                    status.name(), booleans, constraints, wall);
        }
        int[] choice = new int[groups];
        for (int g = 0; g < groups; g++) {
            for (int o : problem.allowed(g)) {
                if (solver.booleanValue(x[g][o])) {
                    choice[g] = o;
                }
            }
        }
        boolean optimal = status == CpSolverStatus.OPTIMAL;
        long bound = optimal ? Math.round(solver.objectiveValue()) : (long) Math.ceil(solver.bestObjectiveBound() - 1e-6);
        return new CpSatResult(choice, optimal, bound, status.name(), booleans, constraints, wall);
    }

    private static CpSatResult infeasible(int booleans, int constraints, long t0) {
        return new CpSatResult(null, true, Long.MAX_VALUE, CpSolverStatus.INFEASIBLE.name(), booleans, constraints,
                System.nanoTime() - t0);
    }

    /** The boolean "producer takes p and consumer c takes o" of one edge. */
    private static BoolVar pair(CpModel model, Map<List<Integer>, BoolVar> pairs, int tensor, int c, int p, int o) {
        return pairs.computeIfAbsent(List.of(tensor, c, p, o), key -> model.newBoolVar("e" + tensor + "_" + c + "_" + p + "_" + o));
    }

    /**
     * The edge's pairs sum to the producer's option and to the consumer's (a consumer option that cannot connect
     * to producer option p has no pair, so choosing both is impossible). These marginals make the relaxation
     * exact on chains and trees.
     */
    private static int linkPairs(CpModel model, PlacementProblem problem, BoolVar[][] x,
                                 Map<List<Integer>, BoolVar> pairs, TensorInfo ti) {
        int constraints = 0;
        int producer = ti.producer();
        for (int c : ti.consumers()) {
            Map<Integer, LinearExprBuilder> byP = new HashMap<>();
            Map<Integer, LinearExprBuilder> byO = new HashMap<>();
            for (int p : problem.allowed(producer)) {
                byP.put(p, LinearExpr.newBuilder().addTerm(x[producer][p], -1));
            }
            for (int o : problem.allowed(c)) {
                byO.put(o, LinearExpr.newBuilder().addTerm(x[c][o], -1));
            }
            for (int p : problem.allowed(producer)) {
                for (int o : problem.allowed(c)) {
                    BoolVar e = pairs.get(List.of(ti.id(), c, p, o));
                    if (e != null) {
                        byP.get(p).addTerm(e, 1);
                        byO.get(o).addTerm(e, 1);
                    }
                }
            }
            for (LinearExprBuilder b : byP.values()) {
                model.addEquality(b, 0);
                constraints++;
            }
            for (LinearExprBuilder b : byO.values()) {
                model.addEquality(b, 0);
                constraints++;
            }
        }
        return constraints;
    }

    private static BoolVar step(CpModel model, Map<Long, BoolVar> steps, TensorInfo ti, int p, int k) {
        return steps.computeIfAbsent(((long) p << 32) | k, key -> model.newBoolVar("y" + ti.id() + "_" + p + "_" + k));
    }

    private static IntVar toVar(CpModel model, LinearExprBuilder expr, long ceiling) {
        IntVar v = model.newIntVar(0, ceiling, "busy");
        model.addEquality(v, expr);
        return v;
    }

    /** The hint: the plan's options and the crossing steps it pays. */
    private static void addHint(CpModel model, CostTable t, BoolVar[][] x, List<Map<Long, BoolVar>> paid, int[] plan) {
        for (int g = 0; g < x.length; g++) {
            for (int o = 0; o < x[g].length; o++) {
                if (x[g][o] != null) {
                    model.addHint(x[g][o], o == plan[g]);
                }
            }
        }
        for (TensorInfo ti : t.tensors()) {
            int p = ti.isGraphInput() ? 0 : plan[ti.producer()];
            long mask = ti.graphOutput() ? Math.max(0, t.hostNeedMask(ti.id(), p)) : 0;
            for (int c : ti.consumers()) {
                long n = t.needMask(ti.id(), c, p, plan[c]);
                if (n != CostTable.INFEASIBLE) {
                    mask |= n;
                }
            }
            for (Map.Entry<Long, BoolVar> e : paid.get(ti.id()).entrySet()) {
                int ep = (int) (e.getKey() >>> 32);
                int k = (int) (long) e.getKey();
                model.addHint(e.getValue(), ep == p && (mask & (1L << k)) != 0);
            }
        }
    }
}
