package dev.hetplace.backends.exec;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GraphBuilder;
import dev.hetplace.ir.op.Concat;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Flatten;
import dev.hetplace.ir.op.GlobalPool;
import dev.hetplace.ir.op.Pool;
import dev.hetplace.ir.op.PoolKind;
import dev.hetplace.ir.tensor.TensorType;

/** Graphs built with {@link GraphBuilder} for executor tests: ResNet- and SqueezeNet-shaped networks. */
public final class TestGraphs {
    private TestGraphs() {
    }

    /**
     * torchvision's ResNet (basic blocks, conv + batch norm + ReLU, 1x1 downsample shortcuts) with {@code blocks}
     * basic blocks per stage and the given input size (ResNet-18 itself is {@code ModelZoo.build("resnet18")}).
     */
    public static Graph resnet(String name, int[] blocks, int width, int size, int classes) {
        GraphBuilder b = new GraphBuilder(name);
        int x = b.input("data", TensorType.fp32(1, 3, size, size));
        x = b.relu("relu0", b.bn("bn0", b.conv("conv0", x, width, 7, 2, 3, false)));
        x = b.add("maxpool", Pool.max(3, 2, 1), x);
        int channels = width;
        for (int stage = 0; stage < blocks.length; stage++) {
            int out = width << stage;
            for (int blk = 0; blk < blocks[stage]; blk++) {
                int stride = stage > 0 && blk == 0 ? 2 : 1;
                String p = "layer" + (stage + 1) + "." + blk + ".";
                int y = b.relu(p + "relu1", b.bn(p + "bn1", b.conv(p + "conv1", x, out, 3, stride, 1, false)));
                y = b.bn(p + "bn2", b.conv(p + "conv2", y, out, 3, 1, 1, false));
                int shortcut = x;
                if (stride != 1 || channels != out) {
                    shortcut = b.bn(p + "downsample.1", b.conv(p + "downsample.0", x, out, 1, stride, 0, false));
                }
                x = b.relu(p + "relu2", b.addTensors(p + "add", y, shortcut));
                channels = out;
            }
        }
        x = b.add("avgpool", new GlobalPool(PoolKind.AVG), x);
        x = b.add("flatten", new Flatten(1), x);
        x = b.dense("fc", x, classes);
        return b.build(x);
    }

    /** A small ResNet (two stages of one block, 16 channels, 32x32 input) for fast tests. */
    public static Graph smallResnet() {
        return resnet("small-resnet", new int[] {1, 1}, 16, 32, 10);
    }

    /** SqueezeNet 1.1's shape (fire modules: squeeze 1x1, expand 1x1 and 3x3, concat) at a small size. */
    public static Graph squeezeNetLike(int size, int classes) {
        GraphBuilder b = new GraphBuilder("squeezenet-like");
        int x = b.input("data", TensorType.fp32(1, 3, size, size));
        x = b.relu("relu0", b.add("conv0", Conv2d.square(16, 3, 2, 0, true), x));
        x = b.add("pool0", Pool.max(3, 2, 0).ceil(), x);
        x = fire(b, "fire1", x, 4, 16);
        x = fire(b, "fire2", x, 4, 16);
        x = b.add("pool1", Pool.max(3, 2, 0).ceil(), x);
        x = fire(b, "fire3", x, 8, 32);
        x = b.relu("relu_final", b.add("conv_final", Conv2d.square(classes, 1, 1, 0, true), x));
        x = b.add("avgpool", new GlobalPool(PoolKind.AVG), x);
        x = b.add("flatten", new Flatten(1), x);
        return b.build(x);
    }

    private static int fire(GraphBuilder b, String p, int x, int squeeze, int expand) {
        int s = b.relu(p + ".squeeze_relu", b.add(p + ".squeeze", Conv2d.square(squeeze, 1, 1, 0, true), x));
        int e1 = b.relu(p + ".expand1x1_relu", b.add(p + ".expand1x1", Conv2d.square(expand, 1, 1, 0, true), s));
        int e3 = b.relu(p + ".expand3x3_relu", b.add(p + ".expand3x3", Conv2d.square(expand, 3, 1, 1, true), s));
        return b.add(p + ".concat", new Concat(1), e1, e3);
    }
}
