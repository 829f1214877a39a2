package dev.hetplace.planner.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hetplace.backends.cache.HetplaceCache;
import dev.hetplace.backends.measure.HostMeasurements;
import dev.hetplace.backends.measure.Measurement;
import dev.hetplace.backends.measure.MeasurementTable;
import dev.hetplace.hw.Profiles;
import dev.hetplace.planner.setting.Setting;
import dev.hetplace.planner.setting.SettingException;
import java.nio.file.Path;

/**
 * The built-in {@code host} platform for this machine: its CPU (ISA from {@code os.arch}, cores from the JVM)
 * calibrated against the latest measurement table {@code place measure} left in the cache, at the largest thread
 * count that table measured.
 */
public final class HostPlatform {
    private HostPlatform() {
    }

    public static ObjectNode json(HetplaceCache cache) {
        Path table = HostMeasurements.latest(cache).orElseThrow(() -> new SettingException(w ->
                "platform 'host' has no measurements of this machine yet: run `" + w.name(Setting.MEASURE) + " "
                        + w.name(Setting.MODEL) + " M` first (looked in " + cache.measurements() + ")"));
        int threads = MeasurementTable.read(table).layers().stream().filter(m -> m.device().equals("cpu"))
                .mapToInt(Measurement::threads).max().orElseThrow(() -> new SettingException(w ->
                        "platform 'host': measurement table " + table + " has no cpu rows; run `"
                                + w.name(Setting.MEASURE) + "` again"));
        return Profiles.hostJson(table.toAbsolutePath().toString(), System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), Math.max(1, threads));
    }
}
