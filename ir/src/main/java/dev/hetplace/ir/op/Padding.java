package dev.hetplace.ir.op;

/** Spatial zero padding in TVM's order (top, left, bottom, right). */
public record Padding(int top, int left, int bottom, int right) {
    public static final Padding NONE = new Padding(0, 0, 0, 0);

    public Padding {
        if (top < 0 || left < 0 || bottom < 0 || right < 0) {
            throw new IllegalArgumentException("negative padding " + top + "," + left + "," + bottom + "," + right);
        }
    }

    public static Padding same(int p) {
        return new Padding(p, p, p, p);
    }

    public static Padding of(int ph, int pw) {
        return new Padding(ph, pw, ph, pw);
    }

    public boolean symmetric() {
        return top == bottom && left == right;
    }
}
