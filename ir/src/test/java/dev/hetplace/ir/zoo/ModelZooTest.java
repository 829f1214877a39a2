package dev.hetplace.ir.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.Activation;
import dev.hetplace.ir.op.ActivationKind;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Opaque;
import dev.hetplace.ir.tensor.DType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Names, lookup and the topology details the figures alone would not catch. */
class ModelZooTest {

    private static List<Integer> shapeOf(Graph g, String layer) {
        return g.layer(g.idOf(layer)).output().shape();
    }

    @Test
    void listsTheModelsByTheNamesUsersType() {
        assertThat(ModelZoo.names()).containsExactly("resnet18", "resnet34", "resnet50", "resnet101",
                "resnet18_v1", "resnet34_v1", "resnet18_v2", "resnet50_v2", "mobilenet_v1", "mobilenet_v2",
                "vgg16", "squeezenet1_1", "googlenet", "yolov3-tiny", "bert-base", "lenet");
        for (String name : ModelZoo.names()) {
            assertThat(ModelZoo.build(name).name()).isEqualTo(name);
            assertThat(ModelZoo.describe(name)).isNotBlank().doesNotContain("\n");
        }
    }

    @Test
    void lookupIgnoresCaseAndDashOrUnderscore() {
        assertThat(ModelZoo.build("ResNet18").name()).isEqualTo("resnet18");
        assertThat(ModelZoo.build("yolov3_tiny").name()).isEqualTo("yolov3-tiny");
        assertThat(ModelZoo.build("BERT_base").name()).isEqualTo("bert-base");
        assertThat(ModelZoo.contains("mobilenet-v2")).isTrue();
        assertThat(ModelZoo.contains("alexnet")).isFalse();
    }

