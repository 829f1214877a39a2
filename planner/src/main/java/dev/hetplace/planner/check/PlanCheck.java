package dev.hetplace.planner.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hetplace.cost.Option;
import dev.hetplace.cost.gpu.GpuTiming;
import dev.hetplace.cost.vta.VtaCostSource;
import dev.hetplace.hw.Choice;
import dev.hetplace.ir.json.StrictJson;
import dev.hetplace.planner.domain.Evaluation;
import dev.hetplace.planner.domain.Objective;
import dev.hetplace.planner.domain.Pin;
import dev.hetplace.planner.domain.PlacementProblem;
import dev.hetplace.planner.domain.PlanEvaluator;
import dev.hetplace.planner.report.PlanJson;
import dev.hetplace.planner.run.PlacementRunner;
import dev.hetplace.planner.run.PlacementSpec;
import dev.hetplace.planner.setting.SettingException;
import dev.hetplace.planner.setting.Wording;
import dev.hetplace.planner.solve.PlanRequest;
import dev.hetplace.planner.solve.Planner;
import dev.hetplace.planner.solve.SolverKind;
import dev.hetplace.planner.validate.PlanValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads a plan JSON (as {@code place --format json} writes it), rebuilds its cost table and re-prices it. */
public final class PlanCheck {
    private PlanCheck() {
    }

    public static PlanCheckResult check(Path file) {
        return check(file, null, Wording.PLAIN);
    }

