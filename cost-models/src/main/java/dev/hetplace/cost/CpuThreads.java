package dev.hetplace.cost;

import dev.hetplace.hw.Device;
import dev.hetplace.hw.DeviceKind;
import dev.hetplace.hw.Platform;
import java.util.List;

/** Overrides a CPU's thread count, the one device field every CPU cost depends on. */
public final class CpuThreads {
    private CpuThreads() {
    }

    public static Device with(Device d, int threads) {
        if (d.kind() != DeviceKind.CPU) {
            return d;
        }
        if (threads < 1) {
            throw new IllegalArgumentException("a CPU needs at least 1 thread, got " + threads);
        }
        return new Device(d.id(), d.kind(), d.name(), d.precisions(), d.ops(), d.opRestrictions(), d.memoryBytes(),
                d.cpu().withThreads(threads), d.vta(), d.gpu());
    }

    /** The platform with every CPU set to {@code threads}. */
    public static Platform with(Platform p, int threads) {
        List<Device> devices = p.devices().stream().map(d -> with(d, threads)).toList();
        return new Platform(p.name(), p.description(), devices, p.links(), p.notes());
    }
}
