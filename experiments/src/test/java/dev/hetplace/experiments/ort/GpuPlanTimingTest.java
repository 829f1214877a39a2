package dev.hetplace.experiments.ort;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hetplace.backends.ort.OrtProvider;
import dev.hetplace.experiments.run.PlannerRuns;
import dev.hetplace.planner.run.PlacementRunner;
import dev.hetplace.planner.run.PlacementSpec;
import dev.hetplace.planner.solve.PlanRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU script's flow as its dry run takes it (experiments/gpu/run.sh --dry-run): every plan exported with its
 * partitions and manifest, opened from the manifest and run on the CPU provider in place of CUDA. No timing is
 * asserted.
 */
class GpuPlanTimingTest {
    @TempDir
    Path dir;

    @Test
    void theDryRunExportsChainsAndTimesEveryPlanOnTheCpuProvider() throws Exception {
        List<GpuPlanTiming.Row> rows = GpuPlanTiming.run(OrtProvider.CPU, "lenet", 2, 2, 15, dir);

        assertThat(rows).extracting(GpuPlanTiming.Row::plan).containsExactly("optimum", "optimum-no-bf16",
                "all-gpu-fp32", "all-gpu-fp16", "all-gpu-bf16", "all-gpu-int8", "adds-on-host", "mix-dev-s15",
                "mix-dev-s16");
        for (GpuPlanTiming.Row r : rows) {
            assertThat(r.predictedMs()).as(r.plan()).isFinite().isPositive();
            if (r.precisions().contains("bf16")) {
                // ONNX Runtime's CPU provider has no bf16 Conv: the row says so instead of stopping the run
                assertThat(r.status()).startsWith("failed: ").contains("bfloat16").contains("Conv");
                assertThat(r.timing()).isNull();
                continue;
            }
            assertThat(r.status()).as(r.plan()).isEqualTo("ok");
            assertThat(r.timing().medianMs()).as(r.plan()).isFinite().isPositive();
            assertThat(r.nodesByProvider()).as(r.plan()).startsWith("CPUExecutionProvider:");
        }
        assertThat(rows.get(1).precisions()).doesNotContain("bf16");
        GpuPlanTiming.Row mix = rows.get(7);
        assertThat(mix.partitions()).isGreaterThan(1);
        assertThat(mix.gpuGroups() + mix.hostGroups()).isEqualTo(8);
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("mix-dev-s15.manifest.json").toFile());
        assertThat(manifest.path("partitions")).hasSize(mix.partitions());
        for (JsonNode p : manifest.path("partitions")) {
            assertThat(dir.resolve(p.path("file").asText())).exists();
            assertThat(p.path("device").asText()).isIn("cpu", "gpu");
        }

        String csv = GpuPlanTiming.csv("dry-run", OrtProvider.CPU, "lenet", rows);
        assertThat(csv.lines()).hasSize(10);
        assertThat(csv.lines().skip(1)).allMatch(l -> l.split(",", -1).length == GpuPlanTiming.COLUMNS.size());
    }

    @Test
    void residualAddsGoToTheHostAndEverythingElseStaysOnTheGpuInFp16() {
        PlannerRuns inputs = new PlannerRuns();
        var table = PlacementRunner.price(PlacementSpec.builder("mobilenet_v2", List.of("cpu", "gpu"),
                PlanRequest.latency()).platform("x86-h200").build(), inputs).table();
        GroupPins pins = new GroupPins(inputs.model("mobilenet_v2"), table);
        StudyPlan adds = GpuPlanTiming.plans(pins, 0, 15).stream().filter(p -> p.name().equals("adds-on-host"))
                .findFirst().orElseThrow();
        long onHost = adds.pins().stream().filter(p -> p.endsWith("=cpu:fp32")).count();
        long addGroups = java.util.stream.IntStream.range(0, pins.groups()).filter(g -> pins.op(g).equals("add"))
                .count();
        assertThat(addGroups).isEqualTo(10);
        assertThat(onHost).isEqualTo(addGroups);
        assertThat(adds.pins()).hasSize(pins.groups());
        assertThat(adds.pins().stream().filter(p -> p.endsWith("=gpu:fp16")).count())
                .isEqualTo(pins.groups() - addGroups);
    }
}
