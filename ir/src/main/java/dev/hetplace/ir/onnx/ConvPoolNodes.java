package dev.hetplace.ir.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.GlobalPool;
import dev.hetplace.ir.op.Padding;
import dev.hetplace.ir.op.Pool;
import dev.hetplace.ir.op.PoolKind;
import dev.hetplace.ir.op.Upsample;
import dev.hetplace.ir.tensor.TensorType;
import java.util.List;

/** Conv, pooling and Resize / Upsample nodes over NCHW tensors. */
final class ConvPoolNodes {
    private final ImportContext ctx;

    ConvPoolNodes(ImportContext ctx) {
        this.ctx = ctx;
    }

    void conv(NodeProto node, NodeAttributes at) {
        int x = ctx.requireActivation(node, 0);
        TensorType in = ctx.type(x);
        ConstTensor w = ctx.constant(node, 1);
        if (w == null) {
            throw new ImportContext.Unsupported("its weight is computed at run time");
        }
        if (in.rank() != 4 || w.rank() != 4) {
            throw new ImportContext.Unsupported("only 2-D convolution is modelled (input " + in.shape() + ")");
        }
        int group = at.integerAsInt("group", 1);
        int m = w.dims().get(0);
        int kh = w.dims().get(2);
        int kw = w.dims().get(3);
        List<Long> ks = at.integers("kernel_shape", null);
        if (ks != null && !ks.equals(List.of((long) kh, (long) kw))) {
            throw ctx.fail(node, "kernel_shape " + ks + " disagrees with weight shape " + w.dims());
        }
        if (group <= 0 || (long) w.dims().get(1) * group != in.dim(1)) {
            throw ctx.fail(node, "weight " + w.dims() + " with group " + group + " expects "
                    + (long) w.dims().get(1) * group + " input channels, but input " + in.shape() + " has "
                    + in.dim(1));
        }
        if (ctx.input(node, 2) != null && ctx.constant(node, 2) == null) {
            throw new ImportContext.Unsupported("its bias is computed at run time");
        }
        ConstTensor b = ctx.constant(node, 2);
        if (b != null && b.elements() != m) {
            throw ctx.fail(node, "bias of shape " + b.dims() + " does not fit " + m + " output channels");
        }
        int[] strides = pair(node, at, "strides");
        int[] dilations = pair(node, at, "dilations");
        Padding pad = padding(node, at, in, new int[] {kh, kw}, strides, dilations);
        Conv2d op = new Conv2d(m, kh, kw, strides[0], strides[1], pad, dilations[0], dilations[1], group, b != null);
        int id = ctx.emitFor(node, op, List.of(x));
        if (w.hasData()) {
            ctx.putWeight(id, "weight", w.asFloats());
        }
        if (b != null && b.hasData()) {
            ctx.putWeight(id, "bias", b.asFloats());
        }
    }

    void pool(NodeProto node, NodeAttributes at, PoolKind kind) {
        int x = ctx.requireActivation(node, 0);
        TensorType in = ctx.type(x);
        if (in.rank() != 4) {
            throw new ImportContext.Unsupported("only 2-D pooling is modelled (input " + in.shape() + ")");
        }
        List<Long> ks = at.integers("kernel_shape", null);
        if (ks == null || ks.size() != 2) {
            throw ctx.fail(node, "needs a kernel_shape of 2 sizes, has " + ks);
        }
        int[] dilations = pair(node, at, "dilations");
        if (dilations[0] != 1 || dilations[1] != 1) {
            throw new ImportContext.Unsupported("dilated pooling is not modelled");
        }
        int[] kernel = {Math.toIntExact(ks.get(0)), Math.toIntExact(ks.get(1))};
        int[] strides = pair(node, at, "strides");
        Padding pad = padding(node, at, in, kernel, strides, dilations);
        boolean ceil = at.integer("ceil_mode", 0) != 0;
        boolean includePad = kind == PoolKind.AVG && at.integer("count_include_pad", 0) != 0;
        ctx.emitFor(node, new Pool(kind, kernel[0], kernel[1], strides[0], strides[1], pad, ceil, includePad),
                List.of(x));
    }

    void globalPool(NodeProto node, PoolKind kind) {
        int x = ctx.requireActivation(node, 0);
        if (ctx.type(x).rank() != 4) {
            throw new ImportContext.Unsupported("only 2-D global pooling is modelled");
        }
        ctx.emitFor(node, new GlobalPool(kind), List.of(x));
    }

