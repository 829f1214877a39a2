package dev.hetplace.experiments.run;

import dev.hetplace.planner.setting.Setting;
import dev.hetplace.planner.setting.SettingException;
import java.nio.file.Path;
import java.util.Locale;

/** {@code --shard i/n}: the {@code i}-th of {@code n} equal slices of a spec's runs ({@link ShardAssignment}). */
public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new SettingException(w -> w.name(Setting.SHARD) + " must be i/n with 0 <= i < n, got " + index + "/"
                    + count);
        }
    }

    public static Shard parse(String s) {
        String[] p = s.split("/", -1);
        if (p.length != 2) {
            throw new SettingException(w -> w.name(Setting.SHARD) + " must be i/n (e.g. 0/4), got '" + clip(s) + "'");
        }
        try {
            return new Shard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
        } catch (NumberFormatException e) {
            throw new SettingException(w -> w.name(Setting.SHARD) + " must be i/n with integers (e.g. 0/4), got '"
                    + clip(s) + "'");
        }
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /** Runs of a spec of {@code specRuns} runs that fall in this shard. */
    public int size(int specRuns) {
        return start(index + 1, count, specRuns) - start(index, count, specRuns);
    }

    /** Where slice {@code i} of {@code n} starts in a sequence of {@code total}. */
    static int start(int i, int n, int total) {
        return (int) ((long) i * total / n);
    }

    /** {@code shard-0003-of-0016}: the directory this shard writes under a shared {@code --out}. */
    public String directoryName() {
        int width = Math.max(4, Integer.toString(count).length());
        return String.format(Locale.ROOT, "shard-%0" + width + "d-of-%0" + width + "d", index, count);
    }

    /** Where this shard's results go: {@code out} itself for an unsharded sweep, else its own directory under it. */
    public Path directory(Path out) {
        return count == 1 ? out : out.resolve(directoryName());
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