    /**
     * As {@link #check(Path)}, against {@code modelOverride} when not null instead of the model the plan names; a
     * plan whose groups are not that model's is refused, saying it does not belong to the model. Refusals and the
     * violation name settings as the front end's wording {@code w} does.
     */
    public static PlanCheckResult check(Path file, String modelOverride, Wording w) {
        JsonNode root;
        try {
            root = StrictJson.parse(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a JSON plan (" + firstLine(e.getMessage()) + ")");
        } catch (StrictJson.Malformed e) {
            throw new IllegalArgumentException(file + ": not a JSON plan (" + e.getMessage() + ")");
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(file + ": not a JSON plan (empty or not an object)");
        }
        int version = integer(root, "schemaVersion", file);
        if (version != PlanJson.SCHEMA_VERSION) {
            throw new IllegalArgumentException(file + ": schemaVersion " + version + " is not supported (expected "
                    + PlanJson.SCHEMA_VERSION + ")");
        }
        JsonNode plan = object(root, "plan", file);
        String named = text(plan, "plan.model", file);
        String model = modelOverride != null ? modelOverride : named;
        String belongs = modelOverride != null && !modelOverride.equals(named)
                ? " (the plan was made for " + named + "): the plan does not belong to this model"
                : ": the plan does not belong to this model";
        String platformName = text(plan, "plan.platform", file);
        List<String> targets = strings(plan, "targets", file);
        Map<String, String> overrides = new LinkedHashMap<>();
        object(plan, "overrides", file).fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new IllegalArgumentException(file + ": plan.overrides." + e.getKey() + " must be a string or a"
                        + " number, got " + e.getValue());
            }
            overrides.put(e.getKey(), e.getValue().asText());
        });
        List<String> precisions = plan.has("precisions") ? strings(plan, "precisions", file) : List.of();
        int batch = integer(plan, "batch", file);
        if (batch < 1) {
            throw new IllegalArgumentException(file + ": plan.batch must be at least 1, got " + batch);
        }
        GpuTiming timing = plan.has("timing") ? choice(GpuTiming.class, plan, "plan.timing", file) : GpuTiming.EAGER;
        String objectiveId = text(plan, "plan.objective", file);
        Objective objective = Arrays.stream(Objective.values()).filter(o -> o.id().equals(objectiveId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(file + ": plan.objective '" + objectiveId
                        + "' is not latency or throughput"));
        VtaCostSource vtaCosts = plan.has("vtaCosts") ? choice(VtaCostSource.class, plan, "plan.vtaCosts", file)
                : VtaCostSource.ANALYTICAL;
        PlanRequest request = constraints(plan, file, w).objective(objective).solver(SolverKind.EXACT).build();
        var spec = PlacementSpec.builder(model, targets, request).platform(platformName).overrides(overrides)
                .precisions(precisions).batch(batch).gpuTiming(timing).vtaCosts(vtaCosts).build();
        var priced = PlacementRunner.price(spec);
        var table = priced.table();
        JsonNode groups = plan.get("groups");
        if (groups == null || !groups.isArray()) {
            throw new IllegalArgumentException(file + ": plan.groups is missing or not a list");
        }
        if (groups.size() != table.groupCount()) {
            throw new IllegalArgumentException(file + ": plan.groups has " + groups.size() + " entries but " + model
                    + " has " + table.groupCount() + " groups" + belongs);
        }
        int[] choice = new int[table.groupCount()];
        List<Choice> chosen = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            JsonNode gn = groups.get(g);
            String where = "plan.groups[" + g + "]";
            if (!gn.isObject()) {
                throw new IllegalArgumentException(file + ": " + where + " must be an object, got " + gn);
            }
            if (gn.has("index")) {
                JsonNode index = gn.get("index");
                if (!index.isIntegralNumber() || !index.canConvertToInt() || index.asInt() != g) {
                    throw new IllegalArgumentException(file + ": " + where + ".index is " + index + "; groups are"
                            + " listed in order, so it must be " + g + " (a group index out of range, repeated or"
                            + " not an integer)");
                }
            }
            String name = text(gn, where + ".group", file);
            if (!name.equals(table.graph().group(g).name())) {
                throw new IllegalArgumentException(file + ": " + where + ".group is '" + name + "' but group " + g
                        + " of " + model + " is '" + table.graph().group(g).name() + "'" + belongs);
            }
            String wanted = text(gn, where + ".device", file) + ":" + text(gn, where + ".precision", file) + ":"
                    + text(gn, where + ".layout", file);
            choice[g] = -1;
            List<String> offered = new ArrayList<>();
            for (int o = 0; o < table.options(g).size(); o++) {
                Option opt = table.options(g).get(o);
                String have = opt.choice().device() + ":" + opt.choice().precision().id() + ":" + opt.choice().layout().id();
                offered.add(have);
                if (have.equals(wanted)) {
                    choice[g] = o;
                }
            }
            if (choice[g] < 0) {
                throw new IllegalArgumentException(file + ": " + where + " (" + name + ") asks for " + wanted
                        + ", which is not a choice of that group (" + String.join(", ", offered) + ")");
            }
            chosen.add(table.options(g).get(choice[g]).choice());
        }
        JsonNode total = plan.path("totals").path("totalNs");
        if (total.isMissingNode() || total.isNull()) {
            throw new IllegalArgumentException(file + ": plan.totals.totalNs is missing");
        }
        if (!total.isIntegralNumber() || !total.canConvertToLong() || total.asLong() < 0) {
            throw new IllegalArgumentException(file + ": plan.totals.totalNs must be a non-negative integer of"
                    + " nanoseconds, got " + total);
        }
        long recorded = total.asLong();
        PlacementProblem problem = Planner.problem(table, spec.request(), priced.model()::groupOf);
        Evaluation e = PlanEvaluator.evaluate(problem, choice);
        return new PlanCheckResult(model, priced.platform().name(), table.groupCount(), recorded, e.latencyNs(),
                e.violation(), table.graph(), PlanValidator.executionPlan(chosen, priced.platform()));
    }

    /** The plan's recorded constraints (accuracy budget, TVM compatibility, pins), checked as the planner would. */
    private static PlanRequest.Builder constraints(JsonNode plan, Path file, Wording w) {
        JsonNode c = plan.get("constraints");
        if (c == null) {
            return PlanRequest.builder().wording(w);
        }
        if (!c.isObject()) {
            throw new IllegalArgumentException(file + ": plan.constraints must be an object, got " + c);
        }
        Double budget = null;
        if (c.hasNonNull("minSqnrDb")) {
            if (!c.get("minSqnrDb").isNumber()) {
                throw new IllegalArgumentException(file + ": plan.constraints.minSqnrDb must be a number of dB");
            }
            budget = c.get("minSqnrDb").asDouble();
            String problem = PlanRequest.budgetProblem(budget);
            if (problem != null) {
                throw new IllegalArgumentException(file + ": plan.constraints.minSqnrDb " + problem);
            }
        }
        boolean tvm = false;
        if (c.has("tvmCompatible")) {
            if (!c.get("tvmCompatible").isBoolean()) {
                throw new IllegalArgumentException(file + ": plan.constraints.tvmCompatible must be true or false");
            }
            tvm = c.get("tvmCompatible").asBoolean();
        }
        List<Pin> pins = new ArrayList<>();
        for (String pin : c.has("pins") ? strings(c, "constraints.pins", file) : List.<String>of()) {
            try {
                pins.add(Pin.parse(pin));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": plan.constraints.pins: " + SettingException.message(e, w));
            }
        }
        return PlanRequest.builder().minSqnrDb(budget).tvmCompatible(tvm).pins(pins).wording(w);
    }

    private static JsonNode object(JsonNode n, String field, Path file) {
        JsonNode v = n.get(field);
        if (v == null || !v.isObject()) {
            throw new IllegalArgumentException(file + ": field '" + field + "' is missing or not an object");
        }
        return v;
    }

    private static String text(JsonNode n, String path, Path file) {
        String field = path.substring(path.lastIndexOf('.') + 1);
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(file + ": field '" + path + "' is missing or not a string");
        }
        return v.asText();
    }

    private static int integer(JsonNode n, String field, Path file) {
        JsonNode v = n.get(field);
        if (v == null || !v.isInt()) {
            throw new IllegalArgumentException(file + ": field '" + field + "' is missing or not an integer");
        }
        return v.asInt();
    }

    private static List<String> strings(JsonNode n, String path, Path file) {
        String field = path.substring(path.lastIndexOf('.') + 1);
        JsonNode v = n.get(field);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException(file + ": field 'plan." + path + "' is missing or not a list");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw new IllegalArgumentException(file + ": plan." + path + "[" + i + "] must be a string, got "
                        + v.get(i));
            }
            out.add(v.get(i).asText());
        }
        return out;
    }

    private static String firstLine(String s) {
        String line = s == null ? "unreadable" : s.lines().findFirst().orElse(s);
        return line.length() > 120 ? line.substring(0, 120).toLowerCase(Locale.ROOT) : line;
    }

    /** The constant of {@code type} whose lower-case name the field holds. */
    private static <E extends Enum<E>> E choice(Class<E> type, JsonNode plan, String field, Path file) {
        String v = text(plan, field, file);
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v)) {
                return e;
            }
        }
        throw new IllegalArgumentException(file + ": " + field + " '" + v + "' is not one of "
                + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(java.util.Locale.ROOT));
    }
}
