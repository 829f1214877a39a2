package dev.hetplace.planner.exact;

import dev.hetplace.cost.CostTable;
import dev.hetplace.cost.CrossingStep;
import dev.hetplace.cost.Option;
import dev.hetplace.cost.TensorInfo;
import dev.hetplace.planner.domain.Objective;
import dev.hetplace.planner.domain.PlacementProblem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dynamic programming over the groups in topological order. The state holds, for every live tensor (produced,
 * still to be read), the option of its producer and the crossing steps already paid for it, so crossings are
 * priced exactly once per tensor. Each state keeps the Pareto set of partial plans over the figures that matter
 * (latency; per-device busy time for throughput; noise under a budget; memory under a capacity). Within
 * {@code maxStates} states and {@code maxLabels} labels per state the result is the exact optimum; beyond them the
 * search keeps the best candidates (a beam) and reports a lower bound from a relaxation instead.
 */
public final class ExactSolver {
    public static final int DEFAULT_MAX_STATES = 100_000;
    public static final int DEFAULT_MAX_LABELS = 512;
    /**
     * The beam's width once the exact DP and the relaxation have failed to prove: the plan it finds is a seed for
     * CP-SAT and Timefold, and a wider beam costs time in proportion for a plan no better on the corpus
     * (DenseNet-121 on x86-h200: 250, 500, 1,000 and 2,000 states all give the 5.811576 ms plan; 500 saves about
     * 3 s of CPU against 2,000).
     */
    static final int BEAM_STATES = 500;
    /** Above this many possible states (options to the power of live tensors) the relaxation runs first. */
    static final int RELAXATION_FIRST_STATES = 1_000;

    private final int maxStates;
    private final int maxLabels;
    private final double gapTolerance;

    public ExactSolver() {
        this(DEFAULT_MAX_STATES, DEFAULT_MAX_LABELS);
    }

    public ExactSolver(int maxStates, int maxLabels) {
        this(maxStates, maxLabels, 0);
    }

    /**
     * {@code gapTolerance} &gt; 0: once the relaxation's rounds outgrow the budget, the beam's plan is computed and
     * the rounds stop when it lies within that fraction above the bound (a stated gap instead of more rounds).
     */
    public ExactSolver(int maxStates, int maxLabels, double gapTolerance) {
        this.maxStates = maxStates;
        this.maxLabels = maxLabels;
        this.gapTolerance = gapTolerance;
    }

    int maxStates() {
        return maxStates;
    }

    double gapTolerance() {
        return gapTolerance;
    }

    public ExactResult solve(PlacementProblem problem) {
        if (problem.objective() == Objective.LATENCY && !problem.hasNoiseBudget()
                && problem.memoryCapacity().isEmpty()) {
            return ordered(problem, Long.MAX_VALUE);
        }
        // The unconstrained latency optimum bounds the search (and, for throughput, its bottleneck is an upper bound).
        ExactResult relaxed = ordered(PlacementProblem.builder(problem.table(), Objective.LATENCY)
                .allowed(problem.allowed()).build(), Long.MAX_VALUE);
        if (problem.objective() == Objective.LATENCY && meetsConstraints(problem, relaxed)) {
            // the unconstrained optimum fits the budget and the capacities, so it is the constrained optimum too
            return new ExactResult(relaxed.choice(), relaxed.optimal(), relaxed.lowerBoundNs(), relaxed.boundMethod(),
                    relaxed.search() + " without the budget and capacity constraints, whose plan meets them",
                    relaxed.peakStates(), relaxed.peakLabels());
        }
        long upper = Long.MAX_VALUE;
        if (problem.objective() == Objective.THROUGHPUT && relaxed.found()) {
            var e = dev.hetplace.planner.domain.PlanEvaluator.evaluate(problem, relaxed.choice());
            if (e.feasible()) {
                upper = e.bottleneckNs();
            }
        }
        ExactResult r = ordered(problem, upper);
        if (r.optimal()) {
            return r;
        }
        // any lower bound on the unconstrained latency bounds the constrained one
        boolean latencyBound = problem.objective() == Objective.LATENCY && relaxed.lowerBoundNs() > RelaxedBound.of(problem);
        long bound = latencyBound ? relaxed.lowerBoundNs() : RelaxedBound.of(problem);
        String method = !latencyBound ? RelaxedBound.METHOD : relaxed.optimal()
                ? "DP optimum without the budget and capacity constraints"
                : relaxed.boundMethod() + ", without the budget and capacity constraints";
        return new ExactResult(r.choice(), false, Math.max(bound, r.lowerBoundNs()),
                r.lowerBoundNs() > bound ? r.boundMethod() : method, r.search(), r.peakStates(), r.peakLabels());
    }

