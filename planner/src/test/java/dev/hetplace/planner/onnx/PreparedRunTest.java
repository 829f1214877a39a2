package dev.hetplace.planner.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hetplace.backends.ort.OrtModel;
import dev.hetplace.backends.ort.OrtSettings;
import dev.hetplace.backends.sensitivity.CalibratedModel;
import dev.hetplace.hw.Precision;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A prepared run (inputs made once, outputs dropped) runs the model as {@link OrtModel#run} does, once per call. */
class PreparedRunTest {
    @Test
    void eachCallIsOneRunOfTheWholeModel() {
        CalibratedModel m = OnnxTestModels.calibrated("lenet", 1);
        OnnxModels x = OnnxTestModels.uniform(m, Precision.FP32);
        Map<String, float[]> feed = OnnxRun.feed(x, m.inputs().sample(0));
        int perRun;
        try (OrtModel ort = OrtModel.open(x.whole().toByteArray(), "lenet", OrtSettings.threads(1).profiled())) {
            ort.run(feed);
            perRun = ort.endProfiling().events().size();
            assertThat(perRun).isPositive();
        }
        try (OrtModel ort = OrtModel.open(x.whole().toByteArray(), "lenet", OrtSettings.threads(1).profiled())) {
            OrtModel.PreparedRun run = ort.prepare(feed);
            for (int i = 0; i < 3; i++) {
                run.run();
            }
            var events = ort.endProfiling().events();
            assertThat(events).hasSize(3 * perRun);
            assertThat(events.subList(0, events.size() / 3)).extracting(e -> e.node())
                    .containsExactlyElementsOf(events.subList(events.size() / 3, 2 * events.size() / 3).stream()
                            .map(e -> e.node()).toList());
        }
    }

    @Test
    void aMissingInputIsRefusedByName() {
        CalibratedModel m = OnnxTestModels.calibrated("lenet", 1);
        OnnxModels x = OnnxTestModels.uniform(m, Precision.FP32);
        try (OrtModel ort = OrtModel.open(x.whole().toByteArray(), "lenet", OrtSettings.threads(1))) {
            assertThatThrownBy(() -> ort.prepare(Map.of())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no value for ONNX input '" + ort.inputNames().get(0) + "'");
        }
    }
}
