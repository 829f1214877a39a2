package dev.hetplace.hw;

import java.util.List;
import java.util.Optional;

/**
 * Devices plus the links between them, as loaded from a hardware profile. {@code notes} state where the figures
 * come from. Build one through {@link Profiles}, which validates it.
 */
public record Platform(String name, String description, List<Device> devices, List<Link> links,
                       List<String> notes) {

    public Platform {
        devices = List.copyOf(devices);
        links = List.copyOf(links);
        notes = List.copyOf(notes);
    }

    public Platform(String name, String description, List<Device> devices, List<Link> links) {
        this(name, description, devices, links, List.of());
    }

    public Optional<Device> device(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public Optional<Link> link(String from, String to) {
        return links.stream().filter(l -> l.from().equals(from) && l.to().equals(to)).findFirst();
    }

    public List<String> deviceIds() {
        return devices.stream().map(Device::id).toList();
    }

    /**
     * SHA-256 (lower-case hex) of the profile's canonical JSON: equal for equal platforms however their files were
     * formatted, different when any field differs. Computed on each call: keep it where it is used as a key.
     */
    public String profileHash() {
        return ProfileJson.hash(this);
    }
}
