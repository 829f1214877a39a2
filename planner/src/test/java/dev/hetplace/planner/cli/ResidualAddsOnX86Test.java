package dev.hetplace.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ResNet-18 on x86-h200 with in-model costs: an eager add pays its element-wise dispatch (12 us in fp32), so no
 * residual add leaves the GPU: each would save less than the crossings and read-back synchronisations it adds.
 */
class ResidualAddsOnX86Test {
    private static List<String> adds(String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("--model", "resnet18", "--targets", "cpu,gpu", "--format", "json"));
        args.addAll(List.of(extra));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> out = new ArrayList<>();
        for (JsonNode g : new ObjectMapper().readTree(run.out()).get("plan").get("groups")) {
            if (g.get("op").asText().equals("add")) {
                out.add(g.get("device").asText() + ":" + g.get("precision").asText());
            }
        }
        return out;
    }

    @Test
    void everyResidualAddStaysOnTheGpu() throws IOException {
        assertThat(adds()).containsExactly("gpu:int8", "gpu:int8", "gpu:int8", "gpu:int8", "gpu:int8", "gpu:int8",
                "gpu:int8", "gpu:int8");
        assertThat(adds("--precisions", "fp32")).containsOnly("gpu:fp32").hasSize(8);
        assertThat(adds("--timing", "graph")).containsOnly("gpu:fp16").hasSize(8);
    }

    @Test
    void explainOnAnAddSaysWhatLeavingTheGpuWouldSaveAndCost() {
        CliRun run = CliRun.of("--model", "resnet18", "--targets", "cpu,gpu", "--explain", "layer1.0.add");
        assertThat(run.exitCode()).as(run.err()).isZero();
        // on the host in int8 the add itself is 4.6 us faster, but both of its inputs are read back (a copy and a
        // 24.84 us synchronisation each) and its output sent back
        assertThat(run.out()).contains("moved alone: its time drops by 4.6 us, crossings add 81.9 us (49.7 us of it"
                + " device-to-host synchronisation): the plan loses by 77.3 us");
        assertThat(run.out()).contains("* gpu:int8                 14.7 us");
    }

    @Test
    void anAddLeavesTheGpuWhenItsSavingExceedsTheCrossingsAndExplainSaysByHowMuch() {
        // conv2 (one summand) and layer1.1.conv1 (a reader) pinned to the host: on either device the add has one
        // summand and one reader across PCIe, so leaving adds no crossing and the host's 4.6 us saving wins
        CliRun run = CliRun.of("--model", "resnet18", "--targets", "cpu,gpu", "--pin", "layer1.0.conv2=cpu:int8",
                "--pin", "layer1.1.conv1=cpu:int8", "--explain", "layer1.0.add");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("\\n +4 +layer1\\.0\\.add +add +1x64x56x56 +cpu +int8 ");
        assertThat(run.out()).contains("gpu:int8                 14.7 us", "moved alone: its time grows by 4.6 us,"
                + " crossings add 0.0 us (0.0 us of it device-to-host synchronisation): the plan loses by 4.6 us");
    }

    @Test
    void aWholeModelRowNamingAModelThatDoesNotImportIsBadInput(@TempDir Path dir) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("measured/x86-h200/cpu_layers.csv")) {
            Files.copy(in, dir.resolve("cpu_layers.csv"));
        }
        Path e2e = dir.resolve("end_to_end.csv");
        Files.writeString(e2e, "model,device,precision,batch,threads,timing,median_us,p10_us,p90_us\n"
                + "resnet18,cpu,fp32,1,4,eager,13112.81,12764.91,13689.48\n"
                + "resnet-eighteen,cpu,int8,1,4,eager,4481.69,4394.65,4659.05\n", StandardCharsets.UTF_8);
        Path plan = dir.resolve("plan.json");
        CliRun run = CliRun.of("--model", "resnet18", "--targets", "cpu,gpu", "--set",
                "devices.cpu.calibration=" + dir.resolve("cpu_layers.csv"), "--export", "json", "--out",
                plan.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("place: " + e2e + ":3: model 'resnet-eighteen' does not import");
        assertThat(plan).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("cpu_layers.csv",
                    "end_to_end.csv");
        }
    }

    @Test
    void aWholeModelRowAtAPrecisionTheDeviceLacksIsBadInput(@TempDir Path dir) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("measured/x86-h200/cpu_layers.csv")) {
            Files.copy(in, dir.resolve("cpu_layers.csv"));
        }
        Path e2e = dir.resolve("end_to_end.csv");
        Files.writeString(e2e, "model,device,precision,batch,threads,timing,median_us,p10_us,p90_us\n"
                + "resnet18,cpu,bf16,1,4,eager,13112.81,12764.91,13689.48\n", StandardCharsets.UTF_8);
        CliRun run = CliRun.of("cost", "--model", "resnet18", "--platform", "x86-h200", "--targets", "cpu",
                "--cpu-threads", "4");
        assertThat(run.exitCode()).as(run.err()).isZero();
        CliRun bad = CliRun.of("--model", "resnet18", "--targets", "cpu,gpu", "--set",
                "devices.cpu.calibration=" + dir.resolve("cpu_layers.csv"));
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().lines()).containsExactly("place: " + e2e + ":2: precision bf16, but device cpu"
                + " (x86-64 Intel Xeon host (16 cores)) has only fp32, int8");
    }
}