    /** {@code r} proves its plan optimal (exactly or by meeting its bound) and that plan meets the constraints. */
    private static boolean meetsConstraints(PlacementProblem problem, ExactResult r) {
        if (!r.found()) {
            return false;
        }
        var e = dev.hetplace.planner.domain.PlanEvaluator.evaluate(problem, r.choice());
        return e.feasible() && (r.optimal() || e.objectiveNs(problem.objective()) <= r.lowerBoundNs());
    }

    /**
     * The DP in the groups' own order; when that outgrows the budget, in the order that keeps fewer tensors live
     * ({@link GroupOrder#narrow}), which may prove what the first cannot (where the first proves, it decides). When
     * both outgrow it, the DP over a relaxation ({@link EdgeRelaxation}) bounds the optimum and may prove a plan
     * optimal; failing that, a beam over the narrower order gives the plan. Where the live tensors' options could
     * make more than {@link #RELAXATION_FIRST_STATES} states, the relaxation goes first (on bert-base it proves in a
     * fifth of the full DP's time), and where they could make more than the budget squared the full DP is not tried.
     */
    private ExactResult ordered(PlacementProblem problem, long bottleneckUpperBound) {
        CostTable t = problem.table();
        Edges all = Edges.all(t);
        int[] own = GroupOrder.identity(problem.groupCount());
        int[] narrow = GroupOrder.narrow(t, all);
        int ownWidth = GroupOrder.width(t, all, own);
        int narrowWidth = GroupOrder.width(t, all, narrow);
        boolean narrower = narrowWidth < ownWidth;
        double states = Math.pow(EdgeRelaxation.maxOptions(problem), Math.min(ownWidth, narrowWidth));
        ExactResult[] beamOnce = new ExactResult[1];
        java.util.function.Supplier<ExactResult> beamPlan = () -> {
            if (beamOnce[0] == null) {
                beamOnce[0] = run(problem, bottleneckUpperBound, narrower ? narrow : own, all, false,
                        Math.min(maxStates, BEAM_STATES));
            }
            return beamOnce[0];
        };
        EdgeRelaxation.Outcome relaxed = null;
        if (states > RELAXATION_FIRST_STATES) {
            relaxed = new EdgeRelaxation(this).search(problem, bottleneckUpperBound, beamPlan);
            if (relaxed.proven()) {
                return proven(problem, relaxed);
            }
        }
        if (states <= (double) maxStates * maxStates) {
            ExactResult r = run(problem, bottleneckUpperBound, own, all, true);
            if (r == null && narrower) {
                r = run(problem, bottleneckUpperBound, narrow, all, true);
            }
            if (r != null) {
                return r;
            }
        }
        if (relaxed == null) {
            relaxed = new EdgeRelaxation(this).search(problem, bottleneckUpperBound, beamPlan);
            if (relaxed.proven()) {
                return proven(problem, relaxed);
            }
        }
        ExactResult beam = beamPlan.get();
        int[] choice = beam.choice();
        if (relaxed.choice() != null && (choice == null
                || dev.hetplace.planner.domain.PlanEvaluator.better(problem, relaxed.choice(), choice))) {
            choice = relaxed.choice();
        }
        long bound = Math.max(beam.lowerBoundNs(), relaxed.boundNs());
        String method = relaxed.boundNs() > beam.lowerBoundNs() ? relaxed.method() : beam.boundMethod();
        String search = relaxed.rounds() == 0 ? beam.search() : beam.search() + " and " + relaxed.describe();
        return new ExactResult(choice, false, bound, method, search, Math.max(beam.peakStates(), relaxed.peakStates()),
                Math.max(beam.peakLabels(), relaxed.peakLabels()));
    }

    /** The relaxation's proof: its plan meets its bound, or no plan meets the constraints (as the exact DP says). */
    private static ExactResult proven(PlacementProblem problem, EdgeRelaxation.Outcome relaxed) {
        return relaxed.choice() == null
                ? new ExactResult(null, true, RelaxedBound.of(problem), RelaxedBound.METHOD, relaxed.describe(),
                        relaxed.peakStates(), relaxed.peakLabels())
                : new ExactResult(relaxed.choice(), false, relaxed.boundNs(), relaxed.method(), relaxed.describe(),
                        relaxed.peakStates(), relaxed.peakLabels());
    }

