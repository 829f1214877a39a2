package dev.hetplace.cost;

import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;

/**
 * The per-group noise a built cost table already holds, for rebuilding a table of the same model with other device
 * parameters (noise depends only on the group and the precision): re-pricing then needs no second measurement.
 */
public final class RecordedNoise implements NoiseModel {
    private final CostTable table;
    private final boolean measured;

    public RecordedNoise(CostTable table) {
        this.table = table;
        boolean m = false;
        for (int g = 0; g < table.groupCount(); g++) {
            for (Option o : table.options(g)) {
                m |= o.noiseMeasured();
            }
        }
        this.measured = m;
    }

    @Override
    public long noisePpb(GroupedGraph graph, Group group, Precision precision) {
        if (precision == Precision.FP32) {
            return 0;
        }
        for (Option o : table.options(group.id())) {
            if (o.choice().precision() == precision) {
                return o.noisePpb();
            }
        }
        throw new IllegalStateException("the recorded table has no " + precision.id() + " option for group "
                + group.ref() + " ('" + group.name() + "')");
    }

    @Override
    public boolean measured() {
        return measured;
    }

    @Override
    public String describe() {
        return table.noiseSource();
    }
}
