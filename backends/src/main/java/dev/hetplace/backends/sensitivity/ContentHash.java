package dev.hetplace.backends.sensitivity;

import dev.hetplace.backends.exec.CalibrationInputs;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.Weights;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** SHA-256 digests (lower-case hex) of what a measurement depends on: graph structure, weights, inputs. */
public final class ContentHash {
    private ContentHash() {
    }

    /** Every layer's name, op, inputs and output type, and the graph outputs. */
    public static String graph(Graph g) {
        MessageDigest md = sha256();
        for (Layer l : g.layers()) {
            md.update((l.name() + "|" + l.op() + "|" + l.inputs() + "|" + l.output() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        md.update(g.outputs().toString().getBytes(StandardCharsets.UTF_8));
        return hex(md);
    }

    /** Every parameter tensor's layer name, parameter name and values, in name order. */
    public static String weights(Weights w) {
        MessageDigest md = sha256();
        for (Map.Entry<String, Map<String, float[]>> layer : w.byLayer().entrySet()) {
            for (Map.Entry<String, float[]> p : new java.util.TreeMap<>(layer.getValue()).entrySet()) {
                md.update((layer.getKey() + "/" + p.getKey() + "\n").getBytes(StandardCharsets.UTF_8));
                update(md, p.getValue());
            }
        }
        return hex(md);
    }

    /** Every sample's every input tensor, in order. */
    public static String inputs(CalibrationInputs inputs) {
        MessageDigest md = sha256();
        for (float[][] sample : inputs.samples()) {
            md.update((byte) '|');
            for (float[] x : sample) {
                md.update((byte) ';');
                update(md, x);
            }
        }
        return hex(md);
    }

    public static String of(String text) {
        MessageDigest md = sha256();
        md.update(text.getBytes(StandardCharsets.UTF_8));
        return hex(md);
    }

    private static void update(MessageDigest md, float[] x) {
        ByteBuffer buf = ByteBuffer.allocate(4 * 4096).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < x.length; i += 4096) {
            buf.clear();
            int n = Math.min(4096, x.length - i);
            buf.asFloatBuffer().put(x, i, n);
            md.update(buf.array(), 0, 4 * n);
        }
    }

    private static String hex(MessageDigest md) {
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
