package dev.hetplace.planner.onnx;

import dev.hetplace.backends.ort.OrtModel;
import dev.hetplace.backends.ort.OrtProfile;
import dev.hetplace.backends.ort.OrtSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which max pools of an export ONNX Runtime runs on its plain NCHW uint8 kernel ({@code MaxPool} on a uint8 or int8
 * input), 60-200x slower than the {@code NhwcMaxPool} of an all-int8 region. Which kernel a pool gets is decided over
 * regions by ORT's NHWC transformer and transpose optimizer, not per edge, so the per-edge prices can miss it (an
 * int8 concat with a float input leaves the next fire module of squeezenet1_1 in NCHW, and its pool on this kernel):
 * the export's whole model is run in a profiled session (one warm-up, one profiled run) and its kernels read back.
 */
public final class OrtLayoutCheck {
    private static final Set<String> INTEGER_TYPES = Set.of("uint8", "int8");

    /** A max pool of the export on ORT's plain uint8 kernel: its group and its kernel time in the profiled run. */
    public record PlainPool(String group, double micros) {
    }

    private OrtLayoutCheck() {
    }

    /** The export's max pools on the plain uint8 kernel, run at {@code threads} on {@code sample}. */
    public static List<PlainPool> of(OnnxModels x, float[][] sample, int threads) {
        byte[] bytes = x.whole().toByteArray();
        OrtProfile prof = OrtModel.profile(bytes, "the plan's export (layout check)", OrtSettings.threads(threads),
                OnnxRun.feed(x, sample), 2);
        return plainPools(x, OnnxExport.metadataByNode(bytes), prof);
    }

    /** The plain uint8 max pools of the profile's last run, mapped to the export's groups. */
    static List<PlainPool> plainPools(OnnxModels x, Map<String, Map<String, String>> meta, OrtProfile prof) {
        Map<String, OrtProfile.NodeTime> last = new LinkedHashMap<>();
        prof.events().forEach(t -> last.put(t.node(), t));
        Map<String, String> groups = OrtMeasurement.groupsOf(x, meta, new ArrayList<>(last.keySet()));
        List<PlainPool> out = new ArrayList<>();
        last.forEach((node, t) -> {
            if (t.op().equals("MaxPool") && INTEGER_TYPES.contains(t.inputType())) {
                String group = groups.get(node);
                out.add(new PlainPool(group != null ? group : node, t.micros()));
            }
        });
        return out;
    }

    /** One clause for a report: empty when no pool runs the plain kernel. */
    public static String describe(List<PlainPool> pools) {
        if (pools.isEmpty()) {
            return "";
        }
        List<String> each = pools.stream().map(p -> String.format(Locale.ROOT, "%s (%.0f us)", p.group(),
                p.micros())).toList();
        return "; layout check: ONNX Runtime runs max pool" + (pools.size() == 1 ? " " : "s ")
                + String.join(", ", each) + " on its plain NCHW uint8 kernel, where an all-int8 region would run"
                + " NhwcMaxPool (a layout its per-edge prices may miss)";
    }
}
