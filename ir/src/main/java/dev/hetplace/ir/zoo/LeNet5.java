package dev.hetplace.ir.zoo;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GraphBuilder;
import dev.hetplace.ir.op.Flatten;
import dev.hetplace.ir.op.Pool;
import dev.hetplace.ir.tensor.TensorType;

/**
 * LeNet-5 on a 1x32x32 image (LeCun et al. 1998's input size; MNIST's 28x28 digits padded by 2), in the
 * modern form of PyTorch's tutorial: conv 5x5 (6) - ReLU - max pool 2, conv 5x5 (16) - ReLU - max pool 2,
 * flatten (16x5x5 = 400), dense 120 - ReLU, dense 84 - ReLU, dense 10. 61,706 parameters.
 */
final class LeNet5 {
    private LeNet5() {
    }

    static Graph build() {
        GraphBuilder b = new GraphBuilder("lenet");
        int x = b.input("input", TensorType.fp32(1, 1, 32, 32));
        x = b.conv("conv1", x, 6, 5, 1, 0, true);
        x = b.relu("relu1", x);
        x = b.add("pool1", Pool.max(2, 2, 0), x);
        x = b.conv("conv2", x, 16, 5, 1, 0, true);
        x = b.relu("relu2", x);
        x = b.add("pool2", Pool.max(2, 2, 0), x);
        x = b.add("flatten", new Flatten(1), x);
        x = b.dense("fc1", x, 120);
        x = b.relu("relu3", x);
        x = b.dense("fc2", x, 84);
        x = b.relu("relu4", x);
        x = b.dense("fc3", x, 10);
        return b.build(x);
    }
}
