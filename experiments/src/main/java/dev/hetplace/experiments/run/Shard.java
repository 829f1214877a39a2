package dev.hetplace.experiments.run;

/** {@code --shard i/n}: the runs whose index modulo {@code n} is {@code i}. */
public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("--shard must be i/n with 0 <= i < n, got " + index + "/" + count);
        }
    }

    public static Shard parse(String s) {
        String[] p = s.split("/", -1);
        if (p.length != 2) {
            throw new IllegalArgumentException("--shard must be i/n (e.g. 0/4), got '" + s + "'");
        }
        try {
            return new Shard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard must be i/n with integers (e.g. 0/4), got '" + s + "'");
        }
    }

    public boolean contains(int runIndex) {
        return runIndex % count == index;
    }
}
