package dev.hetplace.cost;

/**
 * One conversion a tensor undergoes on its way to a consumer: a transfer to a device, a cast to a precision on a
 * device, or a layout change on a device. {@code key} identifies the step for a given producer, so a step shared by
 * several consumers is paid once per tensor (e.g. {@code cast:int8@cpu}, {@code layout:blocked@cpu},
 * {@code transfer:cpu->vta}).
 */
public record CrossingStep(Kind kind, String key, long ns) {
    public enum Kind { TRANSFER, CAST, LAYOUT }

    /** The devices kept busy by this step: the converting device, or both ends of a transfer. */
    public java.util.List<String> devices() {
        if (kind == Kind.TRANSFER) {
            String route = key.substring("transfer:".length(), key.lastIndexOf(':'));
            int arrow = route.indexOf("->");
            return java.util.List.of(route.substring(0, arrow), route.substring(arrow + 2));
        }
        return java.util.List.of(key.substring(key.lastIndexOf('@') + 1));
    }
}
