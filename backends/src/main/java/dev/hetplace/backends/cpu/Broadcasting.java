package dev.hetplace.backends.cpu;

/**
 * NumPy broadcasting of two shapes as runs along the last axis: for every output row, the offsets of the
 * matching rows of both operands and their steps along the row (0 where an operand is broadcast).
 */
final class Broadcasting {
    private final Shape out;
    private final int[] outDims;
    private final int[] aStrides;
    private final int[] bStrides;

    Broadcasting(Shape a, Shape b) {
        int rank = Math.max(a.rank(), b.rank());
        outDims = new int[rank];
        aStrides = strides(a, rank);
        bStrides = strides(b, rank);
        for (int i = 0; i < rank; i++) {
            int da = dimAligned(a, rank, i);
            int db = dimAligned(b, rank, i);
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + a + " and " + b + " do not broadcast");
            }
            outDims[i] = Math.max(da, db);
        }
        out = Shape.of(outDims);
    }

    Shape out() {
        return out;
    }

    /** One contiguous output row of {@code length} elements. */
    interface Row {
        void run(int outOffset, int aOffset, int aStep, int bOffset, int bStep, int length);
    }

    void forEachRow(Row row) {
        int rank = outDims.length;
        int len = outDims[rank - 1];
        int rows = out.elements() / len;
        int[] idx = new int[rank];
        int aOff = 0;
        int bOff = 0;
        for (int r = 0; r < rows; r++) {
            row.run(r * len, aOff, aStrides[rank - 1], bOff, bStrides[rank - 1], len);
            for (int i = rank - 2; i >= 0; i--) {
                idx[i]++;
                aOff += aStrides[i];
                bOff += bStrides[i];
                if (idx[i] < outDims[i]) {
                    break;
                }
                aOff -= aStrides[i] * idx[i];
                bOff -= bStrides[i] * idx[i];
                idx[i] = 0;
            }
        }
    }

    private static int dimAligned(Shape s, int rank, int i) {
        int offset = rank - s.rank();
        return i < offset ? 1 : s.dim(i - offset);
    }

    /** Element strides aligned to the output's rank, 0 on broadcast axes. */
    private static int[] strides(Shape s, int rank) {
        int[] st = new int[rank];
        int stride = 1;
        for (int i = rank - 1; i >= 0; i--) {
            int d = dimAligned(s, rank, i);
            st[i] = d == 1 ? 0 : stride;
            stride *= d;
        }
        return st;
    }
}
