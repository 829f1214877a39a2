package dev.hetplace.ir.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Evaluates ONNX operators on import-time constants, so that shape-computing subgraphs (Shape, Gather, Slice,
 * Unsqueeze, Concat, Cast, ...) disappear. Rearranging ops also work on shape-only tensors (data null).
 * Problems come back as {@link IllegalStateException}s that the caller attaches to the node.
 */
final class ConstantFolder {
    private ConstantFolder() {
    }

    interface Nary {
        double apply(double[] args);
    }

    /** Element-wise op over broadcast inputs; shape-only when any input is. */
    static ConstTensor elementwise(List<ConstTensor> ins, int outType, Nary f) {
        List<Integer> out = new ArrayList<>();
        for (ConstTensor t : ins) {
            out = broadcast(out, t.dims());
        }
        if (ins.stream().anyMatch(t -> !t.hasData())) {
            return ConstTensor.of(out, outType, null);
        }
        int n = (int) ConstTensor.elements(out);
        double[] data = new double[n];
        int[][] strides = new int[ins.size()][];
        for (int k = 0; k < ins.size(); k++) {
            strides[k] = broadcastStrides(ins.get(k).dims(), out);
        }
        int[] idx = new int[out.size()];
        double[] args = new double[ins.size()];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < ins.size(); k++) {
                int off = 0;
                for (int a = 0; a < idx.length; a++) {
                    off += idx[a] * strides[k][a];
                }
                args[k] = ins.get(k).data()[off];
            }
            data[i] = f.apply(args);
            increment(idx, out);
        }
        return ConstTensor.of(out, outType, data);
    }

    static ConstTensor binary(String opType, ConstTensor a, ConstTensor b) {
        boolean ints = a.integral() && b.integral();
        Nary f = switch (opType) {
            case "Add" -> v -> v[0] + v[1];
            case "Sub" -> v -> v[0] - v[1];
            case "Mul" -> v -> v[0] * v[1];
            case "Div" -> ints ? v -> (double) ((long) v[0] / (long) v[1]) : v -> v[0] / v[1];
            case "Pow" -> v -> Math.pow(v[0], v[1]);
            case "Equal" -> v -> v[0] == v[1] ? 1 : 0;
            case "Less" -> v -> v[0] < v[1] ? 1 : 0;
            case "Greater" -> v -> v[0] > v[1] ? 1 : 0;
            case "Max" -> v -> Math.max(v[0], v[1]);
            case "Min" -> v -> Math.min(v[0], v[1]);
            case "Mod" -> v -> {
                if (ints && v[1] == 0) {
                    throw new ArithmeticException("Mod by zero");
                }
                return v[0] - Math.floor(v[0] / v[1]) * v[1]; // fmod=0: the sign of the divisor, as Python's %
            };
            case "FMod" -> v -> v[0] % v[1];
            case "LessOrEqual" -> v -> v[0] <= v[1] ? 1 : 0;
            case "GreaterOrEqual" -> v -> v[0] >= v[1] ? 1 : 0;
            case "And" -> v -> v[0] != 0 && v[1] != 0 ? 1 : 0;
            case "Or" -> v -> v[0] != 0 || v[1] != 0 ? 1 : 0;
            default -> throw new IllegalStateException("cannot fold " + opType);
        };
        boolean comparison = Set.of("Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "And", "Or")
                .contains(opType);
        return elementwise(List.of(a, b), comparison ? OnnxTypes.BOOL : a.type(), f);
    }

    static ConstTensor unary(String opType, ConstTensor a) {
        Nary f = switch (opType) {
            case "Neg" -> v -> -v[0];
            case "Sqrt" -> v -> Math.sqrt(v[0]);
            case "Floor" -> v -> Math.floor(v[0]);
            case "Ceil" -> v -> Math.ceil(v[0]);
            case "Not" -> v -> v[0] == 0 ? 1 : 0;
            case "Reciprocal" -> v -> 1 / v[0];
            case "Relu" -> v -> Math.max(0, v[0]);
            case "Sigmoid" -> v -> 1 / (1 + Math.exp(-v[0]));
            case "Exp" -> v -> Math.exp(v[0]);
            case "Log" -> v -> Math.log(v[0]);
            case "Abs" -> v -> Math.abs(v[0]);
            case "Sign" -> v -> Math.signum(v[0]);
            case "Tanh" -> v -> Math.tanh(v[0]);
            default -> throw new IllegalStateException("cannot fold " + opType);
        };
        return elementwise(List.of(a), a.type(), f);
    }

    /** ScatterND: a copy of data with the slices indices[..., :k] replaced by updates. */
    static ConstTensor scatterNd(ConstTensor data, ConstTensor indices, ConstTensor updates) {
        if (!data.hasData() || !indices.hasData() || !updates.hasData()) {
            return ConstTensor.of(data.dims(), data.type(), null);
        }
        int k = indices.dims().get(indices.rank() - 1);
        if (k > data.rank()) {
            throw new IllegalStateException("indices of depth " + k + " do not fit data " + data.dims());
        }
        long slice = ConstTensor.elements(data.dims().subList(k, data.rank()));
        long count = indices.elements() / Math.max(1, k);
        if (updates.elements() != count * slice) {
            throw new IllegalStateException("updates " + updates.dims() + " do not fit " + count + " slices of "
                    + data.dims().subList(k, data.rank()));
        }
        double[] out = data.data().clone();
        for (int n = 0; n < count; n++) {
            long offset = 0;
            for (int j = 0; j < k; j++) {
                long idx = (long) indices.data()[n * k + j];
                int dim = data.dims().get(j);
                if (idx < -dim || idx >= dim) {
                    throw new IllegalStateException("index " + idx + " is out of range for dimension " + dim);
                }
                offset = offset * dim + (idx < 0 ? idx + dim : idx);
            }
            System.arraycopy(updates.data(), (int) (n * slice), out, (int) (offset * slice), (int) slice);
        }
        return ConstTensor.of(data.dims(), data.type(), out);
    }

    static ConstTensor where(ConstTensor cond, ConstTensor x, ConstTensor y) {
        return elementwise(List.of(cond, x, y), x.type(), v -> v[0] != 0 ? v[1] : v[2]);
    }

    static ConstTensor expand(ConstTensor t, List<Long> shape) {
        List<Integer> target = toInts(shape);
        ConstTensor shaper = ConstTensor.of(target, t.type(),
                t.hasData() ? new double[(int) ConstTensor.elements(target)] : null);
        return elementwise(List.of(t, shaper), t.type(), v -> v[0]);
    }

    static ConstTensor cast(ConstTensor t, int to) {
        if (!t.hasData()) {
            return ConstTensor.of(t.dims(), to, null);
        }
        double[] d = t.data().clone();
        for (int i = 0; i < d.length; i++) {
            if (to == OnnxTypes.BOOL) {
                d[i] = d[i] != 0 ? 1 : 0;
            } else if (OnnxTypes.integral(to)) {
                d[i] = (long) d[i];
            } else if (to == OnnxTypes.FLOAT) {
                d[i] = (float) d[i];
            }
        }
        return ConstTensor.of(t.dims(), to, d);
    }

    static ConstTensor shape(List<Integer> dims, long start, long end) {
        int r = dims.size();
        int s = (int) clamp(start < 0 ? start + r : start, 0, r);
        int e = (int) clamp(end < 0 ? end + r : end, 0, r);
        long[] out = new long[Math.max(0, e - s)];
        for (int i = s; i < e; i++) {
            out[i - s] = dims.get(i);
        }
        return ConstTensor.longs(out);
    }

    static ConstTensor gather(ConstTensor data, ConstTensor indices, int axis) {
        int ax = normalizeAxis(axis, data.rank());
        List<Integer> out = gatherShape(data.dims(), indices.dims(), ax);
        if (!data.hasData() || !indices.hasData()) {
            return ConstTensor.of(out, data.type(), null);
        }
        int dAxis = data.dims().get(ax);
        int outer = (int) ConstTensor.elements(data.dims().subList(0, ax));
        int inner = (int) ConstTensor.elements(data.dims().subList(ax + 1, data.rank()));
        double[] idx = indices.data();
        double[] res = new double[(int) ConstTensor.elements(out)];
        int p = 0;
        for (int o = 0; o < outer; o++) {
            for (double iv : idx) {
                long i = (long) iv;
                if (i < 0) {
                    i += dAxis;
                }
                if (i < 0 || i >= dAxis) {
                    throw new IllegalStateException("gather index " + (long) iv + " out of range for " + dAxis);
                }
                System.arraycopy(data.data(), (int) ((o * (long) dAxis + i) * inner), res, p, inner);
                p += inner;
            }
        }
        return ConstTensor.of(out, data.type(), res);
    }

    static List<Integer> gatherShape(List<Integer> data, List<Integer> indices, int axis) {
        List<Integer> out = new ArrayList<>(data.subList(0, axis));
        out.addAll(indices);
        out.addAll(data.subList(axis + 1, data.size()));
        return out;
    }

    /** Per-axis start, step and count of an ONNX Slice. */
    record SliceSpec(int[] start, int[] step, int[] count) {
        List<Integer> dims() {
            List<Integer> d = new ArrayList<>();
            for (int c : count) {
                d.add(c);
            }
            return d;
        }
    }

    static SliceSpec sliceSpec(List<Integer> dims, List<Long> starts, List<Long> ends, List<Long> axes,
                               List<Long> steps) {
        int r = dims.size();
        int[] start = new int[r];
        int[] step = new int[r];
        int[] count = new int[r];
        for (int a = 0; a < r; a++) {
            step[a] = 1;
            count[a] = dims.get(a);
        }
        if (starts.size() != ends.size()) {
            throw new IllegalStateException("slice starts " + starts + " and ends " + ends + " differ in length");
        }
        for (int i = 0; i < starts.size(); i++) {
            int a = normalizeAxis(axes == null ? i : Math.toIntExact(axes.get(i)), r);
            long d = dims.get(a);
            long st = steps == null ? 1 : steps.get(i);
            if (st == 0) {
                throw new IllegalStateException("slice step 0");
            }
            long s = starts.get(i);
            long e = ends.get(i);
            s = s < 0 ? s + d : s;
            e = e < 0 ? e + d : e;
            long n;
            if (st > 0) {
                s = clamp(s, 0, d);
                e = clamp(e, 0, d);
                n = e > s ? (e - s + st - 1) / st : 0;
            } else {
                s = clamp(s, 0, d - 1);
                e = clamp(e, -1, d - 1);
                n = s > e ? (s - e - st - 1) / -st : 0;
            }
            start[a] = (int) s;
            step[a] = (int) st;
            count[a] = (int) n;
        }
        return new SliceSpec(start, step, count);
    }

    static ConstTensor slice(ConstTensor t, SliceSpec spec) {
        List<Integer> out = spec.dims();
        if (!t.hasData()) {
            return ConstTensor.of(out, t.type(), null);
        }
        int[] inStrides = strides(t.dims());
        double[] res = new double[(int) ConstTensor.elements(out)];
        int[] idx = new int[out.size()];
        for (int i = 0; i < res.length; i++) {
            int off = 0;
            for (int a = 0; a < idx.length; a++) {
                off += (spec.start()[a] + idx[a] * spec.step()[a]) * inStrides[a];
            }
            res[i] = t.data()[off];
            increment(idx, out);
        }
        return ConstTensor.of(out, t.type(), res);
    }

    static List<Integer> unsqueezeShape(List<Integer> dims, List<Long> axes) {
        int outRank = dims.size() + axes.size();
        boolean[] inserted = new boolean[outRank];
        for (long a : axes) {
            int ax = normalizeAxis(Math.toIntExact(a), outRank);
            if (inserted[ax]) {
                throw new IllegalStateException("unsqueeze axes " + axes + " repeat an axis");
            }
            inserted[ax] = true;
        }
        List<Integer> out = new ArrayList<>();
        int src = 0;
        for (int i = 0; i < outRank; i++) {
            out.add(inserted[i] ? 1 : dims.get(src++));
        }
        return out;
    }

    static List<Integer> squeezeShape(List<Integer> dims, List<Long> axes) {
        boolean[] drop = new boolean[dims.size()];
        if (axes == null || axes.isEmpty()) {
            for (int i = 0; i < dims.size(); i++) {
                drop[i] = dims.get(i) == 1;
            }
        } else {
            for (long a : axes) {
                int ax = normalizeAxis(Math.toIntExact(a), dims.size());
                if (dims.get(ax) != 1) {
                    throw new IllegalStateException("cannot squeeze axis " + ax + " of " + dims);
                }
                drop[ax] = true;
            }
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            if (!drop[i]) {
                out.add(dims.get(i));
            }
        }
        return out;
    }

    /** ONNX Reshape target resolution: 0 copies the input dimension (unless allowzero), one -1 is inferred. */
    static List<Integer> reshapeShape(List<Integer> dims, List<Long> target, boolean allowZero) {
        List<Integer> out = new ArrayList<>();
        int inferAt = -1;
        long known = 1;
        for (int i = 0; i < target.size(); i++) {
            long d = target.get(i);
            if (d == -1) {
                if (inferAt >= 0) {
                    throw new IllegalStateException("reshape target " + target + " has more than one -1");
                }
                inferAt = i;
                out.add(1);
                continue;
            }
            if (d == 0 && !allowZero) {
                if (i >= dims.size()) {
                    throw new IllegalStateException("reshape target " + target + " copies a missing dimension of "
                            + dims);
                }
                d = dims.get(i);
            }
            if (d < 0) {
                throw new IllegalStateException("reshape target " + target + " has a negative dimension");
            }
            out.add((int) d);
            known *= d;
        }
        long total = ConstTensor.elements(dims);
        if (inferAt >= 0) {
            if (known == 0 || total % known != 0) {
                throw new IllegalStateException("cannot reshape " + dims + " to " + target);
            }
            out.set(inferAt, (int) (total / known));
        } else if (known != total) {
            throw new IllegalStateException("cannot reshape " + dims + " (" + total + " elements) to " + target);
        }
        return out;
    }

    static List<Integer> flattenShape(List<Integer> dims, int axis) {
        int ax = axis < 0 ? axis + dims.size() : axis;
        if (ax < 0 || ax > dims.size()) {
            throw new IllegalStateException("flatten axis " + axis + " out of range for " + dims);
        }
        return List.of((int) ConstTensor.elements(dims.subList(0, ax)),
                (int) ConstTensor.elements(dims.subList(ax, dims.size())));
    }

    static ConstTensor transpose(ConstTensor t, List<Integer> perm) {
        List<Integer> out = new ArrayList<>();
        for (int p : perm) {
            out.add(t.dims().get(p));
        }
        if (!t.hasData()) {
            return ConstTensor.of(out, t.type(), null);
        }
        int[] inStrides = strides(t.dims());
        double[] res = new double[t.data().length];
        int[] idx = new int[out.size()];
        for (int i = 0; i < res.length; i++) {
            int off = 0;
            for (int a = 0; a < idx.length; a++) {
                off += idx[a] * inStrides[perm.get(a)];
            }
            res[i] = t.data()[off];
            increment(idx, out);
        }
        return ConstTensor.of(out, t.type(), res);
    }

    static ConstTensor concat(List<ConstTensor> ts, int axis) {
        ConstTensor first = ts.get(0);
        int ax = normalizeAxis(axis, first.rank());
        List<Integer> out = new ArrayList<>(first.dims());
        int total = 0;
        for (ConstTensor t : ts) {
            if (t.rank() != first.rank()) {
                throw new IllegalStateException("concat inputs differ in rank: " + first.dims() + " and " + t.dims());
            }
            for (int a = 0; a < t.rank(); a++) {
                if (a != ax && !t.dims().get(a).equals(first.dims().get(a))) {
                    throw new IllegalStateException("concat inputs differ off axis " + ax + ": " + first.dims()
                            + " and " + t.dims());
                }
            }
            total += t.dims().get(ax);
        }
        out.set(ax, total);
        if (ts.stream().anyMatch(t -> !t.hasData())) {
            return ConstTensor.of(out, first.type(), null);
        }
        int outer = (int) ConstTensor.elements(first.dims().subList(0, ax));
        double[] res = new double[(int) ConstTensor.elements(out)];
        int p = 0;
        for (int o = 0; o < outer; o++) {
            for (ConstTensor t : ts) {
                int chunk = (int) ConstTensor.elements(t.dims().subList(ax, t.rank()));
                System.arraycopy(t.data(), o * chunk, res, p, chunk);
                p += chunk;
            }
        }
        return ConstTensor.of(out, first.type(), res);
    }

    static ConstTensor range(ConstTensor start, ConstTensor limit, ConstTensor delta) {
        double s = start.scalar();
        double d = delta.scalar();
        int n = (int) Math.max(0, Math.ceil((limit.scalar() - s) / d));
        double[] res = new double[n];
        for (int i = 0; i < n; i++) {
            res[i] = s + i * d;
        }
        return ConstTensor.of(List.of(n), start.type(), res);
    }

    static ConstTensor constantOfShape(List<Long> shape, ConstTensor value) {
        List<Integer> dims = toInts(shape);
        double[] res = new double[(int) ConstTensor.elements(dims)];
        double v = value == null ? 0 : value.scalar();
        java.util.Arrays.fill(res, v);
        return ConstTensor.of(dims, value == null ? OnnxTypes.FLOAT : value.type(), res);
    }

    static List<Integer> broadcast(List<Integer> a, List<Integer> b) {
        int rank = Math.max(a.size(), b.size());
        List<Integer> out = new ArrayList<>(rank);
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.size() ? 1 : a.get(i - (rank - a.size()));
            int db = i < rank - b.size() ? 1 : b.get(i - (rank - b.size()));
            if (da != db && da != 1 && db != 1) {
                throw new IllegalStateException("shapes " + a + " and " + b + " do not broadcast");
            }
            out.add(da == 1 ? db : da);
        }
        return out;
    }

    static List<Integer> toInts(List<Long> values) {
        List<Integer> out = new ArrayList<>(values.size());
        for (long v : values) {
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new IllegalStateException("dimension " + v + " in shape " + values);
            }
            out.add((int) v);
        }
        return out;
    }

    static int normalizeAxis(int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalStateException("axis " + axis + " out of range for rank " + rank);
        }
        return a;
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static int[] strides(List<Integer> dims) {
        int[] s = new int[dims.size()];
        int acc = 1;
        for (int a = dims.size() - 1; a >= 0; a--) {
            s[a] = acc;
            acc *= dims.get(a);
        }
        return s;
    }

    /** Strides of {@code dims} read as if broadcast to {@code out} (0 along broadcast axes). */
    static int[] broadcastStrides(List<Integer> dims, List<Integer> out) {
        int[] own = strides(dims);
        int[] s = new int[out.size()];
        int shift = out.size() - dims.size();
        for (int a = 0; a < dims.size(); a++) {
            s[a + shift] = dims.get(a) == 1 ? 0 : own[a];
        }
        return s;
    }

    static void increment(int[] idx, List<Integer> dims) {
        for (int a = idx.length - 1; a >= 0; a--) {
            if (++idx[a] < dims.get(a)) {
                return;
            }
            idx[a] = 0;
        }
    }
}
