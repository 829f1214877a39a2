package dev.hetplace.cost;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.hetplace.cost.gpu.GpuTiming;
import dev.hetplace.cost.models.DeviceCostModels;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Precision;
import dev.hetplace.hw.Profiles;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.zoo.ModelZoo;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CompositeCostModelTest {
    private static final Platform PYNQ = Profiles.builtIn("pynq-z1");

    /** A stand-in VTA model (the real one lives on its own branch): 1 us per int8 conv, counting its calls. */
    private static GroupCostModel vtaStub(AtomicInteger calls) {
        return (graph, group, device, precision, layout, batch) -> {
            calls.incrementAndGet();
            boolean conv = graph.anchor(group).opName().equals("conv2d");
            return conv && precision == Precision.INT8 && layout == Layout.BLOCKED
                    ? Optional.of(Costs.of(Breakdown.compute(1000), CostSource.SIMULATED, "stub"))
                    : Optional.empty();
        };
    }

    @Test
    void dispatchesByDeviceKind() {
        AtomicInteger vtaCalls = new AtomicInteger();
        DeviceCostModels models = new DeviceCostModels(GpuTiming.EAGER, vtaStub(vtaCalls));
        GroupedGraph g = Grouping.apply(ModelZoo.build("resnet18"));
        var vta = PYNQ.devices().stream().filter(d -> d.kind() == DeviceKind.VTA).findFirst().orElseThrow();
        var cpu = PYNQ.device("cpu").orElseThrow();
        Cost onVta = models.groups().cost(g, g.group(0), vta, Precision.INT8, Layout.BLOCKED, 1).orElseThrow();
        Cost onCpu = models.groups().cost(g, g.group(0), cpu, Precision.FP32, Layout.PLAIN, 1).orElseThrow();
        assertThat(onVta.note()).isEqualTo("stub");
        assertThat(onCpu.note()).startsWith("arm_cpu direct");
        assertThat(vtaCalls).hasValue(1);
        assertThat(new CompositeCostModel(models.cpu(), models.gpu(), null)
                .cost(g, g.group(0), vta, Precision.INT8, Layout.BLOCKED, 1)).isEmpty();
    }

    @Test
    void repeatedShapesHitTheCacheAndASecondBuildIsAllHits() {
        AtomicInteger vtaCalls = new AtomicInteger();
        DeviceCostModels models = new DeviceCostModels(GpuTiming.EAGER, vtaStub(vtaCalls));
        GroupedGraph g = Grouping.apply(ModelZoo.build("resnet18"));
        CostTableBuilder builder = new CostTableBuilder(g, PYNQ, List.of("cpu", "vta"), Set.of(), 1, models.groups(),
                models.crossings(), new EstimatedNoise());
        builder.build();
        CacheStats first = models.groups().stats();
        long distinct = g.groups().stream().map(x -> GroupSignature.of(g, x)).distinct().count();
        // each group asks 6 choices (cpu fp32 / int8 x plain / blocked, vta int8 x plain / blocked); only the
        // first group of each distinct signature is evaluated
        assertThat(g.size()).isEqualTo(32);
        assertThat(distinct).isEqualTo(23);
        assertThat(first.requestCount()).isEqualTo(32 * 6);
        assertThat(first.missCount()).isEqualTo(23 * 6);
        assertThat(first.hitCount()).isEqualTo(9 * 6);
        assertThat(vtaCalls).hasValue(23 * 2);

        builder.build();
        CacheStats second = models.groups().stats().minus(first);
        assertThat(second.missCount()).isZero();
        assertThat(second.hitCount()).isEqualTo(32 * 6);
        assertThat(vtaCalls).hasValue(23 * 2);
    }

    @Test
    void groupSignatureIgnoresNamesButNotShapes() {
        GroupedGraph g = Grouping.apply(ModelZoo.build("resnet18"));
        // layer1.0.conv1 and layer1.1.conv1: the same conv + bn + relu on 64x56x56
        GroupSignature a = GroupSignature.of(g, g.groups().stream().filter(x -> x.name().equals("layer1.0.conv1"))
                .findFirst().orElseThrow());
        GroupSignature b = GroupSignature.of(g, g.groups().stream().filter(x -> x.name().equals("layer1.1.conv1"))
                .findFirst().orElseThrow());
        GroupSignature c = GroupSignature.of(g, g.groups().stream().filter(x -> x.name().equals("layer2.1.conv1"))
                .findFirst().orElseThrow());
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }
}
