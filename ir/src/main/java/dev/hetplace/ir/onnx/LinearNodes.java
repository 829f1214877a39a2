package dev.hetplace.ir.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.Dense;
import dev.hetplace.ir.op.Eltwise;
import dev.hetplace.ir.op.EltwiseKind;
import dev.hetplace.ir.op.MatMul;
import dev.hetplace.ir.op.Transpose;
import dev.hetplace.ir.tensor.TensorType;
import java.util.List;

/**
 * Gemm, MatMul and the element-wise arithmetic ops. A constant weight makes a {@link Dense} layer (weight kept
 * as [units, in], as nn.Linear stores it); two activations make a batched {@link MatMul}; a constant bias added
 * to a dense layer's only output becomes that layer's bias, as torch exports nn.Linear on 3-D inputs.
 */
final class LinearNodes {
    private final ImportContext ctx;

    LinearNodes(ImportContext ctx) {
        this.ctx = ctx;
    }

    void gemm(NodeProto node, NodeAttributes at) {
        int a = ctx.requireActivation(node, 0);
        TensorType ta = ctx.type(a);
        boolean transA = at.integer("transA", 0) != 0;
        boolean transB = at.integer("transB", 0) != 0;
        double alpha = at.real("alpha", 1);
        double beta = at.real("beta", 1);
        if (ta.rank() != 2) {
            throw ctx.fail(node, "Gemm needs a rank-2 A, got " + ta.shape());
        }
        OnnxValue c = ctx.input(node, 2);
        ConstTensor cConst = c instanceof OnnxValue.Known k ? k.tensor() : null;
        if (c instanceof OnnxValue.Produced && beta != 1) {
            throw new ImportContext.Unsupported("a computed C scaled by beta " + beta + " is not modelled");
        }
        String base = ImportContext.baseName(node);
        ConstTensor b = ctx.constant(node, 1);
        if (b != null) {
            if (b.rank() != 2) {
                throw ctx.fail(node, "B must have rank 2, has shape " + b.dims());
            }
            int k = transB ? b.dims().get(1) : b.dims().get(0);
            int n = transB ? b.dims().get(0) : b.dims().get(1);
            int ka = transA ? ta.dim(0) : ta.dim(1);
            if (k != ka) {
                throw ctx.fail(node, "A " + ta.shape() + (transA ? " (transposed)" : "") + " and B " + b.dims()
                        + (transB ? " (transposed)" : "") + " differ in the inner dimension (" + ka + " vs " + k + ")");
            }
            boolean bias = cConst != null && (cConst.elements() == 1 || alongLastAxis(cConst.dims(), n));
            int input = transA ? ctx.emit(node, base + "/transpose_a", new Transpose(List.of(1, 0)), List.of(a)) : a;
            Dense dense = new Dense(n, bias);
            int id = c == null || bias ? ctx.emitFor(node, dense, List.of(input))
                    : ctx.emit(node, base + "/dense", dense, List.of(input));
            if (b.hasData()) {
                ctx.putWeight(id, "weight", scaled(transB ? b : ConstantFolder.transpose(b, List.of(1, 0)), alpha));
            }
            if (bias && cConst.hasData()) {
                float[] v = scaled(cConst, beta);
                float[] full = new float[n];
                for (int i = 0; i < n; i++) {
                    full[i] = v.length == 1 ? v[0] : v[i];
                }
                ctx.putWeight(id, "bias", full);
            }
            if (c != null && !bias) {
                addC(node, id, c, cConst, beta);
            }
            return;
        }
        int bl = ctx.requireActivation(node, 1);
        int last = c == null && alpha == 1 ? ctx.emitFor(node, new MatMul(transA, transB), List.of(a, bl))
                : ctx.emit(node, base + "/matmul", new MatMul(transA, transB), List.of(a, bl));
        if (alpha != 1) {
            Eltwise scale = Eltwise.withConstant(EltwiseKind.MUL, List.of());
            last = c == null ? ctx.emitFor(node, scale, List.of(last)) : ctx.emit(node, base + "/alpha", scale,
                    List.of(last));
            ctx.putWeight(last, "constant", new float[] {(float) alpha});
        }
        if (c != null) {
            addC(node, last, c, cConst, beta);
        }
    }

