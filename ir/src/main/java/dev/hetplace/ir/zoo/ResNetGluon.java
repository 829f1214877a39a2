package dev.hetplace.ir.zoo;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GraphBuilder;
import dev.hetplace.ir.op.Flatten;
import dev.hetplace.ir.op.GlobalPool;
import dev.hetplace.ir.op.Pool;
import dev.hetplace.ir.op.PoolKind;
import dev.hetplace.ir.tensor.TensorType;

/**
 * The MXNet Gluon ResNets that TVM's VTA tutorial deploys (gluoncv {@code model_zoo/resnet.py}), input
 * {@code data} 3x224x224, BatchNorm eps 1e-5, convs without bias, dense with bias. A block has a downsample
 * branch when its channel count changes ({@code channels != in_channels}).
 * <ul>
 * <li>v1 ({@code BasicBlockV1}): post-activation, conv3x3(stride) - BN - ReLU - conv3x3 - BN, plus
 * downsample conv1x1(stride) - BN, then ReLU(residual + x). With basic blocks this is torchvision's topology,
 * so v1 reuses its builder and layer names.</li>
 * <li>v2 ({@code BasicBlockV2}, {@code BottleneckV2}): pre-activation. The stem starts with a BatchNorm on the
 * data ({@code bn_data}; Gluon's has {@code scale=False, center=False}, its 2 x 3 fixed affine values are
 * counted here like any BatchNorm's), each block computes BN - ReLU on its input, feeds that to both the
 * downsample conv (no BN) and the body, and adds without a final activation; the network ends with
 * BN - ReLU ({@code bn_final}, {@code relu_final}) before the pool. {@code BottleneckV2} puts the stride on
 * its 3x3 conv. As in Gluon's {@code hybrid_forward}, the downsample conv comes before the body convs.</li>
 * </ul>
 * Layer names follow the torchvision module-path style used across the zoo ({@code layer1.0.conv1}).
 */
final class ResNetGluon {
    private static final int[] STAGE_CHANNELS_BASIC = {64, 128, 256, 512};
    private static final int[] STAGE_CHANNELS_BOTTLENECK = {256, 512, 1024, 2048};

    private ResNetGluon() {
    }

    static Graph resnet18V1() {
        return ResNetTorchvision.build("resnet18_v1", "data", false, 2, 2, 2, 2);
    }

    static Graph resnet34V1() {
        return ResNetTorchvision.build("resnet34_v1", "data", false, 3, 4, 6, 3);
    }

    static Graph resnet18V2() {
        return v2("resnet18_v2", false, 2, 2, 2, 2);
    }

    static Graph resnet50V2() {
        return v2("resnet50_v2", true, 3, 4, 6, 3);
    }

    private static Graph v2(String name, boolean bottleneck, int... blocks) {
        GraphBuilder b = new GraphBuilder(name);
        int x = b.input("data", TensorType.fp32(1, 3, 224, 224));
        x = b.bn("bn_data", x);
        x = b.conv("conv1", x, 64, 7, 2, 3, false);
        x = b.bn("bn1", x);
        x = b.relu("relu", x);
        x = b.add("maxpool", Pool.max(3, 2, 1), x);
        int[] stageChannels = bottleneck ? STAGE_CHANNELS_BOTTLENECK : STAGE_CHANNELS_BASIC;
        int inChannels = 64;
        for (int stage = 0; stage < blocks.length; stage++) {
            int channels = stageChannels[stage];
            for (int i = 0; i < blocks[stage]; i++) {
                int stride = stage > 0 && i == 0 ? 2 : 1;
                boolean downsample = i == 0 && channels != inChannels;
                String p = "layer" + (stage + 1) + "." + i + ".";
                x = bottleneck ? bottleneckV2(b, p, x, channels, stride, downsample)
                        : basicV2(b, p, x, channels, stride, downsample);
                inChannels = channels;
            }
        }
        x = b.bn("bn_final", x);
        x = b.relu("relu_final", x);
        x = b.add("avgpool", new GlobalPool(PoolKind.AVG), x);
        x = b.add("flatten", new Flatten(1), x);
        x = b.dense("fc", x, 1000);
        return b.build(x);
    }

    private static int basicV2(GraphBuilder b, String p, int in, int channels, int stride, boolean downsample) {
        int x = b.bn(p + "bn1", in);
        x = b.relu(p + "relu", x);
        int residual = downsample ? b.conv(p + "downsample", x, channels, 1, stride, 0, false) : in;
        x = b.conv(p + "conv1", x, channels, 3, stride, 1, false);
        x = b.bn(p + "bn2", x);
        x = b.relu(p + "relu_1", x);
        x = b.conv(p + "conv2", x, channels, 3, 1, 1, false);
        return b.addTensors(p + "add", x, residual);
    }

    private static int bottleneckV2(GraphBuilder b, String p, int in, int channels, int stride, boolean downsample) {
        int x = b.bn(p + "bn1", in);
        x = b.relu(p + "relu", x);
        int residual = downsample ? b.conv(p + "downsample", x, channels, 1, stride, 0, false) : in;
        x = b.conv(p + "conv1", x, channels / 4, 1, 1, 0, false);
        x = b.bn(p + "bn2", x);
        x = b.relu(p + "relu_1", x);
        x = b.conv(p + "conv2", x, channels / 4, 3, stride, 1, false);
        x = b.bn(p + "bn3", x);
        x = b.relu(p + "relu_2", x);
        x = b.conv(p + "conv3", x, channels, 1, 1, 0, false);
        return b.addTensors(p + "add", x, residual);
    }
}
