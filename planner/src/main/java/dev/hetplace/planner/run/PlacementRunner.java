package dev.hetplace.planner.run;

import dev.hetplace.backends.cpu.Parallel;
import dev.hetplace.backends.measure.UserMeasurements;
import dev.hetplace.cost.CostTable;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Precision;
import dev.hetplace.planner.baseline.Baselines;
import dev.hetplace.planner.domain.PlacementProblem;
import dev.hetplace.planner.domain.Plan;
import dev.hetplace.planner.numerics.RunNumerics;
import dev.hetplace.planner.provenance.Provenance;
import dev.hetplace.planner.solve.Planner;
import dev.hetplace.planner.validate.ValidatedPlanning;
import dev.hetplace.planner.validate.Validation;
import java.util.EnumSet;
import java.util.Set;

/** One placement run from a {@link PlacementSpec}: load, price, solve, compare with the baselines. */
public final class PlacementRunner {
    private PlacementRunner() {
    }

    /**
     * The loaded model, the resolved platform, the run's numerics (noise model, and the calibrated model when it
     * executes) and the cost table of a spec, before any solving.
     */
    public record Priced(ModelInput model, Platform platform, CostTable table, long tableNanos, RunNumerics numerics) {
    }

    public static Priced price(PlacementSpec spec) {
        return price(spec, RunInputs.FRESH);
    }

    public static Priced price(PlacementSpec spec, RunInputs inputs) {
        ModelInput model = inputs.model(spec.model());
        Platform platform = inputs.platform(spec);
        RunNumerics numerics = inputs.numerics(spec, () -> RunNumerics.prepare(spec.execution(), model.grouped(),
                platform, spec.targets(), precisions(spec), spec.request().minSqnrDb() != null, Parallel.common(),
                spec.request().wording()));
        long t0 = System.nanoTime();
        CostTable table = inputs.table(spec, () -> CostTables.build(model, platform, spec.targets(), precisions(spec),
                spec.batch(), inputs.costModels(spec), numerics.noise(), UserMeasurements.read(spec.measurements())));
        return new Priced(model, platform, table, System.nanoTime() - t0, numerics);
    }

    public static PlacementResult run(PlacementSpec spec) {
        return run(spec, RunInputs.FRESH);
    }

    /** One run, its inputs from {@code inputs}: {@code place} and every sweep run go through here. */
    public static PlacementResult run(PlacementSpec spec, RunInputs inputs) {
        long t0 = System.nanoTime();
        Priced priced = price(spec, inputs);
        ModelInput model = priced.model();
        Platform platform = priced.platform();
        CostTable table = priced.table();
        long t1 = System.nanoTime();
        PlacementProblem problem = Planner.problem(table, spec.request(), model::groupOf);
        Plan plan = Planner.solve(problem, spec.request());
        long t2 = System.nanoTime();
        Validation validation = null;
        if (spec.execution().validate()) {
            ValidatedPlanning.Outcome v = ValidatedPlanning.validate(problem, plan, spec.request(), platform,
                    priced.numerics().model(), spec.execution().planExecution(), spec.execution().maxReplans(),
                    Parallel.common());
            problem = v.problem();
            plan = v.plan();
            validation = v.validation();
        }
        Provenance prov = Provenance.of(spec.request().seed(), model.hash(), platform.profileHash(),
                (System.nanoTime() - t0) / 1_000_000);
        return new PlacementResult(model.graph().name(), spec, problem, spec.request(), plan, Baselines.all(problem),
                prov, model::groupOf, priced.tableNanos(), t2 - t1, validation, priced.numerics().model());
    }

    public static Set<Precision> precisions(PlacementSpec spec) {
        Set<Precision> s = EnumSet.noneOf(Precision.class);
        for (String p : spec.precisions()) {
            s.add(Precision.parse(p));
        }
        return s;
    }
}
