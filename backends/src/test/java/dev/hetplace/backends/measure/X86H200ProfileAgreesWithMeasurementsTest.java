package dev.hetplace.backends.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hetplace.hw.Device;
import dev.hetplace.hw.Link;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Precision;
import dev.hetplace.hw.Profiles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The x86-h200 profile's derived figures, recomputed from the shipped measurement files. */
class X86H200ProfileAgreesWithMeasurementsTest {
    private final Platform platform = Profiles.builtIn("x86-h200");

    /** Ordinary least squares of median_us = latency + bytes / bandwidth; returns {latencyUs, bandwidthGBps}. */
    private static double[] fit(List<TransferMeasurement> rows) {
        int n = rows.size();
        double mx = rows.stream().mapToDouble(TransferMeasurement::bytes).average().orElseThrow();
        double my = rows.stream().mapToDouble(TransferMeasurement::medianUs).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        for (TransferMeasurement r : rows) {
            sxy += (r.bytes() - mx) * (r.medianUs() - my);
            sxx += (r.bytes() - mx) * (r.bytes() - mx);
        }
        double usPerByte = sxy / sxx;
        assertThat(n).isEqualTo(7);
        return new double[] {my - usPerByte * mx, 1.0 / usPerByte / 1000.0};
    }

    @Test
    void pcieLinksAreTheLeastSquaresFitOfThePinnedTransfers() {
        for (TransferMeasurement.Direction dir : TransferMeasurement.Direction.values()) {
            double[] fitted = fit(ShippedTable.X86_H200_TRANSFER.read(TransferMeasurement::read).stream()
                    .filter(t -> t.pinned() && t.direction() == dir).toList());
            Link link = dir == TransferMeasurement.Direction.H2D ? platform.link("cpu", "gpu").orElseThrow()
                    : platform.link("gpu", "cpu").orElseThrow();
            assertThat(link.latencyUs()).as(dir + " latency").isCloseTo(fitted[0], within(0.05 * fitted[0]));
            assertThat(link.bandwidthGBps()).as(dir + " bandwidth").isCloseTo(fitted[1], within(0.05 * fitted[1]));
        }
    }

    @Test
    void fittedLinksPredictTheLargePinnedCopiesWithinTenPercent() {
        Link h2d = platform.link("cpu", "gpu").orElseThrow();
        for (TransferMeasurement t : ShippedTable.X86_H200_TRANSFER.read(TransferMeasurement::read)) {
            if (t.pinned() && t.direction() == TransferMeasurement.Direction.H2D && t.bytes() >= 1 << 20) {
                assertThat(h2d.transferNs(t.bytes()) / 1000.0).as(t.bytes() + " bytes")
                        .isCloseTo(t.medianUs(), within(0.10 * t.medianUs()));
            }
        }
    }

    @Test
    void gpuLaunchOverheadsAreTheMedianEagerGapAndTheGraphFloor() {
        MeasurementTable gpu = ShippedTable.X86_H200_GPU_LAYERS.layers();
        List<Precision> whole = List.of(Precision.FP32, Precision.TF32, Precision.FP16, Precision.BF16);
        Map<String, Double> graph = new HashMap<>();
        for (Measurement m : gpu.layers()) {
            if (m.batch() == 1 && !m.gemmCore() && whole.contains(m.precision()) && m.timing() == Timing.GRAPH) {
                graph.put(m.shape() + "|" + m.precision(), m.medianUs());
            }
        }
        List<Double> gaps = new ArrayList<>();
        for (Measurement m : gpu.layers()) {
            if (m.batch() == 1 && !m.gemmCore() && whole.contains(m.precision()) && m.timing() == Timing.EAGER) {
                gaps.add(m.medianUs() - graph.get(m.shape() + "|" + m.precision()));
            }
        }
        gaps.sort(Double::compare);
        assertThat(gaps).hasSize(296);
        double median = (gaps.get(147) + gaps.get(148)) / 2;
        Device h200 = platform.device("gpu").orElseThrow();
        assertThat(h200.gpu().launchOverheadUs()).isCloseTo(median, within(0.005));
        double floor = graph.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertThat(h200.gpu().graphOverheadUs()).isEqualTo(floor);
    }

    @Test
    void calibrationNamesResolveToShippedTables() {
        for (String name : Profiles.builtInNames()) {
            for (Device d : Profiles.builtIn(name).devices()) {
                String calibration = d.cpu() != null ? d.cpu().calibration() : d.gpu() != null
                        ? d.gpu().calibration() : "";
                if (!calibration.isEmpty()) {
                    MeasurementTable t = CalibrationTables.layers(calibration, d.id());
                    assertThat(t.shapes(d.id())).as(name + " " + d.id()).isNotEmpty();
                }
            }
        }
    }
}
