package dev.hetplace.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every zoo model on every built-in platform plans as it did before the run pipeline was shared with sweeps:
 * {@code golden/zoo-plans.tsv} holds, per model and platform, the objective, the SHA-256 of the plan section of
 * {@code place --format json} and the per-group choices, as the code before that change printed them.
 */
class ZooPlanGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Golden(String model, String platform, String targets, long objectiveNs, String planSha256,
                  String choices) {
        @Override
        public String toString() {
            return model + " on " + platform;
        }
    }

    static List<Golden> goldens() throws IOException {
        List<Golden> out = new ArrayList<>();
        try (InputStream in = ZooPlanGoldenTest.class.getResourceAsStream("/golden/zoo-plans.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                out.add(new Golden(f[0], f[1], f[2], Long.parseLong(f[3]), f[4], f[5]));
            }
        }
        assertThat(out).hasSize(16 * 5);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void planSectionIsUnchanged(Golden g) throws Exception {
        CliRun r = CliRun.of("--model", g.model(), "--platform", g.platform(), "--targets", g.targets(),
                "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode plan = JSON.readTree(r.out()).get("plan");
        List<String> choices = new ArrayList<>();
        plan.get("groups").forEach(n -> choices.add(n.get("device").asText() + ":" + n.get("precision").asText()));
        assertThat(plan.get("totals").get("objectiveNs").longValue()).isEqualTo(g.objectiveNs());
        assertThat(choices).isEqualTo(expanded(g.choices()));
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(plan.toString().getBytes(StandardCharsets.UTF_8)))).isEqualTo(g.planSha256());
    }

    /** {@code a*3 b} -> {@code [a, a, a, b]}. */
    private static List<String> expanded(String runLength) {
        List<String> out = new ArrayList<>();
        for (String token : runLength.split(" ")) {
            int star = token.indexOf('*');
            out.addAll(java.util.Collections.nCopies(star < 0 ? 1 : Integer.parseInt(token.substring(star + 1)),
                    star < 0 ? token : token.substring(0, star)));
        }
        return out;
    }
}
