package dev.hetplace.ir.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.hetplace.ir.op.Activation;
import dev.hetplace.ir.op.ActivationKind;
import java.util.List;
import java.util.Set;

/**
 * Recognises the erf form of GELU that exporters emit before opset 20, x * 0.5 * (1 + erf(x / sqrt 2)), in the
 * three associations torch produces, and replaces it with one GELU activation. Matching starts at the Erf
 * node; the nodes after it join {@code absorbed}, the scaling before it is left to dead-layer removal.
 */
final class GeluPattern {
    private static final double SQRT2 = Math.sqrt(2);

    private final ImportContext ctx;

    GeluPattern(ImportContext ctx) {
        this.ctx = ctx;
    }

    /** Emits the GELU layer and returns true when {@code erf} is the heart of the pattern. */
    boolean match(NodeProto erf, Set<NodeProto> absorbed) {
        NodeProto scale = ctx.producer(erf.getInput(0));
        if (scale == null || !ctx.onlyReadBy(erf.getInput(0), erf)) {
            return false;
        }
        String x = switch (scale.getOpType()) {
            case "Div" -> isNear(scale.getInput(1), SQRT2) ? scale.getInput(0) : null;
            case "Mul" -> besideConstant(scale, 1 / SQRT2);
            default -> null;
        };
        if (x == null || !(ctx.input(scale, scale.getInput(0).equals(x) ? 0 : 1) instanceof OnnxValue.Produced px)) {
            return false;
        }
        NodeProto add = soleConsumer(erf, "Add");
        if (add == null || besideConstant(add, 1.0) == null) {
            return false;
        }
        NodeProto m1 = soleConsumer(add, "Mul");
        if (m1 == null) {
            return false;
        }
        String other = other(m1, add.getOutput(0));
        NodeProto last;
        if (x.equals(other)) {
            last = soleConsumer(m1, "Mul");
            if (last == null || besideConstant(last, 0.5) == null) {
                return false;
            }
        } else if (isNear(other, 0.5)) {
            last = soleConsumer(m1, "Mul");
            if (last == null || !x.equals(other(last, m1.getOutput(0)))) {
                return false;
            }
        } else {
            NodeProto half = other == null ? null : ctx.producer(other);
            if (half == null || !half.getOpType().equals("Mul") || !x.equals(besideConstant(half, 0.5))) {
                return false;
            }
            last = m1;
        }
        List<NodeProto> tail = last == m1 ? List.of(add, m1) : List.of(add, m1, last);
        absorbed.addAll(tail);
        ctx.emitFor(last, Activation.of(ActivationKind.GELU), List.of(px.layer()));
        return true;
    }

    /** The node reading {@code n}'s output, when there is exactly one and it has the given op type. */
    private NodeProto soleConsumer(NodeProto n, String opType) {
        List<NodeProto> users = ctx.consumers(n.getOutput(0));
        if (users.size() != 1 || ctx.isGraphOutput(n.getOutput(0))) {
            return null;
        }
        NodeProto u = users.get(0);
        return u.getOpType().equals(opType) && u.getDomain().isEmpty() && u.getInputCount() == 2 ? u : null;
    }

    /** For a two-input node with one operand a constant near {@code value}: the other operand's name. */
    private String besideConstant(NodeProto n, double value) {
        if (n.getInputCount() != 2) {
            return null;
        }
        if (isNear(n.getInput(1), value)) {
            return n.getInput(0);
        }
        return isNear(n.getInput(0), value) ? n.getInput(1) : null;
    }

    private static String other(NodeProto n, String operand) {
        if (n.getInput(0).equals(operand)) {
            return n.getInput(1);
        }
        return n.getInput(1).equals(operand) ? n.getInput(0) : null;
    }

    private boolean isNear(String name, double value) {
        ConstTensor t = ctx.staticConstant(name);
        return t != null && t.hasData() && t.elements() == 1 && Math.abs(t.scalar() - value) < 1e-4 * Math.abs(value);
    }
}
