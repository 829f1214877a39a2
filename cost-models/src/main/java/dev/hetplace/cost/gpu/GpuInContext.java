package dev.hetplace.cost.gpu;

import dev.hetplace.cost.Breakdown;
import dev.hetplace.hw.Precision;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A GPU's correction from isolated to in-model kernel time. Under CUDA graphs a kernel takes its isolated graph
 * time times the precision's {@code graphFactor} (fitted to the whole-model graph rows of that precision; 1 where
 * there are none). Under eager timing the host dispatches the next kernel while the GPU runs this one, so a kernel
 * costs the longer of its dispatch ({@link GpuDispatch}) and its in-model graph time, where the isolated eager
 * rows timed the two in series. A tensor read back to the host under eager timing also pays {@code syncUs}: the
 * host waits for the queue to drain, and the next kernel's dispatch finds the GPU idle.
 */
public record GpuInContext(String source, Map<Precision, Double> graphFactor, GpuDispatch dispatch, double syncUs) {
    public GpuInContext {
        graphFactor = Collections.unmodifiableMap(new EnumMap<>(graphFactor.isEmpty()
                ? Map.of(Precision.FP32, 1.0) : graphFactor));
    }

    /**
     * Modelled, not measured: the host waits for the GPU's queue to drain and the next kernel's dispatch finds the
     * GPU idle, one dispatch onto an empty queue, as the per-layer eager rows time it: the profile's
     * launchOverheadUs (their median eager minus graph time).
     */
    public static double syncUs(dev.hetplace.hw.GpuParams gpu) {
        return gpu.launchOverheadUs();
    }

    public double factor(Precision p) {
        return graphFactor.getOrDefault(p, 1.0);
    }

    /** The in-model time of a group's kernels, with the dispatch the GPU waits for as launch time. */
    public Breakdown price(List<GpuKernel> kernels, Precision p, GpuTiming timing) {
        double f = factor(p);
        long compute = 0;
        long load = 0;
        long store = 0;
        long padding = 0;
        long launch = 0;
        double useful = 0;
        double all = 0;
        for (GpuKernel k : kernels) {
            Breakdown b = k.graph();
            long c = Math.round(b.computeNs() * f);
            long l = Math.round(b.loadNs() * f);
            long s = Math.round(b.storeNs() * f);
            long w = Math.round(b.paddingWasteNs() * f);
            long floor = Math.round((b.launchNs() + b.layoutNs()) * f);
            long kernel = c + l + s + w + floor;
            long exposed = timing == GpuTiming.EAGER
                    ? Math.max(0, Math.round(dispatch.us(k.dispatch(), p) * 1000) - kernel) : 0;
            compute += c;
            load += l;
            store += s;
            padding += w;
            launch += floor + exposed;
            useful += (b.computeNs() + b.paddingWasteNs()) * b.usefulFraction();
            all += b.computeNs() + b.paddingWasteNs();
        }
        return new Breakdown(compute, load, store, padding, 0, launch, all == 0 ? 1.0 : useful / all);
    }

    public long ns(List<GpuKernel> kernels, Precision p, GpuTiming timing) {
        Breakdown b = price(kernels, p, timing);
        return b.computeNs() + b.loadNs() + b.storeNs() + b.paddingWasteNs() + b.launchNs();
    }

    /** One phrase for a cost note. */
    public String describe(Precision p, GpuTiming timing, List<GpuKernel> kernels) {
        String s = String.format(Locale.ROOT, "in-model: graph times x %.3f", factor(p));
        if (timing == GpuTiming.EAGER) {
            StringBuilder d = new StringBuilder();
            for (DispatchClass c : kernels.stream().map(GpuKernel::dispatch).distinct().toList()) {
                d.append(d.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f us", c.id(),
                        dispatch.us(c, p)));
            }
            s += ", each kernel at least its eager dispatch (" + d + ")";
        }
        return s + " (" + source + ")";
    }
}
