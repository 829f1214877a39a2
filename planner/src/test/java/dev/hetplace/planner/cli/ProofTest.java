package dev.hetplace.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What proves a plan optimal is reported with it, and {@code --solver auto} runs no Timefold on a proven plan. vgg16
 * on pynq-z1 is under the memory capacity; the DP's optimum without it fits, so the exact DP proves it.
 */
class ProofTest {
    @ParameterizedTest
    @CsvSource({"lenet,pynq-z1,cpu:vta,dp-exact", "vgg16,pynq-z1,cpu:vta,dp-exact", "resnet18,x86-h200,cpu:gpu,dp-exact",
        "googlenet,x86-h200,cpu:gpu,bound-met"})
    void aProvenPlanSaysByWhatAndSkipsTimefold(String model, String platform, String targets, String expected) throws Exception {
        CliRun r = CliRun.of("--model", model, "--platform", platform, "--targets", targets.replace(':', ','),
                "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        String proof = json.get("run").get("proof").asText();
        assertThat(proof).isEqualTo(expected);
        assertThat(json.get("plan").get("bound").get("optimal").asBoolean()).isTrue();
        assertThat(json.get("run").get("solver").asText()).doesNotContain("Timefold");
    }
}
