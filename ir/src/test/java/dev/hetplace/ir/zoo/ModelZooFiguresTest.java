package dev.hetplace.ir.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Dense;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Parameter counts and conv + dense MACs of the zoo at its native input size, against published figures:
 * torchvision's documented counts (parameters include BatchNorm's scale and shift, not its running stats),
 * the MobileNet v1 paper (Table 1: 4.2M parameters, 569M mult-adds) and Hugging Face's BERT-base count.
 */
class ModelZooFiguresTest {

    static long convDenseMacs(Graph g) {
        long macs = 0;
        for (Layer l : g.layers()) {
            if (l.op() instanceof Conv2d || l.op() instanceof Dense) {
                macs += g.macs(l);
            }
        }
        return macs;
    }

    @ParameterizedTest(name = "{0}: {1} params, {2} MACs")
    @CsvSource({
        "resnet18,      11689512,  1814073344",
        "resnet34,      21797672,  3663761408",
        "resnet50,      25557032,  4089184256",
        "resnet101,     44549160,  7801405440",
        "mobilenet_v2,   3504872,   300774272",
        "vgg16,        138357544, 15470264320",
        "squeezenet1_1,  1235496,   349151936",
        "googlenet,      6624904,  1498376192",
    })
    void torchvisionModelsMatchPublishedCounts(String name, long params, long macs) {
        Graph g = ModelZoo.build(name);
        assertThat(g.totalParams()).as("params").isEqualTo(params);
        assertThat(convDenseMacs(g)).as("conv + dense MACs").isEqualTo(macs);
    }

    @Test
    void mobilenetV1IsWithinTwoPercentOfThePaper() {
        Graph g = ModelZoo.build("mobilenet_v1");
        assertThat((double) g.totalParams()).isCloseTo(4.2e6, within(0.02 * 4.2e6));
        assertThat((double) convDenseMacs(g)).isCloseTo(569e6, within(0.02 * 569e6));
    }

    @Test
    void bertBaseMatchesHuggingFaceCount() {
        assertThat(ModelZoo.build("bert-base").totalParams()).isEqualTo(109_482_240L);
    }

    /**
     * Darknet's yolov3-tiny at 416x416. MACs by hand (output pixels x filters x input channels x k x k):
     * conv_0 416^2 x 16 x 27 = 74,760,192; conv_2, 4, 6, 8, 10 and 14 199,360,512 each; conv_12 13^2 x 1024 x
     * 4608 = 797,442,048; conv_13 44,302,336; conv_15 22,064,640; conv_18 5,537,792; conv_21 26^2 x 256 x
     * 3456 = 598,081,536; conv_22 44,129,280: 2,782,480,896 in all (Darknet prints 5.56 BFLOPs = 2 x that).
     * Parameters: conv weights 432 + 4,608 + 18,432 + 73,728 + 294,912 + 1,179,648 + 4,718,592 + 262,144 +
     * 1,179,648 + 130,560 + 32,768 + 884,736 + 65,280 = 8,845,488, the two heads' biases 2 x 255, BatchNorm scale
     * and shift 2 x 3,184 channels: 8,852,366. (yolov3-tiny.weights also stores the BNs' running mean and
     * variance, 2 x 3,184 more floats.)
     */
    @Test
    void yoloV3TinyMatchesDarknet() {
        Graph g = ModelZoo.build("yolov3-tiny");
        assertThat(convDenseMacs(g)).isEqualTo(2_782_480_896L);
        assertThat(g.totalParams()).isEqualTo(8_852_366L);
    }

    /**
     * LeNet-5 on 32x32: conv1 6 x 25 + 6 = 156, conv2 16 x 150 + 16 = 2,416, fc1 400 x 120 + 120 = 48,120,
     * fc2 10,164, fc3 850: 61,706 parameters. MACs: 6 x 28^2 x 25 = 117,600; 16 x 10^2 x 150 = 240,000;
     * 48,000 + 10,080 + 840 = 58,920: 416,520.
     */
    @Test
    void lenetMatchesTheClassicCounts() {
        Graph g = ModelZoo.build("lenet");
        assertThat(g.totalParams()).isEqualTo(61_706L);
        assertThat(convDenseMacs(g)).isEqualTo(416_520L);
    }

    /**
     * Gluon's basic-block v1 has torchvision's topology, so the same counts. v2 moves the BatchNorms: resnet18
     * v1 has 9,600 BN parameters (2 x 4,800 channels, see BatchNormFoldingTest); v2 has bn_data 2 x 3, stem
     * 2 x 64, per block bn1 on the block's input and bn2 on its output channels (layer1 2 x 256, layer2
     * 2 x 192 + 2 x 256, layer3 2 x 384 + 2 x 512, layer4 2 x 768 + 2 x 1024), no BN after the downsample
     * conv, and bn_final 2 x 512: 7,942. Convs and fc are the same, so v2 has 1,658 parameters fewer.
     */
    @Test
    void gluonResnetsCountAsDerived() {
        assertThat(ModelZoo.build("resnet18_v1").totalParams()).isEqualTo(11_689_512L);
        assertThat(ModelZoo.build("resnet34_v1").totalParams()).isEqualTo(21_797_672L);
        Graph v2 = ModelZoo.build("resnet18_v2");
        assertThat(v2.totalParams()).isEqualTo(11_689_512L - 9_600 + 7_942);
        assertThat(convDenseMacs(v2)).isEqualTo(1_814_073_344L);
        // resnet50_v2: torchvision's resnet50 convs and fc, so the same MACs
        assertThat(convDenseMacs(ModelZoo.build("resnet50_v2"))).isEqualTo(4_089_184_256L);
    }
}
