package dev.hetplace.planner.setting;

import java.util.Locale;

/** How a front end spells a setting for its user: {@code place} as its flag, a sweep spec as its key. */
@FunctionalInterface
public interface Wording {
    String name(Setting setting);

    /** The spelling where no front end says one (a library call): the setting's constant, e.g. {@code tvm_compatible}. */
    Wording PLAIN = s -> s.name().toLowerCase(Locale.ROOT);
}
