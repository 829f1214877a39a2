package dev.hetplace.planner.onnx;

/**
 * Symmetric int8 weights per output channel (axis 0 of a [channels, ...] tensor) with their scales
 * {@code max|w_c| / 127}, and a bias as int32 at scale {@code s_in * s_w[c]}, as ONNX QDQ consumers read them.
 */
record QdqWeights(byte[] weight, float[] scales) {
    static final int QMAX = 127;

    static QdqWeights perChannel(float[] w, int channels) {
        int per = w.length / channels;
        byte[] q = new byte[w.length];
        float[] s = new float[channels];
        for (int c = 0; c < channels; c++) {
            double max = 0;
            for (int i = c * per; i < (c + 1) * per; i++) {
                max = Math.max(max, Math.abs(w[i]));
            }
            s[c] = max > 0 ? (float) (max / QMAX) : 1f;
            for (int i = c * per; i < (c + 1) * per; i++) {
                q[i] = (byte) Math.max(-QMAX, Math.min(QMAX, Math.round(w[i] / s[c])));
            }
        }
        return new QdqWeights(q, s);
    }

    /** A [in, units] matrix quantized per column (axis 1): the transposed layout of a MatMul's weight. */
    static QdqWeights perColumn(float[] w, int rows, int columns) {
        float[] t = new float[w.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                t[c * rows + r] = w[r * columns + c];
            }
        }
        QdqWeights byRow = perChannel(t, columns);
        byte[] q = new byte[w.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                q[r * columns + c] = byRow.weight()[c * rows + r];
            }
        }
        return new QdqWeights(q, byRow.scales());
    }

    /** The bias at the accumulator scale of each channel, and those scales. */
    int[] bias(float[] b, float inputScale) {
        int[] q = new int[b.length];
        for (int c = 0; c < b.length; c++) {
            q[c] = (int) Math.max(Integer.MIN_VALUE + 1L, Math.min(Integer.MAX_VALUE,
                    Math.round((double) b[c] / ((double) inputScale * scales[c]))));
        }
        return q;
    }

    float[] biasScales(float inputScale) {
        float[] s = new float[scales.length];
        for (int c = 0; c < s.length; c++) {
            s[c] = inputScale * scales[c];
        }
        return s;
    }
}
