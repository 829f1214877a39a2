package dev.hetplace.ir.zoo;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GraphBuilder;
import dev.hetplace.ir.op.Flatten;
import dev.hetplace.ir.op.Pool;
import dev.hetplace.ir.tensor.TensorType;

/**
 * torchvision's VGG-16 (configuration D, no BatchNorm), 3x224x224: 13 conv 3x3 (bias) - ReLU in five stages
 * separated by 2x2/2 max pools ({@code features.0} .. {@code features.30}), {@code avgpool}, flatten and the
 * classifier's three Linear layers ({@code classifier.0}, {@code .3}, {@code .6}; dropouts omitted).
 * torchvision's {@code AdaptiveAvgPool2d((7, 7))} sees a 7x7 map at 224x224, where it is an identity; it is
 * kept as the 1x1/1 average pool the ONNX export writes for it.
 */
final class Vgg16 {
    /** Output channels per conv; 0 marks a max pool (torchvision's cfgs["D"]). */
    private static final int[] FEATURES = {64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0};

    private Vgg16() {
    }

    static Graph build() {
        GraphBuilder b = new GraphBuilder("vgg16");
        int x = b.input("input", TensorType.fp32(1, 3, 224, 224));
        int index = 0;
        for (int channels : FEATURES) {
            if (channels == 0) {
                x = b.add("features." + index++, Pool.max(2, 2, 0), x);
            } else {
                x = b.conv("features." + index++, x, channels, 3, 1, 1, true);
                x = b.relu("features." + index++, x);
            }
        }
        x = b.add("avgpool", Pool.avg(1, 1, 0), x);
        x = b.add("flatten", new Flatten(1), x);
        x = b.dense("classifier.0", x, 4096);
        x = b.relu("classifier.1", x);
        x = b.dense("classifier.3", x, 4096);
        x = b.relu("classifier.4", x);
        x = b.dense("classifier.6", x, 1000);
        return b.build(x);
    }
}
