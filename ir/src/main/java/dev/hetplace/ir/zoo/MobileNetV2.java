package dev.hetplace.ir.zoo;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GraphBuilder;
import dev.hetplace.ir.op.Activation;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Flatten;
import dev.hetplace.ir.op.GlobalPool;
import dev.hetplace.ir.op.PoolKind;
import dev.hetplace.ir.tensor.TensorType;

/**
 * torchvision's MobileNet v2 (width 1.0), 3x224x224: {@code features.0} conv 3x3/2 - BN - ReLU6, 17 inverted
 * residual blocks ({@code features.1} .. {@code features.17}: optional 1x1 expansion conv - BN - ReLU6, 3x3
 * depthwise conv - BN - ReLU6, 1x1 linear projection conv - BN, plus the input when stride is 1 and channels
 * stay), {@code features.18} conv 1x1 to 1280 - BN - ReLU6, global average pool, flatten and
 * {@code classifier.1} (dropout is omitted). Names are torchvision's module paths.
 */
final class MobileNetV2 {
    /** Expansion t, output channels c, repeats n, first stride s (torchvision's inverted_residual_setting). */
    private static final int[][] SETTING = {
        {1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1},
    };

    private MobileNetV2() {
    }

    static Graph build() {
        GraphBuilder b = new GraphBuilder("mobilenet_v2");
        int x = b.input("input", TensorType.fp32(1, 3, 224, 224));
        x = convBnRelu6(b, "features.0.", x, 32, 3, 2, 1);
        int index = 1;
        for (int[] s : SETTING) {
            for (int i = 0; i < s[2]; i++) {
                x = invertedResidual(b, "features." + index + ".", x, s[1], i == 0 ? s[3] : 1, s[0]);
                index++;
            }
        }
        x = convBnRelu6(b, "features." + index + ".", x, 1280, 1, 1, 1);
        x = b.add("avgpool", new GlobalPool(PoolKind.AVG), x);
        x = b.add("flatten", new Flatten(1), x);
        x = b.dense("classifier.1", x, 1000);
        return b.build(x);
    }

    private static int invertedResidual(GraphBuilder b, String p, int in, int out, int stride, int expand) {
        int inChannels = b.channels(in);
        int hidden = inChannels * expand;
        int x = in;
        int layer = 0;
        if (expand != 1) {
            x = convBnRelu6(b, p + "conv.0.", x, hidden, 1, 1, 1);
            layer++;
        }
        x = convBnRelu6(b, p + "conv." + layer + ".", x, hidden, 3, stride, hidden);
        x = b.conv(p + "conv." + (layer + 1), x, out, 1, 1, 0, false);
        x = b.bn(p + "conv." + (layer + 2), x);
        if (stride == 1 && inChannels == out) {
            x = b.addTensors(p + "add", in, x);
        }
        return x;
    }

    /** torchvision's Conv2dNormActivation: {@code p0} conv (padding (k-1)/2, no bias), {@code p1} BN, {@code p2} ReLU6. */
    private static int convBnRelu6(GraphBuilder b, String p, int in, int out, int kernel, int stride, int groups) {
        int x = b.add(p + "0", Conv2d.square(out, kernel, stride, (kernel - 1) / 2, false).withGroups(groups), in);
        x = b.bn(p + "1", x);
        return b.add(p + "2", Activation.clip(0, 6), x);
    }
}
