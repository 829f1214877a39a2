package dev.hetplace.backends.ort;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxTensorLike;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtSession;
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
    public static OrtChain open(List<byte[]> models, List<String> names, OrtSettings requested) {
        return open(models, names, models.stream().map(m -> requested).toList());
    }

    /** As above, each model with its own settings (its provider: a GPU partition on CUDA, a host one on the CPU). */
    public static OrtChain open(List<byte[]> models, List<String> names, List<OrtSettings> requested) {
        List<OrtModel> opened = new ArrayList<>();
        try {
            for (int i = 0; i < models.size(); i++) {
                opened.add(OrtModel.open(models.get(i), names.get(i), requested.get(i)));
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

    /**
     * Runs every model in order, handing tensors on in their own element types (int8, fp16, ...); returns the
     * float32 tensors named {@code wanted} (every model output when empty).
     */
    public Map<String, float[]> run(Map<String, float[]> inputs, List<String> wanted) {
        Map<String, OnnxTensorLike> live = new LinkedHashMap<>();
        List<AutoCloseable> open = new ArrayList<>();
        Map<String, float[]> result = new LinkedHashMap<>();
        try {
            for (OrtModel m : models) {
                Map<String, OnnxTensorLike> feed = new LinkedHashMap<>();
                for (String n : m.inputNames()) {
                    OnnxTensorLike v = live.get(n);
                    if (v == null && inputs.containsKey(n)) {
                        OnnxTensor t = m.tensor(n, inputs.get(n));
                        open.add(t);
                        v = t;
                    }
                    if (v == null) {
                        throw new IllegalArgumentException("chained ONNX model reads '" + n + "', which no earlier"
                                + " model produced");
                    }
                    feed.put(n, v);
                }
                OrtSession.Result r = m.runTensors(feed);
                open.add(r);
                for (Map.Entry<String, OnnxValue> e : r) {
                    live.put(e.getKey(), (OnnxTensor) e.getValue());
                }
            }
            for (Map.Entry<String, OnnxTensorLike> e : live.entrySet()) {
                if (wanted.isEmpty() ? !inputs.containsKey(e.getKey()) : wanted.contains(e.getKey())) {
                    if (wanted.isEmpty() && ((OnnxTensor) e.getValue()).getInfo().type != OnnxJavaType.FLOAT) {
                        continue;
                    }
                    result.put(e.getKey(), OrtModel.floats(e.getKey(), (OnnxTensor) e.getValue()));
                }
            }
            return result;
        } finally {
            for (AutoCloseable c : open) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing native tensors does not fail in practice; nothing to report
                }
            }
        }
    }

    /** Wall time of whole chained runs: {@code warmups} untimed, then {@code runs} timed. */
    public long[] time(Map<String, float[]> inputs, int warmups, int runs) {
        List<String> last = List.of(models.get(models.size() - 1).outputNames().get(0));
        for (int i = 0; i < warmups; i++) {
            run(inputs, last);
        }
        long[] ns = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            run(inputs, last);
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
