package dev.hetplace.backends.ort;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Models run one after another in their own sessions, each reading the tensors earlier ones (or the caller)
 * produced, by name: an exported multi-device plan's partitions, chained as its manifest orders them. A chain of
 * one model is the whole model.
 */
public final class OrtChain implements AutoCloseable {
    private final List<OrtModel> models;

    private OrtChain(List<OrtModel> models) {
        this.models = List.copyOf(models);
    }

    /** Opens every model (in order; {@code names} say what each is, for messages). */
    public static OrtChain open(List<byte[]> models, List<String> names, OrtSettings settings) {
        List<OrtModel> opened = new ArrayList<>();
        try {
            for (int i = 0; i < models.size(); i++) {
                opened.add(OrtModel.open(models.get(i), names.get(i), settings));
            }
        } catch (RuntimeException e) {
            opened.forEach(OrtModel::close);
            throw e;
        }
        return new OrtChain(opened);
    }

    public List<OrtModel> models() {
        return models;
    }

    /** Runs every model in order; returns every tensor any model produced, by name (graph inputs excluded). */
    public Map<String, float[]> run(Map<String, float[]> inputs) {
        Map<String, float[]> live = new LinkedHashMap<>(inputs);
        Map<String, float[]> produced = new LinkedHashMap<>();
        for (OrtModel m : models) {
            Map<String, float[]> feed = new LinkedHashMap<>();
            for (String n : m.inputNames()) {
                float[] v = live.get(n);
                if (v == null) {
                    throw new IllegalArgumentException("chained ONNX model reads '" + n + "', which no earlier model"
                            + " produced");
                }
                feed.put(n, v);
            }
            Map<String, float[]> out = m.run(feed);
            live.putAll(out);
            produced.putAll(out);
        }
        return produced;
    }

    /** Wall time of whole chained runs: {@code warmups} untimed, then {@code runs} timed. */
    public long[] time(Map<String, float[]> inputs, int warmups, int runs) {
        for (int i = 0; i < warmups; i++) {
            run(inputs);
        }
        long[] ns = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            run(inputs);
            ns[i] = System.nanoTime() - t0;
        }
        return ns;
    }

    /** Every model's profile, in chain order. */
    public List<OrtProfile> endProfiling() {
        return models.stream().map(OrtModel::endProfiling).toList();
    }

    @Override
    public void close() {
        models.forEach(OrtModel::close);
    }
}
