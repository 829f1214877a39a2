package dev.hetplace.cost.context;

import dev.hetplace.cost.cpu.CpuCostModel;
import dev.hetplace.cost.cpu.CpuInContext;
import dev.hetplace.cost.gpu.DispatchClass;
import dev.hetplace.cost.gpu.GpuCostModel;
import dev.hetplace.cost.gpu.GpuInContext;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The in-model corrections of a platform's calibrated devices, as lines for `place cost` and `place calibrate`. */
public final class InContextSummary {
    private InContextSummary() {
    }

    /** Empty when no device of the platform is calibrated. */
    public static List<String> lines(Platform platform, CpuCostModel cpuModel, GpuCostModel gpuModel) {
        List<String> out = new ArrayList<>();
        for (Device d : platform.devices()) {
            if (d.kind() == DeviceKind.CPU && d.cpu().isCalibrated()) {
                CpuInContext c = cpuModel.inContext(d);
                StringBuilder s = new StringBuilder("  " + d.id() + ": every group x in-model factor per thread count");
                if (c.factorByThreads().isEmpty()) {
                    s.append(": 1 (").append(c.source()).append(')');
                } else {
                    for (Map.Entry<Integer, Double> e : c.factorByThreads().entrySet()) {
                        s.append(String.format(Locale.ROOT, "; %d thread(s) x%.3f (%d rows)", e.getKey(), e.getValue(),
                                c.rowsByThreads().get(e.getKey())));
                    }
                    s.append(String.format(Locale.ROOT, "; at %d threads (this run) x%.3f; fitted to %s, other "
                            + "thread counts interpolated in log(threads)", d.cpu().threads(),
                            c.factor(Math.max(1, d.cpu().threads())), c.source()));
                }
                out.add(s.toString());
            } else if (d.kind() == DeviceKind.GPU && d.gpu().calibration() != null
                    && !d.gpu().calibration().isEmpty()) {
                GpuInContext g = gpuModel.inContext(d);
                StringBuilder s = new StringBuilder("  " + d.id() + ": CUDA-graph kernel times x factor per precision");
                for (Precision p : d.precisions()) {
                    s.append(String.format(Locale.ROOT, "; %s x%.3f%s", p.id(), g.factor(p),
                            g.graphFactor().containsKey(p) ? "" : " (no whole-model rows)"));
                }
                out.add(s + " (fitted to the graph rows of " + g.source() + ")");
                out.add("  " + d.id() + ": eager timing: a kernel costs the longer of its in-model graph time and its"
                        + " dispatch (us per kernel):");
                StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "    %-13s", "class"));
                for (Precision p : d.precisions()) {
                    h.append(String.format(Locale.ROOT, " %6s", p.id()));
                }
                out.add(h + "  source");
                for (DispatchClass c : DispatchClass.values()) {
                    StringBuilder r = new StringBuilder(String.format(Locale.ROOT, "    %-13s", c.id()));
                    for (Precision p : d.precisions()) {
                        r.append(String.format(Locale.ROOT, " %6.1f", g.dispatch().us(c, p)));
                    }
                    out.add(r + "  " + g.dispatch().source(c, Precision.FP32).replace("fp32 ", ""));
                }
                out.add(String.format(Locale.ROOT, "  %s: eager timing: each tensor read back to a host CPU pays "
                        + "%.2f us of synchronisation on top of its copy (modelled: the host waits for the queue, the"
                        + " next dispatch finds the GPU idle; the profile's launchOverheadUs)", d.id(), g.syncUs()));
            }
        }
        if (!out.isEmpty()) {
            out.add(0, "In-model corrections (isolated layer times to times inside a whole model):");
        }
        return out;
    }
}
