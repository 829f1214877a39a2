package dev.hetplace.backends.exec;

/** A calibration input file (or directory) is unusable: wrong size, dtype or shape, NaN or infinite values. */
public class InputFileException extends IllegalArgumentException {
    public InputFileException(String message) {
        super(message);
    }
}
