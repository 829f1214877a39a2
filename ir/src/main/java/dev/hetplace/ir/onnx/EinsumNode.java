package dev.hetplace.ir.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.hetplace.ir.op.MatMul;
import dev.hetplace.ir.tensor.TensorType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Einsum of two activations that is a batched matrix product (the same leading batch letters everywhere, one
 * contracted letter among the last two of each operand, as attention writes {@code b h i d, b h j d -> b h i j})
 * becomes a {@link MatMul} with the transposes it implies; any other explicit equation is an opaque layer of
 * the shape its letters give.
 */
final class EinsumNode {
    private final ImportContext ctx;

    EinsumNode(ImportContext ctx) {
        this.ctx = ctx;
    }

    void einsum(NodeProto node, NodeAttributes at) {
        String equation = at.string("equation", "").replace(" ", "");
        String[] sides = equation.split("->", -1);
        if (sides.length != 2 || sides[1].contains(".") || sides[0].contains(".")) {
            throw new ImportContext.Unsupported("equation '" + equation + "' (implicit output or ellipsis)");
        }
        String[] specs = sides[0].split(",", -1);
        if (specs.length != node.getInputCount()) {
            throw ctx.fail(node, "equation '" + equation + "' names " + specs.length + " operands, the node has "
                    + node.getInputCount());
        }
        Map<Character, Integer> sizes = new HashMap<>();
        List<Integer> ids = new ArrayList<>();
        for (int k = 0; k < specs.length; k++) {
            int id = ctx.requireActivation(node, k);
            ids.add(id);
            TensorType t = ctx.type(id);
            if (t.rank() != specs[k].length()) {
                throw ctx.fail(node, "operand " + k + " " + t.shape() + " does not fit '" + specs[k] + "'");
            }
            for (int i = 0; i < t.rank(); i++) {
                Integer before = sizes.putIfAbsent(specs[k].charAt(i), t.dim(i));
                if (before != null && before != t.dim(i) && before != 1 && t.dim(i) != 1) {
                    throw ctx.fail(node, "letter '" + specs[k].charAt(i) + "' is " + before + " and " + t.dim(i));
                }
            }
        }
        List<Integer> out = new ArrayList<>();
        for (char c : sides[1].toCharArray()) {
            if (!sizes.containsKey(c)) {
                throw ctx.fail(node, "output letter '" + c + "' is in no operand of '" + equation + "'");
            }
            out.add(sizes.get(c));
        }
        MatMul product = specs.length == 2 ? asMatMul(specs[0], specs[1], sides[1]) : null;
        if (product == null) {
            throw new ImportContext.Unsupported("equation '" + equation + "' is not a batched matrix product",
                    ctx.type(ids.get(0)).withShape(out));
        }
        ctx.emitFor(node, product, ids);
    }

    private static MatMul asMatMul(String a, String b, String out) {
        int r = a.length();
        if (r < 2 || b.length() != r || out.length() != r) {
            return null;
        }
        String batch = a.substring(0, r - 2);
        if (!b.startsWith(batch) || !out.startsWith(batch)) {
            return null;
        }
        char a0 = a.charAt(r - 2);
        char a1 = a.charAt(r - 1);
        char b0 = b.charAt(r - 2);
        char b1 = b.charAt(r - 1);
        char i = out.charAt(r - 2);
        char j = out.charAt(r - 1);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                char m = ta ? a1 : a0;
                char ka = ta ? a0 : a1;
                char kb = tb ? b1 : b0;
                char n = tb ? b0 : b1;
                if (m == i && n == j && ka == kb && ka != i && ka != j && i != j) {
                    return new MatMul(ta, tb);
                }
            }
        }
        return null;
    }
}
