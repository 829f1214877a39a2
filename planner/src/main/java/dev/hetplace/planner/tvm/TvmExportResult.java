package dev.hetplace.planner.tvm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Either the TVM arguments (snippet and JSON) or the reason they cannot express the plan plus the group map. */
public record TvmExportResult(TvmPackArgs args, String python, ObjectNode json, String refusal, ArrayNode groupMap) {
    static TvmExportResult ok(TvmPackArgs args, String python, ObjectNode json) {
        return new TvmExportResult(args, python, json, null, null);
    }

    static TvmExportResult refused(String reason, ArrayNode map) {
        return new TvmExportResult(null, null, null, reason, map);
    }

    public boolean expressible() {
        return refusal == null;
    }
}
