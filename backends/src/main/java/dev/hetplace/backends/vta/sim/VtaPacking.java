package dev.hetplace.backends.vta.sim;

/**
 * Plain <-> blocked layouts as TVM's {@code graph_pack} builds them, zero-padding batch and channels to whole
 * blocks: activations NCHW <-> NCHW{n}n{c}c ([N/n][C/c][H][W][n][c]), weights OIHW -> OIHW{o}o{i}i
 * ([O/o][I/i][KH][KW][o][i]), a per-channel int32 bias -> [O/o][n][o] (repeated over the batch lanes).
 * A dense layer's data [rows][features] is activations with H = W = 1, its weight [units][features] a 1x1 kernel.
 */
public final class VtaPacking {
    private VtaPacking() {
    }

    static int blocks(int extent, int block) {
        return (extent + block - 1) / block;
    }

    /** NCHW int8 -> [N/nb][C/cb][H][W][nb][cb]. */
    public static byte[] packActivations(byte[] nchw, int n, int c, int h, int w, int nb, int cb) {
        requireLength(nchw.length, (long) n * c * h * w, "activations");
        int bn = blocks(n, nb);
        int bc = blocks(c, cb);
        byte[] out = new byte[bn * bc * h * w * nb * cb];
        int plane = h * w;
        for (int in = 0; in < n; in++) {
            for (int ic = 0; ic < c; ic++) {
                int src = (in * c + ic) * plane;
                int base = ((in / nb) * bc + ic / cb) * plane;
                int lane = (in % nb) * cb + ic % cb;
                for (int p = 0; p < plane; p++) {
                    out[(base + p) * nb * cb + lane] = nchw[src + p];
                }
            }
        }
        return out;
    }

    /** [N/nb][C/cb][H][W][nb][cb] -> NCHW int8 (the padding dropped). */
    public static byte[] unpackActivations(byte[] blocked, int n, int c, int h, int w, int nb, int cb) {
        int bc = blocks(c, cb);
        requireLength(blocked.length, (long) blocks(n, nb) * bc * h * w * nb * cb, "blocked activations");
        byte[] out = new byte[n * c * h * w];
        int plane = h * w;
        for (int in = 0; in < n; in++) {
            for (int ic = 0; ic < c; ic++) {
                int dst = (in * c + ic) * plane;
                int base = ((in / nb) * bc + ic / cb) * plane;
                int lane = (in % nb) * cb + ic % cb;
                for (int p = 0; p < plane; p++) {
                    out[dst + p] = blocked[(base + p) * nb * cb + lane];
                }
            }
        }
        return out;
    }

    /** NCHW int8 widened to int32 in accumulator layout [N/nb][C/cb][H][W][nb][cb] (an ALU operand). */
    public static int[] packAccumulators(byte[] nchw, int n, int c, int h, int w, int nb, int cb) {
        byte[] packed = packActivations(nchw, n, c, h, w, nb, cb);
        int[] out = new int[packed.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = packed[i];
        }
        return out;
    }

    /** OIHW int8 -> [O/ob][I/ib][KH][KW][ob][ib]. */
    public static byte[] packWeights(byte[] oihw, int o, int i, int kh, int kw, int ob, int ib) {
        requireLength(oihw.length, (long) o * i * kh * kw, "weights");
        int bo = blocks(o, ob);
        int bi = blocks(i, ib);
        int kk = kh * kw;
        byte[] out = new byte[bo * bi * kk * ob * ib];
        for (int oo = 0; oo < o; oo++) {
            for (int ii = 0; ii < i; ii++) {
                int src = (oo * i + ii) * kk;
                int base = ((oo / ob) * bi + ii / ib) * kk;
                int lane = (oo % ob) * ib + ii % ib;
                for (int k = 0; k < kk; k++) {
                    out[(base + k) * ob * ib + lane] = oihw[src + k];
                }
            }
        }
        return out;
    }

    /** A per-output-channel int32 bias -> [O/ob][nb][ob], the same value in every batch lane. */
    public static int[] packBias(int[] bias, int ob, int nb) {
        int bo = blocks(bias.length, ob);
        int[] out = new int[bo * nb * ob];
        for (int oo = 0; oo < bias.length; oo++) {
            for (int b = 0; b < nb; b++) {
                out[((oo / ob) * nb + b) * ob + oo % ob] = bias[oo];
            }
        }
        return out;
    }

    private static void requireLength(int got, long expected, String what) {
        if (got != expected) {
            throw new IllegalArgumentException(what + " of " + got + " elements, expected " + expected);
        }
    }
}
