package dev.hetplace.ir.zoo;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GraphBuilder;
import dev.hetplace.ir.op.Activation;
import dev.hetplace.ir.op.BatchNorm;
import dev.hetplace.ir.op.Concat;
import dev.hetplace.ir.op.Padding;
import dev.hetplace.ir.op.Pool;
import dev.hetplace.ir.op.PoolKind;
import dev.hetplace.ir.op.Upsample;
import dev.hetplace.ir.tensor.TensorType;

/**
 * YOLOv3-tiny as Darknet's {@code yolov3-tiny.cfg} defines it, 3x416x416, 80 classes. Layers are named after
 * their cfg section and index ({@code conv_0}, {@code bn_0}, {@code leaky_0}, {@code maxpool_1}, ...).
 * Convolutional sections with {@code batch_normalize=1} are conv (no bias) - BatchNorm - leaky ReLU 0.1; the
 * two detection heads ({@code conv_15} at 13x13, {@code conv_22} at 26x26) are 1x1 convs with 255 = 3 x (80 +
 * 5) filters, bias and linear activation, and are the graph's outputs (the {@code yolo} sections decode boxes
 * and are not modelled). Darknet pads its max pools by {@code size - 1} at the bottom and right; that only
 * changes the stride-1 pool {@code maxpool_11} (13x13 stays 13x13), the stride-2 ones are written unpadded.
 * {@code route_17} (layers = -4) is an edge back to {@code conv_13}; {@code route_20} concatenates the
 * upsampled map with {@code conv_8}'s output. Darknet's BatchNorm adds 1e-6 to the standard deviation; it is
 * recorded here as eps 1e-6.
 */
final class YoloV3Tiny {
    private static final double DARKNET_BN_EPS = 1e-6;

    private YoloV3Tiny() {
    }

    static Graph build() {
        GraphBuilder b = new GraphBuilder("yolov3-tiny");
        int x = b.input("input", TensorType.fp32(1, 3, 416, 416));
        x = convLeaky(b, 0, x, 16, 3);
        x = b.add("maxpool_1", Pool.max(2, 2, 0), x);
        x = convLeaky(b, 2, x, 32, 3);
        x = b.add("maxpool_3", Pool.max(2, 2, 0), x);
        x = convLeaky(b, 4, x, 64, 3);
        x = b.add("maxpool_5", Pool.max(2, 2, 0), x);
        x = convLeaky(b, 6, x, 128, 3);
        x = b.add("maxpool_7", Pool.max(2, 2, 0), x);
        int route8 = convLeaky(b, 8, x, 256, 3);
        x = b.add("maxpool_9", Pool.max(2, 2, 0), route8);
        x = convLeaky(b, 10, x, 512, 3);
        x = b.add("maxpool_11", new Pool(PoolKind.MAX, 2, 2, 1, 1, new Padding(0, 0, 1, 1), false, false), x);
        x = convLeaky(b, 12, x, 1024, 3);
        int route13 = convLeaky(b, 13, x, 256, 1);
        x = convLeaky(b, 14, route13, 512, 3);
        int head13 = b.conv("conv_15", x, 255, 1, 1, 0, true);
        x = convLeaky(b, 18, route13, 128, 1);
        x = b.add("upsample_19", Upsample.nearest(2), x);
        x = b.add("route_20", new Concat(1), x, route8);
        x = convLeaky(b, 21, x, 256, 3);
        int head26 = b.conv("conv_22", x, 255, 1, 1, 0, true);
        return b.build(head13, head26);
    }

    /** A [convolutional] section with batch_normalize=1, stride 1, pad=1 (padding size / 2), leaky. */
    private static int convLeaky(GraphBuilder b, int index, int in, int filters, int size) {
        int x = b.conv("conv_" + index, in, filters, size, 1, size / 2, false);
        x = b.add("bn_" + index, new BatchNorm(DARKNET_BN_EPS), x);
        return b.add("leaky_" + index, Activation.leakyRelu(0.1), x);
    }
}
