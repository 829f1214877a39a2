package dev.hetplace.planner.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hetplace.cost.context.WholeModelCheck;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Profiles;
import dev.hetplace.planner.run.HostPlatform;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole-model rows of a committed host table ({@code host-tables/lenet-ort-t1.csv}, LeNet measured by {@code
 * place measure --runtime onnxruntime --cpu-threads 1}) against the plans {@code --platform host} prices: the
 * structure and the arithmetic, pinned on that table's figures.
 */
class HostWholeModelsTest {
    /** The plans' prices on this table, in us. */
    private static final double[] PRICED = {77.932, 175.8, 100.6};
    /** sum(g (1 - c)) / sum(g^2) over the rows, g and c the groups' and the crossings' share of the measurement. */
    private static final double FACTOR = 1.578;
    private static final String[] LINES = {
        "lenet                cpu  fp32                            b1    t1   eager        135.6        77.9  -42.5%"
                + "       123.0   -9.3%       117.2  -13.5%  MISSED",
        "lenet                cpu  int8                            b1    t1   eager        220.7       175.8  -20.3%"
                + "       272.6  +23.5%       335.2  +51.9%  MISSED",
        "lenet                cpu  int8_skip_first_conv_and_dense  b1    t1   eager        222.7       100.6  -54.8%"
                + "       150.1  -32.6%       138.3  -37.9%  MISSED"};

    @TempDir
    static Path dir;
    private static Path table;
    private static HostWholeModels result;

    @BeforeAll
    static void priceTheCommittedTable() throws IOException {
        table = dir.resolve("cpu-20261202-060140-267-lenet.csv");
        try (InputStream in = HostWholeModelsTest.class.getResourceAsStream("/host-tables/lenet-ort-t1.csv")) {
            Files.copy(in, table);
        }
        Platform host = Profiles.withOverrides(HostPlatform.json(table), Profiles.HOST, Map.of());
        result = HostWholeModels.of(host, table.toString());
    }

    @Test
    void everyWholeModelRowIsPredictedInFileOrder() {
        assertThat(result.table()).isEqualTo(table.toString());
        assertThat(result.rows()).extracting(WholeModelCheck.Row::precision)
                .containsExactly("fp32", "int8", "int8_skip_first_conv_and_dense");
        assertThat(result.rows()).extracting(WholeModelCheck.Row::measuredUs).containsExactly(135.572, 220.650,
                222.694);
        assertThat(result.rows()).allSatisfy(r -> {
            assertThat(r.model()).isEqualTo("lenet");
            assertThat(r.threads()).isEqualTo(1);
            assertThat(r.batch()).isEqualTo(1);
        });
    }

    @Test
    void pricesAreThePlansAsHostPricesThemAndErrorsAreRelativeToTheMeasurement() {
        List<WholeModelCheck.Row> rows = result.rows();
        assertThat(rows.get(0).isolatedUs()).isCloseTo(PRICED[0], within(0.05));
        assertThat(rows.get(1).isolatedUs()).isCloseTo(PRICED[1], within(0.05));
        assertThat(rows.get(2).isolatedUs()).isCloseTo(PRICED[2], within(0.05));
        for (WholeModelCheck.Row r : rows) {
            assertThat(r.isolatedError()).isEqualTo(r.isolatedUs() / r.measuredUs() - 1);
            assertThat(r.error()).isEqualTo(r.predictedUs() / r.measuredUs() - 1);
        }
        // TVM's rule keeps the stem and the three dense layers in fp32: cheaper than all-int8 in this table
        assertThat(rows.get(2).isolatedUs()).isLessThan(rows.get(1).isolatedUs());
    }

    @Test
    void theFactorIsFittedToAllRowsAndEachRowLeftOutIsPredictedWithoutIt() {
        assertThat(result.fit().factorByThreads()).containsOnlyKeys(1);
        assertThat(result.fit().factorByThreads().get(1)).isCloseTo(FACTOR, within(0.0005));
        assertThat(result.fit().rowsByThreads()).containsEntry(1, 3);
        for (WholeModelCheck.Row r : result.rows()) {
            assertThat(r.leaveOneOutUs()).isNotEqualTo(r.predictedUs());
        }
    }

    @Test
    void theReportListsTheRowsAndSaysTheFactorIsNotApplied() {
        StringWriter s = new StringWriter();
        result.print(new PrintWriter(s));
        String out = s.toString();
        assertThat(out).startsWith(String.format(java.util.Locale.ROOT, "%-20s %-4s %-31s", "model", "dev",
                "precision"));
        assertThat(out.lines().filter(l -> l.startsWith("lenet ")).toList()).containsExactly(LINES);
        assertThat(out).contains("  priced (place)     median |error|", "  leave-one-row-out  median |error|")
                .contains("cpu: no in-model factor is applied on host (factor 1): its layer rows are ONNX Runtime's"
                        + " kernel times profiled inside the whole model");
    }
}
