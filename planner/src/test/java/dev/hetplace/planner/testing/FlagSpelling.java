package dev.hetplace.planner.testing;

import dev.hetplace.planner.setting.Wording;
import java.util.Locale;

/** A wording that spells settings as place's flags do, for tests that call the layers below the CLI directly. */
public final class FlagSpelling {
    public static final Wording FLAGS = s -> "--" + s.name().toLowerCase(Locale.ROOT).replace('_', '-');

    private FlagSpelling() {
    }
}
