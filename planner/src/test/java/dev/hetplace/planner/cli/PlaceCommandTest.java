package dev.hetplace.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaceCommandTest {

    @Test
    void theMainJobPrintsAPlanBaselinesAndAnOptimalSolverLine() {
        CliRun run = CliRun.of("--model", "resnet18", "--targets", "cpu,vta");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("resnet18 on pynq-z1 (targets cpu,vta)")
                .contains("layer1.0.conv1").contains("tvm-rule").contains("cpu-fp32").contains("vta-first")
                .contains("greedy").containsPattern("solver: exact DP .*optimal");
    }

    @Test
    void explainConv0ShowsTheStemOnEveryDeviceWithItsPaddingAndBreakEven() {
        CliRun run = CliRun.of("--model", "resnet18", "--targets", "cpu,vta", "--explain", "conv0");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("group 0 conv1 (conv2d, 1x3x224x224 -> 1x64x112x112")
                .contains("cpu:fp32").contains("cpu:int8").contains("vta:int8:blocked")
                .contains("useful 18.8%").contains("break-even: devices.vta.clockMHz");
    }

    @Test
    void thePlanSectionIsByteIdenticalAcrossRuns() throws Exception {
        ObjectMapper m = new ObjectMapper();
        JsonNode a = m.readTree(CliRun.of("--model", "squeezenet1_1", "--format", "json").out());
        JsonNode b = m.readTree(CliRun.of("--model", "squeezenet1_1", "--format", "json").out());
        assertThat(a.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(m.writeValueAsString(a.get("plan"))).isEqualTo(m.writeValueAsString(b.get("plan")));
        JsonNode g0 = a.get("plan").get("groups").get(0);
        assertThat(g0.has("device") && g0.has("precision") && g0.has("layout") && g0.has("timeNs")).isTrue();
        assertThat(a.get("plan").get("totals").get("totalNs").asLong()).isPositive();
        assertThat(a.get("run").has("modelHash")).isTrue();
    }

    @Test
    void aPlanWrittenAsJsonIsCheckedBackToTheSameCost(@TempDir Path dir) throws Exception {
        Path plan = dir.resolve("plan.json");
        CliRun write = CliRun.of("--model", "resnet18", "--export", "json", "--out", plan.toString());
        assertThat(write.exitCode()).as(write.err()).isEqualTo(0);
        CliRun check = CliRun.of("check", "--plan", plan.toString());
        assertThat(check.exitCode()).as(check.err()).isEqualTo(0);
        assertThat(check.out()).contains("(identical)");
    }

    @Test
    void tvmCompatibleExportPacksFromMaxPoolToGlobalAvgPool(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("tvm.json");
        CliRun run = CliRun.of("--model", "resnet18", "--tvm-compatible", "--export", "tvm", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        JsonNode j = new ObjectMapper().readTree(Files.readString(out));
        assertThat(j.get("graph_pack").get("start_name").asText()).isEqualTo("nn.max_pool2d");
        assertThat(j.get("graph_pack").get("stop_name").asText()).isEqualTo("nn.global_avg_pool2d");
        assertThat(j.get("qconfig").get("skip_dense_layer").isBoolean()).isTrue();
        // graph_pack(func, **json["graph_pack"]) is a valid call: only graph_pack's parameters (graphpack.py v0.18.0)
        var names = new java.util.ArrayList<String>();
        j.get("graph_pack").fieldNames().forEachRemaining(names::add);
        assertThat(names).isSubsetOf("bfactor", "cfactor", "weight_bits", "start_name", "stop_name", "start_name_idx",
                "stop_name_idx", "count_meta", "device_annot", "annot_start_name", "annot_end_name");
        assertThat(j.get("graph_pack_positions").get("stop_name_idx").get("occurrence").asInt()).isZero();
        assertThat(run.err()).isEmpty();
        CliRun py = CliRun.of("--model", "resnet18", "--tvm-compatible", "--export", "tvm");
        assertThat(py.out()).contains("with tvm.transform.PassContext(opt_level=3):\n"
                        + "    with relay.quantize.qconfig(global_scale=8.0, skip_conv_layers=")
                .contains("graph_pack(").contains("start_name = \"nn.max_pool2d\"").contains("mod = relay_prog");
    }

    @Test
    void aNonTvmPlanIsRefusedWithTheReasonAndWhatTvmCompatibleGivesAndNothingIsWritten(@TempDir Path dir) {
        Path out = dir.resolve("tvm.py");
        // the unconstrained optimum puts the 3-channel stem on VTA, which graph_pack cannot pack
        CliRun run = CliRun.of("--model", "resnet18", "--export", "tvm", "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("place: TVM's VTA flow cannot build this plan: conv conv1 is on VTA")
                .contains("nothing written; --tvm-compatible gives a plan TVM builds: ");
        assertThat(run.err().lines().count()).isEqualTo(1);
        assertThat(out).doesNotExist();
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void aCpuGpuPlanHasNoTvmExport(@TempDir Path dir) {
        Path out = dir.resolve("tvm.py");
        CliRun run = CliRun.of("--model", "lenet", "--targets", "cpu,gpu", "--export", "tvm", "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("place: TVM's VTA flow cannot build this plan: the targets have no VTA device")
                .contains("--tvm-compatible finds no plan either: --tvm-compatible needs a VTA device");
        assertThat(out).doesNotExist();
    }

    @Test
    void timelinesAreDrawnAsSvgAndPng(@TempDir Path dir) throws Exception {
        Path svg = dir.resolve("t.svg");
        Path png = dir.resolve("t.png");
        assertThat(CliRun.of("--model", "lenet", "--timeline", svg.toString()).exitCode()).isEqualTo(0);
        assertThat(CliRun.of("--model", "lenet", "--timeline", png.toString()).exitCode()).isEqualTo(0);
        assertThat(Files.readString(svg)).startsWith("<svg").contains("crossings");
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes[1]).isEqualTo((byte) 'P');
        assertThat(bytes[2]).isEqualTo((byte) 'N');
    }

    @Test
    void throughputObjectiveReportsTheBottleneck() {
        CliRun run = CliRun.of("--model", "resnet18", "--objective", "throughput");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("objective throughput").contains("bottleneck");
    }

    @Test
    void anUnknownTargetListsThePlatformsDevices() {
        CliRun run = CliRun.of("--model", "resnet18", "--targets", "cpu,tpu");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("place: unknown target 'tpu': platform pynq-z1 has devices cpu, vta");
    }

    @Test
    void aTargetThePlatformLacksIsRefused() {
        CliRun run = CliRun.of("--model", "resnet18", "--targets", "cpu,gpu", "--platform", "pynq-z1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("place: unknown target 'gpu': platform pynq-z1 has devices cpu, vta");
    }

    @Test
    void aPinToAChoiceTheGroupCannotTakeIsRefused() {
        CliRun run = CliRun.of("--model", "resnet18", "--pin", "maxpool=vta:int8");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains("--pin maxpool=vta:int8").contains("cannot take vta:int8")
                .contains("cpu:fp32");
    }

    @Test
    void aPinIsHonoured() {
        CliRun run = CliRun.of("--model", "resnet18", "--pin", "conv0=cpu:fp32", "--format", "csv");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out().lines().skip(1).findFirst().orElseThrow()).startsWith("0,conv1,conv2d,1x64x112x112,cpu,fp32,");
    }

    @Test
    void anImpossibleBudgetExitsOneNamingTheConstraintAndTheShortfall() {
        CliRun run = CliRun.of("--model", "resnet18", "--min-sqnr", "80", "--pin", "layer1.0.conv1=vta:int8",
                "--noise", "estimate");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains("accuracy budget --min-sqnr 80.0 dB cannot be met").contains("over the budget");
    }

    @Test
    void aMalformedPlanFileIsOneLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("plan.json");
        Files.writeString(bad, "{\"schemaVersion\": 1, \"plan\": {\"model\": \"resnet18\"}");
        CliRun run = CliRun.of("check", "--plan", bad.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("place: " + bad + ": not a JSON plan");
    }

    @Test
    void timefoldIsSkippedWhenItsDpSeedIsProvenOptimalAndRunsFromItsOwnConstructionWithout() {
        CliRun seeded = CliRun.of("--model", "resnet18", "--solver", "timefold");
        assertThat(seeded.exitCode()).as(seeded.err()).isZero();
        assertThat(seeded.out()).containsPattern("solver: Timefold skipped: its seed, the exact DP \\(peak \\d+ states,"
                + " \\d+ labels per state\\), is proven optimal \\(--no-dp-seed runs it from its own construction\\)");
        CliRun own = CliRun.of("--model", "lenet", "--solver", "timefold", "--no-dp-seed", "--timefold-steps", "200");
        assertThat(own.exitCode()).as(own.err()).isZero();
        assertThat(own.out()).containsPattern("solver: Timefold \\d+ steps from its own construction");
    }

    /** {@code --solver cpsat} proves resnet18's optimum on pynq-z1 and lands on the DP's objective to the ns. */
    @Test
    void cpSatSolverProvesTheDpsOptimum() {
        CliRun dp = CliRun.of("--model", "resnet18", "--targets", "cpu,vta", "--solver", "exact", "--format", "json");
        CliRun cp = CliRun.of("--model", "resnet18", "--targets", "cpu,vta", "--solver", "cpsat", "--format", "json");
        assertThat(cp.exitCode()).as(cp.err()).isZero();
        assertThat(cp.out()).contains("CP-SAT optimal (").contains("seeded with exact DP");
        java.util.regex.Pattern objective = java.util.regex.Pattern.compile("\"objectiveNs\"\\s*:\\s*(\\d+)");
        var a = objective.matcher(dp.out());
        var b = objective.matcher(cp.out());
        assertThat(a.find() && b.find()).as(cp.out()).isTrue();
        assertThat(b.group(1)).isEqualTo(a.group(1));
        CliRun bad = CliRun.of("--model", "lenet", "--solver", "cplex");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--solver must be auto, exact, cpsat or timefold, got 'cplex'");
    }

    /**
     * vgg16 on pynq-z1 is under the memory capacity (its DP under it runs as a beam), but the DP's optimum without the
     * capacity fits it, so that optimum is the answer: proven, no beam, no CP-SAT, no Timefold.
     */
    @Test
    void autoTakesTheUnconstrainedOptimumWhenItMeetsTheCapacity() {
        CliRun r = CliRun.of("--model", "vgg16", "--targets", "cpu,vta");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("solver: exact DP without the budget and capacity constraints, whose plan"
                + " meets them \\(peak \\d+ states, \\d+ labels per state\\), optimal \\(");
        assertThat(r.out()).doesNotContain("Timefold").doesNotContain("CP-SAT").doesNotContain("DP beam");
    }

    /** README: VTA derated to the TopHub-measured throughput (model/measured 0.527 at 100 MHz) loses the stem. */
    @Test
    void withVtaDeratedToItsMeasuredThroughputTheStemMovesToTheCpuInInt8() {
        CliRun r = CliRun.of("--model", "resnet18", "--targets", "cpu,vta", "--set", "devices.vta.clockMHz=52.7");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("\\n +0 +conv1 +conv2d +1x64x112x112 +cpu +int8 ")
                .contains("end to end 211.085 ms").containsPattern("tvm-rule +277.506 ms");
    }

    @Test
    void badOptionValuesAreOneLine() {
        for (String[] args : new String[][] {{"--model", "resnet18", "--objective", "fastest"},
                {"--model", "resnet18", "--solver", "magic"}, {"--model", "resnet18", "--batch", "0"},
                {"--model", "resnet18", "--pin", "conv0"}, {"--model", "resnet81"}}) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err().lines()).as(String.join(" ", args)).hasSize(1);
        }
    }
}
