package dev.hetplace.ir.zoo;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GraphBuilder;
import dev.hetplace.ir.op.BatchNorm;
import dev.hetplace.ir.op.Concat;
import dev.hetplace.ir.op.Flatten;
import dev.hetplace.ir.op.GlobalPool;
import dev.hetplace.ir.op.Pool;
import dev.hetplace.ir.op.PoolKind;
import dev.hetplace.ir.tensor.TensorType;

/**
 * torchvision's GoogLeNet (Inception v1) without the auxiliary heads and without {@code transform_input},
 * 3x224x224. Every {@code BasicConv2d} is conv (no bias) - BatchNorm (eps 0.001) - ReLU, named
 * {@code <module>.conv}, {@code <module>.bn}, {@code <module>.relu}. All max pools use ceil mode; an
 * inception block's branches are 1x1; 1x1 - 3x3; 1x1 - 3x3 (torchvision uses 3x3 where the paper has 5x5);
 * 3x3/1 max pool - 1x1; concatenated on channels. Ends with global average pool, flatten and {@code fc}.
 */
final class GoogLeNet {
    private GoogLeNet() {
    }

    static Graph build() {
        GraphBuilder b = new GraphBuilder("googlenet");
        int x = b.input("input", TensorType.fp32(1, 3, 224, 224));
        x = basicConv(b, "conv1", x, 64, 7, 2, 3);
        x = b.add("maxpool1", Pool.max(3, 2, 0).ceil(), x);
        x = basicConv(b, "conv2", x, 64, 1, 1, 0);
        x = basicConv(b, "conv3", x, 192, 3, 1, 1);
        x = b.add("maxpool2", Pool.max(3, 2, 0).ceil(), x);
        x = inception(b, "inception3a", x, 64, 96, 128, 16, 32, 32);
        x = inception(b, "inception3b", x, 128, 128, 192, 32, 96, 64);
        x = b.add("maxpool3", Pool.max(3, 2, 0).ceil(), x);
        x = inception(b, "inception4a", x, 192, 96, 208, 16, 48, 64);
        x = inception(b, "inception4b", x, 160, 112, 224, 24, 64, 64);
        x = inception(b, "inception4c", x, 128, 128, 256, 24, 64, 64);
        x = inception(b, "inception4d", x, 112, 144, 288, 32, 64, 64);
        x = inception(b, "inception4e", x, 256, 160, 320, 32, 128, 128);
        x = b.add("maxpool4", Pool.max(2, 2, 0).ceil(), x);
        x = inception(b, "inception5a", x, 256, 160, 320, 32, 128, 128);
        x = inception(b, "inception5b", x, 384, 192, 384, 48, 128, 128);
        x = b.add("avgpool", new GlobalPool(PoolKind.AVG), x);
        x = b.add("flatten", new Flatten(1), x);
        x = b.dense("fc", x, 1000);
        return b.build(x);
    }

    private static int inception(GraphBuilder b, String p, int in, int ch1x1, int ch3x3red, int ch3x3,
                                 int ch5x5red, int ch5x5, int poolProj) {
        int b1 = basicConv(b, p + ".branch1", in, ch1x1, 1, 1, 0);
        int b2 = basicConv(b, p + ".branch2.0", in, ch3x3red, 1, 1, 0);
        b2 = basicConv(b, p + ".branch2.1", b2, ch3x3, 3, 1, 1);
        int b3 = basicConv(b, p + ".branch3.0", in, ch5x5red, 1, 1, 0);
        b3 = basicConv(b, p + ".branch3.1", b3, ch5x5, 3, 1, 1);
        int b4 = b.add(p + ".branch4.0", Pool.max(3, 1, 1).ceil(), in);
        b4 = basicConv(b, p + ".branch4.1", b4, poolProj, 1, 1, 0);
        return b.add(p + ".concat", new Concat(1), b1, b2, b3, b4);
    }

    private static int basicConv(GraphBuilder b, String p, int in, int out, int kernel, int stride, int pad) {
        int x = b.conv(p + ".conv", in, out, kernel, stride, pad, false);
        x = b.add(p + ".bn", new BatchNorm(0.001), x);
        return b.relu(p + ".relu", x);
    }
}
