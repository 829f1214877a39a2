package dev.hetplace.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hetplace.backends.sensitivity.Sensitivities;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.GroupedGraph;
import dev.hetplace.ir.pass.Grouping;
import dev.hetplace.ir.zoo.ModelZoo;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeasuredNoiseTest {
    @Test
    void returnsTheMeasuredFigureOfEachGroupAndPrecisionAndNoneForFp32() {
        GroupedGraph gg = Grouping.apply(ModelZoo.build("lenet"));
        long[] int8 = new long[gg.size()];
        for (int i = 0; i < int8.length; i++) {
            int8[i] = 1000L * (i + 1);
        }
        MeasuredNoise n = new MeasuredNoise(new Sensitivities(Map.of(Precision.INT8, int8), "test numerics"));
        assertThat(n.noisePpb(gg, gg.group(2), Precision.INT8)).isEqualTo(3000);
        assertThat(n.noisePpb(gg, gg.group(2), Precision.FP32)).isZero();
        assertThat(n.measured()).isTrue();
        assertThat(n.describe()).isEqualTo("measured on test numerics");
        assertThatThrownBy(() -> n.noisePpb(gg, gg.group(0), Precision.FP16))
                .hasMessageContaining("at fp16");
    }
}
