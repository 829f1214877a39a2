package dev.hetplace.experiments.ort;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host-onnxruntime study's driver on lenet at 1 thread, 2 rounds: the six plans, each validated in ONNX
 * Runtime and timed from the file it exported, written in the study's columns. No timing is asserted.
 */
class HostOrtStudyTest {
    @TempDir
    Path dir;

    @Test
    void validatesExportsAndTimesTheSixPlans() {
        List<MixedPlanStudy.Studied> rows = MixedPlanStudy.run("lenet", 1, 2, HostOrtStudy.DESIGN, dir);

        assertThat(rows).extracting(s -> s.measured().plan()).containsExactly("optimum", "optimum-30dB",
                "optimum-40dB", "tvm-rule-cpu", "all-fp32", "all-int8");
        Map<String, MixedPlanStudy.Studied> byName = rows.stream().collect(Collectors.toMap(s -> s.measured().plan(),
                s -> s));
        for (MixedPlanStudy.Studied s : rows) {
            assertThat(s.validation()).as(s.measured().plan()).isNotNull();
            assertThat(ExportedChoices.read(Path.of(s.measured().onnx()))).isEqualTo(s.measured().choices());
            assertThat(HostOrtStudy.row(s).split(",", -1)).hasSize(HostOrtStudy.COLUMNS.split(",").length);
        }
        assertThat(byName.get("all-fp32").validation().measuredSqnrDb()).isInfinite();
        assertThat(HostOrtStudy.row(byName.get("all-fp32")).split(",", -1)[9]).as("no noise, no SQNR").isEmpty();
        assertThat(byName.get("optimum-40dB").budgetDb()).isEqualTo(40.0);
        assertThat(byName.get("optimum-40dB").validation().meets(40.0)).isTrue();
        assertThat(byName.get("all-int8").validation().measuredSqnrDb()).isFinite();
        assertThat(byName.get("all-int8").stemPrecision()).isEqualTo("int8");
        assertThat(byName.get("tvm-rule-cpu").stemPrecision()).isEqualTo("fp32");
    }
}
