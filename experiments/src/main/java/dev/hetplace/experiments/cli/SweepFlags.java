package dev.hetplace.experiments.cli;

import dev.hetplace.experiments.spec.SpecKeys;
import dev.hetplace.planner.setting.PlaceSpelling;
import dev.hetplace.planner.setting.Setting;
import dev.hetplace.planner.setting.Wording;

/**
 * The {@code sweep} command's wording: its own options as its flags; other settings as its spec's keys in refusals
 * (what a sweep user typed), and as place's flags in reports (which tell a reader what to type into {@code place}).
 */
public final class SweepFlags {
    /** For the sweep command's error lines. */
    public static final Wording ERRORS = s -> own(s, SpecKeys.WORDING);

    /** For {@code sweep report}'s prose and figure titles. */
    public static final Wording REPORT = s -> own(s, PlaceSpelling.WORDING);

    private SweepFlags() {
    }

    private static String own(Setting s, Wording others) {
        return switch (s) {
            case OUT -> "--out";
            case RESUME -> "--resume";
            case SHARD -> "--shard";
            case THREADS -> "--threads";
            case RETRY_FAILED -> "--retry-failed";
            default -> others.name(s);
        };
    }
}