    /** The DP visiting the groups in {@code order} (any topological order; the optimum does not depend on it). */
    public ExactResult solveInOrder(PlacementProblem problem, int[] order) {
        return run(problem, Long.MAX_VALUE, order, Edges.all(problem.table()), false);
    }

    /** The order the DP falls back to on branchy graphs: one branch finished before the next is opened. */
    public static int[] narrowOrder(CostTable table) {
        return GroupOrder.narrow(table, Edges.all(table));
    }

    /**
     * The DP over {@code edges} only, in their narrow order; null when it outgrows the budget. Exact for the
     * relaxed problem: its objective is a lower bound on the true optimum.
     */
    ExactResult runRelaxed(PlacementProblem problem, long bottleneckUpperBound, Edges edges) {
        return run(problem, bottleneckUpperBound, GroupOrder.narrow(problem.table(), edges), edges, true);
    }

    /** The DP over the groups in {@code order}; null when {@code giveUp} and the budget is exceeded. */
    private ExactResult run(PlacementProblem problem, long bottleneckUpperBound, int[] order, Edges edges,
                            boolean giveUp) {
        return run(problem, bottleneckUpperBound, order, edges, giveUp, maxStates);
    }

    /** As above with at most {@code limit} states (the beam's width when not {@code giveUp}). */
    private ExactResult run(PlacementProblem problem, long bottleneckUpperBound, int[] order, Edges edges,
                            boolean giveUp, int limit) {
        CostTable t = problem.table();
        int groups = t.groupCount();
        int nd = problem.devices().size();
        boolean throughput = problem.objective() == Objective.THROUGHPUT;
        boolean useNoise = problem.hasNoiseBudget();
        boolean useMemory = !problem.memoryCapacity().isEmpty();
        long[] capacity = new long[nd];
        for (int d = 0; d < nd; d++) {
            capacity[d] = problem.memoryCapacity().getOrDefault(problem.devices().get(d), Long.MAX_VALUE);
        }
        int[] position = GroupOrder.positions(order);
        List<List<Integer>> consumers = GroupOrder.consumersInOrder(t, edges, position);
        int[] lastUse = lastConsumers(t, consumers, position);
        long[][] suffixNeed = suffixNeeds(t, consumers);
        int[][] keyDevices = keyDevices(t, problem);
        int[][] alike = ProducerClasses.of(t);
        List<Integer> live = new ArrayList<>();
        for (TensorInfo ti : t.tensors()) {
            if (ti.isGraphInput() && !edges.consumers(ti.id()).isEmpty()) {
                live.add(ti.id());
            }
        }
        Map<StateKey, List<Label>> states = new LinkedHashMap<>();
        int[] p0 = new int[live.size()];
        long[] m0 = new long[live.size()];
        states.put(new StateKey(p0, m0), List.of(new Label(0, new long[nd], 0, new long[nd], null, -1)));
        boolean exact = true;
        int peakStates = 1;
        int peakLabels = 1;
        for (int step = 0; step < groups; step++) {
            int g = order[step];
            List<Integer> inputs = edges.inputs(g);
            int[] inputPos = new int[inputs.size()];
            long[][][] needs = new long[inputs.size()][][];
            for (int i = 0; i < inputs.size(); i++) {
                inputPos[i] = live.indexOf(inputs.get(i));
                needs[i] = t.needMatrix(inputs.get(i), g);
            }
            int outTensor = t.outputTensor(g);
            TensorInfo out = t.tensor(outTensor);
            List<Integer> nextLive = new ArrayList<>();
            List<Integer> carriedFrom = new ArrayList<>();
            for (int i = 0; i < live.size(); i++) {
                if (lastUse[live.get(i)] > step) {
                    nextLive.add(live.get(i));
                    carriedFrom.add(i);
                }
            }
            boolean outputLive = !edges.consumers(outTensor).isEmpty();
            if (outputLive) {
                nextLive.add(outTensor);
            }
            // paid steps no later consumer can need no longer distinguish states
            long[] relevant = new long[nextLive.size()];
            for (int i = 0; i < nextLive.size(); i++) {
                relevant[i] = relevantAfter(consumers, position, suffixNeed, nextLive.get(i), step);
            }
            Map<StateKey, List<Label>> next = new LinkedHashMap<>();
            for (Map.Entry<StateKey, List<Label>> e : states.entrySet()) {
                StateKey key = e.getKey();
                for (int c : problem.allowed(g)) {
                    Option o = t.options(g).get(c);
                    int dev = problem.deviceIndex(o.choice().device());
                    long[] paid = key.paid().clone();
                    long add = o.cost().timeNs();
                    long[] busyAdd = throughput ? new long[nd] : null;
                    if (throughput) {
                        busyAdd[dev] += o.cost().timeNs();
                    }
                    boolean ok = true;
                    for (int i = 0; i < inputs.size() && ok; i++) {
                        int tensor = inputs.get(i);
                        int pos = inputPos[i];
                        int p = key.producerOption()[pos];
                        long need = needs[i][p][c];
                        if (need == CostTable.INFEASIBLE) {
                            ok = false;
                            break;
                        }
                        long fresh = need & ~paid[pos];
                        add += charge(t, tensor, p, fresh, keyDevices[tensor], busyAdd);
                        paid[pos] |= need;
                    }
                    if (!ok) {
                        continue;
                    }
                    int[] np = new int[nextLive.size()];
                    long[] nm = new long[nextLive.size()];
                    for (int i = 0; i < carriedFrom.size(); i++) {
                        np[i] = key.producerOption()[carriedFrom.get(i)];
                        nm[i] = paid[carriedFrom.get(i)] & relevant[i];
                    }
                    if (out.graphOutput()) {
                        long hostNeed = t.hostNeedMask(outTensor, c);
                        if (hostNeed == CostTable.INFEASIBLE) {
                            continue;
                        }
                        add += charge(t, outTensor, c, hostNeed, keyDevices[outTensor], busyAdd);
                        if (outputLive) {
                            nm[nextLive.size() - 1] = hostNeed & relevant[nextLive.size() - 1];
                        }
                    }
                    if (outputLive) {
                        np[nextLive.size() - 1] = alike[outTensor][c];
                    }
                    StateKey nk = new StateKey(np, nm);
                    List<Label> frontier = next.computeIfAbsent(nk, k -> new ArrayList<>());
                    for (Label l : e.getValue()) {
                        long noise = l.noise() + o.noisePpb();
                        if (useNoise && noise > problem.noiseBudgetPpb()) {
                            continue;
                        }
                        long[] mem = l.memory();
                        if (useMemory) {
                            mem = mem.clone();
                            mem[dev] += o.memoryBytes();
                            if (mem[dev] > capacity[dev]) {
                                continue;
                            }
                        }
                        long[] busy = l.busy();
                        if (throughput) {
                            busy = busy.clone();
                            boolean over = false;
                            for (int d = 0; d < nd; d++) {
                                busy[d] += busyAdd[d];
                                over |= busy[d] > bottleneckUpperBound;
                            }
                            if (over) {
                                continue;
                            }
                        }
                        insert(frontier, new Label(l.latency() + add, busy, noise, mem, l, c), throughput,
                                useNoise, useMemory);
                    }
                }
            }
            next.values().removeIf(List::isEmpty);
            for (List<Label> f : next.values()) {
                if (f.size() > maxLabels) {
                    f.sort(order(throughput));
                    f.subList(maxLabels, f.size()).clear();
                    exact = false;
                    if (giveUp) {
                        return null;
                    }
                }
                peakLabels = Math.max(peakLabels, f.size());
            }
            if (next.size() > limit) {
                // dominance between states costs a pairwise pass, so it runs only where the budget is exceeded
                StateDominance.prune(next, throughput, useNoise, useMemory);
            }
            if (next.size() > limit) {
                if (giveUp) {
                    return null;
                }
                next = beam(next, throughput, limit);
                exact = false;
            }
            peakStates = Math.max(peakStates, next.size());
            states = next;
            live = nextLive;
            if (states.isEmpty()) {
                break;
            }
        }
        Label best = null;
        for (List<Label> f : states.values()) {
            for (Label l : f) {
                if (best == null || order(throughput).compare(l, best) < 0) {
                    best = l;
                }
            }
        }
        String search = exact ? "exact DP" : "DP beam";
        if (best == null) {
            return new ExactResult(null, exact, RelaxedBound.of(problem), RelaxedBound.METHOD, search, peakStates,
                    peakLabels);
        }
        int[] choice = new int[groups];
        Label l = best;
        for (int step = groups - 1; step >= 0; step--) {
            choice[order[step]] = l.option();
            l = l.parent();
        }
        long objective = throughput ? best.bottleneck() : best.latency();
        return exact ? new ExactResult(choice, edges.isComplete(), objective, "exact DP", search, peakStates, peakLabels)
                : new ExactResult(choice, false, RelaxedBound.of(problem), RelaxedBound.METHOD, search, peakStates,
                        peakLabels);
    }

