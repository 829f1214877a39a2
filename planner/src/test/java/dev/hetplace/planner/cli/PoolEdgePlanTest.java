package dev.hetplace.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hetplace.planner.testing.TemporaryCache;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --platform host} on a real {@code place measure --runtime onnxruntime} table of resnet18 at 1 thread
 * (test resource {@code ort-pool-edge/resnet18-1thread.csv}, measured under load): its pool_edge row prices the
 * plain uint8 MaxPool ONNX Runtime runs when the fp32 stem feeds the int8 pool at 16,612 us, against 1,852 us for
 * the stem in fp32 and 2,353.5 us in int8. Without the row the optimum keeps the stem (and the pool) in fp32, the
 * plan that measures slower; with it the stem goes int8, and {@code place cost} and {@code --explain} show the
 * charge and its source.
 */
class PoolEdgePlanTest {
    @RegisterExtension
    final TemporaryCache cache = new TemporaryCache();

    private void useTable(boolean withPoolEdges) {
        cache.measurementTable("ort-pool-edge/resnet18-1thread.csv", "cpu-20261202-060337-855-resnet18.csv",
                l -> withPoolEdges || !l.contains(",pool_edge,"));
    }

    private static String precisionOf(JsonNode plan, int group) {
        return plan.get("groups").get(group).get("precision").asText();
    }

    private static JsonNode plan() throws IOException {
        CliRun run = CliRun.of("--model", "resnet18", "--platform", "host", "--targets", "cpu", "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return new ObjectMapper().readTree(run.out()).get("plan");
    }

    @Test
    void withoutThePoolEdgeRowTheStemStaysFp32() throws IOException {
        useTable(false);
        JsonNode plan = plan();
        assertThat(precisionOf(plan, 0)).isEqualTo("fp32");
        assertThat(precisionOf(plan, 2)).isEqualTo("int8");
    }

    @Test
    void thePoolEdgeRowSendsTheStemToInt8() throws IOException {
        useTable(true);
        JsonNode plan = plan();
        assertThat(precisionOf(plan, 0)).isEqualTo("int8");
        assertThat(precisionOf(plan, 1)).isEqualTo("int8");
    }

    @Test
    void costAndExplainShowTheChargeAndItsSource() throws IOException {
        useTable(true);
        CliRun cost = CliRun.of("cost", "--model", "resnet18", "--platform", "host", "--targets", "cpu");
        assertThat(cost.exitCode()).as(cost.err()).isZero();
        assertThat(cost.out()).contains("pool edge g1 (maxpool) on cpu: 16612.0 us where fp32 meets int8 at it,"
                + " charged on that edge less the pool option's price (measured pool_edge row (");

        CliRun explain = CliRun.of("--model", "resnet18", "--platform", "host", "--targets", "cpu", "--explain",
                "maxpool");
        assertThat(explain.exitCode()).as(explain.err()).isZero();
        // int8 pool option: 59.1 us priced as an element-wise pass, so the edge adds 16612.0 - 59.1 us
        assertThat(explain.out()).contains("pays crossing pool_edge:in:maxpool@cpu, +16552.9 us, at a precision"
                + " edge: fp32 meets int8 at max pool maxpool (its input, produced in the other"
                + " precision): ONNX Runtime runs its plain uint8 kernel, 16612.0 us (measured pool_edge row (");
        assertThat(explain.out()).contains("pays crossing pool_edge:out:maxpool@cpu, +16422.4 us");
    }
}
