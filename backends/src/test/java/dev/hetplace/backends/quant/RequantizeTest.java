package dev.hetplace.backends.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequantizeTest {

    @Test
    void roundForShiftAddsHalfThenShiftsArithmetically() {
        assertThat(Requantize.roundShift(5, 1)).isEqualTo(3);
        assertThat(Requantize.roundShift(4, 1)).isEqualTo(2);
        assertThat(Requantize.roundShift(-5, 1)).isEqualTo(-2);
        assertThat(Requantize.roundShift(-6, 1)).isEqualTo(-3);
        assertThat(Requantize.roundShift(-7, 2)).isEqualTo(-2);
        assertThat(Requantize.roundShift(1000, 4)).isEqualTo(63);
        assertThat(Requantize.roundShift(Integer.MAX_VALUE, 8)).isEqualTo(8_388_608);
        assertThat(Requantize.roundShift(37, 0)).isEqualTo(37);
        assertThat(Requantize.roundShift(-3, -2)).isEqualTo(-12);
    }

    @Test
    void requantizeClipsToInt8() {
        assertThat(Requantize.requantize(300, 1)).isEqualTo((byte) 127);
        assertThat(Requantize.requantize(-300, 1)).isEqualTo((byte) -128);
        assertThat(Requantize.requantize(-257, 1)).isEqualTo((byte) -128);
        assertThat(Requantize.requantize(254, 1)).isEqualTo((byte) 127);
    }

    @Test
    void quantizeRoundsHalfAwayFromZeroAndSaturates() {
        // scale 2^-4: 0.53125 = 8.5 codes
        assertThat(Requantize.quantize(0.53125f, -4)).isEqualTo((byte) 9);
        assertThat(Requantize.quantize(-0.53125f, -4)).isEqualTo((byte) -9);
        assertThat(Requantize.quantize(0.5f, -4)).isEqualTo((byte) 8);
        assertThat(Requantize.quantize(100f, -4)).isEqualTo((byte) 127);
        assertThat(Requantize.quantize(-8f, -4)).isEqualTo((byte) -128);
        assertThat(Requantize.quantizeBias(-1.25f, -10)).isEqualTo(-1280);
    }

    @Test
    void powerOfTwoScalesFromARange() {
        // TVM's global scale 8.0 -> 8 / 128 = 2^-4
        assertThat(Requantize.log2ForRange(8.0)).isEqualTo(-4);
        assertThat(Requantize.log2ForRange(5.0)).isEqualTo(-4);
        assertThat(Requantize.log2ForRange(8.01)).isEqualTo(-3);
        assertThat(Requantize.log2ForRange(1.0)).isEqualTo(-7);
        assertThat(Requantize.log2ForRange(0.3)).isEqualTo(-8);
        assertThat(Requantize.log2ForRange(0)).isEqualTo(-7);
        assertThat(Requantize.scale(-4)).isEqualTo(0.0625f);
    }

    @Test
    void quantParamsShiftFromAccumulatorToOutput() {
        QuantParams q = new QuantParams(-4, -9, -4);
        assertThat(q.accumulatorLog2()).isEqualTo(-13);
        assertThat(q.shift()).isEqualTo(9);
        assertThat(new QuantParams(-4, -2, -7).shift()).isEqualTo(-1);
    }

    @Test
    void calibrationModesParseAsUsersSpellThem() {
        assertThat(CalibrationMode.parse("global-scale")).isEqualTo(CalibrationMode.GLOBAL_SCALE);
        assertThat(CalibrationMode.parse("MAX")).isEqualTo(CalibrationMode.MAX);
        assertThatThrownBy(() -> CalibrationMode.parse("kl"))
                .hasMessage("unknown calibration mode 'kl' (known: global-scale, max)");
    }
}
