package dev.hetplace.ir.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * MatMul of two import-time constants (numpy semantics: a rank-1 operand is a row or column vector, batch
 * dimensions broadcast), as in Swin V2's position-bias MLP run on a constant coordinate table. Shape-only when
 * either operand is.
 */
final class ConstantMatMul {
    private ConstantMatMul() {
    }

    static ConstTensor of(ConstTensor a, ConstTensor b) {
        if (a.rank() == 0 || b.rank() == 0) {
            throw new IllegalStateException("MatMul needs operands of rank 1 or more, got " + a.dims() + " x "
                    + b.dims());
        }
        List<Integer> ad = a.rank() == 1 ? List.of(1, a.dims().get(0)) : a.dims();
        List<Integer> bd = b.rank() == 1 ? List.of(b.dims().get(0), 1) : b.dims();
        int m = ad.get(ad.size() - 2);
        int k = ad.get(ad.size() - 1);
        int n = bd.get(bd.size() - 1);
        if (bd.get(bd.size() - 2) != k) {
            throw new IllegalStateException("inner dimensions differ: " + a.dims() + " x " + b.dims());
        }
        List<Integer> batch = ConstantFolder.broadcast(ad.subList(0, ad.size() - 2), bd.subList(0, bd.size() - 2));
        List<Integer> out = new ArrayList<>(batch);
        if (a.rank() > 1) {
            out.add(m);
        }
        if (b.rank() > 1) {
            out.add(n);
        }
        int type = a.type();
        if (!a.hasData() || !b.hasData()) {
            return ConstTensor.of(out, type, null);
        }
        // strides over the batch dimensions, counted in whole matrices
        int[] as = ConstantFolder.broadcastStrides(ad.subList(0, ad.size() - 2), batch);
        int[] bs = ConstantFolder.broadcastStrides(bd.subList(0, bd.size() - 2), batch);
        long batches = ConstTensor.elements(batch);
        double[] data = new double[Math.toIntExact(batches * m * n)];
        int[] idx = new int[batch.size()];
        for (int p = 0; p < batches; p++) {
            int ao = 0;
            int bo = 0;
            for (int i = 0; i < idx.length; i++) {
                ao += idx[i] * as[i];
                bo += idx[i] * bs[i];
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int q = 0; q < k; q++) {
                        s += a.data()[ao * m * k + i * k + q] * b.data()[bo * k * n + q * n + j];
                    }
                    data[(p * m + i) * n + j] = s;
                }
            }
            ConstantFolder.increment(idx, batch);
        }
        return ConstTensor.of(out, type, data);
    }
}
