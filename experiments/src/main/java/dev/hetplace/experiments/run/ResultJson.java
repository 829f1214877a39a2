package dev.hetplace.experiments.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A results row as one line of JSON, and back. */
public final class ResultJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    private ResultJson() {
    }

    public static String line(RunRow row) {
        try {
            return MAPPER.writeValueAsString(row);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a results row: " + e.getOriginalMessage(), e);
        }
    }

    /** The row a line holds, or null when the line is not a complete, self-consistent row. */
    public static RunRow parse(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            RunRow r = MAPPER.readValue(line, RunRow.class);
            if (r == null || r.hash() == null || r.run() == null || r.status() == null
                    || !r.hash().equals(r.run().hash()) || (r.status() == RunStatus.OK) != (r.outcome() != null)) {
                return null;
            }
            return r;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }
}
