package dev.hetplace.planner.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hetplace.cost.CostTable;
import dev.hetplace.cost.Option;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.planner.baseline.Baseline;
import dev.hetplace.planner.domain.Evaluation;
import dev.hetplace.planner.domain.Pin;
import dev.hetplace.planner.domain.PlacementProblem;
import dev.hetplace.planner.domain.Plan;
import dev.hetplace.planner.domain.Sqnr;
import dev.hetplace.planner.explain.CrossingAttribution;
import dev.hetplace.planner.explain.Reasons;
import dev.hetplace.planner.provenance.Provenance;
import dev.hetplace.planner.run.PlacementResult;
import dev.hetplace.planner.validate.ValidationReport;
import java.util.TreeMap;

/**
 * The plan as JSON ({@code schemaVersion} 1): a {@code plan} section that depends only on the inputs and the
 * seed (byte-identical across runs), and a {@code run} section with timings and provenance.
 */
public final class PlanJson {
    public static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanJson() {
    }

    public static String write(PlacementResult r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.set("plan", planSection(r));
        root.set("run", runSection(r));
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode planSection(PlacementResult r) {
        PlacementProblem p = r.problem();
        CostTable t = p.table();
        GroupedGraph gg = t.graph();
        Plan plan = r.plan();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("model", r.spec().model());
        n.put("platform", r.spec().platform() == null ? t.platform().name() : r.spec().platform());
        ArrayNode targets = n.putArray("targets");
        t.platform().deviceIds().stream().filter(t::offersDevice).forEach(targets::add);
        n.put("objective", p.objective().id());
        n.put("batch", t.batch());
        n.put("timing", r.spec().gpuTiming().id());
        n.put("vtaCosts", r.spec().vtaCosts().id());
        ObjectNode overrides = n.putObject("overrides");
        new TreeMap<>(r.spec().overrides()).forEach(overrides::put);
        ArrayNode precisions = n.putArray("precisions");
        r.spec().precisions().forEach(precisions::add);
        ObjectNode constraints = n.putObject("constraints");
        if (r.request().minSqnrDb() != null) {
            constraints.put("minSqnrDb", r.request().minSqnrDb());
            constraints.put("noiseBudgetPpb", Sqnr.budgetPpb(r.request().minSqnrDb()));
        }
        constraints.put("tvmCompatible", r.request().tvmCompatible());
        ArrayNode pins = constraints.putArray("pins");
        r.request().pins().stream().map(Pin::toString).forEach(pins::add);
        constraints.put("noiseSource", t.noiseSource());
        long[] crossing = CrossingAttribution.perGroup(t, plan.choice());
        ArrayNode groups = n.putArray("groups");
        for (Group g : gg.groups()) {
            Option o = p.option(g.id(), plan.choice()[g.id()]);
            ObjectNode gn = groups.addObject();
            gn.put("index", g.id());
            gn.put("group", g.name());
            gn.put("op", gg.anchor(g).opName());
            gn.put("outputShape", gg.outputType(g).shapeString());
            gn.put("device", o.choice().device());
            gn.put("precision", o.choice().precision().id());
            gn.put("layout", o.choice().layout().id());
            gn.put("timeNs", o.cost().timeNs());
            gn.put("crossingNs", crossing[g.id()]);
            gn.put("noisePpb", o.noisePpb());
            gn.put("source", o.cost().source().name());
            gn.put("usefulFraction", o.cost().breakdown().usefulFraction());
            gn.put("reason", Reasons.of(p, plan.choice(), plan.evaluation(), g.id()));
        }
        Evaluation e = plan.evaluation();
        ObjectNode totals = n.putObject("totals");
        totals.put("totalNs", e.latencyNs());
        totals.put("groupNs", e.groupNs());
        VtaRuntimeTotal runtime = VtaRuntimeTotal.of(p, plan);
        if (runtime.ns() > 0) {
            ObjectNode vta = totals.putObject("vtaRuntime");
            vta.put("overheadNs", runtime.ns());
            vta.put("kernelNs", runtime.kernelNs());
            vta.put("kernels", runtime.kernels());
            vta.put("otherGroupNs", e.groupNs() - runtime.kernelNs() - runtime.ns());
        }
        totals.put("transferNs", e.transferNs());
        totals.put("castNs", e.castNs());
        totals.put("layoutNs", e.layoutNs());
        totals.put("bottleneckNs", e.bottleneckNs());
        totals.put("objectiveNs", plan.objectiveNs());
        ObjectNode busy = totals.putObject("busyNs");
        for (int d = 0; d < p.devices().size(); d++) {
            busy.put(p.devices().get(d), e.busyNs().get(d));
        }
        totals.put("noisePpb", e.noisePpb());
        double sqnr = Sqnr.db(e.noisePpb());
        if (Double.isInfinite(sqnr)) {
            totals.putNull("predictedSqnrDb");
        } else {
            totals.put("predictedSqnrDb", Math.round(sqnr * 100) / 100.0);
        }
        ArrayNode baselines = n.putArray("baselines");
        for (Baseline b : r.baselines()) {
            ObjectNode bn = baselines.addObject();
            bn.put("name", b.name());
            bn.put("description", b.description());
            if (b instanceof Baseline.Priced priced) {
                long v = priced.evaluation().objectiveNs(p.objective());
                bn.put("totalNs", priced.evaluation().latencyNs());
                bn.put("objectiveNs", v);
                bn.put("speedup", Math.round(v * 1000.0 / plan.objectiveNs()) / 1000.0);
                if (priced.breaks() != null) {
                    bn.put("breaks", priced.breaks());
                }
            } else if (b instanceof Baseline.NotApplicable na) {
                bn.put("notApplicable", na.reason());
            }
        }
        ObjectNode bound = n.putObject("bound");
        bound.put("lowerBoundNs", plan.lowerBoundNs());
        bound.put("method", plan.boundMethod());
        bound.put("gap", plan.gap());
        bound.put("optimal", plan.optimal());
        ObjectNode solver = n.putObject("solver");
        solver.put("name", plan.solver());
        solver.put("requested", r.request().solver().id());
        solver.put("seed", plan.seed());
        if (r.validation() != null) {
            n.set("validation", ValidationReport.json(r.validation()));
        }
        return n;
    }

    private static ObjectNode runSection(PlacementResult r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("tableMs", r.tableNanos() / 1e6);
        n.put("solveMs", r.solveNanos() / 1e6);
        Provenance prov = r.provenance();
        n.put("wallMs", prov.wallMs());
        n.put("model", r.spec().model());
        n.put("modelHash", prov.modelHash());
        n.put("platform", r.problem().table().platform().name());
        n.put("platformHash", prov.profileHash());
        n.put("gitCommit", prov.gitCommit());
        ObjectNode v = n.putObject("versions");
        v.put("hetplace", prov.hetplaceVersion());
        v.put("java", prov.javaVersion());
        v.put("timefold", prov.timefoldVersion());
        n.put("solver", r.plan().solver());
        n.put("proof", r.plan().proof().id());
        n.put("seed", r.plan().seed());
        if (r.validation() != null) {
            n.put("validationMs", r.validation().nanos() / 1e6);
        }
        return n;
    }
}
