package dev.hetplace.ir.op;

import dev.hetplace.ir.tensor.ShapeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** NumPy / ONNX multidirectional broadcasting of shapes. */
public final class Broadcast {
    private Broadcast() {
    }

    public static List<Integer> shape(List<Integer> a, List<Integer> b) {
        int rank = Math.max(a.size(), b.size());
        List<Integer> out = new ArrayList<>(rank);
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.size() ? 1 : a.get(i - (rank - a.size()));
            int db = i < rank - b.size() ? 1 : b.get(i - (rank - b.size()));
            if (da != db && da != 1 && db != 1) {
                throw new ShapeException("shapes " + a + " and " + b + " do not broadcast");
            }
            out.add(Math.max(da, db));
        }
        return Collections.unmodifiableList(out);
    }
}
