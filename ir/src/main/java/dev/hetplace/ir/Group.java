package dev.hetplace.ir;

import java.util.List;

/**
 * The unit of placement: an anchor layer (conv, dense, pool, add, ...) plus the layers TVM fuses into it
 * (batch norm, bias, activation). {@code inputs} are the ids of the layers outside the group whose outputs
 * it reads; {@code output} is the id of its last layer, whose tensor leaves the group.
 */
public record Group(int id, String name, int anchor, List<Integer> layers, List<Integer> inputs, int output) {
    public Group {
        layers = List.copyOf(layers);
        inputs = List.copyOf(inputs);
    }

    public String ref() {
        return "g" + id;
    }
}
