package dev.hetplace.backends.vta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hetplace.ir.GraphBuilder;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.op.Activation;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Padding;
import dev.hetplace.ir.op.Pool;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.tensor.TensorType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VtaWorkloadsTest {

    private static Group named(GroupedGraph g, String name) {
        return g.groups().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void residualBlockMapsToConvAndAluWorkloads() {
        GraphBuilder b = new GraphBuilder("block");
        int x = b.input("x", TensorType.fp32(1, 64, 56, 56));
        int c1 = b.relu("relu1", b.bn("bn1", b.conv("conv1", x, 64, 3, 1, 1, false)));
        int c2 = b.bn("bn2", b.conv("conv2", c1, 64, 3, 1, 1, false));
        int out = b.relu("relu2", b.addTensors("add", c2, x));
        int pool = b.add("pool", Pool.max(3, 2, 1), out);
        GroupedGraph g = Grouping.apply(b.build(pool));

        VtaConvWorkload conv1 = (VtaConvWorkload) VtaWorkloads.of(g, named(g, "conv1"), 2).orElseThrow();
        assertThat(conv1.batch()).isEqualTo(2);
        assertThat(conv1.bias()).isTrue();
        assertThat(conv1.aluSteps()).extracting(VtaAluStep::purpose)
                .containsExactly("bias", "round", "shift", "saturate", "saturate", "relu");
        VtaConvWorkload conv2 = (VtaConvWorkload) VtaWorkloads.of(g, named(g, "conv2"), 1).orElseThrow();
        assertThat(conv2.aluSteps()).extracting(VtaAluStep::purpose).doesNotContain("relu");
        VtaAluWorkload add = (VtaAluWorkload) VtaWorkloads.of(g, named(g, "add"), 1).orElseThrow();
        assertThat(add.tensorOperands()).isEqualTo(2);
        assertThat(add.aluSteps()).extracting(VtaAluStep::opcode)
                .containsExactly(VtaAluOpcode.ADD, VtaAluOpcode.MIN, VtaAluOpcode.MAX, VtaAluOpcode.MAX);
        assertThat(VtaWorkloads.of(g, named(g, "pool"), 1)).isEqualTo(Optional.empty());
    }

    @Test
    void groupedConvIsRefusedNamingTheGroup() {
        GraphBuilder b = new GraphBuilder("grouped");
        int x = b.input("x", TensorType.fp32(1, 32, 112, 112));
        int c = b.add("stage2.conv_g", Conv2d.square(32, 3, 1, 1, false).withGroups(2), x);
        GroupedGraph g = Grouping.apply(b.build(c));
        assertThatThrownBy(() -> VtaWorkloads.of(g, g.group(0), 1))
                .isInstanceOf(VtaUnsupportedException.class)
                .hasMessageContaining("'stage2.conv_g'").hasMessageContaining("groups=2")
                .hasMessageContaining("limit: groups=1");
    }

    @Test
    void dilatedConvIsRefused() {
        GraphBuilder b = new GraphBuilder("dilated");
        int x = b.input("x", TensorType.fp32(1, 64, 28, 28));
        int c = b.add("aspp", new Conv2d(64, 3, 3, 1, 1, Padding.same(2), 2, 2, 1, false), x);
        GroupedGraph g = Grouping.apply(b.build(c));
        assertThatThrownBy(() -> VtaWorkloads.of(g, g.group(0), 1))
                .isInstanceOf(VtaUnsupportedException.class).hasMessageContaining("'aspp'")
                .hasMessageContaining("dilation=1");
    }

    @Test
    void activationsVtaCannotRunFormTheirOwnGroupOffVta() {
        GraphBuilder b = new GraphBuilder("swish");
        int x = b.input("x", TensorType.fp32(1, 16, 8, 8));
        int c = b.add("head", Activation.of(dev.hetplace.ir.op.ActivationKind.SIGMOID),
                b.conv("conv", x, 16, 1, 1, 0, true));
        GroupedGraph g = Grouping.apply(b.build(c));
        // the sigmoid needs a multiply VTA's ALU lacks: grouping leaves it out of the conv's group
        assertThat(g.size()).isEqualTo(2);
        assertThat(VtaWorkloads.of(g, g.group(0), 1)).isPresent();
        assertThat(VtaWorkloads.of(g, g.group(1), 1)).isEmpty();
    }
}
