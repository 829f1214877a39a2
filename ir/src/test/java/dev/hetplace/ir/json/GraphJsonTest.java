package dev.hetplace.ir.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.zoo.ModelZoo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GraphJsonTest {

    static Iterable<String> zooNames() {
        return ModelZoo.names();
    }

    /** Every zoo model exercises a different mix of ops (and with them every op record's fields). */
    @ParameterizedTest
    @MethodSource("zooNames")
    void readingWhatWasWrittenGivesTheSameGraph(String model) {
        Graph g = ModelZoo.build(model);
        Graph back = GraphJson.read(GraphJson.write(g));
        assertThat(back.name()).isEqualTo(g.name());
        assertThat(back.outputs()).isEqualTo(g.outputs());
        assertThat(back.layers()).isEqualTo(g.layers());
    }

    @Test
    void writesSchemaVersionAndDerivedFieldsWithUnits() throws Exception {
        JsonNode root = new ObjectMapper().readTree(GraphJson.write(ModelZoo.build("resnet18")));
        assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
        JsonNode conv1 = root.get("layers").get(1);
        assertThat(conv1.get("name").asText()).isEqualTo("conv1");
        assertThat(conv1.get("op").get("class").asText()).isEqualTo("Conv2d");
        assertThat(conv1.get("op").get("name").asText()).isEqualTo("conv2d");
        assertThat(conv1.get("op").get("kernelH").asInt()).isEqualTo(7);
        assertThat(conv1.get("op").get("padding").get("top").asInt()).isEqualTo(3);
        assertThat(conv1.get("inputs").get(0).asInt()).isZero();
        assertThat(conv1.get("output").get("shape").toString()).isEqualTo("[1,64,112,112]");
        assertThat(conv1.get("output").get("dtype").asText()).isEqualTo("FP32");
        // 64 x 112 x 112 outputs, each 3 x 7 x 7 = 147 MACs; 64 x 147 weights, no bias; 802,816 floats
        assertThat(conv1.get("macs").asLong()).isEqualTo(118_013_952L);
        assertThat(conv1.get("params").asLong()).isEqualTo(9_408L);
        assertThat(conv1.get("outputBytes").asLong()).isEqualTo(3_211_264L);
    }

    @Test
    void readsAFileAndNamesItWhenBroken(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("lenet.json");
        GraphJson.write(ModelZoo.build("lenet"), good);
        assertThat(GraphJson.read(good).size()).isEqualTo(13);

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"schemaVersion\": 1, \"name\": \"x\", \"layers\": [");
        assertThatThrownBy(() -> GraphJson.read(broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(broken + ": not valid JSON (line 1)");
        assertThatThrownBy(() -> GraphJson.read(dir.resolve("missing.json")))
                .hasMessage("graph file " + dir.resolve("missing.json") + " does not exist");
    }

    @Test
    void rejectsOtherSchemaVersions() {
        assertThatThrownBy(() -> GraphJson.read("{\"schemaVersion\": 2, \"name\": \"x\", \"layers\": [], \"outputs\": []}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported graph schemaVersion 2 (this version reads 1)");
    }

    @Test
    void namesTheLayerWithAnUnknownOpOrBadFields() {
        String unknown = "{\"schemaVersion\": 1, \"name\": \"x\", \"outputs\": [0], \"layers\": ["
                + "{\"id\": 0, \"name\": \"mystery\", \"op\": {\"class\": \"Frobnicate\"}, \"inputs\": [],"
                + " \"output\": {\"shape\": [1], \"dtype\": \"FP32\"}}]}";
        assertThatThrownBy(() -> GraphJson.read(unknown))
                .hasMessageStartingWith("layer #0 'mystery': unknown op class 'Frobnicate' (known: Activation,");
        String badInput = "{\"schemaVersion\": 1, \"name\": \"x\", \"outputs\": [1], \"layers\": ["
                + "{\"id\": 0, \"name\": \"in\", \"op\": {\"class\": \"Input\", \"type\": {\"shape\": [0], \"dtype\": \"FP32\"}}, \"inputs\": [],"
                + " \"output\": {\"shape\": [1, 3, 8, 8], \"dtype\": \"FP32\"}}]}";
        assertThatThrownBy(() -> GraphJson.read(badInput))
                .hasMessage("layer #0 'in' op Input: non-positive dimension in shape [0]");
        String missingOutput = "{\"schemaVersion\": 1, \"name\": \"x\", \"outputs\": [0], \"layers\": ["
                + "{\"id\": 0, \"name\": \"in\", \"op\": {\"class\": \"Softmax\", \"axis\": 1}, \"inputs\": []}]}";
        assertThatThrownBy(() -> GraphJson.read(missingOutput))
                .hasMessage("layer #0 'in': missing field 'output'");
    }

    @Test
    void validatesTheGraphItReads() {
        String json = GraphJson.write(ModelZoo.build("lenet")).replace("\"outChannels\" : 16", "\"outChannels\" : 17");
        assertThatThrownBy(() -> GraphJson.read(json))
                .hasMessageContaining("layer 'conv2' (#4) declares output [1, 16, 10, 10] but its inputs give [1, 17, 10, 10]");
    }
}
