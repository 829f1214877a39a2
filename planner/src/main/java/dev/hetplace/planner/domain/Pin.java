package dev.hetplace.planner.domain;

import dev.hetplace.cost.CostTable;
import dev.hetplace.cost.Option;
import dev.hetplace.hw.Choice;
import dev.hetplace.hw.Precision;
import dev.hetplace.planner.setting.Setting;
import dev.hetplace.planner.setting.SettingException;
import dev.hetplace.planner.setting.Wording;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A user's pin such as {@code conv0=cpu:fp32}: the addressed layer's group must take that device and precision. */
public record Pin(String layer, String device, Precision precision, String layout) {

    public static Pin parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new SettingException(w -> w.name(Setting.PIN) + " '" + spec
                    + "' is not LAYER=DEVICE:PRECISION (e.g. conv0=cpu:fp32)");
        }
        String[] parts = spec.substring(eq + 1).split(":");
        if (parts.length < 2 || parts.length > 3) {
            throw new SettingException(w -> w.name(Setting.PIN) + " '" + spec + "' is not LAYER=DEVICE:PRECISION[:LAYOUT]");
        }
        Precision p;
        try {
            p = Precision.parse(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new SettingException(w -> w.name(Setting.PIN) + " '" + spec + "': " + e.getMessage());
        }
        return new Pin(spec.substring(0, eq), parts[0], p, parts.length == 3 ? parts[2].toLowerCase(Locale.ROOT) : null);
    }

    boolean matches(Choice c) {
        return c.device().equals(device) && c.precision() == precision && (layout == null || c.layout().id().equals(layout));
    }

    /**
     * Narrows a group's allowed options to this pin; refuses in the front end's wording {@code w} when the group has
     * no such choice, naming {@code narrowedBy} (the setting that removed choices before the pins, null for "other
     * constraints") when only it rules the pin out.
     */
    public List<List<Integer>> apply(CostTable t, GroupResolver resolver, List<List<Integer>> allowed,
                                     Setting narrowedBy, Wording w) {
        String pin = w.name(Setting.PIN) + " " + this;
        int g;
        try {
            g = resolver.group(layer);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(pin + ": " + e.getMessage());
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
                String by = narrowedBy == null ? "other constraints" : w.name(narrowedBy);
                throw new IllegalArgumentException(pin + " contradicts " + by + ": group "
                        + t.graph().group(g).name() + " can take " + device + ":" + precision.id()
                        + (layout == null ? "" : ":" + layout) + ", but " + by + " leaves it only "
                        + (left.isEmpty() ? "no choice" : String.join(", ", left)));
            }
            List<String> offered = t.options(g).stream().map(Option::choice).map(Choice::toString).toList();
            throw new IllegalArgumentException(pin + ": group " + t.graph().group(g).name() + " ("
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
