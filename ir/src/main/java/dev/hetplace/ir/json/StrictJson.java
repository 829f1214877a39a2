package dev.hetplace.ir.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one way the project's JSON inputs (graphs, plans, sweep specs) are parsed: a duplicated key, anything after
 * the document, an empty file and nesting deeper than Jackson's limit are errors, and every error is one line with
 * the line and column where the parser stopped.
 */
public final class StrictJson {
    private static final ObjectMapper MAPPER = builder().build();

    private StrictJson() {
    }

    /** Why a document is not JSON: the line (1-based; 1 when the parser cannot tell) and the reason, one line. */
    public static final class Malformed extends IllegalArgumentException {
        private final int line;
        private final String reason;

        Malformed(int line, String reason) {
            super("not valid JSON at line " + line + ": " + reason);
            this.line = line;
            this.reason = reason;
        }

        public int line() {
            return line;
        }

        public String reason() {
            return reason;
        }
    }

    /** The document's tree, or {@link Malformed}. */
    public static JsonNode parse(String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null || at.getLineNr() < 1 ? 1 : at.getLineNr();
            String why = e.getOriginalMessage() == null ? e.getClass().getSimpleName()
                    : e.getOriginalMessage().lines().findFirst().orElse("syntax error");
            throw new Malformed(line, why);
        } catch (StackOverflowError e) {
            throw new Malformed(1, "nested too deeply to read");
        }
        if (root == null || root.isMissingNode()) {
            throw new Malformed(1, "the document is empty");
        }
        return root;
    }

    /** A builder of mappers with the strict reader's features, for readers that add their own. */
    public static JsonMapper.Builder builder() {
        return JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
