package dev.hetplace.ir.zoo;

/** A model name that is not in the zoo; the message suggests the closest names. */
public class UnknownModelException extends IllegalArgumentException {
    public UnknownModelException(String message) {
        super(message);
    }
}
