package dev.hetplace.ir;

import static dev.hetplace.ir.tensor.TensorType.fp32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hetplace.ir.op.Activation;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Eltwise;
import dev.hetplace.ir.op.EltwiseKind;
import dev.hetplace.ir.op.Input;
import dev.hetplace.ir.tensor.TensorType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A malformed graph is rejected with a message naming the layer at fault. */
class GraphValidationTest {
    private static final TensorType IMAGE = fp32(1, 3, 8, 8);

    private static Layer input() {
        return new Layer(0, "image", new Input(IMAGE), List.of(), IMAGE);
    }

    private static Layer relu(int id, String name, int in) {
        return new Layer(id, name, Activation.relu(), List.of(in), IMAGE);
    }

    @Test
    void aWellFormedGraphKnowsItsConsumers() {
        Graph g = new Graph("ok", List.of(input(), relu(1, "a", 0), relu(2, "b", 0),
                new Layer(3, "sum", Eltwise.of(EltwiseKind.ADD), List.of(1, 2), IMAGE)), List.of(3), null);
        assertThat(g.consumers(0)).containsExactly(1, 2);
        assertThat(g.consumers(3)).isEmpty();
        assertThat(g.idOf("sum")).isEqualTo(3);
        assertThat(g.inputs()).extracting(Layer::name).containsExactly("image");
        assertThat(g.weights().isEmpty()).isTrue();
    }

    @Test
    void danglingInput() {
        assertThatThrownBy(() -> new Graph("g", List.of(input(), relu(1, "act", 7)), List.of(1), null))
                .isInstanceOf(GraphException.class)
                .hasMessage("layer 'act' (#1) reads undefined layer #7");
        assertThatThrownBy(() -> new Graph("g", List.of(input(), relu(1, "act", -1)), List.of(1), null))
                .hasMessage("layer 'act' (#1) reads undefined layer #-1");
    }

    @Test
    void inputOutOfTopologicalOrderOrACycle() {
        // a reads b, which comes later: either a cycle or an unsorted list, both rejected
        assertThatThrownBy(() -> new Graph("g", List.of(input(), relu(1, "a", 2), relu(2, "b", 1)), List.of(2), null))
                .hasMessage("layer 'a' (#1) reads later layer #2 (a cycle or wrong order)");
        assertThatThrownBy(() -> new Graph("g", List.of(input(), relu(1, "self", 1)), List.of(1), null))
                .hasMessage("layer 'self' (#1) reads later layer #1 (a cycle or wrong order)");
    }

    @Test
    void declaredShapeDisagreesWithInference() {
        Layer conv = new Layer(1, "conv", Conv2d.square(16, 3, 1, 1, false), List.of(0), fp32(1, 16, 4, 4));
        assertThatThrownBy(() -> new Graph("g", List.of(input(), conv), List.of(1), null))
                .hasMessage("layer 'conv' (#1) declares output [1, 16, 4, 4] but its inputs give [1, 16, 8, 8]");
    }

    @Test
    void inputsThatDoNotFitTheOp() {
        Layer conv = new Layer(1, "conv", Conv2d.square(16, 3, 1, 1, false).withGroups(2), List.of(0), IMAGE);
        assertThatThrownBy(() -> new Graph("g", List.of(input(), conv), List.of(1), null))
                .hasMessage("layer 'conv' (#1, conv2d): conv2d input channels 3 not divisible by groups 2");
    }

    @Test
    void duplicateName() {
        assertThatThrownBy(() -> new Graph("g", List.of(input(), relu(1, "act", 0), relu(2, "act", 1)), List.of(2), null))
                .hasMessage("duplicate layer name 'act' at #2");
    }

    @Test
    void idThatIsNotThePosition() {
        assertThatThrownBy(() -> new Graph("g", List.of(input(), relu(5, "act", 0)), List.of(1), null))
                .hasMessage("layer 'act' has id 5 at position 1");
    }

    @Test
    void outputsMustExist() {
        assertThatThrownBy(() -> new Graph("g", List.of(input()), List.of(), null))
                .hasMessage("graph 'g' has no outputs");
        assertThatThrownBy(() -> new Graph("g", List.of(input()), List.of(3), null))
                .hasMessage("graph 'g' names undefined output #3");
    }

    @Test
    void builderNamesTheLayerItRejects() {
        GraphBuilder b = new GraphBuilder("g");
        int x = b.input("image", IMAGE);
        b.relu("act", x);
        assertThatThrownBy(() -> b.relu("act", x)).hasMessage("duplicate layer name 'act'");
        assertThatThrownBy(() -> b.relu("late", 9)).hasMessage("layer 'late' reads undefined layer #9");
        assertThatThrownBy(() -> b.conv("c", x, 8, 11, 1, 0, false))
                .hasMessage("layer 'c' (#2, conv2d): kernel 11 (dilation 1) larger than padded input 8");
        assertThat(b.size()).isEqualTo(2);
    }
}
