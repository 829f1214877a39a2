package dev.hetplace.cost.calibration;

/** The shape features the fits use, at a storage size per element. */
final class Features {
    private Features() {
    }

    static double macs(KernelShape s) {
        return Math.max(1, s.macs());
    }

    static double bytes(KernelShape s, int bytesPerElement) {
        return Math.max(1, s.bytes(bytesPerElement));
    }

    static double reduction(KernelShape s) {
        return Math.max(1, s.reduction());
    }

    static double depthwise(KernelShape s) {
        return s.depthwise() ? 1 : 0;
    }

    static double rmsLogError(LatencyFit fit, java.util.List<Sample> samples) {
        double sum = 0;
        for (Sample s : samples) {
            double e = Math.log(fit.predictUs(s.shape()) / s.us());
            sum += e * e;
        }
        return Math.sqrt(sum / samples.size());
    }
}
