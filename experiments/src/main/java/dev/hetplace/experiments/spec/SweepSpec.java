package dev.hetplace.experiments.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A validated sweep: its name, what it is for, the runs it expands to (in a fixed order, duplicates removed; a
 * run's index in this list is what {@code --shard} slices on), the report sections it asks for, and the JSON it
 * was read from.
 */
public record SweepSpec(String name, String description, String source, List<RunSpec> runs, List<String> report,
                        JsonNode document) {
    public SweepSpec {
        runs = List.copyOf(runs);
        report = List.copyOf(report);
    }
}
