package dev.hetplace.planner.solve;

import dev.hetplace.cost.CostTable;
import dev.hetplace.hw.Choice;
import dev.hetplace.hw.Device;
import dev.hetplace.planner.domain.Evaluation;
import dev.hetplace.planner.domain.GroupResolver;
import dev.hetplace.planner.domain.NoFeasiblePlanException;
import dev.hetplace.planner.domain.Pin;
import dev.hetplace.planner.domain.PlacementProblem;
import dev.hetplace.planner.domain.Plan;
import dev.hetplace.planner.domain.PlanEvaluator;
import dev.hetplace.planner.domain.Proof;
import dev.hetplace.planner.domain.Sqnr;
import dev.hetplace.planner.exact.CpSatResult;
import dev.hetplace.planner.exact.CpSatSolver;
import dev.hetplace.planner.exact.ExactResult;
import dev.hetplace.planner.exact.ExactSolver;
import dev.hetplace.planner.exact.RelaxedBound;
import dev.hetplace.planner.setting.Setting;
import dev.hetplace.planner.setting.Wording;
import dev.hetplace.planner.timefold.TimefoldPlacementSolver;
import dev.hetplace.planner.timefold.TimefoldResult;
import dev.hetplace.planner.timefold.TimefoldSettings;
import dev.hetplace.planner.tvm.rules.TvmRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns a cost table and a request into a plan: constraints applied, solved, bounded. */
public final class Planner {
    private Planner() {
    }

    /** The problem the request describes; refuses impossible requests before any search. */
    public static PlacementProblem problem(CostTable table, PlanRequest request) {
        return problem(table, request, ref -> dev.hetplace.ir.LayerAddress.resolveGroup(table.graph(), ref));
    }

    /** As above, with layer references resolved by {@code resolver} (e.g. against the graph as loaded). */
    public static PlacementProblem problem(CostTable table, PlanRequest request, GroupResolver resolver) {
        PlacementProblem p = PlacementProblem.unconstrained(table, request.objective());
        List<List<Integer>> allowed = p.allowed();
        if (request.tvmCompatible()) {
            allowed = TvmRules.allowed(table, allowed, request.wording());
        }
        for (Pin pin : request.pins()) {
            allowed = pin.apply(table, resolver, allowed, request.tvmCompatible() ? Setting.TVM_COMPATIBLE : null,
                    request.wording());
        }
        p = p.withAllowed(allowed).withWording(request.wording());
        if (request.minSqnrDb() != null) {
            long budget = Sqnr.budgetPpb(request.minSqnrDb());
            long least = 0;
            for (int g = 0; g < table.groupCount(); g++) {
                long min = Long.MAX_VALUE;
                for (int o : allowed.get(g)) {
                    min = Math.min(min, table.options(g).get(o).noisePpb());
                }
                least += min;
            }
            long most = 0;
            for (int g = 0; g < table.groupCount(); g++) {
                long max = 0;
                for (int o : allowed.get(g)) {
                    max = Math.max(max, table.options(g).get(o).noisePpb());
                }
                most += max;
            }
            if (least > budget) {
                throw new NoFeasiblePlanException(String.format(Locale.ROOT,
                        "accuracy budget %s %.1f dB cannot be met: the least noise any allowed plan adds is "
                                + "%d ppb (%.1f dB), %d ppb over the budget of %d ppb",
                        request.wording().name(Setting.MIN_SQNR), request.minSqnrDb(), least,
                        Sqnr.db(least), least - budget, budget));
            }
            if (most > budget) {
                p = p.withNoiseBudget(budget);
            }
        }
        if (request.enforceMemory()) {
            Map<String, Long> cap = new HashMap<>();
            long mostAnyDeviceCanHold = 0;
            for (int g = 0; g < table.groupCount(); g++) {
                long max = 0;
                for (int o : allowed.get(g)) {
                    max = Math.max(max, table.options(g).get(o).memoryBytes());
                }
                mostAnyDeviceCanHold += max;
            }
            for (Device d : table.platform().devices()) {
                // a capacity no plan can exceed is no constraint; leaving it out keeps the DP's labels scalar
                if (d.memoryBytes() > 0 && d.memoryBytes() < mostAnyDeviceCanHold) {
                    cap.put(d.id(), d.memoryBytes());
                }
            }
            p = p.withMemoryCapacity(cap);
        }
        return p;
    }

    /** A DP state budget that keeps the DP to a few seconds: exact on the zoo, a beam on very wide graphs. */
    static int stateBudget(int groups) {
        return (int) Math.max(1_000, Math.min(ExactSolver.DEFAULT_MAX_STATES, 4_000_000L / Math.max(1, groups)));
    }

