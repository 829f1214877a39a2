package dev.hetplace.cost.calibration;

/** A latency model fitted to measured kernels of one precision (one bytes-per-element). */
public interface LatencyFit {
    /** Predicted microseconds for the shape (always positive). */
    double predictUs(KernelShape shape);

    /** Root mean square of ln(predicted / measured) over the samples it was fitted to. */
    double rmsLogError();

    /** What was fitted, e.g. {@code log-linear in MACs, bytes, reduction (n=40)}. */
    String describe();
}
