package dev.hetplace.ir.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.hetplace.ir.op.Activation;
import dev.hetplace.ir.op.ActivationKind;
import dev.hetplace.ir.op.BatchNorm;
import dev.hetplace.ir.op.Concat;
import dev.hetplace.ir.op.EltwiseKind;
import dev.hetplace.ir.op.Embedding;
import dev.hetplace.ir.op.Flatten;
import dev.hetplace.ir.op.LayerNorm;
import dev.hetplace.ir.op.Opaque;
import dev.hetplace.ir.op.PoolKind;
import dev.hetplace.ir.op.Reshape;
import dev.hetplace.ir.op.Softmax;
import dev.hetplace.ir.op.Transpose;
import dev.hetplace.ir.tensor.DType;
import dev.hetplace.ir.tensor.ShapeException;
import dev.hetplace.ir.tensor.TensorType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns one ONNX node into IR layers, or into a constant when its inputs are all known. A node the IR does not
 * model becomes an {@link Opaque} layer; a node whose inputs do not fit it is an error naming the node.
 */
final class NodeConverter {
    /** Ops whose constant inputs are settings (scales, bounds, shapes), never learned parameters. */
    private static final Set<String> CONTROL_INPUTS_ONLY = Set.of("Resize", "Upsample", "Clip", "Pad", "Slice",
            "Reshape", "Expand", "Tile", "TopK", "Split", "ReduceMean", "ReduceSum", "ReduceMax");

    /** Unmodelled ops whose output has their (only activation) input's shape and type. */
    private static final Set<String> SAME_SHAPE = Set.of("Abs", "Neg", "Exp", "Log", "Sqrt", "Reciprocal", "Erf",
            "Sin", "Cos", "Tan", "Floor", "Ceil", "Round", "Sign", "Softplus", "Softsign", "Elu", "Selu", "Celu",
            "Mish", "ThresholdedRelu", "PRelu", "Pow", "LogSoftmax", "Hardmax", "LRN", "InstanceNormalization",
            "LpNormalization", "MeanVarianceNormalization", "CumSum", "Shrink", "Clip", "Identity");

    /** Unmodelled element-wise ops whose output has the broadcast shape of all their inputs. */
    private static final Set<String> BROADCASTING = Set.of("Equal", "Less", "Greater", "LessOrEqual",
            "GreaterOrEqual", "Where", "And", "Or", "Xor", "Mod", "Max", "Min", "Pow", "Sum", "Mean", "BitShift");

    /** Unmodelled ops whose output has the shape of their first input (the data they update). */
    private static final Set<String> DATA_SHAPE = Set.of("ScatterND", "ScatterElements", "Scatter");

    private final ImportContext ctx;
    private final ConvPoolNodes convPool;
    private final LinearNodes linear;
    private final GeluPattern gelu;
    private final ReduceNodes reduce;
    private final EinsumNode einsum;
    private final Set<NodeProto> absorbed = Collections.newSetFromMap(new IdentityHashMap<>());

    NodeConverter(ImportContext ctx) {
        this.ctx = ctx;
        this.convPool = new ConvPoolNodes(ctx);
        this.linear = new LinearNodes(ctx);
        this.gelu = new GeluPattern(ctx);
        this.reduce = new ReduceNodes(ctx);
        this.einsum = new EinsumNode(ctx);
    }

