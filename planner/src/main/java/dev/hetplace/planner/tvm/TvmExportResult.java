package dev.hetplace.planner.tvm;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Either the TVM arguments (snippet and JSON) or the reason TVM's flow cannot build the plan as priced. */
public record TvmExportResult(TvmPackArgs args, String python, ObjectNode json, String refusal) {
    static TvmExportResult ok(TvmPackArgs args, String python, ObjectNode json) {
        return new TvmExportResult(args, python, json, null);
    }

    static TvmExportResult refused(String reason) {
        return new TvmExportResult(null, null, null, reason);
    }

    public boolean expressible() {
        return refusal == null;
    }
}
