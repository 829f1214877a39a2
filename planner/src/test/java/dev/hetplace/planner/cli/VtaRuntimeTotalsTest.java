package dev.hetplace.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hetplace.cost.vta.VtaCostModel;
import dev.hetplace.cost.vta.VtaRuntimeOverhead;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.Profiles;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.pass.BatchNormFolding;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.zoo.ModelZoo;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The totals' VTA runtime line (issue 13 item 5): on resnet18 and pynq-z1 it adds up with the rest of the totals,
 * in text and JSON, equals the runtime terms of the plan's VTA groups, and is pinned term by term.
 */
class VtaRuntimeTotalsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GROUPS_LINE = Pattern.compile("groups ([0-9.]+) ms = (\\d+) VTA kernels ([0-9.]+) ms"
            + " \\+ VTA runtime overhead ([0-9.]+) ms \\(.*\\) \\+ other groups ([0-9.]+) ms");

    @Test
    void theJsonLineAddsUpAndIsThePlansVtaGroupsTerms() throws Exception {
        CliRun r = CliRun.of("--model", "resnet18", "--targets", "cpu,vta", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode plan = JSON.readTree(r.out()).get("plan");
        JsonNode totals = plan.get("totals");
        JsonNode vta = totals.get("vtaRuntime");
        assertThat(totals.get("totalNs").longValue()).isEqualTo(totals.get("groupNs").longValue()
                + totals.get("transferNs").longValue() + totals.get("castNs").longValue()
                + totals.get("layoutNs").longValue());
        assertThat(totals.get("groupNs").longValue()).isEqualTo(vta.get("kernelNs").longValue()
                + vta.get("overheadNs").longValue() + vta.get("otherGroupNs").longValue());

        GroupedGraph gg = Grouping.apply(BatchNormFolding.apply(ModelZoo.build("resnet18")));
        Device device = Profiles.builtIn("pynq-z1").device("vta").orElseThrow();
        VtaCostModel model = new VtaCostModel();
        VtaRuntimeOverhead sum = VtaRuntimeOverhead.NONE;
        long vtaGroupNs = 0;
        for (JsonNode g : plan.get("groups")) {
            if (g.get("device").asText().equals("vta")) {
                sum = sum.plus(VtaRuntimeOverhead.of(
                        model.plan(gg, gg.groups().get(g.get("index").intValue()), device, 1).orElseThrow()));
                vtaGroupNs += g.get("timeNs").longValue();
            }
        }
        assertThat(vtaGroupNs).isEqualTo(vta.get("kernelNs").longValue() + vta.get("overheadNs").longValue());
        assertThat(sum.totalNs()).isEqualTo(vta.get("overheadNs").longValue());
        assertThat(sum.kernels()).isEqualTo(vta.get("kernels").longValue());
        // 20 VTA kernels: 10,130 instructions built on the Cortex-A9 (3.900 ms of the 4.375 ms), no cache maintenance
        assertThat(sum).isEqualTo(new VtaRuntimeOverhead(20, 10130, 22296, 20000, 3900050, 42471, 154362, 28000,
                27500, 202600, 0));
        assertThat(vta.get("overheadNs").longValue()).isEqualTo(4374983);
        assertThat(totals.get("objectiveNs").longValue()).isEqualTo(121922278 + 4374983);
    }

    @Test
    void theTextLineAddsUpToTheGroups() {
        CliRun r = CliRun.of("--model", "resnet18", "--targets", "cpu,vta");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Matcher m = GROUPS_LINE.matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        double groups = Double.parseDouble(m.group(1));
        double parts = Double.parseDouble(m.group(3)) + Double.parseDouble(m.group(4))
                + Double.parseDouble(m.group(5));
        assertThat(Math.abs(groups - parts)).isLessThanOrEqualTo(0.0015); // three roundings to 0.001 ms
        assertThat(r.out()).contains("end to end 126.297 ms = groups " + m.group(1) + " ms")
                .contains("groups 121.618 ms = 20 VTA kernels 114.984 ms + VTA runtime overhead 4.375 ms");
    }

    @Test
    void aPlatformWithoutVtaHasNoRuntimeLine() throws Exception {
        CliRun r = CliRun.of("--model", "resnet18", "--targets", "cpu,gpu", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(JSON.readTree(r.out()).get("plan").get("totals").has("vtaRuntime")).isFalse();
        assertThat(CliRun.of("--model", "resnet18", "--targets", "cpu,gpu").out())
                .doesNotContain("VTA runtime overhead");
    }
}
