package dev.hetplace.experiments.spec;

/** A sweep spec that cannot run: the one-line message names the file and the key. */
public class SpecException extends IllegalArgumentException {
    public SpecException(String message) {
        super(message);
    }
}
