package dev.hetplace.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.backends.sensitivity.Sensitivities;
import dev.hetplace.cost.gpu.GpuTiming;
import dev.hetplace.cost.models.DeviceCostModels;
import dev.hetplace.cost.vta.VtaCostModel;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Precision;
import dev.hetplace.hw.Profiles;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.zoo.ModelZoo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordedNoiseTest {
    @Test
    void aTableRebuiltWithTheRecordedNoiseHoldsTheSameNoiseAndSource() {
        GroupedGraph gg = Grouping.apply(ModelZoo.build("lenet"));
        Platform x86 = Profiles.builtIn("x86-h200");
        long[] int8 = new long[gg.size()];
        long[] fp16 = new long[gg.size()];
        for (int i = 0; i < gg.size(); i++) {
            int8[i] = 1000L + 37 * i;
            fp16[i] = 3L + i;
        }
        Sensitivities s = new Sensitivities(Map.of(Precision.INT8, int8, Precision.FP16, fp16, Precision.BF16, fp16,
                Precision.TF32, fp16), "test numerics");
        DeviceCostModels models = new DeviceCostModels(GpuTiming.EAGER, new VtaCostModel());
        CostTable measured = new CostTableBuilder(gg, x86, List.of("cpu", "gpu"), Set.of(), 1, models.groups(),
                models.crossings(), new MeasuredNoise(s)).build();
        RecordedNoise recorded = new RecordedNoise(measured);
        CostTable again = new CostTableBuilder(gg, x86, List.of("cpu", "gpu"), Set.of(), 1, models.groups(),
                models.crossings(), recorded).build();
        assertThat(recorded.measured()).isTrue();
        assertThat(again.noiseSource()).isEqualTo("measured on test numerics");
        for (int g = 0; g < gg.size(); g++) {
            for (int o = 0; o < measured.options(g).size(); o++) {
                assertThat(again.options(g).get(o).noisePpb()).isEqualTo(measured.options(g).get(o).noisePpb());
            }
        }
        assertThat(recorded.noisePpb(gg, gg.group(3), Precision.INT8)).isEqualTo(1000 + 37 * 3);
    }
}
