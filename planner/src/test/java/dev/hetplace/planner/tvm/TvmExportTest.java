package dev.hetplace.planner.tvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.backends.vta.VtaWorkloads;
import dev.hetplace.hw.Choice;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.Layer;
import dev.hetplace.ir.op.Conv2d;
import dev.hetplace.ir.op.Dense;
import dev.hetplace.planner.domain.Pin;
import dev.hetplace.planner.run.PlacementResult;
import dev.hetplace.planner.run.PlacementRunner;
import dev.hetplace.planner.run.PlacementSpec;
import dev.hetplace.planner.solve.PlanRequest;
import dev.hetplace.planner.tvm.rules.TvmRegion;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TvmExportTest {

    private static PlacementResult tvmPlan(String model, Double minSqnr) {
        return PlacementRunner.run(PlacementSpec.of(model, List.of("cpu", "vta"),
                PlanRequest.builder().tvmCompatible(true).minSqnrDb(minSqnr).build()));
    }

    /**
     * Rebuilds each group's device and, for convs and dense layers, its precision from the exported TVM
     * arguments alone, the way TVM's flow would run them, and compares with the plan.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"resnet18", "resnet34", "resnet50", "resnet18_v1"})
    void theExportReproducesTheTvmCompatiblePlan(String model) {
        PlacementResult r = tvmPlan(model, null);
        TvmExportResult export = TvmExport.of(r);
        assertThat(export.expressible()).as(export.refusal()).isTrue();
        TvmPackArgs a = export.args();
        assertThat(a.start().opName()).isEqualTo("nn.max_pool2d");
        assertThat(a.stop().opName()).isEqualTo("nn.global_avg_pool2d");
        GroupedGraph gg = r.problem().table().graph();
        TvmRegion region = TvmRegion.of(gg);
        List<Layer> convs = gg.graph().convLayers();
        for (Group g : gg.groups()) {
            Choice c = r.plan().choices().get(g.id());
            Layer anchor = gg.anchor(g);
            boolean inRegion = region.contains(g.id());
            // the region's convs, and the residual adds TVM fuses into them, run on VTA
            boolean fused = VtaWorkloads.fusionProducer(gg, g).filter(conv -> region.contains(conv.id())).isPresent();
            String device = inRegion && (anchor.op() instanceof Conv2d || fused) ? "vta" : "cpu";
            assertThat(c.device()).as("%s %s", model, g.name()).isEqualTo(device);
            if (anchor.op() instanceof Conv2d) {
                boolean skipped = a.skipConvLayers().contains(convs.indexOf(anchor));
                assertThat(c.precision()).as("%s %s", model, g.name()).isEqualTo(skipped ? Precision.FP32 : Precision.INT8);
            }
            if (anchor.op() instanceof Dense) {
                assertThat(c.precision()).isEqualTo(a.skipDenseLayer() ? Precision.FP32 : Precision.INT8);
            }
        }
    }

    @ParameterizedTest(name = "min SQNR {0} dB")
    @ValueSource(doubles = {10, 17})
    void whetherTheStemIsSkippedFollowsItsCostsAndTheBudget(double minSqnr) {
        PlacementResult free = tvmPlan("resnet18", null);
        var stemOptions = free.problem().table().options(0);
        long fp32 = stemOptions.stream().filter(o -> o.choice().precision() == Precision.FP32).findFirst().orElseThrow()
                .cost().timeNs();
        long int8 = stemOptions.stream().filter(o -> o.choice().precision() == Precision.INT8
                && o.choice().device().equals("cpu")).findFirst().orElseThrow().cost().timeNs();
        // on the Cortex-A9 model int8 is the faster stem, so without a budget TVM's skip_conv_layers=[0] is not chosen
        assertThat(int8).isLessThan(fp32);
        assertThat(TvmExport.of(free).args().skipConvLayers()).doesNotContain(0);
        PlacementResult budgeted = tvmPlan("resnet18", minSqnr);
        var args = TvmExport.of(budgeted).args();
        boolean stemFp32 = budgeted.plan().choices().get(0).precision() == Precision.FP32;
        assertThat(args.skipConvLayers().contains(0)).isEqualTo(stemFp32);
        assertThat(budgeted.plan().evaluation().noisePpb()).isLessThanOrEqualTo(budgeted.problem().hasNoiseBudget()
                ? budgeted.problem().noiseBudgetPpb() : Long.MAX_VALUE);
    }

    @Test
    void aResidualAddOffVtaBesideItsVtaConvIsNotWhatTvmBuilds() {
        // the unrestricted optimum with the stem on the CPU: every block conv on VTA, every residual add on the
        // CPU (cheaper there than fused), which TVM cannot build: it fuses the add into the conv on VTA
        PlacementResult r = PlacementRunner.run(PlacementSpec.of("resnet18", List.of("cpu", "vta"),
                PlanRequest.builder().pins(List.of(Pin.parse("conv0=cpu:int8"))).build()));
        TvmExportResult export = TvmExport.of(r);
        assertThat(export.expressible()).isFalse();
        assertThat(export.refusal()).isEqualTo("group layer1.0.add runs cpu:int8:blocked, but TVM fuses it into conv "
                + "layer1.0.conv2 on VTA and runs it on VTA's ALU");
    }
}
