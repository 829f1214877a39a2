package dev.hetplace.planner.domain;

/** Turns a user's layer reference ({@code #12}, a name, {@code convN}) into the group id it belongs to. */
@FunctionalInterface
public interface GroupResolver {
    int group(String layerRef);
}
