package dev.hetplace.planner.onnx;

import dev.hetplace.backends.ort.OrtChain;
import dev.hetplace.backends.ort.OrtSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An export run once in ONNX Runtime: the whole model, or its partitions chained session by session. */
public final class OnnxRun {
    private OnnxRun() {
    }

    /** The export's graph outputs, in order, on one sample (one array per graph input). */
    public static List<float[]> outputs(OnnxModels x, float[][] sample, boolean chained, OrtSettings settings) {
        try (OrtChain c = open(x, chained, settings)) {
            return outputs(x, c, sample);
        }
    }

    /** Sessions over the export: its partitions in order when {@code chained} and it has any, else the whole model. */
    public static OrtChain open(OnnxModels x, boolean chained, OrtSettings settings) {
        List<byte[]> bytes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (chained && !x.partitions().isEmpty()) {
            for (OnnxModels.Partition p : x.partitions()) {
                bytes.add(p.model().toByteArray());
                names.add("partition " + p.index() + " (" + p.device() + ") of the exported plan");
            }
        } else {
            bytes.add(x.whole().toByteArray());
            names.add("the exported " + x.whole().getGraph().getName());
        }
        return OrtChain.open(bytes, names, settings);
    }

    /** The export's graph outputs on one sample, run in an open chain of its sessions. */
    public static List<float[]> outputs(OnnxModels x, OrtChain chain, float[][] sample) {
        return outputs(x.inputs(), x.outputs(), chain, sample);
    }

    /** The same by the export's input and output names, for a caller that no longer holds the export. */
    public static List<float[]> outputs(List<String> inputs, List<String> outputs, OrtChain chain, float[][] sample) {
        Map<String, float[]> out = chain.run(feed(inputs, sample), outputs);
        return outputs.stream().map(out::get).toList();
    }

    /** One sample (an array per graph input) by the export's input names. */
    public static Map<String, float[]> feed(OnnxModels x, float[][] sample) {
        return feed(x.inputs(), sample);
    }

    /** One sample by the given input names, in order. */
    public static Map<String, float[]> feed(List<String> inputs, float[][] sample) {
        Map<String, float[]> feed = new LinkedHashMap<>();
        for (int i = 0; i < sample.length; i++) {
            feed.put(inputs.get(i), sample[i]);
        }
        return feed;
    }
}
