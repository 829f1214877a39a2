package dev.hetplace.ir.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.hetplace.ir.tensor.TensorType;
import java.util.ArrayList;
import java.util.List;

/**
 * Pad: not modelled as a layer of its own (a conv's padding is), so it stays opaque, with the shape ONNX gives
 * it: each dimension plus its begin and end pads (negative pads crop). Pads come from the attribute before
 * opset 11 and from the constant second input since; opset 18's optional axes input selects the axes padded.
 */
final class PadNode {
    private PadNode() {
    }

    static TensorType output(ImportContext ctx, NodeProto node, NodeAttributes at, TensorType in) {
        List<Long> pads;
        if (at.has("pads")) {
            pads = at.integers("pads", List.of());
        } else {
            ConstTensor p = ctx.constantWithData(node, 1, "pads");
            if (p == null) {
                throw ctx.fail(node, "lacks its pads input");
            }
            pads = p.asLongs();
        }
        ConstTensor axesInput = ctx.constantWithData(node, 3, "axes");
        List<Integer> axes = new ArrayList<>();
        if (axesInput == null) {
            for (int i = 0; i < in.rank(); i++) {
                axes.add(i);
            }
        } else {
            for (long a : axesInput.asLongs()) {
                if (a < -in.rank() || a >= in.rank()) {
                    throw ctx.fail(node, "axis " + a + " is out of range for rank " + in.rank());
                }
                axes.add((int) (a < 0 ? a + in.rank() : a));
            }
        }
        if (pads.size() != 2 * axes.size()) {
            throw ctx.fail(node, "pads " + pads + " must list 2 x " + axes.size() + " values for input " + in.shape());
        }
        List<Integer> out = new ArrayList<>(in.shape());
        for (int k = 0; k < axes.size(); k++) {
            int axis = axes.get(k);
            long d = out.get(axis) + pads.get(k) + pads.get(k + axes.size());
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw ctx.fail(node, "pads " + pads + " give axis " + axis + " of " + in.shape() + " the size " + d);
            }
            out.set(axis, (int) d);
        }
        return in.withShape(out);
    }
}
