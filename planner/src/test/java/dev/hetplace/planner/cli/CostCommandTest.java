package dev.hetplace.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostCommandTest {

    @Test
    void tableShowsTheStemsUsefulFractionOnVta() {
        CliRun r = CliRun.of("cost", "--model", "resnet18", "--platform", "pynq-z1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String stemOnVta = r.out().lines().filter(l -> l.startsWith("g0 ") && l.contains("vta:int8:blocked"))
                .findFirst().orElseThrow();
        assertThat(stemOnVta).contains("0.188");
        assertThat(r.out()).contains("cpu:fp32:plain", "cpu:int8:plain", "arm_cpu");
    }

    @Test
    void jsonHasEveryChoiceWithUnitNamedFields() throws Exception {
        CliRun r = CliRun.of("cost", "--model", "resnet18", "--platform", "x86-h200", "--format", "json",
                "--timing", "graph", "--batch", "32");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode root = JsonMapper.builder().build().readTree(r.out());
        assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(root.get("batch").asInt()).isEqualTo(32);
        JsonNode stem = root.get("groups").get(0);
        List<String> choices = stem.get("choices").findValuesAsText("device");
        assertThat(choices).contains("cpu", "gpu");
        JsonNode gpuFp16 = null;
        for (JsonNode c : stem.get("choices")) {
            if (c.get("device").asText().equals("gpu") && c.get("precision").asText().equals("fp16")) {
                gpuFp16 = c;
            }
        }
        assertThat(gpuFp16).isNotNull();
        // gpu_layers.csv: ResNet-18's stem, fp16, batch 32, CUDA graph: 149.48 us (+ its fused relu kernel), in a
        // whole model x0.989 (the fp16 factor fitted to end_to_end.csv's graph rows)
        assertThat(gpuFp16.get("source").asText()).isEqualTo("measured");
        assertThat(gpuFp16.get("breakdown").get("computeNs").asLong()).isEqualTo(147_863);
        assertThat(gpuFp16.get("note").asText()).contains("in-model: graph times x 0.989");
        gpuFp16.get("breakdown").fieldNames().forEachRemaining(f -> assertThat(f).endsWith("Ns"));
        assertThat(gpuFp16.has("timeNs") && gpuFp16.has("usefulFraction") && gpuFp16.has("layout")
                && gpuFp16.has("note")).isTrue();
    }

    @Test
    void csvHasOneRowPerChoiceAndCpuThreadsChangeCpuPrices() {
        CliRun four = CliRun.of("cost", "--model", "resnet18", "--platform", "x86-h200", "--targets", "cpu",
                "--format", "csv");
        CliRun one = CliRun.of("cost", "--model", "resnet18", "--platform", "x86-h200", "--targets", "cpu",
                "--format", "csv", "--cpu-threads", "1");
        assertThat(four.exitCode()).as(four.err()).isZero();
        List<String> lines = four.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("group,name,op,device,precision,layout,timeNs,computeNs,loadNs,storeNs,"
                + "paddingWasteNs,layoutNs,launchNs,usefulFraction,source,note");
        String stem4 = lines.stream().filter(l -> l.startsWith("g0,") && l.contains(",fp32,plain,")).findFirst()
                .orElseThrow();
        String stem1 = one.out().lines().filter(l -> l.startsWith("g0,") && l.contains(",fp32,plain,")).findFirst()
                .orElseThrow();
        // cpu_layers.csv: the stem in fp32 took 530.67 us at 4 threads and 2865.76 us at 1 (isolated); inside a
        // whole model x1.242 and x0.615 (the factors fitted to end_to_end.csv)
        assertThat(stem4.split(",")[7]).isEqualTo("659325");
        assertThat(Long.parseLong(stem1.split(",")[7]) / 2_865_760.0).isCloseTo(0.615, within(0.0005));
        assertThat(lines).noneMatch(l -> l.contains(",gpu,"));
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        CliRun r = CliRun.of("cost", "--model", "resnet18", "--format", "xml");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("place: --format must be table, json or csv, got 'xml'");
        CliRun t = CliRun.of("cost", "--model", "resnet18", "--platform", "pynq-z1", "--targets", "gpu");
        assertThat(t.exitCode()).isEqualTo(2);
        assertThat(t.err().lines()).hasSize(1);
    }

    @Test
    void calibratePrintsTheFidelityReport() {
        CliRun r = CliRun.of("calibrate", "--platform", "x86-h200");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("median error <= 25%: 23 of 24 slices", "Spearman >= 0.9: 19 of 21");
        assertThat(r.out()).contains("resnet18  cpu  fp32");
        CliRun pynq = CliRun.of("calibrate", "--platform", "pynq-z1");
        assertThat(pynq.exitCode()).isEqualTo(2);
        assertThat(pynq.err()).startsWith("place: platform pynq-z1 has no CPU calibrated");
    }
}
