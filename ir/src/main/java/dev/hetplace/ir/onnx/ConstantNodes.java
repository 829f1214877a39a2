package dev.hetplace.ir.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Evaluates nodes whose inputs are all import-time constants (constant propagation). */
final class ConstantNodes {
    /** Ops folded away when every input is a constant. */
    static final Set<String> FOLDABLE = Set.of("Identity", "Dropout", "Cast", "Shape", "Size", "Gather", "Slice",
            "Unsqueeze", "Squeeze", "Concat", "Reshape", "Flatten", "Transpose", "Add", "Sub", "Mul", "Div", "Pow",
            "Equal", "Less", "Greater", "Max", "Min", "Neg", "Sqrt", "Floor", "Ceil", "Not", "Reciprocal", "Where",
            "Expand", "Range", "ConstantOfShape", "Mod", "LessOrEqual", "GreaterOrEqual", "And", "Or", "ScatterND",
            "MatMul", "Relu", "Sigmoid", "Exp", "Log", "Abs", "Sign", "Tanh", "Clip");

    /**
     * Ops that keep their input's values, or map each to one new value (a parameter stored transformed, as Swin
     * V2's logit scale is clipped and exponentiated), so a parameter stays a parameter.
     */
    private static final Set<String> REARRANGING = Set.of("Identity", "Dropout", "Cast", "Reshape", "Flatten",
            "Unsqueeze", "Squeeze", "Transpose", "Neg", "Sqrt", "Reciprocal", "Relu", "Sigmoid", "Exp", "Log", "Abs",
            "Sign", "Tanh", "Clip");

    private ConstantNodes() {
    }

    static ConstTensor constantNodeValue(ImportContext ctx, NodeProto node) {
        NodeAttributes at = new NodeAttributes(node);
        TensorProto t = at.tensor("value");
        if (t != null) {
            return decode(ctx, node, t);
        }
        if (at.has("value_float")) {
            return ConstTensor.of(List.of(), OnnxTypes.FLOAT, new double[] {at.real("value_float", 0)});
        }
        if (at.has("value_int")) {
            return ConstTensor.of(List.of(), OnnxTypes.INT64, new double[] {at.integer("value_int", 0)});
        }
        if (at.has("value_floats")) {
            List<Float> fs = at.reals("value_floats");
            double[] d = new double[fs.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = fs.get(i);
            }
            return ConstTensor.of(List.of(d.length), OnnxTypes.FLOAT, d);
        }
        if (at.has("value_ints")) {
            List<Long> is = at.integers("value_ints", List.of());
            double[] d = new double[is.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = is.get(i);
            }
            return ConstTensor.of(List.of(d.length), OnnxTypes.INT64, d);
        }
        throw ctx.fail(node, "has no value hetplace can read (sparse and string constants are not supported)");
    }

    static ConstTensor decode(ImportContext ctx, NodeProto node, TensorProto t) {
        try {
            return OnnxTypes.decode(t, false, "its tensor");
        } catch (IllegalStateException e) {
            throw ctx.fail(node, e.getMessage());
        }
    }

    /** The folded value, or null when {@code op} is not folded. {@code ins} holds null for absent inputs. */
    static ConstTensor fold(ImportContext ctx, NodeProto node, List<ConstTensor> ins) {
        String op = node.getOpType();
        if (!FOLDABLE.contains(op)) {
            return null;
        }
        try {
            ConstTensor out = evaluate(ctx, node, op, ins, new NodeAttributes(node));
            boolean reshapedOnly = op.equals("Expand") && out.elements() == ins.get(0).elements();
            if ((REARRANGING.contains(op) || reshapedOnly) && ins.get(0).initializer()) {
                out = new ConstTensor(out.dims(), out.type(), out.data(), true);
            }
            return out;
        } catch (IllegalStateException | ArithmeticException e) {
            throw ctx.fail(node, e.getMessage());
        }
    }

