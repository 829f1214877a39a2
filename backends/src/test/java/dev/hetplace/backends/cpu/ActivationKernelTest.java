package dev.hetplace.backends.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hetplace.backends.quant.Requantize;
import dev.hetplace.ir.op.Activation;
import dev.hetplace.ir.op.ActivationKind;
import org.junit.jupiter.api.Test;

class ActivationKernelTest {
    private static final Shape FIVE = Shape.of(5);

    private static float[] run(Activation a, float... x) {
        return ActivationKernel.fp32(a, new FloatTensor(Shape.of(x.length), x)).data();
    }

    @Test
    void piecewiseLinearActivations() {
        assertThat(run(Activation.relu(), -2, -0f, 0.5f, 7)).containsExactly(0, 0, 0.5f, 7);
        assertThat(run(Activation.of(ActivationKind.RELU6), -1, 3, 6, 9)).containsExactly(0, 3, 6, 6);
        assertThat(run(Activation.clip(-1, 2), -3, 0.5f, 5)).containsExactly(-1, 0.5f, 2);
        assertThat(run(Activation.leakyRelu(0.1), -2, 3)).containsExactly(-0.2f, 3);
        // ONNX HardSigmoid with alpha 0.2, beta 0.5: max(0, min(1, 0.2x + 0.5))
        assertThat(run(Activation.of(ActivationKind.HARD_SIGMOID), -3, 0, 1, 3)).containsExactly(0, 0.5f, 0.7f, 1);
        // HardSwish x * relu6(x + 3) / 6
        assertThat(run(Activation.of(ActivationKind.HARD_SWISH), -4, -1.5f, 0, 1.5f, 4))
                .containsExactly(-0f, -0.375f, 0, 1.125f, 4);
    }

    @Test
    void smoothActivationsAtKnownValues() {
        float[] sig = run(Activation.of(ActivationKind.SIGMOID), 0, 2, -2);
        assertThat(sig[0]).isEqualTo(0.5f);
        assertThat(sig[1]).isCloseTo(0.8807970779778823f, within(1e-7f));
        assertThat(sig[2]).isCloseTo(0.11920292202211755f, within(1e-7f));
        assertThat(run(Activation.of(ActivationKind.TANH), 1)[0]).isCloseTo(0.7615941559557649f, within(1e-7f));
        // GELU(x) = x Phi(x): Phi(1) = 0.8413447460685429, Phi(-1) = 0.15865525393145707, Phi(3) = 0.9986501019683699
        float[] gelu = run(Activation.of(ActivationKind.GELU), 1, -1, 3, -3, 0);
        assertThat(gelu[0]).isCloseTo(0.8413447460685429f, within(1e-7f));
        assertThat(gelu[1]).isCloseTo(-0.15865525393145707f, within(1e-7f));
        assertThat(gelu[2]).isCloseTo(2.9959503059051097f, within(3e-7f));
        assertThat(gelu[3]).isCloseTo(-0.0040496940948904f, within(1e-8f));
        assertThat(gelu[4]).isEqualTo(0f);
    }

    @Test
    void int8ReluFamilyIsExactAndSmoothOnesUseTheFloatFunctionPerCode() {
        Int8Tensor in = new Int8Tensor(FIVE, new byte[] {-128, -1, 0, 50, 127}, -4);
        assertThat(ActivationKernel.int8(Activation.relu(), in, -4).data()).containsExactly(0, 0, 0, 50, 127);
        // ReLU6 at 2^-4: 6 is code 96
        assertThat(ActivationKernel.int8(Activation.of(ActivationKind.RELU6), in, -4).data())
                .containsExactly(0, 0, 0, 50, 96);
        Int8Tensor sig = ActivationKernel.int8(Activation.of(ActivationKind.SIGMOID), in, -7);
        for (int i = 0; i < 5; i++) {
            float x = in.data()[i] / 16f;
            assertThat(sig.data()[i]).isEqualTo(Requantize.quantize((float) (1 / (1 + Math.exp(-x))), -7));
        }
        assertThat(sig.data()[2]).isEqualTo((byte) 64);
    }

    @Test
    void erfToFloatPrecision() {
        // reference values of erf from high-precision tables
        double[][] known = {{0.1, 0.1124629160182849}, {0.5, 0.5204998778130465}, {1, 0.8427007929497149},
            {1.5, 0.9661051464753108}, {2, 0.9953222650189527}, {3, 0.9999779095030014}, {-0.7, -0.6778011938374184}};
        for (double[] k : known) {
            assertThat(Erf.erf(k[0])).as("erf(%s)", k[0]).isCloseTo(k[1], within(1.5e-7));
        }
        assertThat(Erf.erfc(3)).isCloseTo(2.209049699858544e-5, within(2.209049699858544e-5 * 1.2e-7));
        assertThat(Erf.erf(1e-3)).isCloseTo(1.1283787909692363e-3, within(1e-16));
        assertThat(Erf.erf(0)).isEqualTo(0);
        // max error against the series over [-3, 3], which is exact to ~1e-12 there
        double worst = 0;
        for (int i = -300; i <= 300; i++) {
            double x = i / 100.0;
            worst = Math.max(worst, Math.abs(Erf.erf(x) - series(x)));
        }
        assertThat(worst).isLessThan(1.5e-7);
    }

    private static double series(double x) {
        double sum = 0;
        double term = x;
        for (int n = 0; n < 200; n++) {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }
}
