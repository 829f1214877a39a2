package dev.hetplace.cost.vta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hetplace.backends.vta.VtaPlan;
import dev.hetplace.backends.vta.VtaUnsupportedException;
import dev.hetplace.backends.vta.sim.VtaTimingResult;
import dev.hetplace.cost.Breakdown;
import dev.hetplace.cost.Cost;
import dev.hetplace.cost.CostSource;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.hw.VtaConfig;
import dev.hetplace.ir.Graph;
import dev.hetplace.ir.GraphBuilder;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.tensor.TensorType;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VtaSimulatedCostModelTest {
    private static final Set<String> VTA_OPS = Set.of("conv2d", "dense", "add", "relu", "clip", "shift");
    private static final GroupedGraph RESNET18 = Grouping.apply(ResNet18Graph.build());

    private static Device vta(VtaConfig c) {
        return new Device("vta", DeviceKind.VTA, "VTA", List.of(Precision.INT8), VTA_OPS, 512L << 20, null, c, null);
    }

    private static Group named(String name) {
        return RESNET18.groups().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everyVtaGroupOfResnet18IsSimulatedWithinFifteenPercentOfTheModel() {
        VtaCostModel analytical = new VtaCostModel();
        VtaSimulatedCostModel simulated = new VtaSimulatedCostModel(analytical);
        Device pynq = vta(VtaConfig.DEFAULT);
        int costed = 0;
        for (int batch : new int[] {1, 3}) {
            for (Group g : RESNET18.groups()) {
                Optional<Cost> a = analytical.cost(RESNET18, g, pynq, Precision.INT8, Layout.BLOCKED, batch);
                Optional<Cost> s = simulated.cost(RESNET18, g, pynq, Precision.INT8, Layout.BLOCKED, batch);
                assertThat(s.isPresent()).as(g.name()).isEqualTo(a.isPresent());
                if (s.isEmpty()) {
                    continue;
                }
                Cost c = s.get();
                assertThat(c.source()).isEqualTo(CostSource.SIMULATED);
                assertThat(c.note()).isEqualTo("simulated " + a.get().note());
                assertThat((double) c.timeNs() / a.get().timeNs()).as(g.name() + " batch " + batch)
                        .isBetween(0.85, 1.15);
                Breakdown b = c.breakdown();
                assertThat(b.computeNs() + b.loadNs() + b.storeNs()).isBetween(c.timeNs() - 1, c.timeNs() + 1);
                assertThat(b.usefulFraction()).isEqualTo(a.get().breakdown().usefulFraction());
                assertThat(b.paddingWasteNs()).isEqualTo(a.get().breakdown().paddingWasteNs());
                VtaTimingResult r = simulated.simulation(RESNET18, g, pynq, batch).orElseThrow();
                VtaPlan plan = c.fused() ? analytical.fusedAdd(RESNET18, g, pynq, batch).orElseThrow().fused()
                        : analytical.plan(RESNET18, g, pynq, batch).orElseThrow();
                assertThat(r.counters()).isEqualTo(plan.total());
                costed++;
            }
        }
        assertThat(costed).isEqualTo(2 * 29);
        // 20 distinct (shape, fused steps) pairs per batch size (as VtaCostModelTest counts), simulated once each
        assertThat(simulated.cachedSimulations()).isEqualTo(2 * 20);
    }

    @Test
    void stemOnPynq() {
        // 3512691 cycles at 100 MHz; the analytical model says 34.930 ms for the same tiling
        Cost stem = new VtaSimulatedCostModel().cost(RESNET18, named("conv1"), vta(VtaConfig.DEFAULT),
                Precision.INT8, Layout.BLOCKED, 1).orElseThrow();
        assertThat(stem.timeNs()).isEqualTo(35126910);
        assertThat(stem.breakdown().usefulFraction()).isEqualTo(3.0 / 16);
    }

    @Test
    void emptyWhereTheModelIsAndRefusedWhereItRefuses() {
        VtaSimulatedCostModel model = new VtaSimulatedCostModel();
        Group conv = named("layer1.0.conv1");
        Device pynq = vta(VtaConfig.DEFAULT);
        assertThat(model.cost(RESNET18, conv, pynq, Precision.FP32, Layout.BLOCKED, 1)).isEmpty();
        assertThat(model.cost(RESNET18, conv, pynq, Precision.INT8, Layout.PLAIN, 1)).isEmpty();
        assertThat(model.cost(RESNET18, named("maxpool"), pynq, Precision.INT8, Layout.BLOCKED, 1)).isEmpty();
        GraphBuilder b = new GraphBuilder("mobile");
        int x = b.input("x", TensorType.fp32(1, 32, 112, 112));
        Graph graph = b.build(b.add("dw1", Conv2d.square(32, 3, 1, 1, false).withGroups(32), x));
        GroupedGraph g = Grouping.apply(graph);
        assertThat(model.cost(g, g.group(0), pynq, Precision.INT8, Layout.BLOCKED, 1)).isEmpty();
        VtaConfig d = VtaConfig.DEFAULT;
        Device tiny = vta(new VtaConfig(0, 4, 4, 3, d.logWgtBuffSize(), d.logAccBuffSize(), d.logUopBuffSize(),
                d.clockMHz(), d.memoryPortBits(), d.design()));
        assertThatThrownBy(() -> model.cost(RESNET18, conv, tiny, Precision.INT8, Layout.BLOCKED, 1))
                .isInstanceOf(VtaUnsupportedException.class)
                .hasMessageContaining("layer1.0.conv1").hasMessageContaining("inp buffer");
    }
}