    private static long charge(CostTable t, int tensor, int p, long mask, int[] keyDevices, long[] busyAdd) {
        long sum = 0;
        for (long m = mask; m != 0; m &= m - 1) {
            int k = Long.numberOfTrailingZeros(m);
            long ns = t.keyCost(tensor, p, k);
            sum += ns;
            if (busyAdd == null) {
                continue;
            }
            int devs = keyDevices[k];
            for (int d = 0; devs != 0; d++, devs >>>= 1) {
                if ((devs & 1) != 0) {
                    busyAdd[d] += ns;
                }
            }
        }
        return sum;
    }

    private static void insert(List<Label> frontier, Label cand, boolean busy, boolean noise, boolean memory) {
        boolean useLatency = !busy;
        for (Label l : frontier) {
            if (l.dominates(cand, busy, useLatency, noise, memory)) {
                return;
            }
        }
        frontier.removeIf(l -> cand.dominates(l, busy, useLatency, noise, memory));
        frontier.add(cand);
    }

    private static Comparator<Label> order(boolean throughput) {
        Comparator<Label> byLatency = Comparator.comparingLong(Label::latency);
        return throughput ? Comparator.comparingLong(Label::bottleneck).thenComparing(byLatency) : byLatency;
    }

    private static Map<StateKey, List<Label>> beam(Map<StateKey, List<Label>> states, boolean throughput, int width) {
        List<Map.Entry<StateKey, List<Label>>> entries = new ArrayList<>(states.entrySet());
        Comparator<Label> ord = order(throughput);
        entries.sort((a, b) -> ord.compare(a.getValue().get(0), b.getValue().get(0)));
        Map<StateKey, List<Label>> kept = new LinkedHashMap<>();
        for (int i = 0; i < width; i++) {
            kept.put(entries.get(i).getKey(), entries.get(i).getValue());
        }
        return kept;
    }

