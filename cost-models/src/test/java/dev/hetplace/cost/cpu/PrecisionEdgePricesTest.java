package dev.hetplace.cost.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hetplace.backends.measure.CastKind;
import dev.hetplace.backends.measure.CastMeasurement;
import dev.hetplace.backends.measure.LayerShape;
import dev.hetplace.backends.measure.PassShape;
import dev.hetplace.backends.measure.Timing;
import dev.hetplace.hw.Precision;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Edge rows as `place measure --runtime onnxruntime --model models/onnx/squeezenet1_1.onnx --cpu-threads 2` wrote
 * them (2026-12-02 14:39 UTC, this machine): fire2's squeeze conv (64 x 55 x 55 -> 16, 1x1) pays 27.5 us run int8
 * after a float producer and 90.0 us run fp32 after an int8 one; fire2's expand 1x1 (16 -> 64) 78.5 us in fp32;
 * fire3's squeeze (128 -> 16) 166.0 us in fp32; fire2's concat 25.5 us in int8 and 0 in fp32 (ORT fuses a float
 * concat between int8 groups into one QLinearConcat).
 */
class PrecisionEdgePricesTest {
    private static final LayerShape SQUEEZE = LayerShape.conv2d(64, 55, 55, 16, 1, 1, 1, 0, 1);
    private static final LayerShape EXPAND = LayerShape.conv2d(16, 55, 55, 64, 1, 1, 1, 0, 1);
    private static final LayerShape SQUEEZE3 = LayerShape.conv2d(128, 55, 55, 16, 1, 1, 1, 0, 1);
    private static final LayerShape CONCAT = PassShape.of("copy", 387_200, 387_200, 1, 1, 1, 0);

    private static CastMeasurement row(LayerShape s, CastKind kind, double us) {
        return new CastMeasurement("cpu", s, 1, 2, kind, Timing.EAGER, us, us, us);
    }

    private final PrecisionEdgePrices prices = new PrecisionEdgePrices("sq.csv", List.of(
            row(SQUEEZE, CastKind.EDGE_INT8, 27.5), row(SQUEEZE, CastKind.EDGE_FP32, 90.0),
            row(EXPAND, CastKind.EDGE_FP32, 78.5), row(SQUEEZE3, CastKind.EDGE_FP32, 166.0),
            row(CONCAT, CastKind.EDGE_INT8, 25.5), row(CONCAT, CastKind.EDGE_FP32, 0),
            row(SQUEEZE, CastKind.QUANTIZE_INPUT, 61)));

    @Test
    void aMeasuredGroupIsItsRowPerPrecision() {
        assertThat(prices.price(SQUEEZE, Precision.INT8, 2).orElseThrow())
                .isEqualTo(new PrecisionEdgePrices.Price(27.5, "measured edge_int8 row (sq.csv, 2 threads)"));
        assertThat(prices.price(SQUEEZE, Precision.FP32, 2).orElseThrow().us()).isEqualTo(90.0);
        assertThat(prices.price(CONCAT, Precision.FP32, 2).orElseThrow().us()).isZero();
    }

    @Test
    void anUnmeasuredShapeTakesTheMedianTimePerInputElementOfItsOp() {
        // fp32 conv rows: 90.0 / 193,600, 78.5 / 48,400 and 166.0 / 387,200 us per input element; the median is
        // the squeeze's, so a 32 x 55 x 55 input (96,800 elements) pays half its 90.0 us
        LayerShape unmeasured = LayerShape.conv2d(32, 55, 55, 64, 1, 1, 1, 0, 1);
        PrecisionEdgePrices.Price p = prices.price(unmeasured, Precision.FP32, 2).orElseThrow();
        assertThat(p.us()).isCloseTo(45.0, within(1e-9));
        assertThat(p.note()).isEqualTo("unmeasured shape; 0.0005 us per input element, the median of the 3 conv2d"
                + " edge_fp32 row(s) of sq.csv at 2 threads");
        // the int8 conv slice has one row: 27.5 / 193,600 us per element
        assertThat(prices.price(unmeasured, Precision.INT8, 2).orElseThrow().us()).isCloseTo(13.75, within(1e-9));
    }

    @Test
    void otherThreadCountsTakeTheNearestMeasuredOneAndAnOpWithoutRowsIsNotPriced() {
        PrecisionEdgePrices.Price p = prices.price(SQUEEZE, Precision.FP32, 1).orElseThrow();
        assertThat(p.us()).isEqualTo(90.0);
        assertThat(p.note()).isEqualTo("measured edge_fp32 rows (sq.csv, [2] threads), scaled to 1 threads");
        assertThat(prices.price(LayerShape.dense(512, 1000), Precision.INT8, 2)).isEmpty();
        assertThat(prices.price(PassShape.of("eltwise", 100, 50, 1, 1, 1, 0), Precision.FP32, 2)).isEmpty();
        assertThat(new PrecisionEdgePrices("none.csv", List.of(row(SQUEEZE, CastKind.QUANTIZE_INPUT, 61)))
                .isEmpty()).isTrue();
        assertThat(prices.isEmpty()).isFalse();
    }
}
