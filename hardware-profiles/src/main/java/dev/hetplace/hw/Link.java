package dev.hetplace.hw;

/**
 * A directed data path between two devices: a fixed latency plus bytes over a bandwidth. {@code comment} says
 * where the figures come from (empty when the profile gives none).
 */
public record Link(String from, String to, double latencyUs, double bandwidthGBps, String comment) {

    public Link {
        comment = comment == null ? "" : comment;
    }

    public Link(String from, String to, double latencyUs, double bandwidthGBps) {
        this(from, to, latencyUs, bandwidthGBps, "");
    }

    /** Latency plus bytes over bandwidth (1 GB/s moves one byte per nanosecond). */
    public long transferNs(long bytes) {
        return Math.round(latencyUs * 1000.0 + bytes / bandwidthGBps);
    }
}