    /** Resize (opset 10+) and Upsample: integer spatial scales only. */
    void resize(NodeProto node, NodeAttributes at) {
        int x = ctx.requireActivation(node, 0);
        TensorType in = ctx.type(x);
        double[] scales = scales(node, at, in);
        if (in.rank() != 4 || scales.length != 4) {
            throw new ImportContext.Unsupported("only NCHW resizing is modelled");
        }
        String mode = at.string("mode", "nearest");
        boolean integral = scales[0] == 1 && scales[1] == 1 && scales[2] >= 1 && scales[3] >= 1
                && scales[2] == Math.rint(scales[2]) && scales[3] == Math.rint(scales[3]);
        if (!integral || !(mode.equals("nearest") || mode.equals("linear") || mode.equals("bilinear"))) {
            List<Integer> out = List.of((int) (in.dim(0) * scales[0]), (int) (in.dim(1) * scales[1]),
                    (int) Math.floor(in.dim(2) * scales[2]), (int) Math.floor(in.dim(3) * scales[3]));
            throw new ImportContext.Unsupported("mode " + mode + " with scales " + java.util.Arrays.toString(scales)
                    + " is not modelled", in.withShape(out));
        }
        ctx.emitFor(node, new Upsample((int) scales[2], (int) scales[3], mode.equals("nearest") ? "nearest" : "linear"),
                List.of(x));
    }

    private double[] scales(NodeProto node, NodeAttributes at, TensorType in) {
        if (at.has("scales")) {
            List<Float> fs = at.reals("scales");
            double[] d = new double[fs.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = fs.get(i);
            }
            return d;
        }
        boolean resize11 = node.getOpType().equals("Resize") && ctx.opset() >= 11;
        ConstTensor scales = ctx.constantWithData(node, resize11 ? 2 : 1, "scales");
        if (scales != null && scales.elements() > 0) {
            return scales.data();
        }
        ConstTensor sizes = resize11 ? ctx.constantWithData(node, 3, "sizes") : null;
        if (sizes == null || sizes.elements() != in.rank()) {
            throw ctx.fail(node, "gives neither scales nor sizes for its " + in.rank() + " axes");
        }
        double[] d = new double[in.rank()];
        for (int i = 0; i < d.length; i++) {
            d[i] = sizes.data()[i] / in.dim(i);
        }
        return d;
    }

    /** A two-element attribute (strides, dilations), 1 and 1 when absent. */
    private int[] pair(NodeProto node, NodeAttributes at, String name) {
        List<Long> v = at.integers(name, List.of(1L, 1L));
        if (v.size() != 2 || v.get(0) <= 0 || v.get(1) <= 0) {
            throw ctx.fail(node, name + " " + v + " must be two positive numbers");
        }
        return new int[] {Math.toIntExact(v.get(0)), Math.toIntExact(v.get(1))};
    }

    /** Explicit pads [top, left, bottom, right] or auto_pad (SAME_UPPER puts the odd pixel at the end). */
    private Padding padding(NodeProto node, NodeAttributes at, TensorType in, int[] kernel, int[] strides,
                            int[] dilations) {
        String auto = at.string("auto_pad", "NOTSET");
        switch (auto) {
            case "NOTSET", "" -> {
                List<Long> p = at.integers("pads", List.of(0L, 0L, 0L, 0L));
                if (p.size() != 4) {
                    throw ctx.fail(node, "pads " + p + " must list 4 values (top, left, bottom, right)");
                }
                if (p.stream().anyMatch(v -> v < 0)) {
                    throw ctx.fail(node, "pads " + p + " are negative");
                }
                return new Padding(Math.toIntExact(p.get(0)), Math.toIntExact(p.get(1)), Math.toIntExact(p.get(2)),
                        Math.toIntExact(p.get(3)));
            }
            case "VALID" -> {
                return Padding.NONE;
            }
            case "SAME_UPPER", "SAME_LOWER" -> {
                int[] begin = new int[2];
                int[] end = new int[2];
                for (int a = 0; a < 2; a++) {
                    int size = in.dim(2 + a);
                    long out = ((long) size + strides[a] - 1) / strides[a];
                    long effective = (long) (kernel[a] - 1) * dilations[a] + 1;
                    int total = Math.toIntExact(Math.max(0, (out - 1) * strides[a] + effective - size));
                    int small = total / 2;
                    begin[a] = auto.equals("SAME_UPPER") ? small : total - small;
                    end[a] = total - begin[a];
                }
                return new Padding(begin[0], begin[1], end[0], end[1]);
            }
            default -> throw ctx.fail(node, "unknown auto_pad '" + auto + "'");
        }
    }
}
