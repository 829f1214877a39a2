package dev.hetplace.ir.op;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A short human description of an op with the settings that matter, e.g. {@code conv2d 7x7/2 p3}. */
public final class OpText {
    private OpText() {
    }

    public static String of(Op op) {
        if (op instanceof Conv2d c) {
            return c.name() + " " + c.kernelH() + "x" + c.kernelW() + stride(c.strideH(), c.strideW())
                    + padding(c.padding())
                    + (c.dilationH() > 1 || c.dilationW() > 1 ? " d" + pair(c.dilationH(), c.dilationW()) : "")
                    + (c.groups() > 1 ? " g" + c.groups() : "");
        }
        if (op instanceof Pool p) {
            return p.name() + " " + p.kernelH() + "x" + p.kernelW() + stride(p.strideH(), p.strideW())
                    + padding(p.padding()) + (p.ceilMode() ? " ceil" : "");
        }
        if (op instanceof Dense d) {
            return d.name() + " " + d.units();
        }
        if (op instanceof MatMul m) {
            return m.name() + (m.transA() ? " A^T" : "") + (m.transB() ? " B^T" : "");
        }
        if (op instanceof Activation a) {
            return switch (a.kind()) {
                case LEAKY_RELU -> a.name() + " " + number(a.alpha());
                case CLIP -> a.name() + " [" + number(a.min()) + ", " + number(a.max()) + "]";
                default -> a.name();
            };
        }
        if (op instanceof Eltwise e) {
            return e.name() + (e.hasConstant() ? " const" + e.constantShape() : "");
        }
        if (op instanceof Concat c) {
            return c.name() + " axis " + c.axis();
        }
        if (op instanceof Softmax s) {
            return s.name() + " axis " + s.axis();
        }
        if (op instanceof Reshape r) {
            return r.name() + " " + r.target();
        }
        if (op instanceof Transpose t) {
            return t.name() + " " + t.perm();
        }
        if (op instanceof Flatten f) {
            return f.name() + " axis " + f.axis();
        }
        if (op instanceof Upsample u) {
            return u.name() + " x" + pair(u.scaleH(), u.scaleW()) + " " + u.mode();
        }
        if (op instanceof Embedding e) {
            return e.name() + " " + e.vocab() + "x" + e.dim();
        }
        return op.name();
    }

    private static String stride(int h, int w) {
        return "/" + pair(h, w);
    }

    private static String pair(int h, int w) {
        return h == w ? String.valueOf(h) : h + "x" + w;
    }

    private static String padding(Padding p) {
        if (p.equals(Padding.NONE)) {
            return "";
        }
        if (p.top() == p.left() && p.symmetric()) {
            return " p" + p.top();
        }
        return " p" + List.of(p.top(), p.left(), p.bottom(), p.right()).stream().map(String::valueOf)
                .collect(Collectors.joining(","));
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