    public static Plan solve(PlacementProblem problem, PlanRequest request) {
        long t0 = System.nanoTime();
        boolean needDp = request.solver() == SolverKind.AUTO || request.solver() == SolverKind.EXACT
                || request.dpSeed();
        ExactResult r = needDp
                ? new ExactSolver(stateBudget(problem.groupCount()), ExactSolver.DEFAULT_MAX_LABELS,
                        request.solver() == SolverKind.AUTO ? AUTO_GAP_TOLERANCE : 0).solve(problem)
                : null;
        String dpLine = r == null ? null : String.format(Locale.ROOT, "%s (peak %d states, %d labels per state)",
                r.search(), r.peakStates(), r.peakLabels());
        boolean seedProvenOptimal = r != null && proof(problem, r) != Proof.NONE;
        if (request.solver() == SolverKind.AUTO && !seedProvenOptimal && withinTolerance(problem, r)) {
            return plan(problem, r.choice(), r.lowerBoundNs(), r.boundMethod(), false, dpLine
                    + autoToleranceNote(request.wording()), request.seed(), System.nanoTime() - t0);
        }
        int[] seedPlan = r != null && r.found() ? r.choice() : null;
        long bound = r != null ? r.lowerBoundNs() : RelaxedBound.of(problem);
        String method = r != null ? r.boundMethod() : RelaxedBound.METHOD;
        boolean runCpSat = request.solver() == SolverKind.CPSAT
                || request.solver() == SolverKind.AUTO && r != null && !seedProvenOptimal
                        && problem.groupCount() <= CP_SAT_AUTO_MAX_GROUPS;
        if (runCpSat) {
            CpSatResult cp = new CpSatSolver(CP_SAT_SECONDS, cpSatWorkers(), (int) request.seed())
                    .solve(problem, seedPlan);
            String cpLine = String.format(Locale.ROOT, "CP-SAT %s (%d booleans, %d constraints, %.1f s)%s",
                    cp.optimal() ? "optimal" : cp.status().toLowerCase(Locale.ROOT), cp.booleans(), cp.constraints(),
                    cp.wallNs() / 1e9, seedPlan == null ? "" : " seeded with " + dpLine);
            int[] best = seedPlan;
            if (cp.found() && (best == null || !PlanEvaluator.better(problem, best, cp.choice()))) {
                best = cp.choice();
            }
            if (cp.lowerBoundNs() > bound && cp.lowerBoundNs() != Long.MAX_VALUE) {
                bound = cp.lowerBoundNs();
                method = CpSatResult.BOUND_METHOD;
            }
            boolean proven = cp.optimal() && cp.found();
            if (proven || request.solver() == SolverKind.CPSAT) {
                if (best == null || !PlanEvaluator.evaluate(problem, best).feasible()) {
                    throw new NoFeasiblePlanException(infeasibility(problem));
                }
                if (proven) {
                    bound = PlanEvaluator.evaluate(problem, best).objectiveNs(problem.objective());
                    method = CpSatResult.BOUND_METHOD + " (proven optimal)";
                }
                return plan(problem, best, bound, method, false, cpLine, request.seed(), System.nanoTime() - t0);
            }
            seedPlan = best;
            dpLine = cpLine;
        }
        boolean runTimefold = request.solver() != SolverKind.EXACT && r != null && !seedProvenOptimal
                || request.solver() == SolverKind.TIMEFOLD && r == null;
        if (!runTimefold) {
            if (!r.found()) {
                throw new NoFeasiblePlanException(infeasibility(problem));
            }
            long exactBound = r.optimal()
                    ? PlanEvaluator.evaluate(problem, r.choice()).objectiveNs(problem.objective()) : r.lowerBoundNs();
            String solver = request.solver() == SolverKind.TIMEFOLD
                    ? "Timefold skipped: its seed, the " + dpLine + ", is proven optimal ("
                            + request.wording().name(Setting.NO_DP_SEED) + " runs it from its own construction)"
                    : dpLine;
            return plan(problem, r.choice(), exactBound, r.boundMethod(), r.optimal(), solver, request.seed(),
                    System.nanoTime() - t0);
        }
        // auto refines a DP beam plan; on very wide graphs a short refinement keeps planning to seconds
        int steps = request.solver() == SolverKind.AUTO
                ? Math.min(request.timefoldSteps(), Math.max(50, 200_000 / Math.max(1, problem.groupCount())))
                : request.timefoldSteps();
        TimefoldSettings settings = TimefoldSettings.reproducible(request.seed(), steps).withDpSeed(false);
        TimefoldResult tf = TimefoldPlacementSolver.solve(problem, settings, seedPlan);
        int[] best = tf.choice();
        if (seedPlan != null && PlanEvaluator.better(problem, seedPlan, best)) {
            best = seedPlan;
        }
        if (!PlanEvaluator.evaluate(problem, best).feasible()) {
            throw new NoFeasiblePlanException(infeasibility(problem));
        }
        String solver = String.format(Locale.ROOT, "Timefold %d steps%s", tf.steps(),
                seedPlan == null ? " from its own construction" : " seeded with " + dpLine);
        return plan(problem, best, bound, method, false, solver, request.seed(), System.nanoTime() - t0);
    }

    /**
     * {@code auto} keeps a DP plan whose gap to the DP's lower bound is at most this: CP-SAT and Timefold, run after
     * it, spend tens of seconds (DenseNet-121 on x86-h200: 80 s) and on the corpus neither closed such a gap.
     */
    static final double AUTO_GAP_TOLERANCE = 0.01;

