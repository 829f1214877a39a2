package dev.hetplace.ir.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Dense;
import dev.hetplace.ir.op.MatMul;
import dev.hetplace.ir.op.Op;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every model of the torchvision / torch.nn corpus imports with the parameters and MACs torch counted when it
 * was exported (models/corpus/export.py): conv MACs are the Conv2d layers', linear MACs the Dense layers'
 * (nn.Linear and attention's in/out projections), matmul MACs the products of two activations.
 */
class CorpusImportTest {
    /**
     * Elements the importer counts as parameters that torch does not: GPT-2's causal mask is a buffer (a float
     * initializer once exported), added to the attention scores of each of the 12 layers, and an
     * Eltwise's constant operand counts as parameters at each use. Not fixed yet; pinned so a change shows.
     */
    private static final Map<String, Long> NOT_PARAMETERS_IN_TORCH = Map.of("gpt2_small_decoder", 12L * 128 * 128);

    static Stream<CorpusModels.Row> corpus() {
        return CorpusModels.rows().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void importsWithTorchsCounts(CorpusModels.Row row) {
        Graph g = OnnxImporter.load(row.file());

        assertThat(g.inputs()).singleElement().satisfies(in -> assertThat(in.output().shape())
                .isEqualTo(row.inputShape()));
        assertThat(g.totalParams()).as("parameters").isEqualTo(row.params() + NOT_PARAMETERS_IN_TORCH.getOrDefault(row.name(), 0L));
        assertThat(macs(g, op -> op instanceof Conv2d)).as("conv MACs").isEqualTo(row.convMacs());
        assertThat(macs(g, op -> op instanceof Dense)).as("linear MACs").isEqualTo(row.linearMacs());
        assertThat(macs(g, op -> op instanceof MatMul)).as("matmul MACs").isEqualTo(row.matmulMacs());
    }

    private static long macs(Graph g, Predicate<Op> kind) {
        List<Layer> layers = g.layers().stream().filter(l -> kind.test(l.op())).toList();
        return layers.stream().mapToLong(g::macs).sum();
    }
}
