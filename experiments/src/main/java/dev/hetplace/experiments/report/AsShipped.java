package dev.hetplace.experiments.report;

import dev.hetplace.experiments.spec.RunSpec;
import dev.hetplace.hw.Profiles;
import java.util.HashMap;
import java.util.Map;

/**
 * Whether a run's overrides leave its platform as shipped (e.g. {@code devices.vta.logBlockIn=4} on pynq-z1), so
 * figures that show one configuration per platform can pick the one users get by default.
 */
final class AsShipped {
    private final Map<String, Boolean> memo = new HashMap<>();

    boolean test(RunSpec r) {
        if (r.overrides().isEmpty()) {
            return true;
        }
        return memo.computeIfAbsent(r.platform() + "\u0000" + r.overridesText(), k -> {
            try {
                return Profiles.withOverrides(Profiles.resolveJson(r.platform()), r.platform(), r.overrides())
                        .profileHash().equals(Profiles.resolve(r.platform()).profileHash());
            } catch (IllegalArgumentException e) {
                return false;
            }
        });
    }
}
