package dev.hetplace.backends.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqnrTest {

    @Test
    void signalOverNoisePowerInDecibels() {
        // signal 9 + 16 = 25, noise 1: 10 log10 25
        assertThat(Sqnr.db(new float[] {3, 4}, new float[] {3, 3})).isCloseTo(13.979400086720377, within(1e-12));
        assertThat(Sqnr.db(new float[] {1, 2}, new float[] {1, 2})).isEqualTo(Double.POSITIVE_INFINITY);
        // powers add up over samples: signal 25 + 100, noise 1 + 4 -> 10 log10 25
        assertThat(Sqnr.db(List.of(new float[] {3, 4}, new float[] {10}), List.of(new float[] {3, 3},
                new float[] {8}))).isCloseTo(13.979400086720377, within(1e-12));
    }

    @Test
    void topOneAgreementCountsMatchingArgmaxes() {
        List<float[]> ref = List.of(new float[] {0, 5, 1}, new float[] {2, 1, 0}, new float[] {0, 0, 3});
        List<float[]> test = List.of(new float[] {0, 4, 1}, new float[] {1, 2, 0}, new float[] {0, 1, 2});
        assertThat(Sqnr.top1Agreement(ref, test)).isEqualTo(2.0 / 3);
        assertThat(Sqnr.argmax(new float[] {1, 3, 3})).isEqualTo(1);
    }
}
