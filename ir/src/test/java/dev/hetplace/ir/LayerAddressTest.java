package dev.hetplace.ir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.zoo.ModelZoo;
import org.junit.jupiter.api.Test;

/**
 * Layer references on resnet18 as the zoo builds it. The zoo lists layers in the order the source framework's
 * {@code forward()} computes them, and {@code convN} counts conv2d layers in that (topological) order: in
 * torchvision's BasicBlock the body's conv1 and conv2 come before the downsample conv, so resnet18's 20 convs
 * are conv0 = stem, conv1..conv4 = layer1, conv5 = layer2.0.conv1, conv6 = layer2.0.conv2,
 * conv7 = layer2.0.downsample.0, conv8, conv9 = layer2.1, conv10..conv14 = layer3 (conv12 its downsample),
 * conv15..conv19 = layer4 (conv17 its downsample).
 */
class LayerAddressTest {
    private final Graph resnet18 = ModelZoo.build("resnet18");

    private String nameOf(String ref) {
        return resnet18.layer(LayerAddress.resolve(resnet18, ref)).name();
    }

    @Test
    void byIndex() {
        // #0 input, #1..#4 stem conv1, bn1, relu, maxpool, #5..#11 block layer1.0 (conv1 bn1 relu conv2 bn2 add relu_1)
        assertThat(LayerAddress.resolve(resnet18, "#12")).isEqualTo(12);
        assertThat(nameOf("#12")).isEqualTo("layer1.1.conv1");
        assertThat(nameOf("#0")).isEqualTo("input");
    }

    @Test
    void byExactName() {
        assertThat(nameOf("layer2.0.downsample.0")).isEqualTo("layer2.0.downsample.0");
        assertThat(LayerAddress.resolve(resnet18, "fc")).isEqualTo(69);
    }

    @Test
    void byConvIndexInTopologicalOrder() {
        assertThat(nameOf("conv0")).isEqualTo("conv1");
        assertThat(nameOf("conv4")).isEqualTo("layer1.1.conv2");
        assertThat(nameOf("conv5")).isEqualTo("layer2.0.conv1");
        assertThat(nameOf("conv7")).isEqualTo("layer2.0.downsample.0");
        assertThat(nameOf("conv12")).isEqualTo("layer3.0.downsample.0");
        assertThat(nameOf("conv17")).isEqualTo("layer4.0.downsample.0");
        assertThat(nameOf("conv19")).isEqualTo("layer4.1.conv2");
        assertThat(resnet18.convLayers()).hasSize(20);
    }

    @Test
    void theConvFormWinsOverALayerNamedLikeIt() {
        // torchvision calls its stem "conv1"; in TVM's counting conv1 is the second conv (layer1.0.conv1)
        assertThat(nameOf("conv1")).isEqualTo("layer1.0.conv1");
        assertThat(nameOf("#1")).isEqualTo("conv1");
    }

    @Test
    void unknownReferencesSayWhatExists() {
        assertThatThrownBy(() -> LayerAddress.resolve(resnet18, "#999"))
                .isInstanceOf(GraphException.class)
                .hasMessage("layer #999 does not exist: resnet18 has layers #0 to #69");
        assertThatThrownBy(() -> LayerAddress.resolve(resnet18, "conv20"))
                .hasMessage("layer conv20 does not exist: resnet18 has 20 conv2d layers (conv0 to conv19)");
        assertThatThrownBy(() -> LayerAddress.resolve(resnet18, "conv99"))
                .hasMessage("layer conv99 does not exist: resnet18 has 20 conv2d layers (conv0 to conv19)");
        assertThatThrownBy(() -> LayerAddress.resolve(resnet18, "nosuch"))
                .hasMessage("no layer 'nosuch' in resnet18 (use #index, an exact layer name, or convN)");
    }

    @Test
    void hugeIndicesAreOutOfRangeNotANumberFormatError() {
        assertThatThrownBy(() -> LayerAddress.resolve(resnet18, "#99999999999"))
                .hasMessage("layer #99999999999 does not exist: resnet18 has layers #0 to #69");
        assertThatThrownBy(() -> LayerAddress.resolve(resnet18, "conv99999999999"))
                .hasMessage("layer conv99999999999 does not exist: resnet18 has 20 conv2d layers (conv0 to conv19)");
    }

    @Test
    void resolvesToTheGroupHoldingTheLayer() {
        GroupedGraph gg = Grouping.apply(resnet18);
        // the stem group is conv1 + bn1 + relu; bn1 resolves to it too
        assertThat(LayerAddress.resolveGroup(gg, "conv0")).isZero();
        assertThat(LayerAddress.resolveGroup(gg, "bn1")).isZero();
        assertThat(LayerAddress.resolveGroup(gg, "fc")).isEqualTo(gg.size() - 1);
        assertThatThrownBy(() -> LayerAddress.resolveGroup(gg, "#0"))
                .hasMessage("layer #0 is a graph input, not a placeable group");
    }
}
