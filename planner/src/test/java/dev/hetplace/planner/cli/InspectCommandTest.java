package dev.hetplace.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.json.GraphJson;
import dev.hetplace.ir.zoo.ModelZoo;
import java.util.List;
import org.junit.jupiter.api.Test;

class InspectCommandTest {

    @Test
    void resnet18TableShowsEveryLayerAndTheTotals() {
        CliRun run = CliRun.of("inspect", "--model", "resnet18");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("resnet18: ResNet-18, torchvision, 3x224x224");
        assertThat(lines.get(1)).matches("\\s*#\\s+name\\s+op\\s+input -> output\\s+MACs\\s+params\\s+group");
        // title, header, 70 layers, blank line, totals
        assertThat(lines).hasSize(2 + 70 + 2);
        assertThat(lines.get(2)).matches("\\s*0\\s+input\\s+input\\s+- -> 1x3x224x224\\s+0\\s+0\\s+-");
        assertThat(lines.get(3)).matches(
                "\\s*1\\s+conv1\\s+conv2d 7x7/2 p3\\s+1x3x224x224 -> 1x64x112x112\\s+118,013,952\\s+9,408\\s+g0");
        assertThat(lines.get(2 + 26)).matches("\\s*26\\s+layer2\\.0\\.add\\s+add\\s+"
                + "1x128x28x28, 1x128x28x28 -> 1x128x28x28\\s+0\\s+0\\s+g11");
        assertThat(lines.get(2 + 69)).matches("\\s*69\\s+fc\\s+dense 1000\\s+1x512 -> 1x1000\\s+512,000\\s+513,000\\s+g31");
        assertThat(lines.get(lines.size() - 1)).isEqualTo(
                "layers 70, groups 32, params 11,689,512, MACs 1,814,073,344 (conv + dense 1,814,073,344)");
    }

    @Test
    void jsonIsTheGraphFormPlusGroupsAndTotals() throws Exception {
        CliRun run = CliRun.of("inspect", "--model", "resnet18", "--format", "json");
        assertThat(run.exitCode()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        JsonNode layers = root.get("layers");
        assertThat(layers).hasSize(70);
        assertThat(layers.get(0).get("group").isNull()).isTrue();
        JsonNode conv1 = layers.get(1);
        assertThat(conv1.get("macs").asLong()).isEqualTo(118_013_952L);
        assertThat(conv1.get("params").asLong()).isEqualTo(9_408L);
        assertThat(conv1.get("outputBytes").asLong()).isEqualTo(4L * 64 * 112 * 112);
        assertThat(conv1.get("group").asInt()).isZero();
        assertThat(root.get("groups")).hasSize(32);
        assertThat(root.get("groups").get(0).get("layers").toString()).isEqualTo("[1,2,3]");
        JsonNode totals = root.get("totals");
        assertThat(totals.get("layers").asInt()).isEqualTo(70);
        assertThat(totals.get("groups").asInt()).isEqualTo(32);
        assertThat(totals.get("params").asLong()).isEqualTo(11_689_512L);
        assertThat(totals.get("macs").asLong()).isEqualTo(1_814_073_344L);
        assertThat(totals.get("convDenseMacs").asLong()).isEqualTo(1_814_073_344L);
        // programs can read it back as a graph
        Graph back = GraphJson.read(run.out());
        assertThat(back.layers()).isEqualTo(ModelZoo.build("resnet18").layers());
    }

    @Test
    void unknownModelIsOneLineWithSuggestions() {
        CliRun run = CliRun.of("inspect", "--model", "resnet81");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("place: unknown model 'resnet81' (did you mean resnet18, resnet101, resnet34?)"
                + System.lineSeparator());
    }

    @Test
    void onnxFilesAreImported() {
        CliRun run = CliRun.of("inspect", "--model", "../models/onnx/resnet18.onnx");
        assertThat(run.exitCode()).isEqualTo(0);
        assertThat(run.out()).contains("conv2d").contains("1,814,073,344");
    }

    @Test
    void aMissingOnnxFileIsOneLine() {
        CliRun run = CliRun.of("inspect", "--model", "no/such/model.onnx");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("place: ").contains("no/such/model.onnx");
    }

    @Test
    void modelIsRequired() {
        CliRun run = CliRun.of("inspect");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("place: Missing required option: '--model=MODEL'");
    }

    @Test
    void everyZooModelInspects() {
        for (String name : ModelZoo.names()) {
            CliRun run = CliRun.of("inspect", "--model", name);
            assertThat(run.exitCode()).as(name).isZero();
            assertThat(run.out().lines().count()).as(name).isEqualTo(2 + ModelZoo.build(name).size() + 2);
        }
    }
}
