package dev.hetplace.backends.vta.sim;

import dev.hetplace.backends.vta.VtaWorkload;
import dev.hetplace.backends.vta.VtaWorkloads;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.pass.BatchNormFolding;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.zoo.ModelZoo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The groups of the zoo's resnet18 (batch norm folded) that VTA can run, with their workloads at batch 1. */
final class ResNet18Groups {
    private ResNet18Groups() {
    }

    record VtaGroup(Group group, VtaWorkload workload) {
        String name() {
            return group.name();
        }
    }

    static GroupedGraph graph() {
        return Grouping.apply(BatchNormFolding.apply(ModelZoo.build("resnet18")));
    }

    static List<VtaGroup> all() {
        GroupedGraph g = graph();
        List<VtaGroup> out = new ArrayList<>();
        for (Group group : g.groups()) {
            Optional<VtaWorkload> w = VtaWorkloads.of(g, group, 1);
            w.ifPresent(x -> out.add(new VtaGroup(group, x)));
        }
        return out;
    }
}