    /** For each tensor and each position k in its consumer list, the union of need masks of consumers k.. on. */
    private static long[][] suffixNeeds(CostTable t, List<List<Integer>> consumers) {
        long[][] result = new long[t.tensors().size()][];
        for (TensorInfo ti : t.tensors()) {
            List<Integer> cons = consumers.get(ti.id());
            long[] suffix = new long[cons.size() + 1];
            for (int k = cons.size() - 1; k >= 0; k--) {
                long union = 0;
                int c = cons.get(k);
                for (int p = 0; p < t.producerOptions(ti.id()); p++) {
                    for (int o = 0; o < t.options(c).size(); o++) {
                        long need = t.needMask(ti.id(), c, p, o);
                        if (need != CostTable.INFEASIBLE) {
                            union |= need;
                        }
                    }
                }
                suffix[k] = suffix[k + 1] | union;
            }
            result[ti.id()] = suffix;
        }
        return result;
    }

    private static long relevantAfter(List<List<Integer>> consumers, int[] position, long[][] suffixNeed, int tensor,
                                      int step) {
        List<Integer> cons = consumers.get(tensor);
        int k = 0;
        while (k < cons.size() && position[cons.get(k)] <= step) {
            k++;
        }
        return suffixNeed[tensor][k];
    }

    /** The position in the processing order of each tensor's last consumer (-1 for none). */
    private static int[] lastConsumers(CostTable t, List<List<Integer>> consumers, int[] position) {
        int[] last = new int[t.tensors().size()];
        for (TensorInfo ti : t.tensors()) {
            List<Integer> cons = consumers.get(ti.id());
            last[ti.id()] = cons.isEmpty() ? -1 : position[cons.get(cons.size() - 1)];
        }
        return last;
    }

    private static int[][] keyDevices(CostTable t, PlacementProblem problem) {
        int[][] result = new int[t.tensors().size()][];
        for (TensorInfo ti : t.tensors()) {
            List<CrossingStep> keys = t.keys(ti.id());
            result[ti.id()] = new int[keys.size()];
            for (int k = 0; k < keys.size(); k++) {
                for (String dev : keys.get(k).devices()) {
                    result[ti.id()][k] |= 1 << problem.deviceIndex(dev);
                }
            }
        }
        return result;
    }
}
