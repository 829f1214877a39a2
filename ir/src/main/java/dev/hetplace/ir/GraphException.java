package dev.hetplace.ir;

/** A graph is malformed: a cycle, a dangling input, a duplicate name, a shape mismatch at a named layer. */
public class GraphException extends IllegalArgumentException {
    public GraphException(String message) {
        super(message);
    }
}
