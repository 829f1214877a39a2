package dev.hetplace.planner.timefold;

import dev.hetplace.hw.Choice;

/**
 * A planning value: one (device, precision, layout) choice, shared by every group that may take it, so that a
 * swap move can exchange the choices of two groups. {@code device} is the device's index in the problem's device
 * list. Equality is by {@code id}, which also keeps hashing independent of enum identity hash codes.
 */
public record DeviceChoice(int id, Choice choice, int device) {
    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceChoice other && other.id == id;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(id);
    }

    @Override
    public String toString() {
        return choice.toString();
    }
}
