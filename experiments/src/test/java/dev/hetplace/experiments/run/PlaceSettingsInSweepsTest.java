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

/** A sweep run says what place says with flags (pins, validation, noise source), and gets place's answer. */
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
                    "--pin", r.pins().get(0), "--validate", "--noise", "estimate", "--format", "json"));
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
            assertThat(o.choices().get(0)).isEqualTo(r.pins().get(0).substring("conv1=".length()));
            assertThat(o.validation().top1Agreement()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void runsWithoutTheNewKeysKeepTheirIdentity() {
        RunSpec plain = SweepSpecReader.parse("""
                {"schemaVersion": 1, "models": ["lenet"]}""", "a.json").runs().get(0);
        assertThat(plain.canonicalText()).doesNotContain("pins").doesNotContain("validate").doesNotContain("noise");
        RunSpec pinned = SweepSpecReader.parse("""
                {"schemaVersion": 1, "models": ["lenet"], "pins": ["conv1=cpu:fp32"]}""", "b.json").runs().get(0);
        assertThat(pinned.hash()).isNotEqualTo(plain.hash());
        assertThat(pinned.pins()).containsExactly("conv1=cpu:fp32");
    }

    @Test
    void badSettingsAreRefusedInPlacesWords() {
        assertThatThrownBy(() -> SweepSpecReader.parse("""
                {"schemaVersion": 1, "runs": [{"model": "lenet", "pins": ["conv1"]}]}""", "s.json"))
                .isInstanceOf(SpecException.class).hasMessage("s.json: runs[0].pins[0]: --pin 'conv1' is not"
                        + " LAYER=DEVICE:PRECISION (e.g. conv0=cpu:fp32)");
        assertThatThrownBy(() -> SweepSpecReader.parse("""
                {"schemaVersion": 1, "models": ["lenet"], "noise": "loud"}""", "s.json"))
                .isInstanceOf(SpecException.class)
                .hasMessage("s.json: noise: --noise must be measured, onnxruntime, estimate or auto, got 'loud'");
        assertThatThrownBy(() -> SweepSpecReader.parse("""
                {"schemaVersion": 1, "models": ["lenet"], "products": [{"vtaCosts": "guessed"}]}""", "s.json"))
                .isInstanceOf(SpecException.class)
                .hasMessage("s.json: products[0].vtaCosts: --vta-costs must be analytical or simulated, got 'guessed'");
        assertThatThrownBy(() -> SweepSpecReader.parse("""
                {"schemaVersion": 1, "models": ["lenet"], "validate": "yes"}""", "s.json"))
                .isInstanceOf(SpecException.class).hasMessage("s.json: validate: must be true or false, got \"yes\"");
    }
}
