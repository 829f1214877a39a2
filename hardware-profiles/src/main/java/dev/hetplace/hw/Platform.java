package dev.hetplace.hw;

import java.util.List;
import java.util.Optional;

/** Devices plus the links between them, as loaded from a hardware profile. */
public record Platform(String name, String description, List<Device> devices, List<Link> links) {

    public Platform {
        devices = List.copyOf(devices);
        links = List.copyOf(links);
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
}
