package dev.hetplace.ir.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hetplace.ir.zoo.ModelZoo;
import org.junit.jupiter.api.Test;

/** Graph JSON that used to be read wrongly or to throw: refused with one line naming the field. */
class GraphJsonBadInputTest {
    private static final String LENET = GraphJson.write(ModelZoo.build("lenet"));

    private static void refused(String json, String message) {
        assertThatThrownBy(() -> GraphJson.read(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void duplicateKeysTrailingContentAndDeepNesting() {
        refused(LENET.replaceFirst("\"outputs\"", "\"outputs\" : [0], \"outputs\""), "Duplicate field 'outputs'");
        refused(LENET + " 7", "Trailing token");
        refused("[".repeat(2000) + "]".repeat(2000), "not valid JSON (line 1)");
        refused("", "not valid JSON (line 1): the document is empty");
    }

    @Test
    void numbersMustBeOfTheirFieldsKind() {
        refused(LENET.replaceFirst("\"id\" : 1,", "\"id\" : 1.5,"), "field 'id' must be an integer, got 1.5");
        refused(LENET.replaceFirst("\"kernelH\" : 5", "\"kernelH\" : 2.5"), "op Conv2d");
        refused(LENET.replaceFirst("\"kernelH\" : 5", "\"kernelH\" : \"5\""), "op Conv2d");
        refused(LENET.replaceFirst("\"schemaVersion\" : 1", "\"schemaVersion\" : 1.9"), "unsupported graph schemaVersion");
    }

    @Test
    void wrongStructureIsNamed() {
        refused(LENET.replaceFirst("\"name\" : \"lenet\"", "\"name\" : 3"), "field 'name' must be a string");
        refused("{\"schemaVersion\": 1, \"name\": \"x\", \"layers\": [3], \"outputs\": [0]}", "layer #0 must be an object");
        refused("{\"schemaVersion\": 1, \"name\": \"x\", \"layers\": [{\"id\": 0, \"name\": \"a\", \"op\": 4}],"
                + " \"outputs\": [0]}", "field 'op' must be an object");
    }

    @Test
    void unknownFieldsAreRefusedAndInspectsDerivedFieldsAreNot() {
        refused(LENET.replaceFirst("\"outputs\"", "\"outptus\" : [0], \"outputs\""),
                "graph: unknown field 'outptus' (known: schemaVersion, name, outputs, layers,");
        refused(LENET.replaceFirst("\"id\" : 1,", "\"id\" : 1, \"inptus\" : [0],"), "unknown field 'inptus'");
        String inspected = LENET.replaceFirst("\"outputs\"", "\"description\" : \"d\", \"groups\" : [], \"totals\" : {},"
                + " \"outputs\"").replaceFirst("\"id\" : 1,", "\"id\" : 1, \"group\" : 0,");
        assertThat(GraphJson.read(inspected).layers()).hasSize(GraphJson.read(LENET).layers().size());
    }
}
