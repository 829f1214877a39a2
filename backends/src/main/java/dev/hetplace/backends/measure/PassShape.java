package dev.hetplace.backends.measure;

import java.util.List;

/**
 * The shape of a {@code pass} row: a whole group whose anchor is no GEMM (a pool, an element-wise op, a copy, a
 * normalization), as ONNX Runtime's profile times it, its fused layers and the casts standing inside it included.
 * {@code op} is the anchor's op class ({@link #OPS}); {@code cin} holds the elements the anchor reads (all its
 * inputs) and {@code cout} those it writes, batch 1; {@code h}, {@code w}, {@code oh}, {@code ow} and
 * {@code groups} are 1; {@code kh}, {@code kw}, {@code stride} and {@code pad} are a pool's window (1, 1, 1, 0 for
 * every other op).
 */
public final class PassShape {
    /** The op column of pass rows: the cost models' op classes of groups without a GEMM. */
    public static final List<String> OPS = List.of("pool", "global_pool", "eltwise", "activation", "copy",
            "normalization");

    private PassShape() {
    }

    public static boolean isPass(String op) {
        return OPS.contains(op);
    }

    /** Whether a row can hold a group reading {@code inElements} and writing {@code outElements}. */
    public static boolean holds(long inElements, long outElements) {
        return inElements >= 1 && outElements >= 1 && inElements <= Integer.MAX_VALUE
                && outElements <= Integer.MAX_VALUE;
    }

    /** A pass row's shape; refused for an op not in {@link #OPS} or elements a row cannot {@link #holds hold}. */
    public static LayerShape of(String op, long inElements, long outElements, int kh, int kw, int stride, int pad) {
        if (!isPass(op)) {
            throw new IllegalArgumentException("'" + op + "' is not a pass op (known: " + String.join(", ", OPS) + ")");
        }
        if (!holds(inElements, outElements)) {
            throw new IllegalArgumentException("a pass row holds 1 to " + Integer.MAX_VALUE + " elements in and out,"
                    + " got " + inElements + " and " + outElements);
        }
        return new LayerShape(op, (int) inElements, 1, 1, (int) outElements, kh, kw, stride, pad, 1, 1, 1);
    }
}
