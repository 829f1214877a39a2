package dev.hetplace.hw;


/** Where and how one group runs: device id of the platform, precision, and the layout of its tensors. */
public record Choice(String device, Precision precision, Layout layout) implements Comparable<Choice> {

    public static Choice parse(String s) {
        String[] parts = s.split(":");
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("choice '" + s + "' is not device:precision[:layout]");
        }
        Layout layout = parts.length == 3 ? Layout.valueOf(parts[2].toUpperCase(java.util.Locale.ROOT)) : null;
        return new Choice(parts[0], Precision.parse(parts[1]), layout);
    }

    @Override
    public int compareTo(Choice o) {
        int c = device.compareTo(o.device);
        if (c != 0) {
            return c;
        }
        c = precision.compareTo(o.precision);
        return c != 0 ? c : layout.compareTo(o.layout);
    }

    @Override
    public String toString() {
        return device + ":" + precision.id() + (layout == Layout.BLOCKED ? ":blocked" : "");
    }
}
