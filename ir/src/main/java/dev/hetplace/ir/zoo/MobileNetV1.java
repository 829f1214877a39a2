package dev.hetplace.ir.zoo;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GraphBuilder;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Flatten;
import dev.hetplace.ir.op.GlobalPool;
import dev.hetplace.ir.op.PoolKind;
import dev.hetplace.ir.tensor.TensorType;

/**
 * MobileNet v1 1.0/224 as in the paper (Howard et al. 2017, Table 1): a 3x3/2 conv with 32 filters, 13
 * depthwise-separable blocks (3x3 depthwise conv - BN - ReLU, 1x1 pointwise conv - BN - ReLU), global
 * average pool and a 1024 -> 1000 fully connected layer. Convs have no bias (BatchNorm follows, eps 1e-5);
 * activations are plain ReLU as in the paper (Keras and TF-slim use ReLU6). Names follow Keras'
 * {@code MobileNet}: {@code conv1}, {@code conv_dw_1}, {@code conv_pw_1_bn}, ...
 */
final class MobileNetV1 {
    /** (pointwise output channels, depthwise stride) of the 13 separable blocks. */
    private static final int[][] BLOCKS = {
        {64, 1}, {128, 2}, {128, 1}, {256, 2}, {256, 1}, {512, 2},
        {512, 1}, {512, 1}, {512, 1}, {512, 1}, {512, 1}, {1024, 2}, {1024, 1},
    };

    private MobileNetV1() {
    }

    static Graph build() {
        GraphBuilder b = new GraphBuilder("mobilenet_v1");
        int x = b.input("input", TensorType.fp32(1, 3, 224, 224));
        x = b.conv("conv1", x, 32, 3, 2, 1, false);
        x = b.bn("conv1_bn", x);
        x = b.relu("conv1_relu", x);
        for (int i = 0; i < BLOCKS.length; i++) {
            int n = i + 1;
            int channels = b.channels(x);
            x = b.add("conv_dw_" + n, Conv2d.square(channels, 3, BLOCKS[i][1], 1, false).withGroups(channels), x);
            x = b.bn("conv_dw_" + n + "_bn", x);
            x = b.relu("conv_dw_" + n + "_relu", x);
            x = b.conv("conv_pw_" + n, x, BLOCKS[i][0], 1, 1, 0, false);
            x = b.bn("conv_pw_" + n + "_bn", x);
            x = b.relu("conv_pw_" + n + "_relu", x);
        }
        x = b.add("avgpool", new GlobalPool(PoolKind.AVG), x);
        x = b.add("flatten", new Flatten(1), x);
        x = b.dense("fc", x, 1000);
        return b.build(x);
    }
}
