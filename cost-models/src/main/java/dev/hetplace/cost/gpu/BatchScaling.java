package dev.hetplace.cost.gpu;

import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Carries a time known at the measured batches to any batch: exact at a measured batch, geometric interpolation
 * in log(batch) between two, the smallest batch's time below them (a GPU is launch-bound there), and linear
 * scaling from the largest above them (compute-bound).
 */
final class BatchScaling {
    private BatchScaling() {
    }

    static double at(int batch, List<Integer> measured, IntToDoubleFunction timeAt) {
        if (measured.contains(batch)) {
            return timeAt.applyAsDouble(batch);
        }
        int lo = measured.get(0);
        int hi = measured.get(measured.size() - 1);
        if (batch < lo) {
            return timeAt.applyAsDouble(lo);
        }
        if (batch > hi) {
            return timeAt.applyAsDouble(hi) * batch / hi;
        }
        int below = lo;
        int above = hi;
        for (int b : measured) {
            if (b < batch) {
                below = b;
            } else if (b > batch) {
                above = b;
                break;
            }
        }
        double a = Math.log(batch / (double) below) / Math.log(above / (double) below);
        return Math.exp((1 - a) * Math.log(timeAt.applyAsDouble(below)) + a * Math.log(timeAt.applyAsDouble(above)));
    }
}
