package dev.hetplace.planner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hetplace.ir.zoo.ModelZoo;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelsCommandTest {

    @Test
    void tableListsEveryZooModelWithItsSize() {
        CliRun run = CliRun.of("models");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).matches("name\\s+layers\\s+groups\\s+params\\s+GMACs\\s+description");
        assertThat(lines).hasSize(1 + ModelZoo.names().size());
        // 70 layers incl. the input, 32 groups (see GroupingTest), torchvision's counts
        assertThat(lines).anyMatch(l -> l.matches(
                "resnet18\\s+70\\s+32\\s+11,689,512\\s+1\\.814\\s+ResNet-18, torchvision, 3x224x224"));
        assertThat(lines).anyMatch(l -> l.matches("vgg16\\s+\\d+\\s+\\d+\\s+138,357,544\\s+15\\.470\\s+.*"));
        assertThat(lines).anyMatch(l -> l.matches("lenet\\s+13\\s+\\d+\\s+61,706\\s+0\\.000417\\s+.*"));
    }

    @Test
    void jsonNamesItsUnits() throws Exception {
        CliRun run = CliRun.of("models", "--format", "json");
        assertThat(run.exitCode()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
        JsonNode models = root.get("models");
        assertThat(models).hasSize(ModelZoo.names().size());
        JsonNode resnet18 = models.get(0);
        assertThat(resnet18.get("name").asText()).isEqualTo("resnet18");
        assertThat(resnet18.get("layers").asInt()).isEqualTo(70);
        assertThat(resnet18.get("groups").asInt()).isEqualTo(32);
        assertThat(resnet18.get("params").asLong()).isEqualTo(11_689_512L);
        assertThat(resnet18.get("macs").asLong()).isEqualTo(1_814_073_344L);
        assertThat(resnet18.get("convDenseMacs").asLong()).isEqualTo(1_814_073_344L);
        // BERT's attention MatMuls count in macs but not in convDenseMacs: 12 layers x 2 x 12 heads x 128^2 x 64
        JsonNode bert = models.get(ModelZoo.names().indexOf("bert-base"));
        assertThat(bert.get("macs").asLong() - bert.get("convDenseMacs").asLong())
                .isEqualTo(12L * 2 * 12 * 128 * 128 * 64);
    }

    @Test
    void formatIsCaseInsensitiveAndChecked() {
        assertThat(CliRun.of("models", "--format", "JSON").exitCode()).isZero();
        CliRun bad = CliRun.of("models", "--format", "xml");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("place: Invalid value for option '--format': 'xml' is not a format"
                + " (use table or json)" + System.lineSeparator());
    }
}
