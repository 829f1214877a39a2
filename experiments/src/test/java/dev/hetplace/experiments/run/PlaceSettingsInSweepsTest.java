package dev.hetplace.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hetplace.experiments.spec.RunSpec;
import dev.hetplace.experiments.spec.SpecException;
import dev.hetplace.experiments.spec.SweepSpec;
import dev.hetplace.experiments.spec.SweepSpecReader;
import dev.hetplace.planner.cli.PlaceCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A sweep run says what place says with flags (pins, validation, noise, numerics, solver limits), and gets place's answer. */
class PlaceSettingsInSweepsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theExampleSpecPinsAndValidatesAsPlaceDoes() throws Exception {
        SweepSpec spec = SweepSpecReader.read(Path.of("specs", "examples", "pin-validate.json"));
        assertThat(spec.runs()).hasSize(2);
        PlannerRuns runs = new PlannerRuns();
        for (RunSpec r : spec.runs()) {
            Outcome o = runs.apply(r);
            List<String> args = new java.util.ArrayList<>(List.of("--model", r.model(), "--platform", r.platform(),
                    "--pin", r.settings().pins().get(0), "--validate", "--noise", "estimate", "--format", "json"));
            if (r.minSqnrDb() != null) {
                args.addAll(List.of("--min-sqnr", r.minSqnrDb().toString()));
            }
            StringWriter out = new StringWriter();
            int code = PlaceCommand.run(args.toArray(String[]::new), new PrintWriter(out),
                    new PrintWriter(new StringWriter()));
            assertThat(code).isZero();
            JsonNode place = JSON.readTree(out.toString());
            JsonNode v = place.get("plan").get("validation");
            assertThat(o.validation()).as(r.canonicalText()).isNotNull();
            assertThat(Math.round(o.validation().measuredSqnrDb() * 100) / 100.0)
                    .isEqualTo(v.get("measuredSqnrDb").doubleValue());
            assertThat(Math.round(o.validation().top1Agreement() * 1e4) / 1e4)
                    .isEqualTo(v.get("top1Agreement").doubleValue());
            assertThat(o.objectiveNs()).isEqualTo(place.get("plan").get("totals").get("objectiveNs").longValue());
            assertThat(o.choices().get(0)).isEqualTo(r.settings().pins().get(0).substring("conv1=".length()));
            assertThat(o.validation().top1Agreement()).isBetween(0.0, 1.0);
        }
    }

    /** A run's refusal or solver note names the settings as the spec's keys, which is what the sweep's user typed. */
    @Test
    void rowsNameTheSettingsAsTheSpecsKeys() {
        PlannerRuns runs = new PlannerRuns();
        RunSpec tvm = SweepSpecReader.parse("""
                {"schemaVersion": 1, "runs": [{"model": "mobilenet_v2", "tvmCompatible": true}]}""", "t.json")
                .runs().get(0);
        assertThatThrownBy(() -> runs.apply(tvm)).satisfies(e -> assertThat(SweepRunner.oneLine(e))
                .isEqualTo("tvmCompatible: group features.1.conv.0.0 (conv2d) has no choice TVM's VTA flow can build:"
                        + " it is a grouped conv (groups=32) inside the packed region"));
        RunSpec pin = SweepSpecReader.parse("""
                {"schemaVersion": 1, "runs": [{"model": "resnet18", "tvmCompatible": true,
                 "pins": ["conv0=vta:int8"]}]}""", "p.json").runs().get(0);
        assertThatThrownBy(() -> runs.apply(pin)).satisfies(e -> assertThat(SweepRunner.oneLine(e))
                .isEqualTo("pins conv0=vta:int8 contradicts tvmCompatible: group conv1 can take vta:int8, but"
                        + " tvmCompatible leaves it only cpu:fp32, cpu:int8"));
        RunSpec timefold = SweepSpecReader.parse("""
                {"schemaVersion": 1, "runs": [{"model": "resnet18", "solver": "timefold"}]}""", "s.json")
                .runs().get(0);
        assertThat(runs.apply(timefold).solver()).matches("Timefold skipped: its seed, the exact DP \\(peak 36 states,"
                + " 1 labels per state\\), is proven optimal \\(solver timefold-noseed runs it from its own"
                + " construction\\)");
    }

    @Test
    void runsWithoutTheNewKeysKeepTheirIdentity() {
        RunSpec plain = SweepSpecReader.parse("""
                {"schemaVersion": 1, "models": ["lenet"]}""", "a.json").runs().get(0);
        assertThat(plain.canonicalText()).doesNotContain("pins").doesNotContain("validate").doesNotContain("noise");
        RunSpec pinned = SweepSpecReader.parse("""
                {"schemaVersion": 1, "models": ["lenet"], "pins": ["conv1=cpu:fp32"]}""", "b.json").runs().get(0);
        assertThat(pinned.hash()).isNotEqualTo(plain.hash());
        assertThat(pinned.settings().pins()).containsExactly("conv1=cpu:fp32");
    }

    @Test
    void badSettingsAreRefusedNamingTheSpecsKeys() {
        assertThatThrownBy(() -> SweepSpecReader.parse("""
                {"schemaVersion": 1, "runs": [{"model": "lenet", "pins": ["conv1"]}]}""", "s.json"))
                .isInstanceOf(SpecException.class).hasMessage("s.json: runs[0].pins[0]: pins 'conv1' is not"
                        + " LAYER=DEVICE:PRECISION (e.g. conv0=cpu:fp32)");
        assertThatThrownBy(() -> SweepSpecReader.parse("""
                {"schemaVersion": 1, "models": ["lenet"], "noise": "loud"}""", "s.json"))
                .isInstanceOf(SpecException.class)
                .hasMessage("s.json: noise: must be measured, onnxruntime, estimate or auto, got 'loud'");
        assertThatThrownBy(() -> SweepSpecReader.parse("""
                {"schemaVersion": 1, "models": ["lenet"], "products": [{"vtaCosts": "guessed"}]}""", "s.json"))
                .isInstanceOf(SpecException.class)
                .hasMessage("s.json: products[0].vtaCosts: must be analytical or simulated, got 'guessed'");
        assertThatThrownBy(() -> SweepSpecReader.parse("""
                {"schemaVersion": 1, "models": ["lenet"], "validate": "yes"}""", "s.json"))
                .isInstanceOf(SpecException.class).hasMessage("s.json: validate: must be true or false, got \"yes\"");
    }

    @Test
    void numericsAndSolverSettingsRunAsPlaceRunsThem() throws Exception {
        RunSpec r = SweepSpecReader.parse("""
                {"schemaVersion": 1, "runs": [{"model": "lenet", "platform": "pynq-z1", "minSqnrDb": 30,
                 "validate": true, "replans": 0, "noise": "measured", "weights": "synthetic", "calibration": "max",
                 "calibrationSamples": 3, "solver": "timefold", "timefoldSteps": 40, "noMemoryLimit": true}]}""",
                "n.json").runs().get(0);
        Outcome o = new PlannerRuns().apply(r);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PlaceCommand.run(new String[] {"--model", "lenet", "--platform", "pynq-z1", "--min-sqnr", "30",
                "--validate", "--replans", "0", "--noise", "measured", "--weights", "synthetic", "--calibration", "max",
                "--calibration-samples", "3", "--solver", "timefold", "--timefold-steps", "40", "--no-memory-limit",
                "--format", "json"}, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        JsonNode plan = JSON.readTree(out.toString()).get("plan");
        assertThat(o.objectiveNs()).isEqualTo(plan.get("totals").get("objectiveNs").longValue());
        List<String> choices = new java.util.ArrayList<>();
        plan.get("groups").forEach(g -> choices.add(g.get("device").asText() + ":" + g.get("precision").asText()
                + (g.get("layout").asText().equals("blocked") ? ":blocked" : "")));
        assertThat(o.choices()).isEqualTo(choices);
        assertThat(Math.round(o.validation().measuredSqnrDb() * 100) / 100.0)
                .isEqualTo(plan.get("validation").get("measuredSqnrDb").doubleValue());
        RunSpec defaults = r.withSettings(dev.hetplace.experiments.spec.RunSettings.DEFAULTS);
        assertThat(new PlannerRuns().apply(defaults).validation()).isNull();
        assertThat(r.canonicalText()).contains("\"calibration\":\"max\"", "\"calibrationSamples\":3",
                "\"noMemoryLimit\":true", "\"replans\":0", "\"timefoldSteps\":40", "\"weights\":\"synthetic\"");
    }

    @Test
    void aRowKeepsEverySettingAndOldRowsReadAsDefaults() {
        RunSpec r = SweepSpecReader.parse("""
                {"schemaVersion": 1, "runs": [{"model": "lenet", "validate": true, "simulateVta": true,
                 "calibration": "max", "timefoldSteps": 7}]}""", "r.json").runs().get(0);
        RunRow row = new RunRow(r.hash(), 0, r, RunStatus.FAILED, "x", null, null);
        RunRow back = ResultJson.parse(ResultJson.line(row));
        assertThat(back).isNotNull();
        assertThat(back.run()).isEqualTo(r);
        String old = "{\"hash\":\"H\",\"index\":0,\"run\":{\"model\":\"lenet\",\"platform\":\"pynq-z1\","
                + "\"targets\":null,\"overrides\":{},\"objective\":\"latency\",\"minSqnrDb\":null,"
                + "\"tvmCompatible\":false,\"solver\":\"auto\",\"seed\":0,\"batch\":1,\"precisions\":[],"
                + "\"gpuTiming\":\"eager\"},\"status\":\"FAILED\",\"error\":\"x\",\"outcome\":null}";
        RunSpec plain = new RunSpec("lenet", "pynq-z1", null, java.util.Map.of(), "latency", null, false, "auto", 0, 1,
                List.of(), "eager");
        RunRow oldRow = ResultJson.parse(old.replace("\"H\"", "\"" + plain.hash() + "\""));
        assertThat(oldRow).isNotNull();
        assertThat(oldRow.run().settings()).isEqualTo(dev.hetplace.experiments.spec.RunSettings.DEFAULTS);
    }

    @Test
    void badNumericsSettingsAreRefusedNamingTheSpecsKeys() {
        String[][] cases = {
            {"\"calibration\": \"x\"", "calibration: must be global-scale or max, got 'x'"},
            {"\"weights\": \"auto\"", "weights: must be onnx or synthetic, got 'auto'"},
            {"\"simulateVta\": true", "simulateVta: needs validate (it changes how the plan is"
                    + " validated)"},
            {"\"runtime\": \"onnxruntime\"", "runtime: onnxruntime needs validate (it says where the"
                    + " plan is validated)"},
            {"\"runtime\": \"fast\", \"validate\": true", "runtime: must be java or onnxruntime, got 'fast'"},
            {"\"inputs\": \"/nonexistent-inputs\"", "inputs: inputs directory '/nonexistent-inputs' does not exist"
                    + " or is not a directory"},
            {"\"calibrationSamples\": 0", "calibrationSamples: must be at least 1, got 0"},
            {"\"replans\": -1", "replans: must be 0 or more, got -1"},
            {"\"timefoldSteps\": 0", "timefoldSteps: must be at least 1, got 0"},
            {"\"noMemoryLimit\": 1", "noMemoryLimit: must be true or false, got 1"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> SweepSpecReader.parse("{\"schemaVersion\": 1, \"models\": [\"lenet\"], "
                    + c[0] + "}", "s.json")).as(c[0]).isInstanceOf(SpecException.class).hasMessage("s.json: " + c[1]);
        }
    }
}
