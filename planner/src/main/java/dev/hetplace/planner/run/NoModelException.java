package dev.hetplace.planner.run;

/** A run asked for a model without naming one (blank); the command line words it with its own option. */
public final class NoModelException extends IllegalArgumentException {
    public NoModelException() {
        super("no model named (a zoo name from `place models` or an .onnx path)");
    }
}
