package dev.hetplace.cost.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hetplace.cost.calibration.KernelShape;
import dev.hetplace.cost.calibration.LayerMeasurement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * squeezenet1_1's three pool_edge rows as `place measure --runtime onnxruntime --cpu-threads 1` wrote them (under
 * load): the stem pool behind the fp32 conv 15,033 us; the two pools behind an fp32 Concat of int8 fires (which ORT
 * folds into QLinearConcat, so they keep NhwcMaxPool) 33 and 23.5 us.
 */
class PoolEdgePricesTest {
    private static KernelShape pool(int c, int h, int k, int s, int oh) {
        return new KernelShape("max_pool2d", 1, c, h, h, c, k, k, s, 0, c, oh, oh);
    }

    private static final KernelShape STEM = pool(64, 111, 3, 2, 55);
    private final PoolEdgePrices prices = new PoolEdgePrices("sq.csv", List.of(
            new LayerMeasurement(STEM, "pool_edge", 1, "eager", 15033),
            new LayerMeasurement(pool(128, 55, 3, 2, 27), "pool_edge", 1, "eager", 33),
            new LayerMeasurement(pool(256, 27, 3, 2, 13), "pool_edge", 1, "eager", 23.5),
            new LayerMeasurement(STEM, "int8", 1, "eager", 99)));

    @Test
    void aMeasuredShapeIsItsRow() {
        PoolEdgePrices.Price p = prices.price(STEM, 1).orElseThrow();
        assertThat(p.us()).isEqualTo(15033.0);
        assertThat(p.note()).isEqualTo("measured pool_edge row (sq.csv, 1 threads)");
    }

    @Test
    void anUnmeasuredShapeTakesTheMedianTimePerWindowElementLabelledAsFitted() {
        // median of 15033/(64*55*55*9), 33/(128*27*27*9), 23.5/(256*13*13*9): the third, 0.0604 ns per element
        double perWindow = 23.5 / (256.0 * 13 * 13 * 9);
        PoolEdgePrices.Price p = prices.price(pool(6, 28, 2, 2, 14), 2).orElseThrow();
        assertThat(p.us()).isCloseTo(perWindow * 6 * 14 * 14 * 4, within(1e-9));
        assertThat(p.note()).startsWith("unmeasured shape; fitted to the 3 pool_edge row(s) of sq.csv: 0.060 ns per"
                + " window element (median), rms error ").endsWith(", threads scaled from [1]");
    }

    @Test
    void aTableWithoutPoolEdgeRowsPricesNothing() {
        PoolEdgePrices none = new PoolEdgePrices("t.csv", List.of(new LayerMeasurement(STEM, "int8", 1, "eager", 9)));
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.price(STEM, 1)).isEmpty();
    }
}