    void convert(NodeProto node) {
        if (absorbed.contains(node)) {
            return;
        }
        try {
            try {
                dispatch(node);
            } catch (ImportContext.Unsupported u) {
                opaque(node, u.output());
            }
            bindExtraOutputs(node);
        } catch (OnnxImportException e) {
            throw e;
        } catch (ShapeException | IllegalStateException | ArithmeticException e) {
            throw ctx.fail(node, e.getMessage());
        } catch (RuntimeException e) {
            throw ctx.fail(node, "is malformed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    private void dispatch(NodeProto node) {
        String domain = node.getDomain();
        if (!domain.isEmpty() && !domain.equals("ai.onnx")) {
            throw new ImportContext.Unsupported("operator domain " + domain);
        }
        String op = node.getOpType();
        if (op.equals("Constant")) {
            ctx.define(node.getOutput(0), new OnnxValue.Known(ConstantNodes.constantNodeValue(ctx, node)));
            return;
        }
        List<ConstTensor> constants = constantInputs(node);
        if (constants != null) {
            ConstTensor folded = ConstantNodes.fold(ctx, node, constants);
            if (folded != null) {
                ctx.define(node.getOutput(0), new OnnxValue.Known(folded));
                return;
            }
        }
        NodeAttributes at = new NodeAttributes(node);
        switch (op) {
            case "Conv" -> convPool.conv(node, at);
            case "MaxPool" -> convPool.pool(node, at, PoolKind.MAX);
            case "AveragePool" -> convPool.pool(node, at, PoolKind.AVG);
            case "GlobalAveragePool" -> convPool.globalPool(node, PoolKind.AVG);
            case "GlobalMaxPool" -> convPool.globalPool(node, PoolKind.MAX);
            case "Resize", "Upsample" -> convPool.resize(node, at);
            case "Gemm" -> linear.gemm(node, at);
            case "MatMul" -> linear.matmul(node);
            case "Add" -> linear.binary(node, EltwiseKind.ADD);
            case "Sub" -> linear.binary(node, EltwiseKind.SUB);
            case "Mul" -> linear.binary(node, EltwiseKind.MUL);
            case "Div" -> linear.binary(node, EltwiseKind.DIV);
            case "Relu" -> activation(node, Activation.relu());
            case "LeakyRelu" -> activation(node, Activation.leakyRelu(at.real("alpha", 0.01)));
            case "Sigmoid" -> activation(node, Activation.of(ActivationKind.SIGMOID));
            case "Tanh" -> activation(node, Activation.of(ActivationKind.TANH));
            case "HardSwish" -> activation(node, Activation.of(ActivationKind.HARD_SWISH));
            case "HardSigmoid" -> hardSigmoid(node, at);
            case "Gelu" -> activation(node, Activation.of(ActivationKind.GELU));
            case "Clip" -> clip(node, at);
            case "Erf" -> {
                if (!gelu.match(node, absorbed)) {
                    throw new ImportContext.Unsupported("erf outside a GELU");
                }
            }
            case "Identity", "Dropout" -> {
                if (ctx.input(node, 0) == null) {
                    throw ctx.fail(node, "lacks its input");
                }
                ctx.define(node.getOutput(0), ctx.input(node, 0));
            }
            case "Flatten" -> ctx.emitFor(node, new Flatten(at.integerAsInt("axis", 1)),
                    List.of(ctx.requireActivation(node, 0)));
            case "Reshape" -> reshape(node, at);
            case "Unsqueeze", "Squeeze" -> squeeze(node, at);
            case "Transpose" -> {
                int x = ctx.requireActivation(node, 0);
                ctx.emitFor(node, new Transpose(ConstantNodes.permutation(at, ctx.type(x).rank())), List.of(x));
            }
            case "Concat" -> concat(node, at);
            case "BatchNormalization" -> batchNorm(node, at);
            case "LayerNormalization" -> layerNorm(node, at);
            case "Softmax" -> {
                int x = ctx.requireActivation(node, 0);
                ctx.emitFor(node, new Softmax(at.integerAsInt("axis", ctx.opset() < 13 ? 1 : -1)), List.of(x));
            }
            case "Shape" -> {
                TensorType t = ctx.type(ctx.requireActivation(node, 0));
                ctx.define(node.getOutput(0), new OnnxValue.Known(
                        ConstantFolder.shape(t.shape(), at.integer("start", 0), at.integer("end", t.rank()))));
            }
            case "Size" -> ctx.define(node.getOutput(0), new OnnxValue.Known(ConstTensor.of(List.of(),
                    OnnxTypes.INT64, new double[] {ctx.type(ctx.requireActivation(node, 0)).elements()})));
            case "Gather" -> gather(node, at);
            case "Slice" -> {
                TensorType t = ctx.type(ctx.requireActivation(node, 0));
                List<Integer> dims = ConstantNodes.sliceSpec(ctx, node, t.shape(), at).dims();
                throw new ImportContext.Unsupported("slicing is not modelled", t.withShape(dims));
            }
            case "Cast" -> cast(node, at);
            case "Einsum" -> einsum.einsum(node, at);
            case "Expand" -> {
                TensorType t = ctx.type(ctx.requireActivation(node, 0));
                List<Integer> to = ConstantFolder.toInts(ConstantNodes.longs(ctx, node, 1, "shape"));
                throw new ImportContext.Unsupported("expanding is not modelled",
                        t.withShape(ConstantFolder.broadcast(t.shape(), to)));
            }
            case "Pad" -> throw new ImportContext.Unsupported("padding is not modelled",
                    PadNode.output(ctx, node, at, ctx.type(ctx.requireActivation(node, 0))));
            default -> {
                if (ReduceNodes.OPS.contains(op)) {
                    reduce.reduce(node, at);
                } else {
                    throw new ImportContext.Unsupported("not modelled");
                }
            }
        }
    }

    /** The inputs when every present one is a known constant (null marks absent ones); null otherwise. */
    private List<ConstTensor> constantInputs(NodeProto node) {
        List<ConstTensor> out = new ArrayList<>();
        for (int i = 0; i < node.getInputCount(); i++) {
            OnnxValue v = ctx.input(node, i);
            if (v instanceof OnnxValue.Produced) {
                return null;
            }
            out.add(v == null ? null : ((OnnxValue.Known) v).tensor());
        }
        return out.isEmpty() || out.get(0) == null ? null : out;
    }

    private void activation(NodeProto node, Activation a) {
        ctx.emitFor(node, a, List.of(ctx.requireActivation(node, 0)));
    }

    private void hardSigmoid(NodeProto node, NodeAttributes at) {
        double beta = at.real("beta", 0.5);
        if (beta != 0.5) {
            throw new ImportContext.Unsupported("hard sigmoid with offset " + beta);
        }
        activation(node, new Activation(ActivationKind.HARD_SIGMOID, at.real("alpha", 0.2), 0, 0));
    }

    /** Clip bounds: attributes before opset 11, optional constant inputs since. */
    private void clip(NodeProto node, NodeAttributes at) {
        double min;
        double max;
        if (ctx.opset() < 11) {
            min = at.real("min", -Float.MAX_VALUE);
            max = at.real("max", Float.MAX_VALUE);
        } else {
            ConstTensor lo = ctx.constantWithData(node, 1, "min");
            ConstTensor hi = ctx.constantWithData(node, 2, "max");
            min = lo == null ? Double.NEGATIVE_INFINITY : lo.scalar();
            max = hi == null ? Double.POSITIVE_INFINITY : hi.scalar();
        }
        boolean unbounded = max == Double.POSITIVE_INFINITY || max >= Float.MAX_VALUE;
        activation(node, min == 0 && unbounded ? Activation.relu() : Activation.clip(min, max));
    }

    private void reshape(NodeProto node, NodeAttributes at) {
        int x = ctx.requireActivation(node, 0);
        List<Long> target = ctx.constantWithData(node, 1, "shape") == null
                ? null : ctx.constantWithData(node, 1, "shape").asLongs();
        if (target == null) {
            throw ctx.fail(node, "lacks its shape input");
        }
        if (at.integer("allowzero", 0) != 0 && target.contains(0L)) {
            throw new ImportContext.Unsupported("zero-sized dimensions");
        }
        ctx.emitFor(node, new Reshape(target.stream().map(Math::toIntExact).toList()), List.of(x));
    }

    private void squeeze(NodeProto node, NodeAttributes at) {
        int x = ctx.requireActivation(node, 0);
        List<Integer> in = ctx.type(x).shape();
        List<Long> axes = ConstantNodes.axes(ctx, node, at);
        List<Integer> out = node.getOpType().equals("Unsqueeze") ? ConstantFolder.unsqueezeShape(in, axes)
                : ConstantFolder.squeezeShape(in, axes);
        ctx.emitFor(node, new Reshape(out), List.of(x));
    }

    private void concat(NodeProto node, NodeAttributes at) {
        int axis = at.integerAsInt("axis", 0);
        List<Integer> ins = new ArrayList<>();
        List<TensorType> types = new ArrayList<>();
        boolean mixed = false;
        for (int i = 0; i < node.getInputCount(); i++) {
            OnnxValue v = ctx.input(node, i);
            if (v instanceof OnnxValue.Produced p) {
                ins.add(p.layer());
                types.add(ctx.type(p.layer()));
            } else if (v instanceof OnnxValue.Known k) {
                mixed = true;
                if (k.tensor().elements() > 0) {
                    types.add(new TensorType(k.tensor().dims(), DType.FP32));
                }
            }
        }
        if (mixed) {
            TensorType out = new Concat(axis).infer(types);
            throw new ImportContext.Unsupported("concatenating constants with activations", out);
        }
        ctx.emitFor(node, new Concat(axis), ins);
    }

    private void batchNorm(NodeProto node, NodeAttributes at) {
        int x = ctx.requireActivation(node, 0);
        TensorType in = ctx.type(x);
        String[] keys = {"scale", "bias", "mean", "var"};
        ConstTensor[] params = new ConstTensor[4];
        for (int i = 0; i < 4; i++) {
            params[i] = ctx.constant(node, i + 1);
            if (params[i] == null) {
                throw new ImportContext.Unsupported("its " + keys[i] + " is computed at run time");
            }
        }
        if (in.rank() < 2) {
            throw ctx.fail(node, "needs an input of rank >= 2, got " + in.shape());
        }
        for (int i = 0; i < 4; i++) {
            if (params[i].elements() != in.dim(1)) {
                throw ctx.fail(node, keys[i] + " of shape " + params[i].dims() + " does not fit " + in.dim(1)
                        + " channels of input " + in.shape());
            }
        }
        int id = ctx.emitFor(node, new BatchNorm(at.real("epsilon", 1e-5)), List.of(x));
        for (int i = 0; i < 4; i++) {
            if (params[i].hasData()) {
                ctx.putWeight(id, keys[i], params[i].asFloats());
            }
        }
    }

    private void layerNorm(NodeProto node, NodeAttributes at) {
        int x = ctx.requireActivation(node, 0);
        TensorType in = ctx.type(x);
        int axis = at.integerAsInt("axis", -1);
        if ((axis < 0 ? axis + in.rank() : axis) != in.rank() - 1) {
            throw new ImportContext.Unsupported("normalizing from axis " + axis + " of " + in.shape());
        }
        ConstTensor scale = ctx.constant(node, 1);
        ConstTensor bias = ctx.constant(node, 2);
        if (scale == null || (ctx.input(node, 2) != null && bias == null)) {
            throw new ImportContext.Unsupported("its scale or bias is computed at run time");
        }
        for (ConstTensor p : new ConstTensor[] {scale, bias}) {
            if (p != null && p.elements() != in.dim(-1)) {
                throw ctx.fail(node, "scale or bias of shape " + p.dims() + " does not fit input " + in.shape());
            }
        }
        int id = ctx.emitFor(node, new LayerNorm(at.real("epsilon", 1e-5)), List.of(x));
        if (scale.hasData()) {
            ctx.putWeight(id, "scale", scale.asFloats());
        }
        if (bias != null && bias.hasData()) {
            ctx.putWeight(id, "bias", bias.asFloats());
        }
    }

    /** A constant table read with computed ids is an embedding; other gathers on activations are opaque. */
    private void gather(NodeProto node, NodeAttributes at) {
        int axis = at.integerAsInt("axis", 0);
        ConstTensor table = ctx.constant(node, 0);
        if (table != null) {
            int ids = ctx.requireActivation(node, 1);
            if (table.rank() != 2 || axis != 0) {
                throw new ImportContext.Unsupported("gathering from a constant of shape " + table.dims());
            }
            int id = ctx.emitFor(node, new Embedding(table.dims().get(0), table.dims().get(1)), List.of(ids));
            if (table.hasData()) {
                ctx.putWeight(id, "weight", table.asFloats());
            }
            return;
        }
        TensorType data = ctx.type(ctx.requireActivation(node, 0));
        ConstTensor indices = ctx.constant(node, 1);
        TensorType out = indices == null ? null : data.withShape(ConstantFolder.gatherShape(data.shape(),
                indices.dims(), ConstantFolder.normalizeAxis(axis, data.rank())));
        throw new ImportContext.Unsupported("gathering from an activation", out);
    }

    private void cast(NodeProto node, NodeAttributes at) {
        int x = ctx.requireActivation(node, 0);
        DType to = OnnxTypes.dtype(at.integerAsInt("to", OnnxTypes.FLOAT));
        if (to == ctx.type(x).dtype()) {
            ctx.define(node.getOutput(0), new OnnxValue.Produced(x));
            return;
        }
        throw new ImportContext.Unsupported("casting", to == null ? null : new TensorType(ctx.type(x).shape(), to));
    }

    /**
     * An Opaque layer: shape as the file declares it, else as worked out, else its first input's; parameters
     * are the floating-point initializers it reads.
     */
    private void opaque(NodeProto node, TensorType worked) {
        List<Integer> ins = new ArrayList<>(new LinkedHashSet<>(activationInputs(node)));
        long params = 0;
        for (int i = 0; i < node.getInputCount() && !CONTROL_INPUTS_ONLY.contains(node.getOpType()); i++) {
            ConstTensor c = ctx.constant(node, i);
            if (c != null && c.initializer() && !c.integral()) {
                params += c.elements();
            }
        }
        TensorType out = ctx.declaredType(node.getOutput(0));
        if (out == null) {
            out = worked;
        }
        if (out == null && !ins.isEmpty() && SAME_SHAPE.contains(node.getOpType()) && ins.size() == 1) {
            out = ctx.type(ins.get(0));
        }
        if (out == null && BROADCASTING.contains(node.getOpType()) && !ins.isEmpty()) {
            List<Integer> shape = List.of();
            for (int i = 0; i < node.getInputCount(); i++) {
                OnnxValue v = ctx.input(node, i);
                if (v != null) {
                    shape = ConstantFolder.broadcast(shape, v instanceof OnnxValue.Produced p
                            ? ctx.type(p.layer()).shape() : ((OnnxValue.Known) v).tensor().dims());
                }
            }
            out = ctx.type(ins.get(0)).withShape(shape);
        }
        if (out == null && DATA_SHAPE.contains(node.getOpType()) && ctx.input(node, 0) != null) {
            out = ctx.input(node, 0) instanceof OnnxValue.Produced p ? ctx.type(p.layer())
                    : new TensorType(ctx.constant(node, 0).dims(), DType.FP32);
        }
        if (out == null) {
            throw ctx.fail(node, "(" + node.getOpType() + ") is not modelled and its output shape is missing: the"
                    + " file declares none (value_info) and hetplace cannot infer it");
        }
        ctx.emitFor(node, new Opaque(node.getOpType(), out, params), ins);
    }

    private List<Integer> activationInputs(NodeProto node) {
        List<Integer> ins = new ArrayList<>();
        for (int i = 0; i < node.getInputCount(); i++) {
            if (ctx.input(node, i) instanceof OnnxValue.Produced p) {
                ins.add(p.layer());
            }
        }
        return ins;
    }

    /** Outputs past the first that something reads become opaque layers of their own (MaxPool indices, ...). */
    private void bindExtraOutputs(NodeProto node) {
        for (int i = 1; i < node.getOutputCount(); i++) {
            String out = node.getOutput(i);
            if (out.isEmpty() || ctx.isDefined(out) || (ctx.consumers(out).isEmpty() && !ctx.isGraphOutput(out))) {
                continue;
            }
            List<Integer> ins = new ArrayList<>(new LinkedHashSet<>(activationInputs(node)));
            TensorType type = ctx.declaredType(out);
            if (type == null && !ins.isEmpty()) {
                type = ctx.type(ins.get(0));
            }
            if (type == null) {
                throw ctx.fail(node, "output '" + out + "' has no shape the importer can work out");
            }
            int id = ctx.emit(node, ImportContext.baseName(node) + ":" + i,
                    new Opaque(node.getOpType() + ":" + i, type, 0), ins);
            ctx.define(out, new OnnxValue.Produced(id));
        }
    }
}
