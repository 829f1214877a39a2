package dev.hetplace.backends.ort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ONNX Runtime's profile trace reduced to its node kernel events: each node that ran (after ORT's fusions, named
 * as ORT names them: a fused node takes the name of its last output's producer or a generated one), its op, the
 * provider that ran it, its kernel time per run and its first input's element type.
 */
public record OrtProfile(List<NodeTime> events) {
    public OrtProfile {
        events = List.copyOf(events);
    }

    /**
     * One kernel execution of one node; {@code inputType} is its first input's element type as ORT names it
     * ({@code float}, {@code uint8}, ...; empty where the profile does not say).
     */
    public record NodeTime(String node, String op, String provider, long micros, String inputType) {
    }

    private static final String KERNEL = "_kernel_time";

    public static OrtProfile parse(String json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new OrtRunException("ONNX Runtime's profile is not JSON: " + e.getMessage());
        }
        List<NodeTime> out = new ArrayList<>();
        for (JsonNode ev : root) {
            String name = ev.path("name").asText();
            if (!"Node".equals(ev.path("cat").asText()) || !name.endsWith(KERNEL)) {
                continue;
            }
            JsonNode args = ev.path("args");
            JsonNode firstInput = args.path("input_type_shape").path(0);
            String inputType = firstInput.isObject() && firstInput.fieldNames().hasNext()
                    ? firstInput.fieldNames().next() : "";
            out.add(new NodeTime(name.substring(0, name.length() - KERNEL.length()), args.path("op_name").asText(),
                    args.path("provider").asText(), ev.path("dur").asLong(), inputType));
        }
        return new OrtProfile(out);
    }

    /** Median kernel microseconds per node over the profiled runs, by node, in first-run order. */
    public Map<String, Double> medianMicrosByNode() {
        Map<String, List<Long>> by = new LinkedHashMap<>();
        for (NodeTime t : events) {
            by.computeIfAbsent(t.node(), k -> new ArrayList<>()).add(t.micros());
        }
        Map<String, Double> m = new LinkedHashMap<>();
        by.forEach((k, v) -> {
            long[] a = v.stream().mapToLong(Long::longValue).sorted().toArray();
            int n = a.length;
            m.put(k, n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2.0);
        });
        return m;
    }

    /** The provider that ran each node, by node. */
    public Map<String, String> providers() {
        Map<String, String> m = new LinkedHashMap<>();
        events.forEach(t -> m.putIfAbsent(t.node(), t.provider()));
        return m;
    }

    /** The op ORT ran each node as (a fused op such as QLinearConv or FusedConv), by node. */
    public Map<String, String> ops() {
        Map<String, String> m = new LinkedHashMap<>();
        events.forEach(t -> m.putIfAbsent(t.node(), t.op()));
        return m;
    }
}
