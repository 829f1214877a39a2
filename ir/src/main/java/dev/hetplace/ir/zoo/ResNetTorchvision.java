package dev.hetplace.ir.zoo;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GraphBuilder;
import dev.hetplace.ir.op.Flatten;
import dev.hetplace.ir.op.GlobalPool;
import dev.hetplace.ir.op.Pool;
import dev.hetplace.ir.op.PoolKind;
import dev.hetplace.ir.tensor.TensorType;

/**
 * torchvision's ResNets (v1.5: a bottleneck's stride sits on its 3x3 conv), 3x224x224 input, convs without
 * bias followed by BatchNorm (eps 1e-5). Layer names are torchvision's module paths ({@code conv1},
 * {@code layer2.0.downsample.0}, {@code fc}); the re-used {@code relu} module gets torch's ONNX-export suffixes
 * ({@code relu}, {@code relu_1}, {@code relu_2}) and the residual sum is {@code layerS.B.add}.
 * Convs appear in {@code forward()} order: a block's body convs, then its downsample conv.
 */
final class ResNetTorchvision {
    private static final int[] PLANES = {64, 128, 256, 512};

    private ResNetTorchvision() {
    }

    static Graph resnet18() {
        return build("resnet18", "input", false, 2, 2, 2, 2);
    }

    static Graph resnet34() {
        return build("resnet34", "input", false, 3, 4, 6, 3);
    }

    static Graph resnet50() {
        return build("resnet50", "input", true, 3, 4, 6, 3);
    }

    static Graph resnet101() {
        return build("resnet101", "input", true, 3, 4, 23, 3);
    }

    /** Also builds Gluon's ResNetV1 with basic blocks, whose topology is torchvision's (input named "data"). */
    static Graph build(String name, String inputName, boolean bottleneck, int... blocks) {
        GraphBuilder b = new GraphBuilder(name);
        int x = b.input(inputName, TensorType.fp32(1, 3, 224, 224));
        x = b.conv("conv1", x, 64, 7, 2, 3, false);
        x = b.bn("bn1", x);
        x = b.relu("relu", x);
        x = b.add("maxpool", Pool.max(3, 2, 1), x);
        int expansion = bottleneck ? 4 : 1;
        int inplanes = 64;
        for (int stage = 0; stage < blocks.length; stage++) {
            for (int i = 0; i < blocks[stage]; i++) {
                int stride = stage > 0 && i == 0 ? 2 : 1;
                String p = "layer" + (stage + 1) + "." + i + ".";
                int planes = PLANES[stage];
                boolean downsample = stride != 1 || inplanes != planes * expansion;
                x = bottleneck ? bottleneck(b, p, x, planes, stride, downsample) : basic(b, p, x, planes, stride, downsample);
                inplanes = planes * expansion;
            }
        }
        x = b.add("avgpool", new GlobalPool(PoolKind.AVG), x);
        x = b.add("flatten", new Flatten(1), x);
        x = b.dense("fc", x, 1000);
        return b.build(x);
    }

    private static int basic(GraphBuilder b, String p, int in, int planes, int stride, boolean downsample) {
        int x = b.conv(p + "conv1", in, planes, 3, stride, 1, false);
        x = b.bn(p + "bn1", x);
        x = b.relu(p + "relu", x);
        x = b.conv(p + "conv2", x, planes, 3, 1, 1, false);
        x = b.bn(p + "bn2", x);
        int identity = downsample ? downsample(b, p, in, planes, stride) : in;
        x = b.addTensors(p + "add", x, identity);
        return b.relu(p + "relu_1", x);
    }

    private static int bottleneck(GraphBuilder b, String p, int in, int planes, int stride, boolean downsample) {
        int x = b.conv(p + "conv1", in, planes, 1, 1, 0, false);
        x = b.bn(p + "bn1", x);
        x = b.relu(p + "relu", x);
        x = b.conv(p + "conv2", x, planes, 3, stride, 1, false);
        x = b.bn(p + "bn2", x);
        x = b.relu(p + "relu_1", x);
        x = b.conv(p + "conv3", x, planes * 4, 1, 1, 0, false);
        x = b.bn(p + "bn3", x);
        int identity = downsample ? downsample(b, p, in, planes * 4, stride) : in;
        x = b.addTensors(p + "add", x, identity);
        return b.relu(p + "relu_2", x);
    }

    private static int downsample(GraphBuilder b, String p, int in, int channels, int stride) {
        int d = b.conv(p + "downsample.0", in, channels, 1, stride, 0, false);
        return b.bn(p + "downsample.1", d);
    }
}
