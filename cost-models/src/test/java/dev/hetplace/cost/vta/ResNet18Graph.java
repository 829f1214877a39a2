package dev.hetplace.cost.vta;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GraphBuilder;
import dev.hetplace.ir.op.Flatten;
import dev.hetplace.ir.op.GlobalPool;
import dev.hetplace.ir.op.Pool;
import dev.hetplace.ir.op.PoolKind;
import dev.hetplace.ir.tensor.TensorType;

/** torchvision's resnet18 at 1x3x224x224, built layer by layer (convs without bias, each followed by a BN). */
final class ResNet18Graph {
    private ResNet18Graph() {
    }

    static Graph build() {
        GraphBuilder b = new GraphBuilder("resnet18");
        int x = b.input("data", TensorType.fp32(1, 3, 224, 224));
        x = b.relu("relu", b.bn("bn1", b.conv("conv1", x, 64, 7, 2, 3, false)));
        x = b.add("maxpool", Pool.max(3, 2, 1), x);
        int[] widths = {64, 128, 256, 512};
        for (int stage = 0; stage < 4; stage++) {
            for (int block = 0; block < 2; block++) {
                String p = "layer" + (stage + 1) + "." + block + ".";
                int stride = stage > 0 && block == 0 ? 2 : 1;
                int w = widths[stage];
                int y = b.relu(p + "relu1", b.bn(p + "bn1", b.conv(p + "conv1", x, w, 3, stride, 1, false)));
                y = b.bn(p + "bn2", b.conv(p + "conv2", y, w, 3, 1, 1, false));
                int shortcut = x;
                if (stride != 1 || b.channels(x) != w) {
                    shortcut = b.bn(p + "downsample.1", b.conv(p + "downsample.0", x, w, 1, stride, 0, false));
                }
                x = b.relu(p + "relu2", b.addTensors(p + "add", y, shortcut));
            }
        }
        x = b.add("avgpool", new GlobalPool(PoolKind.AVG), x);
        x = b.add("flatten", new Flatten(1), x);
        x = b.dense("fc", x, 1000);
        return b.build(x);
    }
}