    @Test
    void unknownNamesGetTheClosestSuggested() {
        // resnet81 is one transposition from resnet18; resnet101, resnet34, resnet50 are two edits away and
        // resnet101 shares the most characters with it
        assertThatThrownBy(() -> ModelZoo.build("resnet81"))
                .isInstanceOf(UnknownModelException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown model 'resnet81' (did you mean resnet18, resnet101, resnet34?)");
        // a prefix of names suggests those names only (googlenet is as many edits from "mobilenet")
        assertThatThrownBy(() -> ModelZoo.build("mobilenet"))
                .hasMessage("unknown model 'mobilenet' (did you mean mobilenet_v1, mobilenet_v2?)");
        assertThatThrownBy(() -> ModelZoo.build("resnet"))
                .hasMessage("unknown model 'resnet' (did you mean resnet18, resnet34, resnet50?)");
        assertThatThrownBy(() -> ModelZoo.build("bert"))
                .hasMessage("unknown model 'bert' (did you mean bert-base?)");
        assertThatThrownBy(() -> ModelZoo.describe("yolo3tiny"))
                .hasMessage("unknown model 'yolo3tiny' (did you mean yolov3-tiny?)");
        assertThatThrownBy(() -> ModelZoo.build("transformer-xl"))
                .hasMessageStartingWith("unknown model 'transformer-xl'; known models: resnet18, resnet34,");
    }

    @Test
    void torchvisionResnetNamesAndShapes() {
        Graph g = ModelZoo.build("resnet50");
        assertThat(shapeOf(g, "maxpool")).containsExactly(1, 64, 56, 56);
        // v1.5: the stride sits on the 3x3 conv2, conv1 keeps 56x56
        assertThat(shapeOf(g, "layer2.0.conv1")).containsExactly(1, 128, 56, 56);
        assertThat(shapeOf(g, "layer2.0.conv2")).containsExactly(1, 128, 28, 28);
        assertThat(shapeOf(g, "layer1.0.downsample.0")).containsExactly(1, 256, 56, 56);
        assertThat(shapeOf(g, "layer4.2.relu_2")).containsExactly(1, 2048, 7, 7);
        assertThat(shapeOf(g, "fc")).containsExactly(1, 1000);
        assertThat(g.convLayers()).hasSize(53);
        assertThat(ModelZoo.build("resnet101").convLayers()).hasSize(104);
    }

    @Test
    void gluonV1IsTorchvisionsTopologyAndV2IsPreActivation() {
        Graph tv = ModelZoo.build("resnet18");
        Graph v1 = ModelZoo.build("resnet18_v1");
        assertThat(v1.inputs().get(0).name()).isEqualTo("data");
        assertThat(v1.layers().subList(1, v1.size())).isEqualTo(tv.layers().subList(1, tv.size()));

        Graph v2 = ModelZoo.build("resnet18_v2");
        assertThat(v2.layer(1).name()).isEqualTo("bn_data");
        // BN - ReLU before each block's convs; the downsample conv reads the pre-activated input
        Layer ds = v2.layer(v2.idOf("layer2.0.downsample"));
        assertThat(v2.layer(ds.inputs().get(0)).name()).isEqualTo("layer2.0.relu");
        assertThat(v2.layer(v2.idOf("layer2.0.add")).inputs()).extracting(i -> v2.layer(i).name())
                .containsExactly("layer2.0.conv2", "layer2.0.downsample");
        assertThat(v2.idOf("layer1.0.downsample")).isNull();
        assertThat(shapeOf(v2, "relu_final")).containsExactly(1, 512, 7, 7);
        // Gluon's hybrid_forward computes the downsample first
        assertThat(v2.convLayers().get(5).name()).isEqualTo("layer2.0.downsample");

        Graph v250 = ModelZoo.build("resnet50_v2");
        assertThat(shapeOf(v250, "layer1.0.downsample")).containsExactly(1, 256, 56, 56);
        assertThat(shapeOf(v250, "layer2.0.conv1")).containsExactly(1, 128, 56, 56);
        assertThat(shapeOf(v250, "layer2.0.conv2")).containsExactly(1, 128, 28, 28);
    }

    @Test
    void mobilenetsUseDepthwiseConvs() {
        Graph v1 = ModelZoo.build("mobilenet_v1");
        Conv2d dw = (Conv2d) v1.layer(v1.idOf("conv_dw_13")).op();
        assertThat(dw.depthwise(1024)).isTrue();
        assertThat(shapeOf(v1, "conv_pw_13_relu")).containsExactly(1, 1024, 7, 7);
        assertThat(v1.convLayers()).hasSize(27);

        Graph v2 = ModelZoo.build("mobilenet_v2");
        assertThat(v2.layer(v2.idOf("features.0.2")).op()).isEqualTo(Activation.of(ActivationKind.RELU6));
        assertThat(((Conv2d) v2.layer(v2.idOf("features.17.conv.1.0")).op()).groups()).isEqualTo(960);
        // features.1 has no expansion conv; residual adds in blocks 3, 5, 6, 8, 9, 10, 12, 13, 15, 16
        assertThat(v2.idOf("features.1.conv.2")).isNotNull();
        assertThat(v2.idOf("features.1.conv.3")).isNull();
        assertThat(v2.layers().stream().filter(l -> l.name().endsWith(".add")).map(Layer::name))
                .containsExactly("features.3.add", "features.5.add", "features.6.add", "features.8.add",
                        "features.9.add", "features.10.add", "features.12.add", "features.13.add",
                        "features.15.add", "features.16.add");
        assertThat(v2.convLayers()).hasSize(52);
    }

    @Test
    void ceilModePoolsInSqueezenetAndGooglenet() {
        Graph sq = ModelZoo.build("squeezenet1_1");
        assertThat(shapeOf(sq, "features.2")).containsExactly(1, 64, 55, 55);
        assertThat(shapeOf(sq, "features.8")).containsExactly(1, 256, 13, 13);
        assertThat(shapeOf(sq, "features.12.concat")).containsExactly(1, 512, 13, 13);
        assertThat(shapeOf(sq, "flatten")).containsExactly(1, 1000);

        Graph g = ModelZoo.build("googlenet");
        assertThat(shapeOf(g, "maxpool1")).containsExactly(1, 64, 56, 56);
        assertThat(shapeOf(g, "inception3a.concat")).containsExactly(1, 256, 28, 28);
        assertThat(shapeOf(g, "inception3a.branch3.1.conv")).containsExactly(1, 32, 28, 28);
        assertThat(((Conv2d) g.layer(g.idOf("inception3a.branch3.1.conv")).op()).kernelH()).isEqualTo(3);
        assertThat(shapeOf(g, "maxpool4")).containsExactly(1, 832, 7, 7);
        assertThat(shapeOf(g, "inception5b.concat")).containsExactly(1, 1024, 7, 7);
        assertThat(g.convLayers()).hasSize(57);
    }

    @Test
    void vggKeepsTorchvisionsIndices() {
        Graph g = ModelZoo.build("vgg16");
        assertThat(shapeOf(g, "features.30")).containsExactly(1, 512, 7, 7);
        assertThat(shapeOf(g, "avgpool")).containsExactly(1, 512, 7, 7);
        assertThat(shapeOf(g, "flatten")).containsExactly(1, 25088);
        assertThat(g.convLayers()).hasSize(13);
    }

    @Test
    void yoloHasTwoHeadsLeakyReluAndAnUpsample() {
        Graph g = ModelZoo.build("yolov3-tiny");
        assertThat(g.outputs()).extracting(o -> g.layer(o).name()).containsExactly("conv_15", "conv_22");
        assertThat(shapeOf(g, "conv_15")).containsExactly(1, 255, 13, 13);
        assertThat(shapeOf(g, "conv_22")).containsExactly(1, 255, 26, 26);
        assertThat(shapeOf(g, "maxpool_11")).containsExactly(1, 512, 13, 13);
        assertThat(shapeOf(g, "upsample_19")).containsExactly(1, 128, 26, 26);
        assertThat(shapeOf(g, "route_20")).containsExactly(1, 384, 26, 26);
        assertThat(g.layer(g.idOf("leaky_0")).op()).isEqualTo(Activation.leakyRelu(0.1));
        assertThat(((Conv2d) g.layer(g.idOf("conv_15")).op()).bias()).isTrue();
        assertThat(g.consumers(g.idOf("leaky_13"))).extracting(i -> g.layer(i).name())
                .containsExactly("conv_14", "conv_18");
    }

    @Test
    void bertAttentionShapes() {
        Graph g = ModelZoo.build("bert-base");
        assertThat(g.inputs()).extracting(Layer::name).containsExactly("input_ids", "token_type_ids", "position_ids");
        assertThat(g.inputs().get(0).output().dtype()).isEqualTo(DType.INT64);
        String self = "encoder.layer.0.attention.self.";
        assertThat(shapeOf(g, self + "query.transpose")).containsExactly(1, 12, 128, 64);
        assertThat(shapeOf(g, self + "scores")).containsExactly(1, 12, 128, 128);
        assertThat(g.params(g.layer(g.idOf(self + "scale")))).isZero();
        assertThat(shapeOf(g, self + "context.merge_heads")).containsExactly(1, 128, 768);
        assertThat(shapeOf(g, "encoder.layer.11.intermediate.dense")).containsExactly(1, 128, 3072);
        assertThat(g.layer(g.idOf("pooler.first_token")).op()).isInstanceOf(Opaque.class);
        assertThat(g.outputs()).extracting(o -> g.layer(o).name())
                .containsExactly("encoder.layer.11.output.LayerNorm", "pooler.activation");
        assertThat(shapeOf(g, "pooler.activation")).containsExactly(1, 768);
        // Dense: 12 layers x 128 tokens x 768 x (4 x 768 + 2 x 3072) + pooler 768 x 768;
        // MatMul: 12 layers x 2 x 12 heads x 128 x 128 x 64
        long dense = 12L * 128 * 768 * (4 * 768 + 2 * 3072) + 768L * 768;
        long matmul = 12L * 2 * 12 * 128 * 128 * 64;
        assertThat(g.totalMacs()).isEqualTo(dense + matmul);
    }

    @Test
    void everyModelBuildsAFreshWeightlessGraph() {
        for (String name : ModelZoo.names()) {
            Graph a = ModelZoo.build(name);
            assertThat(a.weights().isEmpty()).as(name).isTrue();
            assertThat(a).isNotSameAs(ModelZoo.build(name));
        }
    }

    @Test
    void suggestionDistanceCountsTranspositionsAsOneEdit() {
        assertThat(NameSuggestions.distance("resnet81", "resnet18")).isEqualTo(1);
        assertThat(NameSuggestions.distance("resnet81", "resnet101")).isEqualTo(2);
        assertThat(NameSuggestions.distance("", "lenet")).isEqualTo(5);
        assertThat(NameSuggestions.sharedCharacters("resnet81", "resnet101")).isEqualTo(7);
    }
}
