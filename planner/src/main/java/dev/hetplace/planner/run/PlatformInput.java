package dev.hetplace.planner.run;

import dev.hetplace.backends.cache.HetplaceCache;
import dev.hetplace.hw.Platform;
import dev.hetplace.hw.Profiles;
import java.util.List;
import java.util.Map;

/** Resolves the platform a run uses: named or from a file, defaulted from the targets, with overrides applied. */
public final class PlatformInput {
    private PlatformInput() {
    }

    public static Platform resolve(String platform, List<String> targets, Map<String, String> overrides) {
        return resolve(platform, targets, overrides, HetplaceCache.fromEnvironment());
    }

    /** As above; the {@code host} platform takes the latest measurement table in {@code cache}. */
    public static Platform resolve(String platform, List<String> targets, Map<String, String> overrides,
                                   HetplaceCache cache) {
        String name = platform != null ? platform : defaultFor(targets);
        Platform p;
        if (name.equals(Profiles.HOST)) {
            p = Profiles.withOverrides(HostPlatform.json(cache), name, overrides);
        } else {
            p = overrides.isEmpty() ? Profiles.resolve(name)
                    : Profiles.withOverrides(Profiles.resolveJson(name), name, overrides);
        }
        checkTargets(p, targets);
        return p;
    }

    /** Refuses a target the platform has no device for. */
    public static void checkTargets(Platform p, List<String> targets) {
        for (String t : targets) {
            if (p.device(t).isEmpty()) {
                throw new IllegalArgumentException("unknown target '" + t + "': platform " + p.name() + " has devices "
                        + String.join(", ", p.deviceIds()));
            }
        }
    }

    /** {@code cpu,gpu} -> x86-h200; anything with VTA, or the CPU alone -> pynq-z1. */
    public static String defaultFor(List<String> targets) {
        return targets.contains("gpu") ? "x86-h200" : "pynq-z1";
    }
}