    private static ConstTensor evaluate(ImportContext ctx, NodeProto node, String op, List<ConstTensor> ins,
                                        NodeAttributes at) {
        ConstTensor x = ins.get(0);
        return switch (op) {
            case "Identity", "Dropout" -> x;
            case "Cast" -> ConstantFolder.cast(x, at.integerAsInt("to", OnnxTypes.FLOAT));
            case "Shape" -> ConstantFolder.shape(x.dims(), at.integer("start", 0), at.integer("end", x.rank()));
            case "Size" -> ConstTensor.of(List.of(), OnnxTypes.INT64, new double[] {x.elements()});
            case "Gather" -> ConstantFolder.gather(x, ins.get(1), at.integerAsInt("axis", 0));
            case "Slice" -> ConstantFolder.slice(x, sliceSpec(ctx, node, x.dims(), at));
            case "Unsqueeze" -> x.withDims(ConstantFolder.unsqueezeShape(x.dims(), axes(ctx, node, at)));
            case "Squeeze" -> x.withDims(ConstantFolder.squeezeShape(x.dims(), axes(ctx, node, at)));
            case "Concat" -> ConstantFolder.concat(ins, at.integerAsInt("axis", 0));
            case "Reshape" -> x.withDims(ConstantFolder.reshapeShape(x.dims(), longs(ctx, node, 1, "shape"),
                    at.integer("allowzero", 0) != 0));
            case "Flatten" -> x.withDims(ConstantFolder.flattenShape(x.dims(), at.integerAsInt("axis", 1)));
            case "Transpose" -> ConstantFolder.transpose(x, permutation(at, x.rank()));
            case "Neg", "Sqrt", "Floor", "Ceil", "Not", "Reciprocal", "Relu", "Sigmoid", "Exp", "Log", "Abs", "Sign",
                 "Tanh" -> ConstantFolder.unary(op, x);
            case "MatMul" -> ConstantMatMul.of(x, ins.get(1));
            case "Clip" -> clip(ctx, node, at, ins);
            case "Where" -> ConstantFolder.where(x, ins.get(1), ins.get(2));
            case "ScatterND" -> ConstantFolder.scatterNd(x, ins.get(1), ins.get(2));
            case "Expand" -> ConstantFolder.expand(x, longs(ctx, node, 1, "shape"));
            case "Range" -> ConstantFolder.range(withData(ctx, node, 0), withData(ctx, node, 1),
                    withData(ctx, node, 2));
            case "ConstantOfShape" -> {
                TensorProto v = at.tensor("value");
                yield ConstantFolder.constantOfShape(longs(ctx, node, 0, "shape"), v == null ? null : decode(ctx, node, v));
            }
            default -> {
                if (ins.size() != 2) {
                    throw new IllegalStateException(op + " with " + ins.size() + " inputs is not folded");
                }
                yield ConstantFolder.binary(op.equals("Mod") && at.integer("fmod", 0) != 0 ? "FMod" : op, x,
                        ins.get(1));
            }
        };
    }

    /** Clip's bounds: attributes before opset 11, optional scalar inputs since; absent means unbounded. */
    private static ConstTensor clip(ImportContext ctx, NodeProto node, NodeAttributes at, List<ConstTensor> ins) {
        double lo = at.real("min", Double.NEGATIVE_INFINITY);
        double hi = at.real("max", Double.POSITIVE_INFINITY);
        if (ins.size() > 1 && ins.get(1) != null) {
            lo = bound(ctx, node, 1, "min");
        }
        if (ins.size() > 2 && ins.get(2) != null) {
            hi = bound(ctx, node, 2, "max");
        }
        double min = lo;
        double max = hi;
        return ConstantFolder.elementwise(List.of(ins.get(0)), ins.get(0).type(), v -> Math.min(max, Math.max(min,
                v[0])));
    }

    private static double bound(ImportContext ctx, NodeProto node, int index, String role) {
        ConstTensor t = withData(ctx, node, index);
        if (t.elements() != 1) {
            throw new IllegalStateException("its " + role + " bound " + t.dims() + " is not one value");
        }
        return t.scalar();
    }

    static List<Integer> permutation(NodeAttributes at, int rank) {
        List<Long> perm = at.integers("perm", null);
        List<Integer> p = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            p.add(perm == null ? rank - 1 - i : Math.toIntExact(perm.get(i)));
        }
        if (perm != null && perm.size() != rank) {
            throw new IllegalStateException("permutation " + perm + " does not fit rank " + rank);
        }
        return p;
    }

    /** Unsqueeze / Squeeze axes: an attribute before opset 13, the second input since. */
    static List<Long> axes(ImportContext ctx, NodeProto node, NodeAttributes at) {
        if (at.has("axes")) {
            return at.integers("axes", List.of());
        }
        ConstTensor t = ctx.constantWithData(node, 1, "axes");
        return t == null ? List.of() : t.asLongs();
    }

    /** Slice parameters: attributes before opset 10, inputs 1 to 4 since. */
    static ConstantFolder.SliceSpec sliceSpec(ImportContext ctx, NodeProto node, List<Integer> dims,
                                              NodeAttributes at) {
        if (at.has("starts")) {
            return ConstantFolder.sliceSpec(dims, at.integers("starts", List.of()), at.integers("ends", List.of()),
                    at.integers("axes", null), null);
        }
        ConstTensor axes = ctx.constantWithData(node, 3, "axes");
        ConstTensor steps = ctx.constantWithData(node, 4, "steps");
        return ConstantFolder.sliceSpec(dims, longs(ctx, node, 1, "starts"), longs(ctx, node, 2, "ends"),
                axes == null ? null : axes.asLongs(), steps == null ? null : steps.asLongs());
    }

    static List<Long> longs(ImportContext ctx, NodeProto node, int index, String role) {
        ConstTensor t = ctx.constantWithData(node, index, role);
        if (t == null) {
            throw ctx.fail(node, "lacks its " + role + " input");
        }
        return t.asLongs();
    }

    private static ConstTensor withData(ImportContext ctx, NodeProto node, int index) {
        ConstTensor t = ctx.constantWithData(node, index, "input " + index);
        if (t == null) {
            throw ctx.fail(node, "lacks input " + index);
        }
        return t;
    }
}
