package dev.hetplace.hw;

/** A directed data path between two devices: a fixed latency plus bytes over a bandwidth. */
public record Link(String from, String to, double latencyUs, double bandwidthGBps) {

    public long transferNs(long bytes) {
        return Math.round(latencyUs * 1000.0 + bytes / bandwidthGBps);
    }
}
