package dev.hetplace.planner;

import java.util.Map;

/** Where a plan came from: hashes of its inputs, versions of the tools. Lives in the JSON's {@code run} section. */
public record Provenance(String model, String modelHash, String platform, String platformHash,
                         Map<String, String> versions) {
    public Provenance {
        versions = Map.copyOf(versions);
    }
}
