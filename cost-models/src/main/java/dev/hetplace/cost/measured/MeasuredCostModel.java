package dev.hetplace.cost.measured;

import dev.hetplace.backends.measure.CpuLayerTimer;
import dev.hetplace.backends.measure.LayerShape;
import dev.hetplace.backends.measure.UserMeasurements;
import dev.hetplace.cost.Breakdown;
import dev.hetplace.cost.Cost;
import dev.hetplace.cost.CostSource;
import dev.hetplace.cost.Costs;
import dev.hetplace.cost.GroupCostModel;
import dev.hetplace.hw.Device;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.Layout;
import dev.hetplace.hw.Precision;
import dev.hetplace.ir.Group;
import dev.hetplace.ir.GroupedGraph;
import java.util.Locale;
import java.util.Optional;

/**
 * Prices a group from the user's measurements where one matches it (its conv or dense anchor's shape and batch, the
 * device, precision and layout, and for AutoTVM records the board: the target's {@code -model=} must name this
 * platform, and a VTA record's bitstream string must be this VTA's configuration), MEASURED with the file and line
 * as its source; every other group, and every choice the modelled costs find infeasible, is priced as modelled.
 * The measured time is the anchor's kernel (what an AutoTVM task times); ops fused into the group are in it only
 * where the measurement included them. A residual add TVM fuses into a VTA conv keeps its modelled price (what
 * fusing it adds to the conv) where that conv is measured: AutoTVM's VTA template {@code conv2d_packed.vta}
 * (vta/tutorials/autotvm/tune_relay_vta.py, {@code register_vta_tuning_tasks}) times the packed conv with
 * right_shift, clip and cast only, and {@code extract_from_program} extracts the conv2d alone, so no AutoTVM
 * measurement holds the add; its note says so.
 */
public final class MeasuredCostModel implements GroupCostModel {
    private final GroupCostModel modelled;
    private final UserMeasurements measurements;
    private final String platformName;

    public MeasuredCostModel(GroupCostModel modelled, UserMeasurements measurements, String platformName) {
        this.modelled = modelled;
        this.measurements = measurements;
        this.platformName = normalized(platformName);
    }

    @Override
    public Optional<Cost> cost(GroupedGraph graph, Group group, Device device, Precision precision, Layout layout,
                               int batch) {
        Optional<Cost> base = modelled.cost(graph, group, device, precision, layout, batch);
        if (base.isEmpty() || measurements.isEmpty()) {
            return base;
        }
        if (base.get().fused()) {
            Group conv = graph.group(base.get().fusedInto());
            return Optional.of(measurement(graph, conv, device, precision, layout, batch).map(e -> {
                Cost c = base.get();
                String why = e.what().endsWith(".vta") ? ": AutoTVM's " + e.what() + " template times the conv with"
                        + " shift, clip and cast only" : "";
                return new Cost(c.timeNs(), c.breakdown(), c.source(), c.note() + "; not in " + conv.name()
                        + "'s measurement (" + e.source() + ")" + why, c.fusedInto());
            }).orElse(base.get()));
        }
        return measurement(graph, group, device, precision, layout, batch)
                .map(e -> Costs.of(Breakdown.compute(e.ns()), CostSource.MEASURED, "measured: " + e.source() + " ("
                        + e.what() + ")"))
                .or(() -> base);
    }

    /** The measurement of {@code group}'s anchor on {@code device}, if one matches it. */
    private Optional<UserMeasurements.Entry> measurement(GroupedGraph graph, Group group, Device device,
                                                         Precision precision, Layout layout, int batch) {
        Optional<LayerShape> shape = CpuLayerTimer.shapeOf(graph.graph(), graph.anchor(group));
        if (shape.isEmpty()) {
            return Optional.empty();
        }
        int threads = device.kind() == DeviceKind.CPU ? device.cpu().threads() : 0;
        return measurements.find(device.id(), e -> boardMatches(e, device), shape.get(), batch, precision, layout,
                threads);
    }

    /** Table rows name device ids; an AutoTVM record's -model= must name this board (and VTA's bitstream). */
    private boolean boardMatches(UserMeasurements.Entry e, Device device) {
        if (e.board().isEmpty()) {
            return true;
        }
        if (device.kind() == DeviceKind.VTA) {
            int cut = e.board().indexOf('_');
            return cut > 0 && e.board().endsWith("_" + device.vta().modelString())
                    && platformName.startsWith(normalized(e.board().substring(0, cut)));
        }
        return platformName.startsWith(normalized(e.board()));
    }

    private static String normalized(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
