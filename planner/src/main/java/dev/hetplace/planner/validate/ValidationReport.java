package dev.hetplace.planner.validate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;

/** A {@link Validation} as a JSON object (dB rounded to 0.01, null for +infinity) and as lines for people. */
public final class ValidationReport {
    private ValidationReport() {
    }

    public static ObjectNode json(Validation v) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        putDb(n, "measuredSqnrDb", v.measuredSqnrDb());
        putDb(n, "predictedSqnrDb", v.predictedSqnrDb());
        n.put("top1Agreement", Math.round(v.top1Agreement() * 1e4) / 1e4);
        n.put("weights", v.weights());
        n.put("calibration", v.calibration());
        n.put("inputs", v.inputs());
        n.put("vta", v.vta());
        var rejected = n.putArray("rejectedPlansMeasuredSqnrDb");
        v.rejected().forEach(db -> rejected.add(Math.round(db * 100) / 100.0));
        return n;
    }

    public static void print(Validation v, PrintWriter out) {
        out.printf(Locale.ROOT, "validation: measured SQNR %s, predicted %s, top-1 agreement %.1f%% (%s weights, %s"
                        + " calibration, %s inputs; %s; %.1f s)%n", db(v.measuredSqnrDb()), db(v.predictedSqnrDb()),
                100 * v.top1Agreement(), v.weights(), v.calibration(), v.inputs(), v.vta(), v.nanos() / 1e9);
        if (!v.rejected().isEmpty()) {
            out.printf(Locale.ROOT, "  re-planned %d time(s): earlier plans measured %s, below the budget%n",
                    v.rejected().size(), v.rejected().stream().map(ValidationReport::db).toList());
        }
    }

    private static void putDb(ObjectNode n, String field, double db) {
        if (Double.isInfinite(db) || Double.isNaN(db)) {
            n.putNull(field);
        } else {
            n.put(field, Math.round(db * 100) / 100.0);
        }
    }

    private static String db(double db) {
        return Double.isInfinite(db) ? "inf dB" : String.format(Locale.ROOT, "%.1f dB", db);
    }
}
