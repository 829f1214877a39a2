package dev.hetplace.backends.measure;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.Pool;
import dev.hetplace.ir.op.PoolKind;
import dev.hetplace.ir.tensor.TensorType;
import java.util.Optional;

/** The {@code max_pool2d} shape a measurement table keys a max pool by ({@link LayerShape#maxPool2d}). */
public final class MaxPoolShape {
    private MaxPoolShape() {
    }

    /** A batch-1 max pool with a square stride and one padding on every side; empty for any other layer. */
    public static Optional<LayerShape> of(Graph g, Layer l) {
        if (!(l.op() instanceof Pool p) || p.kind() != PoolKind.MAX || g.inputTypes(l).isEmpty()) {
            return Optional.empty();
        }
        TensorType in = g.inputTypes(l).get(0);
        var pad = p.padding();
        boolean regular = in.rank() == 4 && in.dim(0) == 1 && p.strideH() == p.strideW() && pad.top() == pad.bottom()
                && pad.left() == pad.right() && pad.top() == pad.left();
        return regular ? Optional.of(LayerShape.maxPool2d(in.dim(1), in.dim(2), in.dim(3), p.kernelH(), p.kernelW(),
                p.strideH(), pad.top(), l.output().dim(2), l.output().dim(3))) : Optional.empty();
    }
}
