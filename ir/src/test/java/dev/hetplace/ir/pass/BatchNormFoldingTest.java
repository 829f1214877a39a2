package dev.hetplace.ir.pass;

import static dev.hetplace.ir.tensor.TensorType.fp32;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GraphBuilder;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.Weights;
import dev.hetplace.ir.op.BatchNorm;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.zoo.ModelZoo;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchNormFoldingTest {

    private static long count(Graph g, Class<?> op) {
        return g.layers().stream().filter(l -> op.isInstance(l.op())).count();
    }

    /**
     * resnet18 has 20 conv + BN pairs. Their BN channels: stem 64; layer1 4 x 64; layer2 4 x 128 + downsample
     * 128; layer3 4 x 256 + 256; layer4 4 x 512 + 512; in all 64 + 256 + 640 + 1280 + 2560 = 4800. Folding
     * removes 2 x 4800 = 9600 affine parameters and adds 4800 conv biases.
     */
    @Test
    void foldsEveryBatchNormOfResnet18() {
        Graph before = ModelZoo.build("resnet18");
        Graph after = BatchNormFolding.apply(before);
        assertThat(count(before, BatchNorm.class)).isEqualTo(20);
        assertThat(count(after, BatchNorm.class)).isZero();
        assertThat(after.size()).isEqualTo(before.size() - 20);
        assertThat(after.totalParams()).isEqualTo(11_689_512L - 9_600 + 4_800);
        assertThat(after.layers().stream().filter(l -> l.op() instanceof Conv2d)
                .allMatch(l -> ((Conv2d) l.op()).bias())).isTrue();
        // conv MACs are unchanged, and so are layer names and output shapes
        assertThat(after.totalMacs()).isEqualTo(before.totalMacs());
        assertThat(after.layer(after.idOf("layer2.0.add")).inputs())
                .extracting(i -> after.layer(i).name())
                .containsExactly("layer2.0.conv2", "layer2.0.downsample.0");
        assertThat(after.outputs()).containsExactly(after.idOf("fc"));
    }

    /** A pre-activation BN reads an add, not a conv, so only the BNs right after a conv fold. */
    @Test
    void leavesBatchNormsThatDoNotFollowAConv() {
        Graph v2 = BatchNormFolding.apply(ModelZoo.build("resnet18_v2"));
        // bn_data, 8 blocks' bn1 and bn_final stay; stem bn1 and the 8 blocks' bn2 fold
        assertThat(v2.layers().stream().filter(l -> l.op() instanceof BatchNorm).map(Layer::name))
                .hasSize(10)
                .contains("bn_data", "layer1.0.bn1", "layer4.1.bn1", "bn_final");
        assertThat(v2.idOf("layer1.0.bn2")).isNull();
    }

    @Test
    void aConvReadByTwoLayersKeepsItsBatchNorm() {
        GraphBuilder b = new GraphBuilder("fork");
        int x = b.input("x", fp32(1, 2, 4, 4));
        int c = b.conv("conv", x, 2, 1, 1, 0, false);
        int n = b.bn("bn", c);
        int r = b.relu("relu", c);
        Graph g = BatchNormFolding.apply(b.build(n, r));
        assertThat(g.size()).isEqualTo(4);
        assertThat(((Conv2d) g.layer(g.idOf("conv")).op()).bias()).isFalse();
    }

    /**
     * A 1x1 conv, 1 input channel, 2 filters w = {2, -1}, bias {0.5, 1}, then BN with eps 0,
     * gamma {1, 2}, beta {0.25, -0.5}, mean {1, 0.5}, var {4, 0.25}; s = gamma / sqrt(var) = {0.5, 4}.
     * Folded: w' = w s = {1, -4}; b' = (b - mean) s + beta = {(0.5 - 1) 0.5 + 0.25, (1 - 0.5) 4 - 0.5} = {0, 1.5}.
     * Check on input 3: conv gives {6.5, -2}, BN gives {(6.5 - 1) 0.5 + 0.25, (-2 - 0.5) 4 - 0.5} = {3, -10.5},
     * and the folded conv gives {1 * 3 + 0, -4 * 3 + 1.5} = {3, -10.5}.
     */
    @Test
    void foldsWeightsByTheFormula() {
        GraphBuilder b = new GraphBuilder("tiny");
        int x = b.input("x", fp32(1, 1, 1, 1));
        int c = b.conv("conv", x, 2, 1, 1, 0, true);
        int n = b.add("bn", new BatchNorm(0), c);
        Graph g = b.build(n).withWeights(new Weights(Map.of(
                "conv", Map.of("weight", new float[] {2, -1}, "bias", new float[] {0.5f, 1}),
                "bn", Map.of("scale", new float[] {1, 2}, "bias", new float[] {0.25f, -0.5f},
                        "mean", new float[] {1, 0.5f}, "var", new float[] {4, 0.25f}))));
        Graph folded = BatchNormFolding.apply(g);

        float[] w = folded.weights().get("conv", "weight");
        float[] bias = folded.weights().get("conv", "bias");
        assertThat(w).containsExactly(1, -4);
        assertThat(bias).containsExactly(0, 1.5f);
        assertThat(folded.weights().byLayer()).doesNotContainKey("bn");
        float input = 3;
        assertThat(new float[] {w[0] * input + bias[0], w[1] * input + bias[1]}).containsExactly(3, -10.5f);
    }

    /** Without a conv bias the folded bias is beta - mean * s; eps enters under the square root. */
    @Test
    void foldsWeightsWithEpsilonAndNoConvBias() {
        GraphBuilder b = new GraphBuilder("tiny");
        int x = b.input("x", fp32(1, 1, 1, 1));
        int c = b.conv("conv", x, 1, 1, 1, 0, false);
        int n = b.add("bn", new BatchNorm(0.5), c);
        Graph g = b.build(n).withWeights(new Weights(Map.of(
                "conv", Map.of("weight", new float[] {3}),
                "bn", Map.of("scale", new float[] {2}, "bias", new float[] {1},
                        "mean", new float[] {2}, "var", new float[] {3.5f}))));
        // s = 2 / sqrt(3.5 + 0.5) = 1; w' = 3; b' = (0 - 2) * 1 + 1 = -1
        Graph folded = BatchNormFolding.apply(g);
        assertThat(folded.weights().get("conv", "weight")).containsExactly(3);
        assertThat(folded.weights().get("conv", "bias")).containsExactly(-1);
        assertThat(((Conv2d) folded.layer(1).op()).bias()).isTrue();
    }
}
