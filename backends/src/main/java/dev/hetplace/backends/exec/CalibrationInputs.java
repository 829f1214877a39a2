package dev.hetplace.backends.exec;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.Embedding;
import dev.hetplace.ir.tensor.DType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The inputs a model is calibrated and validated on: {@code samples.get(s)[i]} is sample s of graph input i
 * (row-major float32, the input's element count). {@code source} says where they came from, for reports:
 * {@code synthetic(seed=1, n=8)} or {@code files(<dir>, n=8)}.
 */
public record CalibrationInputs(List<float[][]> samples, String source) {

    public CalibrationInputs {
        samples = List.copyOf(samples);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("calibration needs at least one input sample");
        }
    }

    public int size() {
        return samples.size();
    }

    public float[][] sample(int s) {
        return samples.get(s);
    }

    /**
     * Seeded synthetic images: every element N(0, 1), as a normalized image is near ({@code java.util.Random}'s
     * Gaussians, drawn by {@link GaussianStream}). Integer inputs (token ids) get ids uniform in [0, smallest
     * vocabulary of the embeddings reading them).
     */
    public static CalibrationInputs synthetic(Graph graph, int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("calibration input count must be at least 1, got " + count);
        }
        List<Layer> ins = graph.inputs();
        List<float[][]> samples = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            float[][] sample = new float[ins.size()][];
            for (int i = 0; i < ins.size(); i++) {
                Layer in = ins.get(i);
                long streamSeed = seed * 1_000_003L + s * 1009L + i;
                float[] x = new float[(int) in.output().elements()];
                int vocab = vocabulary(graph, in);
                if (vocab > 0) {
                    Random rnd = new Random(streamSeed);
                    for (int e = 0; e < x.length; e++) {
                        x[e] = rnd.nextInt(vocab);
                    }
                } else {
                    GaussianStream rnd = new GaussianStream(streamSeed);
                    for (int e = 0; e < x.length; e++) {
                        x[e] = (float) rnd.nextGaussian();
                    }
                }
                sample[i] = x;
            }
            samples.add(sample);
        }
        return new CalibrationInputs(samples, "synthetic(seed=" + seed + ", n=" + count + ")");
    }

    /** For an integer input, the smallest vocabulary among the embeddings reading it (2 if none); else 0. */
    private static int vocabulary(Graph graph, Layer input) {
        DType t = input.output().dtype();
        if (t != DType.INT32 && t != DType.INT64) {
            return 0;
        }
        int vocab = Integer.MAX_VALUE;
        for (int c : graph.consumers(input.id())) {
            if (graph.layer(c).op() instanceof Embedding e) {
                vocab = Math.min(vocab, e.vocab());
            }
        }
        return vocab == Integer.MAX_VALUE ? 2 : vocab;
    }
}
