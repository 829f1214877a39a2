package dev.hetplace.ir.pass;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.ir.Graph;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.zoo.ModelZoo;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupingTest {

    private static List<String> layerNames(GroupedGraph gg, Group g) {
        return g.layers().stream().map(l -> gg.graph().layer(l).name()).toList();
    }

    /**
     * resnet18 with BN folded has 32 groups: the stem conv + relu (1), the max pool (1); each of the 8 basic
     * blocks gives conv1 + relu, conv2 (its only reader is the two-input add, which TVM does not fuse for
     * VTA), and add + relu (3 x 8 = 24); the three downsample convs one each (3); then the global average
     * pool, the flatten and the fc (3). 1 + 1 + 24 + 3 + 3 = 32.
     */
    @Test
    void resnet18AfterFoldingHas32Groups() {
        GroupedGraph gg = Grouping.apply(BatchNormFolding.apply(ModelZoo.build("resnet18")));
        assertThat(gg.size()).isEqualTo(32);
        assertThat(layerNames(gg, gg.group(0))).containsExactly("conv1", "relu");
        assertThat(layerNames(gg, gg.group(1))).containsExactly("maxpool");
        assertThat(layerNames(gg, gg.group(2))).containsExactly("layer1.0.conv1", "layer1.0.relu");
        assertThat(layerNames(gg, gg.group(3))).containsExactly("layer1.0.conv2");
        assertThat(layerNames(gg, gg.group(4))).containsExactly("layer1.0.add", "layer1.0.relu_1");
        // layer2.0: conv1 + relu, conv2, downsample, add + relu
        assertThat(gg.groups().subList(8, 12)).extracting(Group::name)
                .containsExactly("layer2.0.conv1", "layer2.0.conv2", "layer2.0.downsample.0", "layer2.0.add");
        assertThat(gg.groups().subList(29, 32)).extracting(Group::name).containsExactly("avgpool", "flatten", "fc");
        // the add reads conv2's group and the downsample's group
        Group add = gg.group(11);
        assertThat(gg.producers(add)).containsExactly(9, 10);
        assertThat(gg.consumers(7)).containsExactly(8, 10);
        assertThat(gg.isGraphOutput(gg.group(31))).isTrue();
        assertThat(gg.groupOf(0)).isEqualTo(-1);
    }

    /** BatchNorm that is not folded yet fuses into its conv's group, so the grouping is the same. */
    @Test
    void unfoldedResnet18GroupsTheSameWay() {
        GroupedGraph folded = Grouping.apply(BatchNormFolding.apply(ModelZoo.build("resnet18")));
        GroupedGraph unfolded = Grouping.apply(ModelZoo.build("resnet18"));
        assertThat(unfolded.groups()).extracting(Group::name)
                .containsExactlyElementsOf(folded.groups().stream().map(Group::name).toList());
        assertThat(layerNames(unfolded, unfolded.group(0))).containsExactly("conv1", "bn1", "relu");
        long macs = 0;
        for (Group g : unfolded.groups()) {
            macs += unfolded.macs(g);
        }
        assertThat(macs).isEqualTo(1_814_073_344L);
    }

    /** Every layer but the inputs is in exactly one group, and groups are listed in topological order. */
    @Test
    void groupsPartitionEveryZooModel() {
        for (String name : ModelZoo.names()) {
            Graph g = ModelZoo.build(name);
            GroupedGraph gg = Grouping.apply(g);
            int members = gg.groups().stream().mapToInt(gr -> gr.layers().size()).sum();
            assertThat(members).as(name).isEqualTo(g.size() - g.inputs().size());
            for (Group gr : gg.groups()) {
                for (int p : gg.producers(gr)) {
                    assertThat(p).as(name + " " + gr.name()).isLessThan(gr.id());
                }
            }
        }
    }
}
