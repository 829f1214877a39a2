package dev.hetplace.backends.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hetplace.hw.Precision;
import org.junit.jupiter.api.Test;

class FloatRoundingTest {

    @Test
    void oneThirdInEachFormat() {
        float third = 1f / 3;
        assertThat(FloatRounding.bf16(third)).isEqualTo(0.333984375f);
        assertThat(FloatRounding.fp16(third)).isEqualTo(0.333251953125f);
        assertThat(FloatRounding.tf32(third)).isEqualTo(0.333251953125f);
        assertThat(FloatRounding.round(Precision.FP32, third)).isEqualTo(third);
    }

    @Test
    void tiesGoToEven() {
        // bf16 near 1 has a step of 2^-7: 1 + 2^-8 is a tie between 1 (even) and 1 + 2^-7 (odd)
        assertThat(FloatRounding.bf16(1 + 0x1p-8f)).isEqualTo(1f);
        assertThat(FloatRounding.bf16(1 + 3 * 0x1p-8f)).isEqualTo(1 + 0x1p-6f);
        // fp16 near 1 has a step of 2^-10
        assertThat(FloatRounding.fp16(1 + 0x1p-11f)).isEqualTo(1f);
        assertThat(FloatRounding.fp16(1 + 3 * 0x1p-11f)).isEqualTo(1 + 0x1p-9f);
        assertThat(FloatRounding.fp16(-(1 + 3 * 0x1p-11f))).isEqualTo(-(1 + 0x1p-9f));
    }

    @Test
    void fp16RangeOverflowAndSubnormals() {
        assertThat(FloatRounding.fp16(65504f)).isEqualTo(65504f);
        assertThat(FloatRounding.fp16(65519f)).isEqualTo(65504f);
        assertThat(FloatRounding.fp16(65520f)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(FloatRounding.fp16(-1e6f)).isEqualTo(Float.NEGATIVE_INFINITY);
        // smallest subnormal 2^-24; half of it ties to even (zero), three halves round to 2^-23
        assertThat(FloatRounding.fp16(0x1p-24f)).isEqualTo(0x1p-24f);
        assertThat(FloatRounding.fp16(0x1p-25f)).isEqualTo(0f);
        assertThat(FloatRounding.fp16(3 * 0x1p-25f)).isEqualTo(0x1p-23f);
        assertThat(FloatRounding.fp16(1e-3f)).isEqualTo(0.0010004043579101562f);
        // bf16 keeps fp32's range: 1e30f is 0x7149f2ca, whose upper half rounds up to 0x714a
        assertThat(FloatRounding.bf16(1e30f)).isEqualTo(1.0002555517425873e30f);
        assertThat(FloatRounding.bf16(Float.NaN)).isNaN();
    }
}