    private void addC(NodeProto node, int from, OnnxValue c, ConstTensor cConst, double beta) {
        if (cConst != null) {
            int id = ctx.emitFor(node, Eltwise.withConstant(EltwiseKind.ADD, cConst.dims()), List.of(from));
            if (cConst.hasData()) {
                ctx.putWeight(id, "constant", scaled(cConst, beta));
            }
        } else {
            ctx.emitFor(node, Eltwise.of(EltwiseKind.ADD), List.of(from, ((OnnxValue.Produced) c).layer()));
        }
    }

    void matmul(NodeProto node) {
        int a = ctx.requireActivation(node, 0);
        TensorType ta = ctx.type(a);
        ConstTensor b = ctx.constant(node, 1);
        if (b != null) {
            if (b.rank() != 2 || ta.rank() < 2) {
                throw new ImportContext.Unsupported("a constant operand of shape " + b.dims() + " with input "
                        + ta.shape() + " is not a dense layer");
            }
            if (ta.dim(-1) != b.dims().get(0)) {
                throw ctx.fail(node, "inner dimensions differ: " + ta.shape() + " x " + b.dims());
            }
            int id = ctx.emitFor(node, new Dense(b.dims().get(1), false), List.of(a));
            if (b.hasData()) {
                ctx.putWeight(id, "weight", ConstantFolder.transpose(b, List.of(1, 0)).asFloats());
            }
            return;
        }
        int bl = ctx.requireActivation(node, 1);
        if (ta.rank() < 2 || ctx.type(bl).rank() < 2) {
            throw new ImportContext.Unsupported("matrix-vector products are not modelled");
        }
        ctx.emitFor(node, new MatMul(false, false), List.of(a, bl));
    }

    /** Add, Sub, Mul, Div with at least one activation operand (all-constant ones were folded). */
    void binary(NodeProto node, EltwiseKind kind) {
        if (node.getInputCount() != 2) {
            throw ctx.fail(node, "takes 2 inputs, has " + node.getInputCount());
        }
        OnnxValue x = ctx.input(node, 0);
        OnnxValue y = ctx.input(node, 1);
        if (x instanceof OnnxValue.Produced px && y instanceof OnnxValue.Produced py) {
            ctx.emitFor(node, Eltwise.of(kind), List.of(px.layer(), py.layer()));
            return;
        }
        boolean constantFirst = x instanceof OnnxValue.Known;
        ConstTensor c = ((OnnxValue.Known) (constantFirst ? x : y)).tensor();
        int act = ((OnnxValue.Produced) (constantFirst ? y : x)).layer();
        if (constantFirst && (kind == EltwiseKind.SUB || kind == EltwiseKind.DIV)) {
            TensorType out = ctx.type(act).withShape(ConstantFolder.broadcast(c.dims(), ctx.type(act).shape()));
            throw new ImportContext.Unsupported("a constant " + (kind == EltwiseKind.SUB ? "minus" : "divided by")
                    + " an activation is not modelled", out);
        }
        if (kind == EltwiseKind.ADD && foldIntoDenseBias(node, node.getInput(constantFirst ? 1 : 0), act, c)) {
            return;
        }
        Eltwise op = c.initializer() || c.rank() == 0 ? Eltwise.withConstant(kind, c.dims())
                : Eltwise.withFixedConstant(kind, c.dims());
        int id = ctx.emitFor(node, op, List.of(act));
        if (c.hasData()) {
            ctx.putWeight(id, "constant", c.asFloats());
        }
    }

    private boolean foldIntoDenseBias(NodeProto node, String actName, int act, ConstTensor c) {
        Layer l = ctx.layer(act);
        if (!(l.op() instanceof Dense d) || d.bias() || !ctx.onlyReadBy(actName, node)
                || !alongLastAxis(c.dims(), d.units()) || c.rank() > l.output().rank()) {
            return false;
        }
        ctx.replaceOp(act, new Dense(d.units(), true));
        if (c.hasData()) {
            ctx.putWeight(act, "bias", c.asFloats());
        }
        ctx.define(node.getOutput(0), new OnnxValue.Produced(act));
        ctx.checkDeclared(node, node.getOutput(0), act);
        return true;
    }

    /** True for shapes [n], [1, n], [1, 1, n], ...: one value per output feature. */
    private static boolean alongLastAxis(List<Integer> dims, int n) {
        if (dims.isEmpty() || dims.get(dims.size() - 1) != n) {
            return false;
        }
        return dims.subList(0, dims.size() - 1).stream().allMatch(d -> d == 1);
    }

    private static float[] scaled(ConstTensor t, double factor) {
        float[] f = t.asFloats();
        if (factor != 1) {
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) (f[i] * factor);
            }
        }
        return f;
    }
}
