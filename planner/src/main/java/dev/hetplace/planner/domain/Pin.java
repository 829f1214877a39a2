package dev.hetplace.planner.domain;

import dev.hetplace.cost.CostTable;
import dev.hetplace.cost.Option;
import dev.hetplace.hw.Choice;
import dev.hetplace.hw.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A user's {@code --pin conv0=cpu:fp32}: the addressed layer's group must take that device and precision. */
public record Pin(String layer, String device, Precision precision, String layout) {

    public static Pin parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new IllegalArgumentException("--pin '" + spec + "' is not LAYER=DEVICE:PRECISION (e.g. conv0=cpu:fp32)");
        }
        String[] parts = spec.substring(eq + 1).split(":");
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("--pin '" + spec + "' is not LAYER=DEVICE:PRECISION[:LAYOUT]");
        }
        Precision p;
        try {
            p = Precision.parse(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--pin '" + spec + "': " + e.getMessage());
        }
        return new Pin(spec.substring(0, eq), parts[0], p, parts.length == 3 ? parts[2].toLowerCase(Locale.ROOT) : null);
    }

    boolean matches(Choice c) {
        return c.device().equals(device) && c.precision() == precision && (layout == null || c.layout().id().equals(layout));
    }

    /**
     * Narrows a group's allowed options to this pin; refuses when the group has no such choice, naming
     * {@code narrowedBy} (the option that removed choices before the pins) when only it rules the pin out.
     */
    public List<List<Integer>> apply(CostTable t, GroupResolver resolver, List<List<Integer>> allowed, String narrowedBy) {
        int g;
        try {
            g = resolver.group(layer);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--pin " + this + ": " + e.getMessage());
        }
        List<Integer> kept = new ArrayList<>();
        for (int o : allowed.get(g)) {
            if (matches(t.options(g).get(o).choice())) {
                kept.add(o);
            }
        }
        if (kept.isEmpty()) {
            boolean offeredBefore = t.options(g).stream().anyMatch(o -> matches(o.choice()));
            if (offeredBefore) {
                List<String> left = allowed.get(g).stream().map(o -> t.options(g).get(o).choice().toString()).toList();
                throw new IllegalArgumentException("--pin " + this + " contradicts " + narrowedBy + ": group "
                        + t.graph().group(g).name() + " can take " + device + ":" + precision.id()
                        + (layout == null ? "" : ":" + layout) + ", but " + narrowedBy + " leaves it only "
                        + (left.isEmpty() ? "no choice" : String.join(", ", left)));
            }
            List<String> offered = t.options(g).stream().map(Option::choice).map(Choice::toString).toList();
            throw new IllegalArgumentException("--pin " + this + ": group " + t.graph().group(g).name() + " ("
                    + t.graph().anchor(t.graph().group(g)).opName() + ") cannot take " + device + ":" + precision.id()
                    + (layout == null ? "" : ":" + layout) + "; its choices are " + String.join(", ", offered)
                    + (allowed.get(g).size() < t.options(g).size() ? " (before other constraints)" : ""));
        }
        List<List<Integer>> result = new ArrayList<>(allowed);
        result.set(g, kept);
        return result;
    }

    @Override
    public String toString() {
        return layer + "=" + device + ":" + precision.id() + (layout == null ? "" : ":" + layout);
    }
}
