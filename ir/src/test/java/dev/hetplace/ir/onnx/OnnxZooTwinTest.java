package dev.hetplace.ir.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Dense;
import dev.hetplace.ir.op.Op;
import dev.hetplace.ir.pass.BatchNormFolding;
import dev.hetplace.ir.tensor.TensorType;
import dev.hetplace.ir.zoo.ModelZoo;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each shipped ONNX file against its model-zoo twin. torch folded BatchNorm into the convs at export, so the zoo
 * side is compared after {@link BatchNormFolding}: then conv and dense layers (op with all attributes, input
 * and output shapes, in TVM's counting order), their MACs and the whole model's parameters must be equal.
 */
class OnnxZooTwinTest {

    private record Signature(Op op, List<TensorType> inputs, TensorType output) {
    }

    private static List<Signature> signatures(Graph g, Class<? extends Op> type) {
        return g.layers().stream().filter(l -> type.isInstance(l.op()))
                .map(l -> new Signature(l.op(), g.inputTypes(l), l.output())).toList();
    }

    private static long macsOf(Graph g) {
        return g.layers().stream().filter(l -> l.op() instanceof Conv2d || l.op() instanceof Dense)
                .mapToLong(g::macs).sum();
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "resnet50", "mobilenet_v2", "vgg16", "googlenet", "squeezenet1_1"})
    void importedGraphMatchesItsZooTwin(String model) {
        Graph imported = OnnxImporter.load(ShippedModels.path(model + ".onnx"));
        Graph zoo = BatchNormFolding.apply(ModelZoo.build(model));

        assertThat(signatures(imported, Conv2d.class)).as("conv layers").isEqualTo(signatures(zoo, Conv2d.class));
        assertThat(signatures(imported, Dense.class)).as("dense layers").isEqualTo(signatures(zoo, Dense.class));
        assertThat(macsOf(imported)).isEqualTo(macsOf(zoo));
        assertThat(imported.totalParams()).isEqualTo(zoo.totalParams());
        List<Layer> out = imported.outputs().stream().map(imported::layer).toList();
        assertThat(out.get(0).output()).isEqualTo(zoo.layer(zoo.outputs().get(0)).output());
    }
}
