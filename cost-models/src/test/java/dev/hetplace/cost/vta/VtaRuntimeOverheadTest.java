package dev.hetplace.cost.vta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.backends.vta.VtaPlan;
import dev.hetplace.cost.Cost;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Precision;
import dev.hetplace.hw.Profiles;
import dev.hetplace.hw.VtaRuntime;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.pass.BatchNormFolding;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.zoo.ModelZoo;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TVM's VTA runtime overhead on resnet18 and pynq-z1: each term from its formula, the figures pinned. */
class VtaRuntimeOverheadTest {
    private static final GroupedGraph RESNET18 = Grouping.apply(BatchNormFolding.apply(ModelZoo.build("resnet18")));
    private static final Platform PYNQ = Profiles.builtIn("pynq-z1");
    private static final Device VTA = PYNQ.device("vta").orElseThrow();

    private static Group named(String name) {
        return RESNET18.groups().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void eachTermIsItsFormulaOnPynqZ1() {
        VtaPlan plan = new VtaCostModel().plan(RESNET18, named("layer1.0.conv1"), VTA, 1).orElseThrow();
        VtaRuntimeOverhead o = VtaRuntimeOverhead.of(plan);
        long insns = plan.total().loadInsns() + plan.total().gemmInsns() + plan.total().aluInsns()
                + plan.total().storeInsns() + 1;
        assertThat(o.kernels()).isEqualTo(1);
        assertThat(o.instructions()).isEqualTo(insns).isEqualTo(649);
        assertThat(o.dispatchNs()).isEqualTo(1000);
        assertThat(o.streamNs()).isEqualTo(Math.round(insns * 385.0));
        assertThat(o.uopStagingNs()).isEqualTo(Math.round(2.0 * plan.total().uopLoadBytes() / 1.05));
        assertThat(o.insnStagingNs()).isEqualTo(Math.round(insns * 16 / 1.05));
        assertThat(o.launchNs()).isEqualTo(14 * 100);
        assertThat(o.completionNs()).isEqualTo(2 * 250 + (250 + 1500) / 2);
        assertThat(o.fetchNs()).isEqualTo(insns * 16 * 10 / 8); // 16 B per instruction over 8 B per 10 ns cycle
        assertThat(o.cacheMaintenanceNs()).isZero(); // pkg_config.py builds every board coherent
        assertThat(o.totalNs()).isEqualTo(o.dispatchNs() + o.streamNs() + o.uopStagingNs() + o.insnStagingNs()
                + o.launchNs() + o.completionNs() + o.fetchNs());
    }

    @Test
    void theCostCarriesTheOverheadAsItsLaunchOnTopOfTheKernel() {
        VtaCostModel model = new VtaCostModel();
        Group g = named("layer1.0.conv1");
        Cost priced = model.cost(RESNET18, g, VTA, Precision.INT8, Layout.BLOCKED, 1).orElseThrow();
        VtaPlan plan = model.plan(RESNET18, g, VTA, 1).orElseThrow();
        long runtime = VtaRuntimeOverhead.of(plan).totalNs();
        assertThat(priced.breakdown().launchNs()).isEqualTo(runtime);
        assertThat(priced.timeNs()).isEqualTo(plan.timeNs() + runtime);
        assertThat(priced.note()).contains("TVM runtime").contains("649 instructions");

        Device noRuntime = new Device("vta", VTA.kind(), VTA.name(), VTA.precisions(), VTA.ops(),
                VTA.opRestrictions(), VTA.memoryBytes(), null, VTA.vta().withRuntime(VtaRuntime.NONE), null);
        Cost kernelOnly = model.cost(RESNET18, g, noRuntime, Precision.INT8, Layout.BLOCKED, 1).orElseThrow();
        assertThat(kernelOnly.timeNs()).isEqualTo(plan.timeNs());
        assertThat(kernelOnly.breakdown().launchNs()).isZero();
    }

    @Test
    void aNonCoherentBuildFlushesTheUopAndInstructionBuffers() {
        Platform flushing = Profiles.withOverrides(PYNQ, Map.of("devices.vta.runtimeCoherence", "non-coherent"));
        Device vta = flushing.device("vta").orElseThrow();
        VtaRuntimeOverhead o = VtaRuntimeOverhead.of(
                new VtaCostModel().plan(RESNET18, named("layer1.0.conv1"), vta, 1).orElseThrow());
        assertThat(o.cacheMaintenanceNs()).isEqualTo(Math.round((o.uopBytes() + o.instructions() * 16) * 3.6));
    }

    /**
     * Every group of resnet18 VTA can run, each as its own TVM operator, the terms summed and pinned: 21 kernels (the
     * 8 residual adds fuse into the conv before them, as TVM builds them, and have no kernel of their own; what fusing
     * adds to a conv's overhead is the add's price).
     */
    @Test
    void resnet18OnPynqZ1AllOnVta() {
        VtaCostModel model = new VtaCostModel();
        VtaRuntimeOverhead sum = VtaRuntimeOverhead.NONE;
        for (Group g : RESNET18.groups()) {
            var plan = model.plan(RESNET18, g, VTA, 1);
            if (plan.isPresent()) {
                sum = sum.plus(VtaRuntimeOverhead.of(plan.get()));
            }
        }
        assertThat(sum).isEqualTo(new VtaRuntimeOverhead(21, 10171, 22324, 21000, 3915835, 42524,
                154987, 29400, 28875, 203420, 0));
        assertThat(sum.totalNs()).isEqualTo(4396041);
    }
}