    /** What a plan kept within {@link #AUTO_GAP_TOLERANCE} of its bound says of the solvers not run. */
    static String autoToleranceNote(Wording w) {
        return String.format(Locale.ROOT,
                " (within %.0f%% of its bound: CP-SAT and Timefold not run; %s cpsat or timefold runs them)",
                AUTO_GAP_TOLERANCE * 100, w.name(Setting.SOLVER));
    }

    /** The DP found a feasible plan at most {@link #AUTO_GAP_TOLERANCE} above its lower bound. */
    private static boolean withinTolerance(PlacementProblem problem, ExactResult r) {
        if (r == null || !r.found()) {
            return false;
        }
        Evaluation e = PlanEvaluator.evaluate(problem, r.choice());
        long bound = r.lowerBoundNs();
        return e.feasible() && bound > 0
                && e.objectiveNs(problem.objective()) <= bound + (long) Math.floor(bound * AUTO_GAP_TOLERANCE);
    }

    /** CP-SAT's wall-clock limit per solve. */
    static final double CP_SAT_SECONDS = 10;

    /**
     * Beyond this many groups {@code auto} hands a DP beam straight to Timefold: CP-SAT's model grows with the edges
     * times the options squared, and on the generated wide DAGs it does not prove within its limit.
     */
    static final int CP_SAT_AUTO_MAX_GROUPS = 1_000;

    private static int cpSatWorkers() {
        return Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
    }

    /** Proven by the DP itself, or by its plan meeting the DP's lower bound (a beam can land on the optimum). */
    private static Proof proof(PlacementProblem problem, ExactResult r) {
        if (r.optimal()) {
            return Proof.DP_EXACT;
        }
        if (!r.found()) {
            return Proof.NONE;
        }
        Evaluation e = PlanEvaluator.evaluate(problem, r.choice());
        return e.feasible() && e.objectiveNs(problem.objective()) <= r.lowerBoundNs() ? Proof.BOUND_MET : Proof.NONE;
    }

    /** The plan of {@code choice}; {@code dpExact}: the exact DP found it, which proves it optimal. */
    static Plan plan(PlacementProblem problem, int[] choice, long bound, String method, boolean dpExact, String solver,
                     long seed, long nanos) {
        Evaluation e = PlanEvaluator.evaluate(problem, choice);
        long objective = e.objectiveNs(problem.objective());
        List<Choice> choices = new ArrayList<>();
        for (int g = 0; g < choice.length; g++) {
            choices.add(problem.option(g, choice[g]).choice());
        }
        long lb = Math.min(bound, objective);
        Proof proof = dpExact ? Proof.DP_EXACT : lb == objective ? Proof.BOUND_MET : Proof.NONE;
        return new Plan(choice, choices, e, objective, lb, method, proof, solver, seed, nanos);
    }

    /**
     * By how much the weights miss the memory: in total (each group at its smallest allowed choice, devices without
     * a capacity taking what they can), else on the first device that the groups allowed only there overfill.
     */
    static String memoryShortfall(PlacementProblem p) {
        Map<String, Long> cap = p.memoryCapacity();
        long least = 0;
        Map<String, Long> forced = new java.util.TreeMap<>();
        for (int g = 0; g < p.groupCount(); g++) {
            long min = Long.MAX_VALUE;
            java.util.Set<String> devices = new java.util.HashSet<>();
            for (int o : p.allowed().get(g)) {
                var opt = p.option(g, o);
                devices.add(opt.choice().device());
                min = Math.min(min, cap.containsKey(opt.choice().device()) ? opt.memoryBytes() : 0);
            }
            least += min == Long.MAX_VALUE ? 0 : min;
            if (devices.size() == 1 && cap.containsKey(devices.iterator().next())) {
                forced.merge(devices.iterator().next(), min, Long::sum);
            }
        }
        long total = cap.values().stream().mapToLong(Long::longValue).sum();
        if (least > total) {
            return String.format(Locale.ROOT, "the weights need at least %d bytes on these devices, which hold %d:"
                    + " %d bytes too many", least, total, least - total);
        }
        for (Map.Entry<String, Long> e : forced.entrySet()) {
            long c = cap.get(e.getKey());
            if (e.getValue() > c) {
                return String.format(Locale.ROOT, "the groups allowed only on %s need %d bytes there, which holds %d:"
                        + " %d bytes too many", e.getKey(), e.getValue(), c, e.getValue() - c);
            }
        }
        return String.format(Locale.ROOT, "the weights need at least %d of the %d bytes, but no split of the groups"
                + " over the devices fits", least, total);
    }

    private static String infeasibility(PlacementProblem p) {
        if (p.hasNoiseBudget()) {
            return "no plan meets the accuracy budget of " + p.noiseBudgetPpb() + " ppb together with the other constraints";
        }
        if (!p.memoryCapacity().isEmpty()) {
            return "no plan fits device memory " + p.memoryCapacity() + ": " + memoryShortfall(p);
        }
        return "no plan connects every group's allowed choices (a tensor cannot reach its consumer)";
    }
}
