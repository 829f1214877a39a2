package dev.hetplace.cost;

import dev.hetplace.cost.calibration.EndToEndMeasurement;
import dev.hetplace.cost.calibration.MeasuredTables;
import dev.hetplace.cost.gpu.GpuTiming;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.GroupedGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Predicts every whole-model row of a platform's end_to_end.csv that the cost models can express (one device,
 * uniform precision, or int8 with the first conv left in fp32) and compares. {@code targeted} marks the rows the
 * fidelity target applies to: CPU fp32 and int8 at 4 threads, GPU fp32 and fp16 at batch 1 and 32 under CUDA
 * graphs.
 */
public final class EndToEndCheck {
    public static final double TARGET = 0.25;

    /** One compared row; {@code error} is (predicted - measured) / measured. */
    public record Row(String model, String device, String precision, int batch, int threads, String timing,
                      double measuredUs, double predictedUs, boolean targeted) {
        public double error() {
            return (predictedUs - measuredUs) / measuredUs;
        }

        public String format() {
            return String.format(Locale.ROOT, "%-9s %-4s %-21s b%-3d %-3s %-6s %10.1f %10.1f %+7.1f%%  %s", model,
                    device, precision, batch, threads > 0 ? "t" + threads : "-", timing, measuredUs, predictedUs,
                    100 * error(), targeted ? (Math.abs(error()) <= TARGET ? "ok" : "MISSED") : "(not targeted)");
        }
    }

    private EndToEndCheck() {
    }

    /** Rows of {@code model} in the end-to-end table next to the platform's CPU calibration table. */
    public static List<Row> run(GroupedGraph graph, Platform platform) {
        Device cpu = platform.devices().stream().filter(d -> d.kind() == DeviceKind.CPU).findFirst().orElseThrow();
        Device gpu = platform.devices().stream().filter(d -> d.kind() == DeviceKind.GPU).findFirst().orElse(null);
        List<Row> rows = new ArrayList<>();
        String name = graph.graph().name();
        int firstConvGroup = graph.groupOf(graph.graph().convLayers().get(0).id());
        for (EndToEndMeasurement m : MeasuredTables.endToEnd(cpu.cpu().calibration())) {
            if (!m.model().equals(name)) {
                continue;
            }
            boolean onCpu = m.device().equals("cpu");
            Device device = onCpu ? CpuThreads.with(cpu, m.threads()) : gpu;
            if (device == null) {
                continue;
            }
            IntFunction<Precision> precisions;
            if (m.precision().equals("int8_skip_first_conv")) {
                precisions = g -> g == firstConvGroup ? Precision.FP32 : Precision.INT8;
            } else {
                Precision p = Precision.parse(m.precision());
                precisions = g -> p;
            }
            GpuTiming timing = onCpu ? GpuTiming.EAGER : GpuTiming.parse(m.timing());
            DeviceCostModels models = new DeviceCostModels(timing, null);
            long ns = WholeModelEstimate.ns(graph, device, precisions, models.groups(), models.crossings(),
                    m.batch());
            boolean targeted = onCpu ? m.threads() == 4 && (m.precision().equals("fp32")
                    || m.precision().equals("int8"))
                    : m.timing().equals("graph") && (m.precision().equals("fp32") || m.precision().equals("fp16"));
            rows.add(new Row(name, onCpu ? "cpu" : "gpu", m.precision(), m.batch(), m.threads(), m.timing(),
                    m.medianUs(), ns / 1000.0, targeted));
        }
        return rows;
    }
}
