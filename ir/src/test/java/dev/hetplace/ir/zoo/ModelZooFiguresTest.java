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

    @Test
    void print() {
        for (String n : ModelZoo.names()) {
            Graph g = ModelZoo.build(n);
            System.out.println(n + " " + g.size() + " " + g.totalParams() + " " + convDenseMacs(g) + " " + g.totalMacs());
        }
    }
}
