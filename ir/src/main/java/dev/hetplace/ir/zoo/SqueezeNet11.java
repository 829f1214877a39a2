package dev.hetplace.ir.zoo;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GraphBuilder;
import dev.hetplace.ir.op.Concat;
import dev.hetplace.ir.op.Flatten;
import dev.hetplace.ir.op.GlobalPool;
import dev.hetplace.ir.op.Pool;
import dev.hetplace.ir.op.PoolKind;
import dev.hetplace.ir.tensor.TensorType;

/**
 * torchvision's SqueezeNet 1.1, 3x224x224: conv 3x3/2 (64, bias, no padding) - ReLU, ceil-mode 3x3/2 max
 * pools, eight Fire modules (squeeze 1x1 - ReLU, then expand 1x1 - ReLU and expand 3x3 - ReLU concatenated
 * on channels), the classifier conv 1x1 to 1000 classes ({@code classifier.1}) - ReLU, global average pool
 * ({@code classifier.3}) and flatten (dropout omitted). All convs have biases; names are torchvision's.
 */
final class SqueezeNet11 {
    private SqueezeNet11() {
    }

    static Graph build() {
        GraphBuilder b = new GraphBuilder("squeezenet1_1");
        int x = b.input("input", TensorType.fp32(1, 3, 224, 224));
        x = b.conv("features.0", x, 64, 3, 2, 0, true);
        x = b.relu("features.1", x);
        x = b.add("features.2", Pool.max(3, 2, 0).ceil(), x);
        x = fire(b, "features.3.", x, 16, 64);
        x = fire(b, "features.4.", x, 16, 64);
        x = b.add("features.5", Pool.max(3, 2, 0).ceil(), x);
        x = fire(b, "features.6.", x, 32, 128);
        x = fire(b, "features.7.", x, 32, 128);
        x = b.add("features.8", Pool.max(3, 2, 0).ceil(), x);
        x = fire(b, "features.9.", x, 48, 192);
        x = fire(b, "features.10.", x, 48, 192);
        x = fire(b, "features.11.", x, 64, 256);
        x = fire(b, "features.12.", x, 64, 256);
        x = b.conv("classifier.1", x, 1000, 1, 1, 0, true);
        x = b.relu("classifier.2", x);
        x = b.add("classifier.3", new GlobalPool(PoolKind.AVG), x);
        x = b.add("flatten", new Flatten(1), x);
        return b.build(x);
    }

    private static int fire(GraphBuilder b, String p, int in, int squeeze, int expand) {
        int s = b.conv(p + "squeeze", in, squeeze, 1, 1, 0, true);
        s = b.relu(p + "squeeze_activation", s);
        int e1 = b.conv(p + "expand1x1", s, expand, 1, 1, 0, true);
        e1 = b.relu(p + "expand1x1_activation", e1);
        int e3 = b.conv(p + "expand3x3", s, expand, 3, 1, 1, true);
        e3 = b.relu(p + "expand3x3_activation", e3);
        return b.add(p + "concat", new Concat(1), e1, e3);
    }
}
