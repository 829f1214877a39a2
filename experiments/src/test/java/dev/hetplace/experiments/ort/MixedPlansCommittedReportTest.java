package dev.hetplace.experiments.ort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed mixed-plans study: its table is what MixedPlanReport makes of its results, figure for figure. */
class MixedPlansCommittedReportTest {
    private static final Path DIR = Path.of("specs", "mixed-plans");

    @Test
    void theReportTableIsGeneratedFromTheCommittedResults() throws Exception {
        List<Map<String, String>> rows = MixedPlanReport.read(DIR.resolve("results.csv"));
        assertThat(rows).hasSize(66);
        assertThat(MixedPlanReport.markdown(rows)).isEqualTo(Files.readString(DIR.resolve("report-table.md")));
    }

    @Test
    void everyRowsErrorIsItsPredictionAgainstItsMeasurement() throws Exception {
        for (Map<String, String> r : MixedPlanReport.read(DIR.resolve("results.csv"))) {
            double predicted = Double.parseDouble(r.get("predicted_ms"));
            double measured = Double.parseDouble(r.get("measured_ms"));
            // error_pct is the unrounded figures' error to 0.1; the ms columns are rounded to 0.001 ms
            assertThat(Double.parseDouble(r.get("error_pct"))).as(r.get("model") + " " + r.get("plan"))
                    .isCloseTo(100 * (predicted - measured) / measured, within(0.1));
            // 25 rounds of 3 timed runs each
            assertThat(Integer.parseInt(r.get("runs"))).isEqualTo(75);
        }
    }

    @Test
    void resnet18AtOneThreadPinsTheMeasuredFigures() throws Exception {
        Map<String, String> allInt8 = MixedPlanReport.read(DIR.resolve("results.csv")).stream()
                .filter(r -> r.get("model").equals("resnet18") && r.get("threads").equals("1")
                        && r.get("plan").equals("all-int8")).findFirst().orElseThrow();
        assertThat(allInt8.get("predicted_ms")).isEqualTo("8.887");
        assertThat(allInt8.get("measured_ms")).isEqualTo("9.588");
    }
}
